//! Jobs over a lookup table revision's rows: a download job makes a file of the rows (CSV or JSON
//! lines) and leaves its link on the job; copies record a job too. The demo has a finished copy or
//! upload job per revision.

use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::entity::stamp;
use crate::error::ApiResult;
use crate::ids::{new_id, SANDBOX_USER};
use crate::seeder::{at, Seeder};
use crate::store::Store;

use super::lookup_rows::rows_file;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "lookup-table-data-jobs",
    actions: &[("download", download)],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "lookup-table-data-jobs";

/// Stores a job over the rows of `revision` with the fields in `extra`; its id.
pub fn record(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    table: &str,
    revision: &str,
    extra: Value,
) -> String {
    let id = new_id();
    let at = stamp(now);
    let mut job = json!({
        "id": id, "version": 1, "lookupTableId": table, "lookupTableRevisionId": revision,
        "jobDate": at, "dtCreated": at, "dtLastModified": at,
        "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
    });
    if let (Some(j), Value::Object(extra)) = (job.as_object_mut(), extra) {
        j.extend(extra);
    }
    store.put(KEY, &id, revision, job);
    id
}

fn download(call: &mut Call<'_>) -> ApiResult<Value> {
    let revision = call.ctx.parent.to_owned();
    let table = call.param("lookupTableId").to_owned();
    let content_type = call.body_text("contentType").unwrap_or_default().to_owned();
    let (name, bytes) = rows_file(call.store, &revision, &content_type)?;
    let now = call.ctx.now;
    let link = call.ctx.link(&name, &content_type, bytes);
    let id = record(
        call.store,
        now,
        &table,
        &revision,
        json!({"type": "DOWNLOAD", "status": "SUCCEEDED", "fileName": name,
               "downloadUrl": link.url, "downloadUrlExpiry": stamp(link.expires)}),
    );
    Ok(json!({ "jobId": id }))
}

fn seed(s: &mut Seeder) {
    let revisions: Vec<(String, String)> = s
        .store
        .collection("lookup-table-revisions")
        .map(|c| {
            c.entries()
                .map(|(id, st)| (id.to_owned(), st.parent.clone()))
                .collect()
        })
        .unwrap_or_default();
    for (n, (revision, table)) in revisions.iter().enumerate() {
        let created = s.tick(13);
        let mut body = json!({
            "lookupTableId": table, "lookupTableRevisionId": revision,
            "jobDate": at(created), "status": "SUCCEEDED",
        });
        if n % 2 == 0 {
            body["type"] = json!("UPLOAD");
            body["fileName"] = json!(format!("rates-{}.csv", n + 1));
        } else {
            body["type"] = json!("COPY");
            body["destinationLookupTableRevisionId"] =
                json!(s.pick("lookup-table-revisions", n + 1));
        }
        s.add(KEY, revision, body, created, created);
    }
}
