//! Webhook destinations: switched active or inactive with `?active=`; the demo has active and
//! inactive ones.

use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::entity::touch;
use crate::error::{ApiError, ApiResult};
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "webhooks",
    actions: &[("active", active)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "webhooks";

fn active(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let wanted = match call
        .query_one("active")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("true") => true,
        Some("false") => false,
        _ => return Err(ApiError::bad_request(
            "active: say whether the webhook is to be active with ?active=true or ?active=false",
        )),
    };
    let now = call.ctx.now;
    let hook = call
        .store
        .collection_mut(KEY)
        .get_mut(&id)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Webhook {id} not found")))?;
    hook["active"] = json!(wanted);
    touch(hook, now);
    Ok(hook.clone())
}

/// Seeds the webhooks once (integration configurations, seeded earlier, point at them).
pub fn seed(s: &mut Seeder) {
    if !s.ids(KEY).is_empty() {
        return;
    }
    let Some(r) = m3ter_models::resource(KEY) else {
        return;
    };
    let hooks = [
        (
            "Billing events",
            "https://hooks.example.com/m3ter/billing",
            true,
        ),
        (
            "Old CRM sync",
            "https://crm.example.com/inbound/m3ter",
            false,
        ),
        ("Usage alerts", "https://alerts.example.com/m3ter", true),
    ];
    for i in 0..3 + s.scale {
        let (name, url, active) = hooks[i % hooks.len()];
        let mut body = s.synthesize(r, i);
        body["name"] = json!(name);
        body["description"] = json!(format!(
            "{name} ({})",
            if active { "live" } else { "paused" }
        ));
        body["url"] = json!(url);
        body["active"] = json!(active);
        body["code"] = json!(format!("webhook_{}", i + 1));
        let created = s.tick(23);
        s.add(KEY, "", body, created, created + 60);
    }
}
