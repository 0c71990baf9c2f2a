//! Create and edit forms, generated from the models, against the sandbox.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::support::{text_of, Env};

/// The newest entity of a resource in the sandbox.
fn newest(env: &Env, resource: &str) -> Value {
    env.all(resource).into_iter().next().expect("an entity")
}

#[tokio::test]
async fn create_an_operational_and_a_usage_schedule() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("Data export schedules").await;
    env.click_link("New schedule").await;
    env.see("Schedule times (period and offset) are in UTC.")
        .await;
    env.select("Source type (required)", "Operational").await;
    env.fill("Name (required)", "Nightly ops from the console")
        .await;
    env.fill("Code (required)", "nightly_console").await;
    env.select("Schedule type", "Daily").await;
    env.fill("Period (days)", "1").await;
    env.fill("Offset (hours)", "4").await;
    env.select("File format", "JSON Lines").await;
    env.check(Some("Operational data types (required)"), "Bills")
        .await;
    env.check(Some("Operational data types (required)"), "Accounts")
        .await;
    let dest = env.all("export-destinations")[0].clone();
    env.check(
        Some("Destinations"),
        &format!(
            "{} ({}) {}",
            text_of(&dest, "name"),
            text_of(&dest, "code"),
            text_of(&dest, "id")
        ),
    )
    .await;
    env.screenshot("form-schedule-operational").await;
    env.click_button("Create schedule").await;
    env.see("Nightly ops from the console").await;
    env.see("Data export schedule saved (version 1)").await;
    let created = newest(&env, "export-schedules");
    assert_eq!(created["sourceType"], "OPERATIONAL");
    assert_eq!(
        created["operationalDataTypes"],
        json!(["BILLS", "ACCOUNTS"])
    );
    assert_eq!(created["offset"], 4);
    assert_eq!(created["destinationIds"], json!([text_of(&dest, "id")]));

    // Usage: switching the source type shows the usage fields; MINUTE hides the offset.
    env.click_link("Data export schedules").await;
    env.click_link("New schedule").await;
    env.fill("Name (required)", "Usage every 30 minutes").await;
    env.fill("Code (required)", "usage_30").await;
    env.select("Source type (required)", "Usage").await;
    env.select("Time period (required)", "Last 12 hours").await;
    env.select("Schedule type", "Every N minutes").await;
    env.fill("Period (minutes)", "30").await;
    assert!(
        !env.page_text().await.contains("Offset"),
        "no offset for MINUTE schedules"
    );
    let meter = env.all("meters")[0].clone();
    env.click_button("Add aggregation").await;
    env.fill_in("Aggregation 1", "Meter (required)", &text_of(&meter, "id"))
        .await;
    env.fill_in("Aggregation 1", "Field code (required)", "customer_id")
        .await;
    env.select_in("Aggregation 1", "Field type (required)", "Dimension")
        .await;
    env.select_in("Aggregation 1", "Function (required)", "Unique")
        .await;
    env.click_button("Add group").await;
    env.select_in("Group 1", "Group by", "Time").await;
    env.select_in("Group 1", "Time bucket (required)", "Hour")
        .await;
    env.screenshot("form-schedule-usage").await;
    env.click_button("Create schedule").await;
    env.see("Data export schedule saved (version 1)").await;
    let usage = newest(&env, "export-schedules");
    assert_eq!(usage["sourceType"], "USAGE");
    assert_eq!(usage["timePeriod"], "LAST_12_HOURS");
    assert!(usage.get("offset").is_none());
    assert_eq!(
        usage["aggregations"],
        json!([{"meterId": text_of(&meter, "id"), "fieldCode": "customer_id", "fieldType": "DIMENSION", "function": "UNIQUE"}])
    );
    assert_eq!(
        usage["groups"],
        json!([{"groupType": "TIME", "frequency": "HOUR"}])
    );
    env.finish().await;
}

