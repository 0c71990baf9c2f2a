//! Accounts: search, child accounts, and ending an account's billing entities on one date.

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "accounts",
    columns: &[
        "code",
        "emailAddress",
        "currency",
        "parentAccountId",
        "dtLastModified",
    ],
    actions: &[
        ActionNote::new("search", "Search accounts").reads(),
        ActionNote::new("children", "Child accounts").reads(),
        ActionNote::new("end-date-billing-entities", "End-date billing entities"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "accounts",
    confirms: &[
        ("end-date-billing-entities", "The chosen kinds of billing entity of this account (and of its child accounts, when asked) end on the date given."),
    ],
    ..Forms::NONE
};
