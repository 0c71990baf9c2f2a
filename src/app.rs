//! The app: context, router, and the layout shell (header, navigation, main area, Activity panel,
//! the reconnect dialog and the live region for toasts).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Router;

use crate::components::connect::ConnectForm;
use crate::components::form::leave_guard;
use crate::components::toast::ToastRegion;
use crate::components::ui::Link;
use crate::config;
use crate::context::{ctx, Ctx};
use crate::session::storage;

#[component]
pub fn App() -> impl IntoView {
    // A start with a remembered connection made its client already: its first request is out.
    let api = crate::api::head_start::take_client()
        .unwrap_or_else(|| crate::api::Api::new(RwSignal::new(storage::load_connection())));
    let session = api.session;
    let c = Ctx::new(api);
    let (api, config) = (c.api, c.config);
    provide_context(c);
    if let Some(owner) = Owner::current() {
        provide_context(crate::names::AppOwner(owner));
    }
    spawn_local(async move {
        let cfg = config::load().await;
        if let Some(ms) = cfg.request_timeout_ms.filter(|ms| *ms > 0) {
            api.timeout_ms.set(ms);
        }
        config.set(cfg);
    });
    // The connection is stored only where the user chose (and removed everywhere else).
    Effect::new(move |_| storage::save_connection(session.get().as_ref()));
    // Signed out in another tab of this device: here too, before this tab could store the
    // connection again.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if storage::is_sign_out(&ev) && session.with_untracked(Option::is_some) {
            forget(c);
            c.toasts.show("Signed out in another tab");
        }
    });
    Effect::new(move |_| document().set_title(&config.get().title()));
    let connected = Memo::new(move |_| session.with(Option::is_some));
    // Before the router, so that it runs first on Back/Forward.
    leave_guard::install_back_guard();
    crate::split::prefetch_when_idle();

    view! {
        <Router base=config::router_base()>
            <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
            <Header/>
            <ThrottleNotice/>
            <div class="shell">
                // The navigation and the pages come once connected, with their code (`split.rs`):
                // a fresh tab starts on the connect form and loads only what that needs.
                <Show when=move || connected.get() fallback=ConnectPage>
                    {crate::split::shell()}
                </Show>
                <Show when=move || c.activity_open.get()>
                    {crate::split::activity()}
                </Show>
            </div>
            <ReauthDialog/>
            <ToastRegion toasts=c.toasts/>
        </Router>
    }
}

/// The router would treat `#main` as a navigation; move focus to the main content ourselves.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
            main.scroll_into_view();
        }
    }
}

#[component]
fn ConnectPage() -> impl IntoView {
    let toasts = ctx().toasts;
    view! {
        <main id="main" tabindex="-1">
        <section class="connect-page" aria-labelledby="connect-title">
            <h1 id="connect-title">"Connect to m3ter"</h1>
            <p>"Enter the API details of your organization. Nothing is sent anywhere but the API you name."</p>
            <ConnectForm prefix="connect" on_done=Callback::new(move |_| toasts.show("Connected"))/>
        </section>
        </main>
    }
}

/// Where the credential is kept and when it expires.
fn connection_summary() -> impl IntoView {
    let c = ctx();
    let now = RwSignal::new(crate::api::now_ms());
    // The header lives as long as the page, so the ticker does too.
    gloo_timers::callback::Interval::new(30_000, move || {
        now.try_set(crate::api::now_ms());
    })
    .forget();
    move || {
        c.api.session.with(|s| {
            s.as_ref().map(|s| {
                let host = s.base().to_owned();
                let expiry = s.expires_at_ms().map(|exp| {
                    let left = exp - now.get();
                    if left <= 0.0 {
                        "token expired".to_owned()
                    } else {
                        format!(
                            "token expires in {}",
                            crate::components::time::duration(left)
                        )
                    }
                });
                let kind = match s.credential {
                    crate::session::Credential::Token { .. } => "Token",
                    crate::session::Credential::Client { .. } => "Client credentials",
                };
                view! {
                    <p class="conn">
                        <span>"Org " <code>{s.org_id.clone()}</code></span>
                        <span>{host}</span>
                        <span>{format!("{kind} kept {}", s.keep.describe())}</span>
                        {expiry.map(|e| view! { <span>{e}</span> })}
                    </p>
                }
            })
        })
    }
}

