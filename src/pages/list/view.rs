//! The list page's view: heading, create and action links, filters, the quick filter over the
//! loaded rows, the table (sortable columns), and the pager with Load all.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use m3ter_models::catalogue::{Action, Kind, On as ActionOn, AUDIT_KEYS};
use serde_json::Value;

use super::super::On;
use super::filters::{self, FilterForm, PageSizePicker, DEFAULT_PAGE_SIZE};
use super::state::{Busy, ListState, Stopped};
use super::tools::Slot;
use crate::api::pager::Pager;
use crate::components::error_view::error_slot;
use crate::components::field::FieldRef;
use crate::components::sort_key::fold_case;
use crate::components::table::{self, Column, Sort, Table, WINDOW_FROM};
use crate::components::ui::{dynamic, Link};
use crate::components::value::sort_text;
use crate::context::Row;
use crate::routes::{Place, Route};

/// The columns of a list: the title column, then the overlay's choice, else a few simple fields.
pub fn columns(on: On) -> Vec<Column> {
    // The title column shows what `title_of` shows: the overlay's field, else name, code or id. A
    // title made of several fields is headed by what it names ("Bill").
    let title_field = m3ter_models::resources::title_field(on.r);
    let title_label = match (on.o.title_from, title_field) {
        (Some(_), _) => on.entry.singular.to_owned(),
        (None, Some(f)) => FieldRef::top(on.o, f).label(),
        (None, None) => "ID".to_owned(),
    };
    let mut cols = vec![Column {
        label: title_label,
        field: None,
    }];
    let chosen: Vec<&'static str> = if on.o.columns.is_empty() {
        let simple = on.r.fields.iter().filter(|f| {
            // Write-only fields are never in a listed entity.
            !AUDIT_KEYS.contains(&f.key)
                && !f.write_only
                && f.key != "name"
                && f.key != on.o.title
                && title_field.is_none_or(|t| t.key != f.key)
                && f.when.is_none()
                && matches!(
                    f.kind,
                    Kind::Text { .. }
                        | Kind::Enum(_)
                        | Kind::Id { .. }
                        | Kind::Integer { .. }
                        | Kind::Number { .. }
                        | Kind::DateTime
                        | Kind::Date
                        | Kind::Bool
                )
        });
        simple
            .take(5)
            .map(|f| f.key)
            .chain(on.r.field("dtLastModified").map(|f| f.key))
            .collect()
    } else {
        on.o.columns.to_vec()
    };
    for key in chosen {
        if let Some(f) = on.r.field(key) {
            let fr = FieldRef::top(on.o, f);
            cols.push(Column {
                label: fr.label(),
                field: Some(fr),
            });
        }
    }
    cols
}

/// The page of one row.
pub fn row_href(place: &Place, row: &Value) -> Option<String> {
    let id = row
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())?;
    Some(Route::Detail(place.clone(), id.to_owned()).href())
}

