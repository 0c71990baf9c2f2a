//! Forms generated from the catalogue: create (`/…/new`, pre-filled from a deleted body with
//! `?from=deleted-N` or from an entity with `?copy={id}`), edit (`/…/{id}/edit`), a settings object's edit, and an action's form
//! (`/…/actions/{action}`). `editor` sends and handles the answer, `changes` shows what an edit
//! will change, `conflict` shows a version conflict field by field, `answer` shows what an action
//! answered.

mod answer;
mod changes;
mod conflict;
mod editor;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use m3ter_models::catalogue::{Action, Field};
use serde_json::Value;

use super::{fetch_entity, On};
use crate::api::{paths, ApiError};
use crate::components::error_view::error_slot;
use crate::components::form::logic::{draft_from_entity, naming_the_parent, new_body};
use crate::components::ui::dynamic;
use crate::context::ctx;
use crate::routes::{Place, Route};
use crate::task::PageTasks;
use editor::Editor;

/// What a form sends.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Create(Place),
    Update(Place, String),
    /// A settings object (PUT to its own path).
    Settings,
    Action {
        place: Place,
        id: Option<String>,
        action: &'static Action,
    },
}

impl Target {
    /// The fields the form edits.
    pub fn fields(&self, on: On) -> &'static [Field] {
        match self {
            Target::Action { action, .. } => action.body,
            _ => on.r.fields,
        }
    }

    /// Whether the form starts from the entity as it is on the server (an item action's form
    /// names its entity and starts from its values).
    fn loads(&self) -> bool {
        matches!(
            self,
            Target::Update(..) | Target::Settings | Target::Action { id: Some(_), .. }
        )
    }
}

pub fn page(route: Route) -> AnyView {
    let (key, target) = match route {
        Route::New(place) => (place.key, Target::Create(place)),
        Route::Edit(place, id) => (place.key, Target::Update(place, id)),
        Route::SettingsEdit(key) => (key, Target::Settings),
        Route::Action { place, id, action } => {
            let Some(a) = m3ter_models::resource(place.key)
                .and_then(|r| r.actions.iter().find(|a| a.key == action))
            else {
                return super::not_found();
            };
            (
                place.key,
                Target::Action {
                    place,
                    id,
                    action: a,
                },
            )
        }
        _ => return super::not_found(),
    };
    let Some(on) = On::of(key) else {
        return super::not_found();
    };
    let target = match target {
        Target::Create(p) => Target::Create(super::with_scope(on, p)),
        Target::Update(p, id) => Target::Update(super::with_scope(on, p), id),
        Target::Action { place, id, action } => Target::Action {
            place: super::with_scope(on, place),
            id,
            action,
        },
        t => t,
    };
    let allowed = match &target {
        Target::Create(p) => {
            on.r.ops.create && (on.entry.parent.is_none() || !p.parents.is_empty())
        }
        Target::Update(..) => on.r.ops.update && !on.entry.singleton,
        Target::Settings => on.r.ops.update && on.entry.singleton,
        Target::Action { action, id, place } => {
            use m3ter_models::catalogue::On as ActionOn;
            // Only an action on the root runs without the parent of a nested resource.
            let placed = on.entry.parent.is_none()
                || !place.parents.is_empty()
                || action.on == ActionOn::Root;
            placed && (action.on == ActionOn::Item) == id.is_some()
        }
    };
    if !allowed {
        return super::not_found();
    }
    view! { <FormLoader on=on target=target/> }.into_any()
}

/// Loads what the form starts from (the entity for an edit, a deleted body for a re-create).
#[component]
fn FormLoader(on: On, target: Target) -> impl IntoView {
    let c = ctx();
    let tasks = PageTasks::here();
    let query = use_query_map();
    let loaded = RwSignal::new(None::<Value>);
    let error = RwSignal::new(None::<ApiError>);
    let fields = target.fields(on);
    // "Duplicate": a create form starting from another entity's writable values.
    let copy_of = query
        .read_untracked()
        .get("copy")
        .filter(|_| matches!(target, Target::Create(_)));
    let copied = RwSignal::new(None::<String>);
    let path = match (&target, &copy_of) {
        (Target::Create(place), Some(id))
        | (Target::Update(place, id), _)
        | (
            Target::Action {
                place,
                id: Some(id),
                ..
            },
            _,
        ) => Some(paths::item(on.r, &place.parents, &place.scope, id)),
        (Target::Settings, _) => Some(paths::collection(on.r, &[], &[])),
        _ => None,
    };
    let copying = copy_of.is_some();
    let load = move || {
        let Some(path) = path.clone() else { return };
        let path = match path {
            Ok(p) => p,
            Err(e) => {
                error.set(Some(ApiError::Address(e.0)));
                return;
            }
        };
        error.set(None);
        tasks.spawn(async move {
            match fetch_entity(c.api, on, path, &[]).await {
                Ok(r) if copying => {
                    copied.set(Some(format!(
                        "Pre-filled from the {} \"{}\" (id {}). Change what must differ before creating (m3ter may require a code or name of its own): the new one gets a new id.",
                        on.noun(),
                        on.title_of(&r.json),
                        r.json.get("id").and_then(Value::as_str).unwrap_or_default()
                    )));
                    loaded.set(Some(draft_from_entity(on.r, &r.json)));
                }
                Ok(r) => loaded.set(Some(r.json)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let from_deleted = query
        .read_untracked()
        .get("from")
        .and_then(|f| {
            f.strip_prefix("deleted-")
                .and_then(|n| n.parse::<u64>().ok())
        })
        .and_then(|n| c.deleted.get(n))
        .filter(|d| d.resource == on.r.key && matches!(target, Target::Create(_)));
    let banner = from_deleted.as_ref().map(|d| {
        format!(
            "Pre-filled from the deleted {} \"{}\" (id {}). Review it before creating: the new one gets a new id.",
            on.noun(),
            on.title_of(&d.json()),
            d.json().get("id").and_then(Value::as_str).unwrap_or_default()
        )
    });
    // An edit always starts from the full entity: list rows may lack fields, and PUT replaces all.
    if target.loads() || copying {
        load();
    } else {
        let mut body = match &from_deleted {
            Some(d) => draft_from_entity(on.r, &d.json()),
            None => new_body(on.o, fields),
        };
        if let Target::Create(place) = &target {
            if let Some((key, id)) = place.parents.last() {
                naming_the_parent(on.r, on.o, (key, id), &mut body);
            }
        }
        loaded.set(Some(body));
    }
    let target = StoredValue::new(target);
    view! {
        {error_slot(error, Signal::stored(format!("Loading the {}", on.noun())), Some(Callback::new(move |_| load())))}
        {dynamic(move || match loaded.get() {
            None if error.with(Option::is_none) => view! { <p role="status">"Loading…"</p> }.into_any(),
            None => ().into_any(),
            Some(entity) => view! {
                <Editor on=on target=target.get_value() entity=entity banner=banner.clone().or_else(|| copied.get_untracked())/>
            }
            .into_any(),
        })}
    }
}
