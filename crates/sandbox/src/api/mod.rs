//! The m3ter API, generically from the catalogue: every resource's list (paging, filters), retrieve,
//! create, update (version checks), delete (answering the deleted body, children going with it),
//! settings objects, and actions, with parents checked at any depth. What one resource does beyond
//! that is its behaviour (`crate::resources`).

pub mod routing;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode, Uri};
use axum::routing::any;
use axum::{Json, Router};
use m3ter_models::catalogue::{self, AUDIT_KEYS};
use m3ter_models::{overlay, validate_request, Operation, Resource};
use serde_json::{json, Value};

use crate::behaviour::{Call, Ctx};
use crate::entity::{new_entity, now, stamp, writable};
use crate::error::{ApiError, ApiResult};
use crate::ids::{store_id, SANDBOX_USER, SINGLETON_ID};
use crate::lock::lock;
use crate::query::{self, Query};
use crate::state::AppState;
use crate::store::Store;
use routing::{Matched, Target};

type Shared = State<Arc<AppState>>;

/// Every API path: `/organizations/{orgId}/…`, routed from the catalogue.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/organizations/{*rest}", any(handle))
}

fn singleton(r: &Resource) -> bool {
    r.entry().is_some_and(|e| e.singleton)
}

fn method_not_allowed(method: &Method) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on this path"),
    )
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

/// The parents of `r` named in `m`'s parameters exist, each under its own parent, at any depth.
fn check_parents(store: &Store, r: &'static Resource, m: &Matched) -> ApiResult<()> {
    let mut child = r;
    while let Some(parent_key) = child.entry().and_then(|e| e.parent) {
        let parent = catalogue::resource(parent_key)
            .ok_or_else(|| ApiError::not_found(format!("No resource {parent_key}")))?;
        let id = m
            .params
            .get(child.parent_param)
            .map(String::as_str)
            .unwrap_or_default();
        let grandparent = m
            .params
            .get(parent.parent_param)
            .map(String::as_str)
            .unwrap_or_default();
        let found = store
            .collection(parent.key)
            .and_then(|c| c.get(id))
            .is_some_and(|s| s.parent == grandparent);
        if !found {
            return Err(ApiError::missing(parent, id));
        }
        child = parent;
    }
    Ok(())
}

/// Removes an entity's children (and theirs) with it.
fn remove_children(store: &mut Store, r: &Resource, id: &str) {
    for child in catalogue::children(r.key) {
        let Some(child_resource) = catalogue::resource(child.key) else {
            continue;
        };
        let gone = store
            .collection_mut(child_resource.key)
            .remove_where(|s| s.parent == id);
        for child_id in gone {
            remove_children(store, child_resource, &child_id);
        }
    }
}