#[component]
pub fn ListView(
    on: On,
    place: Place,
    /// Inside another page: page size and filters are not taken from the URL.
    #[prop(optional)]
    embedded: bool,
) -> impl IntoView {
    let query = use_query_map();
    let page_size = Signal::derive(move || {
        if embedded {
            DEFAULT_PAGE_SIZE.min(on.r.page_size_max.max(1))
        } else {
            filters::page_size(on, &|k| query.read().get(k))
        }
    });
    let filters = Memo::new(move |_| {
        if embedded {
            Vec::new()
        } else {
            filters::parse(on, &|k| query.read().get(k))
        }
    });
    let filters: Signal<_> = filters.into();
    let problem = Memo::new(move |_| filters::problem(on, &filters.get()));
    let s = ListState::new(on, place.clone(), page_size, filters);
    let sort = RwSignal::new(None::<Sort>);
    let tools = Slot::here();
    let quick = RwSignal::new(String::new());
    // The first page is asked for now, not after the page is drawn: the answer travels while the
    // browser builds and lays out the page.
    if problem.get_untracked().is_none() {
        s.start();
    }
    // A new page size or filter: from memory if we have it, else the first page.
    Effect::new(move |before: Option<()>| {
        let _ = s.cache_key();
        if before.is_none() {
            return; // Started above.
        }
        sort.set(None);
        if problem.get_untracked().is_none() {
            s.start();
        }
    });

    let cols = columns(on);
    let col_fields: StoredValue<Vec<Option<FieldRef>>> =
        StoredValue::new(cols.iter().map(|c| c.field.clone()).collect());
    let col_labels: StoredValue<Vec<String>> =
        StoredValue::new(cols.iter().map(|c| c.label.clone()).collect());
    let text_of = move |row: &Row, i: usize| -> String {
        col_fields.with_value(|c| match c.get(i) {
            Some(Some(fr)) => sort_text(fr, row.get(fr.key())),
            _ => on.title_of(row),
        })
    };
    // What the quick filter searches in each loaded row: its cells' text, case-folded, joined by a
    // character nobody types. Worked out once per load (and only once someone filters), not on
    // every keystroke.
    let haystacks = Memo::new(move |_| {
        let n_cols = col_fields.with_value(Vec::len);
        s.rows.with(|rows| {
            rows.iter()
                .map(|row| {
                    let cells: Vec<String> = (0..n_cols).map(|c| text_of(row, c)).collect();
                    fold_case(&cells.join("\u{1f}"))
                })
                .collect::<Vec<String>>()
        })
    });
    // Quick filter and sort over the loaded rows.
    let visible = Memo::new(move |_| {
        let needle = fold_case(quick.get().trim());
        let mut picked: Vec<usize> = if needle.is_empty() {
            (0..s.rows.with(Vec::len)).collect()
        } else {
            haystacks.with(|h| {
                (0..h.len())
                    .filter(|i| h.get(*i).is_some_and(|t| t.contains(&needle)))
                    .collect()
            })
        };
        // Sorting waits for its code (`tools`, asked for on the first sort): the rows stay as they
        // are until it is here.
        if let Some((so, t)) = sort.get().and_then(|so| Some((so, tools.get()?))) {
            let texts: Vec<String> = s.rows.with(|rows| {
                picked
                    .iter()
                    .map(|i| {
                        rows.get(*i)
                            .map_or(String::new(), |row| text_of(row, so.column))
                    })
                    .collect()
            });
            picked = (t.order)(&texts, so.ascending)
                .into_iter()
                .filter_map(|o| picked.get(o).copied())
                .collect();
        }
        s.rows.with(|rows| {
            picked
                .into_iter()
                .filter_map(|i| rows.get(i).cloned())
                .collect::<Vec<Row>>()
        })
    });

    let plural = on.entry.plural;
    let lower = plural.to_ascii_lowercase();
    let caption = Signal::derive(move || {
        let total = s.rows.with(Vec::len);
        let shown = visible.with(Vec::len);
        let mut text = format!("{plural}: ");
        let rows = |n: usize| if n == 1 { "row" } else { "rows" };
        if shown != total {
            let match_ = if shown == 1 { "matches" } else { "match" };
            text.push_str(&format!(
                "{shown} of {total} loaded {} {match_} the filter",
                rows(total)
            ));
        } else if s.all_loaded.get() {
            text.push_str(&format!("all {total}"));
        } else {
            text.push_str(&format!(
                "page {}, {total} {}",
                s.shown_page.get(),
                rows(total)
            ));
        }
        // Said once the rows are sorted, that is once the sorting code is here.
        if let Some((so, t)) = sort.get().zip(tools.loaded()) {
            let label = col_labels.with_value(|c| c.get(so.column).cloned().unwrap_or_default());
            text.push_str(&(t.sorted)(&label, so.ascending));
        }
        text
    });
    let href = {
        let place = place.clone();
        Callback::new(move |row: Row| row_href(&place, &row))
    };
    let title = Callback::new(move |row: Row| on.title_of(&row));

    let status_text = {
        let lower = lower.clone();
        move || {
            match s.busy.get() {
                Busy::Page if s.loaded.get() => {
                    format!("Loading page {}…", s.pager.with(Pager::page))
                }
                Busy::Page => format!("Loading {lower}…"),
                busy => {
                    let stopped = s.stopped.get();
                    if busy == Busy::Idle && stopped.is_none() {
                        return String::new();
                    }
                    // Only "Load all" runs or stops like this: its code, and its words, are here.
                    tools
                        .loaded()
                        .map(|t| (t.load_all_says)(busy, stopped, s.rows.with(Vec::len), &lower))
                        .unwrap_or_default()
                }
            }
        }
    };
    let empty_text = {
        let lower = lower.clone();
        move || {
            if filters.with(Vec::is_empty) {
                format!("No {lower} yet.")
            } else {
                format!("No {lower} match these filters.")
            }
        }
    };
    let heading_id = format!("list-{}", on.r.key);
    let heading = if embedded {
        view! { <h2 id=heading_id.clone()>{plural}</h2> }.into_any()
    } else {
        view! { <h1 id=heading_id.clone()>{plural}</h1> }.into_any()
    };
    let idle = move || s.busy.get() == Busy::Idle;
    // Memos, so the table is built once rather than on every change of the rows.
    let has_rows = Memo::new(move |_| s.rows.with(|r| !r.is_empty()));
    let long = Memo::new(move |_| visible.with(Vec::len) > WINDOW_FROM);
    let empty = Memo::new(move |_| {
        s.loaded.get() && idle() && !has_rows.get() && s.error.with(Option::is_none)
    });
    let quick_id = format!("quick-{}", on.r.key);
    let toasts = crate::context::ctx().toasts;
    view! {
        <section class="list-page" aria-labelledby=heading_id>
            {heading}
            {on.note()}
            {create_links(on, &place)}
            {(!embedded && !on.r.filters.is_empty()).then(|| view! { <FilterForm on=on place=place.clone()/> })}
            {dynamic(move || match problem.get() {
                Some(p) => view! { <p class="field-error" role="alert">"These filters cannot be combined: " {p}</p> }.into_any(),
                None => ().into_any(),
            })}
            <div class="list-tools">
                {(!embedded).then(|| view! { <PageSizePicker on=on place=place.clone() current=page_size/> })}
                <div class="form-field inline">
                    <label for=quick_id.clone()>"Filter loaded rows"</label>
                    <input id=quick_id type="search" prop:value=move || quick.get() on:input=move |ev| quick.set(event_target_value(&ev))/>
                </div>
                // Come with the list tools, asked for once there are rows (the browser fetches
                // their module while idle after start anyway).
                {dynamic(move || match (!embedded && has_rows.get()).then(|| tools.get()).flatten() {
                    Some(t) => (t.downloads)(on, s, visible, (col_fields, col_labels), toasts),
                    None => ().into_any(),
                })}
            </div>
            <p class="status-line" role="status">{status_text}</p>
            {error_slot(s.error, Signal::stored(format!("Loading {lower}")), Some(Callback::new(move |_| {
                if let Some(continuing) = s.retry() {
                    tools.with(move |t| (t.load_all)(s, continuing));
                }
            })))}
            {dynamic(move || {
                if tools.failed() {
                    view! { <p class="field-error" role="alert">"Sorting, Load all and downloads need code that could not be downloaded: check the connection and try again."</p> }.into_any()
                } else {
                    ().into_any()
                }
            })}
            {dynamic(move || {
                if empty.get() { view! { <p class="empty">{empty_text.clone()}</p> }.into_any() } else { ().into_any() }
            })}
            {dynamic(move || {
                if !has_rows.get() {
                    return ().into_any();
                }
                let t = Table { columns: cols.clone(), rows: visible.into(), caption, href, title, sort };
                let table = if !long.get() {
                    table::plain(t)
                } else if let Some(tools) = tools.get() {
                    (tools.windowed)(t)
                } else {
                    // Only "Load all" makes a list this long, so its code is normally here.
                    view! { <p class="status-line" role="status">"Preparing the table…"</p> }.into_any()
                };
                view! { <div aria-busy=move || (!idle()).to_string()>{table}</div> }.into_any()
            })}
            <div class="pager" role="group" aria-label="Pages">
                <button type="button" on:click=move |_| s.back() disabled=move || !idle() || !s.pager.with(Pager::can_back) || s.all_loaded.get()>"Back"</button>
                <span class="page-no">{move || if s.all_loaded.get() { "All loaded".to_owned() } else { format!("Page {}", s.pager.with(Pager::page)) }}</span>
                <button type="button" on:click=move |_| s.next() disabled=move || !idle() || !s.pager.with(Pager::can_next) || s.all_loaded.get()>"Next"</button>
                {dynamic(move || match s.busy.get() {
                    Busy::All(_) => view! { <button type="button" on:click=move |_| s.stop()>"Stop"</button> }.into_any(),
                    _ => view! {
                        <button type="button" on:click=move |_| tools.with(move |t| (t.load_all)(s, false)) disabled=move || !idle() || s.all_loaded.get()>"Load all"</button>
                        {(s.stopped.get() == Some(Stopped::ByUser)).then(|| view! {
                            <button type="button" on:click=move |_| tools.with(move |t| (t.load_all)(s, true))>"Continue loading"</button>
                        })}
                    }.into_any(),
                })}
                <button type="button" on:click=move |_| s.refresh() disabled=move || !idle()>"Refresh"</button>
                <span class="hint">{move || {
                    let at = s.loaded_at.get();
                    (at > 0.0).then(|| format!("Loaded {}", crate::components::time::relative(at, crate::api::now_ms())))
                }}</span>
            </div>
        </section>
    }
}

