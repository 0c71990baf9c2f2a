//! An entity's server-side parts: the audit trail and version m3ter keeps on every entity, and the
//! fields a client may not set.

use chrono::{DateTime, SecondsFormat, Utc};
use m3ter_models::catalogue::AUDIT_KEYS;
use m3ter_models::{overlay, Resource};
use serde_json::{json, Map, Value};

use crate::behaviour::Ctx;
use crate::ids::{new_id, SANDBOX_USER};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// A time the way m3ter writes it (`2025-01-06T09:00:00.000Z`).
pub fn stamp(t: DateTime<Utc>) -> Value {
    Value::String(t.to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// The body as sent, minus anything the server owns (read-only fields and the audit trail).
pub fn writable(r: &Resource, body: Value) -> Map<String, Value> {
    let o = m3ter_models::resources::overlay(r.key);
    let mut map = match body {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    for f in r.fields {
        if overlay::read_only(o, f.key, f) {
            map.remove(f.key);
        }
    }
    for key in AUDIT_KEYS {
        map.remove(key);
    }
    map
}

/// A new entity from a validated create body: id, version 1, the audit trail, its parent's id in
/// the field that names it (when the resource has one), then what the resource's behaviour adds.
pub fn new_entity(ctx: &Ctx<'_>, body: Value) -> Value {
    let r = ctx.resource;
    let mut entity = Map::new();
    entity.insert("id".into(), json!(new_id()));
    entity.insert("version".into(), json!(1));
    entity.extend(writable(r, body));
    let at = stamp(ctx.now);
    entity.insert("dtCreated".into(), at.clone());
    entity.insert("dtLastModified".into(), at);
    entity.insert("createdBy".into(), json!(SANDBOX_USER));
    entity.insert("lastModifiedBy".into(), json!(SANDBOX_USER));
    if r.field(r.parent_param).is_some() {
        entity.insert(r.parent_param.into(), json!(ctx.parent));
    }
    let mut entity = Value::Object(entity);
    if let Some(on_create) = ctx.behaviour.on_create {
        on_create(&mut entity, ctx);
    }
    entity
}

/// Marks an entity changed by an action: one version on, modified now by the sandbox's user.
pub fn touch(entity: &mut Value, now: DateTime<Utc>) {
    let version = entity
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    entity["version"] = json!(version.saturating_add(1));
    entity["dtLastModified"] = stamp(now);
    entity["lastModifiedBy"] = json!(SANDBOX_USER);
}
