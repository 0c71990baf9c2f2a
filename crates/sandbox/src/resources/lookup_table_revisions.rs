//! Lookup table revisions: the status moves forward only (draft → published → archived, the rule
//! the console uses too); publishing makes the revision its table's active one. The demo gives each
//! table revisions in every status, with a schema of key and value fields.

use m3ter_models::resources::lookup_table_revisions::status_change;
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::entity::touch;
use crate::error::{ApiError, ApiResult};
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "lookup-table-revisions",
    actions: &[("status", status)],
    seed: Some(seed),
    ..Behaviour::NONE
};

pub const KEY: &str = "lookup-table-revisions";

fn status(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let table = call.ctx.parent.to_owned();
    let now = call.ctx.now;
    let Some(to) = call.body_text("status").map(str::to_owned) else {
        return Err(ApiError::bad_request(
            "status: say which status the revision is to have (DRAFT, PUBLISHED or ARCHIVED)",
        ));
    };
    let sent = call.body.get("version").and_then(Value::as_i64);
    let revision = call
        .store
        .collection_mut(KEY)
        .get_mut(&id)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Lookup table revision {id} not found")))?;
    let current = revision
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    if let Some(sent) = sent.filter(|v| *v != current) {
        return Err(ApiError::conflict(format!(
            "Version mismatch for lookup table revision {id}: the request has version {sent} but the current version is {current}. Reload it and try again."
        )));
    }
    if let Some(why) = status_change(text(revision, "status"), &to) {
        return Err(ApiError::bad_request(format!(
            "Lookup table revision {id} cannot become {to}: {why}"
        )));
    }
    revision["status"] = json!(to);
    touch(revision, now);
    let revision = revision.clone();
    if let Some(t) = call
        .store
        .collection_mut("lookup-tables")
        .get_mut(&table)
        .and_then(|s| s.value.as_object_mut())
    {
        let active = t
            .get("activeRevision")
            .and_then(|a| a.get("id"))
            .and_then(Value::as_str);
        if to == "PUBLISHED" {
            t.insert("activeRevision".into(), revision.clone());
        } else if active == Some(id.as_str()) {
            t.remove("activeRevision");
        }
    }
    Ok(revision)
}

/// (name, status) of each table's revisions, oldest first.
const REVISIONS: [[(&str, &str); 2]; 3] = [
    [("2024 rates", "PUBLISHED"), ("2025 rates (draft)", "DRAFT")],
    [("2023 rates", "ARCHIVED"), ("2024 rates", "PUBLISHED")],
    [("Old rates", "ARCHIVED"), ("Next rates (draft)", "DRAFT")],
];

fn seed(s: &mut Seeder) {
    let tables: Vec<String> = s.ids("lookup-tables").to_vec();
    for (i, table) in tables.iter().enumerate() {
        for (k, (name, status)) in REVISIONS[i % REVISIONS.len()].iter().enumerate() {
            let created = s.tick(53);
            let body = json!({
                "name": name, "status": status,
                "startDate": format!("{}-01-01T00:00:00Z", 2023 + k + i % 2),
                "fields": [
                    {"name": "region", "type": "STRING"},
                    {"name": "tier", "type": "STRING"},
                    {"name": "rate", "type": "NUMBER"},
                ],
                "keys": ["region", "tier"],
                "itemCount": 0,
            });
            let id = s.add(KEY, table, body, created, created + 1440 * k as u64);
            if *status == "PUBLISHED" {
                let revision = s
                    .store
                    .collection(KEY)
                    .and_then(|c| c.get(&id))
                    .map(|st| st.value.clone());
                if let (Some(revision), Some(t)) = (
                    revision,
                    s.store.collection_mut("lookup-tables").get_mut(table),
                ) {
                    t.value["activeRevision"] = revision;
                }
            }
        }
    }
}
