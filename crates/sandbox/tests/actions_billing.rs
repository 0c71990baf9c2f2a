//! The billing actions over real HTTP: each one's answer and its effect on the data read back
//! through GET, the states in which the sandbox refuses them (the same rules the console's
//! buttons use), unknown ids, and the files behind download links.

mod support;

use m3ter_models::resources::bill_jobs::cancellable;
use m3ter_models::resources::bills::{lockable, status_changeable};
use m3ter_models::resources::line_items::has_usage;
use serde_json::{json, Value};
use support::{ids, Answer, Sandbox};

const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";

fn org(rest: &str) -> String {
    Sandbox::org(rest)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

async fn bills(sb: &Sandbox) -> Vec<Value> {
    sb.all("bills", 100).await
}

async fn bill_where(sb: &Sandbox, pick: impl Fn(&Value) -> bool) -> Value {
    bills(sb)
        .await
        .into_iter()
        .find(|b| pick(b))
        .expect("a demo bill of that kind")
}

async fn read(sb: &Sandbox, path: &str) -> Value {
    let got = sb.get(&org(path)).await;
    assert_eq!(got.status, 200, "GET {path}: {}", got.text);
    got.json()
}

/// Fetches a download link the way a browser would (no token).
async fn fetch(sb: &Sandbox, url: &str) -> Answer {
    let path = url
        .strip_prefix(&sb.running.state.public_url)
        .unwrap_or_else(|| panic!("not a link of this sandbox: {url}"));
    sb.request("GET", path, &[], None).await.expect("answer")
}

fn refused(a: &Answer, status: u16, words: &str) {
    assert_eq!(a.status, status, "{}", a.text);
    assert!(
        a.message().contains(words),
        "the message says '{words}': {}",
        a.message()
    );
}

fn approved_pending(b: &Value) -> bool {
    s(b, "status") == "APPROVED" && b["locked"] == json!(false)
}

#[tokio::test]
async fn the_demo_has_bills_in_every_state_the_actions_need() {
    let sb = Sandbox::start().await;
    let all = bills(&sb).await;
    assert_eq!(all.len(), 12);
    let count = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|b| f(b)).count();
    assert!(count(&|b| s(b, "status") == "PENDING") >= 3);
    assert!(count(&approved_pending) >= 2);
    assert!(count(&|b| b["locked"] == json!(true)) >= 2);
    assert_eq!(
        count(&|b| b["locked"] == json!(true) && s(b, "status") != "APPROVED"),
        0,
        "only approved bills are locked"
    );
    let jobs = sb.all("billjobs", 100).await;
    assert!(jobs
        .iter()
        .any(|j| cancellable(j["status"].as_str()).is_none()));
    assert!(jobs
        .iter()
        .any(|j| cancellable(j["status"].as_str()).is_some()));
}

