//! Lookup tables: m3ter names a table's active revision only when asked (`additional=activeRevision`),
//! and then as the revision is now.

use serde_json::Value;

use crate::behaviour::Behaviour;
use crate::query::Query;
use crate::store::Store;

use super::lookup_table_revisions;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "lookup-tables",
    on_answer: Some(answer),
    ..Behaviour::NONE
};

const ACTIVE: &str = "activeRevision";

fn answer(table: &mut Value, q: &Query, store: &Store) {
    let Some(map) = table.as_object_mut() else {
        return;
    };
    // Publishing a revision keeps a copy here; the copy says which one, the store says what it is.
    let kept = map.remove(ACTIVE);
    if !q.many("additional").iter().any(|a| a == ACTIVE) {
        return;
    }
    let now = kept
        .as_ref()
        .and_then(|r| r.get("id"))
        .and_then(Value::as_str)
        .and_then(|id| store.collection(lookup_table_revisions::KEY)?.get(id))
        .map(|s| s.value.clone());
    if let Some(revision) = now {
        map.insert(ACTIVE.into(), revision);
    }
}
