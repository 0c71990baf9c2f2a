//! Issue #14's remaining cases in the browser: leaving a page while its work is in flight, links
//! crafted to step out of their path, conditional fields the console cannot place, and Load all
//! against an API that repeats itself.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::support::{text_of, Env};

const SLOW_MS: u64 = 1500;

/// Long enough for a delayed answer to arrive after the page that asked for it is gone.
async fn let_the_answer_arrive() {
    tokio::time::sleep(Duration::from_millis(SLOW_MS + 700)).await;
}

/// Accepts the "unsaved changes" prompt if leaving raised one.
async fn accept_leave_prompt(env: &Env) {
    if env.client.get_alert_text().await.is_ok() {
        let _ = env.client.accept_alert().await;
    }
}

/// The page's `<h1>` text.
async fn heading(env: &Env) -> String {
    match env.client.find(Locator::Css("main h1, h1")).await {
        Ok(h) => h.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The Balances list is on screen, whole, and nothing else wrote into it.
async fn balances_intact(env: &Env, when: &str) {
    env.assert_no_crash(when).await;
    let rows = env.wait_rows("Balances").await;
    assert!(!rows.is_empty(), "{when}: the balances list has rows");
    assert_eq!(heading(env).await, "Balances", "{when}");
    env.assert_no_crash(when).await;
}

#[tokio::test]
async fn leaving_pages_with_work_in_flight_never_crashes_and_keeps_the_writes() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    let meters = env.all("meters");

    // A list loading (one not opened before, so not in memory): leave before its first page.
    env.fault(json!({"kind": "delay", "method": "GET", "path": "/products", "delayMs": SLOW_MS, "times": 1}));
    env.click_link("Products").await;
    env.click_link("Balances").await;
    let_the_answer_arrive().await;
    balances_intact(&env, "after leaving a list that was loading").await;
    env.clear_faults();

    // Load all in flight: leave before its page arrives.
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    env.fault(json!({"kind": "delay", "method": "GET", "path": "/meters", "delayMs": SLOW_MS, "times": 1}));
    env.click_button("Load all").await;
    env.click_link("Balances").await;
    let_the_answer_arrive().await;
    balances_intact(&env, "after leaving a list in the middle of Load all").await;
    env.clear_faults();

    // A detail loading: Back before it arrives.
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    let meter = meters[0].clone();
    env.fault(json!({"kind": "delay", "method": "GET", "path": format!("/meters/{}", text_of(&meter, "id")), "delayMs": SLOW_MS, "times": 1}));
    env.click_link(&text_of(&meter, "name")).await;
    env.click_link("Balances").await;
    let_the_answer_arrive().await;
    balances_intact(&env, "after leaving a detail that was loading").await;
    env.clear_faults();

    // A form's id picker loading its options: leave before they arrive.
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    env.fault(json!({"kind": "delay", "method": "GET", "path": "/products", "delayMs": SLOW_MS}));
    env.click_link("New meter").await;
    env.see("Code (required)").await;
    env.click_link("Balances").await;
    accept_leave_prompt(&env).await;
    let_the_answer_arrive().await;
    balances_intact(&env, "after leaving a form whose pickers were loading").await;
    env.clear_faults();

    // A form saving: the user leaves (and confirms leaving); the save still completes.
    let edited = meters[1].clone();
    let edited_id = text_of(&edited, "id");
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    env.click_link(&text_of(&edited, "name")).await;
    env.see(&edited_id).await;
    env.click_link("Edit").await;
    env.see("Editing version").await;
    env.fill("Name (required)", "Saved after I left").await;
    env.fault(json!({"kind": "delay", "method": "PUT", "delayMs": SLOW_MS, "times": 1}));
    env.click_button("Save changes").await;
    env.click_link("Balances").await;
    accept_leave_prompt(&env).await;
    let_the_answer_arrive().await;
    balances_intact(&env, "after leaving a form that was saving").await;
    assert_eq!(
        env.stored("meters", &edited_id).expect("the meter")["name"],
        "Saved after I left"
    );
    env.clear_faults();

    // A delete the user confirmed, answered after they went Back: it still lands in Recently
    // deleted, with its body.
    let doomed = meters[2].clone();
    let (doomed_name, doomed_id) = (text_of(&doomed, "name"), text_of(&doomed, "id"));
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    env.click_link(&doomed_name).await;
    env.see(&doomed_id).await;
    env.click_button("Delete").await;
    env.role("dialog", "Delete this meter?").await;
    env.fault(json!({"kind": "delay", "method": "DELETE", "delayMs": SLOW_MS, "times": 1}));
    env.click_dialog_button("Delete meter").await;
    env.client.back().await.expect("back");
    env.wait_rows("Meters").await;
    let_the_answer_arrive().await;
    env.assert_no_crash("after going Back from a delete in flight")
        .await;
    assert!(env.stored("meters", &doomed_id).is_none(), "deleted");
    env.click_link("Recently deleted").await;
    let rows = env.wait_rows("Deleted in this tab").await;
    assert!(
        rows.iter().any(|r| r.first() == Some(&doomed_name)),
        "{rows:?}"
    );
    env.click_link(&doomed_name).await;
    env.see("You deleted this meter").await;
    env.assert_no_crash("at the end").await;
    env.finish().await;
}

/// Opens a console address in a fresh page and connects in place (the token is kept in memory, so
/// a typed address starts on the connect form).
async fn open_connected(env: &Env, path: &str) {
    env.open(path).await;
    env.fill("API base URL", &env.sandbox.url()).await;
    env.fill("Organization ID", m3ter_sandbox::DEMO_ORG).await;
    env.fill("API token", m3ter_sandbox::DEMO_TOKEN).await;
    env.click_button("Connect").await;
}

/// The API requests since the log was cleared, as `METHOD path`.
fn api_requests(env: &Env) -> Vec<String> {
    env.requests()
        .iter()
        .filter(|r| !r["path"].as_str().unwrap_or_default().starts_with("/oauth"))
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap_or_default(),
                r["path"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[tokio::test]
async fn crafted_links_never_step_out_of_their_path() {
    let env = Env::start().await;
    let meter = env.all("meters")[0].clone();
    let meter_id = text_of(&meter, "id");
    let org = format!("/organizations/{}/", m3ter_sandbox::DEMO_ORG);
    // Each: a console address, and the API paths its requests may have (`*` ends a prefix): ids
    // that carry `../`, `/`, `#` or `?` stay inside their one segment, percent-encoded. Lists of a
    // parent's collection (`…/balances`, no id) are the batched name lookups.
    let cases: Vec<(String, Vec<String>)> = vec![
        (
            format!("/meters/..%2F..%2Fmeters%2F{meter_id}"),
            vec![format!("{org}meters/..%2F..%2Fmeters%2F{meter_id}")],
        ),
        (
            format!("/balances/..%2Fmeters%2F{meter_id}%23/transaction-schedules/x"),
            vec![
                format!("{org}balances/..%2Fmeters%2F{meter_id}%23/balancetransactionschedules/x"),
                format!("{org}balances"),
            ],
        ),
        (
            format!("/balances/..%2Fmeters%2F{meter_id}%3F/transaction-schedules"),
            vec![
                format!("{org}balances/..%2Fmeters%2F{meter_id}%3F/balancetransactionschedules"),
                format!("{org}balances"),
            ],
        ),
        (
            format!("/bills/x/line-items/..%2F..%2F..%2Fmeters%2F{meter_id}"),
            vec![
                format!("{org}bills/x/lineitems/..%2F..%2F..%2Fmeters%2F{meter_id}"),
                format!("{org}bills"),
            ],
        ),
        (
            format!("/lookup-tables/..%2F..%2Fmeters%2F{meter_id}%23/lookup-table-revisions/r"),
            vec![
                format!("{org}lookuptables/..%2F..%2Fmeters%2F{meter_id}%23/revisions/r"),
                format!("{org}lookuptables"),
            ],
        ),
        (
            format!(
                "/lookup-tables/x/lookup-table-revisions/..%2F..%2F..%2Fmeters%2F{meter_id}/lookup-table-data/k"
            ),
            vec![
                format!("{org}lookuptables/x/revisions/..%2F..%2F..%2Fmeters%2F{meter_id}/data/k"),
                format!("{org}lookuptables/x/revisions"),
                format!("{org}lookuptables"),
            ],
        ),
        (
            format!("/meters/{meter_id}%2F..%2F..%2Fproducts/edit"),
            vec![format!("{org}meters/{meter_id}%2F..%2F..%2Fproducts")],
        ),
    ];
    let within = |path: &str, allowed: &[String]| {
        allowed.iter().any(|a| match a.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == a,
        })
    };
    for (address, allowed) in &cases {
        env.clear_requests();
        open_connected(&env, address).await;
        // The page answers: the API's "not found", said as an error of the page.
        env.role("alert", "").await;
        env.assert_no_crash(address).await;
        let sent = api_requests(&env);
        assert!(!sent.is_empty(), "{address}: a request was sent");
        for r in &sent {
            let (method, path) = r.split_once(' ').unwrap_or_default();
            assert!(
                within(path, allowed),
                "{address}: {r} is none of {allowed:?}"
            );
            assert_eq!(method, "GET", "{r}");
        }
    }
    assert!(
        env.stored("meters", &meter_id).is_some(),
        "the meter is untouched"
    );
    env.finish().await;
}

/// The edit form of `id` at the list address `list`, opened by its address.
async fn edit_form(env: &Env, list: &str, id: &str) {
    open_connected(env, &format!("{list}/{id}/edit")).await;
    env.see("Editing version").await;
}

/// The body of the last PUT the sandbox received.
fn last_put(env: &Env) -> Value {
    let put = env
        .requests()
        .into_iter()
        .rev()
        .find(|r| r["method"] == "PUT")
        .expect("a PUT");
    serde_json::from_str(put["body"].as_str().expect("its body")).expect("JSON")
}

#[tokio::test]
async fn conditional_fields_are_kept_unless_the_variant_is_known() {
    let env = Env::start().await;
    let schedules = env.all("export-schedules");
    let usage = schedules
        .iter()
        .find(|s| s["sourceType"] == "USAGE")
        .expect("a usage schedule")
        .clone();

    // A group of a kind this console does not know keeps every field it came with.
    let mut odd = usage.clone();
    let odd_id = text_of(&odd, "id");
    let group = json!({"groupType": "QUARTER", "meterId": "m-1", "fieldCode": "f", "frequency": "DAY", "futureKey": [1, 2]});
    odd["groups"] = json!([group.clone(), {"groupType": "ACCOUNT"}]);
    odd["name"] = json!("Odd groups");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("export-schedules", odd.clone());
    edit_form(&env, "/export-schedules", &odd_id).await;
    env.fill("Name (required)", "Odd groups, renamed").await;
    env.clear_requests();
    env.click_button("Save changes").await;
    env.see("saved (version").await;
    let sent = last_put(&env);
    assert_eq!(
        sent["groups"][0], group,
        "an unknown group type keeps its fields"
    );
    assert_eq!(sent["name"], "Odd groups, renamed");

    // A schedule whose source type is unknown keeps everything too.
    let mut future = usage.clone();
    let future_id = "future-source-schedule";
    future["id"] = json!(future_id);
    future["sourceType"] = json!("FUTURE_SOURCE");
    future["name"] = json!("Future source");
    future["code"] = json!("future_source");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store)
        .put_value("export-schedules", future.clone());
    edit_form(&env, "/export-schedules", future_id).await;
    env.fill("Name (required)", "Future source, renamed").await;
    env.clear_requests();
    env.click_button("Save changes").await;
    env.see("saved (version").await;
    let sent = last_put(&env);
    for key in ["groups", "aggregations", "dimensionFilters", "timePeriod"] {
        assert_eq!(sent.get(key), future.get(key), "{key} kept");
    }

    // An ad hoc schedule can be edited.
    let mut ad_hoc = usage.clone();
    let ad_hoc_id = "ad-hoc-schedule";
    ad_hoc["id"] = json!(ad_hoc_id);
    ad_hoc["scheduleType"] = json!("AD_HOC");
    ad_hoc["name"] = json!("Ad hoc");
    ad_hoc["code"] = json!("ad_hoc");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("export-schedules", ad_hoc);
    edit_form(&env, "/export-schedules", ad_hoc_id).await;
    env.fill("Name (required)", "Ad hoc, renamed").await;
    env.click_button("Save changes").await;
    env.see("saved (version").await;
    assert_eq!(
        env.stored("export-schedules", ad_hoc_id).expect("stored")["name"],
        "Ad hoc, renamed"
    );

    // A destination with no type: the form reports nothing on the fields it hides, and saves.
    let mut untyped = env.all("export-destinations")[0].clone();
    let untyped_id = text_of(&untyped, "id");
    if let Some(o) = untyped.as_object_mut() {
        o.remove("destinationType");
    }
    untyped["name"] = json!("No type");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store)
        .put_value("export-destinations", untyped.clone());
    edit_form(&env, "/export-destinations", &untyped_id).await;
    env.fill("Name (required)", "Still no type").await;
    env.click_button("Save changes").await;
    env.see("saved (version").await;
    let stored = env
        .stored("export-destinations", &untyped_id)
        .expect("stored");
    assert_eq!(stored["name"], "Still no type");
    for (key, value) in untyped.as_object().expect("object") {
        if !["name", "version", "dtLastModified", "lastModifiedBy"].contains(&key.as_str()) {
            assert_eq!(stored.get(key), Some(value), "{key} kept");
        }
    }
    env.assert_no_crash("after the conditional edits").await;
    env.finish().await;
}

