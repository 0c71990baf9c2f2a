//! Charges: ad hoc, or a fee on a balance, whose id `entityId` then holds.

use crate::overlay::{Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "charges",
    fields: &[Note::at("entityId").link_by("entityType")],
    ..Overlay::NONE
};
