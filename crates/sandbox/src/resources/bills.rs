//! Bills: monthly (and some yearly) periods through 2025, pending, approved and locked ones; their
//! actions: approve (by id or by billing period), change status, lock (approved, unlocked bills
//! only), the latest bill and the bills of an account or a billing period, statements as JSON and
//! CSV files built from the bill and its line items, all bills as a CSV file, a preview of the
//! next bill of an account (nothing saved), and search.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use m3ter_models::resources::bills::{lockable, status_changeable};
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::entity::{stamp, touch};
use crate::error::{ApiError, ApiResult};
use crate::files::{csv_line, Link};
use crate::ids::{new_id, SANDBOX_USER};
use crate::paging;
use crate::query::Query;
use crate::seeder::Seeder;
use crate::store::{id_of, Store};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "bills",
    actions: &[
        ("latest", latest),
        ("for-account", for_account),
        ("in-billing-period", in_billing_period),
        ("search", search),
        ("status", status),
        ("lock", lock),
        ("approve", approve),
        ("approve-billing-period", approve_billing_period),
        ("statement-json", statement_json),
        ("statement-csv", statement_csv),
        ("generate-statement-csv", generate_statement_csv),
        ("download-csv", download_csv),
        ("preview", preview),
    ],
    on_answer: Some(answer),
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "bills";

/// m3ter answers a bill with its line items unless told not to (`excludeLineItems=true`).
fn answer(bill: &mut Value, q: &Query, store: &Store) {
    let exclude = q
        .one("excludeLineItems")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let items = (!exclude).then(|| line_items(store, bill));
    if let Some(map) = bill.as_object_mut() {
        match items {
            Some(items) => map.insert("lineItems".into(), Value::Array(items)),
            None => map.remove("lineItems"),
        };
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A cell of a file: text as it is, numbers and flags as JSON writes them, nothing for the rest.
fn cell(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
        _ => String::new(),
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

fn bill_mut<'a>(store: &'a mut Store, id: &str) -> ApiResult<&'a mut Value> {
    store
        .collection_mut(KEY)
        .get_mut(id)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Bill {id} not found")))
}

fn bill(store: &Store, id: &str) -> ApiResult<Value> {
    store
        .collection(KEY)
        .and_then(|c| c.get(id))
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::not_found(format!("Bill {id} not found")))
}

fn query(call: &Call<'_>) -> Query {
    Query(call.query.clone())
}

fn param<'a>(call: &'a Call<'_>, name: &str) -> &'a str {
    call.params
        .get(name)
        .map(String::as_str)
        .unwrap_or_default()
}

/// The account named in the path, which must exist.
fn account(call: &Call<'_>) -> ApiResult<String> {
    let id = param(call, "accountId");
    let exists = call
        .store
        .collection("accounts")
        .and_then(|c| c.get(id))
        .is_some();
    if !exists {
        return Err(ApiError::not_found(format!("Account {id} not found")));
    }
    Ok(id.to_owned())
}

/// The last day of a bill's billing period (its end date is exclusive).
fn last_day(bill: &Value) -> Option<NaiveDate> {
    date(text(bill, "endDate")).and_then(|d| d.pred_opt())
}

/// The billing period named in the path: its last day and its frequency.
fn period(call: &Call<'_>) -> ApiResult<(NaiveDate, String)> {
    let raw = param(call, "lastDateInBillingPeriod");
    let last = date(raw).filter(|_| raw.len() == 10).ok_or_else(|| {
        ApiError::bad_request(format!(
            "lastDateInBillingPeriod: must be a date such as 2025-03-31 (got {raw})"
        ))
    })?;
    let frequency = param(call, "billingFrequency").to_ascii_uppercase();
    let known = ["DAILY", "WEEKLY", "MONTHLY", "ANNUALLY", "AD_HOC", "MIXED"];
    if !known.contains(&frequency.as_str()) {
        return Err(ApiError::bad_request(format!(
            "billingFrequency: must be one of {} (got {})",
            known.join(", "),
            param(call, "billingFrequency")
        )));
    }
    Ok((last, frequency))
}

fn in_period(bill: &Value, last: NaiveDate, frequency: &str) -> bool {
    text(bill, "billingFrequency") == frequency && last_day(bill) == Some(last)
}

