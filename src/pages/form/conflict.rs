//! A version conflict, field by field: what you loaded, what you typed, what is on the server now;
//! and the two ways out (reload the latest, or keep your changes re-applied on it).

use leptos::prelude::*;
use serde_json::Value;

use super::super::On;
use crate::components::form::logic::{diff, draft_from_entity, DiffRow};

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