#[tokio::test]
async fn create_a_meter_with_data_and_derived_fields() {
    let env = Env::start().await;
    env.connect().await;
    env.click_link("New meter").await;
    env.fill("Name (required)", "Console meter").await;
    env.fill("Code (required)", "console_meter").await;
    env.select_in("Data field 1", "Category (required)", "Who")
        .await;
    env.fill_in("Data field 1", "Code (required)", "customer_id")
        .await;
    env.fill_in("Data field 1", "Name (required)", "Customer")
        .await;
    env.click_button("Add data field").await;
    env.select_in("Data field 2", "Category (required)", "Measure")
        .await;
    env.fill_in("Data field 2", "Code (required)", "bytes")
        .await;
    env.fill_in("Data field 2", "Name (required)", "Bytes")
        .await;
    env.fill_in("Data field 2", "Unit", "By").await;
    env.click_button("Add derived field").await;
    env.select_in("Derived field 1", "Category (required)", "Measure")
        .await;
    env.fill_in("Derived field 1", "Code (required)", "gigabytes")
        .await;
    env.fill_in("Derived field 1", "Name (required)", "Gigabytes")
        .await;
    env.fill_in(
        "Derived field 1",
        "Calculation (required)",
        "bytes / 1000000000",
    )
    .await;
    env.click_button("Add custom field").await;
    env.fill_in("Custom fields", "Name 1", "team").await;
    env.fill_in("Custom fields", "Value 1", "platform").await;
    env.click_button("Add custom field").await;
    env.fill_in("Custom fields", "Name 2", "costCentre").await;
    env.fill_in("Custom fields", "Value 2", "4210.5").await;
    env.check(Some("Custom fields"), "Value 2 is a number")
        .await;
    env.screenshot("form-meter").await;
    env.click_button("Create meter").await;
    env.see("Meter saved (version 1)").await;
    let m = newest(&env, "meters");
    assert_eq!(m["name"], "Console meter");
    assert_eq!(
        m["dataFields"],
        json!([
            {"category": "WHO", "code": "customer_id", "name": "Customer"},
            {"category": "MEASURE", "code": "bytes", "name": "Bytes", "unit": "By"},
        ])
    );
    assert_eq!(m["derivedFields"][0]["calculation"], "bytes / 1000000000");
    assert_eq!(
        m["customFields"],
        json!({"team": "platform", "costCentre": 4210.5})
    );
    env.finish().await;
}

/// Opens the edit form of the meter with this id.
async fn edit_meter(env: &Env, meter: &Value) {
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    env.click_link(&text_of(meter, "name")).await;
    env.see(&text_of(meter, "id")).await;
    env.click_link("Edit").await;
    env.see("Editing version").await;
}

#[tokio::test]
async fn edit_a_meter_keeps_what_it_does_not_model() {
    let env = Env::start().await;
    // A meter carrying a field and an enum value this console does not know.
    let mut raw = env.all("meters")[0].clone();
    raw["futureField"] = json!({"nested": [1, {"deep": true}]});
    raw["dataFields"][0]["category"] = json!("FUTURE_CATEGORY");
    raw["dataFields"][0]["futureKey"] = json!("kept");
    let id = text_of(&raw, "id");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("meters", raw.clone());
    env.connect().await;
    edit_meter(&env, &raw).await;
    env.see("FUTURE_CATEGORY (not known to this console; kept as is)")
        .await;
    assert!(!env.page_text().await.contains("unsaved change"));
    env.fill("Name (required)", "Renamed by the console").await;
    // What saving will change, and only that: the fields it does not model are not changes.
    let review = env
        .client
        .find(Locator::XPath("//summary[.='Review 1 unsaved change']"))
        .await
        .expect("the changes to review");
    env.center(&review).await;
    review.click().await.expect("open them");
    let changes = env.wait_rows("What saving will change").await;
    assert_eq!(
        changes,
        vec![vec![
            "name".to_owned(),
            text_of(&raw, "name"),
            "Renamed by the console".to_owned()
        ]]
    );
    env.screenshot("form-meter-edit").await;
    env.click_button("Save changes").await;
    env.see("Meter saved (version").await;
    let stored = env.stored("meters", &id).expect("meter");
    assert_eq!(stored["name"], "Renamed by the console");
    assert_eq!(stored["version"], raw["version"].as_i64().unwrap_or(0) + 1);
    assert_eq!(
        stored["futureField"], raw["futureField"],
        "unknown fields survive"
    );
    assert_eq!(
        stored["dataFields"][0]["category"], "FUTURE_CATEGORY",
        "unknown enum values survive"
    );
    assert_eq!(stored["dataFields"][0]["futureKey"], "kept");
    for key in ["code", "productId", "derivedFields", "customFields"] {
        assert_eq!(stored.get(key), raw.get(key), "{key} unchanged");
    }
    // The detail page shows the new version.
    env.see("Renamed by the console").await;
    let put = env
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "PUT")
        .count();
    assert_eq!(put, 1);
    env.finish().await;
}

