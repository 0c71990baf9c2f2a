//! Deterministic, linked demo data for every resource of the catalogue: the same ids and values on
//! every start.
//!
//! Resources are seeded in dependency order (parents and link targets first). A resource whose
//! behaviour has demo data of its own seeds it (`crate::resources`); every other one gets a few
//! entities made from its fields (`crate::seeder`). `--seed N` asks for N meters (10,000 works) and
//! scales the rest.

use m3ter_models::catalogue::{self, Kind, INDEX};
use m3ter_models::{overlay, Resource, RESOURCES};

use crate::seeder::Seeder;
use crate::store::Store;

pub use crate::seeder::DEFAULT_METERS;

/// Resources in the order they are seeded: each after its parent, the resources its fields point
/// at and those its own seed builds on (where that does not go round in a circle).
fn order() -> Vec<&'static Resource> {
    fn visit(r: &'static Resource, seen: &mut Vec<&'static str>, out: &mut Vec<&'static Resource>) {
        if seen.contains(&r.key) {
            return;
        }
        seen.push(r.key);
        let o = m3ter_models::resources::overlay(r.key);
        let parent = r.entry().and_then(|e| e.parent);
        let links = r.fields.iter().filter_map(|f| overlay::link(o, f.key, f));
        // What an id may point at where a sibling names its resource (a transaction's bill).
        let named = o
            .fields
            .iter()
            .filter_map(|n| r.field(n.link_by?))
            .flat_map(|by| match &by.kind {
                Kind::Enum(e) => e.values,
                _ => &[],
            })
            .filter_map(|v| catalogue::resource_named(v));
        let builds_on = crate::resources::behaviour(r.key)
            .seeds_after
            .iter()
            .copied();
        for key in parent
            .into_iter()
            .chain(links)
            .chain(named)
            .chain(builds_on)
        {
            if let Some(dep) = catalogue::resource(key) {
                visit(dep, seen, out);
            }
        }
        out.push(r);
    }
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for r in RESOURCES.iter() {
        visit(r, &mut seen, &mut out);
    }
    out
}

/// Builds the demo data. `meters`: how many meters (`None`: the default small set).
pub fn seed(meters: Option<usize>, org: &str, public_url: &str) -> Store {
    let mut s = Seeder::new(meters, org, public_url);
    for r in order() {
        let entry = INDEX.iter().find(|e| e.key == r.key);
        if let Some(own) = crate::resources::behaviour(r.key).seed {
            own(&mut s);
            continue;
        }
        match entry {
            Some(e) if e.singleton => {
                let body = s.synthesize(r, 0);
                s.add_singleton(r.key, body);
            }
            Some(e) => match e.parent {
                None => s.generic(r, "", 3 + s.scale),
                Some(parent) => {
                    // The newest parents, which lists show first.
                    let parents: Vec<String> =
                        s.ids(parent).iter().rev().take(6).cloned().collect();
                    for p in parents {
                        s.generic(r, &p, 2);
                    }
                }
            },
            None => {}
        }
    }
    s.store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_resource_has_demo_data() {
        let store = seed(None, "org", "http://127.0.0.1:1");
        for e in INDEX.iter() {
            let n = store.collection(e.key).map_or(0, |c| c.len());
            assert!(n > 0, "{} has no demo data", e.key);
        }
    }

    /// The sandbox refuses a code another entity of the kind has: the demo must not start with
    /// two, or saving either unchanged would be refused.
    #[test]
    fn demo_codes_are_unique_beside_their_parent() {
        for meters in [None, Some(10_000)] {
            let store = seed(meters, "org", "u");
            for e in INDEX.iter() {
                let mut seen = std::collections::HashSet::new();
                for s in store.collection(e.key).into_iter().flat_map(|c| c.values()) {
                    if let Some(code) = s.value.get("code").and_then(serde_json::Value::as_str) {
                        assert!(
                            seen.insert((s.parent.clone(), code.to_owned())),
                            "{}: code {code} twice",
                            e.key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn seeding_is_deterministic() {
        let a = seed(None, "org", "u");
        let b = seed(None, "org", "u");
        for e in INDEX.iter() {
            let ids = |s: &Store| -> Vec<String> {
                s.collection(e.key)
                    .map(|c| c.entries().map(|(id, _)| id.to_owned()).collect())
                    .unwrap_or_default()
            };
            assert_eq!(ids(&a), ids(&b), "{}", e.key);
        }
    }
}
