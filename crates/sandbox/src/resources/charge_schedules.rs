//! Balance charge schedules: m3ter works out the previous and next bill run from the service
//! period and the bill frequency; the preview answers the schedule as it would be, nothing saved.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call, Ctx};
use crate::entity::writable;
use crate::error::{ApiError, ApiResult};
use crate::runs;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "charge-schedules",
    on_create: Some(with_runs),
    on_update: Some(with_runs),
    actions: &[("preview", preview)],
    ..Behaviour::NONE
};

fn with_runs(schedule: &mut Value, ctx: &Ctx<'_>) {
    set_runs(schedule, ctx.now);
}

/// Its runs follow from the service period and the bill frequency.
const RUNS: runs::Fields = runs::Fields {
    start: "servicePeriodStartDate",
    end: "servicePeriodEndDate",
    frequency: "billFrequency",
    interval: "billFrequencyInterval",
};

fn set_runs(schedule: &mut Value, at: DateTime<Utc>) {
    runs::set(schedule, &RUNS, at);
}

fn preview(call: &mut Call<'_>) -> ApiResult<Value> {
    let r = call.ctx.resource;
    let mut preview = Value::Object(writable(r, call.body.take()));
    let number = |k: &str| preview.get(k).and_then(Value::as_f64);
    match (number("amount"), number("units"), number("unitPrice")) {
        (Some(_), _, _) => {}
        (None, Some(units), Some(price)) => preview["amount"] = json!(units * price),
        _ => {
            return Err(ApiError::bad_request(
                "amount: give an amount, or both units and unitPrice",
            ))
        }
    }
    preview["balanceId"] = json!(call.ctx.parent);
    set_runs(&mut preview, call.ctx.now);
    Ok(preview)
}
