//! The in-memory store: one collection per resource, newest first, with opaque cursors.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

/// Entities of one resource, ordered by insertion (`seq`), so "newest first" is a reverse walk and a
/// cursor is the `seq` of the last item returned: stable while entities are added or removed.
#[derive(Default, Debug, Clone)]
pub struct Collection {
    by_seq: BTreeMap<u64, Value>,
    seq_of: HashMap<String, u64>,
}

impl Collection {
    pub fn len(&self) -> usize {
        self.by_seq.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_seq.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.seq_of.get(id).and_then(|s| self.by_seq.get(s))
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        let seq = *self.seq_of.get(id)?;
        self.by_seq.get_mut(&seq)
    }

    /// Inserts (newest) or replaces in place (keeping its position).
    pub fn put(&mut self, seq_source: &mut u64, value: Value) {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Some(seq) = self.seq_of.get(&id) {
            self.by_seq.insert(*seq, value);
        } else {
            *seq_source += 1;
            self.seq_of.insert(id, *seq_source);
            self.by_seq.insert(*seq_source, value);
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let seq = self.seq_of.remove(id)?;
        self.by_seq.remove(&seq)
    }

    /// Newest first, starting after the cursor `before` (exclusive). Returns the items that match
    /// `keep`, up to `limit`, and the cursor for the next page if more matching items remain.
    pub fn page(
        &self,
        before: Option<u64>,
        limit: usize,
        keep: impl Fn(&Value) -> bool,
    ) -> (Vec<Value>, Option<u64>) {
        let upper = before.unwrap_or(u64::MAX);
        let mut items = Vec::with_capacity(limit.min(self.len()));
        let mut last = None;
        let mut iter = self.by_seq.range(..upper).rev().filter(|(_, v)| keep(v));
        for (seq, value) in iter.by_ref() {
            if items.len() == limit {
                break;
            }
            items.push(value.clone());
            last = Some(*seq);
        }
        // Only hand out a cursor when another matching item exists.
        let more = last.is_some_and(|l| self.by_seq.range(..l).rev().any(|(_, v)| keep(v)));
        (items, if more { last } else { None })
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.by_seq.values()
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.by_seq.values_mut()
    }

    pub fn retain(&mut self, keep: impl Fn(&Value) -> bool) {
        let drop: Vec<String> = self
            .by_seq
            .values()
            .filter(|v| !keep(v))
            .filter_map(|v| v.get("id").and_then(Value::as_str).map(str::to_owned))
            .collect();
        for id in drop {
            self.remove(&id);
        }
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

    pub fn put(&mut self, key: &'static str, value: Value) {
        let mut seq = self.seq;
        self.collections
            .entry(key)
            .or_default()
            .put(&mut seq, value);
        self.seq = seq;
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
    if hex.len() != 16 {
        return None;
    }
    u64::from_str_radix(hex, 16).ok().map(|v| v ^ CURSOR_MASK)
}
