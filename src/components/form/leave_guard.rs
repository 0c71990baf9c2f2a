//! Asking before unsaved form changes are lost: by a link, by the browser's Back/Forward, or by
//! closing or reloading the tab.
//!
//! Back/Forward cannot be cancelled: the URL has already changed when `popstate` fires. The router
//! reacts to that event, and the browser runs pending reactive work between listeners, so a
//! listener added by the form (after the router's) would only run once the form is gone. The
//! `popstate` guard is therefore installed once, before the router; the form arms it.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const QUESTION: &str = "Leave this form? Your unsaved changes will be lost.";

thread_local! {
    /// The URL of the form with unsaved changes, while there is one.
    static ARMED: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn user_agrees_to_leave() -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(QUESTION).ok())
        .unwrap_or(true)
}

/// Called once, before the router adds its own `popstate` listener. Staying stops the router from
/// seeing the event and puts the form's URL back.
pub fn install_back_guard() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_pop = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(url) = ARMED.with_borrow(Clone::clone) else {
            return;
        };
        if user_agrees_to_leave() {
            ARMED.set(None);
            return;
        }
        ev.stop_immediate_propagation();
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    });
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_pop.forget();
}

/// While `active`, asks before the form at the current URL is left.
pub fn guard_form(active: Signal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The router's URL, not the address bar's: a link's URL reaches the address bar only after the
    // page it opens (this form) is built.
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    let form_url = format!(
        "{}{}{}{}",
        location.pathname.get_untracked(),
        if search.is_empty() { "" } else { "?" },
        search,
        location.hash.get_untracked()
    );
    Effect::new(move |_| {
        let armed = active.get().then(|| form_url.clone());
        ARMED.set(armed);
    });
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !active.get_untracked()
            || ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if anchor
            .get_attribute("target")
            .is_some_and(|t| t == "_blank")
            || anchor.has_attribute("download")
        {
            return;
        }
        if user_agrees_to_leave() {
            // Leaving by a link: the Back guard must not ask again on the way out.
            ARMED.set(None);
        } else {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    });
    let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if active.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("Unsaved changes");
            }
        },
    );
    // Capturing: the click is seen before the router's own link handling.
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    // The callbacks are not `Send`; a local stored value hands them to the cleanup.
    let handles = StoredValue::new_local((on_click, on_unload));
    on_cleanup(move || {
        ARMED.set(None);
        handles.with_value(|(click, unload)| {
            if let Some(w) = web_sys::window() {
                let _ = w.remove_event_listener_with_callback_and_bool(
                    "click",
                    click.as_ref().unchecked_ref(),
                    true,
                );
                let _ = w.remove_event_listener_with_callback(
                    "beforeunload",
                    unload.as_ref().unchecked_ref(),
                );
            }
        });
    });
}
