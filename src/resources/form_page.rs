//! Create, edit and batch-create pages, generated from the models' metadata for every resource.
//!
//! The form edits the request body in place (unknown fields and enum values go back unchanged),
//! validates with the same rules as the sandbox before sending, shows server errors beside the fields
//! they name, and resolves version conflicts by reloading or by re-applying your edits on the latest.

use crate::components::form::leave_guard::guard_form;
use crate::components::ui::Link;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use m3ter_models::balance_transaction_schedule::{occurrences, ScheduleFrequency};
use m3ter_models::meta::FieldMeta;
use m3ter_models::{validate_request, Action, FieldError, Operation, ResourceMeta};
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::{entity_href, item_path, title_of};
use crate::api::curl::{render, CurlRequest};
use crate::api::{url_for, ApiError, ApiRequest, Method};
use crate::components::error_view::{error_panel, error_slot};
use crate::components::form::fields::{input_for, label_of, render_fields};
use crate::components::form::logic::{
    diff, draft_from_entity, new_body, rebase, request_body, DiffRow,
};
use crate::components::form::FormState;
use crate::components::ui::dynamic;
use crate::context::ctx;
use crate::resources::entity_view::copy_with_toast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Create,
    Edit,
    Batch,
}

/// `/:resource/new`, `/:resource/batch`, `/:resource/:id/edit` and the nested transaction-schedule
/// forms.
#[component]
pub fn FormRoute(
    mode: Mode,
    resource: String,
    id: Option<String>,
    /// The balance of a nested transaction schedule.
    #[prop(optional)]
    parent: Option<String>,
) -> impl IntoView {
    let query = use_query_map();
    let nested = parent;
    let Some(meta) =
        m3ter_models::resource(&resource).filter(|m| m.parent.is_none() || nested.is_some())
    else {
        return view! { <super::NotFound/> }.into_any();
    };
    let allowed = match mode {
        Mode::Create => meta.supports(Action::Create),
        Mode::Edit => meta.supports(Action::Edit),
        Mode::Batch => meta.supports(Action::BatchCreate),
    };
    if !allowed {
        return view! { <super::NotFound/> }.into_any();
    }
    let from_deleted = query.read_untracked().get("from").and_then(|f| {
        f.strip_prefix("deleted-")
            .and_then(|n| n.parse::<u64>().ok())
    });
    view! { <FormLoader meta=meta mode=mode id=id parent=nested from_deleted=from_deleted/> }
        .into_any()
}

