//! The m3ter API endpoints, generic over the resources' metadata with a few per-resource hooks.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, SecondsFormat, Utc};
use m3ter_models::balance_transaction_schedule::{runs_around, ScheduleFrequency};
use m3ter_models::statement_job::{StatementJobListFilter, StatementJobStatus};
use m3ter_models::{validate_request, Operation, ResourceMeta, Validate, RESOURCES};
use serde_json::{json, Map, Value};

use crate::error::{ApiError, ApiResult};
use crate::seed::{uuid_from, SANDBOX_USER};
use crate::state::{lock, AppState};
use crate::store::{decode_cursor, encode_cursor, Store};

type Shared = State<Arc<AppState>>;
type Params = Path<HashMap<String, String>>;

/// The default `pageSize` when a list request has none.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Routes for every resource in scope, under `/organizations/{org}/`.
pub fn routes() -> Router<Arc<AppState>> {
    let mut router = Router::new();
    for meta in RESOURCES {
        let meta: &'static ResourceMeta = meta;
        let collection = format!("/organizations/{{org}}/{}", meta.path);
        let item = format!("{collection}/{{id}}");
        let can = |a| meta.supports(a);
        let mut on_collection = get(move |s, p, q| list(meta, s, p, q));
        if can(m3ter_models::Action::Create) {
            on_collection = on_collection.post(move |s, p, b| create(meta, s, p, b));
        }
        let mut on_item = get(move |s, p| retrieve(meta, s, p));
        if can(m3ter_models::Action::Edit) {
            on_item = on_item.put(move |s, p, b| update(meta, s, p, b));
        }
        if can(m3ter_models::Action::Delete) {
            on_item = on_item.delete(move |s, p| remove(meta, s, p));
        }
        router = router
            .route(&collection, on_collection)
            .route(&item, on_item);
        if can(m3ter_models::Action::Cancel) {
            router = router.route(&format!("{item}/cancel"), post(cancel_job));
        }
        if can(m3ter_models::Action::BatchCreate) {
            router = router.route(&format!("{collection}/batch"), post(batch_create_jobs));
        }
        if can(m3ter_models::Action::Preview) {
            router = router.route(&format!("{collection}/preview"), post(preview_transactions));
        }
    }
    router
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

fn stamp(t: DateTime<Utc>) -> Value {
    Value::String(t.to_rfc3339_opts(SecondsFormat::Millis, true))
}

static ID_COUNTER: AtomicU64 = AtomicU64::new(1);

/// A fresh UUID-shaped id.
pub fn new_id() -> String {
    let n = ID_COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = now().timestamp_nanos_opt().unwrap_or_default() as u64;
    uuid_from(
        crate::auth::mix(t ^ n),
        crate::auth::mix(n.rotate_left(17) ^ !t),
    )
}

/// The organization, parent and entity ids of a request, checked.
struct Target<'a> {
    meta: &'static ResourceMeta,
    parent: Option<&'a str>,
    id: Option<&'a str>,
}

fn target<'a>(
    meta: &'static ResourceMeta,
    state: &AppState,
    p: &'a HashMap<String, String>,
) -> ApiResult<Target<'a>> {
    let org = p.get("org").map(String::as_str).unwrap_or_default();
    if org != state.config.org {
        return Err(ApiError::not_found(format!("Organization {org} not found")));
    }
    let parent = meta
        .parent
        .and_then(|(_, param)| p.get(param))
        .map(String::as_str);
    Ok(Target {
        meta,
        parent,
        id: p.get("id").map(String::as_str),
    })
}

fn not_found(meta: &ResourceMeta, id: &str) -> ApiError {
    ApiError::not_found(format!("{} {id} not found", meta.singular))
}

/// Nested resources need their parent to exist (a transaction schedule needs its balance).
fn check_parent(store: &Store, t: &Target<'_>) -> ApiResult<()> {
    let Some((parent_key, _)) = t.meta.parent else {
        return Ok(());
    };
    let parent_id = t.parent.unwrap_or_default();
    let exists = store
        .collection(parent_key)
        .is_some_and(|c| c.get(parent_id).is_some());
    if exists {
        Ok(())
    } else {
        let label = m3ter_models::resource(parent_key)
            .map(|m| m.singular)
            .unwrap_or(parent_key);
        Err(ApiError::not_found(format!(
            "{label} {parent_id} not found"
        )))
    }
}