fn latest(call: &mut Call<'_>) -> ApiResult<Value> {
    let account = account(call)?;
    let bills = call.store.collection(KEY);
    // The newest bill date wins; between equal dates, the bill stored last.
    let best = bills
        .into_iter()
        .flat_map(|c| c.values())
        .filter(|s| text(&s.value, "accountId") == account)
        .fold(None::<&Value>, |best, s| match best {
            Some(b) if text(b, "billDate") > text(&s.value, "billDate") => Some(b),
            _ => Some(&s.value),
        });
    best.cloned()
        .ok_or_else(|| ApiError::not_found(format!("Account {account} has no bills")))
}

fn for_account(call: &mut Call<'_>) -> ApiResult<Value> {
    let account = account(call)?;
    paging::of_stored(call.store, call.ctx.resource, &query(call), |s| {
        text(&s.value, "accountId") == account
    })
}

fn in_billing_period(call: &mut Call<'_>) -> ApiResult<Value> {
    let (last, frequency) = period(call)?;
    paging::of_stored(call.store, call.ctx.resource, &query(call), |s| {
        in_period(&s.value, last, &frequency)
    })
}

fn search(call: &mut Call<'_>) -> ApiResult<Value> {
    crate::search::search(call.store, call.ctx.resource, &query(call))
}

/// Approves a pending, unlocked bill; whether it changed.
fn approve_one(bill: &mut Value, now: DateTime<Utc>) -> bool {
    if text(bill, "status") != "PENDING" || status_changeable(bill).is_some() {
        return false;
    }
    bill["status"] = json!("APPROVED");
    bill["dtApproved"] = stamp(now);
    bill["approvedBy"] = json!(SANDBOX_USER);
    touch(bill, now);
    true
}

fn status(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let wanted = text(&call.body, "status").to_owned();
    if !matches!(wanted.as_str(), "PENDING" | "APPROVED") {
        return Err(ApiError::bad_request(format!(
            "status: must be PENDING or APPROVED (got {wanted})"
        )));
    }
    let now = call.ctx.now;
    let bill = bill_mut(call.store, id)?;
    if let Some(why) = status_changeable(bill) {
        return Err(ApiError::bad_request(format!(
            "Bill {id} cannot change status: {why}"
        )));
    }
    if text(bill, "status") != wanted {
        bill["status"] = json!(wanted);
        if wanted == "APPROVED" {
            bill["dtApproved"] = stamp(now);
            bill["approvedBy"] = json!(SANDBOX_USER);
        } else if let Some(map) = bill.as_object_mut() {
            map.remove("dtApproved");
            map.remove("approvedBy");
        }
        touch(bill, now);
    }
    Ok(bill.clone())
}

fn lock(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let now = call.ctx.now;
    let bill = bill_mut(call.store, id)?;
    if let Some(why) = lockable(bill) {
        return Err(ApiError::bad_request(format!(
            "Bill {id} cannot be locked: {why}"
        )));
    }
    let year = bill
        .get("startDate")
        .and_then(Value::as_str)
        .and_then(|d| d.get(0..4))
        .unwrap_or("2025")
        .to_owned();
    let numbered = bill
        .get("sequentialInvoiceNumber")
        .is_some_and(|n| n.as_str().is_some_and(|n| !n.is_empty()));
    bill["locked"] = json!(true);
    bill["dtLocked"] = stamp(now);
    bill["lockedBy"] = json!(SANDBOX_USER);
    touch(bill, now);
    if !numbered {
        let number = next_invoice_number(call.store, &year);
        bill_mut(call.store, id)?["sequentialInvoiceNumber"] = json!(number);
    }
    self::bill(call.store, id)
}

