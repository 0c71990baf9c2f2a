//! The editor: a JSON draft of the request body edited in place (fields and enum values the console
//! does not know go back unchanged), checked with the shared rules before sending, server errors
//! placed beside the fields they name, version conflicts resolved by reloading or re-applying the
//! edits on the latest, and an action's answer shown. A save the user sent completes even if they
//! leave; its result then lands only in the session (list cache, toast).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use m3ter_models::catalogue::{Action, FilterKind, Method as ApiMethod, On as ActionOn};
use m3ter_models::{validate_request, FieldError, Operation};
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::super::entity::copy_with_toast;
use super::super::On;
use super::answer::{answer_view, Again};
use super::changes::changes_view;
use super::conflict::conflict_view;
use super::Target;
use crate::api::curl::{render, CurlRequest};
use crate::api::{paths, url_for, ApiError, ApiRequest, ApiResponse, Method};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::error_view::error_panel;
use crate::components::form::fields::{input_for, label_of, render_fields};
use crate::components::form::leave_guard::guard_form;
use crate::components::form::logic::{draft_from_entity, new_body, rebase, request_body};
use crate::components::form::FormState;
use crate::components::ui::{dynamic, Link};
use crate::context::ctx;
use crate::routes::{Place, Route};
use crate::task::PageTasks;

/// A version conflict: the server's latest entity.
#[derive(Clone, Debug, PartialEq)]
struct Conflict {
    server: Value,
}

fn method_of(m: ApiMethod) -> Method {
    match m {
        ApiMethod::Get => Method::Get,
        ApiMethod::Post => Method::Post,
        ApiMethod::Put => Method::Put,
        ApiMethod::Delete => Method::Delete,
    }
}

/// The `{params}` of an action's own path (those no parent or entity fills).
fn path_params(a: &Action) -> Vec<&'static str> {
    a.path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

/// An item action's body, starting from the entity's values of the same fields (a bill's status,
/// a webhook's `active`, an account plan's dates).
fn prefilled(on: On, a: &'static Action, entity: &Value) -> Value {
    let mut body = new_body(on.o, a.body);
    if let Some(map) = body.as_object_mut() {
        for f in a.body.iter().filter(|f| !f.read_only) {
            if let Some(v) = entity.get(f.key).filter(|v| !v.is_null()) {
                map.insert(f.key.to_owned(), v.clone());
            }
        }
    }
    body
}

/// The resource's preview (a collection action that takes the create body), if it has one.
fn preview_action(on: On) -> Option<&'static Action> {
    on.r.actions.iter().find(|a| a.previews_create())
}