#[tokio::test]
async fn version_conflict_reload_latest_or_keep_my_changes() {
    let env = Env::start().await;
    env.connect().await;
    let meter = env.all("meters")[1].clone();
    let id = text_of(&meter, "id");
    edit_meter(&env, &meter).await;
    env.fill("Name (required)", "My name").await;
    // Someone else changes it meanwhile.
    let mut theirs = env.stored("meters", &id).expect("meter");
    theirs["code"] = json!("changed_elsewhere");
    theirs["version"] = json!(theirs["version"].as_i64().unwrap_or(0) + 1);
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("meters", theirs.clone());
    env.click_button("Save changes").await;
    let conflict = env.role("alert", "was changed by someone else").await;
    let text = conflict.text().await.unwrap_or_default();
    assert!(
        text.contains("My name") && text.contains("changed_elsewhere"),
        "{text}"
    );
    env.screenshot("form-conflict").await;
    // Keep my changes: re-applied on the latest, then saved.
    env.click_button("Keep my changes").await;
    env.click_button("Save changes").await;
    env.see("Meter saved").await;
    let stored = env.stored("meters", &id).expect("meter");
    assert_eq!(stored["name"], "My name");
    assert_eq!(
        stored["code"], "changed_elsewhere",
        "their change is kept too"
    );

    // Reload latest: your edit is dropped and the form shows the server's values.
    edit_meter(&env, &stored).await;
    env.fill("Name (required)", "Discard me").await;
    let mut again = env.stored("meters", &id).expect("meter");
    again["name"] = json!("Theirs again");
    again["version"] = json!(again["version"].as_i64().unwrap_or(0) + 1);
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("meters", again.clone());
    env.click_button("Save changes").await;
    env.role("alert", "was changed by someone else").await;
    env.click_button("Reload latest").await;
    let name = env
        .field("Name (required)")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(name.as_deref(), Some("Theirs again"));
    assert_eq!(
        env.stored("meters", &id).expect("meter")["name"],
        "Theirs again"
    );
    env.finish().await;
}

#[tokio::test]
async fn client_validation_blocks_a_bad_code_and_server_errors_show() {
    let env = Env::start().await;
    env.connect().await;
    env.click_link("New meter").await;
    env.fill("Name (required)", "Bad code meter").await;
    env.fill("Code (required)", " leading space").await;
    env.select_in("Data field 1", "Category (required)", "Who")
        .await;
    env.fill_in("Data field 1", "Code (required)", "2starts_with_digit")
        .await;
    env.fill_in("Data field 1", "Name (required)", "X").await;
    env.clear_requests();
    env.click_button("Create meter").await;
    let summary = env.role("alert", "problems to fix").await;
    let text = summary.text().await.unwrap_or_default();
    assert!(
        text.contains("Code: must not start or end with a space"),
        "{text}"
    );
    assert!(text.contains("Data fields › 1 › Code"), "{text}");
    let focused = env
        .client
        .active_element()
        .await
        .expect("focus")
        .attr("class")
        .await
        .ok()
        .flatten();
    assert_eq!(
        focused.as_deref(),
        Some("error-summary"),
        "the summary takes focus"
    );
    let code = env.field("Code (required)").await;
    assert_eq!(
        code.attr("aria-invalid").await.ok().flatten().as_deref(),
        Some("true")
    );
    let described = code
        .attr("aria-describedby")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(described.contains("error"), "{described}");
    assert!(
        env.requests().iter().all(|r| r["method"] != "POST"),
        "nothing was sent"
    );
    env.screenshot("form-validation").await;

    // A server-side 400 is shown verbatim, beside the field it names, and nothing typed is lost.
    env.fill("Code (required)", "good_code").await;
    env.fill_in("Data field 1", "Code (required)", "fine").await;
    env.fault(json!({"kind": "status", "status": 400, "method": "POST", "times": 1, "body": "{\"message\": \"name: is already used by another meter\"}"}));
    env.click_button("Create meter").await;
    let alert = env.role("alert", "is already used by another meter").await;
    assert!(alert.text().await.unwrap_or_default().contains("400"));
    env.see("is already used by another meter").await;
    let name = env.field("Name (required)").await;
    assert_eq!(
        name.prop("value").await.ok().flatten().as_deref(),
        Some("Bad code meter")
    );
    assert_eq!(
        name.attr("aria-invalid").await.ok().flatten().as_deref(),
        Some("true")
    );
    env.finish().await;
}

