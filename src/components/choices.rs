//! What an id input offers: the entities of the resource it names, each by its name (the
//! resource's first page, fetched once per page and given up when the page goes away); of a
//! resource kept under another, those under one entity of it.

use std::collections::HashMap;

use leptos::prelude::*;
use m3ter_models::Resource;
use serde_json::Value;

use crate::api::{paths, read_page, ApiRequest};
use crate::components::ui::dynamic;
use crate::context::ctx;
use crate::names::Name;
use crate::task::PageTasks;

/// The offered `(id, label)` pairs of one resource; `None` while loading.
pub type Options = RwSignal<Option<Vec<(String, String)>>>;

/// The choices one page's id inputs offer, by resource.
#[derive(Clone, Copy)]
pub struct Choices {
    /// By resource and the id of the entity they are kept under ("" for a top-level resource).
    loaded: StoredValue<HashMap<(&'static str, String), Options>>,
    /// The page: choices it loads belong to it, not to the input that asked.
    tasks: PageTasks,
}

impl Choices {
    pub fn here() -> Self {
        Choices {
            loaded: StoredValue::new(HashMap::new()),
            tasks: PageTasks::here(),
        }
    }

    /// The first page of a resource, each entity by its name (and code).
    pub fn of(&self, resource: &'static str) -> Options {
        self.under(resource, String::new())
    }

    /// The first page of `resource` kept under entity `parent` of its parent resource (`""`: a
    /// top-level resource's).
    fn under(&self, resource: &'static str, parent: String) -> Options {
        let key = (resource, parent);
        if let Some(o) = self.loaded.with_value(|m| m.get(&key).copied()) {
            return o;
        }
        let signal: Options = self.tasks.own(|| RwSignal::new(None));
        let target = m3ter_models::resource(resource).filter(|r| r.ops.list);
        let parents: Vec<(&str, String)> =
            match m3ter_models::entry(resource).and_then(|e| e.parent) {
                Some(p) if !key.1.is_empty() => vec![(p, key.1.clone())],
                _ => Vec::new(),
            };
        let path = target.and_then(|r| paths::collection(r, &parents, &[]).ok());
        self.loaded.update_value(|m| {
            m.insert(key, signal);
        });
        let (Some(r), Some(path)) = (target, path) else {
            signal.set(Some(Vec::new()));
            return signal;
        };
        fill(self.tasks, signal, r, path, |r, v| {
            let id = v.get("id")?.as_str()?.to_owned();
            let name = m3ter_models::resources::title_of(r, v);
            let code = v
                .get("code")
                .and_then(Value::as_str)
                .filter(|c| *c != name)
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            Some((id, format!("{name}{code}")))
        });
        signal
    }

    /// The name of the entity whose id is typed into an input, shown under it: from the entities
    /// it offers, else looked up by id (a whole UUID only: not a request per keystroke). `of`:
    /// the resource, and the entity it is kept under ("" at the top level).
    pub fn named(
        &self,
        of: Signal<Option<(&'static str, String)>>,
        typed: RwSignal<String>,
        id: String,
    ) -> AnyView {
        let loaded = self.loaded;
        dynamic(move || {
            let (Some((resource, parent)), typed) = (of.get(), typed.get()) else {
                return ().into_any();
            };
            let typed = typed.trim().to_owned();
            let offered = loaded.with_value(|m| m.get(&(resource, parent.clone())).copied());
            let listed = offered.and_then(|o| {
                o.with(|l| {
                    l.as_ref()?
                        .iter()
                        .find(|(v, _)| *v == typed)
                        .map(|(_, label)| label.clone())
                })
            });
            let name: Signal<Option<String>> = match listed {
                Some(label) => Signal::stored(Some(label)),
                None if parent.is_empty() && whole_uuid(&typed) => {
                    let n = ctx().names.of(resource, &typed);
                    Signal::derive(move || match n.get() {
                        Name::Found(name) => Some(name),
                        _ => None,
                    })
                }
                None => Signal::stored(None),
            };
            view! { <p class="named" id=id.clone()>{move || name.get()}</p> }.into_any()
        })
    }

    /// A `<datalist id=list_id>` of `resource`'s entities, for an input typed an id into.
    pub fn datalist(&self, resource: &'static str, list_id: String) -> AnyView {
        self.datalist_under(resource, String::new(), list_id)
    }

    /// A `<datalist id=list_id>` of the entities of `resource` kept under entity `parent`.
    pub fn datalist_under(
        &self,
        resource: &'static str,
        parent: String,
        list_id: String,
    ) -> AnyView {
        options_datalist(self.under(resource, parent), list_id)
    }
}

/// The codes a page's text inputs offer (a currency input: the organization's currencies), by
/// resource. Apart from [`Choices`]: only forms offer codes, and the list pages carry `Choices`.
#[derive(Clone, Copy)]
pub struct Codes {
    /// The `(code, name)` pairs of a resource's entities in use.
    loaded: StoredValue<HashMap<&'static str, Options>>,
    tasks: PageTasks,
}

impl Codes {
    pub fn here() -> Self {
        Codes {
            loaded: StoredValue::new(HashMap::new()),
            tasks: PageTasks::here(),
        }
    }

