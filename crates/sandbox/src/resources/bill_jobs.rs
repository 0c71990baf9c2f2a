//! Bill jobs: a new one waits PENDING (the sandbox does not run it), cancel only while unfinished,
//! and recalculate, which starts a RECALCULATE job for unlocked bills and marks them recalculated.
//! The demo has jobs in every status, so some can be cancelled and some cannot. `active=TRUE` lists
//! the unfinished ones.

use m3ter_models::resources::bill_jobs::cancellable;
use m3ter_models::resources::bills::recalculable;
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call, Ctx};
use crate::entity::{new_entity, stamp, touch};
use crate::error::{ApiError, ApiResult};
use crate::jobs;
use crate::query::Keep;
use crate::seeder::Seeder;
use crate::store::{id_of, Store};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "bill-jobs",
    on_create: Some(on_create),
    filter: Some(filter),
    actions: &[("cancel", cancel), ("recalculate", recalculate)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "bill-jobs";

fn status(job: &Value) -> Option<&str> {
    job.get("status").and_then(Value::as_str)
}

/// `active=TRUE`: unfinished jobs only.
fn filter(param: &str, values: &[String], _: &Store) -> ApiResult<Option<Keep>> {
    Ok(match param {
        "active" => jobs::active_filter(values, "status", cancellable),
        _ => None,
    })
}

fn on_create(job: &mut Value, _: &Ctx<'_>) {
    let accounts = job
        .get("accountIds")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    job["status"] = json!("PENDING");
    job["type"] = json!("CREATE");
    job["total"] = json!(accounts);
    job["pending"] = json!(accounts);
}

fn cancel(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let now = call.ctx.now;
    let job = call
        .store
        .collection_mut(KEY)
        .get_mut(id)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Bill job {id} not found")))?;
    if let Some(why) = cancellable(status(job)) {
        return Err(ApiError::bad_request(format!(
            "Bill job {id} cannot be cancelled: {why}"
        )));
    }
    job["status"] = json!("CANCELLED");
    touch(job, now);
    Ok(job.clone())
}

fn recalculate(call: &mut Call<'_>) -> ApiResult<Value> {
    let ids: Vec<String> = call.body_texts("billIds");
    let bills = call.store.collection_mut("bills");
    for id in &ids {
        let bill = bills.get(id).ok_or_else(|| {
            ApiError::not_found(format!("Bill {id} not found: nothing was recalculated"))
        })?;
        if let Some(why) = recalculable(&bill.value) {
            return Err(ApiError::bad_request(format!(
                "Bill {id}: {why} Nothing was recalculated."
            )));
        }
    }
    let mut job = new_entity(&call.ctx, json!({}));
    job["type"] = json!("RECALCULATE");
    job["billIds"] = json!(ids);
    job["total"] = json!(ids.len());
    job["pending"] = json!(ids.len());
    let job_id = id_of(&job).to_owned();
    let now = call.ctx.now;
    for id in &ids {
        if let Some(bill) = bills.get_mut(id).map(|s| &mut s.value) {
            bill["billJobId"] = json!(job_id);
            bill["lastCalculatedDate"] = stamp(now);
            let generated = ["jsonStatementGenerated", "csvStatementGenerated"]
                .iter()
                .any(|k| bill.get(*k).and_then(Value::as_bool) == Some(true));
            bill["statementStale"] = json!(generated);
            touch(bill, now);
        }
    }
    call.store.put(KEY, &job_id, "", job.clone());
    Ok(job)
}

/// Jobs in every status, creating and recalculating.
fn seed(s: &mut Seeder) {
    let statuses = [
        "COMPLETE",
        "PENDING",
        "RUNNING",
        "CANCELLED",
        "INITIALIZING",
        "COMPLETE",
    ];
    let frequencies = [
        "MONTHLY", "MONTHLY", "WEEKLY", "ANNUALLY", "MONTHLY", "DAILY",
    ];
    for i in 0..statuses.len() + s.scale {
        let created = s.tick(23);
        let status = statuses[i % statuses.len()];
        let recalculating = i % 3 == 2;
        let total = 1 + i % 4;
        let pending = match status {
            "COMPLETE" => 0,
            "PENDING" | "INITIALIZING" => total,
            _ => total / 2,
        };
        let mut body = json!({
            "lastDateInBillingPeriod": format!("2025-{:02}-28", 1 + i % 12),
            "billingFrequency": frequencies[i % frequencies.len()],
            "billFrequencyInterval": 1,
            "billDate": format!("2025-{:02}-01", 1 + (i + 1) % 12),
            "accountIds": [s.pick("accounts", i)],
            "timezone": "UTC",
            "status": status,
            "type": if recalculating { "RECALCULATE" } else { "CREATE" },
            "total": total, "pending": pending,
        });
        if recalculating {
            // Filled by the bills' seed: bills are seeded after the jobs they name.
            body["billIds"] = json!([]);
        }
        s.add(KEY, "", body, created, created + 1);
    }
}
