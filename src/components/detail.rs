//! An entity as typed sections generated from its metadata: the fields, the audit trail, and any
//! fields this console does not know (so nothing the API returned is hidden).

use leptos::prelude::*;
use m3ter_models::meta::{FieldKind, FieldMeta, AUDIT_FIELDS};
use m3ter_models::ResourceMeta;
use serde_json::Value;

use super::value::render;

#[component]
pub fn DetailView(meta: &'static ResourceMeta, value: Value) -> impl IntoView {
    let Some(map) = value.as_object().cloned() else {
        return view! {
            <p class="unexpected" role="alert">"The API returned something that is not an object; see Raw JSON."</p>
        }
        .into_any();
    };
    let shown = |f: &FieldMeta| {
        let present = map.get(f.key).is_some_and(|v| !v.is_null());
        let applies = f
            .when
            .as_ref()
            .is_none_or(|c| c.holds(map.get(c.key).and_then(Value::as_str)));
        present || (applies && !f.read_only)
    };
    let (groups, simple): (Vec<_>, Vec<_>) = meta
        .fields
        .iter()
        .filter(|f| shown(f))
        .partition(|f| matches!(f.kind, FieldKind::Objects { .. } | FieldKind::CustomFields));
    let known = |k: &str| {
        meta.fields
            .iter()
            .chain(AUDIT_FIELDS.iter())
            .any(|f| f.key == k)
    };
    let extra: Vec<(String, Value)> = map
        .iter()
        .filter(|(k, _)| !known(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    view! {
        <section class="detail-section" aria-labelledby="sec-fields">
            <h2 id="sec-fields">"Fields"</h2>
            {field_list(simple.into_iter(), &map)}
        </section>
        {groups.into_iter().map(|f| {
            let id = format!("sec-{}", f.key);
            view! {
                <section class="detail-section" aria-labelledby=id.clone()>
                    <h2 id=id.clone()>{f.label}</h2>
                    {render(f, map.get(f.key), false)}
                </section>
            }
        }).collect_view()}
        <section class="detail-section" aria-labelledby="sec-audit">
            <h2 id="sec-audit">"Audit"</h2>
            {field_list(AUDIT_FIELDS.iter(), &map)}
        </section>
        {(!extra.is_empty()).then(|| view! {
            <section class="detail-section" aria-labelledby="sec-extra">
                <h2 id="sec-extra">"Other fields"</h2>
                <p class="hint">"Fields this console does not know yet. They are kept and sent back unchanged when you edit."</p>
                <dl class="fields">
                    {extra.into_iter().map(|(k, v)| view! {
                        <div class="field"><dt>{k}</dt><dd><code class="json-inline">{v.to_string()}</code></dd></div>
                    }).collect_view()}
                </dl>
            </section>
        })}
    }
    .into_any()
}

/// Labelled values of `fields`, as a definition list.
fn field_list(
    fields: impl Iterator<Item = &'static FieldMeta>,
    map: &serde_json::Map<String, Value>,
) -> AnyView {
    view! {
        <dl class="fields">
            {fields.map(|f| view! {
                <div class="field">
                    <dt>{f.label}</dt>
                    <dd>{render(f, map.get(f.key), false)}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
    .into_any()
}
