//! A version conflict, field by field: what you loaded, what you typed, what is on the server now;
//! and the two ways out (reload the latest, or keep your changes re-applied on it).

use leptos::prelude::*;
use serde_json::Value;

use super::super::On;
use crate::components::form::logic::{diff, draft_from_entity, DiffRow};

/// A table of changed fields: each row's path, then its value as loaded, as typed and (with a
/// third heading) on the server, marked where you and the server changed it differently.
pub(super) fn diff_table(
    caption: &'static str,
    heads: &'static [&'static str],
    rows: Vec<DiffRow>,
) -> AnyView {
    let server = heads.len() > 2;
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">"Field"</th>
                    {heads.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class:conflicting=server && r.conflicting()>
                            <th scope="row"><code>{r.path.clone()}</code></th>
                            <td>{cell(&r.loaded)}</td>
                            <td>{cell(&r.typed)}</td>
                            {server.then(|| view! { <td>{cell(&r.server)}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn cell(v: &Option<Value>) -> AnyView {
    match v {
        None => view! { <span class="none">"(not set)"</span> }.into_any(),
        Some(Value::String(s)) => view! { <code>{s.clone()}</code> }.into_any(),
        Some(other) => view! { <code>{other.to_string()}</code> }.into_any(),
    }
}

pub fn conflict_view(
    on: On,
    loaded: &Value,
    typed: &Value,
    server: &Value,
    reload: Callback<()>,
    keep: Callback<()>,
) -> AnyView {
    let latest = draft_from_entity(on.r, server);
    let rows: Vec<DiffRow> = diff(loaded, typed, &latest);
    let server_version = server
        .get("version")
        .and_then(Value::as_i64)
        .map(|v| v.to_string())
        .unwrap_or_else(|| "?".into());
    view! {
        <div class="conflict" role="alert">
            <h2>{format!("This {} was changed by someone else (the server now has version {server_version})", on.noun())}</h2>
            <p>"Nothing was saved. Compare, then reload the latest version (your changes are discarded) or keep your changes (they are re-applied on the latest version for you to save again)."</p>
            {diff_table("Changes since you loaded it", &["You loaded", "You typed", "On the server now"], rows)}
            <div class="form-actions">
                <button type="button" on:click=move |_| reload.run(())>"Reload latest"</button>
                <button type="button" class="primary" on:click=move |_| keep.run(())>"Keep my changes"</button>
            </div>
        </div>
    }
    .into_any()
}
