//! Details, deletes, cancels, and re-authentication, as a user does them.

use fantoccini::Locator;
use serde_json::json;

use crate::support::{text_of, Env};

/// Opens the detail page of the row named `name` from the current list.
async fn open_row(env: &Env, caption: &str, name: &str) {
    env.wait_rows(caption).await;
    env.click_link(name).await;
}

#[tokio::test]
async fn open_a_detail_and_its_raw_json() {
    let env = Env::start().await;
    env.connect().await;
    let meter = env.all("meters")[0].clone();
    let name = text_of(&meter, "name");
    open_row(&env, "Meters", &name).await;
    env.wait_heading(&name).await;
    env.see("Data fields").await;
    env.see(&text_of(&meter, "id")).await;
    env.see("Created by").await;
    // The audit trail names the demo user (by the users list's `ids` filter), not a bare id.
    env.see("sandbox.demo@example.com").await;
    env.screenshot("meter-detail").await;
    env.click_button("Raw JSON").await;
    let raw = env
        .until("the raw JSON", || async {
            let pre = env.client.find(Locator::Css("pre.json")).await.ok()?;
            let t = pre.text().await.ok()?;
            t.contains("\"dataFields\"").then_some(t)
        })
        .await;
    let parsed: serde_json::Value = serde_json::from_str(&raw).expect("the raw view is JSON");
    assert_eq!(parsed, meter, "exactly the body the API returned");
    // Back to the list: it comes from memory, without a request.
    env.clear_requests();
    env.client.back().await.expect("back");
    env.wait_rows("Meters").await;
    assert!(
        env.requests().iter().all(|r| r["method"] != "GET"
            || !r["path"].as_str().unwrap_or_default().ends_with("/meters")),
        "{:?}",
        env.requests()
    );
    env.finish().await;
}

#[tokio::test]
async fn delete_a_meter_then_find_its_body() {
    let env = Env::start().await;
    env.connect().await;
    let meter = env.all("meters")[2].clone();
    let (name, id) = (text_of(&meter, "name"), text_of(&meter, "id"));
    open_row(&env, "Meters", &name).await;
    env.click_button("Delete").await;
    let dialog = env.role("dialog", "Delete this meter?").await;
    let text = dialog.text().await.unwrap_or_default();
    assert!(
        text.contains(&name) && text.contains(&id) && text.contains(&text_of(&meter, "code")),
        "{text}"
    );
    let focused = env
        .client
        .active_element()
        .await
        .expect("focus")
        .text()
        .await
        .unwrap_or_default();
    assert_eq!(focused, "Keep", "focus starts on Keep");
    env.screenshot("delete-dialog").await;
    env.clear_requests();
    // A double click still sends one request.
    let confirm = env.button("Delete meter").await;
    let _ = env
        .client
        .execute(
            "arguments[0].click(); arguments[0].click();",
            vec![serde_json::to_value(&confirm).expect("element")],
        )
        .await;
    env.see("Deleted.").await;
    let deletes: Vec<_> = env
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "DELETE")
        .collect();
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert!(env.stored("meters", &id).is_none());
    env.see(&id).await;
    env.screenshot("deleted-view").await;
    env.click_button("Raw JSON").await;
    let raw = env
        .until("the deleted body", || async {
            let t = env
                .client
                .find(Locator::Css("pre.json"))
                .await
                .ok()?
                .text()
                .await
                .ok()?;
            (!t.is_empty()).then_some(t)
        })
        .await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&raw).expect("json"),
        meter
    );
    // Recently deleted lists it; it reopens.
    env.click_link("Recently deleted").await;
    let rows = env.wait_rows("Deleted in this tab").await;
    assert_eq!(rows[0][0], name);
    assert!(rows[0].iter().any(|c| c.contains("Meter")));
    env.click_link(&name).await;
    env.see("You deleted this meter").await;
    // The list no longer shows it.
    env.click_link("Meters").await;
    let rows = env.wait_rows("Meters").await;
    assert!(rows.iter().all(|r| r[0] != name));
    env.finish().await;
}