#[tokio::test]
async fn lock_locks_an_approved_bill_and_refuses_the_others() {
    let sb = Sandbox::start().await;
    let bill = bill_where(&sb, approved_pending).await;
    assert_eq!(lockable(&bill), None);
    let id = s(&bill, "id");
    let locked = sb.api("PUT", &org(&format!("bills/{id}/lock")), None).await;
    assert_eq!(locked.status, 200, "{}", locked.text);
    let back = read(&sb, &format!("bills/{id}")).await;
    assert_eq!(back["locked"], json!(true));
    assert!(back["dtLocked"].is_string());
    assert_eq!(
        back["version"],
        json!(bill["version"].as_i64().unwrap_or(0) + 1)
    );
    assert!(lockable(&back).is_some(), "the console's button is now off");
    // Locking hands out the year's next invoice number, after the ones the demo's bills have.
    let year = s(&bill, "startDate")
        .get(0..4)
        .unwrap_or_default()
        .to_owned();
    let numbers: Vec<u32> = sb
        .all("bills", 100)
        .await
        .iter()
        .filter(|b| b["id"] != bill["id"])
        .filter_map(|b| {
            b["sequentialInvoiceNumber"]
                .as_str()?
                .strip_prefix(&format!("INV-{year}-"))?
                .parse()
                .ok()
        })
        .collect();
    let highest = numbers.iter().max().copied().unwrap_or(0);
    assert!(highest > 0, "the demo's locked bills have numbers");
    assert_eq!(
        back["sequentialInvoiceNumber"],
        json!(format!("INV-{year}-{:04}", highest + 1))
    );

    let again = sb.api("PUT", &org(&format!("bills/{id}/lock")), None).await;
    refused(&again, 400, "already locked");
    let pending = bill_where(&sb, |b| s(b, "status") == "PENDING").await;
    let p = s(&pending, "id");
    assert!(lockable(&pending).is_some());
    let not_approved = sb.api("PUT", &org(&format!("bills/{p}/lock")), None).await;
    refused(&not_approved, 400, "Only approved bills can be locked");
    assert_eq!(
        read(&sb, &format!("bills/{p}")).await["locked"],
        json!(false)
    );
    let unknown = sb
        .api("PUT", &org(&format!("bills/{UNKNOWN}/lock")), None)
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn status_changes_unless_the_bill_is_locked() {
    let sb = Sandbox::start().await;
    let bill = bill_where(&sb, |b| s(b, "status") == "PENDING").await;
    let id = s(&bill, "id");
    let path = org(&format!("bills/{id}/status"));
    let done = sb
        .api("PUT", &path, Some(json!({"status": "APPROVED"})))
        .await;
    assert_eq!(done.status, 200, "{}", done.text);
    let back = read(&sb, &format!("bills/{id}")).await;
    assert_eq!(back["status"], json!("APPROVED"));
    assert!(back["dtApproved"].is_string());
    let undone = sb
        .api("PUT", &path, Some(json!({"status": "PENDING"})))
        .await;
    assert_eq!(undone.status, 200, "{}", undone.text);
    let back = read(&sb, &format!("bills/{id}")).await;
    assert_eq!(back["status"], json!("PENDING"));
    assert!(back.get("dtApproved").is_none());

    let wrong = sb.api("PUT", &path, Some(json!({"status": "PAID"}))).await;
    assert_eq!(wrong.status, 400, "{}", wrong.text);
    let locked = bill_where(&sb, |b| b["locked"] == json!(true)).await;
    assert!(status_changeable(&locked).is_some());
    let l = s(&locked, "id");
    let refusal = sb
        .api(
            "PUT",
            &org(&format!("bills/{l}/status")),
            Some(json!({"status": "PENDING"})),
        )
        .await;
    refused(&refusal, 400, "locked");
    assert_eq!(
        read(&sb, &format!("bills/{l}")).await["status"],
        json!("APPROVED")
    );
    let unknown = sb
        .api(
            "PUT",
            &org(&format!("bills/{UNKNOWN}/status")),
            Some(json!({"status": "APPROVED"})),
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn approve_approves_pending_bills_by_id() {
    let sb = Sandbox::start().await;
    let all = bills(&sb).await;
    let pending: Vec<String> = all
        .iter()
        .filter(|b| s(b, "status") == "PENDING")
        .map(|b| s(b, "id").to_owned())
        .collect();
    let approved = all
        .iter()
        .find(|b| approved_pending(b))
        .map(|b| s(b, "id").to_owned())
        .expect("an approved bill");
    let mut ids = pending.clone();
    ids.push(approved.clone());
    let unknown = sb
        .api(
            "POST",
            &org("bills/approve"),
            Some(json!({"billIds": [pending[0], UNKNOWN]})),
        )
        .await;
    refused(&unknown, 404, UNKNOWN);
    assert_eq!(
        read(&sb, &format!("bills/{}", pending[0])).await["status"],
        json!("PENDING"),
        "nothing approved when an id is unknown"
    );
    let done = sb
        .api("POST", &org("bills/approve"), Some(json!({"billIds": ids})))
        .await;
    assert_eq!(done.status, 200, "{}", done.text);
    let message = s(&done.json(), "message").to_owned();
    assert!(
        message.starts_with(&format!("{} bills approved", pending.len())),
        "{message}"
    );
    assert!(message.contains("1 bill already approved"), "{message}");
    for id in &pending {
        let b = read(&sb, &format!("bills/{id}")).await;
        assert_eq!(b["status"], json!("APPROVED"), "{id}");
        assert!(b["approvedBy"].is_string());
    }
    let empty = sb
        .api("POST", &org("bills/approve"), Some(json!({"billIds": []})))
        .await;
    assert_eq!(empty.status, 400, "billIds needs one id: {}", empty.text);
}

/// The last day of a bill's period (its end date is exclusive).
fn last_day(b: &Value) -> String {
    let end = chrono::NaiveDate::parse_from_str(s(b, "endDate"), "%Y-%m-%d").expect("end date");
    end.pred_opt()
        .expect("a day before")
        .format("%Y-%m-%d")
        .to_string()
}

#[tokio::test]
async fn a_billing_period_lists_and_approves_its_bills() {
    let sb = Sandbox::start().await;
    let bill = bill_where(&sb, |b| {
        s(b, "status") == "PENDING" && s(b, "billingFrequency") == "MONTHLY"
    })
    .await;
    let last = last_day(&bill);
    let listed = read(&sb, &format!("bills/billingperiod/{last}/MONTHLY")).await;
    let listed = listed["data"].as_array().cloned().unwrap_or_default();
    assert!(ids(&listed).contains(&s(&bill, "id").to_owned()));
    assert!(listed
        .iter()
        .all(|b| last_day(b) == last && s(b, "billingFrequency") == "MONTHLY"));
    let yearly = read(&sb, &format!("bills/billingperiod/{last}/ANNUALLY")).await;
    assert!(!ids(yearly["data"].as_array().expect("data")).contains(&s(&bill, "id").to_owned()));

    let done = sb
        .api(
            "POST",
            &org(&format!("bills/billingperiod/{last}/MONTHLY/approve")),
            None,
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.text);
    assert!(
        s(&done.json(), "message").contains("approved"),
        "{}",
        done.text
    );
    let id = s(&bill, "id");
    assert_eq!(
        read(&sb, &format!("bills/{id}")).await["status"],
        json!("APPROVED")
    );
    let others = bill_where(&sb, |b| s(b, "status") == "PENDING").await;
    assert_ne!(
        last_day(&others),
        last,
        "bills of other periods stay pending"
    );

    let bad_date = sb
        .api(
            "POST",
            &org("bills/billingperiod/31-03-2025/MONTHLY/approve"),
            None,
        )
        .await;
    refused(&bad_date, 400, "lastDateInBillingPeriod");
    let bad_frequency = sb
        .get(&org(&format!("bills/billingperiod/{last}/FORTNIGHTLY")))
        .await;
    refused(&bad_frequency, 400, "billingFrequency");
}

/// The ids of a bill's line items as it carries them.
fn carried(bill: &Value) -> Vec<String> {
    bill["lineItems"]
        .as_array()
        .map(|items| ids(items))
        .unwrap_or_default()
}

#[tokio::test]
async fn a_bill_carries_its_line_items_unless_declined() {
    let sb = Sandbox::start().await;
    let bill = bills(&sb).await.into_iter().next().expect("a demo bill");
    let id = s(&bill, "id").to_owned();
    let stored = read(&sb, &format!("bills/{id}/lineitems?pageSize=100")).await;
    let stored = ids(stored["data"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default());
    assert!(!stored.is_empty(), "the demo bill has line items");
    assert_eq!(carried(&bill), stored, "listed with its line items");
    let one = read(&sb, &format!("bills/{id}")).await;
    assert_eq!(carried(&one), stored, "read with its line items");
    let latest = read(&sb, &format!("bills/latest/{}", s(&bill, "accountId"))).await;
    assert!(
        latest["lineItems"].is_array(),
        "an action's bill too: {latest}"
    );

    let lean = read(&sb, "bills?excludeLineItems=true&pageSize=100").await;
    let lean = lean["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        lean.len(),
        bills(&sb).await.len(),
        "declining filters nothing out"
    );
    assert!(lean.iter().all(|b| b.get("lineItems").is_none()));
    let full = read(&sb, "bills?excludeLineItems=false&pageSize=1").await;
    assert!(full["data"][0]["lineItems"].is_array());
}

/// Every demo bill charges for what its account is on, in the bill's currency: the plan's
/// standing charge and, where the plan prices one, the usage of an aggregation; its total is the
/// sum of its line items.
#[tokio::test]
async fn a_demo_bill_adds_up_its_line_items() {
    let sb = Sandbox::start().await;
    let mut usage = 0;
    for bill in bills(&sb).await {
        let items = bill["lineItems"].as_array().cloned().unwrap_or_default();
        assert!(!items.is_empty(), "{bill}");
        let sum: f64 = items.iter().filter_map(|l| l["subtotal"].as_f64()).sum();
        assert_eq!(bill["billTotal"].as_f64(), Some(sum), "{bill}");
        let plans = read(
            &sb,
            &format!(
                "accountplans?account={}&includeall=true",
                s(&bill, "accountId")
            ),
        )
        .await;
        let plan_ids: Vec<&str> = plans["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["planId"].as_str())
            .collect();
        for item in &items {
            assert_eq!(s(item, "currency"), s(&bill, "currency"), "{item}");
            assert!(plan_ids.contains(&s(item, "planId")), "{item}");
            // A credit or debit memo is for the period of the line item it corrects.
            if s(item, "lineItemType").ends_with("_MEMO") {
                continue;
            }
            assert_eq!(
                s(item, "servicePeriodStartDate"),
                s(&bill, "startDateTimeUTC")
            );
            if s(item, "lineItemType") == "USAGE" {
                usage += 1;
                let pricing = read(&sb, &format!("pricings/{}", s(item, "pricingId"))).await;
                let priced = ["aggregationId", "compoundAggregationId"]
                    .iter()
                    .any(|k| !s(item, k).is_empty() && s(item, k) == s(&pricing, k));
                assert!(priced, "{item} is usage its pricing prices: {pricing}");
            }
        }
    }
    assert!(usage > 0, "some bills charge for usage");
}

/// The demo's credits and debits are made on pending bills, each on a line item of its account's
/// bills, for part of it and for its period, with a reason still in use; the bill shows each as a
/// memo line item of that amount (which its total counts, as the test above checks).
#[tokio::test]
async fn a_demo_credit_or_debit_corrects_a_line_item_of_its_account() {
    let sb = Sandbox::start().await;
    let mut made = Vec::new();
    for bill in bills(&sb).await {
        let before = made.len();
        let items = bill["lineItems"].as_array().cloned().unwrap_or_default();
        for (kind, memo, reasons, reason, sign) in [
            (
                "creditlineitems",
                "CREDIT_MEMO",
                "creditreasons",
                "creditReasonId",
                -1.0,
            ),
            (
                "debitlineitems",
                "DEBIT_MEMO",
                "debitreasons",
                "debitReasonId",
                1.0,
            ),
        ] {
            let list = read(&sb, &format!("bills/{}/{kind}", s(&bill, "id"))).await;
            for adjustment in list["data"].as_array().into_iter().flatten() {
                made.push(kind);
                assert_eq!(s(&bill, "status"), "PENDING", "{adjustment} on {bill}");
                let on = read(&sb, &format!("bills/{}", s(adjustment, "referencedBillId"))).await;
                assert_eq!(s(&on, "accountId"), s(&bill, "accountId"), "{adjustment}");
                let item = read(
                    &sb,
                    &format!(
                        "bills/{}/lineitems/{}",
                        s(&on, "id"),
                        s(adjustment, "referencedLineItemId")
                    ),
                )
                .await;
                for k in ["productId", "lineItemType", "servicePeriodStartDate"] {
                    assert_eq!(s(adjustment, k), s(&item, k), "{k} of {adjustment}");
                }
                let amount = adjustment["amount"].as_f64().unwrap_or_default();
                let subtotal = item["subtotal"].as_f64().unwrap_or_default();
                assert!(amount > 0.0 && amount < subtotal, "{adjustment} on {item}");
                let why = read(
                    &sb,
                    &format!("picklists/{reasons}/{}", s(adjustment, reason)),
                )
                .await;
                assert_eq!(why["archived"], json!(false), "{why}");
                let shown = items
                    .iter()
                    .filter(|l| s(l, "lineItemType") == memo)
                    .filter(|l| s(l, "description") == s(adjustment, "description"))
                    .filter(|l| l["subtotal"].as_f64() == Some(sign * amount))
                    .count();
                assert_eq!(shown, 1, "{adjustment} is a memo on {bill}");
            }
        }
        // And no memo without its credit or debit.
        let memos = items
            .iter()
            .filter(|l| s(l, "lineItemType").ends_with("_MEMO"));
        assert_eq!(memos.count(), made.len() - before, "{bill}");
    }
    assert!(made.contains(&"creditlineitems") && made.contains(&"debitlineitems"));
}

/// m3ter keeps a credit's write-only fields but never answers them: not on create, not on a read,
/// not in a list; the credit reason, which it does answer, is there.
#[tokio::test]
async fn a_credit_is_answered_without_what_m3ter_only_takes() {
    let sb = Sandbox::start().await;
    let bill = bill_where(&sb, |b| s(b, "status") == "PENDING").await;
    let item = bill["lineItems"][0].clone();
    let reason = sb.all("picklists/creditreasons", 10).await[0]["id"].clone();
    let path = format!("bills/{}/creditlineitems", s(&bill, "id"));
    let sent = json!({
        "productId": item["productId"], "accountingProductId": item["productId"],
        "description": "Goodwill", "amount": 1.5,
        "referencedBillId": bill["id"], "referencedLineItemId": item["id"],
        "servicePeriodStartDate": item["servicePeriodStartDate"],
        "servicePeriodEndDate": item["servicePeriodEndDate"],
        "reasonId": reason, "creditReasonId": reason, "amountToApplyOnBill": 1.5,
    });
    let made = sb.api("POST", &org(&path), Some(sent)).await;
    assert_eq!(made.status, 200, "{}", made.text);
    let made = made.json();
    let read_back = read(&sb, &format!("{path}/{}", s(&made, "id"))).await;
    let listed = read(&sb, &path).await;
    let in_list = listed["data"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["id"] == made["id"])
        .cloned()
        .expect("listed");
    for answer in [&made, &read_back, &in_list] {
        for never in ["reasonId", "amountToApplyOnBill", "accountingProductId"] {
            assert!(answer.get(never).is_none(), "{never} in {answer}");
        }
        assert_eq!(answer["creditReasonId"], reason, "{answer}");
    }
}

#[tokio::test]
async fn an_accounts_latest_bill_and_its_bills() {
    let sb = Sandbox::start().await;
    let all = bills(&sb).await;
    let account = s(&all[0], "accountId").to_owned();
    let theirs: Vec<&Value> = all
        .iter()
        .filter(|b| s(b, "accountId") == account)
        .collect();
    let newest = theirs
        .iter()
        .map(|b| s(b, "billDate"))
        .max()
        .expect("a bill date");
    let latest = read(&sb, &format!("bills/latest/{account}")).await;
    assert_eq!(s(&latest, "accountId"), account);
    assert_eq!(s(&latest, "billDate"), newest);

    let page = read(&sb, &format!("bills/accountid/{account}?pageSize=100")).await;
    let listed = page["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), theirs.len());
    assert!(listed.iter().all(|b| s(b, "accountId") == account));
    let first = read(&sb, &format!("bills/accountid/{account}?pageSize=1")).await;
    assert!(first["nextToken"].is_string(), "pages like a list: {first}");

    for path in [
        format!("bills/latest/{UNKNOWN}"),
        format!("bills/accountid/{UNKNOWN}"),
    ] {
        let got = sb.get(&org(&path)).await;
        refused(&got, 404, "Account");
    }
}

#[tokio::test]
async fn statements_download_as_json_and_csv_built_from_the_line_items() {
    let sb = Sandbox::start().await;
    // A bill with line items (the demo gives the newest bills some).
    let all = bills(&sb).await;
    let mut chosen = None;
    for b in &all {
        let id = s(b, "id");
        let lines = read(&sb, &format!("bills/{id}/lineitems?pageSize=100")).await;
        let lines = lines["data"].as_array().cloned().unwrap_or_default();
        if !lines.is_empty() {
            chosen = Some((b.clone(), lines));
            break;
        }
    }
    let (bill, lines) = chosen.expect("a bill with line items");
    let id = s(&bill, "id");

    let json_link = read(&sb, &format!("bills/{id}/statement/json")).await;
    let url = s(&json_link, "downloadUrl");
    assert!(url.contains("X-Amz-Expires="), "{json_link}");
    let file = fetch(&sb, url).await;
    assert_eq!(file.status, 200, "{}", file.text);
    let statement = file.json();
    assert_eq!(s(&statement, "billId"), id);
    assert_eq!(statement["accountId"], bill["accountId"]);
    let listed = statement["lineItems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(ids(&listed), ids(&lines));
    let total: f64 = lines.iter().filter_map(|l| l["subtotal"].as_f64()).sum();
    assert_eq!(statement["total"].as_f64(), Some(total));

    let csv_link = read(&sb, &format!("bills/{id}/statement/csv")).await;
    let csv = fetch(&sb, s(&csv_link, "downloadUrl")).await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].starts_with("text/csv"));
    let rows: Vec<&str> = csv.text.lines().collect();
    assert!(
        rows[0].starts_with("lineItemId,lineItemType,"),
        "{}",
        csv.text
    );
    assert_eq!(rows.len(), lines.len() + 1);
    assert!(rows.iter().any(|r| r.starts_with(s(&lines[0], "id"))));

    assert_eq!(
        read(&sb, &format!("bills/{id}")).await["csvStatementGenerated"],
        json!(false)
    );
    let generated = sb
        .api("POST", &org(&format!("bills/{id}/statement/csv")), None)
        .await;
    assert_eq!(generated.status, 200, "{}", generated.text);
    let again = fetch(&sb, s(&generated.json(), "downloadUrl")).await;
    assert_eq!(again.text, csv.text);
    assert_eq!(
        read(&sb, &format!("bills/{id}")).await["csvStatementGenerated"],
        json!(true)
    );

    for (method, path) in [
        ("GET", "statement/json"),
        ("GET", "statement/csv"),
        ("POST", "statement/csv"),
    ] {
        let got = sb
            .api(method, &org(&format!("bills/{UNKNOWN}/{path}")), None)
            .await;
        assert_eq!(got.status, 404, "{method} {path}: {}", got.text);
    }
}

#[tokio::test]
async fn a_statement_link_expires() {
    let sb = Sandbox::with(m3ter_sandbox::Config {
        link_ttl_secs: 1,
        ..Default::default()
    })
    .await;
    let bill = bill_where(&sb, |_| true).await;
    let id = s(&bill, "id");
    let link = read(&sb, &format!("bills/{id}/statement/json")).await;
    let url = s(&link, "downloadUrl").to_owned();
    assert_eq!(fetch(&sb, &url).await.status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = fetch(&sb, &url).await;
    assert_eq!(expired.status, 403);
    assert!(
        expired.text.contains("Request has expired"),
        "{}",
        expired.text
    );
}

#[tokio::test]
async fn all_bills_download_as_csv_for_at_most_31_days() {
    let sb = Sandbox::start().await;
    let all = bills(&sb).await;
    let in_march: Vec<&Value> = all
        .iter()
        .filter(|b| s(b, "billDate").starts_with("2025-03"))
        .collect();
    assert!(!in_march.is_empty());
    let window = json!({"startDate": "2025-03-01T00:00:00Z", "endDate": "2025-04-01T00:00:00Z"});
    let got = sb
        .api("POST", &org("bills/download/csv/url"), Some(window.clone()))
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let csv = fetch(&sb, s(&got.json(), "downloadUrl")).await;
    let rows: Vec<&str> = csv.text.lines().collect();
    assert!(
        rows[0].starts_with("id,accountId,accountCode,billDate"),
        "{}",
        csv.text
    );
    assert_eq!(rows.len(), in_march.len() + 1, "{}", csv.text);
    for b in &in_march {
        assert!(rows.iter().any(|r| r.starts_with(s(b, "id"))));
    }

    let mut xero = window.clone();
    xero["externalSystem"] = json!("XERO");
    let got = sb
        .api("POST", &org("bills/download/csv/url"), Some(xero))
        .await;
    let csv = fetch(&sb, s(&got.json(), "downloadUrl")).await;
    assert!(
        csv.text.starts_with("ContactName,InvoiceNumber,"),
        "{}",
        csv.text
    );
    assert_eq!(csv.text.lines().count(), in_march.len() + 1);

    let too_long = sb
        .api(
            "POST",
            &org("bills/download/csv/url"),
            Some(json!({"startDate": "2025-01-01T00:00:00Z", "endDate": "2025-03-01T00:00:00Z"})),
        )
        .await;
    refused(&too_long, 400, "31 days");
    let backwards = sb
        .api(
            "POST",
            &org("bills/download/csv/url"),
            Some(json!({"startDate": "2025-03-01T00:00:00Z", "endDate": "2025-02-01T00:00:00Z"})),
        )
        .await;
    refused(&backwards, 400, "after");
}

#[tokio::test]
async fn a_preview_computes_a_bill_and_saves_nothing() {
    let sb = Sandbox::start().await;
    let before = bills(&sb).await;
    let account = s(&before[0], "accountId").to_owned();
    let got = sb
        .api(
            "POST",
            &org("bills/preview"),
            Some(json!({
                "accountIds": [account], "lastDateInBillingPeriod": "2025-12-31",
                "billingFrequency": "MONTHLY",
            })),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let bill = got.json();
    assert_eq!(s(&bill, "accountId"), account);
    assert_eq!(s(&bill, "startDate"), "2025-12-01");
    assert_eq!(s(&bill, "endDate"), "2026-01-01");
    assert_eq!(s(&bill, "status"), "PENDING");
    let total: f64 = bill["lineItems"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["subtotal"].as_f64())
        .sum();
    assert_eq!(bill["billTotal"].as_f64(), Some(total));
    assert_eq!(bills(&sb).await.len(), before.len(), "nothing saved");
    let none = sb.api("POST", &org("bills/preview"), Some(json!({}))).await;
    refused(&none, 400, "accountIds");
    let unknown = sb
        .api(
            "POST",
            &org("bills/preview"),
            Some(json!({"accountIds": [UNKNOWN]})),
        )
        .await;
    refused(&unknown, 404, "Account");
}

#[tokio::test]
async fn search_matches_sorts_and_pages_by_from_document() {
    let sb = Sandbox::start().await;
    let all = bills(&sb).await;
    let pending = all.iter().filter(|b| s(b, "status") == "PENDING").count();
    let locked = all.iter().filter(|b| b["locked"] == json!(true)).count();

    let got = read(&sb, "bills/search?searchQuery=status:PENDING&pageSize=100").await;
    let found = got["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(found.len(), pending);
    assert!(found.iter().all(|b| s(b, "status") == "PENDING"));
    assert!(got.get("nextToken").is_none());

    let and = read(
        &sb,
        "bills/search?searchQuery=status:PENDING$locked:true&pageSize=100",
    )
    .await;
    assert_eq!(and["data"].as_array().map(Vec::len), Some(0));
    let or = read(
        &sb,
        "bills/search?searchQuery=status:PENDING$locked:true&operator=OR&pageSize=100",
    )
    .await;
    assert_eq!(or["data"].as_array().map(Vec::len), Some(pending + locked));

    let since = read(
        &sb,
        "bills/search?searchQuery=billDate%3E%3D2025-10-01&pageSize=100",
    )
    .await;
    let since = since["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        since.len(),
        all.iter()
            .filter(|b| s(b, "billDate") >= "2025-10-01")
            .count()
    );

    let sorted = read(
        &sb,
        "bills/search?sortBy=billTotal&sortOrder=DESC&pageSize=100",
    )
    .await;
    let totals: Vec<f64> = sorted["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["billTotal"].as_f64())
        .collect();
    assert_eq!(totals.len(), all.len());
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");

    // Paging: nextToken is the fromDocument of the next page.
    let mut seen = Vec::new();
    let mut from = "0".to_owned();
    loop {
        let page = read(
            &sb,
            &format!("bills/search?sortBy=billDate&pageSize=5&fromDocument={from}"),
        )
        .await;
        seen.extend(ids(page["data"].as_array().expect("data")));
        match page["nextToken"].as_str() {
            Some(next) => from = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), all.len());
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "no bill twice across pages");

    for (query, words) in [
        ("searchQuery=status", "searchQuery"),
        ("operator=XOR", "operator"),
        ("sortOrder=UP", "sortOrder"),
        ("fromDocument=-1", "fromDocument"),
    ] {
        let got = sb.get(&org(&format!("bills/search?{query}"))).await;
        refused(&got, 400, words);
    }
}

#[tokio::test]
async fn accounts_and_commitments_search_too() {
    let sb = Sandbox::start().await;
    let accounts = sb.all("accounts", 100).await;
    let name = s(&accounts[0], "name").to_owned();
    let word = name.split(' ').next().expect("a word").to_ascii_lowercase();
    let got = read(&sb, &format!("accounts/search?searchQuery=name~{word}")).await;
    let found = got["data"].as_array().cloned().unwrap_or_default();
    assert!(ids(&found).contains(&s(&accounts[0], "id").to_owned()));
    assert!(found
        .iter()
        .all(|a| s(a, "name").to_ascii_lowercase().contains(&word)));

    let commitments = sb.all("commitments", 100).await;
    let account = s(&commitments[0], "accountId").to_owned();
    let got = read(
        &sb,
        &format!("commitments/search?searchQuery=accountId:{account}"),
    )
    .await;
    let found = got["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        found.len(),
        commitments
            .iter()
            .filter(|c| s(c, "accountId") == account)
            .count()
    );
    let by_ids = read(
        &sb,
        &format!(
            "commitments/search?searchQuery=ids:{}",
            s(&commitments[0], "id")
        ),
    )
    .await;
    assert_eq!(
        ids(by_ids["data"].as_array().expect("data")),
        ids(&commitments[..1])
    );
}

#[tokio::test]
async fn bill_jobs_cancel_only_while_unfinished() {
    let sb = Sandbox::start().await;
    let jobs = sb.all("billjobs", 100).await;
    let open = jobs
        .iter()
        .find(|j| s(j, "status") == "PENDING")
        .expect("a pending job");
    let id = s(open, "id");
    let done = sb
        .api("POST", &org(&format!("billjobs/{id}/cancel")), None)
        .await;
    assert_eq!(done.status, 200, "{}", done.text);
    let back = read(&sb, &format!("billjobs/{id}")).await;
    assert_eq!(back["status"], json!("CANCELLED"));
    let again = sb
        .api("POST", &org(&format!("billjobs/{id}/cancel")), None)
        .await;
    refused(&again, 400, "already cancelled");
    let complete = jobs
        .iter()
        .find(|j| s(j, "status") == "COMPLETE")
        .expect("a complete job");
    let c = s(complete, "id");
    let refusal = sb
        .api("POST", &org(&format!("billjobs/{c}/cancel")), None)
        .await;
    refused(&refusal, 400, "completed");
    assert_eq!(
        read(&sb, &format!("billjobs/{c}")).await["status"],
        json!("COMPLETE")
    );
    let unknown = sb
        .api("POST", &org(&format!("billjobs/{UNKNOWN}/cancel")), None)
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
    let available = m3ter_models::resources::forms("bill-jobs")
        .available("cancel")
        .expect("a rule");
    assert!(available(&back).is_some() && available(open).is_none());
}

#[tokio::test]
async fn recalculate_starts_a_job_for_unlocked_bills() {
    let sb = Sandbox::start().await;
    let bill = bill_where(&sb, |b| b["locked"] == json!(false)).await;
    let id = s(&bill, "id");
    let jobs_before = sb.all("billjobs", 100).await.len();
    let got = sb
        .api(
            "POST",
            &org("billjobs/recalculate"),
            Some(json!({"billIds": [id]})),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let job = got.json();
    assert_eq!(s(&job, "type"), "RECALCULATE");
    assert_eq!(s(&job, "status"), "PENDING");
    assert_eq!(job["billIds"], json!([id]));
    let job_id = s(&job, "id");
    assert_eq!(
        read(&sb, &format!("billjobs/{job_id}")).await["type"],
        json!("RECALCULATE")
    );
    assert_eq!(sb.all("billjobs", 100).await.len(), jobs_before + 1);
    let back = read(&sb, &format!("bills/{id}")).await;
    assert_eq!(s(&back, "billJobId"), job_id);
    assert!(back["lastCalculatedDate"].is_string());

    let locked = bill_where(&sb, |b| b["locked"] == json!(true)).await;
    let refusal = sb
        .api(
            "POST",
            &org("billjobs/recalculate"),
            Some(json!({"billIds": [s(&locked, "id")]})),
        )
        .await;
    refused(&refusal, 400, "locked");
    let unknown = sb
        .api(
            "POST",
            &org("billjobs/recalculate"),
            Some(json!({"billIds": [UNKNOWN]})),
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
    assert_eq!(
        sb.all("billjobs", 100).await.len(),
        jobs_before + 1,
        "no job for a refusal"
    );
}

#[tokio::test]
async fn line_items_of_all_bills_and_the_usage_file() {
    let sb = Sandbox::start().await;
    let page = read(&sb, "lineitems?pageSize=100").await;
    let items = page["data"].as_array().cloned().unwrap_or_default();
    let bills_with_items: std::collections::HashSet<&str> =
        items.iter().map(|i| s(i, "billId")).collect();
    assert!(bills_with_items.len() > 1, "items of several bills");
    let bill = s(&items[0], "billId").to_owned();
    let one = read(&sb, &format!("lineitems?billId={bill}&pageSize=100")).await;
    let of_bill = read(&sb, &format!("bills/{bill}/lineitems?pageSize=100")).await;
    assert_eq!(
        ids(one["data"].as_array().expect("data")),
        ids(of_bill["data"].as_array().expect("data"))
    );
    let usage = read(&sb, "lineitems?lineItemType=USAGE&pageSize=100").await;
    let usage = usage["data"].as_array().cloned().unwrap_or_default();
    assert!(!usage.is_empty());
    assert!(usage.iter().all(|i| s(i, "lineItemType") == "USAGE"));

    let item = &usage[0];
    assert_eq!(has_usage(item), None);
    let path = format!(
        "bills/{}/lineitems/{}/usage/json",
        s(item, "billId"),
        s(item, "id")
    );
    let link = read(&sb, &path).await;
    let file = fetch(&sb, s(&link, "downloadUrl")).await;
    assert_eq!(file.status, 200, "{}", file.text);
    let body = file.json();
    assert_eq!(s(&body, "lineItemId"), s(item, "id"));
    let days = body["usage"].as_array().cloned().unwrap_or_default();
    assert!(!days.is_empty());
    let sum: f64 = days.iter().filter_map(|d| d["quantity"].as_f64()).sum();
    let quantity = item["quantity"].as_f64().unwrap_or(0.0);
    assert!((sum - quantity).abs() < 1e-6, "{sum} vs {quantity}");

    let other = items
        .iter()
        .find(|i| s(i, "lineItemType") != "USAGE")
        .expect("a line item that is not usage");
    assert!(has_usage(other).is_some());
    let path = format!(
        "bills/{}/lineitems/{}/usage/json",
        s(other, "billId"),
        s(other, "id")
    );
    refused(&sb.get(&org(&path)).await, 400, "Only usage line items");
    let unknown = sb
        .get(&org(&format!(
            "bills/{bill}/lineitems/{UNKNOWN}/usage/json"
        )))
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn an_account_lists_its_children() {
    let sb = Sandbox::start().await;
    let accounts = sb.all("accounts", 100).await;
    let parent = accounts
        .iter()
        .find(|a| {
            accounts
                .iter()
                .any(|c| s(c, "parentAccountId") == s(a, "id"))
        })
        .expect("a parent account");
    let id = s(parent, "id");
    let children = read(&sb, &format!("accounts/{id}/children")).await;
    let children = children["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        children.len(),
        accounts
            .iter()
            .filter(|c| s(c, "parentAccountId") == id)
            .count()
    );
    assert!(children.iter().all(|c| s(c, "parentAccountId") == id));
    let unknown = sb.get(&org(&format!("accounts/{UNKNOWN}/children"))).await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn end_dating_an_accounts_billing_entities() {
    let sb = Sandbox::start().await;
    let accounts = sb.all("accounts", 100).await;
    let parent = accounts
        .iter()
        .find(|a| {
            accounts
                .iter()
                .any(|c| s(c, "parentAccountId") == s(a, "id"))
        })
        .expect("a parent account");
    let id = s(parent, "id").to_owned();
    let family: Vec<String> = accounts
        .iter()
        .filter(|a| s(a, "id") == id || s(a, "parentAccountId") == id)
        .map(|a| s(a, "id").to_owned())
        .collect();
    let contracts = sb.all("contracts", 100).await;
    let plans = sb.all("accountplans", 100).await;
    let own = |list: &[Value], who: &[String]| -> Vec<String> {
        list.iter()
            .filter(|e| who.contains(&s(e, "accountId").to_owned()))
            .map(|e| s(e, "id").to_owned())
            .collect()
    };
    let path = org(&format!("accounts/{id}/enddatebillingentities"));
    let got = sb
        .api(
            "PUT",
            &path,
            Some(json!({"endDate": "2025-09-30T00:00:00Z", "billingEntities": ["CONTRACT", "ACCOUNTPLAN"]})),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let answer = got.json();
    let mut updated: Vec<String> = answer["updatedEntities"]["CONTRACT"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    updated.sort();
    let mut expected = own(&contracts, std::slice::from_ref(&id));
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(updated, expected, "only this account's contracts: {answer}");
    for c in &expected {
        let back = read(&sb, &format!("contracts/{c}")).await;
        assert_eq!(
            back["endDate"],
            json!("2025-09-30"),
            "a date field keeps its form"
        );
    }
    for p in own(&plans, std::slice::from_ref(&id)) {
        let back = read(&sb, &format!("accountplans/{p}")).await;
        assert_eq!(back["endDate"], json!("2025-09-30T00:00:00Z"));
    }
    assert!(s(&answer, "statusMessage").contains("2025-09-30"));

    let children = sb
        .api(
            "PUT",
            &path,
            Some(json!({"endDate": "2025-08-31T00:00:00Z", "applyToChildren": true, "billingEntities": ["CONTRACT"]})),
        )
        .await;
    assert_eq!(children.status, 200, "{}", children.text);
    let n = children.json()["updatedEntities"]["CONTRACT"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(n, own(&contracts, &family).len());
    assert!(n > expected.len(), "the children's contracts too");

    let early = sb
        .api(
            "PUT",
            &path,
            Some(json!({"endDate": "2024-01-01T00:00:00Z", "billingEntities": ["CONTRACT"]})),
        )
        .await;
    assert_eq!(early.status, 200, "{}", early.text);
    let early = early.json();
    assert_eq!(
        early["failedEntities"]["CONTRACT"]
            .as_array()
            .map_or(0, Vec::len),
        expected.len(),
        "entities that start later are refused: {early}"
    );
    let back = read(&sb, &format!("contracts/{}", expected[0])).await;
    assert_eq!(back["endDate"], json!("2025-08-31"));

    let missing = sb
        .api(
            "PUT",
            &path,
            Some(json!({"endDate": "2025-09-30T00:00:00Z"})),
        )
        .await;
    assert_eq!(missing.status, 400, "{}", missing.text);
    let unknown = sb
        .api(
            "PUT",
            &org(&format!("accounts/{UNKNOWN}/enddatebillingentities")),
            Some(json!({"endDate": "2025-09-30T00:00:00Z", "billingEntities": ["CONTRACT"]})),
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn end_dating_a_contracts_billing_entities() {
    let sb = Sandbox::start().await;
    let contract = sb.all("contracts", 100).await.remove(0);
    let id = s(&contract, "id");
    let version = contract["version"].as_i64().unwrap_or(0);
    let got = sb
        .api(
            "PUT",
            &org(&format!("contracts/{id}/enddatebillingentities")),
            Some(json!({"endDate": "2025-10-31T00:00:00Z", "billingEntities": ["CONTRACT", "PREPAYMENT"]})),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.json()["updatedEntities"]["CONTRACT"], json!([id]));
    let back = read(&sb, &format!("contracts/{id}")).await;
    assert_eq!(back["endDate"], json!("2025-10-31"));
    assert_eq!(back["version"], json!(version + 1));
    let commitments = sb.all("commitments", 100).await;
    for c in commitments.iter().filter(|c| s(c, "contractId") == id) {
        assert_eq!(c["endDate"], json!("2025-10-31"));
    }
    let unknown = sb
        .api(
            "PUT",
            &org(&format!("contracts/{UNKNOWN}/enddatebillingentities")),
            Some(json!({"endDate": "2025-10-31T00:00:00Z", "billingEntities": ["CONTRACT"]})),
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn replacing_an_account_plan_ends_it_where_the_new_one_starts() {
    let sb = Sandbox::start().await;
    let plans = sb.all("accountplans", 100).await;
    let plan = plans
        .iter()
        .find(|p| {
            let end = s(p, "endDate");
            s(p, "startDate") < "2025-06-01" && (end.is_empty() || end > "2025-07-01")
        })
        .expect("an account plan running through mid 2025");
    let id = s(plan, "id");
    let mut body = json!({
        "accountId": plan["accountId"], "startDate": "2025-07-01T00:00:00Z",
        "code": "replacement_plan",
    });
    for key in ["planId", "planGroupId"] {
        if plan.get(key).is_some() {
            body[key] = plan[key].clone();
            break;
        }
    }
    let got = sb
        .api(
            "POST",
            &org(&format!("accountplans/{id}/replace")),
            Some(body.clone()),
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let answer = got.json();
    assert_eq!(
        answer["originalAccountPlan"]["endDate"],
        json!("2025-07-01T00:00:00Z")
    );
    let new_id = s(&answer["newAccountPlan"], "id").to_owned();
    assert_ne!(new_id, id);
    let back = read(&sb, &format!("accountplans/{id}")).await;
    assert_eq!(back["endDate"], json!("2025-07-01T00:00:00Z"));
    let new = read(&sb, &format!("accountplans/{new_id}")).await;
    assert_eq!(new["startDate"], json!("2025-07-01T00:00:00Z"));
    assert_eq!(sb.all("accountplans", 100).await.len(), plans.len() + 1);

    body["startDate"] = json!("2024-01-01T00:00:00Z");
    let early = sb
        .api(
            "POST",
            &org(&format!("accountplans/{id}/replace")),
            Some(body.clone()),
        )
        .await;
    refused(&early, 400, "start after");
    body["startDate"] = json!("2025-08-01T00:00:00Z");
    let after_end = sb
        .api(
            "POST",
            &org(&format!("accountplans/{id}/replace")),
            Some(body.clone()),
        )
        .await;
    refused(&after_end, 400, "already ends");
    let unknown = sb
        .api(
            "POST",
            &org(&format!("accountplans/{UNKNOWN}/replace")),
            Some(body),
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn a_charge_schedule_preview_shows_its_runs_and_saves_nothing() {
    let sb = Sandbox::start().await;
    let balance = sb.all("balances", 100).await.remove(0);
    let b = s(&balance, "id");
    let list = format!("balances/{b}/balancechargeschedules");
    let before = read(&sb, &format!("{list}?pageSize=200")).await["data"]
        .as_array()
        .map_or(0, Vec::len);
    let mut body = json!({
        "name": "Platform fee", "code": "platform_fee", "currency": "USD",
        "units": 3, "unitPrice": 25.5,
        "servicePeriodStartDate": "2025-01-01T00:00:00Z",
        "servicePeriodEndDate": "2035-01-01T00:00:00Z",
        "billFrequency": "MONTHLY", "billFrequencyInterval": 1, "billInAdvance": true,
        "chargeDescription": "Monthly platform fee",
    });
    let got = sb
        .api("POST", &org(&format!("{list}/preview")), Some(body.clone()))
        .await;
    assert_eq!(got.status, 200, "{}", got.text);
    let preview = got.json();
    assert_eq!(preview["amount"].as_f64(), Some(76.5));
    assert_eq!(s(&preview, "balanceId"), b);
    assert!(preview["nextRun"].is_string(), "{preview}");
    let after = read(&sb, &format!("{list}?pageSize=200")).await["data"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(after, before, "nothing saved");
    if let Some(map) = body.as_object_mut() {
        map.remove("units");
    }
    let refusal = sb
        .api("POST", &org(&format!("{list}/preview")), Some(body.clone()))
        .await;
    refused(&refusal, 400, "amount");
    let unknown = sb
        .api(
            "POST",
            &org(&format!(
                "balances/{UNKNOWN}/balancechargeschedules/preview"
            )),
            Some(body),
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[tokio::test]
async fn a_balances_transaction_summary_adds_up_its_transactions() {
    let sb = Sandbox::start().await;
    let balances = sb.all("balances", 100).await;
    let mut checked = 0;
    for balance in &balances {
        let b = s(balance, "id");
        let list = read(&sb, &format!("balances/{b}/transactions?pageSize=200")).await;
        let amounts: Vec<f64> = list["data"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["amount"].as_f64())
            .collect();
        let summary = read(&sb, &format!("balances/{b}/transactions/summary")).await;
        let credit: f64 = amounts.iter().filter(|a| **a > 0.0).sum();
        assert_eq!(
            summary["totalCreditAmount"].as_f64(),
            Some(credit),
            "{summary}"
        );
        assert!(summary["balanceConsumed"].is_number());
        checked += usize::from(!amounts.is_empty());
    }
    assert!(checked > 0, "some balance has transactions");
    let b = s(&balances[0], "id");
    let added = sb
        .api(
            "POST",
            &org(&format!("balances/{b}/transactions")),
            Some(json!({"amount": -40.0, "description": "Usage drawn down"})),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text);
    let summary = read(&sb, &format!("balances/{b}/transactions/summary")).await;
    assert_eq!(summary["totalDebitAmount"].as_f64(), Some(40.0));
    let unknown = sb
        .get(&org(&format!("balances/{UNKNOWN}/transactions/summary")))
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
}

#[test]
fn every_billing_action_has_its_words() {
    let keys = [
        ("bills", 13),
        ("bill-jobs", 2),
        ("line-items", 2),
        ("accounts", 3),
        ("commitments", 1),
        ("contracts", 1),
        ("account-plans", 1),
        ("charge-schedules", 1),
        ("transactions", 1),
    ];
    for (key, n) in keys {
        let r = m3ter_models::resource(key).expect("a resource");
        assert_eq!(r.actions.len(), n, "{key}");
        let o = m3ter_models::resources::overlay(key);
        for a in r.actions {
            let note = o
                .action(a.key)
                .unwrap_or_else(|| panic!("{key} {} has no words", a.key));
            assert!(!note.label.is_empty());
            if o.changes_state(a) {
                let confirm = m3ter_models::resources::forms(key).confirm(a.key);
                assert!(!confirm.is_empty(), "{key} {} asks first", a.key);
            }
        }
    }
}
