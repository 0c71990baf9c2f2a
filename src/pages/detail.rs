//! An entity's page (or a settings object's): shown at once from a list row when we have it, then
//! refreshed; copy, download and "Copy as curl"; Edit; Delete and the entity's actions behind a
//! confirmation that names it; its child lists and the lists that take its id.
//!
//! Loading ends with the page. A delete or action the user confirmed completes even when they left:
//! its result lands in the session (Recently deleted, the list cache, a toast), never in the page
//! they went to.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use m3ter_models::catalogue::{Action, Answer, Method, On as ActionOn};
use serde_json::Value;

use super::entity::{copy_with_toast, Body, BodyActions, EntityTabs};
use super::{fetch_entity, On};
use crate::api::curl::{render, CurlRequest};
use crate::api::{paths, url_for, ApiError, ApiRequest, Method as HttpMethod};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::download::{expires_ms, url_in, DownloadLink};
use crate::components::error_view::error_slot;
use crate::components::json_view::JsonView;
use crate::components::ui::{dynamic, Link};
use crate::context::ctx;
use crate::routes::{Place, Route};
use crate::task::PageTasks;

pub fn page(route: Route) -> AnyView {
    match route {
        Route::Detail(place, id) => match On::of(place.key) {
            Some(on) if !on.entry.singleton => {
                let place = super::with_scope(on, place);
                view! { <DetailPage on=on place=place id=Some(id)/> }.into_any()
            }
            _ => super::not_found(),
        },
        Route::Settings(key) => match On::of(key) {
            Some(on) if on.entry.singleton => {
                view! { <DetailPage on=on place=Place::top(key) id=None/> }.into_any()
            }
            _ => super::not_found(),
        },
        Route::DeletedList => super::deleted::list(),
        Route::Deleted(n) => super::deleted::view(n),
        _ => super::not_found(),
    }
}

