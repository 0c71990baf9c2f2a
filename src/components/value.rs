//! Shows one field's value by its kind: enum labels (unknown values as they came), ids with the name
//! of what they point at and a link to it, date-times relative and absolute, sub-objects as tables.
//! A value of an unexpected type is shown raw, never dropped and never a crash.

use leptos::prelude::*;
use m3ter_models::catalogue::{Check, Field, Kind, AUTHOR_KEYS};
use m3ter_models::overlay::Overlay;
use serde_json::Value;

use super::field::FieldRef;
use super::time;
use super::ui::{dynamic, Link};
use crate::context::ctx;
use crate::names::Name;
use crate::routes::{Place, Route};

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

fn enum_view(fr: &FieldRef, known: &[&str], raw_value: &str) -> AnyView {
    let is_known = known.contains(&raw_value);
    let label = fr.value_label(raw_value);
    let is_status = fr.key().to_ascii_lowercase().contains("status");
    let raw_value = raw_value.to_owned();
    match (is_status, is_known) {
        (true, _) => {
            let class = format!(
                "badge badge-{}",
                raw_value
                    .to_ascii_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
            );
            let label = if is_known { label } else { raw_value.clone() };
            view! { <span class=class title=raw_value>{label}</span> }.into_any()
        }
        (false, true) => view! { <span class="enum" title=raw_value>{label}</span> }.into_any(),
        (false, false) => view! {
            <span class="enum unknown">{raw_value}<small>" (value not known to this console)"</small></span>
        }
        .into_any(),
    }
}

/// The entity whose page is showing, for links to the entities inside it (a bill's line items).
#[derive(Clone)]
pub struct Here(pub Place, pub String);

/// An id: the name of what it points at (looked up in batches) linked to its page, and the id.
/// An id of a resource kept under the entity on show is linked below it.
pub fn id_view(to: Option<&'static str>, id: &str, compact: bool) -> AnyView {
    let entry = to.and_then(m3ter_models::entry).filter(|e| !e.singleton);
    let parent = entry.and_then(|e| e.parent);
    match (entry, to.and_then(|to| here_href(to, id))) {
        (Some(e), _) if parent.is_none() => named_link(e.key, id, compact, true),
        (_, Some(href)) => {
            let id = id.to_owned();
            view! { <Link href=href><code class="id">{id}</code></Link> }.into_any()
        }
        _ => view! { <code class="id">{id.to_owned()}</code> }.into_any(),
    }
}

/// The page of entity `id` of resource `to` kept under the entity on show (`None`: `to` is not
/// kept under it).
fn here_href(to: &'static str, id: &str) -> Option<String> {
    let e = m3ter_models::entry(to).filter(|e| !e.singleton)?;
    let Here(place, here) = use_context::<Here>().filter(|h| e.parent == Some(h.0.key))?;
    Some(Route::Detail(place.child(&here, e.key), id.to_owned()).href())
}

/// Who the audit trail names: the person's name, linked, when the resource of authors knows the
/// id; otherwise the id, not linked (a service user's is in no list, and a link would lead nowhere).
pub fn author_view(id: &str) -> AnyView {
    match m3ter_models::resources::authors() {
        Some(to) => named_link(to, id, false, false),
        None => view! { <code class="id">{id.to_owned()}</code> }.into_any(),
    }
}

/// An id of resource `to`, shown by the entity's name once the name is known (linked, and the id
/// beside it unless `compact`); until then, or when no entity has it, the id itself, linked when
/// found or if `link_unknown`.
fn named_link(to: &'static str, id: &str, compact: bool, link_unknown: bool) -> AnyView {
    let href = Route::Detail(Place::top(to), id.to_owned()).href();
    name_and_link(href, ctx().names.of(to, id), id, compact, link_unknown)
}

/// Entity `id` of resource `to`, kept under entity `parent` of its parent resource: named and
/// linked to its page there (`None`: `to` is not kept under another).
fn under_link(to: &'static str, parent: &str, id: &str) -> Option<AnyView> {
    let above = m3ter_models::entry(to)?.parent?;
    let place = Place::under(to, vec![(above, parent.to_owned())]);
    let href = Route::Detail(place, id.to_owned()).href();
    let name = ctx().names.of_under(to, parent, id);
    Some(name_and_link(href, name, id, false, true))
}

