//! What the console shows its own way for one resource, one file per resource named after it.
//! Adding one is its file and one line in [`HOOKS`].

mod events;
mod transaction_schedules;

use leptos::prelude::*;
use m3ter_models::catalogue::Action;
use serde_json::Value;

use crate::pages::On;

/// The view of an action's answer, from the request body and the answer.
pub type AnswerView = fn(On, &Value, &Value) -> AnyView;

/// A resource's own views.
pub struct Hooks {
    pub key: &'static str,
    /// How an action's answer shows, by the action's key.
    pub answers: &'static [(&'static str, AnswerView)],
    /// What an entity's page shows before its fields, from the entity.
    pub entity: Option<fn(&Value) -> AnyView>,
}

pub static HOOKS: &[&Hooks] = &[&events::HOOKS, &transaction_schedules::HOOKS];

/// The resource's own view of an action's answer, if it has one.
pub fn answer(on: On, action: &Action, draft: &Value, answer: &Value) -> Option<AnyView> {
    let hooks = HOOKS.iter().find(|h| h.key == on.r.key)?;
    let (_, view) = hooks.answers.iter().find(|(k, _)| *k == action.key)?;
    Some(view(on, draft, answer))
}

/// The resource's own part of an entity's page, if it has one.
pub fn entity(on: On, value: &Value) -> Option<AnyView> {
    let hooks = HOOKS.iter().find(|h| h.key == on.r.key)?;
    hooks.entity.map(|view| view(value))
}
