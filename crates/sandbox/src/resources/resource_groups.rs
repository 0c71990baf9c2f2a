//! Resource groups, kept apart by their type (`resourcegroups/{type}`): members added and removed
//! (entities of the group's type, or other groups of the same type, never making a circle), the
//! members listed, and the permission policies a user group has. Members are kept beside the
//! groups (`ITEMS`, one `ResourceGroupItemResponse` per member under its group). The demo has user
//! groups (one holding the others) and an account group, with members.

use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::entity::{stamp, touch};
use crate::error::{ApiError, ApiResult};
use crate::ids::SANDBOX_USER;
use crate::paging;
use crate::seeder::Seeder;

use super::grants::{policies_of, record};
use super::memberships::{add_member, groups_holding, is_group, members, ITEMS};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "resource-groups",
    actions: &[
        ("permissions", permissions),
        ("add-resource", add_resource),
        ("remove-resource", remove_resource),
        ("contents", contents),
    ],
    seed: Some(seed),
    seeds_after: &["users", "accounts", "permission-policies"],
    ..Behaviour::NONE
};

const KEY: &str = "resource-groups";
const PAGE_MAX: usize = 200;

fn permissions(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let policies = policies_of(call.store, "USERGROUP", &[id]);
    paging::of_items(policies, call.query, PAGE_MAX)
}

fn contents(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    paging::of_items(members(call.store, id), call.query, PAGE_MAX)
}

/// The catalogue resource a group type holds (`user` → users).
fn resource_of(kind: &str) -> Option<&'static str> {
    let plural = format!("{}s", kind.to_lowercase());
    m3ter_models::resource(&plural).map(|r| r.key)
}

fn target(call: &Call<'_>) -> (String, String) {
    (
        call.body_text("targetId").unwrap_or_default().to_owned(),
        call.body_text("targetType").unwrap_or_default().to_owned(),
    )
}

fn add_resource(call: &mut Call<'_>) -> ApiResult<Value> {
    let group = call.id.unwrap_or_default().to_owned();
    let kind = call.ctx.parent.to_owned();
    let (target_id, target_type) = target(call);
    match target_type.as_str() {
        "GROUP" => {
            if !is_group(call.store, &kind, &target_id) {
                return Err(ApiError::bad_request(format!(
                    "targetId: there is no {kind} group {target_id} to add"
                )));
            }
            let inside = groups_holding(call.store, &kind, &group, false, true);
            if target_id == group
                || inside
                    .iter()
                    .any(|g| text(g, "id") == Some(target_id.as_str()))
            {
                return Err(ApiError::bad_request(format!(
                    "targetId: group {target_id} holds group {group} (or is it), so adding it would make a circle"
                )));
            }
        }
        _ => {
            if let Some(key) = resource_of(&kind) {
                if call
                    .store
                    .collection(key)
                    .and_then(|c| c.get(&target_id))
                    .is_none()
                {
                    return Err(ApiError::bad_request(format!(
                        "targetId: there is no {kind} {target_id} to add"
                    )));
                }
            }
        }
    }
    let already = members(call.store, &group).iter().any(|m| {
        text(m, "targetId") == Some(&target_id) && text(m, "targetType") == Some(&target_type)
    });
    if already {
        return Err(ApiError::bad_request(format!(
            "{target_type} {target_id} is already in group {group}"
        )));
    }
    add_member(
        call.store,
        stamp(call.ctx.now),
        &group,
        &target_id,
        &target_type,
    );
    changed(call, &group)
}

fn changed(call: &mut Call<'_>, group: &str) -> ApiResult<Value> {
    let now = call.ctx.now;
    let g = call
        .store
        .collection_mut(KEY)
        .get_mut(group)
        .map(|s| &mut s.value)
        .ok_or_else(|| ApiError::not_found(format!("Resource group {group} not found")))?;
    touch(g, now);
    Ok(g.clone())
}

fn remove_resource(call: &mut Call<'_>) -> ApiResult<Value> {
    let group = call.id.unwrap_or_default().to_owned();
    let (target_id, target_type) = target(call);
    let found = call.store.collection(ITEMS).and_then(|c| {
        c.entries().find_map(|(id, s)| {
            (s.parent == group
                && text(&s.value, "targetId") == Some(&target_id)
                && text(&s.value, "targetType") == Some(&target_type))
            .then(|| id.to_owned())
        })
    });
    let Some(item) = found else {
        return Err(ApiError::bad_request(format!(
            "{target_type} {target_id} is not in group {group}, so it cannot be removed"
        )));
    };
    call.store.collection_mut(ITEMS).remove(&item);
    changed(call, &group)
}

fn seed(s: &mut Seeder) {
    let users: Vec<String> = s.ids("users").to_vec();
    let accounts: Vec<String> = s.ids("accounts").iter().take(3).cloned().collect();
    let add = |s: &mut Seeder, kind: &str, name: &str| {
        let created = s.tick(19);
        s.add(KEY, kind, json!({ "name": name }), created, created)
    };
    let finance = add(s, "user", "Finance team");
    let support = add(s, "user", "Support team");
    let staff = add(s, "user", "All staff");
    let enterprise = add(s, "account", "Enterprise accounts");
    for _ in 0..s.scale {
        add(s, "account", "More accounts");
    }
    let at = json!(crate::seeder::at(s.tick(1)));
    let store = &mut s.store;
    for (i, user) in users.iter().enumerate() {
        let group = if i % 2 == 0 { &finance } else { &support };
        add_member(store, at.clone(), group, user, "ITEM");
    }
    add_member(store, at.clone(), &staff, &finance, "GROUP");
    add_member(store, at.clone(), &staff, &support, "GROUP");
    for a in &accounts {
        add_member(store, at.clone(), &enterprise, a, "ITEM");
    }
    // Policies: the first to the demo user, the second to the finance team, the third to a
    // service user and the support users.
    let policies: Vec<String> = s.ids("permission-policies").to_vec();
    let org = s.org.to_owned();
    let service_user = s.uuid();
    let store = &mut s.store;
    let grants = [
        (0, "USER", SANDBOX_USER.to_owned()),
        (1, "USERGROUP", finance),
        (2, "SERVICEUSER", service_user),
        (2, "SUPPORTUSERS", org),
    ];
    for (p, kind, to) in grants {
        if let Some(policy) = policies.get(p) {
            record(store, at.clone(), policy, kind, &to);
        }
    }
}
