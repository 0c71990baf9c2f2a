//! Commitments (prepayments): searchable like bills and accounts.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "commitments",
    actions: &[ActionNote::new("search", "Search commitments").reads()],
    ..Overlay::NONE
};
