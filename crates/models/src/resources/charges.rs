//! Charges: ad hoc, or a balance's fee, when its entity id is the balance's.

use crate::overlay::{Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "charges",
    fields: &[Note::at("entityId").link_by("entityType")],
    ..Overlay::NONE
};