async fn handle(
    State(s): Shared,
    method: Method,
    uri: Uri,
    RawQuery(raw): RawQuery,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let rest = uri
        .path()
        .strip_prefix("/organizations/")
        .unwrap_or_default();
    let (org, path) = rest.split_once('/').unwrap_or((rest, ""));
    let org = routing::decode(org);
    if org != s.config.org {
        return Err(ApiError::not_found(format!("Organization {org} not found")));
    }
    let m = routing::route(path, method.as_str())
        .ok_or_else(|| ApiError::not_found(format!("No endpoint at {method} {}", uri.path())))?;
    let r = m.resource;
    let q = Query::parse(raw.as_deref());
    let behaviour = crate::resources::behaviour(r.key);
    let ctx = Ctx {
        state: &s,
        resource: r,
        behaviour,
        now: now(),
        parent: m.parent(),
    };
    let mut store = lock(&s.store);
    // A root action has a path of its own, without the parents' ids (`lineitems`).
    if !matches!(&m.target, Target::Action(a) if a.on == catalogue::On::Root) {
        check_parents(&store, r, &m)?;
    }
    if let Some(on_read) = behaviour.on_read {
        on_read(&mut store, &ctx);
    }
    let ops = r.ops;
    let answer = match (&m.target, &method) {
        (Target::Collection, &Method::GET) if singleton(r) && ops.retrieve => {
            retrieve(&store, r, &m, SINGLETON_ID)?
        }
        (Target::Collection, &Method::PUT) if singleton(r) && ops.update => {
            update(&mut store, &ctx, &m, SINGLETON_ID, &bytes)?
        }
        (Target::Collection, &Method::GET) if ops.list => list(&store, &ctx, &m, &q)?,
        (Target::Collection, &Method::POST) if ops.create => create(&mut store, &ctx, &bytes)?,
        (Target::Item, &Method::GET) if ops.retrieve => {
            retrieve(&store, r, &m, m.id().unwrap_or_default())?
        }
        (Target::Item, &Method::PUT) if ops.update => {
            update(&mut store, &ctx, &m, m.id().unwrap_or_default(), &bytes)?
        }
        (Target::Item, &Method::DELETE) if ops.delete => {
            remove(&mut store, r, &m, m.id().unwrap_or_default())?
        }
        (Target::Action(a), _) if a.method.as_str() == method.as_str() => {
            let body = if a.body.is_empty() && bytes.iter().all(u8::is_ascii_whitespace) {
                Value::Null
            } else {
                let body = parse_body(&bytes)?;
                validate_request(r, Operation::Action(a.key), &body)
                    .map_err(|e| ApiError::invalid(&e))?;
                body
            };
            let Some(run) = behaviour.action(a.key) else {
                return Err(ApiError::new(
                    StatusCode::NOT_IMPLEMENTED,
                    format!("The sandbox does not run {} {} yet", r.key, a.key),
                ));
            };
            let id = m.id().map(str::to_owned);
            if let Some(id) = &id {
                let exists = store
                    .collection(r.key)
                    .and_then(|c| c.get(id))
                    .is_some_and(|st| st.parent == m.parent());
                if matches!(a.on, catalogue::On::Item) && !exists {
                    return Err(ApiError::missing(r, id));
                }
            }
            run(&mut Call {
                ctx,
                store: &mut store,
                id: id.as_deref(),
                body,
                query: &q.0,
                params: &m.params,
            })?
        }
        _ => return Err(method_not_allowed(&method)),
    };
    let listed = matches!(m.target, Target::Collection) && method == Method::GET;
    let kind = match &m.target {
        Target::Action(a) => a.answer,
        _ if listed && !singleton(r) => catalogue::Answer::Page,
        _ => catalogue::Answer::Entity,
    };
    // m3ter keeps what it is sent but never answers a write-only field (a credit's `reasonId`).
    let unsaid: Vec<&str> = r
        .fields
        .iter()
        .filter(|f| f.write_only && !behaviour.answers_sent.contains(&f.key))
        .map(|f| f.key)
        .collect();
    Ok(Json(shaped(answer, kind, |e| {
        if let Some(shape) = behaviour.on_answer {
            shape(e, &q, &store);
        }
        if let Some(map) = e.as_object_mut() {
            for k in &unsaid {
                map.remove(*k);
            }
        }
    })))
}

/// `answer` with each of the resource's entities in it shaped: the entity itself, or those of a
/// page or a list.
fn shaped(mut answer: Value, kind: catalogue::Answer, mut shape: impl FnMut(&mut Value)) -> Value {
    match kind {
        catalogue::Answer::Entity => shape(&mut answer),
        catalogue::Answer::Page => {
            if let Some(Value::Array(items)) = answer.get_mut("data") {
                items.iter_mut().for_each(shape);
            }
        }
        catalogue::Answer::Entities => {
            if let Value::Array(items) = &mut answer {
                items.iter_mut().for_each(shape);
            }
        }
        catalogue::Answer::Download | catalogue::Answer::Json => {}
    }
    answer
}

fn list(store: &Store, ctx: &Ctx<'_>, m: &Matched, q: &Query) -> ApiResult<Value> {
    let r = ctx.resource;
    let rule = ctx.behaviour.list_rule.and_then(|rule| rule(q, ctx.now));
    let keep = query::list_filter(r, q, store, ctx.behaviour.filter, rule)?;
    let parent = m.parent();
    crate::paging::of_stored(store, r, q, |s| s.parent == parent && keep(&s.value))
}

fn retrieve(store: &Store, r: &'static Resource, m: &Matched, id: &str) -> ApiResult<Value> {
    store
        .collection(r.key)
        .and_then(|c| c.get(&store_id(r, m.parent(), id)))
        .filter(|s| s.parent == m.parent())
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::missing(r, id))
}

fn create(store: &mut Store, ctx: &Ctx<'_>, bytes: &Bytes) -> ApiResult<Value> {
    let r = ctx.resource;
    let body = parse_body(bytes)?;
    validate_request(r, Operation::Create, &body).map_err(|e| ApiError::invalid(&e))?;
    code_is_free(store, r, ctx.parent, &body, None)?;
    let entity = new_entity(ctx, body);
    let id = crate::store::id_of(&entity).to_owned();
    store.put(r.key, &id, ctx.parent, entity.clone());
    Ok(entity)
}

