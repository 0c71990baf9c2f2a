//! Balance transactions: the summary totals a balance's credits and debits.

use crate::overlay::{ActionNote, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "transactions",
    // Named by what it is for (an id where it says nothing).
    title: "description",
    // What each one is for (the bill or commitment it settles) is worth a column.
    columns: &[
        "amount",
        "paid",
        "currencyPaid",
        "transactionTypeId",
        "entityId",
        "transactionDate",
    ],
    fields: &[Note::at("entityId").link_by("entityType")],
    actions: &[ActionNote::new("summary", "Transaction summary").reads()],
    ..Overlay::NONE
};