/// An entity of this target (and, for nested resources, of this parent).
fn belongs(t: &Target<'_>, v: &Value) -> bool {
    // The parent's path parameter (`balanceId`) is also the field that links the child to it.
    match (t.meta.parent, t.parent) {
        (Some((_, param)), Some(parent)) => str_field(v, param) == Some(parent),
        _ => true,
    }
}

fn parse_body(bytes: &Bytes) -> ApiResult<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "The request body is empty: send a JSON object",
        ));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid JSON: {e}")))
}

/// Query parameters, keeping repeated keys (`ids=a&ids=b`) and splitting comma-joined ones (`ids=a,b`).
struct Query(HashMap<String, Vec<String>>);

impl Query {
    fn parse(raw: Option<&str>) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            map.entry(k.into_owned()).or_default().push(v.into_owned());
        }
        Query(map)
    }
    fn one(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.last()).map(String::as_str)
    }
    fn many(&self, key: &str) -> Vec<String> {
        self.0
            .get(key)
            .into_iter()
            .flatten()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

fn page_size(meta: &ResourceMeta, q: &Query) -> ApiResult<usize> {
    match q.one("pageSize") {
        None | Some("") => Ok(DEFAULT_PAGE_SIZE.min(meta.page_size_max as usize)),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=meta.page_size_max as usize).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "pageSize: must be a whole number between 1 and {} (got {raw})",
                meta.page_size_max
            ))),
        },
    }
}

fn str_field<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn parse_time(key: &str, raw: &str) -> ApiResult<DateTime<Utc>> {
    raw.parse::<DateTime<Utc>>().map_err(|_| {
        ApiError::bad_request(format!(
            "{key}: must be a date-time such as 2025-01-31T00:00:00Z (got {raw})"
        ))
    })
}

type Keep = Box<dyn Fn(&Value) -> bool + Send>;

/// The server-side filters each list endpoint supports, as one predicate.
fn list_filter(meta: &ResourceMeta, q: &Query) -> ApiResult<Keep> {
    let mut keeps: Vec<Keep> = Vec::new();
    let any_of = |key: &'static str, wanted: Vec<String>| -> Keep {
        Box::new(move |v: &Value| str_field(v, key).is_some_and(|x| wanted.iter().any(|w| w == x)))
    };
    let ids = q.many("ids");
    if !ids.is_empty() {
        keeps.push(any_of("id", ids));
    }
    match meta.key {
        "meters" => {
            for (param, field) in [("codes", "code"), ("productId", "productId")] {
                let wanted = q.many(param);
                if !wanted.is_empty() {
                    keeps.push(any_of(field, wanted));
                }
            }
        }
        "balances" => {
            if let Some(account) = q.one("accountId").filter(|s| !s.is_empty()) {
                keeps.push(any_of("accountId", vec![account.to_owned()]));
            }
            // `contractId=` (empty) with an account asks for balances not linked to a contract.
            if let Some(contract) = q.one("contractId") {
                let contract = contract.to_owned();
                keeps.push(Box::new(move |v| {
                    str_field(v, "contractId").unwrap_or_default() == contract
                }));
            }
            let effective_end = |v: &Value| {
                str_field(v, "rolloverEndDate")
                    .or_else(|| str_field(v, "endDate"))
                    .and_then(|s| s.parse::<DateTime<Utc>>().ok())
            };
            if let Some(raw) = q.one("endDateStart").filter(|s| !s.is_empty()) {
                let from = parse_time("endDateStart", raw)?;
                keeps.push(Box::new(move |v| {
                    effective_end(v).is_some_and(|e| e >= from)
                }));
            }
            if let Some(raw) = q.one("endDateEnd").filter(|s| !s.is_empty()) {
                let to = parse_time("endDateEnd", raw)?;
                keeps.push(Box::new(move |v| effective_end(v).is_some_and(|e| e < to)));
            }
        }
        "statement-jobs" => {
            let filter = StatementJobListFilter {
                active: q.one("active"),
                status: q.one("status"),
                bill_id: q.one("billId"),
            };
            filter.validate().map_err(|e| ApiError::invalid(&e))?;
            if filter.active == Some("TRUE") {
                keeps.push(Box::new(|v| {
                    StatementJobStatus::from(str_field(v, "statementJobStatus").unwrap_or_default())
                        .is_cancellable()
                }));
            }
            if let Some(status) = filter.status.filter(|s| !s.is_empty()) {
                keeps.push(any_of("statementJobStatus", vec![status.to_owned()]));
            }
            if let Some(bill) = filter.bill_id.filter(|s| !s.is_empty()) {
                keeps.push(any_of("billId", vec![bill.to_owned()]));
            }
        }
        _ => {}
    }
    Ok(Box::new(move |v| keeps.iter().all(|k| k(v))))
}

