//! A lookup table revision's rows as the sandbox keeps them (one `lookup-table-data` entity per
//! row under its revision), read back as rows or as a file: what the data resource and its jobs
//! both work from.

use serde_json::Value;

use crate::behaviour::text;
use crate::error::{ApiError, ApiResult};
use crate::store::Store;

use super::lookup_table_revisions::KEY as REVISIONS;

/// Where the rows are kept.
pub const DATA: &str = "lookup-table-data";

pub fn revision(store: &Store, id: &str) -> ApiResult<Value> {
    store
        .collection(REVISIONS)
        .and_then(|c| c.get(id))
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::not_found(format!("Lookup table revision {id} not found")))
}

pub fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

/// `(name, type)` of the revision's fields.
pub fn fields(revision: &Value) -> Vec<(String, String)> {
    revision
        .get("fields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| {
            let t = |k| text(f, k).unwrap_or_default().to_owned();
            (t("name"), t("type"))
        })
        .collect()
}

/// The revision's rows, oldest first.
pub fn rows(store: &Store, revision: &str) -> Vec<Value> {
    store
        .collection(DATA)
        .map(|c| {
            c.entries()
                .filter(|(_, s)| s.parent == revision)
                .filter_map(|(_, s)| s.value.get("item").cloned())
                .collect()
        })
        .unwrap_or_default()
}

pub fn rows_file(store: &Store, id: &str, content_type: &str) -> ApiResult<(String, Vec<u8>)> {
    let r = revision(store, id)?;
    let names: Vec<String> = fields(&r).into_iter().map(|(n, _)| n).collect();
    let rows = rows(store, id);
    let (ext, body) = match content_type {
        "text/csv" => {
            let mut out = names.join(",");
            out.push('\n');
            for row in &rows {
                let cells: Vec<String> = names
                    .iter()
                    .map(|n| match row.get(n) {
                        Some(Value::String(s)) => s.replace(',', " "),
                        Some(Value::Null) | None => String::new(),
                        Some(other) => other.to_string(),
                    })
                    .collect();
                out.push_str(&cells.join(","));
                out.push('\n');
            }
            ("csv", out)
        }
        "application/jsonl" => {
            let lines: Vec<String> = rows.iter().map(Value::to_string).collect();
            ("jsonl", lines.join("\n") + "\n")
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "contentType: must be text/csv or application/jsonl, not {other}"
            )))
        }
    };
    Ok((format!("lookup-{id}.{ext}"), body.into_bytes()))
}
