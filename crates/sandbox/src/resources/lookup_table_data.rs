//! A lookup table revision's rows, stored one per lookup key (the revision's key fields' values
//! joined by `_`; stored under `{revision}/{key}`, `crate::ids::store_id`): all of them read, replaced or deleted at once (only a draft's), an archived
//! revision's rows fetched as a file, and rows copied into another draft revision or a new one.

use m3ter_models::resources::lookup_table_revisions::{archive_available, rows_editable};
use serde_json::{json, Map, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::entity::{stamp, touch};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, SANDBOX_USER};
use crate::seeder::Seeder;
use crate::store::Store;

use super::lookup_rows::{fields, revision, rows, rows_file, strings, DATA as KEY};
use super::lookup_table_revisions::KEY as REVISIONS;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "lookup-table-data",
    actions: &[
        ("all", all),
        ("replace-all", replace_all),
        ("delete-all", delete_all),
        ("archived", archived),
        ("copy", copy),
    ],
    seed: Some(seed),
    answers_sent: &["item"],
    ..Behaviour::NONE
};

fn key_of(item: &Value, keys: &[String]) -> String {
    keys.iter()
        .map(|k| match item.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        })
        .collect::<Vec<_>>()
        .join("_")
}

/// Replaces the revision's rows by `items` and records the change on the revision.
fn put_rows(
    store: &mut Store,
    revision: &str,
    items: Vec<Value>,
    now: chrono::DateTime<chrono::Utc>,
) {
    let keys = revision_keys(store, revision);
    store
        .collection_mut(KEY)
        .remove_where(|s| s.parent == revision);
    let at = stamp(now);
    let count = items.len();
    for item in items {
        let key = key_of(&item, &keys);
        let row = json!({
            "item": item, "version": 1, "dtCreated": at, "dtLastModified": at,
            "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
        });
        store.put(KEY, &format!("{revision}/{key}"), revision, row);
    }
    if let Some(r) = store.collection_mut(REVISIONS).get_mut(revision) {
        r.value["itemCount"] = json!(count);
        touch(&mut r.value, now);
    }
}

fn revision_keys(store: &Store, revision: &str) -> Vec<String> {
    store
        .collection(REVISIONS)
        .and_then(|c| c.get(revision))
        .map(|r| strings(&r.value, "keys"))
        .unwrap_or_default()
}

/// The answer of the read and replace actions: the rows and the revision's audit trail.
fn answer(store: &Store, id: &str, limit: usize) -> ApiResult<Value> {
    let r = revision(store, id)?;
    let items: Vec<Value> = rows(store, id).into_iter().take(limit).collect();
    let mut out = json!({ "items": items });
    for k in [
        "version",
        "dtCreated",
        "dtLastModified",
        "createdBy",
        "lastModifiedBy",
    ] {
        if let Some(v) = r.get(k) {
            out[k] = v.clone();
        }
    }
    Ok(out)
}

fn all(call: &mut Call<'_>) -> ApiResult<Value> {
    let limit =
        match call.query_one("limit").filter(|s| !s.is_empty()) {
            None => usize::MAX,
            Some(l) => l.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                ApiError::bad_request("limit: must be a whole number of at least 1")
            })?,
        };
    answer(call.store, call.ctx.parent, limit)
}

/// Each item is an object with a value for every key field, only the revision's fields, numbers
/// where a field is a NUMBER, and no two items with the same key.
fn check_items(revision: &Value, items: &[Value]) -> ApiResult<()> {
    let fields = fields(revision);
    let keys = strings(revision, "keys");
    let mut seen: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(map) = item.as_object() else {
            return Err(ApiError::bad_request(format!(
                "items[{i}]: must be an object of field values"
            )));
        };
        for k in &keys {
            if map.get(k).is_none_or(Value::is_null) {
                return Err(ApiError::bad_request(format!(
                    "items[{i}]: has no value for the key field {k}"
                )));
            }
        }
        for (name, value) in map {
            match fields.iter().find(|(n, _)| n == name) {
                None => {
                    return Err(ApiError::bad_request(format!(
                        "items[{i}].{name}: is not a field of this revision"
                    )))
                }
                Some((_, t)) if t == "NUMBER" && !value.is_number() && !value.is_null() => {
                    return Err(ApiError::bad_request(format!(
                        "items[{i}].{name}: must be a number"
                    )))
                }
                _ => {}
            }
        }
        let key = key_of(item, &keys);
        if seen.contains(&key) {
            return Err(ApiError::bad_request(format!(
                "items[{i}]: has the same key values as an earlier item ({key})"
            )));
        }
        seen.push(key);
    }
    Ok(())
}

fn editable(store: &Store, id: &str) -> ApiResult<Value> {
    let r = revision(store, id)?;
    if let Some(why) = rows_editable(text(&r, "status")) {
        return Err(ApiError::bad_request(format!(
            "The rows of lookup table revision {id} cannot be changed: {why}"
        )));
    }
    Ok(r)
}

