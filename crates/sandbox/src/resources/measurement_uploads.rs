//! Measurement file uploads: the original file of an upload job is fetched through a download link
//! (a file of measurements for the demo's meters and accounts).

use m3ter_models::resources::measurement_uploads::original_available;
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "measurement-uploads",
    actions: &[("original", original)],
    ..Behaviour::NONE
};

fn codes(call: &Call<'_>, key: &str) -> Vec<String> {
    call.store
        .collection(key)
        .map(|c| {
            c.values()
                .filter_map(|s| text(&s.value, "code").map(str::to_owned))
                .take(4)
                .collect()
        })
        .unwrap_or_default()
}

fn original(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let job = call.entity()?;
    if let Some(why) = original_available(text(&job, "status")) {
        return Err(ApiError::bad_request(format!(
            "Measurement upload {id} has no original file: {why}"
        )));
    }
    let meters = codes(call, "meters");
    let accounts = codes(call, "accounts");
    let name = text(&job, "fileName")
        .unwrap_or("measurements.csv")
        .to_owned();
    let json_lines = name.ends_with(".json") || name.ends_with(".jsonl");
    let mut body = if json_lines {
        String::new()
    } else {
        "uid,meter,account,ts,quantity\n".to_owned()
    };
    for (i, meter) in meters.iter().enumerate() {
        for (k, account) in accounts.iter().enumerate() {
            let uid = format!("{}-{i}-{k}", id.get(..8).unwrap_or(id));
            let ts = format!("2025-01-{:02}T{:02}:00:00Z", 1 + k, 8 + i);
            let quantity = (i + 1) * 10 + k;
            if json_lines {
                body.push_str(
                    &json!({"uid": uid, "meter": meter, "account": account, "ts": ts,
                            "measure": {"quantity": quantity}})
                    .to_string(),
                );
                body.push('\n');
            } else {
                body.push_str(&format!("{uid},{meter},{account},{ts},{quantity}\n"));
            }
        }
    }
    let content_type = if json_lines {
        "application/jsonl"
    } else {
        "text/csv"
    };
    let link = call.ctx.link(&name, content_type, body.into_bytes());
    Ok(json!({ "jobId": new_id(), "url": link.url, "headers": {} }))
}