#[tokio::test]
async fn delete_a_transaction_schedule_from_its_balance() {
    let env = Env::start().await;
    env.connect().await;
    let bts = env.all("transaction-schedules")[0].clone();
    let balance_id = text_of(&bts, "balanceId");
    let balance = env.stored("balances", &balance_id).expect("its balance");
    env.click_link("Balances").await;
    open_row(&env, "Balances", &text_of(&balance, "name")).await;
    let name = text_of(&bts, "name");
    open_row(&env, "Balance transaction schedules", &name).await;
    env.see(&text_of(&bts, "id")).await;
    env.click_button("Delete").await;
    env.role("dialog", "Delete this transaction schedule?")
        .await;
    env.click_dialog_button("Delete transaction schedule").await;
    env.see("Deleted.").await;
    assert!(env
        .stored("transaction-schedules", &text_of(&bts, "id"))
        .is_none());
    assert!(
        env.stored("balances", &balance_id).is_some(),
        "the balance stays"
    );
    env.finish().await;
}

#[tokio::test]
async fn delete_a_data_export_schedule() {
    let env = Env::start().await;
    env.connect().await;
    let schedule = env.all("export-schedules")[0].clone();
    env.click_link("Data export schedules").await;
    open_row(&env, "Data export schedules", &text_of(&schedule, "name")).await;
    env.click_button("Delete").await;
    env.click_dialog_button("Delete schedule").await;
    env.see("Deleted.").await;
    assert!(env
        .stored("export-schedules", &text_of(&schedule, "id"))
        .is_none());
    env.finish().await;
}

#[tokio::test]
async fn cancel_a_pending_job_but_not_a_complete_one() {
    let env = Env::start().await;
    env.connect().await;
    let jobs = env.all("statement-jobs");
    let pending = jobs
        .iter()
        .find(|j| j["statementJobStatus"] == "PENDING")
        .expect("a pending job")
        .clone();
    let complete = jobs
        .iter()
        .find(|j| j["statementJobStatus"] == "COMPLETE")
        .expect("a complete job")
        .clone();
    env.click_link("Statement jobs").await;
    open_row(&env, "Statement jobs", &text_of(&pending, "id")).await;
    env.see("Pending").await;
    env.click_button("Cancel job").await;
    env.role("dialog", "Cancel job?").await;
    env.click_dialog_button("Cancel job").await;
    env.see("Its status is now CANCELLED").await;
    env.see("Cancelled").await;
    assert_eq!(
        env.stored("statement-jobs", &text_of(&pending, "id"))
            .expect("job")["statementJobStatus"],
        "CANCELLED"
    );
    // A complete job: the button is there but disabled, and says why.
    env.click_link("Statement jobs").await;
    open_row(&env, "Statement jobs", &text_of(&complete, "id")).await;
    let button = env.button("Cancel job").await;
    env.screenshot("cancel-complete-job").await;
    assert!(
        !button.is_enabled().await.expect("enabled?"),
        "not offered for a COMPLETE job"
    );
    env.see("has already completed").await;
    env.finish().await;
}

