//! Pages whose code is not in the first load.
//!
//! In the release build (`cfg(m3ter_split)`, set by `build.rs` when `cargo xtask` builds the site),
//! the functions marked `wasm_split` below are linked into two wasm modules: `shell` (the
//! navigation, the page dispatcher and the list pages, which only the dispatcher reaches: what a
//! connected start shows first) and
//! `pages` (detail, form and recently deleted pages, the Activity panel, and the rare list pages:
//! a nested resource's parent picker, a scoped list). Each is fetched the first time one of its
//! pages opens, or earlier, when the browser is idle after start ([`prefetch_when_idle`]). Other
//! builds (tests, `trunk serve`) call them directly. Code only these pages use moves with them;
//! what the header and the connect form also use stays in the main module. With the token kept in
//! memory (the default) every fresh tab starts on the connect form, so the shell is fetched while
//! the user fills it in.
//!
//! Two modules, not one a page kind: code shared by several modules goes into a chunk for each
//! combination, and every chunk boundary costs calls through the table and their glue. Five
//! modules (shell, lists, details, forms, activity) made a list start 7.7 kB larger and the whole
//! console 21.7 kB larger (gzip); a deep-linked detail page now loads the forms' code too.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::activity_panel::ActivityPanel;
use crate::routes::{Place, Route};

/// A split module could not be fetched (offline, or the site was redeployed meanwhile).
pub struct NotLoaded;

#[cfg(m3ter_split)]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Loaded = Result<AnyView, NotLoaded>;

/// A function linked into split module `$module` in the release build (`$preload` fetches it); a
/// plain function otherwise.
macro_rules! split {
    ($module:ident, $preload:ident, $(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg_attr(
            m3ter_split,
            leptos::wasm_split::wasm_split(
                $module,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload($preload)
            )
        )]
        fn $name($($arg: $ty),*) -> $ret $body
    };
}

split! {
    shell, preload_shell,
    /// The navigation and the page dispatcher, once connected.
    fn shell_view() -> Loaded {
        Ok(crate::shell::shell(page))
    }
}

split! {
    shell, preload_head_start,
    /// Sends the first request of the page the address names, before the app is mounted
    /// (`api::head_start`). It reads the catalogue, so it is in the shell's module.
    fn head_start_in_shell(api: crate::api::Api) -> Result<(), NotLoaded> {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        if let Ok(url) = BrowserUrl::current() {
            if let Route::List(place) = crate::shell::route_at(url.path(), &crate::config::router_base()) {
                crate::pages::list::head_start(api, &place, &|k| url.search_params().get(k));
            }
        }
        Ok(())
    }
}

/// The page a route names, with the module that holds its code (loaded on demand).
fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <crate::nav::Overview/> }.into_any(),
        Route::NotFound => crate::components::ui::not_found(),
        Route::List(place) => list(place),
        route @ (Route::New(_)
        | Route::Edit(..)
        | Route::Action { .. }
        | Route::SettingsEdit(_)) => form(route),
        route @ (Route::Detail(..)
        | Route::Settings(_)
        | Route::DeletedList
        | Route::Deleted(_)) => detail(route),
    }
}

split! {
    pages, preload_parent_picker,
    /// A nested resource opened without its parent: the parent is chosen first (in the pages' module,
    /// not the shell's: a list start does not need it).
    fn parent_picker_page(on: crate::pages::On) -> Loaded {
        Ok(crate::pages::list::pick_parent::page(on))
    }
}

split! {
    pages, preload_scoped_list,
    /// A resource listed within a scope (resource groups of a type): in the pages' module, for the
    /// same reason.
    fn scoped_list_page(on: crate::pages::On, place: Place) -> Loaded {
        Ok(crate::pages::list::scoped(on, place))
    }
}

split! {
    pages, preload_forms,
    /// Create and edit forms, settings edits and action forms.
    fn form_page(route: Route) -> Loaded {
        Ok(crate::pages::form::page(route))
    }
}

split! {
    pages, preload_details,
    /// Detail pages, settings objects and the recently deleted ones (they share the entity view).
    fn detail_page(route: Route) -> Loaded {
        Ok(crate::pages::detail::page(route))
    }
}

split! {
    pages, preload_activity,
    /// The Activity panel (requests made, with curl), opened from the header.
    fn activity_panel() -> Loaded {
        Ok(view! { <ActivityPanel/> }.into_any())
    }
}

type Pending = Pin<Box<dyn Future<Output = Loaded> + Send>>;

#[cfg(m3ter_split)]
macro_rules! later {
    ($call:expr) => {
        Box::pin(async move { $call.await })
    };
}
#[cfg(not(m3ter_split))]
macro_rules! later {
    ($call:expr) => {
        Box::pin(async move { $call })
    };
}

/// The connected console, once its code is here (with the list pages': nearly every connected
/// start shows a list next).
pub fn shell() -> AnyView {
    on_demand(Arc::new(|| later!(shell_view())))
}

/// A start with a remembered connection: once the shell's code is here, the page's first request
/// is sent (`api::head_start`), and the app is mounted when its answer is in (the client made with
/// `mount` as what follows) or [`ANSWER_WAIT_MS`] have passed. `start` calls this before anything
/// is drawn.
pub fn start_connected(api: crate::api::Api, mount: fn()) {
    leptos::task::spawn_local(async move {
        // Mounted meanwhile (the code was slow): the page sends its own request.
        #[cfg(m3ter_split)]
        if preload_shell().await.is_ok() && crate::api::head_start::before_app() {
            let _ = head_start_in_shell(api).await;
        }
        #[cfg(not(m3ter_split))]
        let _ = head_start_in_shell(api);
        if crate::api::head_start::sent() {
            gloo_timers::callback::Timeout::new(ANSWER_WAIT_MS, mount).forget();
        } else {
            mount();
        }
    });
}

