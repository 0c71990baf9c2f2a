//! What an action answered: the entity it changed, the entities it made, a page of them, a file to
//! download, or any other JSON. A resource can show an answer its own way (`crate::resources`).

use leptos::prelude::*;
use m3ter_models::catalogue::{Action, Answer};
use serde_json::Value;

use super::super::On;
use crate::api::{read_page, ApiResponse};
use crate::components::json_view::JsonView;
use crate::components::ui::Link;
use crate::components::value::safe_url;
use crate::routes::{Place, Route};

/// A link to each entity in a list of them.
fn entity_links(on: On, items: &[Value]) -> AnyView {
    view! {
        <ul>
            {items.iter().map(|j| {
                let id = j.get("id").and_then(Value::as_str).unwrap_or("?").to_owned();
                let label = format!("{} ({id})", on.title_of(j));
                let href = Route::Detail(Place::top(on.r.key), id).href();
                view! { <li><Link href=href>{label}</Link></li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

pub fn answer_view(
    on: On,
    action: Option<&'static Action>,
    draft: &Value,
    answer: &ApiResponse,
) -> AnyView {
    if let Some(view) = action.and_then(|a| crate::resources::answer(on, a, draft, &answer.json)) {
        return view;
    }
    let kind = action.map_or(Answer::Json, |a| a.answer);
    let noun = on.entry.plural.to_ascii_lowercase();
    let body = match kind {
        Answer::Entities => {
            let items = answer.json.as_array().cloned().unwrap_or_default();
            view! {
                <h2>{format!("Created {} {noun}", items.len())}</h2>
                {entity_links(on, &items)}
            }
            .into_any()
        }
        Answer::Page => match read_page(answer) {
            Ok(page) => view! {
                <h2>{format!("{} {noun}", page.items.len())}</h2>
                {entity_links(on, &page.items)}
                <JsonView text=answer.text.clone() label="The answer as JSON"/>
            }
            .into_any(),
            Err(_) => view! { <JsonView text=answer.text.clone() label="The answer as JSON"/> }.into_any(),
        },
        Answer::Download => {
            let url = answer
                .json
                .get("url")
                .and_then(Value::as_str)
                .and_then(safe_url)
                .map(str::to_owned);
            view! {
                <h2>"Ready to download"</h2>
                {match url {
                    Some(u) => view! { <p><a href=u target="_blank" rel="noopener noreferrer">"Download the file"</a>" (the link expires soon)"</p> }.into_any(),
                    None => view! { <p class="unexpected">"The answer has no link to download from."</p> }.into_any(),
                }}
                <JsonView text=answer.text.clone() label="The answer as JSON"/>
            }
            .into_any()
        }
        Answer::Entity | Answer::Json => {
            view! { <h2>"The answer"</h2><JsonView text=answer.text.clone() label="The answer as JSON"/> }.into_any()
        }
    };
    view! { <section class="banner banner-info answer" role="status">{body}</section> }.into_any()
}
