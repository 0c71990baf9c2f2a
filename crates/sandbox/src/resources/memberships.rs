//! Which resource groups hold what: the members, kept beside the groups (one
//! `ResourceGroupItemResponse` per member under its group), written by the groups' actions and
//! read back by a user's groups.

use serde_json::{json, Value};

use crate::behaviour::text;
use crate::ids::{new_id, SANDBOX_USER};
use crate::store::Store;

/// The groups.
pub const GROUPS: &str = "resource-groups";
/// The members, kept by the sandbox only.
pub const ITEMS: &str = "resource-group-items";

/// Whether `id` is a group of this type.
pub fn is_group(store: &Store, kind: &str, id: &str) -> bool {
    store
        .collection(GROUPS)
        .and_then(|c| c.get(id))
        .is_some_and(|s| s.parent.eq_ignore_ascii_case(kind))
}

/// The members of a group, oldest first.
pub fn members(store: &Store, group: &str) -> Vec<Value> {
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
    let Some(groups) = store.collection(GROUPS) else {
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

pub fn add_member(store: &mut Store, at: Value, group: &str, target_id: &str, target_type: &str) {
    let id = new_id();
    let item = json!({
        "id": id, "version": 1, "targetId": target_id, "targetType": target_type,
        "dtCreated": at, "dtLastModified": at,
        "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
    });
    store.put(ITEMS, &id, group, item);
}
