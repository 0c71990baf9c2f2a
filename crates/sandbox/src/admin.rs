//! `/_sandbox/*`: controls for tests and demos (no token needed; the sandbox is a local tool).
//!
//! - `GET  /_sandbox`                          summary: organization, counts, active faults
//! - `POST /_sandbox/reset`                    back to the seeded data; clears faults and the log
//! - `GET|POST|DELETE /_sandbox/faults`        list, add (JSON `Fault`), clear fault injection
//! - `GET|DELETE /_sandbox/requests`           the API requests seen (method, path, query, status)
//! - `POST /_sandbox/tokens`                   issue a token (`{"ttlSecs": 60}` optional)
//! - `POST /_sandbox/tokens/expire`            `{"token": "..."}`: that token now answers 403
//! - `GET|PUT /_sandbox/entities/{resource}/{id}`  read or write an entity as raw JSON, no validation
//! - `POST /_sandbox/entities/{resource}`      insert a raw entity (id, version, audit filled if absent)
//! - `GET /_sandbox/statements/{file}`         the "presigned" statement downloads of COMPLETE jobs
//! - `GET /_sandbox/files/{key}/{name}`        the files behind download links (`crate::files`)
//! - `GET|POST /_sandbox/csp-reports`          Content-Security-Policy violations reported by browsers
//!
//! They answer only requests addressed to this machine by a loopback name (`localhost`,
//! `127.0.0.1`, `[::1]`), so a page whose domain is rebound to 127.0.0.1 cannot reach them, and
//! never a page of another origin (no CORS, and a foreign `Origin` is refused): any site the
//! developer visits could otherwise add faults, rewrite data or read the request log.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::MAX_TOKEN_TTL_SECS;
use crate::error::{ApiError, ApiResult};
use crate::faults::Fault;
use crate::ids::{new_id, SANDBOX_USER};
use crate::lock::lock;
use crate::state::AppState;

type Shared = State<Arc<AppState>>;

pub fn routes(state: &AppState) -> Router<Arc<AppState>> {
    Router::new()
        .route("/_sandbox", get(summary))
        .route("/_sandbox/reset", post(reset))
        .route(
            "/_sandbox/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route(
            "/_sandbox/requests",
            get(list_requests).delete(clear_requests),
        )
        .route("/_sandbox/tokens", post(issue_token))
        .route("/_sandbox/tokens/expire", post(expire_token))
        .route("/_sandbox/entities/{resource}", post(insert_entity))
        .route(
            "/_sandbox/entities/{resource}/{id}",
            get(read_entity).put(write_entity),
        )
        .route("/_sandbox/statements/{file}", get(statement_file))
        .route(
            "/_sandbox/csp-reports",
            get(list_csp_reports).post(add_csp_report),
        )
        .merge(
            Router::new()
                .route("/_sandbox/files/{key}/{name}", get(crate::files::serve))
                .with_state(state.files.clone()),
        )
}

/// Where `/_sandbox` requests may come from: see the module comment.
pub async fn local_only(State(s): Shared, req: Request, next: Next) -> Response {
    let port = s.public_url.rsplit(':').next().unwrap_or_default();
    let reports = req.uri().path() == "/_sandbox/csp-reports";
    match control_allowed(req.headers(), port, reports) {
        Ok(()) => next.run(req).await,
        Err(why) => ApiError::new(StatusCode::FORBIDDEN, why).into_response(),
    }
}

fn control_allowed(headers: &HeaderMap, port: &str, reports: bool) -> Result<(), String> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let name = host
        .strip_suffix(port)
        .and_then(|h| h.strip_suffix(':'))
        .unwrap_or(host);
    if !["localhost", "127.0.0.1", "[::1]"].contains(&name) {
        return Err(format!(
            "The sandbox's controls answer only on localhost, 127.0.0.1 or [::1] (port {port}), not {host:?}"
        ));
    }
    // Browsers send `Origin` with every cross-origin write (also `no-cors` ones). CSP reports are
    // let through whatever their origin: the browser sends them, not a page's script.
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    if !reports && origin.is_some_and(|o| o != format!("http://{host}")) {
        return Err("The sandbox's controls do not answer other sites' pages".into());
    }
    Ok(())
}

fn resource_of(key: &str) -> ApiResult<&'static m3ter_models::Resource> {
    m3ter_models::resource(key)
        .ok_or_else(|| ApiError::not_found(format!("No resource called {key}")))
}

/// The parent a raw entity of a nested resource lives under: `?parent=` or the field that names it.
fn parent_of(r: &m3ter_models::Resource, raw: Option<&str>, entity: &Value) -> String {
    let from_query = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "parent")
        .map(|(_, v)| v.into_owned());
    from_query
        .or_else(|| {
            entity
                .get(r.parent_param)
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

async fn summary(State(s): Shared) -> Json<Value> {
    let store = lock(&s.store);
    let counts: serde_json::Map<String, Value> = m3ter_models::RESOURCES
        .iter()
        .map(|m| {
            (
                m.key.to_owned(),
                json!(store.collection(m.key).map_or(0, |c| c.len())),
            )
        })
        .collect();
    Json(json!({
        "organizationId": s.config.org,
        "apiBaseUrl": s.public_url,
        "counts": counts,
        "faults": lock(&s.faults).list(),
    }))
}

async fn reset(State(s): Shared) -> StatusCode {
    s.reset(crate::seed::seed(
        s.config.seed,
        &s.config.org,
        &s.public_url,
    ));
    StatusCode::NO_CONTENT
}

async fn list_faults(State(s): Shared) -> Json<Vec<Fault>> {
    Json(lock(&s.faults).list())
}

async fn add_fault(State(s): Shared, bytes: Bytes) -> ApiResult<Json<Value>> {
    let fault: Fault = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("Not a fault: {e}")))?;
    fault.validate().map_err(ApiError::bad_request)?;
    let id = lock(&s.faults).add(fault);
    Ok(Json(json!({ "id": id })))
}

