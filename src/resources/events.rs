//! Events: the page says which entity an event is about (named and linked), and for an update
//! what changed, field by field, rather than leaving the admin to compare two JSON documents.

use leptos::prelude::*;
use m3ter_models::resources::events::{about, changes};
use serde_json::Value;

use super::Hooks;
use crate::components::field::FieldRef;
use crate::components::value::{cell, id_view};

pub static HOOKS: Hooks = Hooks {
    key: "events",
    answers: &[],
    entity: Some(entity),
};

fn entity(event: &Value) -> AnyView {
    let Some((key, id)) = about(event) else {
        return ().into_any();
    };
    let r = m3ter_models::resource(key);
    let o = m3ter_models::resources::overlay(key);
    let singular = m3ter_models::entry(key).map_or(key, |e| e.singular);
    let changed = changes(event);
    // A field the catalogue knows shows as its lists show it (times, enums, names of ids); any
    // other as the JSON it is.
    let shown = move |k: &str, v: Option<&Value>| match r.and_then(|r| r.field(k)) {
        Some(f) => cell(&FieldRef::top(o, f), v),
        None => match v {
            Some(v) => view! { <code class="json-inline">{v.to_string()}</code> }.into_any(),
            None => view! { <span class="none">"—"</span> }.into_any(),
        },
    };
    let label = move |k: &str| {
        r.and_then(|r| r.field(k))
            .map_or_else(|| k.to_owned(), |f| FieldRef::top(o, f).label())
    };
    view! {
        <section class="detail-section" aria-labelledby="sec-about">
            <h2 id="sec-about">"About"</h2>
            <dl class="fields">
                <div class="field"><dt>{singular}</dt><dd>{id_view(Some(key), &id, false)}</dd></div>
            </dl>
            {(!changed.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="changes">
                        <caption>{format!("What changed ({} {})", changed.len(), if changed.len() == 1 { "field" } else { "fields" })}</caption>
                        <thead><tr><th scope="col">"Field"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                        <tbody>
                            {changed.iter().map(|(k, before, after)| view! {
                                <tr>
                                    <th scope="row">{label(k)}</th>
                                    <td>{shown(k, before.as_ref())}</td>
                                    <td>{shown(k, after.as_ref())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
    .into_any()
}
