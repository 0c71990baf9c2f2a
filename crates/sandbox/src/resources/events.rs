//! Events: what m3ter records when something changes, each carrying the entity as it became
//! (`m3terEvent.eventData.newDto`, and as it was, `oldDto`, for an update), most of them actioned
//! a little later; the `accountId`, `resourceId` and `includeActioned` filters, and those of
//! kinds of events the demo has none of (`notificationId`, `notificationCode`, `eventType`).

use chrono::{DateTime, Duration, SecondsFormat};
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour};
use crate::error::ApiResult;
use crate::query::Keep;
use crate::seeder::Seeder;
use crate::store::Store;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "events",
    filter: Some(filter),
    seed: Some(seed),
    seeds_after: &["accounts", "commitments", "plans", "bills"],
    ..Behaviour::NONE
};

const KEY: &str = "events";

/// The demo's events: which resource's entities they are about, and their name.
const RECORDED: &[(&str, &str)] = &[
    ("accounts", "configuration.account.created"),
    ("commitments", "configuration.commitment.created"),
    ("plans", "configuration.plan.updated"),
    ("bills", "billing.bill.created"),
];

fn seed(s: &mut Seeder) {
    let mut n = 0;
    for (key, name) in RECORDED {
        let entities: Vec<Value> = s
            .ids(key)
            .iter()
            .take(3)
            .filter_map(|id| s.store.collection(key)?.get(id).map(|e| e.value.clone()))
            .collect();
        for entity in entities {
            let updated = name.ends_with(".updated");
            let at = text(
                &entity,
                if updated {
                    "dtLastModified"
                } else {
                    "dtCreated"
                },
            )
            .unwrap_or_default()
            .to_owned();
            let mut data = json!({ "newDto": entity });
            if updated {
                let mut old = entity.clone();
                old["version"] = json!(entity["version"].as_i64().unwrap_or(2).max(2) - 1);
                // The update raised the standing charge, so the event shows a change of substance.
                if let Some(charge) = entity.get("standingCharge").and_then(Value::as_f64) {
                    old["standingCharge"] = json!((charge - 5.0).max(0.0));
                }
                if let Some(created) = entity.get("dtCreated") {
                    old["dtLastModified"] = created.clone();
                }
                data["oldDto"] = old;
            }
            let mut event = json!({
                "eventName": name,
                "eventTime": at,
                "m3terEvent": { "eventData": data },
            });
            // Every third one still waits to be actioned.
            if n % 3 != 2 {
                event["dtActioned"] = json!(later(&at, 2));
            }
            let created = s.tick(7);
            s.add(KEY, "", event, created, created);
            n += 1;
        }
    }
}

/// `minutes` after the date-time `at` (`at` itself when it is not one).
fn later(at: &str, minutes: i64) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |t| (t + Duration::minutes(minutes)).to_rfc3339_opts(SecondsFormat::Millis, true),
    )
}

/// A field of the entity the event is about.
fn about<'a>(event: &'a Value, key: &str) -> Option<&'a str> {
    event
        .pointer("/m3terEvent/eventData/newDto")
        .and_then(|dto| dto.get(key))
        .and_then(Value::as_str)
}

fn filter(param: &str, values: &[String], _: &Store) -> ApiResult<Option<Keep>> {
    let Some(wanted) = values.first().cloned() else {
        return Ok(None);
    };
    Ok(match param {
        "resourceId" => Some(Box::new(move |e: &Value| {
            about(e, "id") == Some(wanted.as_str())
        })),
        // Events of the account itself, and of what belongs to it.
        "accountId" => Some(Box::new(move |e: &Value| {
            let of_account = text(e, "eventName").is_some_and(|n| n.contains(".account."));
            about(e, "accountId") == Some(wanted.as_str())
                || (of_account && about(e, "id") == Some(wanted.as_str()))
        })),
        "includeActioned" if wanted.eq_ignore_ascii_case("false") => Some(Box::new(|e: &Value| {
            e.get("dtActioned").is_none_or(Value::is_null)
        })),
        // The demo records what changed in the organization: no event of a notification, of an
        // integration, of an ingest or of an export, so these keep none.
        "notificationId" | "notificationCode" | "eventType" => Some(Box::new(|_: &Value| false)),
        _ => None,
    })
}