/// "New meter", and the collection's actions that take a body ("Batch create"). A nested resource
/// needs its parent for either, except actions on the root ("Line items of all bills").
pub(super) fn create_links(on: On, place: &Place) -> Option<AnyView> {
    let parentless = on.entry.parent.is_some() && place.parents.is_empty();
    let runs = move |a: &&Action| a.on != ActionOn::Item && (!parentless || a.on == ActionOn::Root);
    if parentless && !on.r.actions.iter().any(|a| runs(&a)) {
        return None;
    }
    let create = (on.r.ops.create && !parentless).then(|| {
        let href = Route::New(place.clone()).href();
        view! { <Link href=href>{format!("New {}", on.noun())}</Link> }
    });
    // Every action run from the list (the search has its own box; the preview that checks a new
    // entity is a button of the create form).
    let actions =
        on.r.actions
            .iter()
            .filter(|a| runs(a) && a.search_param().is_none())
            .filter(|a| !(on.r.ops.create && a.previews_create()))
            .map(|a| {
                let href = Route::Action {
                    place: place.clone(),
                    id: None,
                    action: a.key.to_owned(),
                }
                .href();
                view! { <Link href=href>{on.action_label(a)}</Link> }
            })
            .collect_view();
    let search =
        on.r.actions
            .iter()
            .find(|a| runs(a) && a.search_param().is_some())
            .map(|a| view! { <SearchBox on=on place=place.clone() action=a/> });
    Some(view! { <p class="create-links">{create}{actions}</p>{search} }.into_any())
}

