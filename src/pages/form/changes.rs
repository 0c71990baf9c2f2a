//! What an edit will change: the fields whose value differs from the version loaded, before and
//! after, kept up to date as you type, so a save holds no surprise.

use leptos::prelude::*;
use serde_json::Value;

use super::conflict::diff_table;
use crate::components::form::logic::diff;
use crate::components::ui::dynamic;

/// "Review 2 unsaved changes", and what they are behind it (hidden while there are none). The
/// disclosure stays as it is while the rows change under it.
pub fn changes_view(loaded: RwSignal<Value>, typed: RwSignal<Value>) -> AnyView {
    let rows = Memo::new(move |_| loaded.with(|l| typed.with(|t| diff(l, t, l))));
    let said = move || match rows.with(Vec::len) {
        1 => "Review 1 unsaved change".to_owned(),
        n => format!("Review {n} unsaved changes"),
    };
    view! {
        <details class="changes" hidden=move || rows.with(Vec::is_empty)>
            <summary>{said}</summary>
            {dynamic(move || diff_table("What saving will change", &["Loaded", "To save"], rows.get()))}
        </details>
    }
    .into_any()
}
