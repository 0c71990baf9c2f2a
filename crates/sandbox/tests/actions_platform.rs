//! The actions of the platform resources over real HTTP (exports, integrations, webhooks, lookup
//! tables, permissions, resource groups, users): each one's effect on the sandbox's data, read
//! back through GET or the reading actions, and its refusals.

mod support;

use m3ter_sandbox::Config;
use serde_json::{json, Value};
use support::Sandbox;

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// Every entity of a list (the first page of 200 is enough for the demo).
async fn list(sb: &Sandbox, collection: &str) -> Vec<Value> {
    let page = sb
        .get(&format!("{}?pageSize=100", Sandbox::org(collection)))
        .await;
    assert_eq!(page.status, 200, "{collection}: {}", page.text);
    page.json()["data"].as_array().cloned().unwrap_or_default()
}

fn first_with<'a>(items: &'a [Value], key: &str, value: &Value) -> &'a Value {
    items
        .iter()
        .find(|i| &i[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} = {value}"))
}

/// Fetches a download link; its status and body.
async fn fetch(sb: &Sandbox, url: &str) -> (u16, String) {
    let base = sb.running.url();
    assert!(url.starts_with(&base), "{url} is not served by the sandbox");
    let path = url.trim_start_matches(&base);
    let got = sb.request("GET", path, &[], None).await.expect("file");
    (got.status, got.text)
}

#[tokio::test]
async fn measurement_upload_original_is_a_file_of_measurements() {
    let sb = Sandbox::start().await;
    let uploads = list(&sb, "fileuploads/measurements/jobs").await;
    let ok = uploads
        .iter()
        .find(|u| u["status"] != "notUploaded")
        .expect("an uploaded file");
    let id = s(&ok["id"]);
    let answer = sb
        .get(&Sandbox::org(&format!(
            "fileuploads/measurements/jobs/{id}/original"
        )))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert!(body["jobId"].is_string());
    let (status, file) = fetch(&sb, &s(&body["url"])).await;
    assert_eq!(status, 200);
    let meters = list(&sb, "meters").await;
    let code = s(&meters[0]["code"]);
    assert!(
        file.contains(&code) || file.lines().count() > 1,
        "the file has measurements: {file}"
    );
    assert!(file.lines().count() > 4, "{file}");

    let missing = sb
        .get(&Sandbox::org("fileuploads/measurements/jobs/nope/original"))
        .await;
    assert_eq!(missing.status, 404);
    if let Some(never) = uploads.iter().find(|u| u["status"] == "notUploaded") {
        let refused = sb
            .get(&Sandbox::org(&format!(
                "fileuploads/measurements/jobs/{}/original",
                s(&never["id"])
            )))
            .await;
        assert_eq!(refused.status, 400);
        assert!(
            refused.message().contains("never uploaded"),
            "{}",
            refused.text
        );
    }
}