fn update(
    store: &mut Store,
    ctx: &Ctx<'_>,
    m: &Matched,
    id: &str,
    bytes: &Bytes,
) -> ApiResult<Value> {
    let r = ctx.resource;
    let body = parse_body(bytes)?;
    validate_request(r, Operation::Update, &body).map_err(|e| ApiError::invalid(&e))?;
    let sent = body
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    let sid = store_id(r, m.parent(), id);
    let old = store
        .collection(r.key)
        .and_then(|c| c.get(&sid))
        .filter(|s| s.parent == m.parent())
        .map(|s| s.value.clone());
    if let Some(old) = &old {
        code_is_free(store, r, m.parent(), &body, Some(crate::store::id_of(old)))?;
    }
    let what = r.entry().map_or(r.key, |e| e.singular);
    // Keyed entries (lookup-table data) are created by their first PUT.
    let creates = old.is_none() && !r.ops.create && r.id_param != "id";
    let old = match old {
        Some(old) => old,
        None if creates => json!({ "version": sent }),
        None => return Err(ApiError::missing(r, id)),
    };
    let current = old
        .get("version")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    if sent != current {
        return Err(ApiError::conflict(format!(
            "Version mismatch for {what} {id}: the request has version {sent} but the current version is {current}. Reload it and apply your change again.",
        )));
    }
    let next = current.checked_add(1).ok_or_else(|| {
        ApiError::conflict(format!(
            "{what} {id} cannot be changed again: its version is at the largest number"
        ))
    })?;
    // PUT replaces the entity: everything writable comes from the body, the rest is the server's.
    let o = m3ter_models::resources::overlay(r.key);
    let mut entity = writable(r, body);
    for f in r.fields {
        if overlay::read_only(o, f.key, f) {
            if let Some(v) = old.get(f.key) {
                entity.insert(f.key.to_owned(), v.clone());
            }
        }
    }
    for key in AUDIT_KEYS {
        if let Some(v) = old.get(key) {
            entity.insert(key.to_owned(), v.clone());
        }
    }
    entity.insert("version".into(), json!(next));
    entity.insert("dtLastModified".into(), stamp(ctx.now));
    entity.insert("lastModifiedBy".into(), json!(SANDBOX_USER));
    let mut entity = Value::Object(entity);
    if let Some(on_update) = ctx.behaviour.on_update {
        on_update(&mut entity, ctx);
    }
    store.put(r.key, &sid, m.parent(), entity.clone());
    Ok(entity)
}

/// A code names one entity of its kind: m3ter refuses a second meter, plan, account… with the
/// code of another (beside the same parent), as it refuses to take a code while another has it.
fn code_is_free(
    store: &Store,
    r: &'static Resource,
    parent: &str,
    body: &Value,
    except: Option<&str>,
) -> ApiResult<()> {
    let Some(code) = body
        .get("code")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
    else {
        return Ok(());
    };
    if r.field("code").is_none() {
        return Ok(());
    }
    let taken = store.collection(r.key).and_then(|c| {
        c.values().find(|s| {
            s.parent == parent
                && s.value.get("code").and_then(Value::as_str) == Some(code)
                && Some(crate::store::id_of(&s.value)) != except
        })
    });
    match taken {
        None => Ok(()),
        Some(other) => {
            let what = r.entry().map_or(r.key, |e| e.singular).to_ascii_lowercase();
            Err(ApiError::bad_request(format!(
                "code: \"{code}\" is already the code of another {what} (id {}); codes are unique",
                crate::store::id_of(&other.value)
            )))
        }
    }
}

fn remove(store: &mut Store, r: &'static Resource, m: &Matched, id: &str) -> ApiResult<Value> {
    let sid = store_id(r, m.parent(), id);
    let exists = store
        .collection(r.key)
        .and_then(|c| c.get(&sid))
        .is_some_and(|s| s.parent == m.parent());
    if !exists {
        return Err(ApiError::missing(r, id));
    }
    let removed = store
        .collection_mut(r.key)
        .remove(&sid)
        .ok_or_else(|| ApiError::missing(r, id))?;
    remove_children(store, r, id);
    Ok(removed.value)
}
