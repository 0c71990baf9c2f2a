//! Generic forms generated from the catalogue. `logic` holds the data side (paths, parsing, request
//! bodies, conflict diff and rebase); `fields` the inputs.

pub mod fields;
pub mod leave_guard;
pub mod logic;

use leptos::prelude::*;
use m3ter_models::FieldError;
use serde_json::Value;

pub use crate::components::choices::Options;
use crate::components::choices::{Choices, Codes};
use logic::Path;

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
    /// The entities its id inputs offer, loaded for the form's page.
    pub choices: Choices,
    /// The codes its text inputs offer (currencies), likewise.
    pub codes: Codes,
}

impl FormState {
    pub fn new(prefix: &'static str, draft: Value) -> Self {
        FormState {
            draft: RwSignal::new(draft),
            errors: RwSignal::new(Vec::new()),
            generation: RwSignal::new(0),
            prefix,
            choices: Choices::here(),
            codes: Codes::here(),
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

    /// The first page of a resource, for picking ids (`crate::components::choices`).
    pub fn options(&self, resource: &'static str) -> Options {
        self.choices.of(resource)
    }
}
