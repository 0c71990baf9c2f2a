//! The names of the entities ids point at, so a meter's product shows as "Acme product", not a bare
//! UUID. Ids asked for in the same moment are looked up together through the target list's `ids`
//! filter (one request per resource and batch); a resource without that filter is read one entity
//! at a time, a few per moment. Names are remembered for the session, and shown as the id when the
//! lookup fails or the resource cannot be looked up by id.

use std::collections::HashMap;

use leptos::prelude::*;
use m3ter_models::{resource, Resource};
use serde_json::Value;

use crate::api::{paths, read_page, Api, ApiRequest};

/// What is known of one id's name.
#[derive(Clone, Debug, PartialEq)]
pub enum Name {
    Looking,
    Found(String),
    /// Not found, or the lookup failed: show the id.
    Unknown,
}

/// The session's names, by `resource|id`, the ids waiting to be looked up, and the client that
/// looks them up.
#[derive(Clone, Copy)]
pub struct Names {
    known: StoredValue<HashMap<String, RwSignal<Name>>>,
    waiting: StoredValue<HashMap<&'static str, Vec<String>>>,
    api: Api,
}

/// Ids per request (a URL of 50 UUIDs stays well under any server's limit).
const BATCH: usize = 50;

/// Entities read one at a time per moment, for resources without the `ids` filter (a list of
/// bill jobs names few statement definitions; more than this shows ids).
const ONE_BY_ONE: usize = 10;

/// Whether a resource's entities can be looked up by id: at the top level, through its list's
/// `ids` filter or else one by one.
fn by_id(r: &Resource) -> bool {
    r.parent_param.is_empty() && r.scope.is_empty() && (by_ids(r) || r.ops.retrieve)
}

/// Whether many at once, through the list's `ids` filter.
fn by_ids(r: &Resource) -> bool {
    r.ops.list && r.filters.iter().any(|f| f.param == "ids")
}

impl Names {
    pub fn new(api: Api) -> Names {
        Names {
            known: StoredValue::new(HashMap::new()),
            waiting: StoredValue::new(HashMap::new()),
            api,
        }
    }

    pub fn clear(&self) {
        self.known.update_value(HashMap::clear);
        self.waiting.update_value(HashMap::clear);
    }

    /// The name of entity `id` of resource `key`, looked up if not known yet.
    pub fn of(&self, key: &'static str, id: &str) -> Signal<Name> {
        let slot = format!("{key}|{id}");
        if let Some(s) = self.known.with_value(|m| m.get(&slot).copied()) {
            return s.into();
        }
        let Some(r) = resource(key).filter(|r| by_id(r)) else {
            return Signal::stored(Name::Unknown);
        };
        let signal = app_owner().with(|| RwSignal::new(Name::Looking));
        self.known.update_value(|m| {
            m.insert(slot, signal);
        });
        let first = self.waiting.with_value(|w| w.is_empty());
        self.waiting
            .update_value(|w| w.entry(r.key).or_default().push(id.to_owned()));
        if first {
            let (names, api) = (*self, self.api);
            // Everything asked for while this view is built goes in one batch.
            request_animation_frame(move || names.flush(api));
        }
        signal.into()
    }

    /// The name of entity `id` of resource `key` kept under entity `parent` of its parent
    /// resource (a bill's line item), read by id once per session.
    pub fn of_under(&self, key: &'static str, parent: &str, id: &str) -> Signal<Name> {
        let slot = format!("{key}|{parent}|{id}");
        if let Some(s) = self.known.with_value(|m| m.get(&slot).copied()) {
            return s.into();
        }
        let above = m3ter_models::entry(key).and_then(|e| e.parent);
        let Some((r, above)) = resource(key).filter(|r| r.ops.retrieve).zip(above) else {
            return Signal::stored(Name::Unknown);
        };
        let signal = app_owner().with(|| RwSignal::new(Name::Looking));
        self.known.update_value(|m| {
            m.insert(slot, signal);
        });
        let (api, parents, id) = (self.api, vec![(above, parent.to_owned())], id.to_owned());
        leptos::task::spawn_local(async move {
            let name = match paths::item(r, &parents, &[], &id) {
                Ok(path) => match api.send(ApiRequest::get(path)).await {
                    Ok(found) if found.json.is_object() => {
                        Name::Found(m3ter_models::resources::title_of(r, &found.json))
                    }
                    _ => Name::Unknown,
                },
                Err(_) => Name::Unknown,
            };
            signal.try_set(name);
        });
        signal.into()
    }

    fn flush(self, api: Api) {
        let waiting = self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for (key, ids) in waiting {
            let Some(r) = resource(key) else { continue };
            let size = if by_ids(r) {
                BATCH.min(r.page_size_max.max(1) as usize)
            } else {
                1
            };
            for (n, chunk) in ids.chunks(size).enumerate() {
                let chunk = chunk.to_vec();
                if size == 1 && n >= ONE_BY_ONE {
                    self.settle(key, &chunk, None);
                    continue;
                }
                // Not tied to the page that asked: the answer fills the session's cache.
                leptos::task::spawn_local(async move {
                    let found = match chunk.as_slice() {
                        [one] if size == 1 => lookup_one(api, r, one).await,
                        _ => lookup(api, r, &chunk).await,
                    };
                    self.settle(key, &chunk, found.as_ref());
                });
            }
        }
    }

    /// What became of some ids' lookup: their names, or `None` when it failed.
    fn settle(self, key: &str, ids: &[String], found: Option<&HashMap<String, String>>) {
        for id in ids {
            let name = found
                .and_then(|names| names.get(id).cloned())
                .map_or(Name::Unknown, Name::Found);
            if let Some(s) = self
                .known
                .try_with_value(|m| m.get(&format!("{key}|{id}")).copied())
                .flatten()
            {
                s.try_set(name);
            }
        }
    }
}

/// The signals live as long as the app (the cache outlives the page that first asked).
fn app_owner() -> Owner {
    use_context::<AppOwner>().map_or_else(Owner::new, |o| o.0)
}

/// The app's root owner, provided once at start.
#[derive(Clone)]
pub struct AppOwner(pub Owner);

/// One request for some ids of a resource: id → title, or `None` when the request failed.
async fn lookup(api: Api, r: &'static Resource, ids: &[String]) -> Option<HashMap<String, String>> {
    let path = paths::collection(r, &[], &[]).ok()?;
    let mut req = ApiRequest::whole_list(r, path);
    for id in ids {
        req = req.query("ids", id.clone());
    }
    let page = api.send(req).await.and_then(|resp| read_page(&resp)).ok()?;
    Some(
        page.items
            .iter()
            .filter_map(|v| {
                let id = v.get("id").and_then(Value::as_str)?;
                Some((id.to_owned(), m3ter_models::resources::title_of(r, v)))
            })
            .collect(),
    )
}

/// One entity read by id (a resource without the `ids` filter): its title, or `None`.
async fn lookup_one(api: Api, r: &'static Resource, id: &str) -> Option<HashMap<String, String>> {
    let path = paths::item(r, &[], &[], id).ok()?;
    let found = api.send(ApiRequest::get(path)).await.ok()?;
    found.json.is_object().then(|| {
        HashMap::from([(
            id.to_owned(),
            m3ter_models::resources::title_of(r, &found.json),
        )])
    })
}