/// A locked bill's invoice number: the year's next one after the highest handed out (the demo's
/// locked bills have theirs: `INV-2025-0003`).
fn next_invoice_number(store: &Store, year: &str) -> String {
    let prefix = format!("INV-{year}-");
    let last = store
        .collection(KEY)
        .into_iter()
        .flat_map(|c| c.values())
        .filter_map(|s| {
            s.value
                .get("sequentialInvoiceNumber")?
                .as_str()?
                .strip_prefix(&prefix)?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:04}", last.saturating_add(1))
}

fn approved_message(approved: usize, matched: usize) -> Value {
    let plural = |n: usize| if n == 1 { "bill" } else { "bills" };
    let unchanged = matched.saturating_sub(approved);
    let mut message = format!("{approved} {} approved", plural(approved));
    if unchanged > 0 {
        message.push_str(&format!(
            "; {unchanged} {} already approved or locked",
            plural(unchanged)
        ));
    }
    json!({ "message": message })
}

fn approve(call: &mut Call<'_>) -> ApiResult<Value> {
    let ids: Vec<String> = call.body_texts("billIds");
    let bills = call.store.collection_mut(KEY);
    let unknown: Vec<&str> = ids
        .iter()
        .filter(|id| bills.get(id).is_none())
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::not_found(format!(
            "No bill {}: nothing was approved",
            unknown.join(", ")
        )));
    }
    let now = call.ctx.now;
    let mut approved = 0;
    for id in &ids {
        if let Some(s) = bills.get_mut(id) {
            approved += usize::from(approve_one(&mut s.value, now));
        }
    }
    Ok(approved_message(approved, ids.len()))
}

fn approve_billing_period(call: &mut Call<'_>) -> ApiResult<Value> {
    let (last, frequency) = period(call)?;
    let now = call.ctx.now;
    let (mut approved, mut matched) = (0, 0);
    for s in call.store.collection_mut(KEY).values_mut() {
        if in_period(&s.value, last, &frequency) {
            matched += 1;
            approved += usize::from(approve_one(&mut s.value, now));
        }
    }
    Ok(approved_message(approved, matched))
}

/// A bill's line items in the order its list shows them: those stored under it, else those the
/// bill carries.
fn line_items(store: &Store, bill: &Value) -> Vec<Value> {
    let id = id_of(bill);
    let stored: Vec<Value> = store
        .collection("line-items")
        .into_iter()
        .flat_map(|c| c.values().rev())
        .filter(|s| s.parent == id)
        .map(|s| s.value.clone())
        .collect();
    if stored.is_empty() {
        bill.get("lineItems")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    } else {
        stored
    }
}

fn subtotal(item: &Value) -> f64 {
    item.get("subtotal").and_then(Value::as_f64).unwrap_or(0.0)
}

