//! Balance transaction schedules: m3ter works out the previous and next run from the dates and the
//! frequency; the preview answers the schedule as it would be, nothing saved. The demo gives each
//! balance 0–3 schedules.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use crate::behaviour::{Behaviour, Call, Ctx};
use crate::entity::writable;
use crate::error::ApiResult;
use crate::runs;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "transaction-schedules",
    on_create: Some(with_runs),
    on_update: Some(with_runs),
    actions: &[("preview", preview)],
    seed: Some(seed),
    ..Behaviour::NONE
};

fn with_runs(schedule: &mut Value, ctx: &Ctx<'_>) {
    set_runs(schedule, ctx.now);
}

/// Its runs follow from the dates and frequency.
const RUNS: runs::Fields = runs::Fields {
    start: "startDate",
    end: "endDate",
    frequency: "frequency",
    interval: "frequencyInterval",
};

fn set_runs(schedule: &mut Value, at: DateTime<Utc>) {
    runs::set(schedule, &RUNS, at);
}

fn preview(call: &mut Call<'_>) -> ApiResult<Value> {
    let r = call.ctx.resource;
    // The preview pages like the list does.
    crate::query::page_size(r, &crate::query::Query(call.query.clone()))?;
    let mut preview = Value::Object(writable(r, call.body.take()));
    if let Some(map) = preview.as_object_mut() {
        map.insert("balanceId".into(), json!(call.ctx.parent));
    }
    set_runs(&mut preview, call.ctx.now);
    Ok(preview)
}

fn seed(s: &mut Seeder) {
    let balances: Vec<(String, Map<String, Value>)> = s
        .ids("balances")
        .iter()
        .filter_map(|id| {
            let b = s.store.collection("balances")?.get(id)?;
            Some((id.clone(), b.value.as_object()?.clone()))
        })
        .collect();
    for (i, (balance, b)) in balances.into_iter().enumerate() {
        let year = b
            .get("startDate")
            .and_then(Value::as_str)
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<i64>().ok())
            .unwrap_or(2025);
        let currency = b
            .get("currency")
            .and_then(Value::as_str)
            .unwrap_or("USD")
            .to_owned();
        for k in 0..(i % 4) {
            let created = s.tick(7);
            let (freq, interval, amount, label) = [
                ("MONTHLY", 1, 250.0, "Monthly"),
                ("WEEKLY", 2, 60.0, "Fortnightly"),
                ("ANNUALLY", 1, 3000.0, "Yearly"),
            ][k];
            let mut body = json!({
                "name": format!("{label} top-up"),
                "code": format!("topup_{}_{}", i + 1, k + 1), "amount": amount,
                "transactionDescription": "Scheduled prepaid top-up",
                "transactionTypeId": s.pick("transaction-types", k),
                "startDate": format!("{year}-01-01T00:00:00Z"), "endDate": format!("{}-01-01T00:00:00Z", year + 1),
                "frequency": freq, "frequencyInterval": interval,
            });
            if k == 0 && currency != "EUR" {
                body["paid"] = json!(amount * 0.92);
                body["currencyPaid"] = json!("EUR");
            }
            set_runs(&mut body, Utc::now());
            s.add("transaction-schedules", &balance, body, created, created);
        }
    }
}