fn name_and_link(
    href: String,
    name: Signal<Name>,
    id: &str,
    compact: bool,
    link_unknown: bool,
) -> AnyView {
    let id_text = id.to_owned();
    dynamic(move || {
        let (href, id_text) = (href.clone(), id_text.clone());
        match name.get() {
            // An entity named by its id alone (no name or code) is not named twice.
            Name::Found(n) if n != id_text && compact => {
                view! { <Link href=href>{n}</Link> }.into_any()
            }
            Name::Found(n) if n != id_text => view! {
                <Link href=href>{n}</Link>" "<code class="id small">{id_text}</code>
            }
            .into_any(),
            n if link_unknown || matches!(n, Name::Found(_)) => {
                view! { <Link href=href><code class="id">{id_text}</code></Link> }.into_any()
            }
            _ => view! { <code class="id">{id_text}</code> }.into_any(),
        }
    })
}

pub fn time_view(raw_value: &str, compact: bool) -> AnyView {
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

fn list_of(items: &[Value], one: impl Fn(&Value) -> AnyView) -> AnyView {
    if items.is_empty() {
        return view! { <span class="none">"none"</span> }.into_any();
    }
    view! { <ul class="plain">{items.iter().map(|i| view! { <li>{one(i)}</li> }).collect_view()}</ul> }
        .into_any()
}

/// A value as a table cell shows it: plain values in full, values made of parts as a count.
pub fn cell(fr: &FieldRef, value: Option<&Value>) -> AnyView {
    plain(fr, value, true)
}

/// A field of `entity` in full, as its page shows it ([`render`]); an id of an entity kept under
/// another that a sibling names (a credit's referenced line item, under the referenced bill) is
/// named and linked below that one.
pub fn render_in(fr: &FieldRef, entity: &Value) -> AnyView {
    let value = entity.get(fr.key());
    let parent = fr.under().and_then(|sibling| entity.get(sibling)?.as_str());
    let under = match (value, fr.link(), parent) {
        (Some(Value::String(id)), Some(to), Some(p)) => under_link(to, p, id),
        _ => None,
    };
    under.unwrap_or_else(|| render(fr, value))
}

/// A value in full, as an entity's page shows it: objects and lists of objects as tables, maps
/// as names and values. Not used by the lists, so the list pages' code does not carry it.
pub fn render(fr: &FieldRef, value: Option<&Value>) -> AnyView {
    match value.filter(|v| !v.is_null()) {
        Some(v) if fr.kind().is_group() => parts(fr, v),
        _ => plain(fr, value, false),
    }
}

/// A value of any kind, those made of parts by their count (`compact`: a table cell's form).
fn plain(fr: &FieldRef, value: Option<&Value>, compact: bool) -> AnyView {
    let Some(v) = value.filter(|v| !v.is_null()) else {
        return none();
    };
    match fr.kind() {
        Kind::Text { check, .. } => match v.as_str() {
            Some(url) if fr.is_url() => match safe_url(url) {
                Some(url) => {
                    let (url, label) = (url.to_owned(), fr.label());
                    view! { <a href=url target="_blank" rel="noopener noreferrer">"Open"<span class="sr-only">" " {label}</span></a> }.into_any()
                }
                None => view! { <code class="unexpected">{url.to_owned()}</code> }.into_any(),
            },
            Some(s) if matches!(check, Check::Code | Check::FieldCode) => {
                view! { <code>{s.to_owned()}</code> }.into_any()
            }
            // The audit trail of an object inside an entity (a lookup table's active revision).
            Some(s) if AUTHOR_KEYS.contains(&fr.key()) => author_view(s),
            // The id of an entity inside this one (a bill's line item), where the overlay says.
            Some(s) if fr.link().is_some() => id_view(fr.link(), s, compact),
            Some(s) if fr.multiline() && !compact => {
                view! { <span class="multiline">{s.to_owned()}</span> }.into_any()
            }
            Some(s) => s.to_owned().into_any(),
            None => raw(v),
        },
        Kind::Id { .. } => match v.as_str() {
            Some(s) => id_view(fr.link(), s, compact),
            None => raw(v),
        },
        Kind::Ids { .. } => match v.as_array() {
            Some(items) if compact && !items.is_empty() => format!("{} ids", items.len()).into_any(),
            Some(items) => {
                let to = fr.link();
                list_of(items, |i| match i.as_str() {
                    Some(s) => id_view(to, s, false),
                    None => raw(i),
                })
            }
            None => raw(v),
        },
        Kind::Strings { .. } => match v.as_array() {
            Some(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_owned).unwrap_or_else(|| i.to_string()))
                .collect::<Vec<_>>()
                .join(", ")
                .into_any(),
            None => raw(v),
        },
        Kind::Integer { .. } | Kind::Number { .. } => match v.as_number() {
            Some(n) => view! { <span class="num">{n.to_string()}</span> }.into_any(),
            None => raw(v),
        },
        Kind::Bool => match v.as_bool() {
            Some(true) => "Yes".into_any(),
            Some(false) => "No".into_any(),
            None => raw(v),
        },
        Kind::DateTime => match v.as_str() {
            Some(s) => time_view(s, compact),
            None => raw(v),
        },
        Kind::Date => match v.as_str() {
            Some(s) => view! { <time datetime=s.to_owned()>{s.to_owned()}</time> }.into_any(),
            None => raw(v),
        },
        Kind::Enum(e) => match v.as_str() {
            Some(s) => enum_view(fr, e.values, s),
            None => raw(v),
        },
        Kind::Enums { values, .. } => match v.as_array() {
            Some(items) if items.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(items) => view! {
                <span class="enum-list">
                    {items.iter().map(|i| match i.as_str() {
                        Some(s) => view! { <span class="chip">{enum_view(fr, values.values, s)}</span> }.into_any(),
                        None => raw(i),
                    }).collect_view()}
                </span>
            }
            .into_any(),
            None => raw(v),
        },
        Kind::CustomFields | Kind::Map(_) => match v.as_object() {
            Some(map) if map.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(map) => format!("{} fields", map.len()).into_any(),
            None => raw(v),
        },
        Kind::Objects { .. } => match v.as_array() {
            Some(items) => {
                let n = items.len();
                let noun = fr.item_label().to_ascii_lowercase();
                let noun = if n == 1 { noun } else { format!("{noun}s") };
                view! { <span class="num">{n}</span>" " {noun} }.into_any()
            }
            None => raw(v),
        },
        Kind::Object(_) => match v.as_object() {
            Some(_) => "…".into_any(),
            None => raw(v),
        },
        Kind::Any => view! { <code class="json-inline">{v.to_string()}</code> }.into_any(),
    }
}

