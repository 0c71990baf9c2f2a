//! The detail page of any resource: shown at once from the list row when we have it, then refreshed;
//! actions for copying, "Copy as curl", deleting and (statement jobs) cancelling.

use leptos::prelude::*;

use crate::components::ui::Link;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use m3ter_models::statement_job::StatementJobStatus;
use m3ter_models::{Action, ResourceMeta};
use serde_json::Value;

use super::entity_view::{copy_with_toast, Body, BodyActions, EntityTabs};
use super::list_page::ListPage;
use super::{item_path, title_of};
use crate::api::curl::{render, CurlRequest};
use crate::api::{url_for, ApiError, ApiRequest, Method};
use crate::components::confirm::{ConfirmDialog, Confirmation};
use crate::components::error_view::error_slot;
use crate::context::ctx;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    Delete,
    Cancel,
}

#[component]
pub fn DetailPage(
    meta: &'static ResourceMeta,
    id: String,
    #[prop(optional, into)] parent: Option<String>,
) -> impl IntoView {
    let c = ctx();
    let navigate = use_navigate();
    let cached = c.lists.find_row(meta.key, &id).map(|v| Body {
        text: v.to_string(),
        json: v,
        from_list: true,
    });
    let body = RwSignal::new(cached);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let banner = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let parent = StoredValue::new(parent);
    let path = StoredValue::new(item_path(
        meta,
        parent.get_value().as_deref(),
        &id.get_value(),
    ));

    let load = move || {
        let Some(p) = path.get_value() else { return };
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            match super::fetch_entity(c.api, meta, p).await {
                Ok(r) => {
                    c.lists.replace_row(meta.key, &r.json);
                    body.set(Some(Body::from_api(r.text, r.json)));
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load();

    // Delete / cancel, through one confirmation dialog.
    let confirm = RwSignal::new(None::<Confirmation>);
    let pending = RwSignal::new(Pending::Delete);
    let working = RwSignal::new(false);
    let action_error = RwSignal::new(None::<ApiError>);
    let facts = move |b: &Body| {
        let mut f = Vec::new();
        for (label, key) in [
            ("Name", "name"),
            ("Code", "code"),
            ("Bill", "billId"),
            ("Status", "statementJobStatus"),
        ] {
            if let Some(v) = b.json.get(key).and_then(Value::as_str) {
                f.push((label.to_owned(), v.to_owned()));
            }
        }
        f.push(("ID".to_owned(), b.id()));
        f
    };
    let ask = move |what: Pending| {
        let Some(b) = body.get_untracked() else {
            return;
        };
        pending.set(what);
        action_error.set(None);
        confirm.set(Some(match what {
            Pending::Delete => Confirmation {
                title: format!("Delete this {}?", meta.noun),
                facts: facts(&b),
                warning: "m3ter deletes it at once. The body it returns is kept in this tab under Recently deleted.".into(),
                confirm_label: format!("Delete {}", meta.noun),
            },
            Pending::Cancel => Confirmation {
                title: "Cancel this statement job?".into(),
                facts: facts(&b),
                warning: "The statement will not be generated.".into(),
                confirm_label: "Cancel job".into(),
            },
        }));
    };
    let run = {
        let navigate = navigate.clone();
        Callback::new(move |_| {
            let Some(p) = path.get_value() else { return };
            working.set(true);
            action_error.set(None);
            let what = pending.get_untracked();
            let navigate = navigate.clone();
            spawn_local(async move {
                let req = match what {
                    Pending::Delete => ApiRequest::new(Method::Delete, p),
                    Pending::Cancel => ApiRequest::new(Method::Post, format!("{p}/cancel")),
                };
                let result = c.api.send(req).await;
                working.set(false);
                match (what, result) {
                    (Pending::Delete, Ok(r)) => {
                        let n = c.deleted.add(meta.key, parent.get_value(), r.text);
                        c.lists.remove_row(meta.key, &id.get_value());
                        confirm.set(None);
                        c.toasts.show(format!("{} deleted", meta.singular));
                        navigate(&format!("/deleted/{n}"), NavigateOptions::default());
                    }
                    (Pending::Cancel, Ok(r)) => {
                        c.lists.replace_row(meta.key, &r.json);
                        let status = r
                            .json
                            .get("statementJobStatus")
                            .and_then(Value::as_str)
                            .unwrap_or("?")
                            .to_owned();
                        body.set(Some(Body::from_api(r.text, r.json)));
                        banner.set(Some(format!(
                            "Cancelled at {}. The job is now {status}; this is the body m3ter returned.",
                            crate::components::time::local_text(crate::api::now_ms() as i64)
                        )));
                        confirm.set(None);
                        c.toasts.show("Statement job cancelled");
                    }
                    (_, Err(e)) => action_error.set(Some(e)),
                }
            });
        })
    };

    let status = Signal::derive(move || {
        body.with(|b| {
            b.as_ref().and_then(|b| {
                b.json
                    .get("statementJobStatus")
                    .and_then(Value::as_str)
                    .map(StatementJobStatus::from)
            })
        })
    });
    let why_not_cancel = Signal::derive(move || status.get().and_then(|s| s.why_not_cancellable()));
    let include_token = RwSignal::new(false);
    let copy_curl = move |_| {
        let Some(p) = path.get_value() else { return };
        let Some(conn) = c.api.session.get_untracked() else {
            return;
        };
        let url = url_for(&conn, &ApiRequest::get(p));
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
                .map(|b| title_of(meta, &b.json))
                .unwrap_or_else(|| id.get_value())
        })
    };
    let is_balance = meta.key == "balances";
    let action_label = move || match pending.get() {
        Pending::Delete => format!("Deleting the {}", meta.noun),
        Pending::Cancel => "Cancelling the job".to_owned(),
    };

    view! {
        <article class="detail-page">
            <header class="page-head">
                <p class="kicker">{meta.singular}</p>
                <h1>{title}</h1>
                <p class="ids"><span class="sr-only">"ID "</span><code class="id">{id.get_value()}</code></p>
            </header>
            {crate::resources::note(meta)}
            <p class="status-line" role="status">{move || if loading.get() {
                if body.with(Option::is_some) { "Refreshing…" } else { "Loading…" }
            } else { "" }}</p>
            {move || banner.get().map(|b| view! { <p class="banner banner-info">{b}</p> })}
            {error_slot(error, Signal::stored(format!("Loading the {}", meta.noun)), Some(Callback::new(move |_| load())))}
            <Show when=move || body.with(Option::is_some)>
                <div class="actions" role="group" aria-label="Actions">
                    {meta.supports(Action::Edit).then(|| {
                        let mut only_id = serde_json::Map::new();
                        only_id.insert("id".to_owned(), Value::String(id.get_value()));
                        let href = format!("{}/edit", crate::resources::entity_href(meta, &Value::Object(only_id), parent.get_value().as_deref()).unwrap_or_default());
                        view! { <Link href=href>"Edit"</Link> }
                    })}
                    {meta.supports(Action::Delete).then(|| view! {
                        <button type="button" class="danger" on:click=move |_| ask(Pending::Delete) disabled=move || working.get()>"Delete"</button>
                    })}
                    {meta.supports(Action::Cancel).then(|| view! {
                        <button type="button" class="danger" on:click=move |_| ask(Pending::Cancel)
                            disabled=move || why_not_cancel.get().is_some() || status.get().is_none()
                            aria-describedby="cancel-why">"Cancel job"</button>
                        <span id="cancel-why" class="hint">{move || why_not_cancel.get().map(|w| format!("Only pending or running jobs can be cancelled. {w}"))}</span>
                    })}
                    <BodyActions meta=meta body=body_signal/>
                    <button type="button" on:click=copy_curl>"Copy as curl"</button>
                    <label class="choice" for="curl-include-token">
                        <input type="checkbox" id="curl-include-token" prop:checked=move || include_token.get() on:change=move |ev| include_token.set(event_target_checked(&ev))/>
                        "include token"
                    </label>
                </div>
                <EntityTabs meta=meta body=body_signal>
                    {is_balance.then(|| view! { <ListPage meta=&m3ter_models::balance_transaction_schedule::TRANSACTION_SCHEDULES parent=id.get_value() embedded=true/> })}
                </EntityTabs>
            </Show>
            <ConfirmDialog open=confirm busy=working.into() on_confirm=run error=action_error action=Signal::derive(action_label)/>
        </article>
    }
}
