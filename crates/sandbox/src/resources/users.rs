//! The organization's users: the groups they are in, their permissions (their own statements and
//! those of the policies given to them or to their groups), who is calling (`me`), and a new
//! temporary password for someone who has not signed in yet (refused otherwise, the rule the
//! console uses too). The demo user (`SANDBOX_USER`) is the first user.

use m3ter_models::resources::users::password_resendable;
use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::error::{ApiError, ApiResult};
use crate::ids::SANDBOX_USER;
use crate::paging;
use crate::seeder::{at, Seeder};

use super::grants::policies_of;
use super::memberships::groups_holding;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "users",
    actions: &[
        ("user-groups", user_groups),
        ("me", me),
        ("resend-password", resend_password),
        ("permissions", permissions),
    ],
    seed: Some(seed),
    ..Behaviour::NONE
};

const KEY: &str = "users";
const PAGE_MAX: usize = 200;

fn user(call: &Call<'_>, id: &str) -> ApiResult<Value> {
    call.store
        .collection(KEY)
        .and_then(|c| c.get(id))
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::not_found(format!("User {id} not found")))
}

fn inherited(call: &Call<'_>) -> bool {
    call.query_one("inherited")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

fn user_groups(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default();
    let groups = groups_holding(call.store, "user", id, true, inherited(call));
    paging::of_items(groups, call.query, PAGE_MAX)
}

/// The user's own statements, then those of every policy given to them or to a group they are in
/// (groups holding their groups count too).
fn permissions(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let u = user(call, &id)?;
    let mut statements: Vec<Value> = u
        .get("permissionPolicy")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let groups: Vec<String> = groups_holding(call.store, "user", &id, true, true)
        .iter()
        .filter_map(|g| text(g, "id").map(str::to_owned))
        .collect();
    let mut policies = policies_of(call.store, "USER", std::slice::from_ref(&id));
    for p in policies_of(call.store, "USERGROUP", &groups) {
        if !policies.iter().any(|q| q["id"] == p["id"]) {
            policies.push(p);
        }
    }
    for p in &policies {
        if let Some(more) = p.get("permissionPolicy").and_then(Value::as_array) {
            statements.extend(more.iter().cloned());
        }
    }
    let name = text(&u, "email").unwrap_or(&id).to_owned();
    Ok(json!({
        "name": format!("Permissions of {name}"),
        "permissionPolicy": statements,
        "managedPolicy": false,
    }))
}

fn me(call: &mut Call<'_>) -> ApiResult<Value> {
    let mut u = user(call, SANDBOX_USER)?;
    if let Some(map) = u.as_object_mut() {
        map.remove("permissionPolicy");
        map.remove("dtEndAccess");
    }
    let org = &call.ctx.state.config.org;
    Ok(json!({
        "user": u,
        "organization": {
            "id": org, "orgId": org, "version": 1,
            "organizationName": "Sandbox demo organization", "shortName": "sandbox",
            "country": "GB", "type": "PRODUCTION", "status": "ACTIVE",
        },
    }))
}

fn resend_password(call: &mut Call<'_>) -> ApiResult<Value> {
    let id = call.id.unwrap_or_default().to_owned();
    let u = user(call, &id)?;
    if let Some(why) = password_resendable(&u) {
        return Err(ApiError::bad_request(format!(
            "No temporary password was sent to user {id}: {why}"
        )));
    }
    Ok(json!({}))
}

/// (first name, last name, signed in)
const PEOPLE: [(&str, &str, bool); 4] = [
    ("Sandbox", "Demo", true),
    ("Ada", "Lovelace", true),
    ("Grace", "Hopper", false),
    ("Alan", "Turing", true),
];

fn seed(s: &mut Seeder) {
    for i in 0..PEOPLE.len() + s.scale {
        let (first, last, signed_in) = PEOPLE[i % PEOPLE.len()];
        let created = s.tick(31);
        let id = if i == 0 {
            SANDBOX_USER.to_owned()
        } else {
            s.uuid()
        };
        let mut body = json!({
            "id": id, "firstName": first, "lastName": last,
            "email": format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase(),
                             if i < PEOPLE.len() { String::new() } else { i.to_string() }),
            "contactNumber": format!("+44 20 7946 {:04}", 100 + i),
            "organizations": [s.org], "supportUser": false,
        });
        if signed_in {
            body["firstAcceptedTermsAndConditions"] = json!(at(created + 60));
            body["lastAcceptedTermsAndConditions"] = json!(at(created + 60));
        }
        if i == 1 {
            body["permissionPolicy"] = json!([
                {"effect": "ALLOW", "action": ["CONFIG_RETRIEVE"], "resource": ["config:*"]}
            ]);
        }
        s.add(KEY, "", body, created, created + 1440);
    }
}
