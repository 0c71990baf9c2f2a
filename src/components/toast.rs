//! Short confirmations ("Copied", "Meter deleted") in a polite live region.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub is_error: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        }
    }

    pub fn show(&self, text: impl Into<String>) {
        self.push(text.into(), false);
    }

    pub fn error(&self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    fn push(&self, text: String, is_error: bool) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| {
            v.push(Toast { id, text, is_error });
            if v.len() > 4 {
                v.remove(0);
            }
        });
        let items = self.items;
        gloo_timers::callback::Timeout::new(6_000, move || {
            items.try_update(|v| v.retain(|t| t.id != id));
        })
        .forget();
    }
}

/// The live region. Always in the DOM so screen readers announce what is added to it.
#[component]
pub fn ToastRegion(toasts: Toasts) -> impl IntoView {
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let:t>
                <p class="toast" class:toast-error=t.is_error>{t.text}</p>
            </For>
        </div>
    }
}
