//! Account plans: replace ends this one where the new one starts and creates the new one; an
//! account's list holds only those in force now unless `includeall` (at a `date`, those in force
//! then); demo accounts stay on their plans, and one has an ended plan before its current one.

use chrono::{DateTime, Utc};
use m3ter_models::catalogue;
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::entity::{new_entity, touch};
use crate::error::{ApiError, ApiResult};
use crate::query::{in_force, Keep, Query};
use crate::seeder::Seeder;
use crate::store::id_of;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "account-plans",
    list_rule: Some(list_rule),
    actions: &[("replace", replace)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "account-plans";

/// m3ter lists an account's plans in force now, all of them with `includeall=true`; a `date`
/// says when instead (the catalogue's own filter).
fn list_rule(q: &Query, now: DateTime<Utc>) -> Option<Keep> {
    let given = |k| q.one(k).is_some_and(|v| !v.trim().is_empty());
    let all = q
        .one("includeall")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    (given("account") && !all && !given("date"))
        .then(|| in_force("startDate", "endDate", now.timestamp_millis()))
}

/// The generic account plans with no end (an account stays on its plan until it is replaced),
/// and, before the first, the plan its account was on until then.
fn seed(s: &mut Seeder) {
    let Some(r) = catalogue::resource(KEY) else {
        return;
    };
    s.generic(r, "", 3 + s.scale);
    let ids = s.ids(KEY).to_vec();
    let mut first = None;
    for id in &ids {
        if let Some(plan) = s.store.collection_mut(KEY).get_mut(id) {
            if let Some(o) = plan.value.as_object_mut() {
                o.remove("endDate");
            }
            first.get_or_insert_with(|| plan.value.clone());
        }
    }
    if let Some(mut before) = first {
        let start = before["startDate"].clone();
        if let Some(o) = before.as_object_mut() {
            for key in catalogue::AUDIT_KEYS {
                o.remove(key);
            }
            o.insert("startDate".into(), json!("2024-01-01T00:00:00Z"));
            o.insert("endDate".into(), start);
            o.insert("code".into(), json!("earlier_plan"));
        }
        let created = s.tick(37);
        s.add(KEY, "", before, created, created);
    }
}

fn instant(v: &Value, key: &str) -> Option<i64> {
    v.get(key)
        .and_then(Value::as_str)
        .and_then(m3ter_models::time::parse_rfc3339)
}

fn replace(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let original = call
        .store
        .collection(KEY)
        .and_then(|c| c.get(&id))
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::not_found(format!("Account plan {id} not found")))?;
    let start = call
        .body
        .get("startDate")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let new_start = instant(&call.body, "startDate");
    if let (Some(new), Some(old)) = (new_start, instant(&original, "startDate")) {
        if new <= old {
            return Err(ApiError::bad_request(format!(
                "startDate: the replacement must start after account plan {id} starts"
            )));
        }
    }
    if let (Some(new), Some(old_end)) = (new_start, instant(&original, "endDate")) {
        if new >= old_end {
            return Err(ApiError::bad_request(format!(
                "startDate: account plan {id} already ends before the replacement would start; create a new account plan instead"
            )));
        }
    }
    let new_plan = new_entity(&call.ctx, call.body.take());
    let now = call.ctx.now;
    let ended = {
        let plan = call
            .store
            .collection_mut(KEY)
            .get_mut(&id)
            .map(|s| &mut s.value)
            .ok_or_else(|| ApiError::not_found(format!("Account plan {id} not found")))?;
        plan["endDate"] = json!(start);
        touch(plan, now);
        plan.clone()
    };
    call.store.put(KEY, id_of(&new_plan), "", new_plan.clone());
    Ok(json!({ "originalAccountPlan": ended, "newAccountPlan": new_plan }))
}
