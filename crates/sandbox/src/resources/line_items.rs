//! Line items of bills: every bill's line items in one list (filtered by bill, commitment or type),
//! and the usage behind a usage line item as a JSON file, one entry per day of its service period.

use chrono::{DateTime, Duration, Utc};
use m3ter_models::resources::line_items::has_usage;
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::paging;
use crate::query::Query;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "line-items",
    actions: &[("all-bills", all_bills), ("usage-json", usage_json)],
    ..Behaviour::NONE
};

fn all_bills(call: &mut Call<'_>) -> ApiResult<Value> {
    let q = Query(call.query.clone());
    let wanted = |k: &str| q.one(k).filter(|v| !v.is_empty()).map(str::to_owned);
    let (bill, commitment, kind) = (
        wanted("billId"),
        wanted("commitmentId"),
        wanted("lineItemType"),
    );
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    paging::of_stored(call.store, call.ctx.resource, &q, |s| {
        bill.as_ref().is_none_or(|b| *b == s.parent)
            && commitment
                .as_ref()
                .is_none_or(|c| field(&s.value, "commitmentId").as_ref() == Some(c))
            && kind
                .as_ref()
                .is_none_or(|t| field(&s.value, "lineItemType").as_ref() == Some(t))
    })
}

/// The most days a usage file lists.
const MAX_DAYS: i64 = 31;

fn usage_json(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let item = call.entity()?;
    if let Some(why) = has_usage(&item) {
        return Err(ApiError::bad_request(format!(
            "Line item {id} has no usage to download: {why}"
        )));
    }
    let at = |k: &str| {
        item.get(k)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<DateTime<Utc>>().ok())
    };
    let start = at("servicePeriodStartDate").unwrap_or(call.ctx.now);
    let end = at("servicePeriodEndDate").unwrap_or(start + Duration::days(1));
    let days = (end - start).num_days().clamp(1, MAX_DAYS);
    let quantity = item.get("quantity").and_then(Value::as_f64).unwrap_or(0.0);
    let per_day = quantity / days as f64;
    let usage: Vec<Value> = (0..days)
        .map(|d| {
            let day = start + Duration::days(d);
            json!({"date": day.format("%Y-%m-%d").to_string(), "quantity": per_day})
        })
        .collect();
    let pick = |k: &str| item.get(k).cloned().unwrap_or(Value::Null);
    let file = json!({
        "lineItemId": id, "billId": call.ctx.parent,
        "meterId": pick("meterId"), "aggregationId": pick("aggregationId"),
        "unit": pick("unit"),
        "servicePeriodStartDate": pick("servicePeriodStartDate"),
        "servicePeriodEndDate": pick("servicePeriodEndDate"),
        "quantity": quantity, "usage": usage,
    });
    let body = serde_json::to_vec_pretty(&file).unwrap_or_default();
    let link = call
        .ctx
        .link(&format!("usage-{id}.json"), "application/json", body);
    Ok(json!({ "downloadUrl": link.url }))
}