/// The full form of a value made of parts (see [`Kind::is_group`]).
fn parts(fr: &FieldRef, v: &Value) -> AnyView {
    match fr.kind() {
        Kind::CustomFields | Kind::Map(_) => match v.as_object() {
            Some(map) if map.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(map) => view! {
                <dl class="kv">
                    {map.iter().map(|(k, val)| {
                        let shown = match val {
                            Value::String(s) => s.clone().into_any(),
                            Value::Number(n) => view! { <span class="num">{n.to_string()}</span> }.into_any(),
                            // A map of any JSON (an integration's settings) holds flags and lists
                            // as well; custom fields hold only text and numbers.
                            other if matches!(fr.kind(), Kind::Map(Kind::Any)) => {
                                view! { <code class="json-inline">{other.to_string()}</code> }.into_any()
                            }
                            other => raw(other),
                        };
                        view! { <dt>{k.clone()}</dt><dd>{shown}</dd> }
                    }).collect_view()}
                </dl>
            }
            .into_any(),
            None => raw(v),
        },
        Kind::Objects { fields, .. } => match v.as_array() {
            Some(items) if items.is_empty() => view! { <span class="none">"none"</span> }.into_any(),
            Some(items) => match entities_here(fr, fields) {
                Some((to, o)) => entities_table(fr, fields, items, to, o),
                None => objects_table(fr, fields, items),
            },
            None => raw(v),
        },
        Kind::Object(fields) => match v.as_object() {
            Some(map) => view! {
                <dl class="kv">
                    {fields.iter().filter(|f| map.contains_key(f.key) || !f.read_only).map(|f| {
                        let child = fr.child(f);
                        view! { <dt>{child.label()}</dt><dd>{render(&child, map.get(f.key))}</dd> }
                    }).collect_view()}
                    {extra_entries(fields, map)}
                </dl>
            }
            .into_any(),
            None => raw(v),
        },
        _ => plain(fr, Some(v), false),
    }
}

/// Keys of an object that the catalogue does not describe, shown as JSON so nothing is hidden.
fn extra_entries(fields: &'static [Field], map: &serde_json::Map<String, Value>) -> AnyView {
    map.iter()
        .filter(|(k, _)| !fields.iter().any(|f| f.key == k.as_str()))
        .map(|(k, v)| view! { <dt>{k.clone()}</dt><dd><code>{v.to_string()}</code></dd> })
        .collect_view()
        .into_any()
}

