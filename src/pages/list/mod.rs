//! A resource's list page: its state (`state`), the server-side filters and page size in the URL
//! (`filters`), and the table with paging (`view`). A resource that lives under another one is
//! listed under a chosen parent (`pick_parent`).

mod filters;
mod pick_parent;
mod state;
mod view;

use leptos::prelude::*;

use super::On;
use crate::routes::Place;

pub use view::ListView;

/// `/{resource}` and `/{parent}/{id}/{resource}`.
pub fn page(place: Place) -> AnyView {
    let Some(on) = On::of(place.key) else {
        return super::not_found();
    };
    if !on.r.ops.list {
        return view! {
            <h1>{on.entry.plural}</h1>
            <p>{format!("m3ter does not list {}: open one from the page it belongs to.", on.entry.plural.to_ascii_lowercase())}</p>
        }
        .into_any();
    }
    match (on.entry.parent, place.parents.is_empty()) {
        (Some(_), true) => pick_parent::page(on),
        _ => view! { <ListView on=on place=place/> }.into_any(),
    }
}
