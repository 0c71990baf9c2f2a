//! "Recently deleted": every body m3ter returned for a delete in this tab, newest first, each
//! reopenable in the same typed layout as a detail page.

use crate::components::ui::Link;
use leptos::prelude::*;
use m3ter_models::resource;
use serde_json::Value;

use super::entity_view::{Body, BodyActions, EntityTabs};
use super::title_of;
use crate::components::time::{local_text, relative};
use crate::context::{ctx, DELETED_CAP};

fn when(at_ms: f64) -> String {
    format!(
        "{} ({})",
        local_text(at_ms as i64),
        relative(at_ms, crate::api::now_ms())
    )
}

#[component]
pub fn DeletedList() -> impl IntoView {
    let deleted = ctx().deleted;
    view! {
        <section aria-labelledby="deleted-title">
            <h1 id="deleted-title">"Recently deleted"</h1>
            <p class="hint">{format!("What you deleted in this tab, newest first (the last {DELETED_CAP} are kept until the tab closes). Each entry is the body m3ter returned.")}</p>
            <Show when=move || deleted.entries.with(|e| !e.is_empty()) fallback=|| view! { <p class="empty">"Nothing deleted in this tab yet."</p> }>
                <div class="table-wrap">
                    <table class="resources">
                        <caption>"Deleted in this tab, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Type"</th>
                                <th scope="col">"Code"</th>
                                <th scope="col">"ID"</th>
                                <th scope="col">"Deleted"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || deleted.entries.get() key=|d| d.n let:d>
                                {
                                    let json = d.json();
                                    let meta = resource(&d.resource);
                                    let name = meta.map(|m| title_of(m, &json)).unwrap_or_else(|| "(unknown)".into());
                                    let kind = meta.map(|m| m.singular).unwrap_or("Entity");
                                    let code = json.get("code").and_then(Value::as_str).unwrap_or_default().to_owned();
                                    let id = json.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
                                    view! {
                                        <tr>
                                            <th scope="row"><Link href=format!("/deleted/{}", d.n)>{name}</Link></th>
                                            <td>{kind}</td>
                                            <td><code>{code}</code></td>
                                            <td><code class="id">{id}</code></td>
                                            <td>{when(d.at_ms)}</td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// "Re-create": the create form pre-filled from the deleted body, for review before sending.
fn recreate_link(
    meta: &'static m3ter_models::ResourceMeta,
    entry: &crate::context::DeletedEntry,
) -> Option<AnyView> {
    if !meta.supports(m3ter_models::Action::Create) {
        return None;
    }
    let base = match (meta.parent, &entry.parent) {
        (None, _) => format!("/{}", meta.key),
        (Some((pk, _)), Some(p)) => format!("/{pk}/{}/{}", crate::api::encode(p), meta.key),
        (Some(_), None) => return None,
    };
    Some(
        view! { <Link href=format!("{base}/new?from=deleted-{}", entry.n)>"Re-create"</Link> }
            .into_any(),
    )
}

/// `/deleted/:n`: a deleted entity in the detail layout, with a clear banner.
#[component]
pub fn DeletedView(n: String) -> impl IntoView {
    let deleted = ctx().deleted;
    let n = n.parse::<u64>().unwrap_or(0);
    move || {
        let Some(entry) = deleted.get(n) else {
            return view! {
                <h1>"Deleted entity not found"</h1>
                <p>"This tab no longer has that deleted body. See " <Link href="/deleted">"Recently deleted"</Link> "."</p>
            }
            .into_any();
        };
        let Some(meta) = resource(&entry.resource) else {
            return view! { <h1>"Unknown resource"</h1> }.into_any();
        };
        let json = entry.json();
        let title = title_of(meta, &json);
        let id = json
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let body = Signal::stored(Body::from_api(entry.text.clone(), json));
        view! {
            <article class="detail-page deleted">
                <header class="page-head">
                    <p class="kicker">{meta.singular}</p>
                    <h1>{title}</h1>
                    <p class="ids"><code class="id">{id.clone()}</code></p>
                </header>
                {id.is_empty().then(|| view! {
                    <p class="error-panel" role="alert">
                        {format!("The API's answer to this delete does not look like a {} (it has no id); it is kept below exactly as received.", meta.noun)}
                    </p>
                })}
                <p class="banner banner-deleted">
                    <strong>"Deleted. "</strong>
                    {format!("You deleted this {} in this tab at {}. This is the body m3ter returned; it no longer exists in m3ter.", meta.noun, when(entry.at_ms))}
                </p>
                <div class="actions" role="group" aria-label="Actions">
                    {recreate_link(meta, &entry)}
                    <BodyActions meta=meta body=body file_prefix="deleted-"/>
                    <Link href="/deleted">"All recently deleted"</Link>
                </div>
                <EntityTabs meta=meta body=body/>
            </article>
        }
        .into_any()
    }
}