/// A search over the whole collection on the server, answered on the search action's page.
#[component]
fn SearchBox(on: On, place: Place, action: &'static Action) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let text = RwSignal::new(String::new());
    let id = format!("search-{}", on.r.key);
    let param = action.search_param().unwrap_or_default();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut query = place.scope.clone();
        query.push((param.to_owned(), text.get_untracked().trim().to_owned()));
        let href = Route::Action {
            place: place.clone(),
            id: None,
            action: action.key.to_owned(),
        }
        .with_query(&query);
        navigate(&href, Default::default());
    };
    view! {
        <form class="search-box" role="search" on:submit=submit>
            <label for=id.clone()>{format!("Search all {}", on.entry.plural.to_ascii_lowercase())}</label>
            <input id=id type="search" spellcheck="false" placeholder="name~acme$code:ACME" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit">"Search"</button>
            <span class="hint">"On the server, over every entity: field:value (equals) or field~text (contains), several joined with $."</span>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_column_is_headed_by_what_it_shows() {
        let labels = |key: &str| -> Vec<String> {
            columns(On::of(key).expect("resource"))
                .into_iter()
                .map(|c| c.label)
                .collect()
        };
        assert_eq!(labels("meters")[0], "Name");
        // Counter adjustments have neither name nor code: their rows are named by id.
        assert_eq!(labels("counter-adjustments")[0], "ID");
        for key in ["meters", "counter-adjustments", "accounts", "bills"] {
            let l = labels(key);
            let mut unique = l.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(l.len(), unique.len(), "{key}: {l:?}");
        }
    }

    /// m3ter never answers a write-only field (a credit line item's `reasonId`, an invitation's
    /// `contactNumber`): no list gives one a column that would always be empty.
    #[test]
    fn no_column_shows_a_field_that_is_never_answered() {
        let mut seen = 0;
        for r in &m3ter_models::catalogue::RESOURCES {
            let Some(on) = On::of(r.key) else { continue };
            seen += r.fields.iter().filter(|f| f.write_only).count();
            for c in columns(on).iter().filter_map(|c| c.field.as_ref()) {
                let f = r.field(c.key());
                assert!(f.is_some_and(|f| !f.write_only), "{}: {}", r.key, c.key());
            }
        }
        assert!(seen > 0, "the catalogue has write-only fields to leave out");
    }
}
