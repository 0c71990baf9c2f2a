//! "Recently deleted": every body m3ter returned for a delete in this tab, newest first, each
//! reopenable in the same typed layout as a detail page.

use leptos::prelude::*;
use serde_json::Value;

use super::entity::{Body, BodyActions, EntityTabs};
use super::On;
use crate::components::time::{local_text, relative};
use crate::components::ui::Link;
use crate::context::{ctx, DeletedEntry, DELETED_CAP};
use crate::routes::{Place, Route};

fn when(at_ms: f64) -> String {
    format!(
        "{} ({})",
        local_text(at_ms as i64),
        relative(at_ms, crate::api::now_ms())
    )
}

pub fn list() -> AnyView {
    view! { <DeletedList/> }.into_any()
}

pub fn view(n: String) -> AnyView {
    view! { <DeletedView n=n/> }.into_any()
}

#[component]
fn DeletedList() -> impl IntoView {
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
                                    let on = On::of(&d.resource);
                                    let name = on.map(|o| o.title_of(&json)).unwrap_or_else(|| "(unknown)".into());
                                    let kind = on.map(|o| o.entry.singular).unwrap_or("Entity");
                                    let code = json.get("code").and_then(Value::as_str).unwrap_or_default().to_owned();
                                    let id = json.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
                                    view! {
                                        <tr>
                                            <th scope="row"><Link href=Route::Deleted(d.n.to_string()).href()>{name}</Link></th>
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
fn recreate_link(on: On, entry: &DeletedEntry) -> Option<AnyView> {
    if !on.r.ops.create {
        return None;
    }
    // The parents it lived under, as the catalogue knows them (older entries kept one id).
    let parents: Vec<(&'static str, String)> = if entry.parents.is_empty() {
        match (on.entry.parent, &entry.parent) {
            (Some(pk), Some(p)) => vec![(pk, p.clone())],
            _ => Vec::new(),
        }
    } else {
        entry
            .parents
            .iter()
            .filter_map(|(k, id)| Some((m3ter_models::entry(k)?.key, id.clone())))
            .collect()
    };
    if on.entry.parent.is_some() && parents.is_empty() {
        return None;
    }
    let place = Place::under(on.r.key, parents).scoped(entry.scope.clone());
    let new = Route::New(place).href();
    let join = if new.contains('?') { '&' } else { '?' };
    let href = format!("{new}{join}from=deleted-{}", entry.n);
    Some(view! { <Link href=href>"Re-create"</Link> }.into_any())
}

/// `/deleted/:n`: a deleted entity in the detail layout, with a clear banner.
#[component]
fn DeletedView(n: String) -> impl IntoView {
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
        let Some(on) = On::of(&entry.resource) else {
            return view! { <h1>"Unknown resource"</h1> }.into_any();
        };
        let json = entry.json();
        let title = on.title_of(&json);
        let id = json
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let body = Signal::stored(Body::from_api(entry.text.clone(), json));
        view! {
            <article class="detail-page deleted">
                <header class="page-head">
                    <p class="kicker">{on.entry.singular}</p>
                    <h1>{title}</h1>
                    <p class="ids"><code class="id">{id.clone()}</code></p>
                </header>
                {id.is_empty().then(|| view! {
                    <p class="error-panel" role="alert">
                        {format!("The API's answer to this delete does not look like a {} (it has no id); it is kept below exactly as received.", on.noun())}
                    </p>
                })}
                <p class="banner banner-deleted">
                    <strong>"Deleted. "</strong>
                    {format!("You deleted this {} in this tab at {}. This is the body m3ter returned; it no longer exists in m3ter.", on.noun(), when(entry.at_ms))}
                </p>
                <div class="actions" role="group" aria-label="Actions">
                    {recreate_link(on, &entry)}
                    <BodyActions on=on body=body file_prefix="deleted-"/>
                    <Link href="/deleted">"All recently deleted"</Link>
                </div>
                <EntityTabs on=on body=body/>
            </article>
        }
        .into_any()
    }
}