/// A job's page follows it while it runs: read again, quietly, until it finishes, with no click.
#[tokio::test]
async fn a_running_jobs_page_follows_it_until_it_finishes() {
    let env = Env::with(m3ter_sandbox::Config {
        job_step_ms: 1_500,
        ..Default::default()
    })
    .await;
    let bill = env.all("bills").into_iter().next().expect("a bill");
    let auth = format!("Bearer {}", m3ter_sandbox::DEMO_TOKEN);
    let (status, created) = env
        .http(
            "POST",
            &format!("/organizations/{}/statementjobs", m3ter_sandbox::DEMO_ORG),
            &[("Authorization", auth.as_str())],
            Some(&json!({"billId": text_of(&bill, "id")}).to_string()),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let job: serde_json::Value = serde_json::from_str(&created).expect("a job");
    let id = text_of(&job, "id");
    assert_eq!(job["statementJobStatus"], "PENDING");

    env.connect().await;
    env.click_link("Statement jobs").await;
    open_row(&env, "Statement jobs", &id).await;
    env.role(
        "status",
        "Under way: this page reads it again every few seconds",
    )
    .await;
    env.role("status", "Finished.").await;
    env.see("Complete").await;
    let reads_of_job = || {
        env.requests()
            .iter()
            .filter(|r| {
                r["method"] == "GET" && r["path"].as_str().is_some_and(|p| p.ends_with(&id))
            })
            .count()
    };
    let reads = reads_of_job();
    assert!(reads >= 2, "read again while it ran ({reads} reads)");
    // Settled: no more reads.
    tokio::time::sleep(std::time::Duration::from_millis(9_000)).await;
    assert_eq!(reads_of_job(), reads, "no reads once it finished");
    env.finish().await;
}

#[tokio::test]
async fn an_expired_token_reopens_connect_and_retries() {
    let env = Env::start().await;
    let short = m3ter_sandbox::lock::lock(&env.sandbox.state.auth).issue(3600);
    env.connect_with(&short.access_token).await;
    env.wait_rows("Meters").await;
    m3ter_sandbox::lock::lock(&env.sandbox.state.auth).expire(&short.access_token);
    // Typed text on the page survives the reconnect.
    env.fill("Filter loaded rows", "keep me").await;
    env.click_link("Balances").await;
    let dialog = env.role("dialog", "Reconnect to m3ter").await;
    assert!(dialog
        .text()
        .await
        .unwrap_or_default()
        .contains("Token has expired"));
    env.fill("API token", m3ter_sandbox::DEMO_TOKEN).await;
    env.click_button("Reconnect").await;
    env.wait_rows("Balances").await;
    let gets: Vec<_> = env
        .requests()
        .into_iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap_or_default()
                .ends_with("/balances")
        })
        .collect();
    assert_eq!(
        gets.iter()
            .map(|r| r["status"].as_u64().unwrap_or(0))
            .collect::<Vec<_>>(),
        vec![403, 200],
        "the request was retried after reconnecting"
    );
    env.click_link("Meters").await;
    assert_eq!(
        env.field("Filter loaded rows")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("")
    );
    // A 401 does the same: the dialog opens, and the request is retried after reconnecting.
    env.fault(json!({"kind": "status", "status": 401, "method": "GET", "path": "/dataexports/schedules", "times": 1, "body": "{\"message\": \"Unauthorized\"}"}));
    env.click_link("Data export schedules").await;
    env.role("dialog", "Reconnect to m3ter").await;
    env.fill("API token", m3ter_sandbox::DEMO_TOKEN).await;
    env.click_button("Reconnect").await;
    env.wait_rows("Data export schedules").await;
    env.finish().await;
}

#[tokio::test]
async fn a_failing_delete_leaves_the_row_and_says_why() {
    let env = Env::start().await;
    env.connect().await;
    let meter = env.all("meters")[0].clone();
    let name = text_of(&meter, "name");
    env.fault(json!({"kind": "status", "status": 500, "method": "DELETE", "times": 1}));
    open_row(&env, "Meters", &name).await;
    env.click_button("Delete").await;
    env.click_dialog_button("Delete meter").await;
    let alert = env.role("alert", "Deleting the meter failed").await;
    assert!(alert.text().await.unwrap_or_default().contains("500"));
    env.click_dialog_button("Keep").await;
    assert!(env.stored("meters", &text_of(&meter, "id")).is_some());
    env.click_link("Meters").await;
    let rows = env.wait_rows("Meters").await;
    assert!(
        rows.iter().any(|r| r[0] == name),
        "the meter is still listed"
    );
    // Already deleted elsewhere: 404 says so.
    let other = env.all("meters")[1].clone();
    open_row(&env, "Meters", &text_of(&other, "name")).await;
    env.see(&text_of(&other, "id")).await;
    m3ter_sandbox::lock::lock(&env.sandbox.state.store)
        .collection_mut("meters")
        .remove(&text_of(&other, "id"));
    env.click_button("Delete").await;
    env.click_dialog_button("Delete meter").await;
    let alert = env.role("alert", "404").await;
    assert!(alert.text().await.unwrap_or_default().contains("not found"));
    env.finish().await;
}
