//! Generic forms generated from the catalogue. `logic` holds the data side (paths, parsing, request
//! bodies, conflict diff and rebase); `fields` the inputs.

pub mod fields;
pub mod leave_guard;
pub mod logic;

use std::collections::HashMap;

use leptos::prelude::*;
use m3ter_models::FieldError;
use serde_json::Value;

use crate::api::{paths, read_page, ApiRequest};
use crate::context::ctx;
use crate::task::PageTasks;
use logic::Path;

/// Choices for an id picker: `(id, label)`; `None` while loading.
pub type Options = RwSignal<Option<Vec<(String, String)>>>;

/// The state of one form.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The request body being edited.
    pub draft: RwSignal<Value>,
    /// Field errors from the shared validation or the server's 400.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Bumped to rebuild every input from the draft (after "Reload latest" or "Keep my changes").
    pub generation: RwSignal<u64>,
    /// Prefix of element ids.
    pub prefix: &'static str,
    options: StoredValue<HashMap<&'static str, Options>>,
    /// The form's page: choices it loads belong to it, not to the field that asked.
    tasks: PageTasks,
}

impl FormState {
    pub fn new(prefix: &'static str, draft: Value) -> Self {
        FormState {
            draft: RwSignal::new(draft),
            errors: RwSignal::new(Vec::new()),
            generation: RwSignal::new(0),
            prefix,
            options: StoredValue::new(HashMap::new()),
            tasks: PageTasks::here(),
        }
    }

    pub fn value(&self, path: &Path) -> Option<Value> {
        self.draft.with_untracked(|d| logic::get(d, path).cloned())
    }

    /// Writes a value; the error shown for that field goes away (it is checked again on submit).
    pub fn set(&self, path: &Path, value: Option<Value>) {
        self.draft.update(|d| logic::set(d, path, value));
        let p = logic::path_text(path);
        if self
            .errors
            .with_untracked(|e| e.iter().any(|x| x.path == p))
        {
            self.errors.update(|e| e.retain(|x| x.path != p));
        }
    }

    pub fn error_at(&self, path: &str) -> Option<String> {
        self.errors
            .with(|e| e.iter().find(|x| x.path == path).map(|x| x.message.clone()))
    }

    /// Replaces the whole draft and rebuilds the inputs.
    pub fn reset(&self, draft: Value) {
        self.draft.set(draft);
        self.errors.set(Vec::new());
        self.generation.update(|g| *g += 1);
    }

    /// The first page of a resource, for picking ids (fetched once per form, and given up when the
    /// form goes away).
    pub fn options(&self, resource: &'static str) -> Options {
        if let Some(o) = self.options.with_value(|m| m.get(resource).copied()) {
            return o;
        }
        let signal: Options = self.tasks.own(|| RwSignal::new(None));
        self.options.update_value(|m| {
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
            let req = ApiRequest::get(path).query("pageSize", r.page_size_max.max(1).to_string());
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
}
