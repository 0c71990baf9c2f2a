//! Balance transaction schedules: the preview lists the transactions the schedule would create,
//! worked out here from its dates and frequency (the API answers with the schedule, not them).

use leptos::prelude::*;
use m3ter_models::resources::transaction_schedules::{occurrences, Frequency};
use serde_json::Value;

use super::Hooks;
use crate::components::field::FieldRef;
use crate::pages::On;

pub static HOOKS: Hooks = Hooks {
    key: "transaction-schedules",
    answers: &[("preview", preview)],
    entity: None,
};

fn preview(on: On, draft: &Value, answer: &Value) -> AnyView {
    let date = |k: &str| {
        draft
            .get(k)
            .and_then(Value::as_str)
            .and_then(m3ter_models::time::parse_rfc3339)
    };
    let frequency = draft
        .get("frequency")
        .and_then(Value::as_str)
        .and_then(Frequency::of);
    let interval = draft
        .get("frequencyInterval")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let amount = draft
        .get("amount")
        .map(|a| a.to_string())
        .unwrap_or_default();
    let dates = match (date("startDate"), date("endDate"), frequency) {
        (Some(s), Some(e), Some(f)) => occurrences(s, e, f, interval, 10_000),
        _ => Vec::new(),
    };
    let total = dates.len();
    let shown: Vec<String> = dates
        .iter()
        .take(24)
        .map(|d| crate::components::time::utc_text(*d))
        .collect();
    let runs = ["previousRun", "nextRun"]
        .iter()
        .filter_map(|k| on.r.field(k).map(|f| (FieldRef::top(on.o, f), answer.get(*k).cloned())))
        .map(|(fr, v)| view! { <div class="field"><dt>{fr.label()}</dt><dd>{crate::components::value::render(&fr, v.as_ref())}</dd></div> })
        .collect_view();
    view! {
        <section class="preview" aria-labelledby="preview-title" role="status">
            <h2 id="preview-title">"Preview (nothing saved)"</h2>
            <dl class="fields">{runs}</dl>
            <div class="table-wrap">
                <table>
                    <caption>{format!("The first {} of {total} transactions", shown.len())}</caption>
                    <thead><tr><th scope="col">"#"</th><th scope="col">"Date (UTC)"</th><th scope="col">"Amount"</th></tr></thead>
                    <tbody>
                        {shown.into_iter().enumerate().map(|(i, d)| view! { <tr><td>{i + 1}</td><td>{d}</td><td class="num">{amount.clone()}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