/// The statement of a bill as JSON: the bill's terms, its line items and their total.
pub fn statement(store: &Store, bill: &Value) -> Value {
    let items = line_items(store, bill);
    let total: f64 = items.iter().map(subtotal).sum();
    let keys = [
        "id",
        "lineItemType",
        "description",
        "productName",
        "productCode",
        "meterId",
        "servicePeriodStartDate",
        "servicePeriodEndDate",
        "quantity",
        "unit",
        "subtotal",
        "currency",
    ];
    let items: Vec<Value> = items
        .iter()
        .map(|item| {
            let picked = keys
                .iter()
                .filter_map(|k| item.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                .collect::<serde_json::Map<_, _>>();
            Value::Object(picked)
        })
        .collect();
    json!({
        "billId": id_of(bill),
        "accountId": bill.get("accountId"),
        "accountCode": bill.get("accountCode"),
        "billDate": bill.get("billDate"),
        "dueDate": bill.get("dueDate"),
        "billingPeriod": {"startDate": bill.get("startDate"), "endDate": bill.get("endDate")},
        "currency": bill.get("currency"),
        "status": bill.get("status"),
        "lineItems": items,
        "total": total,
    })
}

/// The statement of a bill as CSV: a header, then one row per line item.
pub fn statement_csv_text(store: &Store, bill: &Value) -> String {
    let columns = [
        "lineItemId",
        "lineItemType",
        "description",
        "productName",
        "servicePeriodStartDate",
        "servicePeriodEndDate",
        "quantity",
        "unit",
        "subtotal",
        "currency",
    ];
    let mut out = csv_line(&columns);
    for item in line_items(store, bill) {
        let currency = match cell(&item, "currency") {
            c if c.is_empty() => cell(bill, "currency"),
            c => c,
        };
        out.push_str(&csv_line(&[
            cell(&item, "id"),
            cell(&item, "lineItemType"),
            cell(&item, "description"),
            cell(&item, "productName"),
            cell(&item, "servicePeriodStartDate"),
            cell(&item, "servicePeriodEndDate"),
            cell(&item, "quantity"),
            cell(&item, "unit"),
            cell(&item, "subtotal"),
            currency,
        ]));
    }
    out
}

fn download_url(link: Link) -> Value {
    json!({ "downloadUrl": link.url })
}

fn statement_json(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let bill = bill(call.store, id)?;
    let body = serde_json::to_vec_pretty(&statement(call.store, &bill)).unwrap_or_default();
    let name = format!("statement-{id}.json");
    Ok(download_url(call.ctx.link(&name, "application/json", body)))
}

fn statement_csv(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let bill = bill(call.store, id)?;
    let body = statement_csv_text(call.store, &bill).into_bytes();
    let name = format!("statement-{id}.csv");
    Ok(download_url(call.ctx.link(&name, "text/csv", body)))
}

/// Generates the CSV statement: the bill then says it has a current one.
fn generate_statement_csv(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let answer = statement_csv(call)?;
    let bill = bill_mut(call.store, id)?;
    bill["csvStatementGenerated"] = json!(true);
    bill["statementStale"] = json!(false);
    Ok(answer)
}

/// The longest span one bills download may cover.
const DOWNLOAD_DAYS: i64 = 31;

fn body_instant(call: &Call<'_>, key: &str) -> ApiResult<Option<DateTime<Utc>>> {
    match call.body.get(key).and_then(Value::as_str) {
        None => Ok(None),
        Some(raw) => raw.parse::<DateTime<Utc>>().map(Some).map_err(|_| {
            ApiError::bad_request(format!(
                "{key}: must be a date-time such as 2025-03-01T00:00:00Z (got {raw})"
            ))
        }),
    }
}

/// A bill's date field as the start of that day (UTC).
fn day_of(bill: &Value, key: &str) -> Option<DateTime<Utc>> {
    date(text(bill, key))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// From (inclusive) and to (exclusive), either open.
type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn window(call: &Call<'_>, start: &str, end: &str) -> ApiResult<Window> {
    let (from, to) = (body_instant(call, start)?, body_instant(call, end)?);
    if let (Some(from), Some(to)) = (from, to) {
        if to <= from {
            return Err(ApiError::bad_request(format!(
                "{end}: must be after {start}"
            )));
        }
        if to - from > Duration::days(DOWNLOAD_DAYS) {
            return Err(ApiError::bad_request(format!(
                "{start} to {end}: a download covers at most {DOWNLOAD_DAYS} days"
            )));
        }
    }
    Ok((from, to))
}

fn within(at: Option<DateTime<Utc>>, (from, to): Window) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    at.is_some_and(|t| from.is_none_or(|f| t >= f) && to.is_none_or(|e| t < e))
}

/// All bills (by bill date and external invoice date) as a CSV file, in m3ter's standard columns or
/// Xero's.
fn download_csv(call: &mut Call<'_>) -> ApiResult<Value> {
    let billed = window(call, "startDate", "endDate")?;
    let invoiced = window(call, "externalInvoiceDateStart", "externalInvoiceDateEnd")?;
    let xero = text(&call.body, "externalSystem") == "XERO";
    let bills: Vec<&Value> = call
        .store
        .collection(KEY)
        .into_iter()
        .flat_map(|c| c.values())
        .map(|s| &s.value)
        .filter(|b| within(day_of(b, "billDate"), billed))
        .filter(|b| within(day_of(b, "externalInvoiceDate"), invoiced))
        .collect();
    let mut out;
    if xero {
        out = csv_line(&[
            "ContactName",
            "InvoiceNumber",
            "InvoiceDate",
            "DueDate",
            "Description",
            "Quantity",
            "UnitAmount",
            "Currency",
        ]);
        for b in bills {
            let number = match cell(b, "sequentialInvoiceNumber") {
                n if n.is_empty() => cell(b, "id"),
                n => n,
            };
            out.push_str(&csv_line(&[
                cell(b, "accountCode"),
                number,
                cell(b, "billDate"),
                cell(b, "dueDate"),
                format!("Bill {} to {}", cell(b, "startDate"), cell(b, "endDate")),
                "1".to_owned(),
                cell(b, "billTotal"),
                cell(b, "currency"),
            ]));
        }
    } else {
        let columns = [
            "id",
            "accountId",
            "accountCode",
            "billDate",
            "dueDate",
            "startDate",
            "endDate",
            "billingFrequency",
            "currency",
            "status",
            "locked",
            "billTotal",
            "externalInvoiceDate",
        ];
        out = csv_line(&columns);
        for b in bills {
            let row: Vec<String> = columns.iter().map(|k| cell(b, k)).collect();
            out.push_str(&csv_line(&row));
        }
    }
    let url = call.ctx.link("bills.csv", "text/csv", out.into_bytes());
    Ok(download_url(url))
}

/// The first day of the billing period that ends (exclusive) on `end`.
fn period_start(end: NaiveDate, frequency: &str, interval: u32) -> NaiveDate {
    let n = interval.max(1);
    let back = match frequency {
        "DAILY" => end.checked_sub_signed(Duration::days(i64::from(n))),
        "WEEKLY" => end.checked_sub_signed(Duration::days(7 * i64::from(n))),
        "ANNUALLY" => end.checked_sub_months(Months::new(12 * n)),
        _ => end.checked_sub_months(Months::new(n)),
    };
    back.unwrap_or(end)
}

/// The bill an account would get for a period: its latest bill's line items moved to that period,
/// nothing saved.
fn preview(call: &mut Call<'_>) -> ApiResult<Value> {
    let account_id = call
        .body
        .get("accountIds")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::bad_request("accountIds: name the account to preview a bill for")
        })?;
    let account = call
        .store
        .collection("accounts")
        .and_then(|c| c.get(&account_id))
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::not_found(format!("Account {account_id} not found")))?;
    let last = match call
        .body
        .get("lastDateInBillingPeriod")
        .and_then(Value::as_str)
    {
        Some(raw) => date(raw).ok_or_else(|| {
            ApiError::bad_request(format!(
                "lastDateInBillingPeriod: must be a date such as 2025-03-31 (got {raw})"
            ))
        })?,
        None => call.ctx.now.date_naive(),
    };
    let frequency = match text(&call.body, "billingFrequency") {
        "" => "MONTHLY".to_owned(),
        f => f.to_owned(),
    };
    let interval = call
        .body
        .get("billFrequencyInterval")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(1);
    let end = last.succ_opt().unwrap_or(last);
    let start = period_start(end, &frequency, interval);
    let previous = {
        let mut bills: Vec<&Value> = call
            .store
            .collection(KEY)
            .into_iter()
            .flat_map(|c| c.values())
            .map(|s| &s.value)
            .filter(|b| text(b, "accountId") == account_id)
            .collect();
        bills.sort_by(|a, b| text(a, "billDate").cmp(text(b, "billDate")));
        bills.last().map(|b| (*b).clone())
    };
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let at = |d: NaiveDate| format!("{}T00:00:00.000Z", day(d));
    let items: Vec<Value> = previous
        .as_ref()
        .map(|b| line_items(call.store, b))
        .unwrap_or_default()
        .into_iter()
        .map(|mut item| {
            item["id"] = json!(new_id());
            item["servicePeriodStartDate"] = json!(at(start));
            item["servicePeriodEndDate"] = json!(at(end));
            item
        })
        .collect();
    let total: f64 = items.iter().map(subtotal).sum();
    let currency = [
        text(&call.body, "targetCurrency"),
        previous
            .as_ref()
            .map(|b| text(b, "currency"))
            .unwrap_or_default(),
        text(&account, "currency"),
    ]
    .into_iter()
    .find(|c| !c.is_empty())
    .unwrap_or("USD")
    .to_owned();
    let bill_date = text(&call.body, "billDate");
    let bill_date = date(bill_date).unwrap_or(end);
    let due = date(text(&call.body, "dueDate"))
        .or_else(|| bill_date.checked_add_signed(Duration::days(30)))
        .unwrap_or(bill_date);
    let mut bill = json!({
        "id": new_id(), "version": 1,
        "accountId": account_id, "accountCode": account.get("code"),
        "startDate": day(start), "endDate": day(end),
        "startDateTimeUTC": at(start), "endDateTimeUTC": at(end),
        "billDate": day(bill_date), "dueDate": day(due),
        "billingFrequency": frequency, "billFrequencyInterval": interval,
        "timezone": call.body.get("timezone").and_then(Value::as_str).unwrap_or("UTC"),
        "currency": currency, "status": "PENDING", "locked": false,
        "lineItems": items, "billTotal": total,
        "lastCalculatedDate": stamp(call.ctx.now), "createdDate": stamp(call.ctx.now),
    });
    if let Some(d) = call.body.get("externalInvoiceDate") {
        bill["externalInvoiceDate"] = d.clone();
    }
    Ok(bill)
}

