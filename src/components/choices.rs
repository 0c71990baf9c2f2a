//! What an id input offers: the entities of the resource it names, each by its name (the
//! resource's first page, fetched once per page and given up when the page goes away).

use std::collections::HashMap;

use leptos::prelude::*;
use serde_json::Value;

use crate::api::{paths, read_page, ApiRequest};
use crate::components::ui::dynamic;
use crate::context::ctx;
use crate::task::PageTasks;

/// The offered `(id, label)` pairs of one resource; `None` while loading.
pub type Options = RwSignal<Option<Vec<(String, String)>>>;

/// The choices one page's id inputs offer, by resource.
#[derive(Clone, Copy)]
pub struct Choices {
    loaded: StoredValue<HashMap<&'static str, Options>>,
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
        if let Some(o) = self.loaded.with_value(|m| m.get(resource).copied()) {
            return o;
        }
        let signal: Options = self.tasks.own(|| RwSignal::new(None));
        self.loaded.update_value(|m| {
            m.insert(resource, signal);
        });
        let target = m3ter_models::resource(resource).filter(|r| r.ops.list);
        let path = target.and_then(|r| paths::collection(r, &[], &[]).ok());
        let (Some(r), Some(path)) = (target, path) else {
            signal.set(Some(Vec::new()));
            return signal;
        };
        let api = ctx().api;
        self.tasks.spawn(async move {
            let req = ApiRequest::whole_list(r, path);
            let list = match api.send(req).await.and_then(|r| read_page(&r)) {
                Ok(page) => page
                    .items
                    .iter()
                    .filter_map(|v| {
                        let id = v.get("id")?.as_str()?.to_owned();
                        let name = m3ter_models::resources::title_of(r, v);
                        let code = v
                            .get("code")
                            .and_then(Value::as_str)
                            .filter(|c| *c != name)
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default();
                        Some((id, format!("{name}{code}")))
                    })
                    .collect(),
                Err(_) => Vec::new(),
            };
            signal.try_set(Some(list));
        });
        signal
    }

    /// A `<datalist id=list_id>` of `resource`'s entities, for an input typed an id into.
    pub fn datalist(&self, resource: &'static str, list_id: String) -> AnyView {
        let options = self.of(resource);
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
}
