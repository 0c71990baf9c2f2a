//! Inputs for every kind of field, generated from the catalogue. Each input keeps its own text (so a
//! half-typed number is not reformatted under the cursor) and writes the parsed value into the draft.

use leptos::prelude::*;
use m3ter_models::catalogue::{Enum, Field, Kind};
use m3ter_models::overlay::Overlay;
use serde_json::{Map, Value};

use super::logic::{
    self, applies, child, display, display_list, input_id, parse, parse_list, path_of, path_text,
    Path, Seg,
};
use super::FormState;
use crate::components::field::FieldRef;
use crate::components::ui::dynamic;

/// Every writable field of `fields` for the object at `base` (`note` is its path for the overlay):
/// the plain ones first, then those with fields of their own, as the entity's page shows them.
pub fn render_fields(
    form: FormState,
    o: &'static Overlay,
    note: String,
    fields: &'static [Field],
    base: Path,
) -> AnyView {
    let plain = fields.iter().filter(|f| !f.kind.is_group());
    plain
        .chain(fields.iter().filter(|f| f.kind.is_group()))
        .map(|f| FieldRef::at(o, f, m3ter_models::validate::join(&note, f.key)))
        .filter(|fr| !fr.read_only() && fr.key() != "version")
        .map(|fr| {
            let path = child(&base, Seg::Key(fr.key().to_owned()));
            let conditional = fr.field.when.is_some() || fr.unless().is_some();
            if !conditional {
                return field(form, fr, path);
            }
            // Show the field only while it applies (e.g. usage fields for USAGE schedules).
            let (base, note) = (base.clone(), note.clone());
            let f = fr.field;
            let shown = Memo::new(move |_| {
                form.draft.with(|d| {
                    logic::get(d, &base)
                        .is_some_and(|siblings| applies(o, &note, fields, f, siblings))
                })
            });
            dynamic(move || {
                if shown.get() {
                    field(form, fr.clone(), path.clone())
                } else {
                    ().into_any()
                }
            })
        })
        .collect_view()
        .into_any()
}

/// A field's label text, with its unit (which may follow a sibling) and "required".
fn label_signal(form: FormState, fr: &FieldRef, path: &Path) -> Signal<String> {
    let parent: Path = path
        .get(..path.len().saturating_sub(1))
        .unwrap_or_default()
        .to_vec();
    let required = if fr.field.required { " (required)" } else { "" };
    let label = fr.label();
    match fr.unit() {
        None => Signal::stored(format!("{label}{required}")),
        Some(unit) => Signal::derive(move || {
            let u = form.draft.with(|d| {
                unit.for_value(
                    logic::get(d, &parent)
                        .and_then(|s| s.get(unit.key))
                        .and_then(Value::as_str),
                )
            });
            match u {
                Some(u) => format!("{label} ({u}){required}"),
                None => format!("{label}{required}"),
            }
        }),
    }
}

/// The frame around one input: label, control, hint, and error, wired for assistive technology.
struct Frame {
    id: String,
    path: String,
    label: Signal<String>,
    help: &'static str,
}

impl Frame {
    fn new(form: FormState, fr: &FieldRef, path: &Path) -> Self {
        Frame {
            id: input_id(form.prefix, path),
            path: path_text(path),
            label: label_signal(form, fr, path),
            help: fr.help(),
        }
    }

    fn described_by(&self, form: FormState) -> Signal<Option<String>> {
        let (hint, err, p) = (
            format!("{}-hint", self.id),
            format!("{}-error", self.id),
            self.path.clone(),
        );
        let has_hint = !self.help.is_empty();
        Signal::derive(move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint.clone());
            }
            if form.error_at(&p).is_some() {
                ids.push(err.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    }

    fn invalid(&self, form: FormState) -> Signal<Option<&'static str>> {
        let p = self.path.clone();
        Signal::derive(move || form.error_at(&p).map(|_| "true"))
    }

