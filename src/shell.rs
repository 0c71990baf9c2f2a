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

/// The route of a path (`base`: where the console is served, [`config::router_base`]).
pub fn route_at(path: &str, base: &str) -> Route {
    Route::parse(path.strip_prefix(base).unwrap_or(path))
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
    let route = Memo::new(move |_| location.pathname.with(|p| route_at(p, &base)));
    move || page(route.get())
}