/// A bill's terms from its place in the demo set: monthly bills through 2025 (every sixth one
/// yearly), pending, approved, and approved and locked in turn.
fn shape(bill: &mut Value, i: usize, account_code: Option<Value>) {
    let month = (i % 12) as u32 + 1;
    let yearly = i % 6 == 5;
    let start =
        NaiveDate::from_ymd_opt(2025, if yearly { 1 } else { month }, 1).unwrap_or_default();
    let end = if yearly {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
    } else {
        start.checked_add_months(Months::new(1)).unwrap_or(start)
    };
    let due = end.checked_add_signed(Duration::days(30)).unwrap_or(end);
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let (status, locked) = match i % 4 {
        1 => ("APPROVED", false),
        2 => ("APPROVED", true),
        _ => ("PENDING", false),
    };
    bill["startDate"] = json!(day(start));
    bill["endDate"] = json!(day(end));
    bill["startDateTimeUTC"] = json!(format!("{}T00:00:00.000Z", day(start)));
    bill["endDateTimeUTC"] = json!(format!("{}T00:00:00.000Z", day(end)));
    bill["billDate"] = json!(day(end));
    bill["dueDate"] = json!(day(due));
    bill["externalInvoiceDate"] = json!(day(end));
    bill["billingFrequency"] = json!(if yearly { "ANNUALLY" } else { "MONTHLY" });
    bill["billFrequencyInterval"] = json!(1);
    bill["status"] = json!(status);
    bill["locked"] = json!(locked);
    bill["jsonStatementGenerated"] = json!(false);
    bill["csvStatementGenerated"] = json!(false);
    bill["statementStale"] = json!(false);
    bill["billTotal"] = json!(150.0 * (i as f64 + 1.0) + f64::from(start.day0()));
    if let Some(code) = account_code {
        bill["accountCode"] = code;
    }
    let approved = format!("{}T09:00:00.000Z", day(end));
    if let Some(map) = bill.as_object_mut() {
        for key in ["dtApproved", "approvedBy", "dtLocked", "lockedBy"] {
            map.remove(key);
        }
    }
    if status == "APPROVED" {
        bill["dtApproved"] = json!(approved);
        bill["approvedBy"] = json!(SANDBOX_USER);
    }
    if locked {
        bill["dtLocked"] = json!(approved);
        bill["lockedBy"] = json!(SANDBOX_USER);
        // Invoice numbers are handed out as bills are finalized: the locked ones have theirs.
        bill["sequentialInvoiceNumber"] = json!(format!("INV-{}-{:04}", start.year(), i + 1));
    } else if let Some(map) = bill.as_object_mut() {
        map.remove("sequentialInvoiceNumber");
    }
}

