//! A resource's list page: its state (`state`), the server-side filters and page size in the URL
//! (`filters`), and the table with paging (`view`); what it does only when asked (sorting, Load
//! all, an id filter's names) is in `tools`, loaded on first use. A resource that lives under
//! another one is listed under a chosen parent (`pick_parent`).

mod filters;
pub mod pick_parent;
mod state;
mod tools;
mod view;

use leptos::prelude::*;

use super::On;
use crate::routes::Place;

pub use view::{columns, ListView};

/// Which list page a place opens. Most are [`page`]; a nested resource opened without its parent
/// and a scoped one are rarer, and their code is not in a list start's (`crate::split`).
pub enum Kind {
    Plain,
    PickParent(On),
    Scoped(On),
}

pub fn kind(place: &Place) -> Kind {
    let Some(on) = On::of(place.key).filter(|on| on.r.ops.list) else {
        return Kind::Plain;
    };
    match (on.entry.parent, place.parents.is_empty()) {
        (Some(_), true) => Kind::PickParent(on),
        _ if !on.r.scope.is_empty() => Kind::Scoped(on),
        _ => Kind::Plain,
    }
}

/// Sends the first page's request of the list at `place` (`get` reads the URL's query) before the
/// app is mounted: a start with a remembered connection (`crate::api::head_start`). The page takes
/// the answer when it is built.
pub fn head_start(api: crate::api::Api, place: &Place, get: &dyn Fn(&str) -> Option<String>) {
    let Some(on) = On::of(place.key).filter(|on| on.r.ops.list) else {
        return;
    };
    if !matches!(kind(place), Kind::Plain) {
        return;
    }
    let filters = filters::parse(on, get);
    if filters::problem(on, &filters).is_some() {
        return;
    }
    let size = filters::page_size(on, get);
    if let Ok(req) = state::page_request(on, place, size, &filters, None) {
        crate::api::head_start::send(api, req);
    }
}

/// `/{resource}` and `/{parent}/{id}/{resource}`: a [`Kind::Plain`] list.
pub fn page(place: Place) -> AnyView {
    let Some(on) = On::of(place.key) else {
        return super::not_found();
    };
    if !on.r.ops.list {
        // The resource's own actions are then the ways to find its entities.
        let finders =
            on.r.actions
                .iter()
                .any(|a| a.on != m3ter_models::catalogue::On::Item);
        let how = if finders {
            "find them with the actions here, or open one from the page it belongs to"
        } else {
            "open one from the page it belongs to"
        };
        return view! {
            <h1>{on.entry.plural}</h1>
            <p>{format!("m3ter does not list {}: {how}.", on.entry.plural.to_ascii_lowercase())}</p>
            {view::create_links(on, &place)}
        }
        .into_any();
    }
    // The other kinds are opened by `crate::split::list` with their own code, not from here:
    // naming them here would put their code in the list start's module.
    view! { <ListView on=on place=place/> }.into_any()
}

/// A resource listed within a scope (`resourcegroups/{type}`): the scope's values are asked for,
/// kept in the query string, and the list follows them.
pub fn scoped(on: On, place: Place) -> AnyView {
    view! { <Scoped on=on place=place/> }.into_any()
}

#[component]
fn Scoped(on: On, place: Place) -> impl IntoView {
    use leptos_router::hooks::{use_navigate, use_query_map};
    use leptos_router::NavigateOptions;

    use crate::components::ui::dynamic;
    use crate::routes::Route;

    let query = use_query_map();
    let navigate = use_navigate();
    let values: Vec<(&'static str, RwSignal<String>)> =
        on.r.scope
            .iter()
            .map(|p| {
                (
                    *p,
                    RwSignal::new(query.read_untracked().get(p).unwrap_or_default()),
                )
            })
            .collect();
    let inputs = values
        .iter()
        .map(|(p, v)| {
            let (id, v) = (format!("scope-{p}"), *v);
            view! {
                <div class="form-field">
                    <label for=id.clone()>{m3ter_models::catalogue::label::field(p)}</label>
                    <input id=id type="text" spellcheck="false" prop:value=v on:input=move |ev| v.set(event_target_value(&ev))/>
                </div>
            }
        })
        .collect_view();
    let values = StoredValue::new(values);
    let base = StoredValue::new(place);
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q: Vec<(String, String)> = values.with_value(|vs| {
            vs.iter()
                .map(|(p, v)| ((*p).to_owned(), v.get_untracked().trim().to_owned()))
                .collect()
        });
        let to = base.with_value(|p| Route::List(p.clone()).with_query(&q));
        navigate(&to, NavigateOptions::default());
    };
    let scope = Memo::new(move |_| query.with(|q| super::scope_values(on, q)));
    // The page's heading until the list (which has its own) is shown.
    let listed = move || scope.with(Vec::len) >= on.r.scope.len();
    view! {
        {move || (!listed()).then(|| view! { <h1>{on.entry.plural}</h1> })}
        <form class="inline-form" on:submit=show aria-label=format!("Which {}", on.entry.plural.to_ascii_lowercase())>
            {inputs}
            <button type="submit">{format!("Show {}", on.entry.plural.to_ascii_lowercase())}</button>
        </form>
        {dynamic(move || {
            let scope = scope.get();
            if scope.len() < on.r.scope.len() {
                return view! { <p class="hint">{format!("{} are listed by {}: enter it above.", on.entry.plural, on.r.scope.join(", "))}</p> }.into_any();
            }
            let place = base.get_value().scoped(scope);
            view! { <ListView on=on place=place/> }.into_any()
        })}
    }
}
