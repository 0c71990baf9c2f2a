//! Shows one field's value according to its metadata: enum labels (unknown values as they came), ids
//! with links to related entities, date-times relative and absolute, sub-objects as tables. A value of
//! an unexpected type is shown raw, never dropped and never a crash.

use crate::components::ui::Link;
use leptos::prelude::*;
use m3ter_models::meta::{EnumMeta, FieldKind, FieldMeta, Link};
use serde_json::Value;

use super::time;
use crate::context::ctx;

/// The route of an entity's detail page.
pub fn detail_href(resource: &str, id: &str) -> String {
    format!("/{resource}/{}", crate::api::encode(id))
}

/// The route of a list filtered by one parameter.
pub fn filter_href(resource: &str, param: &str, value: &str) -> String {
    format!(
        "/{resource}?{}={}",
        crate::api::encode(param),
        crate::api::encode(value)
    )
}

fn none() -> AnyView {
    view! { <span class="none">"—"<span class="sr-only">"not set"</span></span> }.into_any()
}

/// JSON text of a value we could not show as its kind.
fn raw(v: &Value) -> AnyView {
    let text = v.to_string();
    view! { <code class="unexpected" title="This value does not have the expected type; shown as received">{text}</code> }.into_any()
}

/// Only http(s) links are followed: a `javascript:` URL from an API body must stay text.
pub fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

