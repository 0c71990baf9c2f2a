//! The m3ter resources, joined up: routes, list and detail pages generated from each resource's
//! metadata, and the few things particular to one resource (a balance's transaction schedules,
//! cancelling a statement job).

pub mod deleted;
pub mod detail_page;
pub mod entity_view;
pub mod form_page;
pub mod list_page;
pub mod transaction_schedules;

use leptos::prelude::*;
use m3ter_models::{resource, ResourceMeta};
use serde_json::Value;

use crate::api::encode;

/// How an entity is named in headings, links and dialogs: its title field, else code, else id.
pub fn title_of(meta: &ResourceMeta, v: &Value) -> String {
    [meta.title_field, "name", "code", "id"]
        .iter()
        .find_map(|k| {
            v.get(*k)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
        .map(str::to_owned)
        .unwrap_or_else(|| "(no name)".into())
}

/// The text of a link to a filtered list: "Meters with this product" (from the field "Product" or
/// "Products").
pub fn filter_link_label(resource_key: &str, field_label: &str) -> String {
    let plural = resource(resource_key)
        .map(|m| m.plural)
        .unwrap_or("Related");
    let noun = field_label.to_ascii_lowercase();
    let noun = noun.strip_suffix('s').unwrap_or(&noun);
    format!("{plural} with this {noun}")
}

/// The resource's note (e.g. "times are UTC"), when it has one.
pub fn note(meta: &ResourceMeta) -> Option<AnyView> {
    (!meta.note.is_empty()).then(|| view! { <p class="note">{meta.note}</p> }.into_any())
}

/// The parent id of a nested entity: the field named like the parent's path parameter.
pub fn parent_of(meta: &ResourceMeta, v: &Value) -> Option<String> {
    let (_, param) = meta.parent?;
    v.get(param).and_then(Value::as_str).map(str::to_owned)
}

/// The console route of an entity's page.
pub fn entity_href(meta: &ResourceMeta, v: &Value, parent: Option<&str>) -> Option<String> {
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())?;
    match meta.parent {
        None => Some(format!("/{}/{}", meta.key, encode(id))),
        Some((parent_key, _)) => {
            let parent = parent_of(meta, v).or_else(|| parent.map(str::to_owned))?;
            Some(format!(
                "/{parent_key}/{}/{}/{}",
                encode(&parent),
                meta.key,
                encode(id)
            ))
        }
    }
}

/// Fetches one entity; a body that is not an object with an id is reported as the wrong shape.
/// (Async code has no reactive owner, so the client comes in as an argument, not from the context.)
pub async fn fetch_entity(
    api: crate::api::Api,
    meta: &ResourceMeta,
    path: String,
) -> Result<crate::api::ApiResponse, crate::api::ApiError> {
    let r = api.send(crate::api::ApiRequest::get(path)).await?;
    if r.json.get("id").is_some_and(Value::is_string) {
        Ok(r)
    } else {
        Err(crate::api::ApiError::Decode {
            status: r.status,
            detail: format!(
                "expected a {} (an object with an id)",
                meta.singular.to_ascii_lowercase()
            ),
            body: r.text,
        })
    }
}

/// The API path of one entity.
pub fn item_path(meta: &ResourceMeta, parent: Option<&str>, id: &str) -> Option<String> {
    Some(format!("{}/{}", meta.collection_path(parent)?, encode(id)))
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. Choose a resource from the navigation."</p>
    }
}

/// `/:resource`: the list page of any resource.
#[component]
pub fn ListRoute(resource: String) -> impl IntoView {
    match self::resource(&resource) {
        Some(meta) if meta.parent.is_some() => {
            view! { <transaction_schedules::AcrossBalance meta=meta/> }.into_any()
        }
        Some(meta) => view! { <list_page::ListPage meta=meta/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

/// `/:resource/:id`: the detail page of any top-level resource.
#[component]
pub fn DetailRoute(resource: String, id: String) -> impl IntoView {
    match self::resource(&resource).filter(|m| m.parent.is_none()) {
        Some(meta) => view! { <detail_page::DetailPage meta=meta id=id/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}
