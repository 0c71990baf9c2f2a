//! Permission policies given to principals: users, user groups (resource groups of type `user`),
//! service users and the organization's support users. Who has which policy is kept beside the
//! policies (`PRINCIPALS`, one `PrincipalPermissionResponse` per grant under its policy), so a
//! user's permissions and a group's policies read it back.

use serde_json::{json, Value};

use crate::api::{new_id, stamp};
use crate::behaviour::{text, Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::seed::SANDBOX_USER;
use crate::store::Store;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "permission-policies",
    actions: &[
        ("add-to-user", add_to_user),
        ("remove-from-user", remove_from_user),
        ("add-to-user-group", add_to_user_group),
        ("remove-from-user-group", remove_from_user_group),
        ("add-to-service-user", add_to_service_user),
        ("remove-from-service-user", remove_from_service_user),
        ("add-to-support-users", add_to_support_users),
        ("remove-from-support-users", remove_from_support_users),
    ],
    ..Behaviour::NONE
};

pub const KEY: &str = "permission-policies";
/// The grants, kept by the sandbox only (m3ter has no list of them).
pub const PRINCIPALS: &str = "permission-policy-principals";

/// The grant of `policy` to a principal, if there is one.
fn grant(store: &Store, policy: &str, kind: &str, principal: &str) -> Option<String> {
    store.collection(PRINCIPALS)?.entries().find_map(|(id, s)| {
        (s.parent == policy
            && text(&s.value, "principalType") == Some(kind)
            && text(&s.value, "principalId") == Some(principal))
        .then(|| id.to_owned())
    })
}

/// The policies granted to any of these principals of one kind, oldest grant first.
pub fn policies_of(store: &Store, kind: &str, principals: &[String]) -> Vec<Value> {
    let Some(grants) = store.collection(PRINCIPALS) else {
        return Vec::new();
    };
    let mut out: Vec<Value> = Vec::new();
    for (_, g) in grants.entries() {
        let to = text(&g.value, "principalId").unwrap_or_default();
        if text(&g.value, "principalType") != Some(kind) || !principals.iter().any(|p| p == to) {
            continue;
        }
        let policy = store.collection(KEY).and_then(|c| c.get(&g.parent));
        if let Some(p) = policy {
            if !out.iter().any(|o| o["id"] == p.value["id"]) {
                out.push(p.value.clone());
            }
        }
    }
    out
}

/// Records a grant (as m3ter answers it); its body.
pub fn record(store: &mut Store, at: Value, policy: &str, kind: &str, principal: &str) -> Value {
    let id = new_id();
    let body = json!({
        "id": id, "version": 1, "permissionPolicyId": policy,
        "principalId": principal, "principalType": kind,
        "dtCreated": at, "dtLastModified": at,
        "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
    });
    store.put(PRINCIPALS, &id, policy, body.clone());
    body
}

fn what(kind: &str) -> &'static str {
    match kind {
        "USER" => "user",
        "USERGROUP" => "user group",
        "SERVICEUSER" => "service user",
        _ => "support users",
    }
}

fn principal(call: &Call<'_>, kind: &str) -> ApiResult<String> {
    if kind == "SUPPORTUSERS" {
        return Ok(call.ctx.state.config.org.clone());
    }
    let id = call.body_text("principalId").unwrap_or_default().to_owned();
    let known = match kind {
        "USER" => call
            .store
            .collection("users")
            .and_then(|c| c.get(&id))
            .is_some(),
        "USERGROUP" => super::resource_groups::is_group(call.store, "user", &id),
        // Service users are not a resource of this console: any id is taken.
        _ => !id.is_empty(),
    };
    if !known {
        return Err(ApiError::bad_request(format!(
            "principalId: there is no {} {id} in this organization",
            what(kind)
        )));
    }
    Ok(id)
}

fn add(call: &mut Call<'_>, kind: &str) -> ApiResult<Value> {
    let policy = call.id.unwrap_or_default().to_owned();
    let to = principal(call, kind)?;
    if grant(call.store, &policy, kind, &to).is_some() {
        return Err(ApiError::bad_request(format!(
            "Permission policy {policy} is already given to {} {to}",
            what(kind)
        )));
    }
    Ok(record(call.store, stamp(call.ctx.now), &policy, kind, &to))
}

fn remove(call: &mut Call<'_>, kind: &str) -> ApiResult<Value> {
    let policy = call.id.unwrap_or_default().to_owned();
    let from = if kind == "SUPPORTUSERS" {
        call.ctx.state.config.org.clone()
    } else {
        call.body_text("principalId").unwrap_or_default().to_owned()
    };
    let id = grant(call.store, &policy, kind, &from).ok_or_else(|| {
        ApiError::bad_request(format!(
            "Permission policy {policy} is not given to {} {from}, so it cannot be taken away",
            what(kind)
        ))
    })?;
    call.store
        .collection_mut(PRINCIPALS)
        .remove(&id)
        .map(|s| s.value)
        .ok_or_else(|| ApiError::not_found(format!("Grant {id} not found")))
}

fn add_to_user(call: &mut Call<'_>) -> ApiResult<Value> {
    add(call, "USER")
}
fn remove_from_user(call: &mut Call<'_>) -> ApiResult<Value> {
    remove(call, "USER")
}
fn add_to_user_group(call: &mut Call<'_>) -> ApiResult<Value> {
    add(call, "USERGROUP")
}
fn remove_from_user_group(call: &mut Call<'_>) -> ApiResult<Value> {
    remove(call, "USERGROUP")
}
fn add_to_service_user(call: &mut Call<'_>) -> ApiResult<Value> {
    add(call, "SERVICEUSER")
}
fn remove_from_service_user(call: &mut Call<'_>) -> ApiResult<Value> {
    remove(call, "SERVICEUSER")
}
fn add_to_support_users(call: &mut Call<'_>) -> ApiResult<Value> {
    add(call, "SUPPORTUSERS")
}
fn remove_from_support_users(call: &mut Call<'_>) -> ApiResult<Value> {
    remove(call, "SUPPORTUSERS")
}
