//! Type-erased building blocks for views.
//!
//! Every distinct closure in a Leptos view instantiates its own copy of the rendering code; in a
//! console with many small reactive parts that is most of the wasm binary. These helpers put the
//! closures behind `Arc<dyn Fn>` / `Callback` / `Signal`, so the rendering code exists once per helper
//! instead of once per use. Each helper keeps a generic shell that only boxes its argument and calls a
//! non-generic inner function.

use std::sync::Arc;

use leptos::prelude::*;

type DynView = Arc<dyn Fn() -> AnyView + Send + Sync>;

/// A part of a view that re-renders when the signals it reads change.
pub fn dynamic(f: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView {
    dynamic_inner(Arc::new(f))
}

fn dynamic_inner(f: DynView) -> AnyView {
    (move || f()).into_any()
}

/// Reactive text.
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// A reactive boolean (for `disabled`, `hidden`, …).
pub fn flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(f)
}

/// A reactive optional attribute value.
fn maybe(f: impl Fn() -> Option<String> + Send + Sync + 'static) -> Signal<Option<String>> {
    Signal::derive(f)
}

/// Shows `view` only while `when` holds.
pub fn when(when: Signal<bool>, view: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView {
    when_inner(when, Arc::new(view))
}

fn when_inner(when: Signal<bool>, view: DynView) -> AnyView {
    dynamic_inner(Arc::new(
        move || if when.get() { view() } else { ().into_any() },
    ))
}

/// A click handler from a callback (one handler type for every button).
fn click(cb: Callback<()>) -> impl FnMut(leptos::ev::MouseEvent) + 'static {
    move |_| cb.run(())
}

/// Writes an input's value into a signal on every keystroke.
fn bind(s: RwSignal<String>) -> impl FnMut(leptos::ev::Event) + 'static {
    move |ev| s.set(event_target_value(&ev))
}

/// A button. `disabled` may be a constant `false`.
fn button(
    label: Signal<String>,
    class: &'static str,
    disabled: Signal<bool>,
    on: Callback<()>,
) -> AnyView {
    view! { <button type="button" class=class disabled=disabled on:click=click(on)>{label}</button> }.into_any()
}

/// A button with a fixed label.
pub fn action(label: &'static str, on: Callback<()>) -> AnyView {
    button(
        Signal::stored(label.to_owned()),
        "",
        Signal::stored(false),
        on,
    )
}

/// A checkbox or radio with its label.
pub fn choice(
    id: String,
    name: Option<String>,
    kind: &'static str,
    label: &'static str,
    checked: Signal<bool>,
    on: Callback<bool>,
) -> AnyView {
    let for_id = id.clone();
    view! {
        <label class="choice" for=for_id>
            <input type=kind id=id name=name prop:checked=checked on:change=move |ev| on.run(event_target_checked(&ev))/>
            {label}
        </label>
    }
    .into_any()
}

/// A labelled text input with its hint and error, wired with `aria-invalid` and `aria-describedby`.
pub struct Input {
    pub id: String,
    pub label: String,
    pub value: RwSignal<String>,
    pub error: Signal<Option<String>>,
    pub kind: &'static str,
    pub hint: String,
    pub autocomplete: &'static str,
    pub placeholder: &'static str,
}

impl Input {
    pub fn new(id: String, label: impl Into<String>, value: RwSignal<String>) -> Self {
        Input {
            id,
            label: label.into(),
            value,
            error: Signal::stored(None),
            kind: "text",
            hint: String::new(),
            autocomplete: "off",
            placeholder: "",
        }
    }
    pub fn error(mut self, error: Signal<Option<String>>) -> Self {
        self.error = error;
        self
    }
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = a;
        self
    }
    pub fn placeholder(mut self, p: &'static str) -> Self {
        self.placeholder = p;
        self
    }

    pub fn render(self) -> AnyView {
        let Input {
            id,
            label,
            value,
            error,
            kind,
            hint,
            autocomplete,
            placeholder,
        } = self;
        let err_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let has_hint = !hint.is_empty();
        let described = {
            let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
            maybe(move || {
                let mut ids = Vec::new();
                if has_hint {
                    ids.push(hint_id.clone());
                }
                if error.with(Option::is_some) {
                    ids.push(err_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            })
        };
        let invalid = maybe(move || error.with(Option::is_some).then(|| "true".to_owned()));
        let for_id = id.clone();
        view! {
            <div class="form-field">
                <label for=for_id>{label}</label>
                <input
                    id=id
                    type=kind
                    autocomplete=autocomplete
                    spellcheck="false"
                    placeholder=placeholder
                    prop:value=value
                    on:input=bind(value)
                    aria-invalid=invalid
                    aria-describedby=described
                />
                {has_hint.then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
                {error_line(err_id, error)}
            </div>
        }
        .into_any()
    }
}

/// The error paragraph under a field (present only while there is an error).
fn error_line(id: String, error: Signal<Option<String>>) -> AnyView {
    dynamic(move || match error.get() {
        Some(e) => view! { <p class="field-error" id=id.clone()>{e}</p> }.into_any(),
        None => ().into_any(),
    })
}

/// An in-app link: a plain `<a>` with the console's base in front of the path (`/console/meters`
/// under a sub-path). The router handles clicks on any in-app `<a>`; its `<A>` component added
/// per-link reactive work (and wasm) that only the navigation needs (`aria-current`, see `app`).
#[component]
pub fn Link(#[prop(into)] href: String, children: Children) -> impl IntoView {
    view! { <a href=crate::config::href(&href)>{children()}</a> }
}

/// The page for a path that names no page.
pub fn not_found() -> AnyView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. Choose a resource from the navigation."</p>
    }
    .into_any()
}