fn objects_table(fr: &FieldRef, fields: &'static [Field], items: &[Value]) -> AnyView {
    // Columns: the fields any item has (a variant's fields only when some item is of it).
    let shown: Vec<&'static Field> = fields
        .iter()
        .filter(|f| {
            !f.read_only
                || items
                    .iter()
                    .any(|i| i.get(f.key).is_some_and(|v| !v.is_null()))
        })
        .filter(|f| {
            f.when.is_none()
                || items
                    .iter()
                    .any(|i| i.get(f.key).is_some_and(|v| !v.is_null()))
        })
        .collect();
    let has_other = items.iter().any(|i| {
        i.as_object().is_some_and(|m| {
            m.keys()
                .any(|k| !fields.iter().any(|f| f.key == k.as_str()))
        })
    });
    let head = view! {
        {shown.iter().map(|f| view! { <th scope="col">{fr.child(f).label()}</th> }).collect_view()}
        {has_other.then(|| view! { <th scope="col">"Other fields"</th> })}
    };
    let rows = items.iter().map(|item| {
        let map = item.as_object();
        view! {
            <tr>
                {shown.iter().map(|f| view! { <td>{render(&fr.child(f), map.and_then(|m| m.get(f.key)))}</td> }).collect_view()}
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
    })
    .collect_view();
    sub_table(fr, head.into_any(), rows.into_any())
}

/// A table of the objects of field `fr`, captioned by what they are.
fn sub_table(fr: &FieldRef, head: AnyView, rows: AnyView) -> AnyView {
    let caption = format!("{}s", fr.item_label());
    view! {
        <div class="table-wrap">
            <table class="sub">
                <caption class="sr-only">{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The resource and overlay of objects that are entities with pages below the one on show (a
/// bill's line items), when their list has chosen columns.
fn entities_here(
    fr: &FieldRef,
    fields: &'static [Field],
) -> Option<(&'static str, &'static Overlay)> {
    let to = fr.child(fields.iter().find(|f| f.key == "id")?).link()?;
    let o = m3ter_models::resources::overlay(to);
    let here = use_context::<Here>()?.0.key;
    let below = m3ter_models::entry(to).is_some_and(|e| e.parent == Some(here));
    (below && !o.columns.is_empty()).then_some((to, o))
}

/// Entities inside this one as their own list shows them: the title linked to each one's page,
/// then the list's columns. Each page shows the rest (and Raw JSON all of it).
fn entities_table(
    fr: &FieldRef,
    fields: &'static [Field],
    items: &[Value],
    to: &'static str,
    o: &'static Overlay,
) -> AnyView {
    let shown: Vec<FieldRef> = o
        .columns
        .iter()
        .filter_map(|k| fields.iter().find(|f| f.key == *k))
        .map(|f| fr.child(f))
        .collect();
    let title = fields
        .iter()
        .find(|f| f.key == o.title)
        .map(|f| fr.child(f));
    let more = format!(
        "Each {}'s page shows all its fields.",
        fr.item_label().to_ascii_lowercase()
    );
    let head = view! {
        <th scope="col">{title.as_ref().map_or_else(|| "ID".to_owned(), FieldRef::label)}</th>
        {shown.iter().map(|c| view! { <th scope="col">{c.label()}</th> }).collect_view()}
    };
    let rows = items.iter().map(|item| {
        let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
        let name = title
            .as_ref()
            .and_then(|t| item.get(t.key()))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or(id)
            .to_owned();
        let first = match here_href(to, id).filter(|_| !id.is_empty()) {
            Some(href) => view! { <Link href=href>{name}</Link> }.into_any(),
            None => name.into_any(),
        };
        view! {
            <tr>
                <th scope="row">{first}</th>
                {shown.iter().map(|c| view! { <td>{cell(c, item.get(c.key()))}</td> }).collect_view()}
            </tr>
        }
    })
    .collect_view();
    view! {
        {sub_table(fr, head.into_any(), rows.into_any())}
        <p class="hint">{more}</p>
    }
    .into_any()
}

/// Plain text of a value for sorting and the quick filter.
pub fn sort_text(fr: &FieldRef, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => match fr.kind() {
            Kind::Enum(_) => fr.value_label(s),
            _ => s.clone(),
        },
        Some(Value::Array(a)) => a.len().to_string(),
        Some(Value::Object(o)) => o.len().to_string(),
        Some(other) => other.to_string(),
    }
}
