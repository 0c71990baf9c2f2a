//! Commitments (prepayments): searchable like bills and accounts.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "commitments",
    columns: &[
        "accountId",
        "amount",
        "amountSpent",
        "currency",
        "startDate",
        "endDate",
        "dtLastModified",
    ],
    actions: &[ActionNote::new("search", "Search commitments").reads()],
    ..Overlay::NONE
};
