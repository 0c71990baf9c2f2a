//! Resource groups, kept apart by their type (`resourcegroups/{type}`): members added and removed
//! (entities of the group's type, or other groups of the same type, never making a circle), the
//! members listed, and the permission policies a user group has. Members are kept beside the
//! groups (`ITEMS`, one `ResourceGroupItemResponse` per member under its group). The demo has user
//! groups (one holding the others) and an account group, with members.

use serde_json::{json, Value};

use crate::api::{new_id, stamp};
use crate::behaviour::{page, text, touch, Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::seed::{Seeder, SANDBOX_USER};
use crate::store::Store;

use super::permission_policies::{policies_of, record};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "resource-groups",
    actions: &[
        ("permissions", permissions),
        ("add-resource", add_resource),
        ("remove-resource", remove_resource),
        ("contents", contents),
    ],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "resource-groups";
/// The members, kept by the sandbox only.
pub const ITEMS: &str = "resource-group-items";
const PAGE_MAX: usize = 200;

/// Whether `id` is a group of this type.
pub fn is_group(store: &Store, kind: &str, id: &str) -> bool {
    store
        .collection(KEY)
        .and_then(|c| c.get(id))
        .is_some_and(|s| s.parent.eq_ignore_ascii_case(kind))
}

/// The members of a group, oldest first.
fn members(store: &Store, group: &str) -> Vec<Value> {
    store
        .collection(ITEMS)
        .map(|c| {
            c.entries()
                .filter(|(_, s)| s.parent == group)
                .map(|(_, s)| s.value.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The groups of this type that hold `target` (as `ITEM` or `GROUP`); with `inherited`, also the
/// groups that hold those, and so on.
pub fn groups_holding(
    store: &Store,
    kind: &str,
    target: &str,
    item: bool,
    inherited: bool,
) -> Vec<Value> {
    let Some(groups) = store.collection(KEY) else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    let mut wanted: Vec<(String, &str)> =
        vec![(target.to_owned(), if item { "ITEM" } else { "GROUP" })];
    while let Some((id, t)) = wanted.pop() {
        for (gid, g) in groups.entries() {
            if !g.parent.eq_ignore_ascii_case(kind) || found.iter().any(|f| f == gid) {
                continue;
            }
            let holds = members(store, gid)
                .iter()
                .any(|m| text(m, "targetId") == Some(&id) && text(m, "targetType") == Some(t));
            if holds {
                found.push(gid.to_owned());
                if inherited {
                    wanted.push((gid.to_owned(), "GROUP"));
                }
            }
        }
    }
    found
        .iter()
        .filter_map(|id| groups.get(id).map(|s| s.value.clone()))
        .collect()
}

fn permissions(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let policies = policies_of(call.store, "USERGROUP", &[id]);
    page(policies, call.query, PAGE_MAX)
}

fn contents(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    page(members(call.store, id), call.query, PAGE_MAX)
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

fn add_member(store: &mut Store, at: Value, group: &str, target_id: &str, target_type: &str) {
    let id = new_id();
    let item = json!({
        "id": id, "version": 1, "targetId": target_id, "targetType": target_type,
        "dtCreated": at, "dtLastModified": at,
        "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
    });
    store.put(ITEMS, &id, group, item);
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
    super::users::seed(s);
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
    let at = json!(crate::seed::at(s.tick(1)));
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
