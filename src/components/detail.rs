//! An entity as typed sections generated from the catalogue: the fields, the audit trail, and any
//! fields this console does not know (so nothing the API returned is hidden).

use leptos::prelude::*;
use m3ter_models::catalogue::{Kind, AUDIT_KEYS, AUTHOR_KEYS};
use m3ter_models::overlay::Overlay;
use m3ter_models::validate::variant;
use m3ter_models::Resource;
use serde_json::Value;

use super::field::FieldRef;
use super::value::{author_view, render, render_in, time_view};
use crate::json_text::pretty;

/// The audit trail's labels.
const AUDIT_LABELS: [(&str, &str); 6] = [
    ("id", "ID"),
    ("version", "Version"),
    ("dtCreated", "Created"),
    ("createdBy", "Created by"),
    ("dtLastModified", "Last modified"),
    ("lastModifiedBy", "Last modified by"),
];

pub fn detail_view(r: &'static Resource, o: &'static Overlay, value: &Value) -> AnyView {
    let Some(map) = value.as_object() else {
        return view! {
            <p class="unexpected" role="alert">"The API returned something that is not an object; see Raw JSON."</p>
        }
        .into_any();
    };
    let tag = variant(o, r.fields, value);
    let shown: Vec<FieldRef> = r
        .fields
        .iter()
        .filter(|f| !AUDIT_KEYS.contains(&f.key))
        .filter(|f| {
            let present = map.get(f.key).is_some_and(|v| !v.is_null());
            let applies = match tag {
                Some((_, known, t)) => f.applies(t, known),
                None => true,
            };
            // An unset field shows as unset only where it could be set and read back: a
            // write-only one (a credit line item's `reasonId`) never comes back.
            present || (applies && !f.read_only && !f.write_only)
        })
        .map(|f| {
            let fr = FieldRef::top(o, f);
            fr.within(value).unwrap_or(fr)
        })
        .collect();
    // Objects get a section of their own; so does JSON the catalogue cannot type (an event's data).
    let (groups, simple): (Vec<_>, Vec<_>) = shown.into_iter().partition(|fr| match fr.kind() {
        k if k.is_group() => true,
        Kind::Any => map
            .get(fr.key())
            .is_some_and(|v| v.is_object() || v.is_array()),
        _ => false,
    });
    let extra: Vec<(String, Value)> = map
        .iter()
        .filter(|(k, _)| r.field(k).is_none() && !AUDIT_KEYS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let audit = AUDIT_LABELS
        .iter()
        .map(|(key, label)| {
            let shown = match map.get(*key) {
                None | Some(Value::Null) => view! { <span class="none">"—"</span> }.into_any(),
                Some(Value::String(s)) if key.starts_with("dt") => time_view(s, false),
                Some(Value::String(s)) if AUTHOR_KEYS.contains(key) => author_view(s),
                Some(Value::String(s)) => view! { <code class="id">{s.clone()}</code> }.into_any(),
                Some(v) => view! { <code>{v.to_string()}</code> }.into_any(),
            };
            view! { <div class="field"><dt>{*label}</dt><dd>{shown}</dd></div> }
        })
        .collect_view();
    view! {
        <section class="detail-section" aria-labelledby="sec-fields">
            <h2 id="sec-fields">"Fields"</h2>
            <dl class="fields">
                {simple.iter().map(|fr| view! {
                    <div class="field">
                        <dt>{fr.label()}</dt>
                        <dd>{render_in(fr, value)}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        {groups.into_iter().map(|fr| {
            let id = format!("sec-{}", fr.key());
            view! {
                <section class="detail-section" aria-labelledby=id.clone()>
                    <h2 id=id.clone()>{fr.label()}</h2>
                    {match (fr.kind(), map.get(fr.key())) {
                        (Kind::Any, Some(v)) => view! {
                            <pre class="json" tabindex="0" aria-label=fr.label()><code>{pretty(&v.to_string(), false).text}</code></pre>
                        }.into_any(),
                        (_, v) => render(&fr, v),
                    }}
                </section>
            }
        }).collect_view()}
        <section class="detail-section" aria-labelledby="sec-audit">
            <h2 id="sec-audit">"Audit"</h2>
            <dl class="fields">{audit}</dl>
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
