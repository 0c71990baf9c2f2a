//! Statement jobs: created PENDING, then RUNNING, then COMPLETE with download links this sandbox
//! serves (one `--job-step-ms` each, for jobs created through the API; seeded ones keep their
//! status so there is always one to cancel); cancel only while PENDING or RUNNING; batch create one
//! job per bill; the `active` filter.

use m3ter_models::resources::cancellable;
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call, Ctx};
use crate::entity::{new_entity, stamp, touch};
use crate::error::{ApiError, ApiResult};
use crate::jobs;
use crate::query::Keep;
use crate::seeder::Seeder;
use crate::store::{id_of, Store};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "statement-jobs",
    on_create: Some(on_create),
    on_read: Some(advance),
    filter: Some(filter),
    actions: &[("cancel", cancel), ("batch", batch)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "statement-jobs";

fn status(job: &Value) -> Option<&str> {
    job.get("statementJobStatus").and_then(Value::as_str)
}

fn on_create(job: &mut Value, ctx: &Ctx<'_>) {
    job["orgId"] = json!(ctx.state.config.org);
    job["statementJobStatus"] = json!("PENDING");
    if job.get("includeCsvFormat").is_none() {
        job["includeCsvFormat"] = json!(false);
    }
    jobs::start(ctx, id_of(job));
}

/// Marks a job COMPLETE with download links served by this sandbox.
pub fn complete_statement(job: &mut Value, id: &str, public_url: &str) {
    let sig = crate::ids::mix(id.len() as u64 ^ id.bytes().map(u64::from).sum::<u64>());
    job["statementJobStatus"] = json!("COMPLETE");
    job["presignedJsonStatementUrl"] = json!(format!(
        "{public_url}/_sandbox/statements/{id}.json?X-Sandbox-Signature={sig:016x}"
    ));
    job["jsonStatementStatus"] = json!("LATEST");
    if job.get("includeCsvFormat").and_then(Value::as_bool) == Some(true) {
        job["presignedCsvStatementUrl"] = json!(format!(
            "{public_url}/_sandbox/statements/{id}.csv?X-Sandbox-Signature={sig:016x}"
        ));
        job["csvStatementStatus"] = json!("LATEST");
    }
}

/// Moves jobs created through the API along PENDING → RUNNING → COMPLETE.
fn advance(store: &mut Store, ctx: &Ctx<'_>) {
    jobs::advance(
        store,
        ctx,
        KEY,
        "statementJobStatus",
        "COMPLETE",
        |job, id, _| {
            job["dtLastModified"] = stamp(ctx.now);
            if status(job) == Some("COMPLETE") {
                complete_statement(job, id, &ctx.state.public_url);
            }
        },
    );
}

/// `active=TRUE`: pending or running jobs only.
fn filter(param: &str, values: &[String], _: &Store) -> ApiResult<Option<Keep>> {
    Ok(match param {
        "active" => jobs::active_filter(values, "statementJobStatus", cancellable),
        _ => None,
    })
}

fn cancel(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let job = call
        .store
        .collection_mut(KEY)
        .get_mut(id)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Statement job {id} not found")))?;
    if let Some(why) = cancellable(status(job)) {
        let current = status(job).unwrap_or("of no known status");
        return Err(ApiError::bad_request(format!(
            "Statement job {id} is {current} and cannot be cancelled: only PENDING or RUNNING jobs can be ({why})"
        )));
    }
    job["statementJobStatus"] = json!("CANCELLED");
    touch(job, call.ctx.now);
    let job = job.clone();
    jobs::stop(&call.ctx, id);
    Ok(job)
}

/// One job per bill, answered as a JSON array.
fn batch(call: &mut Call<'_>) -> ApiResult<Value> {
    let bills: Vec<String> = call.body_texts("billIds");
    let mut jobs = Vec::new();
    for bill in bills {
        let mut one = call.body.clone();
        if let Some(map) = one.as_object_mut() {
            map.remove("billIds");
            map.insert("billId".into(), json!(bill));
        }
        let job = new_entity(&call.ctx, one);
        call.store.put(KEY, id_of(&job), "", job.clone());
        jobs.push(job);
    }
    Ok(Value::Array(jobs))
}

/// Every status, so the demo and the tests always have jobs to cancel and jobs that cannot be.
fn seed(s: &mut Seeder) {
    let statuses = [
        "COMPLETE",
        "FAILED",
        "COMPLETE",
        "CANCELLED",
        "COMPLETE",
        "RUNNING",
        "PENDING",
        "RUNNING",
        "PENDING",
    ];
    for i in 0..9 + s.scale {
        let created = s.tick(17);
        let status = statuses[i % statuses.len()];
        let mut body = json!({
            "id": s.uuid(), "orgId": s.org, "billId": s.pick("bills", i),
            "statementJobStatus": status, "includeCsvFormat": i % 2 == 0,
        });
        if i % 3 == 0 {
            body["filters"] = json!({"meterIds": [s.pick("meters", i)]});
        }
        if status == "COMPLETE" {
            let id = id_of(&body).to_owned();
            complete_statement(&mut body, &id, s.public_url);
        }
        s.add(KEY, "", body, created, created + 1);
    }
}