fn seed(s: &mut Seeder) {
    let Some(r) = m3ter_models::resource(KEY) else {
        return;
    };
    s.generic(r, "", 12 + s.scale);
    let ids = s.ids(KEY).to_vec();
    for (i, id) in ids.iter().enumerate() {
        let account = s
            .store
            .collection(KEY)
            .and_then(|c| c.get(id))
            .map(|b| text(&b.value, "accountId").to_owned())
            .unwrap_or_default();
        let code = s
            .store
            .collection("accounts")
            .and_then(|c| c.get(&account))
            .and_then(|a| a.value.get("code").cloned());
        if let Some(b) = s.store.collection_mut(KEY).get_mut(id) {
            shape(&mut b.value, i, code);
        }
    }
    recalculated(s, &ids);
}

/// Bill jobs are seeded before the bills that name them, so a recalculating job's `billIds` can
/// only name real bills now: the bills it made, else one of the others.
fn recalculated(s: &mut Seeder, bills: &[String]) {
    const JOBS: &str = "bill-jobs";
    let made_by = |s: &Seeder, job: &str| -> Vec<String> {
        s.store
            .collection(KEY)
            .map(|c| {
                c.values()
                    .filter(|b| text(&b.value, "billJobId") == job)
                    .map(|b| text(&b.value, "id").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    for (n, job) in s.ids(JOBS).to_vec().iter().enumerate() {
        let mut named = made_by(s, job);
        if named.is_empty() {
            named.extend(bills.get(n % bills.len().max(1)).cloned());
        }
        if let Some(j) = s.store.collection_mut(JOBS).get_mut(job) {
            if j.value.get("billIds").is_some() {
                j.value["billIds"] = json!(named);
            }
        }
    }
}
