//! Balance charge schedules: m3ter works out the previous and next bill run from the service
//! period and the bill frequency; the preview answers the schedule as it would be, nothing saved.

use chrono::{DateTime, Utc};
use m3ter_models::resources::transaction_schedules::{runs_around, Frequency};
use serde_json::{json, Value};

use crate::api::{stamp, writable};
use crate::behaviour::{Behaviour, Call, Ctx};
use crate::error::{ApiError, ApiResult};

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

/// Sets `nextRun` and `previousRun` from the service period and the bill frequency.
fn set_runs(schedule: &mut Value, at: DateTime<Utc>) {
    let text = |k: &str| schedule.get(k).and_then(Value::as_str);
    let date = |k| text(k).and_then(|s| s.parse::<DateTime<Utc>>().ok());
    let (Some(start), Some(end), Some(frequency)) = (
        date("servicePeriodStartDate"),
        date("servicePeriodEndDate"),
        text("billFrequency").and_then(Frequency::of),
    ) else {
        return;
    };
    let interval = schedule
        .get("billFrequencyInterval")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let (previous, next) = runs_around(start, end, frequency, interval, at);
    schedule["previousRun"] = previous.map(stamp).unwrap_or(Value::Null);
    schedule["nextRun"] = next.map(stamp).unwrap_or(Value::Null);
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
