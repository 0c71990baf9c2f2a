//! What the detail page and the deleted-entity view share: the "Details" / "Raw JSON" tabs and the
//! copy and download actions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::On;
use crate::components::copy::{copy_text, download};
use crate::components::detail::detail_view;
use crate::components::json_view::JsonView;
use crate::context::ctx;
use crate::json_text::pretty;

/// An entity body: the exact text the API returned (when we have it) and its parsed form.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub text: String,
    pub json: Value,
    /// Shown from a list row while the full entity loads.
    pub from_list: bool,
}

impl Body {
    pub fn from_api(text: String, json: Value) -> Self {
        Body {
            text,
            json,
            from_list: false,
        }
    }
    pub fn id(&self) -> String {
        self.json
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }
}

/// Copies with a toast saying whether it worked (the toast outlives the page).
pub fn copy_with_toast(text: String, what: &'static str) {
    let toasts = ctx().toasts;
    spawn_local(async move {
        if copy_text(&text).await {
            toasts.show(format!("Copied {what}"));
        } else {
            toasts.error("Could not copy to the clipboard");
        }
    });
}

/// Copy ID, Copy JSON, Download JSON.
#[component]
pub fn BodyActions(
    on: On,
    body: Signal<Body>,
    #[prop(optional)] file_prefix: &'static str,
) -> impl IntoView {
    let copy_id = move |_| match body.get_untracked().id() {
        id if id.is_empty() => ctx().toasts.error("This has no ID to copy"),
        id => copy_with_toast(id, "the ID"),
    };
    let copy_json =
        move |_| copy_with_toast(pretty(&body.get_untracked().text, false).text, "the JSON");
    let download_json = move |_| {
        let b = body.get_untracked();
        let name = format!(
            "{file_prefix}{}-{}.json",
            on.r.key.trim_end_matches('s'),
            if b.id().is_empty() {
                "entity".into()
            } else {
                b.id()
            }
        );
        if !download(&name, &pretty(&b.text, false).text, "application/json") {
            ctx().toasts.error("Could not start the download");
        }
    };
    view! {
        <button type="button" on:click=copy_id>"Copy ID"</button>
        <button type="button" on:click=copy_json>"Copy JSON"</button>
        <button type="button" on:click=download_json>"Download JSON"</button>
    }
}

/// The "Details" and "Raw JSON" tabs. The raw view is only built when its tab is opened.
#[component]
pub fn EntityTabs(
    on: On,
    body: Signal<Body>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let raw = RwSignal::new(false);
    let key = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(
            ev.key().as_str(),
            "ArrowRight" | "ArrowLeft" | "Home" | "End"
        ) {
            ev.prevent_default();
            raw.update(|r| *r = !*r);
            let id = if raw.get_untracked() {
                "tab-raw"
            } else {
                "tab-details"
            };
            if let Some(el) = document().get_element_by_id(id) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label="View" on:keydown=key>
            <button type="button" role="tab" id="tab-details" aria-controls="panel-details" aria-selected=move || (!raw.get()).to_string()
                tabindex=move || if raw.get() { "-1" } else { "0" } on:click=move |_| raw.set(false)>"Details"</button>
            <button type="button" role="tab" id="tab-raw" aria-controls="panel-raw" aria-selected=move || raw.get().to_string()
                tabindex=move || if raw.get() { "0" } else { "-1" } on:click=move |_| raw.set(true)>"Raw JSON"</button>
        </div>
        <div role="tabpanel" id="panel-details" aria-labelledby="tab-details" hidden=move || raw.get()>
            {move || body.with(|b| crate::resources::entity(on, &b.json))}
            {move || body.with(|b| detail_view(on.r, on.o, &b.json))}
            {children.clone().map(|c| c())}
        </div>
        <div role="tabpanel" id="panel-raw" aria-labelledby="tab-raw" hidden=move || !raw.get()>
            {move || raw.get().then(|| {
                let b = body.get();
                view! {
                    {b.from_list.then(|| view! { <p class="hint">"From the list; the full body is loading."</p> })}
                    <JsonView text=b.text label=format!("{} as JSON", on.entry.singular)/>
                }
            })}
        </div>
    }
}
