//! The in-memory store: one collection per resource, newest first, with opaque cursors. A nested
//! resource's entities remember their parent's id (m3ter does not always put it in the body: a
//! bill's credit line items do not say which bill they are on).

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

/// One stored entity and the id of the parent it lives under (empty at the top level).
#[derive(Debug, Clone)]
pub struct Stored {
    pub parent: String,
    pub value: Value,
}

/// Entities of one resource, ordered by insertion (`seq`), so "newest first" is a reverse walk and a
/// cursor is the `seq` of the last item returned: stable while entities are added or removed.
#[derive(Default, Debug, Clone)]
pub struct Collection {
    by_seq: BTreeMap<u64, Stored>,
    seq_of: HashMap<String, u64>,
}

/// The id of an entity body.
pub fn id_of(value: &Value) -> &str {
    value.get("id").and_then(Value::as_str).unwrap_or_default()
}

impl Collection {
    pub fn len(&self) -> usize {
        self.by_seq.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_seq.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Stored> {
        self.seq_of.get(id).and_then(|s| self.by_seq.get(s))
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Stored> {
        let seq = *self.seq_of.get(id)?;
        self.by_seq.get_mut(&seq)
    }

    /// Inserts (newest) or replaces in place (keeping its position).
    fn put(&mut self, seq_source: &mut u64, id: String, stored: Stored) {
        if let Some(seq) = self.seq_of.get(&id) {
            self.by_seq.insert(*seq, stored);
        } else {
            *seq_source += 1;
            self.seq_of.insert(id, *seq_source);
            self.by_seq.insert(*seq_source, stored);
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Stored> {
        let seq = self.seq_of.remove(id)?;
        self.by_seq.remove(&seq)
    }

    /// Newest first, starting after the cursor `before` (exclusive). Returns the items that match
    /// `keep`, up to `limit`, and the cursor for the next page if more matching items remain.
    pub fn page(
        &self,
        before: Option<u64>,
        limit: usize,
        keep: impl Fn(&Stored) -> bool,
    ) -> (Vec<Value>, Option<u64>) {
        let upper = before.unwrap_or(u64::MAX);
        let mut items = Vec::with_capacity(limit.min(self.len()));
        let mut last = None;
        for (seq, stored) in self.by_seq.range(..upper).rev().filter(|(_, s)| keep(s)) {
            if items.len() == limit {
                break;
            }
            items.push(stored.value.clone());
            last = Some(*seq);
        }
        // Only hand out a cursor when another matching item exists.
        let more = last.is_some_and(|l| self.by_seq.range(..l).rev().any(|(_, s)| keep(s)));
        (items, if more { last } else { None })
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Stored> {
        self.by_seq.values()
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Stored> {
        self.by_seq.values_mut()
    }

    /// Removes every entity `drop` picks; returns their ids.
    pub fn remove_where(&mut self, drop: impl Fn(&Stored) -> bool) -> Vec<String> {
        let ids: Vec<String> = self
            .seq_of
            .iter()
            .filter(|(_, seq)| self.by_seq.get(seq).is_some_and(&drop))
            .map(|(id, _)| id.clone())
            .collect();
        for id in &ids {
            self.remove(id);
        }
        ids
    }

    /// Ids and entities, newest last.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Stored)> {
        let mut ids: Vec<(&u64, &str)> =
            self.seq_of.iter().map(|(id, s)| (s, id.as_str())).collect();
        ids.sort();
        ids.into_iter()
            .filter_map(|(s, id)| self.by_seq.get(s).map(|st| (id, st)))
    }
}

/// Every collection of the organization, by resource key.
#[derive(Default, Debug, Clone)]
pub struct Store {
    collections: HashMap<&'static str, Collection>,
    seq: u64,
}

impl Store {
    pub fn collection(&self, key: &str) -> Option<&Collection> {
        self.collections.get(key)
    }

    pub fn collection_mut(&mut self, key: &'static str) -> &mut Collection {
        self.collections.entry(key).or_default()
    }

    /// Stores `value` under `parent` (empty at the top level) as `id`.
    pub fn put(&mut self, key: &'static str, id: &str, parent: &str, value: Value) {
        let id = id.to_owned();
        let mut seq = self.seq;
        self.collections.entry(key).or_default().put(
            &mut seq,
            id,
            Stored {
                parent: parent.to_owned(),
                value,
            },
        );
        self.seq = seq;
    }

    /// Stores an entity body as it is: its id from `id`, its parent from the field that names the
    /// parent (for nested resources whose bodies carry it).
    pub fn put_value(&mut self, key: &'static str, value: Value) {
        let parent = m3ter_models::resource(key)
            .and_then(|r| value.get(r.parent_param))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let id = id_of(&value).to_owned();
        self.put(key, &id, &parent, value);
    }

    /// How many entities each resource has.
    pub fn counts(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.collections.iter().map(|(k, c)| (*k, c.len()))
    }
}

/// Cursors are opaque to clients: a prefix and the position, hex-encoded and mixed with a constant so
/// nobody is tempted to compute them.
const CURSOR_MASK: u64 = 0x5A17_C0FF_EE00_D1CE;

pub fn encode_cursor(seq: u64) -> String {
    format!("c1.{:016x}", seq ^ CURSOR_MASK)
}

pub fn decode_cursor(token: &str) -> Option<u64> {
    let hex = token.strip_prefix("c1.")?;
    if hex.len() != 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok().map(|v| v ^ CURSOR_MASK)
}
