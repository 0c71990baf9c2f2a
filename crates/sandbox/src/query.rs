//! Query strings: paging and the catalogue's list filters, applied generically from each filter's
//! `Match` (the overlay's word first), and by the resource's own behaviour where it says `Custom`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use m3ter_models::catalogue::{FilterKind, Match};
use m3ter_models::Resource;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::store::Store;

/// Keeps an entity in a filtered list.
pub type Keep = Box<dyn Fn(&Value) -> bool + Send>;

/// Applies one of a resource's own filters (`None`: not applied).
pub type FilterFn = fn(param: &str, values: &[String], store: &Store) -> ApiResult<Option<Keep>>;

/// What a list keeps by the combination of its parameters and the time of asking (`None`:
/// nothing more than its filters say).
pub type ListRule = fn(&Query, DateTime<Utc>) -> Option<Keep>;

/// The default `pageSize` when a list request has none.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Query parameters, keeping repeated keys (`ids=a&ids=b`).
pub struct Query(pub HashMap<String, Vec<String>>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            map.entry(k.into_owned()).or_default().push(v.into_owned());
        }
        Query(map)
    }

    pub fn one(&self, key: &str) -> Option<&str> {
        one(&self.0, key)
    }

    /// Every value of `key`, repeated keys and comma-joined ones alike (the SDKs join with commas).
    pub fn many(&self, key: &str) -> Vec<String> {
        many(&self.0, key)
    }
}

/// The value of a single-valued parameter: the last one when it is repeated, everywhere alike.
pub fn one<'a>(params: &'a HashMap<String, Vec<String>>, key: &str) -> Option<&'a str> {
    params.get(key).and_then(|v| v.last()).map(String::as_str)
}

/// Every value of `key` in parsed query parameters, repeated keys and comma-joined ones alike.
pub fn many(params: &HashMap<String, Vec<String>>, key: &str) -> Vec<String> {
    params
        .get(key)
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn page_size(r: &Resource, q: &Query) -> ApiResult<usize> {
    let max = r.page_size_max.max(1) as usize;
    match q.one("pageSize") {
        None | Some("") => Ok(DEFAULT_PAGE_SIZE.min(max)),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "pageSize: must be a whole number between 1 and {max} (got {raw})"
            ))),
        },
    }
}

/// A value as text for comparison: strings as they are, numbers and booleans as JSON writes them.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Milliseconds of a date-time or a date.
pub fn instant(s: &str) -> Option<i64> {
    m3ter_models::time::parse_rfc3339(s).or_else(|| m3ter_models::time::parse_date(s))
}

/// `TRUE` matches `true`: flags are written either way.
fn same(wanted: &str, value: &str) -> bool {
    wanted == value || (matches!(value, "true" | "false") && wanted.eq_ignore_ascii_case(value))
}

/// The field (or, for a list, one of its items) is one of `wanted`.
fn equals(field: &'static str, wanted: Vec<String>) -> Keep {
    Box::new(move |v: &Value| {
        let hit = |x: &Value| text(x).is_some_and(|x| wanted.iter().any(|w| same(w, &x)));
        match v.get(field) {
            Some(Value::Array(items)) => items.iter().any(hit),
            Some(x) => hit(x),
            None => false,
        }
    })
}

fn compare(field: &'static str, param: &str, raw: &str, from: bool) -> ApiResult<Keep> {
    let bound = instant(raw).ok_or_else(|| {
        ApiError::bad_request(format!(
            "{param}: must be a date-time such as 2025-01-31T00:00:00Z (got {raw})"
        ))
    })?;
    Ok(Box::new(move |v: &Value| {
        let at = v.get(field).and_then(Value::as_str).and_then(instant);
        at.is_some_and(|t| if from { t >= bound } else { t < bound })
    }))
}

/// In force at `raw`: `start` at or before it, `end` after it or not set.
fn active(start: &'static str, end: &'static str, param: &str, raw: &str) -> ApiResult<Keep> {
    let at = instant(raw).ok_or_else(|| {
        ApiError::bad_request(format!(
            "{param}: must be a date such as 2025-01-31 or a date-time such as 2025-01-31T00:00:00Z (got {raw})"
        ))
    })?;
    Ok(in_force(start, end, at))
}

/// In force at `at` (milliseconds): `start` at or before it, `end` after it or not set.
pub fn in_force(start: &'static str, end: &'static str, at: i64) -> Keep {
    Box::new(move |v: &Value| {
        let time = |k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
        let started = time(start).and_then(instant).is_some_and(|t| t <= at);
        started && time(end).is_none_or(|e| instant(e).is_some_and(|t| t > at))
    })
}

/// The list's filters as one predicate, after the overlay's rules on their combination; `own`
/// applies the filters the catalogue marks as the resource's own, and `rule` what the resource
/// keeps by the combination of them.
pub fn list_filter(
    r: &'static Resource,
    q: &Query,
    store: &Store,
    own: Option<FilterFn>,
    rule: Option<Keep>,
) -> ApiResult<Keep> {
    let o = m3ter_models::resources::overlay(r.key);
    if let Some(rules) = o.filter_rules {
        let errors = rules(&|k| q.one(k).map(str::to_owned));
        if !errors.is_empty() {
            return Err(ApiError::invalid(&errors));
        }
    }
    let mut keeps: Vec<Keep> = Vec::new();
    for f in r.filters {
        let note = o.filter(f.param);
        let kind = note.and_then(|n| n.kind).unwrap_or(&f.kind);
        let values = match kind {
            FilterKind::Many => q.many(f.param),
            _ => q
                .one(f.param)
                .filter(|v| !v.is_empty())
                .map(|v| vec![v.to_owned()])
                .unwrap_or_default(),
        };
        if values.is_empty() {
            continue;
        }
        let first = values.first().map(String::as_str).unwrap_or_default();
        let keep = match note.and_then(|n| n.matches).unwrap_or(&f.matches) {
            Match::Equals(field) => Some(equals(field, values.clone())),
            Match::Contains(field) => Some(equals(field, values.clone())),
            Match::From(field) => Some(compare(field, f.param, first, true)?),
            Match::Before(field) => Some(compare(field, f.param, first, false)?),
            Match::Active(start, end) => Some(active(start, end, f.param, first)?),
            Match::Custom => match own {
                Some(custom) => custom(f.param, &values, store)?,
                None => None,
            },
        };
        keeps.extend(keep);
    }
    keeps.extend(rule);
    Ok(Box::new(move |v| keeps.iter().all(|k| k(v))))
}