fn replace_all(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.ctx.parent.to_owned();
    let r = editable(call.store, &id)?;
    let current = r.get("version").and_then(Value::as_i64).unwrap_or_default();
    if let Some(sent) = call
        .body
        .get("version")
        .and_then(Value::as_i64)
        .filter(|v| *v != current)
    {
        return Err(ApiError::conflict(format!(
            "Version mismatch for the rows of lookup table revision {id}: the request has version {sent} but the current version is {current}. Reload them and try again."
        )));
    }
    let Some(items) = call.body.get("items").and_then(Value::as_array).cloned() else {
        return Err(ApiError::bad_request("items: must be a list of rows"));
    };
    check_items(&r, &items)?;
    put_rows(call.store, &id, items, call.ctx.now);
    answer(call.store, &id, usize::MAX)
}

fn delete_all(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.ctx.parent.to_owned();
    editable(call.store, &id)?;
    let n = rows(call.store, &id).len();
    put_rows(call.store, &id, Vec::new(), call.ctx.now);
    Ok(json!({ "result": format!("Deleted {n} rows") }))
}

/// The rows as a file: CSV with a header row of the revision's fields, or JSON lines.
fn archived(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.ctx.parent.to_owned();
    let r = revision(call.store, &id)?;
    if let Some(why) = archive_available(text(&r, "status")) {
        return Err(ApiError::bad_request(format!(
            "Lookup table revision {id} has no archived rows: {why}"
        )));
    }
    let content_type = call.body_text("contentType").unwrap_or_default().to_owned();
    let (name, bytes) = rows_file(call.store, &id, &content_type)?;
    let link = call.ctx.link(&name, &content_type, bytes);
    Ok(json!({ "url": link.url, "expiry": stamp(link.expires) }))
}

fn copy(call: &mut Call<'_>) -> ApiResult<Value> {
    let source_id = call.ctx.parent.to_owned();
    let table = call.param("lookupTableId").to_owned();
    let source = revision(call.store, &source_id)?;
    let now = call.ctx.now;
    let target_id = match call.body_text("revisionId").filter(|s| !s.is_empty()) {
        Some(target_id) => {
            if target_id == source_id {
                return Err(ApiError::bad_request(
                    "revisionId: a revision cannot be copied onto itself",
                ));
            }
            let in_table = call
                .store
                .collection(REVISIONS)
                .and_then(|c| c.get(target_id))
                .filter(|s| s.parent == table)
                .map(|s| s.value.clone());
            let Some(target) = in_table else {
                return Err(ApiError::bad_request(format!(
                    "revisionId: this lookup table has no revision {target_id}"
                )));
            };
            if let Some(why) = rows_editable(text(&target, "status")) {
                return Err(ApiError::bad_request(format!(
                    "revisionId: the rows of revision {target_id} cannot be replaced: {why}"
                )));
            }
            if target.get("fields") != source.get("fields")
                || target.get("keys") != source.get("keys")
            {
                return Err(ApiError::bad_request(format!(
                    "revisionId: revision {target_id} has other fields or keys than this one, so its rows cannot be copied there"
                )));
            }
            target_id.to_owned()
        }
        None => {
            let id = new_id();
            let at = stamp(now);
            let mut copy = Map::new();
            for k in ["fields", "keys", "startDate", "customFields"] {
                if let Some(v) = source.get(k) {
                    copy.insert(k.into(), v.clone());
                }
            }
            let name = format!("{} Copy", text(&source, "name").unwrap_or("Revision"));
            copy.extend([
                ("id".to_owned(), json!(id)),
                ("version".to_owned(), json!(1)),
                ("name".to_owned(), json!(name)),
                ("status".to_owned(), json!("DRAFT")),
                ("itemCount".to_owned(), json!(0)),
                ("dtCreated".to_owned(), at.clone()),
                ("dtLastModified".to_owned(), at),
                ("createdBy".to_owned(), json!(SANDBOX_USER)),
                ("lastModifiedBy".to_owned(), json!(SANDBOX_USER)),
            ]);
            call.store.put(REVISIONS, &id, &table, Value::Object(copy));
            id
        }
    };
    let items = rows(call.store, &source_id);
    put_rows(call.store, &target_id, items, now);
    let job_id = super::lookup_table_data_jobs::record(
        call.store,
        now,
        &table,
        &source_id,
        json!({"type": "COPY", "status": "SUCCEEDED", "destinationLookupTableRevisionId": target_id}),
    );
    Ok(json!({ "jobId": job_id, "revisionId": target_id }))
}

const REGIONS: [&str; 4] = ["EMEA", "AMER", "APAC", "LATAM"];
const TIERS: [&str; 3] = ["standard", "premium", "enterprise"];

fn seed(s: &mut Seeder) {
    let revisions: Vec<(String, String)> = s
        .store
        .collection(REVISIONS)
        .map(|c| {
            c.entries()
                .map(|(id, st)| (id.to_owned(), st.parent.clone()))
                .collect()
        })
        .unwrap_or_default();
    for (n, (revision, _table)) in revisions.iter().enumerate() {
        let count = 4 + n % 3;
        for i in 0..count {
            let region = REGIONS[i % REGIONS.len()];
            let tier = TIERS[(i / REGIONS.len() + n) % TIERS.len()];
            let item = json!({"region": region, "tier": tier, "rate": 0.05 * (1 + i + n) as f64});
            let key = format!("{region}_{tier}");
            let created = s.tick(3);
            s.add(
                KEY,
                revision,
                json!({"id": key, "item": item}),
                created,
                created,
            );
        }
        if let Some(r) = s.store.collection_mut(REVISIONS).get_mut(revision) {
            r.value["itemCount"] = json!(count);
        }
    }
}
