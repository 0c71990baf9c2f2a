//! Contracts: ending the billing entities a contract holds on one date.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "contracts",
    actions: &[
        ActionNote::new("end-date-billing-entities", "End-date billing entities").confirm(
            "The chosen kinds of billing entity under this contract end on the date given.",
        ),
    ],
    ..Overlay::NONE
};
