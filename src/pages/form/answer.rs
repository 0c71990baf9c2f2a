//! What an action answered: the entity it changed, the entities it made, a page of them (with the
//! next page when there is one), a file to download, or any other JSON. A resource can show an
//! answer its own way (`crate::resources`).

use leptos::prelude::*;
use m3ter_models::catalogue::{Action, Answer};
use serde_json::Value;

use super::super::On;
use crate::api::{read_page, ApiResponse};
use crate::components::download::{expires_ms, url_in, DownloadLink};
use crate::components::json_view::JsonView;
use crate::components::ui::Link;
use crate::components::value::cell;
use crate::routes::{Place, Route};

/// Where an entity of this resource lives: at the top, or under the parent its own field names
/// (a line item's `billId`). `None` when that cannot be told from the entity.
fn place_of(on: On, entity: &Value) -> Option<Place> {
    match on.entry.parent {
        None if on.r.scope.is_empty() => Some(Place::top(on.r.key)),
        None => {
            let scope =
                on.r.scope
                    .iter()
                    .map(|k| Some(((*k).to_owned(), entity.get(*k)?.as_str()?.to_owned())))
                    .collect::<Option<Vec<_>>>()?;
            Some(Place::top(on.r.key).scoped(scope))
        }
        Some(parent) => {
            let grand = m3ter_models::catalogue::entry(parent)?.parent;
            let id = entity.get(on.r.parent_param)?.as_str()?;
            grand
                .is_none()
                .then(|| Place::under(on.r.key, vec![(parent, id.to_owned())]))
        }
    }
}

/// Entities an action answered, as their list shows them: the title linked to each one's page
/// (plain text where its page cannot be told), then the list's columns.
fn entities_table(on: On, items: &[Value]) -> AnyView {
    let columns = crate::pages::list::columns(on);
    let head = columns
        .iter()
        .map(|c| view! { <th scope="col">{c.label.clone()}</th> })
        .collect_view();
    let rows = items
        .iter()
        .map(|j| {
            let id = j.get("id").and_then(Value::as_str).unwrap_or_default();
            let title = on.title_of(j);
            let first = match place_of(on, j).filter(|_| !id.is_empty()) {
                Some(p) => {
                    let href = Route::Detail(p, id.to_owned()).href();
                    view! { <Link href=href>{title}</Link> }.into_any()
                }
                None => title.into_any(),
            };
            let cells = columns
                .iter()
                .filter_map(|c| c.field.as_ref())
                .map(|f| view! { <td>{cell(f, j.get(f.key()))}</td> })
                .collect_view();
            view! { <tr><th scope="row">{first}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="sub answer-table">
                <caption class="sr-only">{on.entry.plural}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What the page of an answer can do: run the action again (a new download link) and fetch the
/// page after this one (by its token).
#[derive(Clone, Copy, Default)]
pub struct Again {
    pub run: Option<Callback<()>>,
    pub next: Option<Callback<String>>,
}

pub fn answer_view(
    on: On,
    action: Option<&'static Action>,
    draft: &Value,
    answer: &ApiResponse,
    again: Again,
) -> AnyView {
    if let Some(view) = action.and_then(|a| crate::resources::answer(on, a, draft, &answer.json)) {
        return view;
    }
    let kind = action.map_or(Answer::Json, |a| a.answer);
    let noun = on.entry.plural.to_ascii_lowercase();
    let json = || view! { <JsonView text=answer.text.clone() label="The answer as JSON"/> };
    let body = match kind {
        Answer::Entities => {
            let items = answer.json.as_array().cloned().unwrap_or_default();
            let made = action.is_some_and(|a| on.o.changes_state(a));
            let n = items.len();
            view! {
                <h2>{if made { format!("Created {n} {noun}") } else { format!("{n} {noun}") }}</h2>
                {entities_table(on, &items)}
                {json()}
            }
            .into_any()
        }
        Answer::Page => match read_page(answer) {
            Ok(page) => {
                let more = page.next_token.clone().zip(again.next).map(|(token, next)| {
                    view! { <button type="button" on:click=move |_| next.run(token.clone())>"Next results"</button> }
                });
                let count = match (page.items.len(), &page.next_token) {
                    (0, _) => format!("No {noun} found"),
                    (n, Some(_)) => format!("{n} {noun} (more follow)"),
                    (n, None) => format!("{n} {noun}"),
                };
                view! {
                    <h2>{count}</h2>
                    {entities_table(on, &page.items)}
                    {more}
                    {json()}
                }
                .into_any()
            }
            Err(_) => json().into_any(),
        },
        Answer::Download => {
            let link = url_in(&answer.json).map(|u| {
                let expires = expires_ms(&u, &answer.json);
                view! { <DownloadLink url=u expires=expires again=again.run/> }.into_any()
            });
            let job = answer.json.get("jobId").and_then(Value::as_str);
            view! {
                <h2>{if link.is_some() { "Ready to download" } else { "The answer" }}</h2>
                {match (link, job) {
                    (Some(l), _) => l,
                    (None, Some(j)) => view! { <p>{format!("m3ter started job {j} to prepare the file.")}</p> }.into_any(),
                    (None, None) => view! { <p class="unexpected">"The answer has no link to download from."</p> }.into_any(),
                }}
                {json()}
            }
            .into_any()
        }
        Answer::Entity | Answer::Json => view! { <h2>"The answer"</h2>{json()} }.into_any(),
    };
    view! { <section class="banner banner-info answer" role="status">{body}</section> }.into_any()
}
