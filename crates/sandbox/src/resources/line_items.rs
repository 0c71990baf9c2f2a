//! Line items of bills: every bill's line items in one list (filtered by bill, commitment or type),
//! and the usage behind a usage line item as a JSON file, one entry per day of its service period.
//! The demo bills charge for what their accounts are on: the plan's standing charge and the usage
//! its pricing prices, in the bill's currency, adding up to the bill's total. Some pending bills carry
//! a credit or a debit made on one of the account's line items, which the bill shows as a memo
//! line item and counts in its total.

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

pub static CREDITS: Behaviour = Behaviour {
    key: CREDIT.key,
    seed: Some(credits),
    seeds_after: &[KEY, CREDIT.reasons],
    ..Behaviour::NONE
};

pub static DEBITS: Behaviour = Behaviour {
    key: DEBIT.key,
    seed: Some(debits),
    seeds_after: &[KEY, DEBIT.reasons],
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

/// A credit or a debit made on a bill, as the demo makes them.
struct Adjustment {
    key: &'static str,
    reason: &'static str,
    reasons: &'static str,
    /// The type of the line item the bill shows it as.
    memo: &'static str,
    /// +1 adds to the bill, -1 takes off.
    sign: f64,
    /// Made on every `every`-th pending bill, newest first.
    every: usize,
    /// The type of line item it is made on, and the share of that item's subtotal it comes to.
    on: &'static str,
    share: f64,
    /// Whether it corrects the account's bill before this one (a credit for last period's usage)
    /// rather than this bill.
    earlier: bool,
    what: &'static str,
}

const CREDIT: Adjustment = Adjustment {
    key: "credit-line-items",
    reason: "creditReasonId",
    reasons: "credit-reasons",
    memo: "CREDIT_MEMO",
    sign: -1.0,
    every: 2,
    on: "USAGE",
    share: 0.1,
    earlier: true,
    what: "Credit",
};

const DEBIT: Adjustment = Adjustment {
    key: "debit-line-items",
    reason: "debitReasonId",
    reasons: "debit-reasons",
    memo: "DEBIT_MEMO",
    sign: 1.0,
    every: 3,
    on: "STANDING_CHARGE",
    share: 0.05,
    earlier: false,
    what: "Debit",
};

/// Fields a memo line item does not take from the line item it is made on.
const NOT_COPIED: [&str; 13] = [
    "id",
    "version",
    "dtCreated",
    "dtLastModified",
    "createdBy",
    "lastModifiedBy",
    "pricingId",
    "aggregationId",
    "compoundAggregationId",
    "meterId",
    "unit",
    "bandUsage",
    "jsonUsageGenerated",
];

fn credits(s: &mut Seeder) {
    adjust(s, &CREDIT);
}

fn debits(s: &mut Seeder) {
    adjust(s, &DEBIT);
}

fn adjust(s: &mut Seeder, a: &Adjustment) {
    let stored = |s: &Seeder, key: &str| -> Vec<(String, Value)> {
        s.store
            .collection(key)
            .map(|c| {
                c.values()
                    .map(|st| (st.parent.clone(), st.value.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    // Newest first, as bills are listed.
    let bills: Vec<Value> = stored(s, "bills")
        .into_iter()
        .rev()
        .map(|(_, b)| b)
        .collect();
    let items = stored(s, KEY);
    let reasons: Vec<String> = stored(s, a.reasons)
        .into_iter()
        .filter(|(_, r)| r.get("archived") != Some(&Value::Bool(true)))
        .map(|(_, r)| id_of(&r).to_owned())
        .collect();
    // Only a bill still open to change takes one.
    let open = bills.iter().enumerate().filter(|(_, b)| {
        text(b, "status") == Some("PENDING") && b.get("locked") != Some(&Value::Bool(true))
    });
    let made_on = open.enumerate().filter(|(n, _)| n % a.every == 0);
    for (n, (_, (rank, bill))) in made_on.enumerate() {
        let account = text(bill, "accountId");
        let earlier = bills
            .iter()
            .skip(rank + 1)
            .find(|b| text(b, "accountId") == account);
        let on = earlier.filter(|_| a.earlier).unwrap_or(bill);
        let theirs: Vec<&Value> = items
            .iter()
            .filter(|(parent, _)| parent == id_of(on))
            .map(|(_, item)| item)
            .collect();
        let Some(item) = theirs
            .iter()
            .find(|i| text(i, "lineItemType") == Some(a.on))
            .or(theirs.first())
        else {
            continue;
        };
        let subtotal = item.get("subtotal").and_then(Value::as_f64).unwrap_or(0.0);
        let amount = (subtotal * a.share * 100.0).round() / 100.0;
        if amount <= 0.0 {
            continue;
        }
        let reason = reasons.get(n % reasons.len().max(1)).cloned();
        let reason_name = reason
            .as_deref()
            .and_then(|r| s.store.collection(a.reasons)?.get(r))
            .and_then(|r| text(&r.value, "name").map(str::to_owned))
            .unwrap_or_default();
        let pick = |k: &str| item.get(k).cloned().unwrap_or(Value::Null);
        let description = format!(
            "{reason_name}: {} on {}",
            a.what.to_ascii_lowercase(),
            text(item, "description").unwrap_or_default()
        );
        let mut body = json!({
            "description": description,
            "lineItemType": pick("lineItemType"),
            "productId": pick("productId"),
            "accountingProductId": pick("productId"),
            "amount": amount,
            "referencedBillId": id_of(on),
            "referencedLineItemId": id_of(item),
            "servicePeriodStartDate": pick("servicePeriodStartDate"),
            "servicePeriodEndDate": pick("servicePeriodEndDate"),
        });
        if let Some(r) = reason {
            body[a.reason] = json!(r);
        }
        let created = s.tick(23);
        s.add(a.key, id_of(bill), body, created, created);

        // The bill shows it as a memo line item and counts it in its total.
        let mut memo = (*item).clone();
        if let Some(map) = memo.as_object_mut() {
            for k in NOT_COPIED {
                map.remove(k);
            }
        }
        let signed = a.sign * amount;
        let count = items.iter().filter(|(p, _)| p == id_of(bill)).count();
        memo["lineItemType"] = json!(a.memo);
        memo["description"] = json!(description);
        memo["referencedBillId"] = json!(id_of(on));
        memo["referencedLineItemId"] = json!(id_of(item));
        memo["quantity"] = json!(1.0);
        memo["units"] = json!(1.0);
        memo["averageUnitPrice"] = json!(signed);
        memo["subtotal"] = json!(signed);
        memo["convertedSubtotal"] = json!(signed);
        memo["sequenceNumber"] = json!(count + 1);
        s.add(KEY, id_of(bill), memo, created, created);
        if let Some(b) = s.store.collection_mut("bills").get_mut(id_of(bill)) {
            let total = b
                .value
                .get("billTotal")
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            b.value["billTotal"] = json!(((total + signed) * 100.0).round() / 100.0);
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