fn enum_view(meta: &'static EnumMeta, raw_value: &str) -> AnyView {
    let known = meta.contains(raw_value);
    let label = meta.label_of(raw_value).to_owned();
    let is_status = meta.name.to_ascii_lowercase().contains("status");
    let raw_value = raw_value.to_owned();
    match (is_status, known) {
        (true, _) => {
            let class = format!("badge badge-{}", raw_value.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
            let label = if known { label } else { raw_value.clone() };
            view! { <span class=class title=raw_value>{label}</span> }.into_any()
        }
        (false, true) => view! { <span class="enum" title=raw_value>{label}</span> }.into_any(),
        (false, false) => view! {
            <span class="enum unknown">{raw_value}<small>" (value not known to this console)"</small></span>
        }
        .into_any(),
    }
}

fn id_view(id: &str, link: Option<Link>, compact: bool, label: &str) -> AnyView {
    let id_owned = id.to_owned();
    match link {
        Some(Link::Detail(resource)) => {
            let href = detail_href(resource, id);
            view! { <Link href=href><code class="id">{id_owned}</code></Link> }.into_any()
        }
        Some(Link::Filter { resource, param }) if !compact => {
            let href = filter_href(resource, param, id);
            let label = crate::resources::filter_link_label(resource, label);
            view! { <code class="id">{id_owned}</code>" " <Link href=href>{label}</Link> }
                .into_any()
        }
        _ => view! { <code class="id">{id_owned}</code> }.into_any(),
    }
}

fn time_view(raw_value: &str, compact: bool) -> AnyView {
    let Some(t) = time::parse(raw_value) else {
        let text = raw_value.to_owned();
        return view! { <span class="unexpected" title="Not a date-time; shown as received">{text}</span> }.into_any();
    };
    let utc = ctx().prefs.utc;
    let iso = raw_value.to_owned();
    let abs = move || {
        if utc.get() {
            time::utc_text(t)
        } else {
            time::local_text(t)
        }
    };
    let other = move || {
        if utc.get() {
            time::local_text(t)
        } else {
            time::utc_text(t)
        }
    };
    let rel = time::relative(t as f64, crate::api::now_ms());
    if compact {
        view! { <time datetime=iso title=move || format!("{} ({rel})", other())>{abs}</time> }
            .into_any()
    } else {
        view! { <time datetime=iso title=other>{abs}" "<span class="rel">"(" {rel} ")"</span></time> }.into_any()
    }
}

fn number_text(v: &Value) -> Option<String> {
    v.as_number().map(ToString::to_string)
}

/// Renders `value` for `field`. `compact` is the table-cell form.
pub fn render(field: &'static FieldMeta, value: Option<&Value>, compact: bool) -> AnyView {
    let Some(v) = value.filter(|v| !v.is_null()) else {
        return none();
    };
    match &field.kind {
        FieldKind::Text { multiline, .. } => match v.as_str() {
            Some(s) if *multiline && !compact => view! { <span class="multiline">{s.to_owned()}</span> }.into_any(),
            Some(s) => s.to_owned().into_any(),
            None => raw(v),
        },
        FieldKind::Code | FieldKind::FieldCode => match v.as_str() {
            Some(s) => view! { <code>{s.to_owned()}</code> }.into_any(),
            None => raw(v),
        },
        FieldKind::Id(link) => match v.as_str() {
            Some(s) => id_view(s, *link, compact, field.label),
            None => raw(v),
        },
        FieldKind::IdList(link) => match v.as_array() {
            Some(items) if items.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(items) if compact => format!("{} ids", items.len()).into_any(),
            Some(items) => view! {
                <ul class="plain">
                    {items.iter().map(|i| match i.as_str() {
                        Some(s) => view! { <li>{id_view(s, *link, false, field.label)}</li> }.into_any(),
                        None => view! { <li>{raw(i)}</li> }.into_any(),
                    }).collect_view()}
                </ul>
            }
            .into_any(),
            None => raw(v),
        },
        FieldKind::StringList => match v.as_array() {
            Some(items) => {
                let texts: Vec<String> = items.iter().map(|i| i.as_str().map(str::to_owned).unwrap_or_else(|| i.to_string())).collect();
                texts.join(", ").into_any()
            }
            None => raw(v),
        },
        FieldKind::Integer { .. } | FieldKind::Number { .. } => match number_text(v) {
            Some(n) => view! { <span class="num">{n}</span> }.into_any(),
            None => raw(v),
        },
        FieldKind::Bool => match v.as_bool() {
            Some(true) => "Yes".into_any(),
            Some(false) => "No".into_any(),
            None => raw(v),
        },
        FieldKind::DateTime => match v.as_str() {
            Some(s) => time_view(s, compact),
            None => raw(v),
        },
        FieldKind::Enum(meta) => match v.as_str() {
            Some(s) => enum_view(meta, s),
            None => raw(v),
        },
        FieldKind::EnumList(meta) => match v.as_array() {
            Some(items) if items.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(items) => view! {
                <span class="enum-list">
                    {items.iter().map(|i| match i.as_str() {
                        Some(s) => view! { <span class="chip">{enum_view(meta, s)}</span> }.into_any(),
                        None => raw(i),
                    }).collect_view()}
                </span>
            }
            .into_any(),
            None => raw(v),
        },
        FieldKind::CustomFields => match v.as_object() {
            Some(map) if map.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(map) if compact => format!("{} fields", map.len()).into_any(),
            Some(map) => view! {
                <dl class="kv">
                    {map.iter().map(|(k, val)| {
                        let shown = match val {
                            Value::String(s) => s.clone().into_any(),
                            Value::Number(n) => view! { <span class="num">{n.to_string()}</span> }.into_any(),
                            other => raw(other),
                        };
                        view! { <dt>{k.clone()}</dt><dd>{shown}</dd> }
                    }).collect_view()}
                </dl>
            }
            .into_any(),
            None => raw(v),
        },
        FieldKind::Objects { fields, item_label, .. } => match v.as_array() {
            Some(items) if compact => {
                let n = items.len();
                let noun = if n == 1 { item_label.to_ascii_lowercase() } else { format!("{}s", item_label.to_ascii_lowercase()) };
                view! { <span class="num">{n}</span>" " {noun} }.into_any()
            }
            Some(items) if items.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(items) => objects_table(fields, items, item_label),
            None => raw(v),
        },
        FieldKind::Object(fields) => match v.as_object() {
            Some(_) if compact => "…".into_any(),
            Some(map) => view! {
                <dl class="kv">
                    {fields.iter().map(|f| view! { <dt>{f.label}</dt><dd>{render(f, map.get(f.key), false)}</dd> }).collect_view()}
                    {extra_entries(fields, map)}
                </dl>
            }
            .into_any(),
            None => raw(v),
        },
        FieldKind::Url => match v.as_str() {
            Some(url) => match safe_url(url) {
                Some(url) => {
                    let url = url.to_owned();
                    view! { <a href=url target="_blank" rel="noopener noreferrer">"Open"<span class="sr-only">" " {field.label}</span></a> }.into_any()
                }
                None => view! { <code class="unexpected">{url.to_owned()}</code> }.into_any(),
            },
            None => raw(v),
        },
    }
}

/// Keys of an object that the metadata does not describe, shown as JSON so nothing is hidden.
fn extra_entries(fields: &'static [FieldMeta], map: &serde_json::Map<String, Value>) -> AnyView {
    map.iter()
        .filter(|(k, _)| !fields.iter().any(|f| f.key == k.as_str()))
        .map(|(k, v)| view! { <dt>{k.clone()}</dt><dd><code>{v.to_string()}</code></dd> })
        .collect_view()
        .into_any()
}

fn objects_table(
    fields: &'static [FieldMeta],
    items: &[Value],
    item_label: &'static str,
) -> AnyView {
    let has_other = items.iter().any(|i| {
        i.as_object().is_some_and(|m| {
            m.keys()
                .any(|k| !fields.iter().any(|f| f.key == k.as_str()))
        })
    });
    view! {
        <div class="table-wrap">
            <table class="sub">
                <caption class="sr-only">{item_label}"s"</caption>
                <thead>
                    <tr>
                        {fields.iter().map(|f| view! { <th scope="col">{f.label}</th> }).collect_view()}
                        {has_other.then(|| view! { <th scope="col">"Other fields"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {items.iter().map(|item| {
                        let map = item.as_object();
                        view! {
                            <tr>
                                {fields.iter().map(|f| view! { <td>{render(f, map.and_then(|m| m.get(f.key)), false)}</td> }).collect_view()}
                                {has_other.then(|| {
                                    // Inserted one by one: `collect` into a map would sort (more code).
                                    let mut other = serde_json::Map::new();
                                    for (k, v) in map.into_iter().flatten() {
                                        if !fields.iter().any(|f| f.key == k.as_str()) {
                                            other.insert(k.clone(), v.clone());
                                        }
                                    }
                                    let text = if other.is_empty() { String::new() } else { Value::Object(other).to_string() };
                                    view! { <td><code>{text}</code></td> }
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Plain text of a value for sorting and the quick filter.
pub fn sort_text(field: &FieldMeta, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => match &field.kind {
            FieldKind::Enum(meta) => meta.label_of(s).to_owned(),
            _ => s.clone(),
        },
        Some(Value::Array(a)) => a.len().to_string(),
        Some(Value::Object(o)) => o.len().to_string(),
        Some(other) => other.to_string(),
    }
}
