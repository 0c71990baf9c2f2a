//! Bills: approved before they are locked, and unchangeable once locked; their statements (JSON
//! and CSV), searches, and the bills of an account or a billing period.

use serde_json::Value;

use crate::overlay::{ActionNote, Asks, FilterNote, Forms, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "bills",
    title_from: Some(title),
    // The title names the account and the period; the list says where each bill stands.
    columns: &[
        "accountId",
        "billDate",
        "status",
        "locked",
        "billTotal",
        "currency",
        "billingFrequency",
    ],
    actions: &[
        ActionNote::new("latest", "Latest bill of an account").reads(),
        ActionNote::new("for-account", "Bills of an account").reads(),
        ActionNote::new("in-billing-period", "Bills of a billing period").reads(),
        ActionNote::new("search", "Search bills").reads(),
        ActionNote::new("status", "Change status"),
        ActionNote::new("lock", "Lock bill"),
        ActionNote::new("approve", "Approve bills"),
        ActionNote::new("approve-billing-period", "Approve billing period"),
        ActionNote::new("statement-json", "Download statement (JSON)").reads(),
        ActionNote::new("statement-csv", "Download statement (CSV)").reads(),
        ActionNote::new("generate-statement-csv", "Generate statement (CSV)").reads(),
        ActionNote::new("download-csv", "Download bills (CSV)").reads(),
        ActionNote::new("preview", "Preview a bill").reads(),
    ],
    // The line items a bill carries are its own: each opens below it.
    fields: &[Note::at("lineItems.id").link("line-items")],
    filters: &[
        FilterNote::shaping("excludeLineItems"),
        FilterNote::shaping("includeBillTotal"),
        FilterNote::shaping("additional"),
    ],
    // A bill's line items have their own list; in a list of bills they are weight no one reads.
    // Its total is a column, and m3ter's parameter says a list has it when asked.
    asks: Asks {
        list: &[("excludeLineItems", "true"), ("includeBillTotal", "true")],
        item: &[],
    },
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "bills",
    confirms: &[
        ("status", "The bill's approval status is set to the one you choose."),
        ("lock", "A locked bill can no longer be changed, approved again or recalculated."),
        ("approve", "Every listed bill that is still pending becomes approved."),
        ("approve-billing-period", "Every pending bill whose billing period ends on that date, at that frequency, becomes approved."),
    ],
    available: &[("status", status_changeable), ("lock", lockable)],
    ..Forms::NONE
};

/// A bill by its invoice number once it has one, else by its account and period
/// ("acme_1, 2025-01-01 to 2025-02-01"): bills have no name, and their ids say nothing.
pub fn title(bill: &Value) -> Option<String> {
    let text = |key| {
        bill.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if let Some(number) = text("sequentialInvoiceNumber") {
        return Some(number.to_owned());
    }
    let account = text("accountCode").or_else(|| text("accountId"))?;
    match (text("startDate"), text("endDate")) {
        (Some(from), Some(to)) => Some(format!("{account}, {from} to {to}")),
        _ => Some(account.to_owned()),
    }
}

fn flag(bill: &Value, key: &str) -> bool {
    bill.get(key).and_then(Value::as_bool) == Some(true)
}

/// Why this bill cannot be locked (`None`: it can). Only an approved bill that is not locked yet.
pub fn lockable(bill: &Value) -> Option<String> {
    if flag(bill, "locked") {
        return Some("This bill is already locked.".into());
    }
    match bill.get("status").and_then(Value::as_str) {
        Some("APPROVED") => None,
        Some(other) => Some(format!(
            "Only approved bills can be locked (this one is {other}): approve it first."
        )),
        None => Some("The bill's status is not known; only approved bills can be locked.".into()),
    }
}

/// Why this bill's status cannot be changed (`None`: it can). A locked bill keeps its status.
pub fn status_changeable(bill: &Value) -> Option<String> {
    flag(bill, "locked").then(|| "This bill is locked: its status can no longer change.".into())
}

/// Why this bill cannot be recalculated (`None`: it can). A locked bill stays as it is.
pub fn recalculable(bill: &Value) -> Option<String> {
    flag(bill, "locked").then(|| "This bill is locked and cannot be recalculated.".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_bill_is_named_by_its_number_else_its_account_and_period() {
        let period =
            json!({"accountCode": "acme_1", "startDate": "2025-01-01", "endDate": "2025-02-01"});
        assert_eq!(
            title(&period).as_deref(),
            Some("acme_1, 2025-01-01 to 2025-02-01")
        );
        let mut numbered = period.clone();
        numbered["sequentialInvoiceNumber"] = json!("INV-0042");
        assert_eq!(title(&numbered).as_deref(), Some("INV-0042"));
        assert_eq!(title(&json!({"accountId": "a-1"})).as_deref(), Some("a-1"));
        assert_eq!(title(&json!({"id": "b-1"})), None);
        let r = crate::catalogue::resource("bills").expect("bills");
        assert_eq!(crate::resources::title_of(r, &json!({"id": "b-1"})), "b-1");
        assert_eq!(
            crate::resources::title_of(r, &period),
            "acme_1, 2025-01-01 to 2025-02-01"
        );
    }
}
