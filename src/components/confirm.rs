//! Confirmation in a native `<dialog>`: it names the entity, the destructive button says what it does,
//! the other says "Keep". Focus starts on "Keep", Esc closes, and focus returns to what opened it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::error_view::error_slot;

/// What the dialog asks about.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    /// "Delete meter?"
    pub title: String,
    /// Name, code and id of the entity: `(label, value)`.
    pub facts: Vec<(String, String)>,
    /// One sentence on the consequence.
    pub warning: String,
    /// "Delete meter", "Cancel job".
    pub confirm_label: String,
}

/// A modal confirmation. `open` shows it; `on_confirm` runs once per opening (the button is disabled
/// from the first click), and the caller closes it by setting `open` to `None`.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<Option<Confirmation>>,
    busy: Signal<bool>,
    on_confirm: Callback<()>,
    /// An error to show inside the dialog (e.g. the delete failed), and what was being done.
    error: RwSignal<Option<ApiError>>,
    #[prop(into)] action: Signal<String>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let keep = NodeRef::<html::Button>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let fired = RwSignal::new(false);
    // After a failed attempt the user may deliberately try again.
    Effect::new(move |_| {
        if !busy.get() {
            fired.set(false);
        }
    });

    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get().is_some() {
            if !d.open() {
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(active);
                fired.set(false);
                let _ = d.show_modal();
                // The content may render after this effect: focus "Keep" once it is there.
                gloo_timers::callback::Timeout::new(0, move || {
                    if let Some(k) = keep.get_untracked() {
                        let _ = k.focus();
                    }
                })
                .forget();
            }
        } else if d.open() {
            d.close();
        }
    });

    let close = move || {
        if !busy.get_untracked() {
            open.set(None);
        }
    };
    let restore_focus = move |_| {
        if let Some(el) = opener.get_value() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
        if open.get_untracked().is_some() {
            open.set(None);
        }
    };
    let confirm = move |_| {
        // One request per confirmation, even on a double click.
        if fired.get_untracked() || busy.get_untracked() {
            return;
        }
        fired.set(true);
        on_confirm.run(());
    };

    view! {
        <dialog
            node_ref=dialog
            class="confirm"
            aria-labelledby="confirm-title"
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                close();
            }
            on:close=restore_focus
        >
            {move || open.get().map(|c| view! {
                <h2 id="confirm-title">{c.title.clone()}</h2>
                <dl class="facts">
                    {c.facts.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd><code>{v.clone()}</code></dd> }).collect_view()}
                </dl>
                <p>{c.warning.clone()}</p>
                {error_slot(error, action, None)}
                <div class="dialog-actions">
                    <button type="button" class="danger" disabled=move || busy.get() || fired.get() on:click=confirm>
                        {move || if busy.get() { "Working…".to_owned() } else { c.confirm_label.clone() }}
                    </button>
                    <button type="button" node_ref=keep autofocus disabled=move || busy.get() on:click=move |_| close()>"Keep"</button>
                </div>
            })}
        </dialog>
    }
}