/// Forgets the connection everywhere (memory and both storages) and what this session loaded, and
/// signs out the console's other tabs on this device.
fn sign_out() {
    let c = ctx();
    forget(c);
    storage::announce_sign_out();
    c.toasts
        .show("Signed out: the connection was removed from memory and storage");
}

fn forget(c: Ctx) {
    c.api.reauth.finish(false);
    c.api.disconnect();
    storage::wipe(true);
    c.lists.clear();
    c.names.clear();
    c.deleted.clear();
    c.api.activity.clear();
}

#[component]
fn Header() -> impl IntoView {
    let c = ctx();
    let theme = c.prefs.theme;
    let utc = c.prefs.utc;
    let sign_out = move |_| sign_out();
    view! {
        <header class="top">
            <Link href="/"><span class="brand">{move || c.config.get().title()}</span></Link>
            {connection_summary()}
            <div class="top-actions">
                <button type="button" on:click=move |_| utc.update(|u| *u = !*u) aria-pressed=move || utc.get().to_string()>
                    {move || if utc.get() { "Times: UTC" } else { "Times: local" }}
                </button>
                <button type="button" on:click=move |_| theme.update(|t| *t = t.next())>
                    {move || format!("Theme: {}", theme.get().name())}
                </button>
                <button type="button" on:click=move |_| c.activity_open.update(|o| *o = !*o) aria-expanded=move || c.activity_open.get().to_string()>
                    {move || format!("Activity ({})", c.api.activity.entries.with(|e| e.len()))}
                </button>
                <Show when=move || c.api.session.with(Option::is_some)>
                    <button type="button" on:click=sign_out>"Sign out"</button>
                </Show>
            </div>
        </header>
    }
}

/// A read waiting out a 429: what, and a countdown to its automatic retry.
#[component]
fn ThrottleNotice() -> impl IntoView {
    let throttle = ctx().api.throttle;
    let cancel = move |_| {
        throttle.update(|t| {
            if let Some(t) = t {
                t.cancelled = true;
            }
        })
    };
    view! {
        <div role="status" aria-live="polite">
            {move || throttle.get().map(|t| view! {
                <p class="banner banner-info throttle">
                    {format!("The API asked the console to slow down (429). Retrying {} in {} s…", t.what, t.seconds_left)}
                    " "
                    <button type="button" class="small" on:click=cancel>"Stop retrying"</button>
                </p>
            })}
        </div>
    }
}

/// Reopens the connect form in place when the API rejects the token; waiting requests retry after.
#[component]
fn ReauthDialog() -> impl IntoView {
    let reauth = ctx().api.reauth;
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        let open = reauth.reason.get().is_some();
        if open && !d.open() {
            let _ = d.show_modal();
        } else if !open && d.open() {
            d.close();
        }
    });
    view! {
        <dialog node_ref=dialog class="reauth" aria-labelledby="reauth-title" on:cancel=move |ev: leptos::ev::Event| {
            ev.prevent_default();
            reauth.finish(false);
        }>
            {move || reauth.reason.get().map(|why| view! {
                <h2 id="reauth-title">"Reconnect to m3ter"</h2>
                <p class="error-title" role="alert">{why}</p>
                <p class="hint">"The page and anything you typed stay as they are; the request is retried after you reconnect."</p>
                <ConnectForm prefix="reauth" submit_label="Reconnect" on_done=Callback::new(move |_| reauth.finish(true))/>
                <div class="form-actions">
                    <button type="button" on:click=move |_| reauth.finish(false)>"Cancel"</button>
                    <button type="button" on:click=move |_| sign_out()>"Sign out"</button>
                </div>
            })}
        </dialog>
    }
}