/// "Duplicate" opens the create form with the entity's writable values; the copy gets its own id
/// and what was changed, and the original stays as it was.
#[tokio::test]
async fn duplicate_a_meter() {
    let env = Env::start().await;
    env.connect().await;
    let meter = env.all("meters")[2].clone();
    let id = text_of(&meter, "id");
    env.wait_rows("Meters").await;
    env.click_link(&text_of(&meter, "name")).await;
    env.see(&id).await;
    env.click_link("Duplicate").await;
    env.see(&format!(
        "Pre-filled from the meter \"{}\"",
        text_of(&meter, "name")
    ))
    .await;
    assert!(!env.page_text().await.contains("Editing version"));
    env.fill("Name (required)", "Duplicated meter").await;
    // m3ter takes a code once per kind: the copy's code is refused beside its input.
    env.click_button("Create meter").await;
    env.see("is already the code of another meter").await;
    let code = env.field("Code (required)").await;
    assert_eq!(
        code.attr("aria-invalid").await.ok().flatten().as_deref(),
        Some("true")
    );
    env.fill("Code (required)", "duplicated_meter").await;
    env.click_button("Create meter").await;
    env.see("Meter saved (version 1)").await;
    let copy = newest(&env, "meters");
    assert_ne!(copy["id"], meter["id"], "a new id");
    assert_eq!(copy["name"], "Duplicated meter");
    assert_eq!(copy["code"], "duplicated_meter");
    for key in ["dataFields", "derivedFields", "productId", "customFields"] {
        assert_eq!(copy.get(key), meter.get(key), "{key} copied");
    }
    assert_eq!(
        env.stored("meters", &id),
        Some(meter),
        "the original as it was"
    );
    let posts = env
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST")
        .count();
    assert_eq!(posts, 2, "the refused copy, then the one saved");
    env.finish().await;
}

#[tokio::test]
async fn re_create_from_a_deleted_body() {
    let env = Env::start().await;
    env.connect().await;
    let meter = env.all("meters")[3].clone();
    env.wait_rows("Meters").await;
    env.click_link(&text_of(&meter, "name")).await;
    env.click_button("Delete").await;
    env.click_dialog_button("Delete meter").await;
    env.see("Deleted.").await;
    env.click_link("Re-create").await;
    env.see("Pre-filled from the deleted meter").await;
    let name = env
        .field("Name (required)")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(name, Some(text_of(&meter, "name")));
    env.click_button("Create meter").await;
    env.see("Meter saved (version 1)").await;
    let again = newest(&env, "meters");
    assert_ne!(again["id"], meter["id"], "a new id");
    for key in [
        "name",
        "code",
        "dataFields",
        "derivedFields",
        "productId",
        "customFields",
    ] {
        assert_eq!(again.get(key), meter.get(key), "{key} re-created as it was");
    }
    env.finish().await;
}

