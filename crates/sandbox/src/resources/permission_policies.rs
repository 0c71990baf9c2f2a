//! Permission policies given to principals: users, user groups (resource groups of type `user`),
//! service users and the organization's support users. Who has which policy is kept beside the
//! policies (`PRINCIPALS`, one `PrincipalPermissionResponse` per grant under its policy), so a
//! user's permissions and a group's policies read it back.

use serde_json::Value;

use crate::behaviour::{Behaviour, Call};
use crate::entity::stamp;
use crate::error::{ApiError, ApiResult};

use super::grants::{grant, record, PRINCIPALS};
use super::memberships::is_group;

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
        "USERGROUP" => is_group(call.store, "user", &id),
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