    /// Hint and error lines under a control.
    fn notes(&self, form: FormState) -> AnyView {
        let hint = (!self.help.is_empty())
            .then(|| view! { <p class="hint" id=format!("{}-hint", self.id)>{self.help}</p> });
        let (err_id, p) = (format!("{}-error", self.id), self.path.clone());
        let error = dynamic(move || match form.error_at(&p) {
            Some(e) => view! { <p class="field-error" id=err_id.clone()>{e}</p> }.into_any(),
            None => ().into_any(),
        });
        view! { {hint}{error} }.into_any()
    }

    /// A control with a `<label for>` above it.
    fn labelled(self, form: FormState, control: AnyView) -> AnyView {
        let notes = self.notes(form);
        view! {
            <div class="form-field" data-path=self.path.clone()>
                <label for=self.id.clone()>{self.label}</label>
                {control}
                {notes}
            </div>
        }
        .into_any()
    }

    /// A group of controls under a `<legend>`.
    fn grouped(self, form: FormState, body: AnyView) -> AnyView {
        let notes = self.notes(form);
        view! {
            <fieldset class="form-group" data-path=self.path.clone() id=self.id.clone() aria-describedby=self.described_by(form)>
                <legend>{self.label}</legend>
                {body}
                {notes}
            </fieldset>
        }
        .into_any()
    }
}

fn field(form: FormState, fr: FieldRef, path: Path) -> AnyView {
    let frame = Frame::new(form, &fr, &path);
    let kind = fr.kind();
    match kind {
        Kind::Text { .. } if fr.multiline() => text_area(form, frame, kind, path),
        Kind::Text { .. } => {
            let offers =
                m3ter_models::resources::codes_of(&fr.path).map_or(Offers::Nothing, Offers::Codes);
            text_input(form, frame, kind, path, "text", "", offers)
        }
        Kind::Id { .. } => {
            let offers = match (fr.link_by(), fr.link(), fr.under()) {
                (Some(by), _, _) => Offers::NamedBy(sibling(&path, by)),
                (None, Some(to), Some(parent)) => Offers::Under(to, sibling(&path, parent)),
                (None, Some(to), None) => Offers::Of(to),
                (None, None, _) => Offers::Nothing,
            };
            text_input(form, frame, kind, path, "text", "", offers)
        }
        Kind::Integer { .. } => text_input(form, frame, kind, path, "numeric", "", Offers::Nothing),
        Kind::Number { .. } => text_input(form, frame, kind, path, "decimal", "", Offers::Nothing),
        Kind::DateTime => text_input(
            form,
            frame,
            kind,
            path,
            "text",
            "2025-01-31T00:00:00Z",
            Offers::Nothing,
        ),
        Kind::Date => text_input(
            form,
            frame,
            kind,
            path,
            "text",
            "2025-01-31",
            Offers::Nothing,
        ),
        Kind::Bool => checkbox(form, frame, path),
        Kind::Enum(e) => select(form, frame, &fr, e, path),
        Kind::Enums { values, .. } => enum_checkboxes(form, frame, &fr, values, path),
        Kind::Ids { .. } => match fr.link() {
            Some(resource) => id_picker(form, frame, resource, path),
            None => list_area(form, frame, path),
        },
        Kind::Strings { .. } => list_area(form, frame, path),
        Kind::CustomFields => custom_fields(form, frame, path),
        Kind::Objects { fields, min, max } => objects(form, frame, &fr, fields, *min, *max, path),
        Kind::Object(fields) => {
            let body = render_fields(form, fr.overlay, fr.path.clone(), fields, path);
            frame.grouped(form, body)
        }
        Kind::Map(_) | Kind::Any => json_area(form, frame, path),
    }
}