#[tokio::test]
async fn export_jobs_download_only_when_succeeded_and_ad_hoc_runs() {
    let sb = Sandbox::with(Config {
        job_step_ms: 200,
        ..Config::default()
    })
    .await;
    let jobs = list(&sb, "dataexports/jobs").await;
    let done = first_with(&jobs, "status", &json!("SUCCEEDED"));
    assert!(done["scheduleId"].is_string(), "seeded jobs run a schedule");
    let answer = sb
        .get(&Sandbox::org(&format!(
            "dataexports/jobs/{}/getdownloadurl",
            s(&done["id"])
        )))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let body = answer.json();
    assert!(body["expirationTime"].is_string());
    let (status, file) = fetch(&sb, &s(&body["url"])).await;
    assert_eq!(status, 200);
    let header = file.lines().next().unwrap_or_default();
    assert!(
        header == "id,code,name" || header.starts_with("account_code,meter_code"),
        "{file}"
    );
    assert!(file.lines().count() > 1);

    for refused_status in ["FAILED", "RUNNING"] {
        let job = first_with(&jobs, "status", &json!(refused_status));
        let refused = sb
            .get(&Sandbox::org(&format!(
                "dataexports/jobs/{}/getdownloadurl",
                s(&job["id"])
            )))
            .await;
        assert_eq!(refused.status, 400, "{refused_status}");
        assert!(refused.message().contains("no file"), "{}", refused.text);
    }
    assert_eq!(
        sb.get(&Sandbox::org("dataexports/jobs/nope/getdownloadurl"))
            .await
            .status,
        404
    );

    // Ad hoc: a new job that runs to completion and then has a file.
    let bad = sb
        .api(
            "POST",
            &Sandbox::org("dataexports/adhoc"),
            Some(
                json!({"sourceType": "OPERATIONAL", "operationalDataTypes": ["ACCOUNTS"],
                        "destinationIds": ["nope"]}),
            ),
        )
        .await;
    assert_eq!(bad.status, 400, "{}", bad.text);
    assert!(bad.message().contains("nope"));
    let created = sb
        .api(
            "POST",
            &Sandbox::org("dataexports/adhoc"),
            Some(json!({"sourceType": "OPERATIONAL", "operationalDataTypes": ["ACCOUNTS"]})),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    let id = s(&created.json()["jobId"]);
    let job = sb
        .get(&Sandbox::org(&format!("dataexports/jobs/{id}")))
        .await;
    assert_eq!(job.json()["status"], "PENDING");
    assert_eq!(job.json()["sourceType"], "OPERATIONAL");
    let early = sb
        .get(&Sandbox::org(&format!(
            "dataexports/jobs/{id}/getdownloadurl"
        )))
        .await;
    assert_eq!(early.status, 400);
    tokio::time::sleep(std::time::Duration::from_millis(450)).await;
    let job = sb
        .get(&Sandbox::org(&format!("dataexports/jobs/{id}")))
        .await;
    assert_eq!(job.json()["status"], "SUCCEEDED");
    let later = sb
        .get(&Sandbox::org(&format!(
            "dataexports/jobs/{id}/getdownloadurl"
        )))
        .await;
    assert_eq!(later.status, 200, "{}", later.text);
    let (_, file) = fetch(&sb, &s(&later.json()["url"])).await;
    assert!(file.starts_with("id,code,name\n"), "{file}");
}

#[tokio::test]
async fn notification_evaluate_checks_the_calculation_and_changes_nothing() {
    let sb = Sandbox::start().await;
    let path = Sandbox::org("notifications/evaluate");
    let before = list(&sb, "notifications/configurations").await;
    let good = sb
        .api(
            "POST",
            &path,
            Some(json!({"eventName": "configuration.commitment.created",
                        "calculation": "new.amount > 100 && (old.amount <= 100)"})),
        )
        .await;
    assert_eq!(good.status, 200, "{}", good.text);
    assert_eq!(good.json()["success"], true);
    let bad = sb
        .api(
            "POST",
            &path,
            Some(json!({"eventName": "configuration.commitment.created",
                        "calculation": "new.amount > (100"})),
        )
        .await;
    assert_eq!(bad.status, 200);
    assert_eq!(bad.json()["success"], false);
    assert!(
        s(&bad.json()["errorMessage"]).contains("bracket"),
        "{}",
        bad.text
    );
    let events = list(&sb, "events").await;
    let by_id = sb
        .api(
            "POST",
            &path,
            Some(json!({"eventId": events[0]["id"], "calculation": "true"})),
        )
        .await;
    assert_eq!(by_id.json()["success"], true, "{}", by_id.text);
    let both = sb
        .api(
            "POST",
            &path,
            Some(json!({"eventId": events[0]["id"], "eventName": "x", "calculation": "true"})),
        )
        .await;
    assert_eq!(both.status, 400);
    let neither = sb
        .api("POST", &path, Some(json!({"calculation": "true"})))
        .await;
    assert_eq!(neither.status, 400);
    let unknown = sb
        .api(
            "POST",
            &path,
            Some(json!({"eventId": "nope", "calculation": "true"})),
        )
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(list(&sb, "notifications/configurations").await, before);
}

#[tokio::test]
async fn external_mappings_are_found_from_either_side() {
    let sb = Sandbox::start().await;
    let mappings = list(&sb, "externalmappings").await;
    let m = &mappings[0];
    let by_external = sb
        .get(&Sandbox::org(&format!(
            "externalmappings/externalid/{}/{}/{}",
            s(&m["externalSystem"]),
            s(&m["externalTable"]),
            s(&m["externalId"])
        )))
        .await;
    assert_eq!(by_external.status, 200, "{}", by_external.text);
    let data = by_external.json()["data"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(data.iter().any(|d| d["id"] == m["id"]));
    assert!(data.iter().all(|d| d["externalId"] == m["externalId"]));
    let by_entity = sb
        .get(&Sandbox::org(&format!(
            "externalmappings/external/{}/{}",
            s(&m["m3terEntity"]),
            s(&m["m3terId"])
        )))
        .await;
    assert_eq!(by_entity.status, 200);
    let data = by_entity.json()["data"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(data.iter().any(|d| d["id"] == m["id"]));
    let none = sb
        .get(&Sandbox::org("externalmappings/external/Account/nope"))
        .await;
    assert_eq!(none.json()["data"], json!([]));
    let bad_page = sb
        .get(&Sandbox::org(
            "externalmappings/external/Account/nope?pageSize=0",
        ))
        .await;
    assert_eq!(bad_page.status, 400);
}

#[tokio::test]
async fn integration_configs_are_found_and_enabled_once() {
    let sb = Sandbox::start().await;
    let configs = list(&sb, "integrationconfigs").await;
    let disabled = first_with(&configs, "enabled", &json!(false));
    let enabled = first_with(&configs, "enabled", &json!(true));
    let id = s(&disabled["id"]);
    let path = Sandbox::org(&format!("integrationconfigs/{id}/enable"));
    let done = sb.api("POST", &path, None).await;
    assert_eq!(done.status, 200, "{}", done.text);
    assert_eq!(done.json()["enabled"], true);
    assert_eq!(
        done.json()["version"].as_i64(),
        disabled["version"].as_i64().map(|v| v + 1)
    );
    let read = sb
        .get(&Sandbox::org(&format!("integrationconfigs/{id}")))
        .await;
    assert_eq!(read.json()["enabled"], true);
    let again = sb.api("POST", &path, None).await;
    assert_eq!(again.status, 400);
    assert!(
        again.message().contains("already enabled"),
        "{}",
        again.text
    );
    let other = sb
        .api(
            "POST",
            &Sandbox::org(&format!("integrationconfigs/{}/enable", s(&enabled["id"]))),
            None,
        )
        .await;
    assert_eq!(other.status, 400);
    assert_eq!(
        sb.api(
            "POST",
            &Sandbox::org("integrationconfigs/nope/enable"),
            None
        )
        .await
        .status,
        404
    );

    let found = sb
        .get(&Sandbox::org(&format!(
            "integrationconfigs/entity/{}?destination={}",
            s(&disabled["entityType"]),
            s(&disabled["destination"])
        )))
        .await;
    assert_eq!(found.status, 200, "{}", found.text);
    assert_eq!(found.json()["id"], disabled["id"]);
    let none = sb
        .get(&Sandbox::org("integrationconfigs/entity/NoSuchType"))
        .await;
    assert_eq!(none.status, 404);
}

#[tokio::test]
async fn integration_runs_by_entity_destination_and_their_logs() {
    let sb = Sandbox::start().await;
    let configs = list(&sb, "integrationconfigs").await;
    let config = &configs[0];
    let destination = s(&config["destinationId"]);
    let by_destination = sb
        .get(&Sandbox::org(&format!(
            "integrationruns/destinations/{destination}"
        )))
        .await;
    assert_eq!(by_destination.status, 200, "{}", by_destination.text);
    let runs = by_destination.json()["data"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(runs.len() >= 4, "{runs:?}");
    assert!(runs
        .iter()
        .all(|r| r["destinationId"] == config["destinationId"]));
    let started: Vec<String> = runs.iter().map(|r| s(&r["dtStarted"])).collect();
    let mut newest_first = started.clone();
    newest_first.sort();
    newest_first.reverse();
    assert_eq!(started, newest_first, "newest first by default");
    let ascending = sb
        .get(&Sandbox::org(&format!(
            "integrationruns/destinations/{destination}?order=ASC&pageSize=2"
        )))
        .await
        .json();
    assert_eq!(ascending["data"][0]["dtStarted"], json!(started.last()));
    assert!(ascending["nextToken"].is_string());
    let errors = sb
        .get(&Sandbox::org(&format!(
            "integrationruns/destinations/{destination}?status=ERROR"
        )))
        .await
        .json();
    assert!(errors["data"]
        .as_array()
        .is_some_and(|d| !d.is_empty() && d.iter().all(|r| r["status"] == "ERROR")));

    // The entity with two runs: the later is its latest.
    let run = &runs[runs.len() - 1];
    let (kind, entity) = (s(&run["entityType"]), s(&run["entityId"]));
    let for_entity = sb
        .get(&Sandbox::org(&format!("integrationruns/{kind}/{entity}")))
        .await
        .json();
    let for_entity = for_entity["data"].as_array().cloned().unwrap_or_default();
    assert!(for_entity.len() >= 2, "{for_entity:?}");
    let latest = sb
        .get(&Sandbox::org(&format!(
            "integrationruns/{kind}/latest/{entity}"
        )))
        .await;
    assert_eq!(latest.status, 200, "{}", latest.text);
    let newest = for_entity
        .iter()
        .max_by_key(|r| s(&r["dtStarted"]))
        .cloned()
        .unwrap_or_default();
    assert_eq!(latest.json()["id"], newest["id"]);
    let of_many = sb
        .get(&Sandbox::org(&format!(
            "integrationruns/{kind}/latest?ids={entity},nope"
        )))
        .await;
    assert_eq!(of_many.status, 200, "{}", of_many.text);
    assert_eq!(of_many.json()["entityId"], json!(entity));
    assert_eq!(
        sb.get(&Sandbox::org(&format!("integrationruns/{kind}/latest")))
            .await
            .status,
        400
    );
    assert_eq!(
        sb.get(&Sandbox::org(&format!(
            "integrationruns/{kind}/latest/nope"
        )))
        .await
        .status,
        404
    );

    let failed = first_with(&runs, "status", &json!("ERROR"));
    let log = sb
        .get(&Sandbox::org(&format!(
            "integrationruns/logs/{}",
            s(&failed["id"])
        )))
        .await;
    assert_eq!(log.status, 200, "{}", log.text);
    let payload = s(&log.json()["Payload"]);
    assert!(payload.contains(&s(&failed["error"])), "{payload}");
    assert!(payload.contains(&s(&failed["id"])));
    assert_eq!(
        sb.get(&Sandbox::org("integrationruns/logs/nope"))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn webhooks_are_switched_on_and_off() {
    let sb = Sandbox::start().await;
    let hooks = list(&sb, "integrationdestinations/webhooks").await;
    let inactive = first_with(&hooks, "active", &json!(false));
    assert!(hooks.iter().any(|h| h["active"] == true));
    let id = s(&inactive["id"]);
    let path = Sandbox::org(&format!("integrationdestinations/webhooks/{id}/active"));
    let on = sb.api("PUT", &format!("{path}?active=true"), None).await;
    assert_eq!(on.status, 200, "{}", on.text);
    assert_eq!(on.json()["active"], true);
    let read = sb
        .get(&Sandbox::org(&format!(
            "integrationdestinations/webhooks/{id}"
        )))
        .await;
    assert_eq!(read.json()["active"], true);
    assert_eq!(
        read.json()["version"].as_i64(),
        inactive["version"].as_i64().map(|v| v + 1)
    );
    let off = sb.api("PUT", &format!("{path}?active=false"), None).await;
    assert_eq!(off.json()["active"], false);
    let unclear = sb.api("PUT", &path, None).await;
    assert_eq!(unclear.status, 400);
    assert!(unclear.message().contains("active"));
    assert_eq!(
        sb.api(
            "PUT",
            &Sandbox::org("integrationdestinations/webhooks/nope/active?active=true"),
            None
        )
        .await
        .status,
        404
    );
}

/// The demo's lookup tables and their revisions: (table id, revision).
async fn revisions(sb: &Sandbox) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for table in list(sb, "lookuptables").await {
        let id = s(&table["id"]);
        for r in list(sb, &format!("lookuptables/{id}/revisions")).await {
            out.push((id.clone(), r));
        }
    }
    out
}

fn revision_in(all: &[(String, Value)], status: &str) -> (String, String, Value) {
    let (table, r) = all
        .iter()
        .find(|(_, r)| r["status"] == status)
        .unwrap_or_else(|| panic!("no {status} revision"));
    (table.clone(), s(&r["id"]), r.clone())
}

#[tokio::test]
async fn lookup_rows_are_read_replaced_and_deleted_only_in_drafts() {
    let sb = Sandbox::start().await;
    let all = revisions(&sb).await;
    let (table, draft, revision) = revision_in(&all, "DRAFT");
    let data = Sandbox::org(&format!("lookuptables/{table}/revisions/{draft}/data"));
    let rows = sb.get(&data).await;
    assert_eq!(rows.status, 200, "{}", rows.text);
    let items = rows.json()["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(Some(items.len() as i64), revision["itemCount"].as_i64());
    assert!(items
        .iter()
        .all(|i| i["region"].is_string() && i["rate"].is_number()));
    let limited = sb.get(&format!("{data}?limit=2")).await.json();
    assert_eq!(limited["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(sb.get(&format!("{data}?limit=0")).await.status, 400);

    // Replace all: checked against the revision's schema.
    let version = rows.json()["version"].clone();
    let new_rows = json!([
        {"region": "EMEA", "tier": "gold", "rate": 0.3},
        {"region": "AMER", "tier": "gold", "rate": 0.25},
    ]);
    for (bad, why) in [
        (json!([{"region": "EMEA", "rate": 1}]), "tier"),
        (
            json!([{"region": "EMEA", "tier": "x", "rate": "high"}]),
            "number",
        ),
        (
            json!([{"region": "EMEA", "tier": "x", "colour": "red"}]),
            "colour",
        ),
        (
            json!([{"region": "EMEA", "tier": "x"}, {"region": "EMEA", "tier": "x"}]),
            "same key",
        ),
    ] {
        let refused = sb
            .api(
                "PUT",
                &data,
                Some(json!({"items": bad, "version": version})),
            )
            .await;
        assert_eq!(refused.status, 400, "{}", refused.text);
        assert!(refused.message().contains(why), "{why}: {}", refused.text);
    }
    let stale = sb
        .api(
            "PUT",
            &data,
            Some(json!({"items": new_rows, "version": 999})),
        )
        .await;
    assert_eq!(stale.status, 409);
    let replaced = sb
        .api(
            "PUT",
            &data,
            Some(json!({"items": new_rows, "version": version})),
        )
        .await;
    assert_eq!(replaced.status, 200, "{}", replaced.text);
    assert_eq!(replaced.json()["items"], new_rows);
    assert_eq!(sb.get(&data).await.json()["items"], new_rows);
    let one = sb.get(&format!("{data}/EMEA_gold")).await;
    assert_eq!(
        one.status, 200,
        "rows are keyed by their key fields: {}",
        one.text
    );
    let r = sb
        .get(&Sandbox::org(&format!(
            "lookuptables/{table}/revisions/{draft}"
        )))
        .await
        .json();
    assert_eq!(r["itemCount"], 2);

    let deleted = sb.api("DELETE", &data, None).await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert!(s(&deleted.json()["result"]).contains('2'));
    assert_eq!(sb.get(&data).await.json()["items"], json!([]));
    assert_eq!(sb.get(&format!("{data}/EMEA_gold")).await.status, 404);

    // Published and archived revisions keep their rows.
    for status in ["PUBLISHED", "ARCHIVED"] {
        let (t, id, _) = revision_in(&all, status);
        let path = Sandbox::org(&format!("lookuptables/{t}/revisions/{id}/data"));
        let before = sb.get(&path).await.json()["items"].clone();
        let refused = sb.api("DELETE", &path, None).await;
        assert_eq!(refused.status, 400, "{status}");
        assert!(refused.message().contains("draft"), "{}", refused.text);
        let refused = sb.api("PUT", &path, Some(json!({"items": new_rows}))).await;
        assert_eq!(refused.status, 400);
        assert_eq!(sb.get(&path).await.json()["items"], before);
    }
    let missing = Sandbox::org(&format!("lookuptables/{table}/revisions/nope/data"));
    assert_eq!(sb.get(&missing).await.status, 404);
    assert_eq!(sb.api("DELETE", &missing, None).await.status, 404);
}

#[tokio::test]
async fn lookup_archives_copies_and_download_jobs() {
    let sb = Sandbox::start().await;
    let all = revisions(&sb).await;
    let (table, archived, _) = revision_in(&all, "ARCHIVED");
    let base = Sandbox::org(&format!("lookuptables/{table}/revisions/{archived}/data"));
    let rows = sb.get(&base).await.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let csv = sb
        .api(
            "POST",
            &format!("{base}/archived"),
            Some(json!({"contentType": "text/csv"})),
        )
        .await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    assert!(csv.json()["expiry"].is_string());
    let (status, file) = fetch(&sb, &s(&csv.json()["url"])).await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = file.lines().collect();
    assert_eq!(lines.first().copied(), Some("region,tier,rate"));
    assert_eq!(lines.len(), rows.len() + 1, "{file}");
    let jsonl = sb
        .api(
            "POST",
            &format!("{base}/archived"),
            Some(json!({"contentType": "application/jsonl"})),
        )
        .await;
    let (_, file) = fetch(&sb, &s(&jsonl.json()["url"])).await;
    let parsed: Vec<Value> = file
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(parsed, rows);
    let (t, draft, draft_revision) = revision_in(&all, "DRAFT");
    let refused = sb
        .api(
            "POST",
            &Sandbox::org(&format!("lookuptables/{t}/revisions/{draft}/data/archived")),
            Some(json!({"contentType": "text/csv"})),
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.message().contains("archived"), "{}", refused.text);

    // Copy without a target: a new draft revision with the same rows.
    let (table, published, published_revision) = revision_in(&all, "PUBLISHED");
    let base = Sandbox::org(&format!("lookuptables/{table}/revisions/{published}/data"));
    let source_rows = sb.get(&base).await.json()["items"].clone();
    let copied = sb
        .api("POST", &format!("{base}/copy"), Some(json!({})))
        .await;
    assert_eq!(copied.status, 200, "{}", copied.text);
    let new_id = s(&copied.json()["revisionId"]);
    let new_revision = sb
        .get(&Sandbox::org(&format!(
            "lookuptables/{table}/revisions/{new_id}"
        )))
        .await
        .json();
    assert_eq!(new_revision["status"], "DRAFT");
    assert_eq!(
        new_revision["name"],
        json!(format!("{} Copy", s(&published_revision["name"])))
    );
    let new_rows = Sandbox::org(&format!("lookuptables/{table}/revisions/{new_id}/data"));
    assert_eq!(sb.get(&new_rows).await.json()["items"], source_rows);
    let job = sb
        .get(&Sandbox::org(&format!(
            "lookuptables/{table}/revisions/{published}/data/jobs/{}",
            s(&copied.json()["jobId"])
        )))
        .await;
    assert_eq!(job.status, 200, "{}", job.text);
    assert_eq!(job.json()["type"], "COPY");
    assert_eq!(
        job.json()["destinationLookupTableRevisionId"],
        json!(new_id)
    );

    // Copy onto a draft of the same table: its rows are replaced.
    let onto = sb
        .api(
            "POST",
            &format!("{base}/copy"),
            Some(json!({"revisionId": new_id})),
        )
        .await;
    assert_eq!(onto.status, 200, "{}", onto.text);
    // Refused: itself, a revision of another table, a published target.
    for (target, why) in [
        (published.clone(), "itself"),
        (draft.clone(), "no revision"),
    ] {
        if target == draft && t == table {
            continue;
        }
        let refused = sb
            .api(
                "POST",
                &format!("{base}/copy"),
                Some(json!({"revisionId": target})),
            )
            .await;
        assert_eq!(refused.status, 400, "{}", refused.text);
        assert!(refused.message().contains(why), "{why}: {}", refused.text);
    }
    let to_published = sb
        .api(
            "POST",
            &format!(
                "{}/copy",
                Sandbox::org(&format!("lookuptables/{table}/revisions/{new_id}/data"))
            ),
            Some(json!({"revisionId": published})),
        )
        .await;
    assert_eq!(to_published.status, 400);
    assert!(
        to_published.message().contains("draft"),
        "{}",
        to_published.text
    );
    let _ = draft_revision;

    // A download job leaves a link to the rows.
    let jobs = Sandbox::org(&format!(
        "lookuptables/{table}/revisions/{published}/data/jobs"
    ));
    let started = sb
        .api(
            "POST",
            &format!("{jobs}/download"),
            Some(json!({"contentType": "text/csv"})),
        )
        .await;
    assert_eq!(started.status, 200, "{}", started.text);
    let job = sb
        .get(&format!("{jobs}/{}", s(&started.json()["jobId"])))
        .await
        .json();
    assert_eq!(job["type"], "DOWNLOAD");
    assert_eq!(job["status"], "SUCCEEDED");
    let (status, file) = fetch(&sb, &s(&job["downloadUrl"])).await;
    assert_eq!(status, 200);
    assert!(file.starts_with("region,tier,rate\n"), "{file}");
    assert_eq!(
        file.lines().count(),
        source_rows.as_array().map_or(0, Vec::len) + 1
    );
    let bad = sb
        .api(
            "POST",
            &format!("{jobs}/download"),
            Some(json!({"contentType": "text/xml"})),
        )
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn a_lookup_table_names_its_active_revision_when_asked() {
    let sb = Sandbox::start().await;
    let plain = list(&sb, "lookuptables").await;
    assert!(!plain.is_empty());
    assert!(
        plain.iter().all(|t| t.get("activeRevision").is_none()),
        "not asked, not answered"
    );
    let asked = sb
        .get(&Sandbox::org(
            "lookuptables?additional=activeRevision&pageSize=100",
        ))
        .await
        .json();
    let asked = asked["data"].as_array().cloned().unwrap_or_default();
    let table = asked
        .iter()
        .find(|t| t["activeRevision"].is_object())
        .expect("a demo table with a published revision");
    let (id, revision) = (s(&table["id"]), s(&table["activeRevision"]["id"]));
    let one = format!("lookuptables/{id}");
    let read = sb.get(&Sandbox::org(&one)).await.json();
    assert!(read.get("activeRevision").is_none(), "{read}");

    // Renamed, the revision answers under its new name.
    let path = Sandbox::org(&format!("{one}/revisions/{revision}"));
    let mut changed = sb.get(&path).await.json();
    changed["name"] = json!("Renamed rates");
    let put = sb.api("PUT", &path, Some(changed)).await;
    assert_eq!(put.status, 200, "{}", put.text);
    let read = sb
        .get(&Sandbox::org(&format!("{one}?additional=activeRevision")))
        .await
        .json();
    assert_eq!(read["activeRevision"]["id"], json!(revision));
    assert_eq!(read["activeRevision"]["name"], "Renamed rates");
}

#[tokio::test]
async fn lookup_revision_status_moves_forward_only() {
    let sb = Sandbox::start().await;
    let all = revisions(&sb).await;
    let (table, draft, revision) = revision_in(&all, "DRAFT");
    let path = Sandbox::org(&format!("lookuptables/{table}/revisions/{draft}/status"));
    let stale = sb
        .api(
            "PUT",
            &path,
            Some(json!({"status": "PUBLISHED", "version": 999})),
        )
        .await;
    assert_eq!(stale.status, 409);
    let published = sb
        .api(
            "PUT",
            &path,
            Some(json!({"status": "PUBLISHED", "version": revision["version"]})),
        )
        .await;
    assert_eq!(published.status, 200, "{}", published.text);
    assert_eq!(published.json()["status"], "PUBLISHED");
    let asked = Sandbox::org(&format!("lookuptables/{table}?additional=activeRevision"));
    let t = sb.get(&asked).await.json();
    assert_eq!(
        t["activeRevision"]["id"],
        json!(draft),
        "the table uses it now"
    );
    assert_eq!(t["activeRevision"]["status"], "PUBLISHED");
    let back = sb.api("PUT", &path, Some(json!({"status": "DRAFT"}))).await;
    assert_eq!(back.status, 400);
    assert!(back.message().contains("cannot go back"), "{}", back.text);
    let same = sb
        .api("PUT", &path, Some(json!({"status": "PUBLISHED"})))
        .await;
    assert_eq!(same.status, 400);
    assert!(same.message().contains("already"));
    let archived = sb
        .api("PUT", &path, Some(json!({"status": "ARCHIVED"})))
        .await;
    assert_eq!(archived.status, 200, "{}", archived.text);
    let t = sb.get(&asked).await.json();
    assert!(t["activeRevision"].is_null(), "no longer active: {t}");
    let final_ = sb
        .api("PUT", &path, Some(json!({"status": "PUBLISHED"})))
        .await;
    assert_eq!(final_.status, 400);
    assert!(final_.message().contains("archived"));
    let none = sb.api("PUT", &path, Some(json!({}))).await;
    assert_eq!(none.status, 400);
    let missing = Sandbox::org(&format!("lookuptables/{table}/revisions/nope/status"));
    assert_eq!(
        sb.api("PUT", &missing, Some(json!({"status": "PUBLISHED"})))
            .await
            .status,
        404
    );
}

/// The policies' statements a user's permissions hold.
async fn statements(sb: &Sandbox, user: &str) -> Vec<Value> {
    let answer = sb
        .get(&Sandbox::org(&format!("users/{user}/permissions")))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()["permissionPolicy"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn holds(all: &[Value], policy: &Value) -> bool {
    policy["permissionPolicy"]
        .as_array()
        .is_some_and(|p| !p.is_empty() && p.iter().all(|st| all.contains(st)))
}

async fn user_groups(sb: &Sandbox, user: &str, inherited: bool) -> Vec<String> {
    let q = if inherited { "?inherited=true" } else { "" };
    let answer = sb
        .get(&Sandbox::org(&format!("users/{user}/usergroups{q}")))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| s(&g["name"]))
        .collect()
}

#[tokio::test]
async fn permission_policies_given_and_taken_show_in_users_permissions() {
    let sb = Sandbox::start().await;
    let policies = list(&sb, "permissionpolicies").await;
    let users = list(&sb, "users").await;
    let me = sb.get(&Sandbox::org("users/me")).await;
    assert_eq!(me.status, 200, "{}", me.text);
    let me = s(&me.json()["user"]["id"]);
    assert!(me.len() > 10);
    let other = users
        .iter()
        .map(|u| s(&u["id"]))
        .find(|id| *id != me)
        .expect("another user");
    let policy = policies
        .iter()
        .find(|p| !holds(&[], p) && !p["permissionPolicy"].as_array().is_some_and(Vec::is_empty))
        .expect("a policy with statements");
    let pid = s(&policy["id"]);
    // A policy nobody in the demo has yet: the last one (the first goes to the demo user).
    let fresh = policies.last().cloned().unwrap_or_default();
    let fid = s(&fresh["id"]);
    assert!(!holds(&statements(&sb, &other).await, &fresh) || fid == pid);

    let path = |action: &str| Sandbox::org(&format!("permissionpolicies/{fid}/{action}"));
    let added = sb
        .api(
            "POST",
            &path("addtouser"),
            Some(json!({"principalId": other})),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.text);
    assert_eq!(added.json()["principalType"], "USER");
    assert_eq!(added.json()["permissionPolicyId"], json!(fid));
    assert!(holds(&statements(&sb, &other).await, &fresh));
    let twice = sb
        .api(
            "POST",
            &path("addtouser"),
            Some(json!({"principalId": other})),
        )
        .await;
    assert_eq!(twice.status, 400);
    assert!(twice.message().contains("already"), "{}", twice.text);
    let nobody = sb
        .api(
            "POST",
            &path("addtouser"),
            Some(json!({"principalId": "nope"})),
        )
        .await;
    assert_eq!(nobody.status, 400);
    assert!(nobody.message().contains("no user"));
    let removed = sb
        .api(
            "POST",
            &path("removefromuser"),
            Some(json!({"principalId": other})),
        )
        .await;
    assert_eq!(removed.status, 200, "{}", removed.text);
    let again = sb
        .api(
            "POST",
            &path("removefromuser"),
            Some(json!({"principalId": other})),
        )
        .await;
    assert_eq!(again.status, 400);
    assert!(again.message().contains("not given"));
    assert_eq!(
        sb.api(
            "POST",
            &Sandbox::org("permissionpolicies/nope/addtouser"),
            Some(json!({"principalId": other}))
        )
        .await
        .status,
        404
    );

    // Through a user group: every member gets the policy.
    let groups = list(&sb, "resourcegroups/user").await;
    let group_of_other = {
        let answer = sb
            .get(&Sandbox::org(&format!("users/{other}/usergroups")))
            .await;
        answer.json()["data"][0].clone()
    };
    let gid = s(&group_of_other["id"]);
    assert!(groups.iter().any(|g| g["id"] == group_of_other["id"]));
    let before = statements(&sb, &other).await;
    let to_group = sb
        .api(
            "POST",
            &path("addtousergroup"),
            Some(json!({"principalId": gid})),
        )
        .await;
    assert_eq!(to_group.status, 200, "{}", to_group.text);
    assert_eq!(to_group.json()["principalType"], "USERGROUP");
    assert!(holds(&statements(&sb, &other).await, &fresh));
    let group_policies = sb
        .get(&Sandbox::org(&format!(
            "resourcegroups/user/{gid}/permissions"
        )))
        .await
        .json();
    assert!(group_policies["data"]
        .as_array()
        .is_some_and(|d| d.iter().any(|p| p["id"] == json!(fid))));
    let from_group = sb
        .api(
            "POST",
            &path("removefromusergroup"),
            Some(json!({"principalId": gid})),
        )
        .await;
    assert_eq!(from_group.status, 200);
    assert_eq!(statements(&sb, &other).await, before);
    let not_group = sb
        .api(
            "POST",
            &path("addtousergroup"),
            Some(json!({"principalId": other})),
        )
        .await;
    assert_eq!(not_group.status, 400);

    // Service users and support users: recorded, refused twice.
    let service = "5e7a0c3b-1f2d-4e6a-8b9c-0d1e2f3a4b5c";
    let svc = sb
        .api(
            "POST",
            &path("addtoserviceuser"),
            Some(json!({"principalId": service})),
        )
        .await;
    assert_eq!(svc.status, 200, "{}", svc.text);
    assert_eq!(svc.json()["principalType"], "SERVICEUSER");
    assert_eq!(
        sb.api(
            "POST",
            &path("addtoserviceuser"),
            Some(json!({"principalId": service}))
        )
        .await
        .status,
        400
    );
    assert_eq!(
        sb.api(
            "POST",
            &path("removefromserviceuser"),
            Some(json!({"principalId": service}))
        )
        .await
        .status,
        200
    );
    assert_eq!(
        sb.api(
            "POST",
            &path("removefromserviceuser"),
            Some(json!({"principalId": service}))
        )
        .await
        .status,
        400
    );
    let support = sb
        .api("POST", &path("addtosupportusers"), Some(json!({})))
        .await;
    let support = if support.status == 400 {
        // The demo gives this policy to support users already: take it away first.
        assert_eq!(
            sb.api("POST", &path("removefromsupportusers"), None)
                .await
                .status,
            200
        );
        sb.api("POST", &path("addtosupportusers"), Some(json!({})))
            .await
    } else {
        support
    };
    assert_eq!(support.status, 200, "{}", support.text);
    assert_eq!(support.json()["principalType"], "SUPPORTUSERS");
    assert_eq!(
        sb.api("POST", &path("addtosupportusers"), Some(json!({})))
            .await
            .status,
        400
    );
    assert_eq!(
        sb.api("POST", &path("removefromsupportusers"), None)
            .await
            .status,
        200
    );
    assert_eq!(
        sb.api("POST", &path("removefromsupportusers"), None)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn resource_groups_members_are_added_listed_and_removed() {
    let sb = Sandbox::start().await;
    let user_groups_list = list(&sb, "resourcegroups/user").await;
    let account_groups = list(&sb, "resourcegroups/account").await;
    assert!(user_groups_list.len() >= 3 && !account_groups.is_empty());
    assert!(
        user_groups_list.iter().all(|g| !account_groups.contains(g)),
        "groups are kept apart by type"
    );
    let by_name = |name: &str| s(&first_with(&user_groups_list, "name", &json!(name))["id"]);
    let (finance, support, staff) = (
        by_name("Finance team"),
        by_name("Support team"),
        by_name("All staff"),
    );
    let contents = |g: String| {
        let sb = &sb;
        async move {
            let answer = sb
                .api(
                    "POST",
                    &Sandbox::org(&format!("resourcegroups/user/{g}/contents")),
                    None,
                )
                .await;
            assert_eq!(answer.status, 200, "{}", answer.text);
            answer.json()["data"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        }
    };
    let staff_members = contents(staff.clone()).await;
    assert_eq!(staff_members.len(), 2);
    assert!(staff_members.iter().all(|m| m["targetType"] == "GROUP"));
    let finance_members = contents(finance.clone()).await;
    let someone = s(&finance_members[0]["targetId"]);
    assert_eq!(finance_members[0]["targetType"], "ITEM");
    assert_eq!(
        user_groups(&sb, &someone, false).await,
        vec!["Finance team"]
    );
    let mut inherited = user_groups(&sb, &someone, true).await;
    inherited.sort();
    assert_eq!(inherited, vec!["All staff", "Finance team"]);

    // Add the user to the support team: their groups say so.
    let add = Sandbox::org(&format!("resourcegroups/user/{support}/addresource"));
    let remove = Sandbox::org(&format!("resourcegroups/user/{support}/removeresource"));
    let item = json!({"targetId": someone, "targetType": "ITEM"});
    let added = sb.api("POST", &add, Some(item.clone())).await;
    assert_eq!(added.status, 200, "{}", added.text);
    assert_eq!(added.json()["id"], json!(support));
    let mut now_in = user_groups(&sb, &someone, false).await;
    now_in.sort();
    assert_eq!(now_in, vec!["Finance team", "Support team"]);
    assert!(contents(support.clone())
        .await
        .iter()
        .any(|m| m["targetId"] == json!(someone)));
    let twice = sb.api("POST", &add, Some(item.clone())).await;
    assert_eq!(twice.status, 400);
    assert!(twice.message().contains("already"));
    let removed = sb.api("POST", &remove, Some(item.clone())).await;
    assert_eq!(removed.status, 200, "{}", removed.text);
    assert_eq!(
        user_groups(&sb, &someone, false).await,
        vec!["Finance team"]
    );
    let gone = sb.api("POST", &remove, Some(item)).await;
    assert_eq!(gone.status, 400);
    assert!(gone.message().contains("not in group"));

    // Refusals: no such user, a circle of groups, a group of another type, no such group.
    let nobody = sb
        .api(
            "POST",
            &add,
            Some(json!({"targetId": "nope", "targetType": "ITEM"})),
        )
        .await;
    assert_eq!(nobody.status, 400);
    let circle = sb
        .api(
            "POST",
            &Sandbox::org(&format!("resourcegroups/user/{finance}/addresource")),
            Some(json!({"targetId": staff, "targetType": "GROUP"})),
        )
        .await;
    assert_eq!(circle.status, 400);
    assert!(circle.message().contains("circle"), "{}", circle.text);
    let other_type = sb
        .api(
            "POST",
            &add,
            Some(json!({"targetId": account_groups[0]["id"], "targetType": "GROUP"})),
        )
        .await;
    assert_eq!(other_type.status, 400);
    let wrong_scope = sb
        .api(
            "POST",
            &Sandbox::org(&format!("resourcegroups/account/{support}/contents")),
            None,
        )
        .await;
    assert_eq!(
        wrong_scope.status, 404,
        "a user group is not an account group"
    );
    assert_eq!(
        sb.api(
            "POST",
            &Sandbox::org("resourcegroups/user/nope/contents"),
            None
        )
        .await
        .status,
        404
    );
    let accounts = contents_of(&sb, "account", &s(&account_groups[0]["id"])).await;
    assert!(!accounts.is_empty());
}

async fn contents_of(sb: &Sandbox, kind: &str, group: &str) -> Vec<Value> {
    let answer = sb
        .api(
            "POST",
            &Sandbox::org(&format!("resourcegroups/{kind}/{group}/contents")),
            None,
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn users_me_and_temporary_passwords() {
    let sb = Sandbox::start().await;
    let me = sb.get(&Sandbox::org("users/me")).await.json();
    assert!(me["user"]["email"].is_string());
    assert!(me["organization"]["orgId"].is_string());
    let users = list(&sb, "users").await;
    let never = users
        .iter()
        .find(|u| u["firstAcceptedTermsAndConditions"].is_null())
        .expect("a user who never signed in");
    let signed = first_with(&users, "id", &me["user"]["id"]);
    let resend = |id: String| Sandbox::org(&format!("users/{id}/password/resend"));
    let sent = sb.api("PUT", &resend(s(&never["id"])), None).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    let refused = sb.api("PUT", &resend(s(&signed["id"])), None).await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.message().contains("already signed in"),
        "{}",
        refused.text
    );
    assert_eq!(
        sb.api("PUT", &resend("nope".into()), None).await.status,
        404
    );
    assert_eq!(
        sb.get(&Sandbox::org("users/nope/permissions")).await.status,
        404
    );
    // The demo user has the first policy; a user's own statements count too.
    let policies = list(&sb, "permissionpolicies").await;
    let mine = statements(&sb, &s(&me["user"]["id"])).await;
    assert!(policies.iter().any(|p| holds(&mine, p)), "{mine:?}");
    let own = users
        .iter()
        .find(|u| {
            u["permissionPolicy"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        })
        .expect("a user with statements of their own");
    let theirs = statements(&sb, &s(&own["id"])).await;
    assert!(own["permissionPolicy"]
        .as_array()
        .is_some_and(|p| p.iter().all(|st| theirs.contains(st))));
}
