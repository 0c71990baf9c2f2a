//! Balance transactions: the summary totals a balance's credits and debits.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "transactions",
    actions: &[ActionNote::new("summary", "Transaction summary").reads()],
    ..Overlay::NONE
};