/// How long a connected start holds the page for its first answer. Drawn with the page, a quick
/// answer costs one layout instead of two (about 35 ms on a 2-core machine) and the empty table
/// never flashes; a slower one travels while the page is built.
pub const ANSWER_WAIT_MS: u32 = 50;

/// How long a connected start waits for the shell's code before it shows the header alone.
pub const SHELL_WAIT_MS: u32 = 400;

/// A list page. Plain lists are in the shell's module, which is running this: called directly, they
/// are drawn with the navigation, not a promise later. The rare ones (a parent to choose first, a
/// scope) are in the pages' module: a list start does not need their code.
fn list(place: Place) -> AnyView {
    use crate::pages::list::{kind, Kind};
    match kind(&place) {
        Kind::PickParent(on) => parent_picker(on),
        Kind::Scoped(on) => scoped_list(on, place),
        Kind::Plain => crate::pages::list::page(place),
    }
}

/// The parent picker of a nested resource's list, once its code is here.
fn parent_picker(on: crate::pages::On) -> AnyView {
    on_demand(Arc::new(move || later!(parent_picker_page(on))))
}

/// The list of a scoped resource, once its code is here.
fn scoped_list(on: crate::pages::On, place: Place) -> AnyView {
    on_demand(Arc::new(move || {
        let place = place.clone();
        later!(scoped_list_page(on, place))
    }))
}

/// A form page, once its code is here.
pub fn form(route: Route) -> AnyView {
    on_demand(Arc::new(move || {
        let route = route.clone();
        later!(form_page(route))
    }))
}

/// A detail page (a settings object, a recently deleted one), once its code is here.
pub fn detail(route: Route) -> AnyView {
    on_demand(Arc::new(move || {
        let route = route.clone();
        later!(detail_page(route))
    }))
}

/// The Activity panel, once its code is here.
pub fn activity() -> AnyView {
    on_demand(Arc::new(|| later!(activity_panel())))
}

/// Shows what `load` gives: nothing while it is quick, "Loading…" while it is not (and after a few
/// seconds, that the connection may be the trouble), and an alert with Retry when the code cannot
/// be fetched. Not generic, so it is compiled once.
fn on_demand(load: Arc<dyn Fn() -> Pending + Send + Sync>) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let loading = RwSignal::new(true);
    let slow = RwSignal::new(false);
    let page = move || {
        let this = attempt.get();
        loading.set(true);
        slow.set(false);
        // The page may be gone by then (signals disposed): only the `try_` forms.
        gloo_timers::callback::Timeout::new(SLOW_MS, move || {
            if loading.try_get_untracked() == Some(true)
                && attempt.try_get_untracked() == Some(this)
            {
                slow.try_set(true);
            }
        })
        .forget();
        let pending = load();
        Suspend::new(async move {
            let loaded = pending.await;
            loading.try_set(false);
            match loaded {
                Ok(view) => view,
                Err(NotLoaded) => view! {
                    <div class="error-panel" role="alert">
                        <p class="error-title">
                            <strong>"Opening this page failed. "</strong>
                            "Its code could not be downloaded."
                        </p>
                        <p class="error-advice">
                            "Check the connection and retry. If the console was updated meanwhile, reload the page."
                        </p>
                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Retry"</button>
                    </div>
                }
                .into_any(),
            }
        })
    };
    let status = move || {
        if slow.get() {
            "Still loading this page's code: the connection may be slow or lost. Reload the page if it does not come."
        } else {
            "Loading…"
        }
    };
    view! {
        <p class="status-line" role="status" hidden=move || !loading.get()>{status}</p>
        {page}
    }
    .into_any()
}

/// How long loading a page's code may take before the console says it is slow.
const SLOW_MS: u32 = 8_000;

/// The global through which the split modules' loader reaches this module's exports (memory and
/// function table). Set before the app mounts: a deep link renders a split page during start-up,
/// before Trunk's bootstrap has published anything (`xtask/src/split.rs` points the loader here).
pub fn publish_exports() {
    #[cfg(m3ter_split)]
    {
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &wasm_bindgen::JsValue::from_str("__m3terWasmExports"),
            &wasm_bindgen::exports(),
        );
    }
}

/// Fetches the split pages' code once the browser is idle, so opening one does not wait for it.
/// Called once, at start, whatever the first page is (the shell first: it comes after connecting).
pub fn prefetch_when_idle() {
    #[cfg(m3ter_split)]
    {
        use wasm_bindgen::prelude::*;
        let fetch = Closure::once_into_js(|| {
            leptos::task::spawn_local(async {
                // A failure here is not shown: opening the page tries again and says so.
                let _ = preload_shell().await;
                // The other pages and the Activity panel: one module.
                let _ = preload_details().await;
            })
        });
        if let Some(w) = web_sys::window() {
            // Safari has no requestIdleCallback: a second after start will do there.
            if w.request_idle_callback(fetch.unchecked_ref()).is_err() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    fetch.unchecked_ref(),
                    1000,
                );
            }
        }
    }
}