async fn list(
    meta: &'static ResourceMeta,
    State(s): Shared,
    Path(p): Params,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Value>> {
    let t = target(meta, &s, &p)?;
    let q = Query::parse(raw.as_deref());
    let size = page_size(meta, &q)?;
    let before = match q.one("nextToken").filter(|s| !s.is_empty()) {
        None => None,
        Some(token) => Some(decode_cursor(token).ok_or_else(|| {
            ApiError::bad_request(
                "nextToken: is not a token this server issued (start again without it)",
            )
        })?),
    };
    let keep = list_filter(meta, &q)?;
    let mut store = lock(&s.store);
    check_parent(&store, &t)?;
    if meta.key == "statement-jobs" {
        advance_jobs(&s, &mut store);
    }
    let (items, next) = match store.collection(meta.key) {
        Some(c) => c.page(before, size, |v| belongs(&t, v) && keep(v)),
        None => (Vec::new(), None),
    };
    let mut body = json!({ "data": items });
    if let Some(next) = next {
        body["nextToken"] = json!(encode_cursor(next));
    }
    Ok(Json(body))
}

async fn retrieve(
    meta: &'static ResourceMeta,
    State(s): Shared,
    Path(p): Params,
) -> ApiResult<Json<Value>> {
    let t = target(meta, &s, &p)?;
    let id = t.id.unwrap_or_default();
    let mut store = lock(&s.store);
    check_parent(&store, &t)?;
    if meta.key == "statement-jobs" {
        advance_jobs(&s, &mut store);
    }
    store
        .collection(meta.key)
        .and_then(|c| c.get(id))
        .filter(|v| belongs(&t, v))
        .cloned()
        .map(Json)
        .ok_or_else(|| not_found(meta, id))
}

/// The body as sent, minus anything the server owns.
fn writable(meta: &ResourceMeta, body: Value) -> Map<String, Value> {
    let mut map = match body {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    for key in meta.read_only_keys() {
        map.remove(key);
    }
    map
}

/// A new entity from a validated create body.
fn new_entity(s: &AppState, meta: &ResourceMeta, body: Value, parent: Option<&str>) -> Value {
    let t = now();
    let id = new_id();
    let mut entity = Map::new();
    entity.insert("id".into(), json!(id));
    entity.insert("version".into(), json!(1));
    entity.extend(writable(meta, body));
    entity.insert("dtCreated".into(), stamp(t));
    entity.insert("dtLastModified".into(), stamp(t));
    entity.insert("createdBy".into(), json!(SANDBOX_USER));
    entity.insert("lastModifiedBy".into(), json!(SANDBOX_USER));
    let mut entity = Value::Object(entity);
    match meta.key {
        "balances" => entity["amount"] = json!(0.0),
        "transaction-schedules" => {
            entity["balanceId"] = json!(parent.unwrap_or_default());
            set_runs(&mut entity, t);
        }
        "statement-jobs" => {
            entity["orgId"] = json!(s.config.org);
            entity["statementJobStatus"] = json!("PENDING");
            if entity.get("includeCsvFormat").is_none() {
                entity["includeCsvFormat"] = json!(false);
            }
        }
        _ => {}
    }
    entity
}

async fn create(
    meta: &'static ResourceMeta,
    State(s): Shared,
    Path(p): Params,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let t = target(meta, &s, &p)?;
    let body = parse_body(&bytes)?;
    validate_request(meta, Operation::Create, &body).map_err(|e| ApiError::invalid(&e))?;
    let mut store = lock(&s.store);
    check_parent(&store, &t)?;
    let entity = new_entity(&s, meta, body, t.parent);
    if meta.key == "statement-jobs" {
        start_job_clock(&s, &entity);
    }
    store.put(meta.key, entity.clone());
    Ok(Json(entity))
}

async fn update(
    meta: &'static ResourceMeta,
    State(s): Shared,
    Path(p): Params,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let t = target(meta, &s, &p)?;
    let id = t.id.unwrap_or_default();
    let body = parse_body(&bytes)?;
    validate_request(meta, Operation::Update, &body).map_err(|e| ApiError::invalid(&e))?;
    let sent_version = body
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    let mut store = lock(&s.store);
    check_parent(&store, &t)?;
    let old = store
        .collection(meta.key)
        .and_then(|c| c.get(id))
        .filter(|v| belongs(&t, v))
        .cloned()
        .ok_or_else(|| not_found(meta, id))?;
    let current = old
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    if sent_version != current {
        return Err(ApiError::conflict(format!(
            "Version mismatch for {} {id}: the request has version {sent_version} but the current version is {current}. Reload it and apply your change again.",
            meta.singular
        )));
    }
    // PUT replaces the entity: everything writable comes from the body, the rest is the server's.
    let mut entity = writable(meta, body);
    for key in meta.read_only_keys() {
        if let Some(v) = old.get(key) {
            entity.insert(key.to_owned(), v.clone());
        }
    }
    entity.insert("version".into(), json!(current + 1));
    entity.insert("dtLastModified".into(), stamp(now()));
    entity.insert("lastModifiedBy".into(), json!(SANDBOX_USER));
    let mut entity = Value::Object(entity);
    if meta.key == "transaction-schedules" {
        set_runs(&mut entity, now());
    }
    store.put(meta.key, entity.clone());
    Ok(Json(entity))
}

async fn remove(
    meta: &'static ResourceMeta,
    State(s): Shared,
    Path(p): Params,
) -> ApiResult<Json<Value>> {
    let t = target(meta, &s, &p)?;
    let id = t.id.unwrap_or_default().to_owned();
    let mut store = lock(&s.store);
    check_parent(&store, &t)?;
    let exists = store
        .collection(meta.key)
        .and_then(|c| c.get(&id))
        .is_some_and(|v| belongs(&t, v));
    if !exists {
        return Err(not_found(meta, &id));
    }
    let removed = store
        .collection_mut(meta.key)
        .remove(&id)
        .ok_or_else(|| not_found(meta, &id))?;
    if meta.key == "balances" {
        // A balance's transaction schedules go with it.
        store
            .collection_mut("transaction-schedules")
            .retain(|v| str_field(v, "balanceId") != Some(id.as_str()));
    }
    Ok(Json(removed))
}

/// Sets `nextRun` and `previousRun` of a transaction schedule from its dates and frequency.
pub fn set_runs(bts: &mut Value, at: DateTime<Utc>) {
    let date = |k| str_field(bts, k).and_then(|s| s.parse::<DateTime<Utc>>().ok());
    let (Some(start), Some(end)) = (date("startDate"), date("endDate")) else {
        return;
    };
    let frequency = ScheduleFrequency::from(str_field(bts, "frequency").unwrap_or_default());
    let interval = bts
        .get("frequencyInterval")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let (previous, next) = runs_around(start, end, &frequency, interval, at);
    bts["previousRun"] = previous.map(stamp).unwrap_or(Value::Null);
    bts["nextRun"] = next.map(stamp).unwrap_or(Value::Null);
}

/// Marks a statement job COMPLETE with download links served by this sandbox.
pub fn complete_statement(job: &mut Value, id: &str, public_url: &str) {
    let sig = crate::auth::mix(id.len() as u64 ^ id.bytes().map(u64::from).sum::<u64>());
    job["statementJobStatus"] = json!("COMPLETE");
    job["presignedJsonStatementUrl"] = json!(format!(
        "{public_url}/_sandbox/statements/{id}.json?X-Sandbox-Signature={sig:016x}"
    ));
    job["jsonStatementStatus"] = json!("LATEST");
    if job.get("includeCsvFormat").and_then(Value::as_bool) == Some(true) {
        job["presignedCsvStatementUrl"] = json!(format!(
            "{public_url}/_sandbox/statements/{id}.csv?X-Sandbox-Signature={sig:016x}"
        ));
        job["csvStatementStatus"] = json!("LATEST");
    }
}

fn start_job_clock(s: &AppState, job: &Value) {
    if let Some(id) = str_field(job, "id") {
        lock(&s.job_clock).insert(id.to_owned(), std::time::Instant::now());
    }
}

/// Moves jobs created through the API along PENDING → RUNNING → COMPLETE (one `job_step_ms` each).
fn advance_jobs(s: &AppState, store: &mut Store) {
    let clock = lock(&s.job_clock);
    let step = u128::from(s.config.job_step_ms.max(1));
    let jobs = store.collection_mut("statement-jobs");
    for (id, started) in clock.iter() {
        let Some(job) = jobs.get_mut(id) else {
            continue;
        };
        let status = str_field(job, "statementJobStatus")
            .unwrap_or_default()
            .to_owned();
        if !matches!(status.as_str(), "PENDING" | "RUNNING") {
            continue;
        }
        let elapsed = started.elapsed().as_millis();
        let target = match elapsed / step {
            0 => "PENDING",
            1 => "RUNNING",
            _ => "COMPLETE",
        };
        if target != status {
            job["statementJobStatus"] = json!(target);
            job["dtLastModified"] = stamp(now());
            if target == "COMPLETE" {
                complete_statement(job, id, &s.public_url);
            }
        }
    }
}

async fn cancel_job(State(s): Shared, Path(p): Params) -> ApiResult<Json<Value>> {
    let meta = &m3ter_models::statement_job::STATEMENT_JOBS;
    let t = target(meta, &s, &p)?;
    let id = t.id.unwrap_or_default();
    let mut store = lock(&s.store);
    advance_jobs(&s, &mut store);
    let job = store
        .collection_mut(meta.key)
        .get_mut(id)
        .ok_or_else(|| not_found(meta, id))?;
    let status = StatementJobStatus::from(str_field(job, "statementJobStatus").unwrap_or_default());
    if !status.is_cancellable() {
        return Err(ApiError::bad_request(format!(
            "Statement job {id} is {status} and cannot be cancelled: only PENDING or RUNNING jobs can be"
        )));
    }
    let version = job
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    job["statementJobStatus"] = json!("CANCELLED");
    job["version"] = json!(version + 1);
    job["dtLastModified"] = stamp(now());
    job["lastModifiedBy"] = json!(SANDBOX_USER);
    let job = job.clone();
    lock(&s.job_clock).remove(id);
    Ok(Json(job))
}

async fn batch_create_jobs(
    State(s): Shared,
    Path(p): Params,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let meta = &m3ter_models::statement_job::STATEMENT_JOBS;
    target(meta, &s, &p)?;
    let body = parse_body(&bytes)?;
    validate_request(meta, Operation::BatchCreate, &body).map_err(|e| ApiError::invalid(&e))?;
    let bills: Vec<String> = body
        .get("billIds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let mut store = lock(&s.store);
    let mut jobs = Vec::new();
    for bill in bills {
        let mut one = body.clone();
        if let Some(map) = one.as_object_mut() {
            map.remove("billIds");
            map.insert("billId".into(), json!(bill));
        }
        let job = new_entity(&s, meta, one, None);
        start_job_clock(&s, &job);
        store.put(meta.key, job.clone());
        jobs.push(job);
    }
    Ok(Json(Value::Array(jobs)))
}

async fn preview_transactions(
    State(s): Shared,
    Path(p): Params,
    RawQuery(raw): RawQuery,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let meta = &m3ter_models::balance_transaction_schedule::TRANSACTION_SCHEDULES;
    let t = target(meta, &s, &p)?;
    page_size(meta, &Query::parse(raw.as_deref()))?;
    let body = parse_body(&bytes)?;
    validate_request(meta, Operation::Preview, &body).map_err(|e| ApiError::invalid(&e))?;
    check_parent(&lock(&s.store), &t)?;
    // Nothing is saved: the answer is the schedule as it would be, with its runs worked out.
    let mut preview = Value::Object(writable(meta, body));
    preview["balanceId"] = json!(t.parent.unwrap_or_default());
    set_runs(&mut preview, now());
    Ok(Json(preview))
}
