//! The pages, generic over the catalogue: a resource's list, an entity's detail page, the forms
//! (create, edit, settings, actions), and the recently deleted entities. Each page is a module of
//! state (what it loads and does) and small view parts; work a page starts for itself ends with
//! the page, and a write the user confirmed completes and lands in the session's state even when
//! the page is gone.

pub mod deleted;
pub mod detail;
pub mod entity;
pub mod form;
pub mod list;
pub mod related;

use leptos::prelude::*;
use m3ter_models::catalogue::Entry;
use m3ter_models::overlay::Overlay;
use m3ter_models::Resource;
use serde_json::Value;

use crate::api::{Api, ApiError, ApiRequest, ApiResponse};
use crate::routes::Place;

/// A page's resource: its facts, its entry in the index, and what the overlay says of it.
#[derive(Clone, Copy)]
pub struct On {
    pub r: &'static Resource,
    pub entry: &'static Entry,
    pub o: &'static Overlay,
}

impl On {
    pub fn of(key: &str) -> Option<On> {
        let r = m3ter_models::resource(key)?;
        Some(On {
            r,
            entry: r.entry()?,
            o: m3ter_models::resources::overlay(key),
        })
    }

    /// The noun on buttons: "meter", "schedule".
    pub fn noun(&self) -> String {
        if self.o.noun.is_empty() {
            self.entry.singular.to_ascii_lowercase()
        } else {
            self.o.noun.to_owned()
        }
    }

    /// The resource a field of this one names (`accountId` → accounts), from the catalogue or
    /// the overlay; parameters named like a field name what it names.
    pub fn field_link(&self, field: &str) -> Option<&'static str> {
        self.r
            .field(field)
            .and_then(|f| m3ter_models::overlay::link(self.o, field, f))
    }

    /// The resource a query or filter parameter names: the overlay's word for the filter, else
    /// through the field it matches (the bills filter `accountId` keeps bills whose `accountId`
    /// is…), else a field of its own name.
    pub fn param_link(
        &self,
        param: &str,
        matches: Option<&m3ter_models::catalogue::Match>,
    ) -> Option<&'static str> {
        use m3ter_models::catalogue::Match;
        if let Some(to) = self.o.filter(param).and_then(|n| n.link) {
            return Some(to);
        }
        match matches {
            Some(Match::Equals(field) | Match::Contains(field)) => self.field_link(field),
            _ => self.field_link(param),
        }
    }

    pub fn title_of(&self, v: &Value) -> String {
        m3ter_models::resources::title_of(self.r, v)
    }

    /// The button of an action: the overlay's words, else derived from its key.
    pub fn action_label(&self, a: &m3ter_models::catalogue::Action) -> String {
        self.o.action(a.key).map_or_else(
            || m3ter_models::catalogue::label::value(a.key),
            |n| n.label.to_owned(),
        )
    }

    /// The resource's note (e.g. "times are UTC"), when it has one.
    pub fn note(&self) -> Option<AnyView> {
        (!self.o.note.is_empty()).then(|| view! { <p class="note">{self.o.note}</p> }.into_any())
    }
}

pub use crate::components::ui::not_found;

/// The place with the scope values the query string gives (`?type=ACCOUNT` for resource groups).
pub fn with_scope(on: On, place: Place) -> Place {
    if on.r.scope.is_empty() {
        return place;
    }
    let query = leptos_router::hooks::use_query_map();
    place.scoped(query.with_untracked(|q| scope_values(on, q)))
}

/// The scope parameters the query string gives a value, in the resource's order.
pub fn scope_values(on: On, query: &leptos_router::params::ParamsMap) -> Vec<(String, String)> {
    on.r.scope
        .iter()
        .filter_map(|p| {
            query
                .get(p)
                .filter(|v| !v.trim().is_empty())
                .map(|v| ((*p).to_owned(), v))
        })
        .collect()
}

/// Whether a scope parameter has no value yet.
pub fn scope_missing(on: On, place: &Place) -> bool {
    on.r.scope
        .iter()
        .any(|p| !place.scope.iter().any(|(k, _)| k == p))
}

/// Fetches one entity, asking with `asks` (the overlay's, for its page); a body that is not an object (with an id, unless it is a settings object) is
/// reported as the wrong shape. The client comes in as an argument: async code has no owner to read
/// the context from.
pub async fn fetch_entity(
    api: Api,
    on: On,
    path: String,
    asks: &[(&str, &str)],
) -> Result<ApiResponse, ApiError> {
    let r = api.send(ApiRequest::get(path).asking(asks)).await?;
    let ok = if on.entry.singleton {
        r.json.is_object()
    } else {
        r.json.get("id").is_some_and(Value::is_string)
    };
    if ok {
        Ok(r)
    } else {
        Err(ApiError::Decode {
            status: r.status,
            detail: format!(
                "expected a {} (an object{})",
                on.entry.singular.to_ascii_lowercase(),
                if on.entry.singleton {
                    ""
                } else {
                    " with an id"
                }
            ),
            body: r.text,
        })
    }
}