#[tokio::test]
async fn transaction_schedule_preview_and_create() {
    let env = Env::start().await;
    env.connect().await;
    let balance = env.all("balances")[0].clone();
    env.wait_rows("Meters").await;
    env.click_link("Balances").await;
    env.click_link(&text_of(&balance, "name")).await;
    env.click_link("New transaction schedule").await;
    env.fill("Name (required)", "Quarterly top-up").await;
    env.fill("Code (required)", "quarterly_topup").await;
    env.fill("Amount (required)", "750").await;
    env.fill(
        "Transaction description (required)",
        "Quarterly prepaid top-up",
    )
    .await;
    env.fill(
        "Transaction type (required)",
        "4f3e2d1c-0b9a-4887-a665-544332211000",
    )
    .await;
    env.select("Frequency (required)", "Monthly").await;
    env.fill("Every (required)", "3").await;
    env.fill("Start date (required)", "2025-01-01T00:00:00Z")
        .await;
    env.fill("End date (required)", "2026-01-01T00:00:00Z")
        .await;
    let before = env.all("transaction-schedules").len();
    env.click_button("Preview").await;
    let preview = env.role("status", "Preview (nothing saved)").await;
    let text = preview.text().await.unwrap_or_default();
    assert!(
        text.contains("The first 4 of 4 transactions") && text.contains("2025-10-01 00:00:00 UTC"),
        "{text}"
    );
    assert_eq!(
        env.all("transaction-schedules").len(),
        before,
        "a preview saves nothing"
    );
    env.screenshot("form-bts-preview").await;
    env.click_button("Create transaction schedule").await;
    env.see("saved (version 1)").await;
    let created = newest(&env, "transaction-schedules");
    assert_eq!(created["balanceId"], balance["id"]);
    assert_eq!(created["frequencyInterval"], 3);
    assert_eq!(created["amount"], 750);
    env.finish().await;
}

#[tokio::test]
async fn statement_jobs_create_and_batch() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("Statement jobs").await;
    env.click_link("New job").await;
    env.fill("Bill (required)", "bill-from-console").await;
    env.check(None, "Include CSV").await;
    env.click_button("Create job").await;
    env.see("Statement job saved (version 1)").await;
    let job = newest(&env, "statement-jobs");
    assert_eq!(job["billId"], "bill-from-console");
    assert_eq!(job["includeCsvFormat"], true);
    env.see("Pending").await;

    env.click_link("Statement jobs").await;
    env.click_link("Batch create").await;
    env.fill("Other IDs (one per line)", "b-1\nb-2\nb-3").await;
    env.click_button("Batch create").await;
    // It creates jobs: a confirmation first, then exactly one request.
    env.role("dialog", "Batch create?").await;
    env.clear_requests();
    env.click_dialog_button("Batch create").await;
    env.role("status", "Created 3 statement jobs").await;
    let sent = env
        .requests()
        .iter()
        .filter(|r| {
            r["method"] == "POST" && r["path"].as_str().is_some_and(|p| p.ends_with("/batch"))
        })
        .count();
    assert_eq!(sent, 1, "one request per confirmation");
    let bills: Vec<String> = env
        .all("statement-jobs")
        .iter()
        .take(3)
        .map(|j| text_of(j, "billId"))
        .collect();
    assert_eq!(bills, vec!["b-3", "b-2", "b-1"]);
    // Eleven bills are refused before sending.
    env.click_link("Statement jobs").await;
    env.click_link("Batch create").await;
    let many: Vec<String> = (0..11).map(|i| format!("x{i}")).collect();
    env.fill("Other IDs (one per line)", &many.join("\n")).await;
    env.click_button("Batch create").await;
    env.role("alert", "may have at most 10 items").await;
    env.finish().await;
}

#[tokio::test]
async fn create_a_gcs_destination() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("Export destinations").await;
    env.click_link("New destination").await;
    env.fill("Name (required)", "Console GCS").await;
    env.fill("Code (required)", "console_gcs").await;
    env.select("Destination type", "Google Cloud Storage").await;
    assert!(
        !env.page_text().await.contains("IAM role ARN"),
        "S3 fields are hidden for GCS"
    );
    env.fill("Bucket name (required)", "console-bucket").await;
    env.fill("Project number (required)", "1234").await;
    env.fill("Workload identity pool ID (required)", "pool")
        .await;
    env.fill("Identity provider ID (required)", "provider")
        .await;
    env.click_button("Create destination").await;
    env.see("Export destination saved (version 1)").await;
    let d = newest(&env, "export-destinations");
    assert_eq!(d["destinationType"], "GCS");
    assert!(d.get("iamRoleArn").is_none());
    env.finish().await;
}