async fn clear_faults(State(s): Shared) -> StatusCode {
    lock(&s.faults).clear();
    StatusCode::NO_CONTENT
}

async fn list_requests(State(s): Shared) -> Json<Value> {
    Json(json!(lock(&s.log).iter().collect::<Vec<_>>()))
}

async fn clear_requests(State(s): Shared) -> StatusCode {
    lock(&s.log).clear();
    StatusCode::NO_CONTENT
}

async fn issue_token(State(s): Shared, bytes: Bytes) -> ApiResult<Json<Value>> {
    let ttl = serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|v| v.get("ttlSecs").cloned())
        .map(|t| {
            t.as_u64()
                .filter(|t| *t <= MAX_TOKEN_TTL_SECS)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "ttlSecs: a whole number of seconds, at most {MAX_TOKEN_TTL_SECS}"
                    ))
                })
        })
        .transpose()?
        .unwrap_or(s.config.token_ttl_secs);
    Ok(Json(json!(lock(&s.auth).issue(ttl))))
}

async fn expire_token(State(s): Shared, bytes: Bytes) -> ApiResult<StatusCode> {
    let body: Value =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let token = body
        .get("token")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request("token: is required"))?;
    lock(&s.auth).expire(token);
    Ok(StatusCode::NO_CONTENT)
}

async fn read_entity(
    State(s): Shared,
    Path((resource, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let key = resource_of(&resource)?.key;
    lock(&s.store)
        .collection(key)
        .and_then(|c| c.get(&id))
        .map(|st| Json(st.value.clone()))
        .ok_or_else(|| ApiError::not_found(format!("{resource} {id} not found")))
}

/// Fills what a raw entity is missing so it lists and retrieves like any other.
fn complete_raw(mut v: Value, id: Option<String>) -> ApiResult<Value> {
    let map = v
        .as_object_mut()
        .ok_or_else(|| ApiError::bad_request("An entity must be a JSON object"))?;
    let id = id
        .or_else(|| map.get("id").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(new_id);
    map.insert("id".into(), json!(id));
    map.entry("version").or_insert(json!(1));
    let t = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    map.entry("dtCreated").or_insert(json!(t));
    map.entry("dtLastModified").or_insert(json!(t));
    map.entry("createdBy").or_insert(json!(SANDBOX_USER));
    map.entry("lastModifiedBy").or_insert(json!(SANDBOX_USER));
    Ok(v)
}

async fn write_entity(
    State(s): Shared,
    Path((resource, id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let r = resource_of(&resource)?;
    let body: Value =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let entity = complete_raw(body, Some(id.clone()))?;
    let parent = parent_of(r, raw.as_deref(), &entity);
    lock(&s.store).put(r.key, &id, &parent, entity.clone());
    Ok(Json(entity))
}

async fn insert_entity(
    State(s): Shared,
    Path(resource): Path<String>,
    RawQuery(raw): RawQuery,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let r = resource_of(&resource)?;
    let body: Value =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let entity = complete_raw(body, None)?;
    let parent = parent_of(r, raw.as_deref(), &entity);
    let id = crate::store::id_of(&entity).to_owned();
    lock(&s.store).put(r.key, &id, &parent, entity.clone());
    Ok(Json(entity))
}

/// A small statement for a COMPLETE job, so the download links in the demo lead somewhere.
async fn statement_file(State(s): Shared, Path(file): Path<String>) -> Response {
    let (id, ext) = file.rsplit_once('.').unwrap_or((file.as_str(), ""));
    let job = lock(&s.store)
        .collection("statement-jobs")
        .and_then(|c| c.get(id))
        .map(|st| st.value.clone());
    let Some(job) =
        job.filter(|j| j.get("statementJobStatus").and_then(Value::as_str) == Some("COMPLETE"))
    else {
        return ApiError::not_found(format!("No statement for {id}")).into_response();
    };
    let bill = job
        .get("billId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    match ext {
        "csv" => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            format!("billId,lineItem,quantity,amount\n{bill},API Requests,120000,96.00\n{bill},Storage GB-hours,5400,27.00\n"),
        )
            .into_response(),
        _ => Json(json!({
            "billId": bill, "currency": "USD", "total": 123.0,
            "lineItems": [
                {"description": "API Requests", "quantity": 120000, "amount": 96.0},
                {"description": "Storage GB-hours", "quantity": 5400, "amount": 27.0},
            ],
        }))
        .into_response(),
    }
}

async fn list_csp_reports(State(s): Shared) -> Json<Value> {
    Json(Value::Array(lock(&s.csp_reports).clone()))
}

async fn add_csp_report(State(s): Shared, bytes: Bytes) -> StatusCode {
    let report = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    let mut reports = lock(&s.csp_reports);
    if reports.len() < 100 {
        reports.push(report);
    }
    StatusCode::NO_CONTENT
}