/// What the confirmation is for.
#[derive(Clone, Copy, PartialEq)]
enum Pending {
    Delete,
    Action(&'static Action),
}

/// Facts that name an entity in a confirmation.
fn facts(on: On, b: &Body) -> Vec<(String, String)> {
    let mut f = Vec::new();
    // A title made of several fields (a bill's account and period) is a fact of its own.
    if let Some(title) = on.o.title_from.and_then(|t| t(&b.json)) {
        f.push((on.entry.singular.to_owned(), title));
    }
    let title_key = if on.o.title.is_empty() {
        "name"
    } else {
        on.o.title
    };
    for key in [title_key, "name", "code"] {
        if let (Some(v), false) = (
            b.json.get(key).and_then(Value::as_str),
            f.iter().any(|(k, _): &(String, String)| k == key),
        ) {
            let label = on.r.field(key).map_or_else(
                || key.to_owned(),
                |fd| crate::components::field::FieldRef::top(on.o, fd).label(),
            );
            f.push((label, v.to_owned()));
        }
    }
    for (key, v) in b.json.as_object().into_iter().flatten() {
        if key.to_ascii_lowercase().ends_with("status") {
            if let Some(v) = v.as_str() {
                f.push(("Status".to_owned(), v.to_owned()));
            }
        }
    }
    if !b.id().is_empty() {
        f.push(("ID".to_owned(), b.id()));
    }
    f
}

#[component]
fn DetailPage(on: On, place: Place, id: Option<String>) -> impl IntoView {
    let c = ctx();
    let tasks = PageTasks::here();
    let navigate = use_navigate();
    // m3ter lists some resources without a request that reads one (transactions, marketplace
    // usage reports): their rows, as listed, are all there is.
    let readable = singleton_or_read(on);
    if let Some(id) = &id {
        provide_context(crate::components::value::Here(place.clone(), id.clone()));
    }
    let cached = id
        .as_ref()
        .and_then(|id| c.lists.find_row(on.r.key, id))
        .map(|v| Body {
            text: v.to_string(),
            json: v,
            from_list: readable,
        });
    let body = RwSignal::new(cached);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let banner = RwSignal::new(None::<String>);
    let singleton = on.entry.singleton;
    let path = match &id {
        Some(id) => paths::item(on.r, &place.parents, &place.scope, id),
        None => paths::collection(on.r, &[], &[]),
    };
    let place = StoredValue::new(place);
    let id = StoredValue::new(id);

    // An entity moving on its own (a job pending or running) is read again, quietly, until it
    // settles: after 1 s, then 2, 4, and every 8 s, only while its page is open.
    let forms = m3ter_models::resources::forms(on.r.key);
    let moving = move || body.with(|b| b.as_ref().is_some_and(|b| forms.is_under_way(&b.json)));
    let checks = StoredValue::new(0u32);
    let checking = StoredValue::new(false);
    // Asks for another check when one was dropped (see below).
    let again = RwSignal::new(0u32);

    // Reads the entity: at once and saying so, or (`wait` ms later) quietly, as a check.
    let stored_path = StoredValue::new(path.clone());
    let read_entity = move |wait: u32| {
        if !readable {
            return;
        }
        let p = match stored_path.get_value() {
            Ok(p) => p,
            Err(e) => {
                error.set(Some(ApiError::Address(e.0)));
                return;
            }
        };
        let quiet = wait > 0;
        if !quiet {
            loading.set(true);
            error.set(None);
        }
        let before = quiet
            .then(|| body.with_untracked(|b| b.as_ref().map(|b| b.text.clone())))
            .flatten();
        tasks.spawn(async move {
            if quiet {
                gloo_timers::future::TimeoutFuture::new(wait).await;
            }
            let r = fetch_entity(c.api, on, p, on.o.asks.item).await;
            // A check whose entity the page changed meanwhile (an action's answer, a reload)
            // may be older than it: dropped, and the next check decides.
            let stale = quiet
                && !body
                    .try_with_untracked(|b| b.as_ref().map(|b| &b.text) == before.as_ref())
                    .unwrap_or(false);
            if quiet {
                checking.try_set_value(false);
            } else {
                loading.try_set(false);
            }
            match r {
                Ok(_) if stale => {
                    again.try_update(|n| *n = n.wrapping_add(1));
                }
                Ok(r) => {
                    c.lists.replace_row(on.r.key, &r.json);
                    body.try_set(Some(Body::from_api(r.text, r.json)));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let load = move || read_entity(0);
    load();
    if forms.under_way.is_some() {
        Effect::new(move |_| {
            again.track();
            if !moving() || checking.get_value() {
                return;
            }
            checking.set_value(true);
            let n = checks.get_value();
            checks.set_value(n.saturating_add(1));
            read_entity(1000 << n.min(3));
        });
    }
    let watch_line = move || {
        if moving() {
            "Under way: this page reads it again every few seconds until it finishes."
        } else if checks.get_value() > 0 {
            "Finished."
        } else {
            ""
        }
    };

    // Delete and actions, through one confirmation dialog.
    let confirm = RwSignal::new(None::<Confirmation>);
    let pending = RwSignal::new(Pending::Delete);
    let working = RwSignal::new(false);
    let action_error = RwSignal::new(None::<ApiError>);
    // The answer of a download action run from here: a short-lived link.
    let download = RwSignal::new(None::<(&'static Action, Value)>);
    let ask = move |what: Pending| {
        let Some(b) = body.get_untracked() else {
            return;
        };
        pending.set(what);
        action_error.set(None);
        confirm.set(Some(match what {
            Pending::Delete => Confirmation {
                title: format!("Delete this {}?", on.noun()),
                facts: facts(on, &b),
                warning: "m3ter deletes it at once. The body it returns is kept in this tab under Recently deleted.".into(),
                confirm_label: format!("Delete {}", on.noun()),
            },
            Pending::Action(a) => {
                let label = on.action_label(a);
                Confirmation {
                    title: format!("{label}?"),
                    facts: facts(on, &b),
                    warning: m3ter_models::resources::forms(on.r.key).confirm_or(a.key, || {
                        format!("This runs {} on it in m3ter.", label.to_ascii_lowercase())
                    }),
                    confirm_label: label,
                }
            }
        }));
    };
    // Runs once per confirmation. Not tied to the page: what the user confirmed completes.
    let run = {
        let navigate = navigate.clone();
        let path = path.clone();
        Callback::new(move |_| {
            let Ok(p) = path.clone() else { return };
            working.set(true);
            action_error.set(None);
            let what = pending.get_untracked();
            let (parents, scope) = place.with_value(|pl| {
                let parents: Vec<(String, String)> = pl
                    .parents
                    .iter()
                    .map(|(k, id)| ((*k).to_owned(), id.clone()))
                    .collect();
                (parents, pl.scope.clone())
            });
            let entity_id = id.get_value().unwrap_or_default();
            let navigate = navigate.clone();
            spawn_local(async move {
                let req = match what {
                    Pending::Delete => ApiRequest::new(HttpMethod::Delete, p),
                    Pending::Action(a) => {
                        ApiRequest::new(method_of(a.method), format!("{p}/{}", a.path))
                    }
                };
                let result = c.api.send(req).await;
                // The session's state first: it is there whether or not the page still is.
                let still_here = working.try_set(false).is_none();
                match (what, result) {
                    (Pending::Delete, Ok(r)) => {
                        let n = c.deleted.add(on.r.key, parents, scope, r.text);
                        c.lists.remove_row(on.r.key, &entity_id);
                        c.toasts.show(format!("{} deleted", on.entry.singular));
                        if still_here {
                            confirm.try_set(None);
                            navigate(
                                &Route::Deleted(n.to_string()).href(),
                                NavigateOptions::default(),
                            );
                        }
                    }
                    (Pending::Action(a), Ok(r)) if !on.o.changes_state(a) => {
                        if still_here {
                            download.try_set(Some((a, r.json)));
                        }
                    }
                    (Pending::Action(a), Ok(r)) => {
                        if r.json.get("id").is_some() {
                            c.lists.replace_row(on.r.key, &r.json);
                        }
                        let label = on.action_label(a);
                        c.toasts.show(format!("{label}: done"));
                        if still_here {
                            let status = r
                                .json
                                .as_object()
                                .into_iter()
                                .flatten()
                                .find(|(k, _)| k.ends_with("Status") || *k == "status")
                                .and_then(|(_, v)| v.as_str())
                                .map(|s| format!(" Its status is now {s}."))
                                .unwrap_or_default();
                            banner.try_set(Some(format!(
                                "{label}: done at {}.{status} This is the body m3ter returned.",
                                crate::components::time::local_text(crate::api::now_ms() as i64)
                            )));
                            if r.json.get("id").is_some_and(Value::is_string) {
                                body.try_set(Some(Body::from_api(r.text, r.json)));
                            }
                            confirm.try_set(None);
                        }
                    }
                    (_, Err(e)) => {
                        if action_error.try_set(Some(e.clone())).is_some() {
                            c.toasts
                                .error(format!("{}: {}", on.entry.singular, e.headline()));
                        }
                    }
                }
            });
        })
    };

    // A reading action with nothing to ask (a download link) runs at once, without a confirmation.
    let read = move |a: &'static Action| {
        if working.get_untracked() {
            return;
        }
        pending.set(Pending::Action(a));
        download.set(None);
        run.run(());
    };
    let include_token = RwSignal::new(false);
    let copy_curl = {
        let path = path.clone();
        move |_| {
            let (Ok(p), Some(conn)) = (path.clone(), c.api.session.get_untracked()) else {
                return;
            };
            // The request this page made, asks included.
            let url = url_for(&conn, &ApiRequest::get(p).asking(on.o.asks.item));
            let text = render(
                &CurlRequest {
                    method: "GET",
                    url: &url,
                    token: conn.token(),
                    body: None,
                    content_type: None,
                    basic_auth: false,
                },
                include_token.get_untracked(),
            );
            copy_with_toast(text, "the request as curl");
        }
    };
    let body_signal = Signal::derive(move || {
        body.get().unwrap_or(Body {
            text: "null".into(),
            json: Value::Null,
            from_list: true,
        })
    });
    let title = move || {
        body.with(|b| {
            b.as_ref()
                .filter(|_| !singleton)
                .map(|b| on.title_of(&b.json))
                .unwrap_or_else(|| id.get_value().unwrap_or_else(|| on.entry.plural.to_owned()))
        })
    };
    let action_name = Signal::derive(move || match pending.get() {
        Pending::Delete => format!("Deleting the {}", on.noun()),
        Pending::Action(a) => on.action_label(a),
    });

    view! {
        <article class="detail-page">
            <header class="page-head">
                <p class="kicker">{if singleton { "Settings" } else { on.entry.singular }}</p>
                <h1>{title}</h1>
                // The id under the heading, unless the heading is the id (an entity without a name).
                {move || id.get_value().filter(|i| *i != title()).map(|i| view! { <p class="ids"><span class="sr-only">"ID "</span><code class="id">{i}</code></p> })}
            </header>
            {on.note()}
            <p class="status-line" role="status">{move || if loading.get() {
                if body.with(Option::is_some) { "Refreshing…" } else { "Loading…" }
            } else { watch_line() }}</p>
            {move || banner.get().map(|b| view! { <p class="banner banner-info">{b}</p> })}
            // A reading action's failure (no dialog is open to show it in).
            {dynamic(move || if confirm.with(Option::is_none) && action_error.with(Option::is_some) {
                error_slot(action_error, action_name, None).into_any()
            } else {
                ().into_any()
            })}
            {move || download.get().map(|(a, json)| {
                let link = url_in(&json).map(|u| {
                    let expires = expires_ms(&u, &json);
                    view! { <DownloadLink url=u expires=expires again=Some(Callback::new(move |_| read(a)))/> }.into_any()
                });
                view! {
                    <section class="banner banner-info answer" role="status">
                        <h2>{on.action_label(a)}</h2>
                        {link.unwrap_or_else(|| view! { <p class="unexpected">"m3ter answered without a link to download from."</p><JsonView text=json.to_string() label="The answer as JSON"/> }.into_any())}
                    </section>
                }
            })}
            {error_slot(error, Signal::stored(format!("Loading the {}", on.noun())), Some(Callback::new(move |_| load())))}
            {(!readable).then(|| unreadable(on, &place.get_value(), body.with_untracked(Option::is_some)))}
            {dynamic(move || {
                if body.with(Option::is_none) {
                    return ().into_any();
                }
                let actions = action_bar(on, place, id, body, working, ask, read);
                view! {
                    <div class="actions" role="group" aria-label="Actions">
                        {actions}
                        <BodyActions on=on body=body_signal/>
                        {readable.then(|| view! {
                            <button type="button" on:click=copy_curl.clone()>"Copy as curl"</button>
                            <label class="choice" for="curl-include-token">
                                <input type="checkbox" id="curl-include-token" prop:checked=move || include_token.get() on:change=move |ev| include_token.set(event_target_checked(&ev))/>
                                "include token"
                            </label>
                        })}
                    </div>
                    <EntityTabs on=on body=body_signal>
                        {move || id.get_value().map(|i| super::related::related(on, &place.get_value(), &i))}
                    </EntityTabs>
                }
                .into_any()
            })}
            <ConfirmDialog open=confirm busy=working.into() on_confirm=run error=action_error action=action_name/>
        </article>
    }
}

/// Whether m3ter can read the entity by itself (a settings object always can).
fn singleton_or_read(on: On) -> bool {
    on.entry.singleton || on.r.ops.retrieve
}

/// What the page says of an entity m3ter cannot read by itself: shown as its list gave it, or,
/// when no list in this tab has it (a link opened anew), where to find it.
fn unreadable(on: On, place: &Place, shown: bool) -> AnyView {
    let list = Route::List(place.clone()).href();
    if shown {
        view! { <p class="hint">{format!("As listed: m3ter has no request that reads one {} by itself.", on.noun())}</p> }.into_any()
    } else {
        view! {
            <div class="error-panel" role="alert">
                <p>{format!("This {} is not in a list opened in this tab, and m3ter has no request that reads one by itself.", on.noun())}</p>
                <Link href=list>{format!("Open the {}", on.entry.plural.to_ascii_lowercase())}</Link>
            </div>
        }
        .into_any()
    }
}

fn method_of(m: Method) -> HttpMethod {
    match m {
        Method::Get => HttpMethod::Get,
        Method::Post => HttpMethod::Post,
        Method::Put => HttpMethod::Put,
        Method::Delete => HttpMethod::Delete,
    }
}

/// Edit, Delete, and the entity's actions: those without a body behind the confirmation (disabled
/// with the reason when the entity's state does not allow them), the others as links to their form.
fn action_bar(
    on: On,
    place: StoredValue<Place>,
    id: StoredValue<Option<String>>,
    body: RwSignal<Option<Body>>,
    working: RwSignal<bool>,
    ask: impl Fn(Pending) + Copy + Send + Sync + 'static,
    read: impl Fn(&'static Action) + Copy + Send + Sync + 'static,
) -> AnyView {
    let edit = on.r.ops.update.then(|| {
        let route = match id.get_value() {
            Some(i) => Route::Edit(place.get_value(), i),
            None => Route::SettingsEdit(on.r.key),
        };
        view! { <Link href=route.href()>"Edit"</Link> }
    });
    // A new entity starting from this one's values (the create form loads it again).
    let placed = on.entry.parent.is_none() || place.with_value(|p| !p.parents.is_empty());
    let duplicate = (on.r.ops.create && !on.entry.singleton && placed)
        .then(|| id.get_value())
        .flatten()
        .map(|i| {
            let place = place.get_value();
            let mut query = place.scope.clone();
            query.push(("copy".to_owned(), i));
            let href = Route::New(place).with_query(&query);
            view! { <Link href=href>"Duplicate"</Link> }
        });
    let delete = (on.r.ops.delete && id.get_value().is_some()).then(|| {
        view! { <button type="button" class="danger" on:click=move |_| ask(Pending::Delete) disabled=move || working.get()>"Delete"</button> }
    });
    let item_actions =
        on.r.actions
            .iter()
            .filter(|a| a.on == ActionOn::Item && id.get_value().is_some())
            .map(|a| {
                let label = on.action_label(a);
                // A body, a path value or a query value to give: the action's own form.
                let asks_nothing =
                    a.body.is_empty() && !a.path.contains('{') && a.query.is_empty();
                let changes = on.o.changes_state(a);
                if asks_nothing && !changes && a.answer == Answer::Download {
                    return view! {
                        <button type="button" on:click=move |_| read(a) disabled=move || working.get()>{label}</button>
                    }
                    .into_any();
                }
                let available = m3ter_models::resources::forms(on.r.key).available(a.key);
                let why_not = Signal::derive(move || {
                    let f = available?;
                    body.with(|b| b.as_ref().and_then(|b| f(&b.json)))
                });
                if !(asks_nothing && changes) {
                    let href = Route::Action {
                        place: place.get_value(),
                        id: id.get_value(),
                        action: a.key.to_owned(),
                    }
                    .href();
                    // Its form would only be refused: say why instead of linking to it.
                    return dynamic(move || match why_not.get() {
                        None => {
                            let (href, label) = (href.clone(), label.clone());
                            view! { <Link href=href>{label}</Link> }.into_any()
                        }
                        Some(why) => view! {
                            <span class="link-disabled" aria-disabled="true">{label.clone()}</span>
                            <span class="hint">{why}</span>
                        }
                        .into_any(),
                    });
                }
                let why_id = format!("why-{}", a.key);
                let destructive = on.o.action(a.key).is_some_and(|n| n.destructive);
                let class = if a.method == Method::Delete || destructive {
                    "danger"
                } else {
                    ""
                };
                view! {
                    <button type="button" class=class on:click=move |_| ask(Pending::Action(a))
                        disabled=move || working.get() || why_not.with(Option::is_some)
                        aria-describedby=why_id.clone()>{label.clone()}</button>
                    <span id=why_id class="hint">{move || why_not.get()}</span>
                }
                .into_any()
            })
            .collect_view();
    view! { {edit}{duplicate}{delete}{item_actions} }.into_any()
}
