//! Who has which permission policy: the grants, kept beside the policies (one
//! `PrincipalPermissionResponse` per grant under its policy), written by the policies' actions and
//! read back by a user's permissions and a group's policies.

use serde_json::{json, Value};

use crate::behaviour::text;
use crate::ids::{new_id, SANDBOX_USER};
use crate::store::Store;

/// The policies granted.
pub const POLICIES: &str = "permission-policies";
/// The grants, kept by the sandbox only (m3ter has no list of them).
pub const PRINCIPALS: &str = "permission-policy-principals";

/// The grant of `policy` to a principal, if there is one.
pub fn grant(store: &Store, policy: &str, kind: &str, principal: &str) -> Option<String> {
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
        let policy = store.collection(POLICIES).and_then(|c| c.get(&g.parent));
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
