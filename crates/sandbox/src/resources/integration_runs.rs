//! Integration runs: found by entity (all, or the latest), by destination, or the latest of several
//! entities; each run's log tells what was sent and what came back. The demo gives every
//! integration configuration runs for bills or accounts, finished, failed and under way.

use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::paging;
use crate::seeder::{at, Seeder};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "integration-runs",
    actions: &[
        ("latest", latest),
        ("for-entity", for_entity),
        ("logs", logs),
        ("for-destination", for_destination),
        ("latest-for-entities", latest_for_entities),
    ],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "integration-runs";
const PAGE_MAX: usize = 200;

fn runs(call: &Call<'_>, keep: impl Fn(&Value) -> bool) -> Vec<Value> {
    call.store
        .collection(KEY)
        .map(|c| c.page(None, usize::MAX, |s| keep(&s.value)).0)
        .unwrap_or_default()
}

fn same_type(run: &Value, entity_type: &str) -> bool {
    text(run, "entityType").is_some_and(|t| t.eq_ignore_ascii_case(entity_type))
}

fn started(run: &Value) -> &str {
    text(run, "dtStarted").unwrap_or_default()
}

fn newest(mut runs: Vec<Value>) -> Option<Value> {
    runs.sort_by(|a, b| started(b).cmp(started(a)));
    runs.into_iter().next()
}

/// The `startDate`, `endDate`, `status` and `order` filters, then a page.
fn filtered(call: &Call<'_>, mut runs: Vec<Value>) -> ApiResult<Value> {
    let start = call.query_one("startDate").filter(|s| !s.is_empty());
    let end = call.query_one("endDate").filter(|s| !s.is_empty());
    let status = call.query_one("status").filter(|s| !s.is_empty());
    runs.retain(|r| {
        start.is_none_or(|s| started(r) >= s)
            && end.is_none_or(|e| started(r) < e)
            && status.is_none_or(|s| text(r, "status") == Some(s))
    });
    let ascending = match call.query_one("order").unwrap_or("DESC") {
        "ASC" => true,
        "DESC" | "" => false,
        other => {
            return Err(ApiError::bad_request(format!(
                "order: must be ASC or DESC, not {other}"
            )))
        }
    };
    runs.sort_by(|a, b| started(a).cmp(started(b)));
    if !ascending {
        runs.reverse();
    }
    paging::of_items(runs, call.query, PAGE_MAX)
}

fn latest(call: &mut Call<'_>) -> ApiResult<Value> {
    let (entity_type, id) = (call.param("entityType"), call.param("id"));
    let found = runs(call, |r| {
        same_type(r, entity_type) && text(r, "entityId") == Some(id)
    });
    newest(found)
        .ok_or_else(|| ApiError::not_found(format!("No integration run for {entity_type} {id}")))
}

fn for_entity(call: &mut Call<'_>) -> ApiResult<Value> {
    let (entity_type, id) = (call.param("entityType"), call.param("entityId"));
    let found = runs(call, |r| {
        same_type(r, entity_type) && text(r, "entityId") == Some(id)
    });
    filtered(call, found)
}

fn for_destination(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.param("destinationId");
    let destination = call.query_one("destination").filter(|d| !d.is_empty());
    let found = runs(call, |r| {
        text(r, "destinationId") == Some(id)
            && destination
                .is_none_or(|d| text(r, "destination").is_some_and(|x| x.eq_ignore_ascii_case(d)))
    });
    filtered(call, found)
}

fn latest_for_entities(call: &mut Call<'_>) -> ApiResult<Value> {
    let entity_type = call.param("entityType");
    let ids = call.query_many("ids");
    if ids.is_empty() {
        return Err(ApiError::bad_request(
            "ids: name at least one entity whose latest run you want",
        ));
    }
    let found = runs(call, |r| {
        same_type(r, entity_type) && text(r, "entityId").is_some_and(|e| ids.iter().any(|i| i == e))
    });
    newest(found).ok_or_else(|| {
        ApiError::not_found(format!(
            "No integration run for any of these {entity_type} entities"
        ))
    })
}

/// The log of a run, one line per step, from what the run records.
pub fn log_of(run: &Value) -> String {
    let t = |k| text(run, k).unwrap_or("-");
    let mut lines = vec![
        format!(
            "{} INFO  run {} started: {} {} to {} ({})",
            t("dtStarted"),
            t("id"),
            t("entityType"),
            t("entityId"),
            t("destination"),
            t("destinationId")
        ),
        format!("{} INFO  POST {}", t("dtStarted"), t("url")),
    ];
    match text(run, "status") {
        Some("COMPLETE") => lines.push(format!(
            "{} INFO  200 OK: created {} in {}",
            t("dtCompleted"),
            t("externalId"),
            t("destination")
        )),
        Some("ERROR" | "AUTH_FAILED" | "INVOICE_ALREADY_PAID" | "ACCOUNTING_PERIOD_CLOSED") => {
            lines.push(format!("{} ERROR {}", t("dtCompleted"), t("error")))
        }
        Some(other) => lines.push(format!("{} INFO  status {other}", t("dtLastModified"))),
        None => {}
    }
    lines.join("\n")
}

fn logs(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.param("id");
    let run = call
        .store
        .collection(KEY)
        .and_then(|c| c.get(id))
        .ok_or_else(|| ApiError::not_found(format!("Integration run {id} not found")))?;
    Ok(json!({ "Payload": log_of(&run.value) }))
}

/// (status, error)
const OUTCOMES: [(&str, &str); 5] = [
    ("COMPLETE", ""),
    ("ERROR", "Destination answered 500 Internal Server Error"),
    ("COMPLETE", ""),
    ("AWAITING_RETRY", ""),
    ("STARTED", ""),
];

fn seed(s: &mut Seeder) {
    let configs: Vec<Value> = s
        .store
        .collection("integration-configs")
        .map(|c| c.values().map(|st| st.value.clone()).collect())
        .unwrap_or_default();
    let mut n = 0;
    for config in configs {
        let entity_type = text(&config, "entityType").unwrap_or("Bill").to_owned();
        let source = if entity_type == "Account" {
            "accounts"
        } else {
            "bills"
        };
        let url = match text(&config, "destinationId")
            .and_then(|d| s.store.collection("webhooks")?.get(d))
        {
            Some(hook) => text(&hook.value, "url").unwrap_or_default().to_owned(),
            None => format!(
                "https://api.{}.example.com/v1/records",
                text(&config, "destination")
                    .unwrap_or("erp")
                    .to_ascii_lowercase()
            ),
        };
        // Two runs for the first entity (the later one is its latest), one for the next two.
        for k in 0..4 {
            let entity = s.pick(source, k.max(1) - 1);
            let (status, error) = OUTCOMES[n % OUTCOMES.len()];
            n += 1;
            let begun = s.tick(41);
            let mut body = json!({
                "entityType": entity_type, "entityId": entity,
                "destination": config.get("destination"), "destinationId": config.get("destinationId"),
                "status": status, "url": url, "dtStarted": at(begun),
            });
            if !matches!(status, "STARTED" | "AWAITING_RETRY") {
                body["dtCompleted"] = json!(at(begun + 1));
            }
            if status == "COMPLETE" {
                body["externalId"] = json!(format!("EXT-{:05}", 10_000 + n * 7));
            }
            if !error.is_empty() {
                body["error"] = json!(error);
            }
            s.add(KEY, "", body, begun, begun + 1);
        }
    }
}
