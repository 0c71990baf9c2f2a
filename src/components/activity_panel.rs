//! The Activity panel: every API call of this session, newest first, with "Copy as curl".

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::activity::{ActivityEntry, BODY_CAP};
use crate::api::curl::{render, CurlRequest};
use crate::components::copy::copy_text;
use crate::context::ctx;

/// "Copy as curl" for a logged request, or why not: a body cut for the log would be sent cut.
/// The token comes from the live session, only when asked for and only if that session sent the
/// request (another connection's token must not go to this URL); else `$M3TER_API_TOKEN` stands in.
pub fn curl_for(entry: &ActivityEntry, include_token: bool) -> Result<String, String> {
    if let Some(len) = entry.body_cut {
        return Err(format!(
            "Not copied: this request's body ({}) was cut to {} for the log, so the command would send broken JSON",
            size_text(len),
            size_text(BODY_CAP)
        ));
    }
    let api = ctx().api;
    let token = (entry.sends_token && api.generation() == entry.connection)
        .then(|| {
            api.session
                .with_untracked(|s| s.as_ref().and_then(|s| s.token().map(str::to_owned)))
        })
        .flatten();
    Ok(render(
        &CurlRequest {
            method: entry.method,
            url: &entry.url,
            token: entry
                .sends_token
                .then(|| token.as_deref().unwrap_or_default()),
            body: entry.request_body.as_deref(),
            content_type: entry.content_type,
            basic_auth: entry.url.ends_with("/oauth/token"),
        },
        include_token && token.is_some(),
    ))
}

/// "512 B", "3.4 kB", "1.2 MB" (integer arithmetic: no float formatting in the binary).
fn size_text(bytes: usize) -> String {
    let tenths = |unit: usize| (bytes * 10 + unit / 2) / unit;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        let t = tenths(1024);
        format!("{}.{} kB", t / 10, t % 10)
    } else {
        let t = tenths(1024 * 1024);
        format!("{}.{} MB", t / 10, t % 10)
    }
}

/// The path and query of a URL, for a compact column.
fn path_of(url: &str) -> String {
    match url
        .find("://")
        .and_then(|i| url[i + 3..].find('/').map(|j| i + 3 + j))
    {
        Some(i) => url[i..].to_owned(),
        None => url.to_owned(),
    }
}

#[component]
pub fn ActivityPanel() -> impl IntoView {
    let c = ctx();
    let include_token = RwSignal::new(false);
    let entries = c.api.activity.entries;
    view! {
        <aside class="activity" aria-labelledby="activity-title">
            <div class="activity-head">
                <h2 id="activity-title">"Activity"</h2>
                <label class="choice" for="activity-include-token">
                    <input type="checkbox" id="activity-include-token" prop:checked=move || include_token.get() on:change=move |ev| include_token.set(event_target_checked(&ev))/>
                    "Include token in curl"
                </label>
                <button type="button" on:click=move |_| c.api.activity.clear()>"Clear"</button>
                <button type="button" on:click=move |_| c.activity_open.set(false)>"Close activity"</button>
            </div>
            <Show when=move || entries.with(|e| !e.is_empty()) fallback=|| view! { <p class="empty">"No API requests yet."</p> }>
                <div class="table-wrap">
                    <table class="activity-table">
                        <caption class="sr-only">"API requests of this session, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Method"</th>
                                <th scope="col">"Path"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Time"</th>
                                <th scope="col">"Size"</th>
                                <th scope="col"><span class="sr-only">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || entries.get() key=|e| e.id let:e>
                                {
                                    let entry = e.clone();
                                    let status = match (e.status, &e.outcome) {
                                        (Some(s), _) => s.to_string(),
                                        (None, Some(o)) => o.clone(),
                                        (None, None) => "—".into(),
                                    };
                                    let ok = e.status.is_some_and(|s| (200..300).contains(&s));
                                    let copy = move |_| {
                                        let toasts = ctx().toasts;
                                        match curl_for(&entry, include_token.get_untracked()) {
                                            Ok(text) => spawn_local(async move {
                                                if copy_text(&text).await { toasts.show("Copied the request as curl") } else { toasts.error("Could not copy to the clipboard") }
                                            }),
                                            Err(why) => toasts.error(why),
                                        }
                                    };
                                    let cut = e.body_cut.map(|_| view! { <span class="hint">" (body cut for this log)"</span> });
                                    view! {
                                        <tr>
                                            <td><code>{e.method}</code></td>
                                            <td class="path"><code>{path_of(&e.url)}</code>{cut}</td>
                                            <td><span class=if ok { "status ok" } else { "status bad" }>{status}</span></td>
                                            <td class="num">{format!("{} ms", e.duration_ms.round() as i64)}</td>
                                            <td class="num">{e.size.map(size_text).unwrap_or_default()}</td>
                                            <td><button type="button" class="small" on:click=copy>"Copy as curl"</button></td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </aside>
    }
}
