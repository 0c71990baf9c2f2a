//! What the console shows its own way for one resource, one file per resource named after it.
//! Adding one is its file and one line in [`HOOKS`].

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
}

pub static HOOKS: &[&Hooks] = &[&transaction_schedules::HOOKS];

/// The resource's own view of an action's answer, if it has one.
pub fn answer(on: On, action: &Action, draft: &Value, answer: &Value) -> Option<AnyView> {
    let hooks = HOOKS.iter().find(|h| h.key == on.r.key)?;
    let (_, view) = hooks.answers.iter().find(|(k, _)| *k == action.key)?;
    Some(view(on, draft, answer))
}