/// Loads what the form starts from (the entity for an edit, a deleted body for a re-create).
#[component]
fn FormLoader(
    meta: &'static ResourceMeta,
    mode: Mode,
    id: Option<String>,
    parent: Option<String>,
    from_deleted: Option<u64>,
) -> impl IntoView {
    let c = ctx();
    let fields: &'static [FieldMeta] = if mode == Mode::Batch {
        meta.batch_fields
    } else {
        meta.fields
    };
    let loaded = RwSignal::new(None::<Value>);
    let error = RwSignal::new(None::<ApiError>);
    let parent = StoredValue::new(parent);
    let id = StoredValue::new(id);
    let load = move || {
        let Some(path) = id
            .get_value()
            .and_then(|i| item_path(meta, parent.get_value().as_deref(), &i))
        else {
            return;
        };
        error.set(None);
        spawn_local(async move {
            match super::fetch_entity(c.api, meta, path).await {
                Ok(r) => loaded.set(Some(r.json)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let recreated = from_deleted
        .and_then(|n| c.deleted.get(n))
        .filter(|d| d.resource == meta.key);
    match mode {
        // An edit always starts from the full entity: list rows may lack fields, and PUT replaces all.
        Mode::Edit => load(),
        _ => loaded.set(Some(match &recreated {
            Some(d) => draft_from_entity(meta, &d.json()),
            None => new_body(fields),
        })),
    }
    let banner = recreated.map(|d| {
        format!(
            "Pre-filled from the deleted {} \"{}\" (id {}). Review it before creating: the new one gets a new id.",
            meta.noun,
            title_of(meta, &d.json()),
            d.json().get("id").and_then(Value::as_str).unwrap_or_default()
        )
    });
    view! {
        {error_slot(error, Signal::stored(format!("Loading the {}", meta.noun)), Some(Callback::new(move |_| load())))}
        {dynamic(move || match loaded.get() {
            None if error.with(Option::is_none) => view! { <p role="status">"Loading…"</p> }.into_any(),
            None => ().into_any(),
            Some(entity) => view! {
                <Editor meta=meta mode=mode fields=fields entity=entity id=id.get_value() parent=parent.get_value() banner=banner.clone()/>
            }
            .into_any(),
        })}
    }
}

/// A version conflict: the server's latest entity.
#[derive(Clone, Debug, PartialEq)]
struct Conflict {
    server: Value,
}

#[component]
fn Editor(
    meta: &'static ResourceMeta,
    mode: Mode,
    fields: &'static [FieldMeta],
    /// The entity being edited (or the starting body of a create).
    entity: Value,
    id: Option<String>,
    parent: Option<String>,
    banner: Option<String>,
) -> impl IntoView {
    let c = ctx();
    let navigate = use_navigate();
    let initial = if mode == Mode::Edit {
        draft_from_entity(meta, &entity)
    } else {
        entity.clone()
    };
    let form = FormState::new("f", initial.clone());
    // What the draft was loaded from, and the version to send (edit only).
    let base = RwSignal::new(initial);
    let version = RwSignal::new(entity.get("version").and_then(Value::as_i64));
    let title = title_of(meta, &entity);
    let id = StoredValue::new(id);
    let parent = StoredValue::new(parent);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let show_summary = RwSignal::new(false);
    let conflict = RwSignal::new(None::<Conflict>);
    let saved = RwSignal::new(false);
    let batch_result = RwSignal::new(None::<Vec<Value>>);
    let preview = RwSignal::new(None::<Value>);
    let summary = NodeRef::<html::Div>::new();
    let dirty = Memo::new(move |_| form.draft.with(|d| base.with(|b| d != b)));
    guard_form(Signal::derive(move || dirty.get() && !saved.get()));

    let op = match mode {
        Mode::Create => Operation::Create,
        Mode::Edit => Operation::Update,
        Mode::Batch => Operation::BatchCreate,
    };
    let body = move || {
        request_body(
            fields,
            &form.draft.get_untracked(),
            if mode == Mode::Edit {
                version.get_untracked()
            } else {
                None
            },
        )
    };
    let endpoint = move |preview: bool| -> Option<ApiRequest> {
        let collection = meta.collection_path(parent.get_value().as_deref())?;
        Some(match (mode, preview) {
            (_, true) => ApiRequest::new(Method::Post, format!("{collection}/preview")),
            (Mode::Create, _) => ApiRequest::new(Method::Post, collection),
            (Mode::Batch, _) => ApiRequest::new(Method::Post, format!("{collection}/batch")),
            (Mode::Edit, _) => ApiRequest::new(
                Method::Put,
                item_path(
                    meta,
                    parent.get_value().as_deref(),
                    &id.get_value().unwrap_or_default(),
                )?,
            ),
        })
    };
    // Checks with the shared rules; on failure the summary takes focus.
    let check = move |op: Operation| -> Option<Value> {
        let b = body();
        match validate_request(meta, op, &b) {
            Ok(()) => Some(b),
            Err(errors) => {
                form.errors.set(errors);
                show_summary.set(true);
                gloo_timers::callback::Timeout::new(0, move || {
                    if let Some(s) = summary.get_untracked() {
                        let _ = s.focus();
                    }
                })
                .forget();
                None
            }
        }
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
            let Some(req) = endpoint(false) else { return };
            busy.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                let result = c.api.send(req.body(b.to_string())).await;
                busy.set(false);
                match result {
                    Ok(r) if mode == Mode::Batch => {
                        saved.set(true);
                        c.lists.invalidate(meta.key);
                        let jobs = r.json.as_array().cloned().unwrap_or_default();
                        c.toasts
                            .show(format!("Created {} statement jobs", jobs.len()));
                        batch_result.set(Some(jobs));
                    }
                    // A 2xx that is not an entity: it may have gone through, but say so rather than pretend.
                    Ok(r) if !r.json.get("id").is_some_and(Value::is_string) => {
                        failure.set(Some(ApiError::Decode {
                            status: r.status,
                            detail: format!(
                                "expected the saved {} (an object with an id)",
                                meta.noun
                            ),
                            body: r.text,
                        }));
                    }
                    Ok(r) => {
                        saved.set(true);
                        if mode == Mode::Create {
                            c.lists.invalidate(meta.key);
                        }
                        c.lists.remember(meta.key, &r.json);
                        let v = r
                            .json
                            .get("version")
                            .and_then(Value::as_i64)
                            .map(|v| format!(" (version {v})"))
                            .unwrap_or_default();
                        c.toasts.show(format!("{} saved{v}", meta.singular));
                        let to = entity_href(meta, &r.json, parent.get_value().as_deref())
                            .unwrap_or_else(|| format!("/{}", meta.key));
                        navigate(&to, NavigateOptions::default());
                    }
                    Err(e @ ApiError::Http { status: 409, .. }) if mode == Mode::Edit => {
                        failure.set(Some(e));
                        // Fetch what is on the server now, to show what changed and offer both ways out.
                        if let Some(path) = item_path(
                            meta,
                            parent.get_value().as_deref(),
                            &id.get_value().unwrap_or_default(),
                        ) {
                            if let Ok(latest) = c.api.send(ApiRequest::get(path)).await {
                                conflict.set(Some(Conflict {
                                    server: latest.json,
                                }));
                            }
                        }
                    }
                    Err(e) => {
                        let fields_named = e.field_errors();
                        if !fields_named.is_empty() {
                            form.errors.set(fields_named);
                        }
                        failure.set(Some(e));
                    }
                }
            });
        }
    };

    let reload_latest = Callback::new(move |_| {
        let Some(Conflict { server }) = conflict.get_untracked() else {
            return;
        };
        let fresh = draft_from_entity(meta, &server);
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
        let latest = draft_from_entity(meta, &server);
        let merged = rebase(&base.get_untracked(), &form.draft.get_untracked(), &latest);
        version.set(server.get("version").and_then(Value::as_i64));
        base.set(latest);
        form.reset(merged);
        conflict.set(None);
        failure.set(None);
        c.toasts
            .show("Your changes are applied to the latest version: review and save again");
    });

    let run_preview = move |_| {
        failure.set(None);
        let Some(b) = check(Operation::Preview) else {
            return;
        };
        let Some(req) = endpoint(true) else { return };
        busy.set(true);
        spawn_local(async move {
            match c
                .api
                .send(req.query("pageSize", "200").body(b.to_string()))
                .await
            {
                Ok(r) => preview.set(Some(r.json)),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let include_token = RwSignal::new(false);
    let copy_curl = move |_| {
        let (Some(conn), Some(req)) = (c.api.session.get_untracked(), endpoint(false)) else {
            return;
        };
        let url = url_for(&conn, &req);
        let b = body().to_string();
        let text = render(
            &CurlRequest {
                method: req.method.as_str(),
                url: &url,
                token: conn.token(),
                body: Some(&b),
                content_type: None,
                basic_auth: false,
            },
            include_token.get_untracked(),
        );
        copy_with_toast(text, "the request as curl");
    };

    let (heading, save_label) = match mode {
        Mode::Create => (
            format!("New {}", meta.noun),
            format!("Create {}", meta.noun),
        ),
        Mode::Edit => (format!("Edit {}", title), "Save changes".to_owned()),
        Mode::Batch => (
            "Batch create statement jobs".to_owned(),
            "Create jobs".to_owned(),
        ),
    };
    let cancel_href = match (mode, id.get_value()) {
        (Mode::Edit, Some(_)) => entity_href(meta, &entity, parent.get_value().as_deref())
            .unwrap_or_else(|| format!("/{}", meta.key)),
        _ => match (meta.parent, parent.get_value()) {
            (Some((pk, _)), Some(p)) => format!("/{pk}/{}", crate::api::encode(&p)),
            _ => format!("/{}", meta.key),
        },
    };
    let summary_view = dynamic(move || {
        let errors = form.errors.get();
        if !show_summary.get() || errors.is_empty() {
            return ().into_any();
        }
        let n = errors.len();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" node_ref=summary>
                <h2>{if n == 1 { "There is 1 problem to fix".to_owned() } else { format!("There are {n} problems to fix") }}</h2>
                <ul>{errors.into_iter().map(|e| error_link(fields, e)).collect_view()}</ul>
            </div>
        }
        .into_any()
    });
    let version_line = move || {
        (mode == Mode::Edit).then(|| {
            format!(
                "Editing version {}",
                version
                    .get()
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "?".into())
            )
        })
    };
    let is_preview = meta.supports(Action::Preview);

    view! {
        <article class="form-page">
            <header class="page-head">
                <p class="kicker">{meta.singular}</p>
                <h1>{heading}</h1>
                <p class="ids">{version_line}</p>
            </header>
            {super::note(meta)}
            {banner.map(|b| view! { <p class="banner banner-info">{b}</p> })}
            <form novalidate on:submit=submit>
                {summary_view}
                {dynamic(move || conflict.get().map(|cf| conflict_view(meta, &base.get_untracked(), &form.draft.get_untracked(), &cf.server, reload_latest, keep_mine)).unwrap_or_else(|| ().into_any()))}
                {dynamic(move || match failure.get() {
                    Some(e) if conflict.with(Option::is_none) || e.status() != Some(409) => error_panel(e, save_failed(mode), None),
                    _ => ().into_any(),
                })}
                {dynamic(move || { form.generation.get(); render_fields(form, fields, Vec::new()) })}
                {is_preview.then(|| dynamic(move || preview.get().map(|p| preview_view(meta, &form.draft.get_untracked(), &p)).unwrap_or_else(|| ().into_any())))}
                {dynamic(move || batch_result.get().map(|jobs| batch_view(meta, &jobs)).unwrap_or_else(|| ().into_any()))}
                <div class="form-actions sticky">
                    <button type="submit" class="primary" disabled=busy>{move || if busy.get() { "Sending…".to_owned() } else { save_label.clone() }}</button>
                    {is_preview.then(|| view! { <button type="button" on:click=run_preview disabled=busy>"Preview"</button> })}
                    <button type="button" on:click=copy_curl>"Copy as curl"</button>
                    <label class="choice" for="form-include-token">
                        <input type="checkbox" id="form-include-token" prop:checked=include_token on:change=move |ev| include_token.set(event_target_checked(&ev))/>
                        "include token"
                    </label>
                    <Link href=cancel_href>"Cancel"</Link>
                    <span class="hint" role="status">{move || if dirty.get() && !saved.get() { "Unsaved changes" } else { "" }}</span>
                </div>
            </form>
        </article>
    }
}

fn save_failed(mode: Mode) -> String {
    match mode {
        Mode::Create => "Creating".into(),
        Mode::Edit => "Saving".into(),
        Mode::Batch => "Creating the jobs".into(),
    }
}

/// One line of the error summary: a button that takes focus to the field.
fn error_link(fields: &'static [FieldMeta], e: FieldError) -> AnyView {
    let label = if e.path.is_empty() {
        "The request".to_owned()
    } else {
        label_of(fields, &e.path)
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

fn cell(v: &Option<Value>) -> AnyView {
    match v {
        None => view! { <span class="none">"(not set)"</span> }.into_any(),
        Some(Value::String(s)) => view! { <code>{s.clone()}</code> }.into_any(),
        Some(other) => view! { <code>{other.to_string()}</code> }.into_any(),
    }
}

fn conflict_view(
    meta: &'static ResourceMeta,
    loaded: &Value,
    typed: &Value,
    server: &Value,
    reload: Callback<()>,
    keep: Callback<()>,
) -> AnyView {
    let latest = draft_from_entity(meta, server);
    let rows: Vec<DiffRow> = diff(loaded, typed, &latest);
    let server_version = server
        .get("version")
        .and_then(Value::as_i64)
        .map(|v| v.to_string())
        .unwrap_or_else(|| "?".into());
    view! {
        <div class="conflict" role="alert">
            <h2>{format!("This {} was changed by someone else (the server now has version {server_version})", meta.noun)}</h2>
            <p>"Nothing was saved. Compare, then reload the latest version (your changes are discarded) or keep your changes (they are re-applied on the latest version for you to save again)."</p>
            <div class="table-wrap">
                <table>
                    <caption>"Changes since you loaded it"</caption>
                    <thead><tr><th scope="col">"Field"</th><th scope="col">"You loaded"</th><th scope="col">"You typed"</th><th scope="col">"On the server now"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr class:conflicting=r.conflicting()>
                                <th scope="row"><code>{r.path.clone()}</code></th>
                                <td>{cell(&r.loaded)}</td>
                                <td>{cell(&r.typed)}</td>
                                <td>{cell(&r.server)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="form-actions">
                <button type="button" on:click=move |_| reload.run(())>"Reload latest"</button>
                <button type="button" class="primary" on:click=move |_| keep.run(())>"Keep my changes"</button>
            </div>
        </div>
    }
    .into_any()
}

/// What the preview answered, and the transactions the schedule would create (worked out here from
/// its dates and frequency, since the API answers with the schedule rather than the transactions).
fn preview_view(meta: &'static ResourceMeta, draft: &Value, answer: &Value) -> AnyView {
    let date = |k: &str| {
        draft
            .get(k)
            .and_then(Value::as_str)
            .and_then(m3ter_models::time::parse_rfc3339)
            .and_then(chrono::DateTime::from_timestamp_millis)
    };
    let freq = ScheduleFrequency::from(
        draft
            .get("frequency")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    );
    let interval = draft
        .get("frequencyInterval")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let amount = draft
        .get("amount")
        .map(|a| a.to_string())
        .unwrap_or_default();
    let dates = match (date("startDate"), date("endDate")) {
        (Some(s), Some(e)) => occurrences(s, e, &freq, interval, 10_000),
        _ => Vec::new(),
    };
    let total = dates.len();
    let shown: Vec<String> = dates
        .iter()
        .take(24)
        .map(|d| crate::components::time::utc_text(d.timestamp_millis()))
        .collect();
    let runs = ["previousRun", "nextRun"]
        .iter()
        .filter_map(|k| meta.field(k).map(|f| (f, answer.get(*k).cloned())))
        .map(|(f, v)| view! { <div class="field"><dt>{f.label}</dt><dd>{crate::components::value::render(f, v.as_ref(), false)}</dd></div> })
        .collect_view();
    view! {
        <section class="preview" aria-labelledby="preview-title" role="status">
            <h2 id="preview-title">"Preview (nothing saved)"</h2>
            <dl class="fields">{runs}</dl>
            <div class="table-wrap">
                <table>
                    <caption>{format!("The first {} of {total} transactions", shown.len())}</caption>
                    <thead><tr><th scope="col">"#"</th><th scope="col">"Date (UTC)"</th><th scope="col">"Amount"</th></tr></thead>
                    <tbody>
                        {shown.into_iter().enumerate().map(|(i, d)| view! { <tr><td>{i + 1}</td><td>{d}</td><td class="num">{amount.clone()}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

fn batch_view(meta: &'static ResourceMeta, jobs: &[Value]) -> AnyView {
    view! {
        <section class="banner banner-info" role="status">
            <h2>{format!("Created {} statement jobs", jobs.len())}</h2>
            <ul>
                {jobs.iter().map(|j| {
                    let label = format!("{} for bill {}", j.get("id").and_then(Value::as_str).unwrap_or("?"), j.get("billId").and_then(Value::as_str).unwrap_or("?"));
                    let href = entity_href(meta, j, None).unwrap_or_else(|| format!("/{}", meta.key));
                    view! { <li><Link href=href>{label}</Link></li> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
