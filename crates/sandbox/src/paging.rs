//! One page of a list the way m3ter answers it (`{data, nextToken}`): of a stored collection (the
//! lists, and actions that answer entities) or of items an action worked out.

use std::collections::HashMap;

use m3ter_models::Resource;
use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::query::{page_size, Query};
use crate::store::{decode_cursor, encode_cursor, Store, Stored};

const BAD_TOKEN: &str = "nextToken: is not a token this server issued (start again without it)";

/// One page of `r`'s entities that `keep` picks, newest first, after the request's `nextToken` and
/// of its `pageSize`.
pub fn of_stored(
    store: &Store,
    r: &'static Resource,
    q: &Query,
    keep: impl Fn(&Stored) -> bool,
) -> ApiResult<Value> {
    let size = page_size(r, q)?;
    let before = match q.one("nextToken").filter(|s| !s.is_empty()) {
        None => None,
        Some(token) => Some(decode_cursor(token).ok_or_else(|| ApiError::bad_request(BAD_TOKEN))?),
    };
    let (items, next) = match store.collection(r.key) {
        Some(c) => c.page(before, size, keep),
        None => (Vec::new(), None),
    };
    let mut body = json!({ "data": items });
    if let Some(next) = next {
        body["nextToken"] = json!(encode_cursor(next));
    }
    Ok(body)
}

/// One page of `items` in their order: `pageSize` (1 to `max`, default `max`) and a `nextToken`
/// this function issued.
pub fn of_items(
    items: Vec<Value>,
    query: &HashMap<String, Vec<String>>,
    max: usize,
) -> ApiResult<Value> {
    let one = |k: &str| query.get(k).and_then(|v| v.first()).map(String::as_str);
    let size = match one("pageSize").filter(|s| !s.is_empty()) {
        None => max,
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!("pageSize: must be a whole number from 1 to {max}"))
            })?,
    };
    let start = match one("nextToken").filter(|s| !s.is_empty()) {
        None => 0,
        Some(token) => decode_cursor(token)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| ApiError::bad_request(BAD_TOKEN))?,
    };
    let total = items.len();
    let data: Vec<Value> = items.into_iter().skip(start).take(size).collect();
    let end = start.saturating_add(data.len());
    let mut body = json!({ "data": data });
    if end < total {
        body["nextToken"] = json!(encode_cursor(end as u64));
    }
    Ok(body)
}
