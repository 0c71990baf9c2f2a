//! Accounts: search, child accounts (the demo makes some accounts children of others), and ending
//! an account's billing entities on one date, which contracts share (`Scope`).

use std::collections::HashSet;

use m3ter_models::catalogue::Kind;
use serde_json::{json, Map, Value};

use crate::behaviour::{Behaviour, Call};
use crate::entity::touch;
use crate::error::ApiResult;
use crate::paging;
use crate::query::Query;
use crate::seeder::Seeder;
use crate::store::Store;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "accounts",
    actions: &[
        ("search", search),
        ("children", children),
        ("end-date-billing-entities", end_date),
    ],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "accounts";

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn search(call: &mut Call<'_>) -> ApiResult<Value> {
    crate::search::search(call.store, call.ctx.resource, &Query(call.query.clone()))
}

fn children(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    paging::of_stored(
        call.store,
        call.ctx.resource,
        &Query(call.query.clone()),
        |s| text(&s.value, "parentAccountId") == id,
    )
}

fn end_date(call: &mut Call<'_>) -> ApiResult<Value> {
    end_date_billing_entities(call, Scope::Account)
}

/// Whose billing entities an end date applies to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The account's (and its descendants' when `applyToChildren`).
    Account,
    /// The contract itself and what is on it.
    Contract,
}

/// An account and, when asked, every account below it.
fn accounts(store: &Store, id: &str, children: bool) -> HashSet<String> {
    let mut found: HashSet<String> = HashSet::from([id.to_owned()]);
    if !children {
        return found;
    }
    let all: Vec<(String, String)> = store
        .collection(KEY)
        .into_iter()
        .flat_map(|c| c.values())
        .map(|s| {
            (
                crate::store::id_of(&s.value).to_owned(),
                text(&s.value, "parentAccountId").to_owned(),
            )
        })
        .collect();
    loop {
        let more: Vec<String> = all
            .iter()
            .filter(|(a, p)| found.contains(p) && !found.contains(a))
            .map(|(a, _)| a.clone())
            .collect();
        if more.is_empty() {
            return found;
        }
        found.extend(more);
    }
}

fn instant(s: &str) -> Option<i64> {
    m3ter_models::time::parse_rfc3339(s).or_else(|| m3ter_models::time::parse_date(s))
}

/// Ends the chosen kinds of billing entity on the body's `endDate`: contracts, account plans,
/// prepayments (commitments), and the pricings and counter pricings of the account's own plans.
/// An entity that starts after that date is left as it is and listed as failed.
pub fn end_date_billing_entities(call: &mut Call<'_>, scope: Scope) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let end = text(&call.body, "endDate").to_owned();
    let children = call.body.get("applyToChildren").and_then(Value::as_bool) == Some(true);
    let kinds: Vec<String> = call
        .body
        .get("billingEntities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let accounts = match scope {
        Scope::Account => accounts(call.store, &id, children),
        Scope::Contract => HashSet::new(),
    };
    // The account's own plans (custom plans name their account).
    let plans: HashSet<String> = call
        .store
        .collection("plans")
        .into_iter()
        .flat_map(|c| c.values())
        .filter(|s| accounts.contains(text(&s.value, "accountId")))
        .map(|s| crate::store::id_of(&s.value).to_owned())
        .collect();
    let end_at = instant(&end);
    let now = call.ctx.now;
    let (mut updated, mut failed) = (Map::new(), Map::new());
    let (mut n_updated, mut n_failed) = (0, 0);
    for kind in &kinds {
        let (key, link): (&'static str, &str) = match kind.as_str() {
            "CONTRACT" => ("contracts", "accountId"),
            "ACCOUNTPLAN" => ("account-plans", "accountId"),
            "PREPAYMENT" => ("commitments", "accountId"),
            "PRICINGS" => ("pricings", "planId"),
            "COUNTER_PRICINGS" => ("counter-pricings", "planId"),
            _ => continue,
        };
        let date_only = m3ter_models::resource(key)
            .and_then(|r| r.field("endDate"))
            .is_some_and(|f| matches!(f.kind, Kind::Date));
        let value = if date_only {
            end.get(..10).unwrap_or(&end).to_owned()
        } else {
            end.clone()
        };
        let (mut ok, mut bad) = (Vec::new(), Vec::new());
        for s in call.store.collection_mut(key).values_mut() {
            let e = &mut s.value;
            let entity_id = crate::store::id_of(e).to_owned();
            let picked = match (scope, key) {
                (Scope::Contract, "contracts") => entity_id == id,
                (Scope::Contract, "pricings" | "counter-pricings") => false,
                (Scope::Contract, _) => text(e, "contractId") == id,
                (Scope::Account, _) if link == "planId" => plans.contains(text(e, link)),
                (Scope::Account, _) => accounts.contains(text(e, link)),
            };
            if !picked {
                continue;
            }
            let starts_after = match (instant(text(e, "startDate")), end_at) {
                (Some(start), Some(end)) => start > end,
                _ => false,
            };
            if starts_after {
                bad.push(json!(entity_id));
                continue;
            }
            e["endDate"] = json!(value);
            touch(e, now);
            ok.push(json!(entity_id));
        }
        n_updated += ok.len();
        n_failed += bad.len();
        updated.insert(kind.clone(), Value::Array(ok));
        failed.insert(kind.clone(), Value::Array(bad));
    }
    let mut message = format!("{n_updated} billing entities end on {end}");
    if n_failed > 0 {
        message.push_str(&format!(
            "; {n_failed} start after that date and were left as they are"
        ));
    }
    Ok(json!({
        "statusMessage": message,
        "updatedEntities": updated,
        "failedEntities": failed,
    }))
}

/// The generic accounts, every third one a parent of the two after it.
fn seed(s: &mut Seeder) {
    let Some(r) = m3ter_models::resource(KEY) else {
        return;
    };
    s.generic(r, "", 3 + s.scale);
    let ids = s.ids(KEY).to_vec();
    for (i, id) in ids.iter().enumerate() {
        if i % 3 == 0 {
            continue;
        }
        let Some(parent) = ids.get(i - i % 3).cloned() else {
            continue;
        };
        if let Some(a) = s.store.collection_mut(KEY).get_mut(id) {
            a.value["parentAccountId"] = json!(parent);
        }
    }
}