#[tokio::test]
async fn leaving_with_unsaved_changes_asks_and_save_sends_once() {
    let env = Env::start().await;
    env.connect().await;
    env.click_link("New meter").await;
    env.fill("Name (required)", "Half typed").await;
    // Leaving asks; staying keeps what was typed.
    env.click_link("Balances").await;
    let prompt = env.client.get_alert_text().await.expect("a leave prompt");
    assert!(prompt.contains("unsaved changes"), "{prompt}");
    env.client.dismiss_alert().await.expect("stay");
    let name = env
        .field("Name (required)")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(name.as_deref(), Some("Half typed"));
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .path()
        .ends_with("/meters/new"));

    // A slow save: the button is disabled while it is in flight, so a double click sends one POST.
    env.fill("Code (required)", "half_typed").await;
    env.select_in("Data field 1", "Category (required)", "Who")
        .await;
    env.fill_in("Data field 1", "Code (required)", "who").await;
    env.fill_in("Data field 1", "Name (required)", "Who").await;
    env.fault(json!({"kind": "delay", "method": "POST", "delayMs": 1500, "times": 1}));
    env.clear_requests();
    let save = env.button("Create meter").await;
    env.center(&save).await;
    let arg = serde_json::to_value(&save).expect("element");
    let _ = env
        .client
        .execute("arguments[0].click(); arguments[0].click();", vec![arg])
        .await;
    env.see("Meter saved (version 1)").await;
    let posts = env
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST")
        .count();
    assert_eq!(posts, 1);
    // After saving, leaving does not ask.
    env.click_link("Balances").await;
    env.wait_rows("Balances").await;
    env.finish().await;
}

#[tokio::test]
async fn browser_back_with_unsaved_changes_asks_first() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("New meter").await;
    env.fill("Name (required)", "Typed before Back").await;
    let back = || async {
        let _ = env.client.execute("history.back()", vec![]).await;
        env.until("the leave prompt", || async {
            env.client.get_alert_text().await.ok()
        })
        .await
    };
    // Back, then "stay": the form, its URL and what was typed are all still there.
    let prompt = back().await;
    assert!(prompt.contains("unsaved changes"), "{prompt}");
    env.client.dismiss_alert().await.expect("stay");
    let name = env.field("Name (required)").await.prop("value").await;
    assert_eq!(name.ok().flatten().as_deref(), Some("Typed before Back"));
    let url = env.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/meters/new"), "{url}");
    // Back again, then "leave": the list the form was opened from, and no more asking.
    back().await;
    env.client.accept_alert().await.expect("leave");
    env.wait_rows("Meters").await;
    let url = env.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/meters"), "{url}");
    env.click_link("New meter").await;
    env.field("Name (required)").await;
    let _ = env.client.execute("history.back()", vec![]).await;
    env.wait_rows("Meters").await;
    assert!(
        env.client.get_alert_text().await.is_err(),
        "an untouched form does not ask"
    );
    env.finish().await;
}

