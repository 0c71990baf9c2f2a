//! Line items of bills: every bill's at once, and the usage behind a usage line item.

use serde_json::Value;

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "line-items",
    actions: &[
        ActionNote::new("all-bills", "Line items of all bills").reads(),
        ActionNote::new("usage-json", "Download usage (JSON)").reads(),
    ],
    ..Overlay::NONE
};

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