/// A page of meters as the API would send it.
fn meters_page(ids: &[&str], next: &str) -> String {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "name": format!("Meter {id}"), "code": id, "version": 1}))
        .collect();
    json!({"data": data, "nextToken": next}).to_string()
}

#[tokio::test]
async fn load_all_stops_on_a_repeated_token_and_overlapping_pages_show_once() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    // Three pages that overlap (b, then c, twice), the third handing out the first's token again.
    for (ids, next) in [(["a", "b"], "t1"), (["b", "c"], "t2"), (["c", "d"], "t1")] {
        env.fault(json!({"kind": "status", "status": 200, "method": "GET", "path": "/meters", "times": 1, "body": meters_page(&ids, next)}));
    }
    env.clear_requests();
    env.click_button("Load all").await;
    env.see("handed out a page token it had handed out before")
        .await;
    let rows = env.wait_rows("Meters").await;
    let names: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.first())
        .map(String::as_str)
        .collect();
    assert_eq!(names, ["Meter a", "Meter b", "Meter c", "Meter d"]);
    let gets = api_requests(&env)
        .iter()
        .filter(|r| r.starts_with("GET") && r.ends_with("/meters"))
        .count();
    assert_eq!(gets, 3, "no page fetched after the repeat");
    env.assert_no_crash("after Load all stopped").await;
    env.screenshot("load-all-repeated-token").await;
    env.finish().await;
}
