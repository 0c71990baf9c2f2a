//! Data export jobs: an ad-hoc export creates a job that goes PENDING → RUNNING → SUCCEEDED (one
//! `--job-step-ms` each); a succeeded job's file is fetched through a download link (refused for
//! the others, the same rule the console uses). The demo's jobs are runs of its export schedules,
//! mostly finished.

use m3ter_models::resources::export_jobs::downloadable;
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call, Ctx};
use crate::entity::stamp;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, SANDBOX_USER};
use crate::jobs;
use crate::seeder::{at, Seeder};
use crate::store::Store;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "export-jobs",
    on_read: Some(advance),
    actions: &[("download-url", download_url), ("ad-hoc", ad_hoc)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "export-jobs";

/// Moves jobs created through the API along PENDING → RUNNING → SUCCEEDED.
fn advance(store: &mut Store, ctx: &Ctx<'_>) {
    jobs::advance(store, ctx, KEY, "status", "SUCCEEDED", |job, _, from| {
        if from == "PENDING" {
            job["startedAt"] = stamp(ctx.now);
        }
    });
}

/// The exported file: usage rows for a usage export, accounts for an operational one.
fn content(store: &Store, job: &Value) -> String {
    let values = |key: &str| -> Vec<Value> {
        store
            .collection(key)
            .map(|c| c.values().map(|s| s.value.clone()).take(6).collect())
            .unwrap_or_default()
    };
    let mut out = String::new();
    if text(job, "sourceType") == Some("OPERATIONAL") {
        out.push_str("id,code,name\n");
        for a in values("accounts") {
            let t = |k| text(&a, k).unwrap_or_default().replace(',', " ");
            out.push_str(&format!("{},{},{}\n", t("id"), t("code"), t("name")));
        }
    } else {
        out.push_str("account_code,meter_code,start_date,end_date,quantity\n");
        let accounts = values("accounts");
        for (i, m) in values("meters").iter().enumerate() {
            let account = accounts
                .get(i % accounts.len().max(1))
                .and_then(|a| text(a, "code"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{account},{},2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,{}\n",
                text(m, "code").unwrap_or_default(),
                (i + 1) * 125
            ));
        }
    }
    out
}

fn download_url(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let job = call.entity()?;
    if let Some(why) = downloadable(text(&job, "status")) {
        return Err(ApiError::bad_request(format!(
            "Export job {id} has no file to download: {why}"
        )));
    }
    let body = content(call.store, &job);
    let link = call
        .ctx
        .link(&format!("export-{id}.csv"), "text/csv", body.into_bytes());
    Ok(json!({ "url": link.url, "expirationTime": stamp(link.expires) }))
}

fn ad_hoc(call: &mut Call<'_>) -> ApiResult<Value> {
    let source = call.body_text("sourceType").unwrap_or("USAGE").to_owned();
    let destinations: Vec<&str> = call
        .body
        .get("destinationIds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for d in &destinations {
        if call
            .store
            .collection("export-destinations")
            .and_then(|c| c.get(d))
            .is_none()
        {
            return Err(ApiError::bad_request(format!(
                "destinationIds: no export destination {d}"
            )));
        }
    }
    let id = new_id();
    let now = stamp(call.ctx.now);
    let job = json!({
        "id": id, "version": 1, "sourceType": source, "status": "PENDING",
        "dateCreated": now, "startedAt": now,
        "dtCreated": now, "dtLastModified": now,
        "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
    });
    call.store.put(KEY, &id, "", job);
    jobs::start(&call.ctx, &id);
    Ok(json!({ "jobId": id }))
}

const STATUSES: [&str; 4] = ["SUCCEEDED", "SUCCEEDED", "FAILED", "RUNNING"];

fn seed(s: &mut Seeder) {
    let schedules: Vec<(String, String)> = s
        .store
        .collection("export-schedules")
        .map(|c| {
            c.entries()
                .map(|(id, st)| {
                    let source = text(&st.value, "sourceType").unwrap_or("USAGE");
                    (id.to_owned(), source.to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    for i in 0..STATUSES.len() + s.scale {
        let status = STATUSES[i % STATUSES.len()];
        let created = s.tick(61);
        let mut body = json!({
            "status": status, "dateCreated": at(created), "startedAt": at(created + 1),
            "sourceType": if i % 2 == 0 { "USAGE" } else { "OPERATIONAL" },
        });
        if let Some((schedule, source)) = schedules.get(i % schedules.len().max(1)) {
            body["scheduleId"] = json!(schedule);
            body["sourceType"] = json!(source);
        }
        s.add(KEY, "", body, created, created + 2);
    }
}
