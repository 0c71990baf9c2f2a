//! An API failure, shown as an alert: what happened, what to do, and the raw body on demand.

use leptos::prelude::*;

use super::ui::action;
use crate::api::ApiError;

/// The alert for a failed `action` ("Loading meters"), with Retry when offered.
pub fn error_panel(error: ApiError, action_name: String, retry: Option<Callback<()>>) -> AnyView {
    let headline = error.headline();
    let advice = error.advice();
    let body = error.body().map(str::to_owned).filter(|b| !b.is_empty());
    let wait = error
        .retry_after()
        .map(|s| format!("The server asked to wait {s} s before retrying."));
    // A 2xx whose body cannot be read did not necessarily fail: do not say it did.
    let lead = match &error {
        ApiError::Decode {
            status: 200..=299, ..
        } => format!("{action_name}: "),
        _ => format!("{action_name} failed. "),
    };
    view! {
        <div class="error-panel" role="alert">
            <p class="error-title"><strong>{lead}</strong>{headline}</p>
            {(!advice.is_empty()).then(|| view! { <p class="error-advice">{advice}</p> })}
            {wait.map(|w| view! { <p class="error-advice">{w}</p> })}
            {body.map(|b| view! {
                <details class="error-body">
                    <summary>"Response body"</summary>
                    <pre>{b}</pre>
                </details>
            })}
            {retry.map(|r| action("Retry", r))}
        </div>
    }
    .into_any()
}

/// Where an operation's error appears (nothing while there is none).
pub fn error_slot(
    error: RwSignal<Option<ApiError>>,
    action_name: Signal<String>,
    retry: Option<Callback<()>>,
) -> AnyView {
    super::ui::dynamic(move || match error.get() {
        Some(e) => error_panel(e, action_name.get(), retry),
        None => ().into_any(),
    })
}
