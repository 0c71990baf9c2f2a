//! Line items of bills: every bill's line items in one list (filtered by bill, commitment or type),
//! and the usage behind a usage line item as a JSON file, one entry per day of its service period.
//! The demo bills charge for what their accounts are on: the plan's standing charge and the usage
//! its pricing prices, in the bill's currency, adding up to the bill's total.

use chrono::{DateTime, Duration, Utc};
use m3ter_models::resources::line_items::has_usage;
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::paging;
use crate::query::Query;
use crate::seeder::Seeder;
use crate::store::id_of;

const KEY: &str = "line-items";

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: KEY,
    actions: &[("all-bills", all_bills), ("usage-json", usage_json)],
    seed: Some(seed),
    seeds_after: &["account-plans", "pricings"],
    ..Behaviour::NONE
};

/// Ids a synthesized line item may carry that the demo's charges do not come from.
const NOT_FROM: [&str; 11] = [
    "referencedBillId",
    "referencedLineItemId",
    "commitmentId",
    "balanceId",
    "counterId",
    "chargeId",
    "compoundAggregationId",
    "planGroupId",
    "contractId",
    "reasonId",
    "creditTypeId",
];

/// What a usage unit costs in the demo.
const UNIT_PRICE: f64 = 0.05;

fn seed(s: &mut Seeder) {
    let Some(r) = m3ter_models::resource(KEY) else {
        return;
    };
    let values = |s: &Seeder, key: &str| -> Vec<Value> {
        s.store
            .collection(key)
            .map(|c| c.values().map(|st| st.value.clone()).collect())
            .unwrap_or_default()
    };
    let (bills, account_plans, plans) = (
        values(s, "bills"),
        values(s, "account-plans"),
        values(s, "plans"),
    );
    let (pricings, aggregations, compounds, products) = (
        values(s, "pricings"),
        values(s, "aggregations"),
        values(s, "compound-aggregations"),
        values(s, "products"),
    );
    let by_id = |all: &[Value], id: &str| all.iter().find(|v| id_of(v) == id).cloned();
    for (i, bill) in bills.iter().enumerate() {
        let get = |k: &str| text(bill, k).unwrap_or_default().to_owned();
        let (account, start) = (get("accountId"), get("startDateTimeUTC"));
        // The plan in force when the period starts, else the account's latest (by day: the two
        // write their times differently).
        let day = |t: &str| t.get(..10).unwrap_or(t).to_owned();
        let first_day = day(&start);
        let on = |ap: &&Value| text(ap, "accountId") == Some(account.as_str());
        let in_force = |ap: &&Value| {
            text(ap, "startDate").is_some_and(|d| day(d) <= first_day)
                && text(ap, "endDate").is_none_or(|d| day(d) > first_day)
        };
        let plan = account_plans
            .iter()
            .filter(on)
            .find(in_force)
            .or_else(|| account_plans.iter().rfind(on))
            .and_then(|ap| by_id(&plans, text(ap, "planId")?));
        let plan_text = |k: &str| plan.as_ref().and_then(|p| text(p, k)).unwrap_or_default();
        let product = by_id(&products, plan_text("productId"));
        let pricing = pricings.iter().find(|p| {
            text(p, "planId") == Some(plan_text("id"))
                || text(p, "planTemplateId") == Some(plan_text("planTemplateId"))
        });
        // What the pricing prices: an aggregation of a meter, or a compound aggregation.
        let priced = |p: &Value, field: &'static str, all: &[Value]| {
            by_id(all, text(p, field)?).map(|a| (field, a))
        };
        let aggregation = pricing.and_then(|p| {
            priced(p, "aggregationId", &aggregations)
                .or_else(|| priced(p, "compoundAggregationId", &compounds))
        });
        let standing = plan
            .as_ref()
            .and_then(|p| p.get("standingCharge"))
            .and_then(Value::as_f64)
            .unwrap_or(100.0);
        let used = (1000 * (i + 1) + 250 * (i % 3)) as f64;
        let mut charges = vec![("STANDING_CHARGE", "standing charge", 1.0, standing)];
        if aggregation.is_some() {
            charges.push(("USAGE", "usage", used, UNIT_PRICE));
        }
        let mut total = 0.0;
        for (n, (kind, what, quantity, price)) in charges.into_iter().enumerate() {
            let mut item = s.synthesize(r, 2 * i + n);
            if let Some(map) = item.as_object_mut() {
                for k in NOT_FROM {
                    map.remove(k);
                }
            }
            let product_text = |k: &str| {
                product
                    .as_ref()
                    .and_then(|p| text(p, k))
                    .unwrap_or_default()
            };
            let subtotal = (quantity * price * 100.0).round() / 100.0;
            total += subtotal;
            item["lineItemType"] = json!(kind);
            item["description"] = json!(format!("{} {what}", product_text("name")));
            item["productId"] = json!(product_text("id"));
            item["productName"] = json!(product_text("name"));
            item["productCode"] = json!(product_text("code"));
            item["accountingProductId"] = json!(product_text("id"));
            item["accountingProductName"] = json!(product_text("name"));
            item["accountingProductCode"] = json!(product_text("code"));
            item["planId"] = json!(plan_text("id"));
            item["servicePeriodStartDate"] = json!(start);
            item["servicePeriodEndDate"] = json!(get("endDateTimeUTC"));
            item["quantity"] = json!(quantity);
            item["units"] = json!(quantity);
            item["averageUnitPrice"] = json!(price);
            item["subtotal"] = json!(subtotal);
            item["convertedSubtotal"] = json!(subtotal);
            item["conversionRate"] = json!(1.0);
            item["currency"] = json!(get("currency"));
            item["sequenceNumber"] = json!(n + 1);
            item["jsonUsageGenerated"] = json!(false);
            if let Some(map) = item.as_object_mut() {
                for k in ["pricingId", "aggregationId", "meterId", "unit", "bandUsage"] {
                    map.remove(k);
                }
            }
            if let (true, Some(p), Some((field, a))) = (kind == "USAGE", pricing, &aggregation) {
                item["pricingId"] = json!(id_of(p));
                item[*field] = json!(id_of(a));
                if let Some(meter) = a.get("meterId") {
                    item["meterId"] = meter.clone();
                }
                item["unit"] = a.get("unit").cloned().unwrap_or(Value::Null);
            }
            let created = s.tick(11);
            s.add(KEY, id_of(bill), item, created, created);
        }
        // The bill adds up its line items, and carries them only as answers embed them.
        if let Some(b) = s.store.collection_mut("bills").get_mut(id_of(bill)) {
            b.value["billTotal"] = json!(total);
            if let Some(map) = b.value.as_object_mut() {
                map.remove("lineItems");
            }
        }
    }
}

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
