//! Counter pricings: each prices a counter for one plan or one plan template.

use crate::overlay::{Forms, Operation, Overlay};
use crate::validate::{Checker, Obj};

/// Pages find the forms through it.
pub static OVERLAY: Overlay = Overlay {
    key: "counter-pricings",
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "counter-pricings",
    help: &[
        ("planId", "Either a plan or a plan template, not both."),
        (
            "planTemplateId",
            "Either a plan template or a plan, not both.",
        ),
    ],
    rules: Some(rules),
    ..Forms::NONE
};

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    c.one_of(
        o,
        "planId",
        "planTemplateId",
        "a counter pricing is for a plan or for a plan template, not both: clear one",
        "is required, or else a plan template",
    );
}
