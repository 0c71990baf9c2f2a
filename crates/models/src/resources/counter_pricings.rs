//! Counter pricings: each prices a counter for one plan or one plan template.

use super::pricings::{plan_or_template, PLAN_HELP};
use crate::overlay::{Forms, Operation, Overlay};
use crate::validate::{Checker, Obj};

/// Pages find the forms through it.
pub static OVERLAY: Overlay = Overlay {
    key: "counter-pricings",
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "counter-pricings",
    help: &PLAN_HELP,
    rules: Some(rules),
    ..Forms::NONE
};

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    plan_or_template(c, o, "a counter pricing");
}