/// A credit made on a bill refers to it to start with; its referenced line item is one of the
/// referenced bill's: once a bill is named, the line item input offers that bill's line items by
/// description, and nothing is asked for while the bill's id is typed.
#[tokio::test]
async fn a_referenced_line_item_is_offered_from_the_referenced_bill() {
    let env = Env::start().await;
    env.connect().await;
    let bills = env.all("bills");
    let (on, named) = (&bills[0], &bills[1]);
    let mut theirs: Vec<(String, String)> = env
        .all("line-items")
        .iter()
        .filter(|l| text_of(l, "billId") == text_of(named, "id"))
        .map(|l| (text_of(l, "id"), text_of(l, "description")))
        .collect();
    theirs.sort();
    assert!(!theirs.is_empty(), "the named bill has line items");
    env.visit(&format!(
        "/bills/{}/credit-line-items/new",
        text_of(on, "id")
    ))
    .await;
    env.wait_heading("New credit line item").await;
    // Made on a bill, it starts by referring to that bill.
    let referenced = env.field("Referenced bill (required)").await;
    let start = referenced.prop("value").await.ok().flatten();
    assert_eq!(start, Some(text_of(on, "id")));
    env.clear_requests();
    env.fill("Referenced bill (required)", &text_of(named, "id"))
        .await;
    let asked_items = |env: &Env| {
        env.requests()
            .iter()
            .filter(|r| {
                r["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with("/lineitems"))
            })
            .count()
    };
    assert_eq!(asked_items(&env), 0, "{:?}", env.requests());
    let input = env.field("Referenced line item (required)").await;
    input.click().await.expect("focus the line item input");
    let mut offered = env.offered(&input).await;
    offered.sort();
    assert_eq!(offered, theirs);
    assert_eq!(asked_items(&env), 1, "{:?}", env.requests());
    env.assert_no_crash("offering a bill's line items").await;
    env.finish().await;
}

/// The name shown under an id input (empty while there is none).
async fn named(env: &Env, input: &fantoccini::elements::Element) -> String {
    let id = input.attr("id").await.ok().flatten().unwrap_or_default();
    let script = "const e = document.getElementById(arguments[0] + '-named');
        return e ? e.textContent : '';";
    env.client
        .execute(script, vec![json!(id)])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An id typed or chosen shows the name of what it names under the input (a bill by its title, a
/// product by its name, one of a bill's line items by its description); a partial id shows none and
/// is not looked up.
#[tokio::test]
async fn an_id_shows_the_name_of_what_it_names() {
    let env = Env::start().await;
    env.connect().await;
    let bill = newest(&env, "bills");
    let product = env.all("products").pop().expect("a product");
    let title = |key: &str, v: &Value| {
        let r = m3ter_models::resource(key).expect("resource");
        m3ter_models::resources::title_of(r, v)
    };
    env.visit(&format!(
        "/bills/{}/credit-line-items/new",
        text_of(&bill, "id")
    ))
    .await;
    env.wait_heading("New credit line item").await;
    // The bill it is made on, named.
    let referenced = env.field("Referenced bill (required)").await;
    let want = title("bills", &bill);
    env.until("the referenced bill's name", || async {
        (named(&env, &referenced).await == want).then_some(())
    })
    .await;
    // Half an id: no name, and no lookup of it.
    let input = env.field("Product (required)").await;
    let id = text_of(&product, "id");
    env.clear_requests();
    env.fill("Product (required)", &id[..20]).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(named(&env, &input).await, "");
    assert!(
        !env.asked_list("/products", &id[..20]),
        "{:?}",
        env.requests()
    );
    // The whole id: the product's name.
    env.fill("Product (required)", &id).await;
    let want = text_of(&product, "name");
    env.until("the product's name", || async {
        named(&env, &input).await.starts_with(&want).then_some(())
    })
    .await;
    // One of the bill's line items, by its description once offered.
    let item = env
        .all("line-items")
        .into_iter()
        .find(|l| text_of(l, "billId") == text_of(&bill, "id"))
        .expect("a line item of the bill");
    let line = env.field("Referenced line item (required)").await;
    env.center(&line).await;
    line.click().await.expect("focus the line item input");
    env.offered(&line).await;
    env.fill("Referenced line item (required)", &text_of(&item, "id"))
        .await;
    let want = text_of(&item, "description");
    env.until("the line item's description", || async {
        (named(&env, &line).await == want).then_some(())
    })
    .await;
    env.assert_no_crash("naming ids").await;
    env.finish().await;
}

/// A currency is one of the organization's currencies: the input offers their codes by name, not
/// those archived, and what is chosen is sent as typed.
#[tokio::test]
async fn a_currency_input_offers_the_organizations_currencies() {
    let env = Env::start().await;
    env.connect().await;
    let mut in_use: Vec<(String, String)> = env
        .all("currencies")
        .iter()
        .filter(|c| c["archived"] != json!(true))
        .map(|c| (text_of(c, "code"), text_of(c, "name")))
        .collect();
    in_use.sort();
    assert!(
        in_use.len() < env.all("currencies").len(),
        "one is archived"
    );
    env.visit("/commitments/new").await;
    env.wait_heading("New commitment").await;
    let input = env.field("Currency (required)").await;
    let mut offered = env.offered(&input).await;
    offered.sort();
    assert_eq!(offered, in_use);
    env.assert_no_crash("offering currencies").await;
    env.finish().await;
}

/// Ids chosen from a list are checkboxes beside each entity's name and id: each one is wide
/// enough to click, however long the label beside it.
#[tokio::test]
async fn id_choices_are_checkboxes_wide_enough_to_use() {
    let env = Env::start().await;
    env.connect().await;
    env.visit("/bill-jobs/new").await;
    env.wait_heading("New bill job").await;
    let account = newest(&env, "accounts");
    env.see(&text_of(&account, "id")).await;
    env.assert_controls_usable("the bill job form").await;
    env.finish().await;
}
