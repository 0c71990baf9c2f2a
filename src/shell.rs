//! The console once connected: the navigation and the page the path names (`page` says which code
//! shows it: `split::page`). It is code the connect form does not need, so it is loaded on demand
//! (`split.rs`) with the catalogue's index.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use crate::config;
use crate::nav::Nav;
use crate::routes::Route;

pub fn shell(page: fn(Route) -> AnyView) -> AnyView {
    view! {
        <Nav/>
        <main id="main" tabindex="-1">
            <Pages page=page/>
        </main>
    }
    .into_any()
}

/// The current page. Rebuilt only when the path changes, not the query string (list filters).
#[component]
fn Pages(page: fn(Route) -> AnyView) -> impl IntoView {
    let location = use_location();
    let base = config::router_base();
    // The router puts a link's URL in the address bar only when told the new page is ready
    // (`<Routes>` did this); the page is built synchronously, so as soon as the path changes.
    let browser = use_context::<BrowserUrl>();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(b) = &browser {
            b.ready_to_complete();
        }
    });
    let route = Memo::new(move |_| {
        location.pathname.with(|p| {
            let p = p.strip_prefix(base.as_str()).unwrap_or(p);
            Route::parse(p)
        })
    });
    move || page(route.get())
}