/// A value of a kind the form has no input for, edited as JSON (kept as typed until it parses).
fn json_area(form: FormState, frame: Frame, path: Path) -> AnyView {
    let text = RwSignal::new(form.value(&path).map(|v| v.to_string()).unwrap_or_default());
    let control = view! {
        <textarea id=frame.id.clone() rows="3" spellcheck="false" class="json" prop:value=text aria-invalid=frame.invalid(form) aria-describedby=frame.described_by(form)
            on:input=move |ev| {
                let v = event_target_value(&ev);
                let parsed = if v.trim().is_empty() {
                    None
                } else {
                    Some(serde_json::from_str::<Value>(&v).unwrap_or_else(|_| Value::String(v.clone())))
                };
                form.set(&path, parsed);
                text.set(v);
            }></textarea>
    }
    .into_any();
    frame.labelled(form, control)
}

/// The entities an id input offers by name.
enum Offers {
    Nothing,
    Of(&'static str),
    /// Those of the resource the field at this path names (an external mapping's m3ter entity),
    /// following it as it changes.
    NamedBy(Path),
    /// Those of the resource kept under the entity the field at this path names (the line items
    /// of the referenced bill), read for the entity named when the input gets the focus.
    Under(&'static str, Path),
    /// The codes of a resource's entities, for a text field that takes one (a currency).
    Codes(&'static str),
}

/// The path of a field beside the one at `path`.
fn sibling(path: &Path, key: &str) -> Path {
    let mut p = path.clone();
    p.pop();
    p.push(Seg::Key(key.to_owned()));
    p
}

fn text_input(
    form: FormState,
    frame: Frame,
    kind: &'static Kind,
    path: Path,
    inputmode: &'static str,
    placeholder: &'static str,
    offers: Offers,
) -> AnyView {
    let text = RwSignal::new(display(form.value(&path).as_ref()));
    let list_id = (!matches!(offers, Offers::Nothing)).then(|| format!("{}-choices", frame.id));
    // Entities kept under the one named beside this input are read when it gets the focus, for
    // the entity named then (not a request for each keystroke typed into the other input), or
    // when it opens with an id in it.
    let under_by = match &offers {
        Offers::Under(_, by) => Some(by.clone()),
        _ => None,
    };
    // An input that starts with an id reads the named entity's at once, to name it.
    let start = under_by
        .as_ref()
        .filter(|_| form.value(&path).is_some())
        .and_then(|by| form.value(by).and_then(|v| v.as_str().map(str::to_owned)))
        .filter(|p| !p.is_empty());
    let asked = RwSignal::new(start);
    let offers_codes = match offers {
        Offers::Codes(resource) => Some(resource),
        _ => None,
    };
    // The resource (and the entity it is kept under) whose entities the input offers.
    let of: Option<Signal<Option<(&'static str, String)>>> = match offers {
        Offers::Of(resource) => Some(Signal::stored(Some((resource, String::new())))),
        Offers::NamedBy(by) => {
            // Followed when the named resource changes, not at every keystroke of the form.
            let named = Memo::new(move |_| {
                form.draft.with(|d| {
                    logic::get(d, &by)
                        .and_then(Value::as_str)
                        .and_then(m3ter_models::catalogue::resource_named)
                })
            });
            Some(Signal::derive(move || {
                named.get().map(|r| (r, String::new()))
            }))
        }
        Offers::Under(resource, _) => {
            Some(Signal::derive(move || asked.get().map(|p| (resource, p))))
        }
        Offers::Nothing | Offers::Codes(_) => None,
    };
    let datalist = list_id.clone().map(|id| match (offers_codes, of) {
        (Some(resource), _) => form.codes.datalist(resource, id),
        (None, Some(of)) => dynamic(move || match of.get() {
            Some((resource, parent)) => form.choices.datalist_under(resource, parent, id.clone()),
            None => ().into_any(),
        }),
        (None, None) => ().into_any(),
    });
    let name_id = format!("{}-named", frame.id);
    let named = of.map(|of| form.choices.named(of, text, name_id.clone()));
    let described = {
        let hint_and_error = frame.described_by(form);
        let name_id = named.is_some().then_some(name_id);
        Signal::derive(move || {
            let ids: Vec<String> = name_id
                .iter()
                .cloned()
                .chain(hint_and_error.get())
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    let invalid = frame.invalid(form);
    let control = view! {
        <input
            id=frame.id.clone()
            type="text"
            inputmode=(inputmode != "text").then_some(inputmode)
            spellcheck="false"
            autocomplete="off"
            placeholder=(!placeholder.is_empty()).then_some(placeholder)
            list=list_id
            prop:value=text
            aria-invalid=invalid
            aria-describedby=described
            on:input=move |ev| {
                let v = event_target_value(&ev);
                form.set(&path, parse(kind, &v));
                text.set(v);
            }
            on:focus=move |_| {
                let Some(by) = &under_by else { return };
                let parent = form.value(by).and_then(|v| v.as_str().map(str::to_owned));
                if parent.as_ref().is_some_and(|p| !p.is_empty()) && asked.get_untracked() != parent {
                    asked.set(parent);
                }
            }
        />
        {datalist}
        {named}
    }
    .into_any();
    frame.labelled(form, control)
}

fn text_area(form: FormState, frame: Frame, kind: &'static Kind, path: Path) -> AnyView {
    let text = RwSignal::new(display(form.value(&path).as_ref()));
    let control = view! {
        <textarea id=frame.id.clone() rows="3" prop:value=text aria-invalid=frame.invalid(form) aria-describedby=frame.described_by(form)
            on:input=move |ev| {
                let v = event_target_value(&ev);
                form.set(&path, parse(kind, &v));
                text.set(v);
            }></textarea>
    }
    .into_any();
    frame.labelled(form, control)
}

/// A list of strings, one per line.
fn list_area(form: FormState, frame: Frame, path: Path) -> AnyView {
    let text = RwSignal::new(display_list(form.value(&path).as_ref()));
    let control = view! {
        <textarea id=frame.id.clone() rows="3" spellcheck="false" prop:value=text aria-invalid=frame.invalid(form) aria-describedby=frame.described_by(form)
            on:input=move |ev| {
                let v = event_target_value(&ev);
                form.set(&path, parse_list(&v));
                text.set(v);
            }></textarea>
    }
    .into_any();
    frame.labelled(form, control)
}

fn checkbox(form: FormState, frame: Frame, path: Path) -> AnyView {
    let checked = form.value(&path).and_then(|v| v.as_bool()).unwrap_or(false);
    let notes = frame.notes(form);
    view! {
        <div class="form-field" data-path=frame.path.clone()>
            <label class="choice" for=frame.id.clone()>
                <input type="checkbox" id=frame.id.clone() prop:checked=checked aria-describedby=frame.described_by(form)
                    on:change=move |ev| form.set(&path, Some(Value::Bool(event_target_checked(&ev))))/>
                {frame.label}
            </label>
            {notes}
        </div>
    }
    .into_any()
}

fn select(form: FormState, frame: Frame, fr: &FieldRef, e: &'static Enum, path: Path) -> AnyView {
    let required = fr.field.required;
    let current = display(form.value(&path).as_ref());
    let unknown = (!current.is_empty() && !e.contains(&current)).then(|| current.clone());
    let value = RwSignal::new(current);
    let control = view! {
        <select id=frame.id.clone() aria-invalid=frame.invalid(form) aria-describedby=frame.described_by(form)
            on:change=move |ev| {
                let v = event_target_value(&ev);
                form.set(&path, (!v.is_empty()).then(|| Value::String(v.clone())));
                value.set(v);
            }>
            <option value="" selected=move || value.with(String::is_empty)>{if required { "Choose…" } else { "(not set)" }}</option>
            {e.values.iter().map(|wire| view! { <option value=*wire selected=move || value.with(|v| v == wire)>{fr.value_label(wire)}</option> }).collect_view()}
            {unknown.map(|u| {
                let text = format!("{u} (not known to this console; kept as is)");
                view! { <option value=u.clone() selected=move || value.with(|v| *v == u)>{text}</option> }
            })}
        </select>
    }
    .into_any();
    frame.labelled(form, control)
}

/// The strings of an array value (anything else is dropped from the view but not from the draft
/// until the user changes the selection).
fn strings(v: Option<Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => s,
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Adds `value` to the selection (at the end, keeping the order of the rest) or removes it.
fn toggle(selection: &mut Vec<String>, value: String, on: bool) {
    if on && !selection.contains(&value) {
        selection.push(value);
    } else if !on {
        selection.retain(|v| *v != value);
    }
}

/// Several enum values as checkboxes. Unknown values in the draft stay selected and are shown.
fn enum_checkboxes(
    form: FormState,
    frame: Frame,
    fr: &FieldRef,
    e: &'static Enum,
    path: Path,
) -> AnyView {
    let selected = RwSignal::new(strings(form.value(&path)));
    let path = StoredValue::new(path);
    let unknown: Vec<String> = selected
        .get_untracked()
        .into_iter()
        .filter(|v| !e.contains(v))
        .collect();
    let id = frame.id.clone();
    let toggle = move |value: String, on: bool| {
        selected.update(|s| toggle(s, value, on));
        let list = selected.get_untracked();
        form.set(
            &path.get_value(),
            (!list.is_empty()).then(|| Value::Array(list.into_iter().map(Value::String).collect())),
        );
    };
    let boxes = e
        .values
        .iter()
        .map(|w| ((*w).to_owned(), fr.value_label(w)))
        .chain(unknown.into_iter().map(|u| (u.clone(), format!("{u} (not known to this console; kept)"))))
        .enumerate()
        .map(|(i, (wire, label))| {
            let box_id = format!("{id}-{i}");
            let for_id = box_id.clone();
            let w = wire.clone();
            let checked = selected.with_untracked(|s| s.contains(&wire));
            view! {
                <label class="choice" for=for_id>
                    <input type="checkbox" id=box_id prop:checked=checked on:change=move |ev| toggle(w.clone(), event_target_checked(&ev))/>
                    {label}
                </label>
            }
        })
        .collect_view();
    frame.grouped(
        form,
        view! { <div class="choices">{boxes}</div> }.into_any(),
    )
}

/// Ids picked from the related resource's first page, plus any others typed by hand.
fn id_picker(form: FormState, frame: Frame, resource: &'static str, path: Path) -> AnyView {
    let options = form.options(resource);
    let selected = RwSignal::new(strings(form.value(&path)));
    let path = StoredValue::new(path);
    let id = frame.id.clone();
    let other_id = format!("{id}-other");
    // Ids not among the options are edited as text.
    let other_text = RwSignal::new(String::new());
    let known = Memo::new(move |_| options.get().unwrap_or_default());
    Effect::new(move |_| {
        let opts = known.get();
        let others: Vec<String> = selected
            .get_untracked()
            .into_iter()
            .filter(|s| !opts.iter().any(|(o, _)| o == s))
            .collect();
        other_text.set(others.join("\n"));
    });
    let write = move || {
        let list = selected.get_untracked();
        form.set(
            &path.get_value(),
            (!list.is_empty()).then(|| Value::Array(list.into_iter().map(Value::String).collect())),
        );
    };
    let toggle = move |value: String, on: bool| {
        selected.update(|s| toggle(s, value, on));
        write();
    };
    let set_others = move |text: String| {
        let opts = known.get_untracked();
        let typed: Vec<String> = text
            .split(['\n', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        selected.update(|s| {
            s.retain(|v| opts.iter().any(|(o, _)| o == v));
            for t in typed {
                if !s.contains(&t) {
                    s.push(t);
                }
            }
        });
        other_text.set(text);
        write();
    };
    let list_id = id.clone();
    let body = dynamic(move || match known.get() {
        opts if options.with(Option::is_none) && opts.is_empty() => {
            view! { <p class="hint">"Loading choices…"</p> }.into_any()
        }
        opts => {
            let boxes = opts
                .into_iter()
                .enumerate()
                .map(|(i, (value, label))| {
                    let box_id = format!("{list_id}-{i}");
                    let for_id = box_id.clone();
                    let checked = selected.with_untracked(|s| s.contains(&value));
                    let v = value.clone();
                    view! {
                        <label class="choice" for=for_id>
                            <input type="checkbox" id=box_id prop:checked=checked on:change=move |ev| toggle(v.clone(), event_target_checked(&ev))/>
                            {label}" "<code class="id small">{value}</code>
                        </label>
                    }
                })
                .collect_view();
            view! { <div class="choices scroll">{boxes}</div> }.into_any()
        }
    });
    let group = view! {
        {body}
        <div class="form-field">
            <label for=other_id.clone()>"Other IDs (one per line)"</label>
            <textarea id=other_id rows="2" spellcheck="false" prop:value=other_text on:input=move |ev| set_others(event_target_value(&ev))></textarea>
        </div>
    }
    .into_any();
    frame.grouped(form, group)
}

/// One custom field row: name, value, and whether the value is a number.
#[derive(Clone, Debug, PartialEq)]
struct Custom {
    key: u64,
    name: RwSignal<String>,
    value: RwSignal<String>,
    number: RwSignal<bool>,
    /// A value that is neither a string nor a number: shown and kept, not editable here.
    other: Option<Value>,
}

fn custom_fields(form: FormState, frame: Frame, path: Path) -> AnyView {
    let existed = form.value(&path).is_some();
    let initial: Vec<Custom> = form
        .value(&path)
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let (value, number, other) = match &v {
                Value::String(s) => (s.clone(), false, None),
                Value::Number(n) => (n.to_string(), true, None),
                other => (other.to_string(), false, Some(other.clone())),
            };
            Custom {
                key: i as u64,
                name: RwSignal::new(k),
                value: RwSignal::new(value),
                number: RwSignal::new(number),
                other,
            }
        })
        .collect();
    let next = StoredValue::new(initial.len() as u64);
    let rows = RwSignal::new(initial);
    let path = StoredValue::new(path);
    let write = move || {
        let rows = rows.get_untracked();
        let mut map = Map::new();
        for r in &rows {
            let name = r.name.get_untracked();
            if name.trim().is_empty() && r.value.get_untracked().is_empty() {
                continue;
            }
            let value = match (&r.other, r.number.get_untracked()) {
                (Some(o), _) => o.clone(),
                (None, true) => parse(&Kind::NUMBER, &r.value.get_untracked())
                    .unwrap_or(Value::String(String::new())),
                (None, false) => Value::String(r.value.get_untracked()),
            };
            map.insert(name, value);
        }
        form.set(
            &path.get_value(),
            (!map.is_empty() || existed).then_some(Value::Object(map)),
        );
    };
    let id = frame.id.clone();
    let body = dynamic(move || {
        let list = rows.get();
        let id = id.clone();
        let items = list
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let base = format!("{id}-{}", r.key);
                let n = i + 1;
                let key = r.key;
                let editable = r.other.is_none();
                view! {
                    <div class="kv-row">
                        <div class="form-field">
                            <label for=format!("{base}-name")>{format!("Name {n}")}</label>
                            <input id=format!("{base}-name") type="text" spellcheck="false" prop:value=r.name on:input=move |ev| { r.name.set(event_target_value(&ev)); write(); }/>
                        </div>
                        <div class="form-field">
                            <label for=format!("{base}-value")>{format!("Value {n}")}</label>
                            <input id=format!("{base}-value") type="text" spellcheck="false" prop:value=r.value disabled=!editable
                                on:input=move |ev| { r.value.set(event_target_value(&ev)); write(); }/>
                        </div>
                        <label class="choice" for=format!("{base}-number")>
                            <input type="checkbox" id=format!("{base}-number") prop:checked=r.number disabled=!editable
                                on:change=move |ev| { r.number.set(event_target_checked(&ev)); write(); }/>
                            {format!("Value {n} is a number")}
                        </label>
                        <button type="button" class="small" on:click=move |_| { rows.update(|rs| rs.retain(|x| x.key != key)); write(); }>
                            {format!("Remove custom field {n}")}
                        </button>
                    </div>
                }
            })
            .collect_view();
        view! { {items} }.into_any()
    });
    let add = move |_: leptos::ev::MouseEvent| {
        let key = next.get_value();
        next.set_value(key + 1);
        rows.update(|rs| {
            rs.push(Custom {
                key,
                name: RwSignal::new(String::new()),
                value: RwSignal::new(String::new()),
                number: RwSignal::new(false),
                other: None,
            })
        });
    };
    let group = view! {
        {body}
        <button type="button" class="small" on:click=add>"Add custom field"</button>
    }
    .into_any();
    frame.grouped(form, group)
}

/// A repeatable sub-form (data fields, aggregations, groups, …) with add and remove.
fn objects(
    form: FormState,
    frame: Frame,
    fr: &FieldRef,
    fields: &'static [Field],
    min: u32,
    max: u32,
    path: Path,
) -> AnyView {
    let item_label = fr.item_label();
    let add_label = format!("Add {}", item_label.to_ascii_lowercase());
    let (o, note) = (fr.overlay, fr.path.clone());
    let len_path = path.clone();
    let len = Memo::new(move |_| {
        form.draft.with(|d| {
            logic::get(d, &len_path)
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        })
    });
    let items_path = path.clone();
    let items = dynamic(move || {
        let n = len.get();
        (0..n)
            .map(|i| {
                let item_path = child(&items_path, Seg::Index(i));
                let remove_path = item_path.clone();
                let legend = format!("{item_label} {}", i + 1);
                let remove_label = format!("Remove {}", legend.to_ascii_lowercase());
                view! {
                    <fieldset class="form-item">
                        <legend>{legend}</legend>
                        {render_fields(form, o, note.clone(), fields, item_path)}
                        <button type="button" class="small" disabled={move || len.get() <= min as usize}
                            on:click=move |_| { form.set(&remove_path, None); form.generation.update(|g| *g += 1); }>{remove_label}</button>
                    </fieldset>
                }
            })
            .collect_view()
            .into_any()
    });
    let add_path = path.clone();
    let add = move |_: leptos::ev::MouseEvent| {
        let n = len.get_untracked();
        form.set(
            &child(&add_path, Seg::Index(n)),
            Some(logic::new_item(o, fields)),
        );
    };
    let limits = match (min, max) {
        (_, 0) if min > 0 => format!("at least {min}"),
        (_, 0) => String::new(),
        _ => format!("{min} to {max}"),
    };
    let max = if max == 0 { u32::MAX } else { max };
    let group = view! {
        {items}
        <button type="button" class="small" disabled={move || len.get() >= max as usize} on:click=add>{add_label}</button>
        {(!limits.is_empty()).then(|| view! { <span class="hint">" " {limits}" items"</span> })}
    }
    .into_any();
    frame.grouped(form, group)
}

/// The label of the field at an error path, for the error summary: "Data fields › 3 › Code".
pub fn label_of(o: &'static Overlay, fields: &'static [Field], path: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut current = fields;
    let mut note = String::new();
    for seg in path_of(path) {
        match seg {
            Seg::Index(i) => out.push((i + 1).to_string()),
            Seg::Key(key) => match current.iter().find(|f| f.key == key) {
                Some(f) => {
                    let fr = FieldRef::at(o, f, m3ter_models::validate::join(&note, f.key));
                    out.push(fr.label());
                    note = fr.path;
                    current = match &f.kind {
                        Kind::Objects { fields, .. } | Kind::Object(fields) => fields,
                        _ => &[],
                    };
                }
                None => out.push(key),
            },
        }
    }
    out.join(" › ")
}

/// The id of the input for an error path (for "go to field" from the summary).
pub fn input_for(prefix: &str, path: &str) -> String {
    input_id(prefix, &path_of(path))
}
