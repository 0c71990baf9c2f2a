//! Integration configurations: found by entity type; a disabled one is enabled (an enabled one
//! cannot be, the same rule the console uses). The demo has enabled and disabled ones, some sending
//! to the demo's webhooks.

use m3ter_models::resources::integration_configs::enableable;
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::entity::touch;
use crate::error::{ApiError, ApiResult};
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "integration-configs",
    actions: &[("for-entity-type", for_entity_type), ("enable", enable)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "integration-configs";

fn for_entity_type(call: &mut Call<'_>) -> ApiResult<Value> {
    let entity_type = call.param("entityType").to_owned();
    let wanted = |field: &str, value: Option<&str>, config: &Value| {
        value.is_none_or(|v| v.is_empty() || text(config, field) == Some(v))
    };
    let (entity_id, destination, destination_id) = (
        call.query_one("entityId"),
        call.query_one("destination"),
        call.query_one("destinationId"),
    );
    call.store
        .collection(KEY)
        .and_then(|c| {
            c.page(None, usize::MAX, |_| true)
                .0
                .into_iter()
                .find(|config| {
                    text(config, "entityType").is_some_and(|t| t.eq_ignore_ascii_case(&entity_type))
                        && wanted("entityId", entity_id, config)
                        && destination.is_none_or(|d| {
                            d.is_empty()
                                || text(config, "destination")
                                    .is_some_and(|c| c.eq_ignore_ascii_case(d))
                        })
                        && wanted("destinationId", destination_id, config)
                })
        })
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "No integration configuration for entity type {entity_type} matches"
            ))
        })
}

fn enable(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let now = call.ctx.now;
    let config = call
        .store
        .collection_mut(KEY)
        .get_mut(&id)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Integration configuration {id} not found")))?;
    if let Some(why) = enableable(config.get("enabled").and_then(Value::as_bool)) {
        return Err(ApiError::bad_request(format!(
            "Integration configuration {id} cannot be enabled: {why}"
        )));
    }
    config["enabled"] = json!(true);
    touch(config, now);
    Ok(config.clone())
}

/// (entity type, destination, sends to a webhook, enabled, authorized, trigger)
const CONFIGS: [(&str, &str, bool, bool, bool, &str); 4] = [
    ("Bill", "Webhook", true, true, true, "EVENT"),
    ("Account", "Netsuite", false, false, true, "SCHEDULE"),
    ("Bill", "Xero", false, false, false, "EVENT"),
    ("BillLineItem", "Webhook", true, true, true, "EVENT"),
];

fn seed(s: &mut Seeder) {
    crate::resources::webhooks::seed(s);
    let Some(r) = m3ter_models::resource(KEY) else {
        return;
    };
    for i in 0..CONFIGS.len() + s.scale {
        let (entity_type, destination, webhook, enabled, authorized, trigger) =
            CONFIGS[i % CONFIGS.len()];
        let mut body = s.synthesize(r, i);
        let destination_id = if webhook {
            s.pick("webhooks", i)
        } else {
            s.uuid()
        };
        if let Some(map) = body.as_object_mut() {
            map.remove("entityId");
            map.remove("credentials");
        }
        body["entityType"] = json!(entity_type);
        body["destination"] = json!(destination);
        body["destinationId"] = json!(destination_id);
        body["name"] = json!(format!("{entity_type} to {destination}"));
        body["enabled"] = json!(enabled);
        body["authorized"] = json!(authorized);
        body["triggerType"] = json!(trigger);
        body["configData"] = json!({"sendOnApproval": true, "batchSize": 50});
        let created = s.tick(29);
        s.add(KEY, "", body, created, created + 1440);
    }
}
