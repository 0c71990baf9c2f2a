//! Account plans: replace ends this one where the new one starts and creates the new one.

use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::entity::{new_entity, touch};
use crate::error::{ApiError, ApiResult};
use crate::store::id_of;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "account-plans",
    actions: &[("replace", replace)],
    ..Behaviour::NONE
};

const KEY: &str = "account-plans";

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