#[component]
pub fn Editor(
    on: On,
    target: Target,
    /// The entity being edited or acted on (or the starting body).
    entity: Value,
    banner: Option<String>,
) -> impl IntoView {
    let c = ctx();
    let tasks = PageTasks::here();
    let navigate = use_navigate();
    let fields = target.fields(on);
    let editing = matches!(target, Target::Update(..) | Target::Settings);
    let initial = match &target {
        _ if editing => draft_from_entity(on.r, &entity),
        Target::Action {
            action,
            id: Some(_),
            ..
        } => prefilled(on, action, &entity),
        _ => entity.clone(),
    };
    let form = FormState::new("f", initial.clone());
    // What the draft was loaded from, and the version to send (edit only).
    let base = RwSignal::new(initial);
    let version = RwSignal::new(entity.get("version").and_then(Value::as_i64));
    let title = if on.entry.singleton {
        on.entry.plural.to_owned()
    } else {
        on.title_of(&entity)
    };
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let show_summary = RwSignal::new(false);
    let conflict = RwSignal::new(None::<Conflict>);
    let saved = RwSignal::new(false);
    let answer = RwSignal::new(None::<ApiResponse>);
    let preview = RwSignal::new(None::<ApiResponse>);
    let summary = NodeRef::<html::Div>::new();
    let dirty = Memo::new(move |_| form.draft.with(|d| base.with(|b| d != b)));
    guard_form(Signal::derive(move || dirty.get() && !saved.get()));
    let action = match &target {
        Target::Action { action, .. } => Some(*action),
        _ => None,
    };
    // Values of the action's own path parameters and query parameters, by name, starting from
    // the page's query string (a search box, a link from a related entity, the next page).
    let query = use_query_map();
    let params: Vec<(&'static str, RwSignal<String>)> = action
        .map(|a| {
            path_params(a)
                .into_iter()
                // Not those that shape the answer (`additional`): the page shows what it gets.
                .chain(
                    a.query
                        .iter()
                        .filter(|q| !on.o.filter(q.param).is_some_and(|n| n.hidden))
                        .map(|q| q.param),
                )
                .map(|p| {
                    let start = query.with_untracked(|q| q.get(p)).unwrap_or_default();
                    (p, RwSignal::new(start))
                })
                .collect()
        })
        .unwrap_or_default();
    let params = StoredValue::new(params);
    let target = StoredValue::new(target);

    let op = match (&action, editing) {
        (Some(a), _) => Operation::Action(a.key),
        (None, true) => Operation::Update,
        (None, false) => Operation::Create,
    };
    let body = move || {
        request_body(
            on.o,
            fields,
            &form.draft.get_untracked(),
            if editing {
                version.get_untracked()
            } else {
                None
            },
        )
    };
    let bad_path = |e: paths::BadPath| ApiError::Address(e.0);
    // The request the form sends (with a body unless the action takes none).
    let request = move || -> Result<ApiRequest, ApiError> {
        target.with_value(|t| {
            Ok(match t {
                Target::Create(place) => ApiRequest::new(
                    Method::Post,
                    paths::collection(on.r, &place.parents, &place.scope).map_err(bad_path)?,
                ),
                Target::Update(place, id) => ApiRequest::new(
                    Method::Put,
                    paths::item(on.r, &place.parents, &place.scope, id).map_err(bad_path)?,
                ),
                Target::Settings => ApiRequest::new(
                    Method::Put,
                    paths::collection(on.r, &[], &[]).map_err(bad_path)?,
                ),
                Target::Action { place, id, action } => {
                    let mut values: Vec<(String, String)> = params.with_value(|ps| {
                        ps.iter()
                            .map(|(k, v)| ((*k).to_owned(), v.get_untracked().trim().to_owned()))
                            .collect()
                    });
                    values.extend(place.scope.iter().cloned());
                    let path = paths::action(on.r, action, &place.parents, id.as_deref(), &values)
                        .map_err(bad_path)?;
                    let mut req = ApiRequest::new(method_of(action.method), path);
                    for q in action.query {
                        if let Some((_, v)) =
                            values.iter().find(|(k, v)| k == q.param && !v.is_empty())
                        {
                            req = req.query(q.param, v.clone());
                        }
                    }
                    req
                }
            })
        })
    };
    let sends_body = action.is_none_or(|a| !a.body.is_empty());
    // Checks with the shared rules; on failure the summary takes focus.
    let check = move |op: Operation| -> Option<Value> {
        let b = body();
        let result = match op {
            Operation::Action(key) if action.is_some_and(|a| a.key == key && a.body.is_empty()) => {
                Ok(())
            }
            _ => validate_request(on.r, op, &b),
        };
        match result {
            Ok(()) => Some(b),
            Err(errors) => {
                form.errors.set(errors);
                show_summary.set(true);
                gloo_timers::callback::Timeout::new(0, move || {
                    if let Some(Some(s)) = summary.try_get_untracked() {
                        let _ = s.focus();
                    }
                })
                .forget();
                None
            }
        }
    };

    // An action: sent once per confirmation when it changes state (and then completes even if the
    // user leaves), else at once and only while the page is open; its answer is shown here.
    let asks = action.is_some_and(|a| on.o.changes_state(a));
    let confirm = RwSignal::new(None::<Confirmation>);
    let confirm_error = RwSignal::new(None::<ApiError>);
    let ready = StoredValue::new(None::<ApiRequest>);
    let send_action = move |req: ApiRequest| {
        let Some(a) = action else { return };
        busy.set(true);
        failure.set(None);
        let work = async move {
            let result = c.api.send(req).await;
            let here = busy.try_set(false).is_none();
            match result {
                Ok(r) => {
                    if asks {
                        c.lists.invalidate(on.r.key);
                        c.toasts.show(format!("{}: done", on.action_label(a)));
                    }
                    if here {
                        saved.try_set(true);
                        answer.try_set(Some(r));
                        confirm.try_set(None);
                    }
                }
                Err(e) => {
                    confirm.try_set(None);
                    let named = e.field_errors();
                    if !named.is_empty() {
                        form.errors.try_set(named);
                    }
                    if failure.try_set(Some(e.clone())).is_some() {
                        c.toasts
                            .error(format!("{}: {}", on.action_label(a), e.headline()));
                    }
                }
            }
        };
        if asks {
            spawn_local(work);
        } else {
            tasks.spawn(work);
        }
    };
    // Facts the confirmation names: the entity, or the values the action's path and query take.
    let subject_facts: Vec<(String, String)> = match &target.get_value() {
        Target::Action { id: Some(id), .. } => vec![
            (on.entry.singular.to_owned(), title.clone()),
            ("ID".to_owned(), id.clone()),
        ],
        _ => vec![("Resource".to_owned(), on.entry.plural.to_owned())],
    };
    let ask = move |req: ApiRequest| {
        let Some(a) = action else { return };
        let label = on.action_label(a);
        let mut facts = subject_facts.clone();
        params.with_value(|ps| {
            for (k, v) in ps {
                let v = v.get_untracked();
                if !v.trim().is_empty() {
                    facts.push((m3ter_models::catalogue::label::field(k), v));
                }
            }
        });
        let warning = m3ter_models::resources::forms(on.r.key)
            .confirm_or(a.key, || format!("This runs \"{label}\" in m3ter."));
        ready.set_value(Some(req));
        confirm_error.set(None);
        confirm.set(Some(Confirmation {
            title: format!("{label}?"),
            facts,
            warning,
            confirm_label: label,
        }));
    };
    let confirmed = Callback::new(move |_| {
        if let Some(req) = ready.get_value() {
            send_action(req);
        }
    });
    let again = Again {
        run: Some(Callback::new(move |_| {
            if let Ok(req) = request() {
                send_action(req);
            }
        })),
        // A page of answers continues from the token it gave.
        next: Some(Callback::new(move |token: String| {
            let paging = action.and_then(|a| a.paging_param());
            params.with_value(|ps| {
                if let Some((_, v)) = ps.iter().find(|(k, _)| Some(*k) == paging) {
                    v.set(token);
                }
            });
            if let Ok(req) = request() {
                send_action(req);
            }
        })),
    };

    let submit = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            failure.set(None);
            show_summary.set(false);
            let Some(b) = check(op) else { return };
            let req = match request() {
                Ok(req) if sends_body => req.body(b.to_string()),
                Ok(req) => req,
                Err(e) => {
                    failure.set(Some(e));
                    return;
                }
            };
            if action.is_some() {
                if asks {
                    ask(req);
                } else {
                    send_action(req);
                }
                return;
            }
            busy.set(true);
            let navigate = navigate.clone();
            let target = target.get_value();
            spawn_local(async move {
                let result = c.api.send(req).await;
                // Gone: the page was left while the request was out.
                let here = busy.try_set(false).is_none();
                match (result, &target) {
                    // A 2xx that is not an entity: it may have gone through, but say so rather than pretend.
                    (Ok(r), _)
                        if !on.entry.singleton
                            && !r.json.get("id").is_some_and(Value::is_string) =>
                    {
                        failure.try_set(Some(ApiError::Decode {
                            status: r.status,
                            detail: format!(
                                "expected the saved {} (an object with an id)",
                                on.noun()
                            ),
                            body: r.text,
                        }));
                    }
                    (Ok(r), _) => {
                        if matches!(target, Target::Create(_)) {
                            c.lists.invalidate(on.r.key);
                        }
                        c.lists.remember(on.r.key, &r.json);
                        let v = r
                            .json
                            .get("version")
                            .and_then(Value::as_i64)
                            .map(|v| format!(" (version {v})"))
                            .unwrap_or_default();
                        c.toasts.show(format!("{} saved{v}", on.entry.singular));
                        if here {
                            saved.try_set(true);
                            let to = match (&target, r.json.get("id").and_then(Value::as_str)) {
                                (Target::Settings, _) => Route::Settings(on.r.key),
                                (Target::Create(p) | Target::Update(p, _), Some(id)) => {
                                    Route::Detail(p.clone(), id.to_owned())
                                }
                                (Target::Create(p) | Target::Update(p, _), None) => {
                                    Route::List(p.clone())
                                }
                                (Target::Action { place, .. }, _) => Route::List(place.clone()),
                            };
                            navigate(&to.href(), NavigateOptions::default());
                        }
                    }
                    (
                        Err(e @ ApiError::Http { status: 409, .. }),
                        Target::Update(..) | Target::Settings,
                    ) if here => {
                        failure.try_set(Some(e));
                        // Fetch what is on the server now, to show what changed and offer both ways out.
                        let latest = match &target {
                            Target::Update(place, id) => {
                                paths::item(on.r, &place.parents, &place.scope, id)
                            }
                            _ => paths::collection(on.r, &[], &[]),
                        };
                        if let Ok(path) = latest {
                            if let Ok(latest) = c.api.send(ApiRequest::get(path)).await {
                                conflict.try_set(Some(Conflict {
                                    server: latest.json,
                                }));
                            }
                        }
                    }
                    (Err(e), _) => {
                        let named = e.field_errors();
                        if !named.is_empty() {
                            form.errors.try_set(named);
                        }
                        if failure.try_set(Some(e.clone())).is_some() {
                            c.toasts
                                .error(format!("{}: {}", on.entry.singular, e.headline()));
                        }
                    }
                }
            });
        }
    };

    let reload_latest = Callback::new(move |_| {
        let Some(Conflict { server }) = conflict.get_untracked() else {
            return;
        };
        let fresh = draft_from_entity(on.r, &server);
        version.set(server.get("version").and_then(Value::as_i64));
        base.set(fresh.clone());
        form.reset(fresh);
        conflict.set(None);
        failure.set(None);
        c.toasts
            .show("Reloaded the latest version; your changes were discarded");
    });
    let keep_mine = Callback::new(move |_| {
        let Some(Conflict { server }) = conflict.get_untracked() else {
            return;
        };
        let latest = draft_from_entity(on.r, &server);
        let merged = rebase(&base.get_untracked(), &form.draft.get_untracked(), &latest);
        version.set(server.get("version").and_then(Value::as_i64));
        base.set(latest);
        form.reset(merged);
        conflict.set(None);
        failure.set(None);
        c.toasts
            .show("Your changes are applied to the latest version: review and save again");
    });

    let preview_of = preview_action(on).filter(|_| action.is_none());
    let run_preview = move |_| {
        let Some(a) = preview_of else { return };
        failure.set(None);
        let Some(b) = check(Operation::Action(a.key)) else {
            return;
        };
        let (parents, scope) = target.with_value(|t| match t {
            Target::Create(p) | Target::Update(p, _) => (p.parents.clone(), p.scope.clone()),
            _ => Default::default(),
        });
        let path = match paths::action(on.r, a, &parents, None, &scope) {
            Ok(p) => p,
            Err(e) => {
                failure.set(Some(bad_path(e)));
                return;
            }
        };
        busy.set(true);
        let req = ApiRequest::new(method_of(a.method), path)
            .query("pageSize", on.r.page_size_max.max(1).to_string())
            .body(b.to_string());
        // A preview changes nothing: it ends with the page.
        tasks.spawn(async move {
            match c.api.send(req).await {
                Ok(r) => preview.set(Some(r)),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let include_token = RwSignal::new(false);
    let copy_curl = move |_| {
        let (Some(conn), Ok(req)) = (c.api.session.get_untracked(), request()) else {
            return;
        };
        let url = url_for(&conn, &req);
        let b = body().to_string();
        let text = render(
            &CurlRequest {
                method: req.method.as_str(),
                url: &url,
                token: conn.token(),
                body: sends_body.then_some(b.as_str()),
                content_type: None,
                basic_auth: false,
            },
            include_token.get_untracked(),
        );
        copy_with_toast(text, "the request as curl");
    };

    let noun = on.noun();
    let (heading, save_label) = match (action, editing) {
        (Some(a), _) => {
            let label = on.action_label(a);
            let heading = if a.on == ActionOn::Item {
                format!("{label}: {title}")
            } else {
                label.clone()
            };
            (heading, label)
        }
        (None, true) => (format!("Edit {title}"), "Save changes".to_owned()),
        (None, false) => (format!("New {noun}"), format!("Create {noun}")),
    };
    let cancel_href = target
        .with_value(|t| match t {
            Target::Update(p, id) => Route::Detail(p.clone(), id.clone()),
            Target::Settings => Route::Settings(on.r.key),
            Target::Action {
                place,
                id: Some(id),
                ..
            } => Route::Detail(place.clone(), id.clone()),
            Target::Create(p) | Target::Action { place: p, .. } => {
                match (on.entry.parent, p.parents.last()) {
                    (Some(_), Some((pk, pid))) => Route::Detail(
                        Place::under(pk, p.parents[..p.parents.len().saturating_sub(1)].to_vec()),
                        pid.clone(),
                    ),
                    _ => Route::List(p.clone()),
                }
            }
        })
        .href();
    let summary_view = dynamic(move || {
        let errors = form.errors.get();
        if !show_summary.get() || errors.is_empty() {
            return ().into_any();
        }
        let n = errors.len();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" node_ref=summary>
                <h2>{if n == 1 { "There is 1 problem to fix".to_owned() } else { format!("There are {n} problems to fix") }}</h2>
                <ul>{errors.into_iter().map(|e| error_link(on, fields, e)).collect_view()}</ul>
            </div>
        }
        .into_any()
    });
    let version_line = move || {
        editing.then(|| {
            format!(
                "Editing version {}",
                version
                    .get()
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "?".into())
            )
        })
    };
    let param_inputs = params.with_value(|ps| {
        ps.iter()
            .map(|(name, value)| {
                let id = format!("param-{name}");
                let value = *value;
                let query = action.and_then(|a| a.query.iter().find(|q| q.param == *name));
                // A query value from a known set (ASC or DESC) is chosen, not typed.
                let choices = query.and_then(|q| match q.kind {
                    FilterKind::Enum(e) => Some(e.values),
                    _ => None,
                });
                // An id offers the entities it may name (an account for "bills of an account").
                let names = on.param_link(name, query.map(|q| &q.matches));
                let list_id = names.map(|_| format!("{id}-choices"));
                let datalist = names
                    .zip(list_id.clone())
                    .map(|(resource, list)| form.choices.datalist(resource, list));
                // The name of the entity whose id is typed, under the input.
                let name_id = format!("{id}-named");
                let named = names.map(|resource| {
                    let of = Signal::stored(Some((resource, String::new())));
                    form.choices.named(of, value, name_id.clone())
                });
                let described = named.is_some().then_some(name_id);
                let input = match choices {
                    Some(values) => view! {
                        <select id=id.clone() on:change=move |ev| value.set(event_target_value(&ev))>
                            <option value="">"(not set)"</option>
                            {values.iter().map(|v| view! { <option value=*v selected=move || value.get() == *v>{on.o.value_label(name, v)}</option> }).collect_view()}
                        </select>
                    }
                    .into_any(),
                    None => view! {
                        <input id=id.clone() type="text" spellcheck="false" autocomplete="off" list=list_id aria-describedby=described prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                        {datalist}
                        {named}
                    }
                    .into_any(),
                };
                view! {
                    <div class="form-field">
                        <label for=id>{m3ter_models::catalogue::label::field(name)}</label>
                        {input}
                    </div>
                }
            })
            .collect_view()
    });
    // A reading action whose path is complete runs as the page opens (a link to "this account's
    // bills", the search box, a user's permissions).
    let runs_now = action.is_some_and(|a| {
        !asks
            && a.body.is_empty()
            && params.with_value(|ps| {
                path_params(a).iter().all(|p| {
                    ps.iter()
                        .any(|(k, v)| k == p && !v.get_untracked().trim().is_empty())
                })
            })
    });
    if runs_now {
        if let Ok(req) = request() {
            send_action(req);
        }
    }
    let failed_what = match (action, editing) {
        (Some(a), _) => on.action_label(a),
        (None, true) => "Saving".to_owned(),
        (None, false) => "Creating".to_owned(),
    };
    let failed_what_dialog = failed_what.clone();

    view! {
        <article class="form-page">
            <header class="page-head">
                <p class="kicker">{on.entry.singular}</p>
                <h1>{heading}</h1>
                <p class="ids">{version_line}</p>
            </header>
            {on.note()}
            {banner.map(|b| view! { <p class="banner banner-info">{b}</p> })}
            <form novalidate on:submit=submit>
                {summary_view}
                {dynamic(move || conflict.get().map(|cf| conflict_view(on, &base.get_untracked(), &form.draft.get_untracked(), &cf.server, reload_latest, keep_mine)).unwrap_or_else(|| ().into_any()))}
                {dynamic(move || match failure.get() {
                    Some(e) if conflict.with(Option::is_none) || e.status() != Some(409) => error_panel(e, failed_what.clone(), None),
                    _ => ().into_any(),
                })}
                {param_inputs}
                {dynamic(move || { form.generation.get(); render_fields(form, on.o, String::new(), fields, Vec::new()) })}
                {dynamic(move || preview.get().map(|p| answer_view(on, preview_of, &form.draft.get_untracked(), &p, Again::default())).unwrap_or_else(|| ().into_any()))}
                {dynamic(move || answer.get().map(|a| answer_view(on, action, &form.draft.get_untracked(), &a, again)).unwrap_or_else(|| ().into_any()))}
                {editing.then(|| changes_view(base, form.draft))}
                <div class="form-actions sticky">
                    <button type="submit" class="primary" disabled=busy>{move || if busy.get() { "Sending…".to_owned() } else { save_label.clone() }}</button>
                    {preview_of.map(|_| view! { <button type="button" on:click=run_preview disabled=busy>"Preview"</button> })}
                    <button type="button" on:click=copy_curl>"Copy as curl"</button>
                    <label class="choice" for="form-include-token">
                        <input type="checkbox" id="form-include-token" prop:checked=include_token on:change=move |ev| include_token.set(event_target_checked(&ev))/>
                        "include token"
                    </label>
                    <Link href=cancel_href>"Cancel"</Link>
                    <span class="hint" role="status">{move || if dirty.get() && !saved.get() { "Unsaved changes" } else { "" }}</span>
                </div>
            </form>
            <ConfirmDialog open=confirm busy=busy.into() on_confirm=confirmed error=confirm_error action=failed_what_dialog/>
        </article>
    }
}

/// One line of the error summary: a button that takes focus to the field.
fn error_link(on: On, fields: &'static [m3ter_models::catalogue::Field], e: FieldError) -> AnyView {
    let label = if e.path.is_empty() {
        "The request".to_owned()
    } else {
        label_of(on.o, fields, &e.path)
    };
    let target = input_for("f", &e.path);
    let go = move |_| focus_field(&target);
    view! { <li><button type="button" class="link" on:click=go>{label}": " {e.message}</button></li> }.into_any()
}

/// Focuses the input with this id, or the first input of the group with it.
fn focus_field(id: &str) {
    let Some(el) = document().get_element_by_id(id) else {
        return;
    };
    let target = if el.tag_name().eq_ignore_ascii_case("fieldset") {
        el.query_selector("input, select, textarea, button")
            .ok()
            .flatten()
            .unwrap_or(el)
    } else {
        el
    };
    if let Ok(h) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}