    /// A `<datalist id=list_id>` of the codes of `resource`'s entities not archived, each with its
    /// name.
    pub fn datalist(&self, resource: &'static str, list_id: String) -> AnyView {
        let known = self.loaded.with_value(|m| m.get(resource).copied());
        let options = match known {
            Some(o) => o,
            None => {
                let signal: Options = self.tasks.own(|| RwSignal::new(None));
                self.loaded.update_value(|m| {
                    m.insert(resource, signal);
                });
                let target = m3ter_models::resource(resource).filter(|r| r.ops.list);
                let path = target.and_then(|r| paths::collection(r, &[], &[]).ok());
                if let (Some(r), Some(path)) = (target, path) {
                    fill(self.tasks, signal, r, path, |_, v| {
                        if v.get("archived") == Some(&Value::Bool(true)) {
                            return None;
                        }
                        let text = |k: &str| v.get(k)?.as_str().map(str::to_owned);
                        Some((text("code")?, text("name").unwrap_or_default()))
                    });
                } else {
                    signal.set(Some(Vec::new()));
                }
                signal
            }
        };
        options_datalist(options, list_id)
    }
}

/// Reads the whole list of `r` at `path` for the page into `signal`, each entity as `pick` offers
/// it (`None`: not offered); nothing offered when the read fails.
fn fill(
    tasks: PageTasks,
    signal: Options,
    r: &'static Resource,
    path: String,
    pick: fn(&'static Resource, &Value) -> Option<(String, String)>,
) {
    let api = ctx().api;
    tasks.spawn(async move {
        let list = match api
            .send(ApiRequest::whole_list(r, path))
            .await
            .and_then(|a| read_page(&a))
        {
            Ok(page) => page.items.iter().filter_map(|v| pick(r, v)).collect(),
            Err(_) => Vec::new(),
        };
        signal.try_set(Some(list));
    });
}

/// A `<datalist>` of `(value, label)` options, drawn when they are in.
fn options_datalist(options: Options, list_id: String) -> AnyView {
    dynamic(move || {
        let items = options.get().unwrap_or_default();
        view! {
            <datalist id=list_id.clone()>
                {items.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
            </datalist>
        }
        .into_any()
    })
}

/// Whether `s` is a whole UUID (8-4-4-4-12 hex digits).
fn whole_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::whole_uuid;

    #[test]
    fn only_a_whole_uuid_is_looked_up() {
        assert!(whole_uuid("9eb9cdcd-b21f-443d-99d7-241baec88c4c"));
        assert!(!whole_uuid("9eb9cdcd-b21f-443d-99d7-241baec88c4"));
        assert!(!whole_uuid("9eb9cdcd-b21f-443d-99d7-241baec88c4cc"));
        assert!(!whole_uuid("9eb9cdcdxb21f-443d-99d7-241baec88c4c"));
        assert!(!whole_uuid("zeb9cdcd-b21f-443d-99d7-241baec88c4c"));
        assert!(!whole_uuid(""));
    }
}
