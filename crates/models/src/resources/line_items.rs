//! Line items of bills: every bill's at once, and the usage behind a usage line item; and the
//! credits and debits an admin adds to a bill, which are line items of their own kinds.

use serde_json::Value;

use crate::overlay::{ActionNote, FilterNote, Forms, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "line-items",
    // A line item has no name: what it charges for says which one it is.
    title: "description",
    columns: &[
        "lineItemType",
        "productId",
        "servicePeriodStartDate",
        "servicePeriodEndDate",
        "quantity",
        "subtotal",
        "currency",
    ],
    filters: &[FilterNote::shaping("additional")],
    actions: &[
        ActionNote::new("all-bills", "Line items of all bills").reads(),
        ActionNote::new("usage-json", "Download usage (JSON)").reads(),
    ],
    ..Overlay::NONE
};

/// A credit or debit names itself by what it is for, like a line item; its reason is one of the
/// credit (debit) reasons, and the line item it refers to is one of the bill it refers to.
macro_rules! adjustment {
    ($key:literal, $reason:literal, $reasons:literal) => {
        Overlay {
            key: $key,
            title: "description",
            fields: &[
                Note::at("reasonId").link($reasons),
                Note::at("referencedLineItemId").under("referencedBillId"),
            ],
            columns: &[
                "lineItemType",
                "amount",
                "productId",
                $reason,
                "servicePeriodStartDate",
                "servicePeriodEndDate",
            ],
            ..Overlay::NONE
        }
    };
}

pub static CREDIT_OVERLAY: Overlay =
    adjustment!("credit-line-items", "creditReasonId", "credit-reasons");
pub static DEBIT_OVERLAY: Overlay =
    adjustment!("debit-line-items", "debitReasonId", "debit-reasons");

/// m3ter takes three fields of a credit or debit that it never answers: an admin should know the
/// page will not show them, and which reason field it does show. The accounting product is needed
/// on every write, so an edit (or a re-create from a deleted body) starts it as the product.
macro_rules! adjustment_help {
    ($key:literal, $what:literal) => {
        Forms {
            key: $key,
            help: &[
                (
                    "reasonId",
                    concat!(
                        "Not shown again once saved: the ",
                        $what,
                        " reason field is the one the page shows."
                    ),
                ),
                ("amountToApplyOnBill", "Not shown again once saved."),
                (
                    "accountingProductId",
                    concat!(
                        "The product your accounts book the amount to. Not shown again once ",
                        "saved, so changing a ",
                        $what,
                        " starts it as the product."
                    ),
                ),
            ],
            starts_as: &[("accountingProductId", "productId")],
            ..Forms::NONE
        }
    };
}

pub static CREDIT_FORMS: Forms = adjustment_help!("credit-line-items", "credit");
pub static DEBIT_FORMS: Forms = adjustment_help!("debit-line-items", "debit");

pub static FORMS: Forms = Forms {
    key: "line-items",
    available: &[("usage-json", has_usage)],
    ..Forms::NONE
};

/// Why this line item has no usage to download (`None`: it has). Only usage line items do.
pub fn has_usage(item: &Value) -> Option<String> {
    match item.get("lineItemType").and_then(Value::as_str) {
        Some("USAGE") => None,
        Some(other) => Some(format!(
            "Only usage line items have usage data (this one is {other})."
        )),
        None => {
            Some("The line item's type is not known; only usage line items have usage data.".into())
        }
    }
}
