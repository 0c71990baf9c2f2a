//! Contracts: ending the billing entities a contract holds on one date.

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "contracts",
    actions: &[ActionNote::new(
        "end-date-billing-entities",
        "End-date billing entities",
    )],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "contracts",
    confirms: &[(
        "end-date-billing-entities",
        "The chosen kinds of billing entity under this contract end on the date given.",
    )],
    ..Forms::NONE
};
