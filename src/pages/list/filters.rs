//! The list's server-side filters and page size, kept in the URL's query string so a filtered list
//! can be linked to, reloaded and gone back to.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use m3ter_models::catalogue::{label, Filter, FilterKind, Match};

use super::super::On;
use super::state::Filters;
use super::tools::Slot;
use crate::components::choices::Choices;
use crate::routes::{Place, Route};

/// Page sizes offered, cut to the endpoint's maximum.
const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 200];
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// A filter as offered: the catalogue's parameter with the overlay's words.
#[derive(Clone, Copy)]
pub struct Offered {
    pub filter: &'static Filter,
    pub kind: &'static FilterKind,
    pub label: &'static str,
    pub help: &'static str,
    /// The resource whose ids it takes (`accountId` → accounts), offered as it is typed in.
    pub names: Option<&'static str>,
    /// The filter whose value names that resource (`entityType` for `entityId`: "BILL").
    pub named_by: Option<&'static str>,
}

/// The filters a list offers (`ids` last: the others are what people filter by).
pub fn offered(on: On) -> Vec<Offered> {
    let out: Vec<Offered> =
        on.r.filters
            .iter()
            .filter(|f| !on.o.filter(f.param).is_some_and(|n| n.hidden))
            .map(|f| {
                let note = on.o.filter(f.param);
                let matches = note.and_then(|n| n.matches).unwrap_or(&f.matches);
                let names = on.param_link(f.param, Some(matches));
                let field = match matches {
                    Match::Equals(field) => field,
                    _ => f.param,
                };
                let named_by = on.o.note(field).and_then(|n| n.link_by);
                Offered {
                    filter: f,
                    kind: note.and_then(|n| n.kind).unwrap_or(&f.kind),
                    label: note.map_or("", |n| n.label),
                    help: note.map_or("", |n| n.help),
                    names,
                    named_by: named_by.filter(|by| on.r.filters.iter().any(|s| s.param == *by)),
                }
            })
            .collect();
    // A partition, not a sort: a stable sort's code would be a kilobyte of every list page's start.
    let (ids, mut others): (Vec<Offered>, Vec<Offered>) =
        out.into_iter().partition(|f| f.filter.param == "ids");
    others.extend(ids);
    others
}

impl Offered {
    pub fn label(&self) -> String {
        if !self.label.is_empty() {
            return self.label.to_owned();
        }
        match (self.filter.param, &self.filter.matches) {
            ("ids", _) => "IDs".to_owned(),
            // m3ter's bare `date`: what was in force then.
            (_, Match::Active(..)) => "In force on".to_owned(),
            (p, _) => label::field(p),
        }
    }

    pub fn help(&self) -> &'static str {
        match (self.help, self.kind) {
            ("", FilterKind::Many) => "One or more, separated by commas or spaces",
            ("", FilterKind::DateTime) => "A date-time such as 2025-01-31T00:00:00Z",
            ("", FilterKind::Date) => "A date such as 2025-01-31",
            (h, _) => h,
        }
    }
}

/// The filters in the query string, as they will be sent.
pub fn parse(on: On, get: &dyn Fn(&str) -> Option<String>) -> Filters {
    on.r.filters
        .iter()
        .filter_map(|f| get(f.param).map(|v| (f.param, v.trim().to_owned())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// A filter combination the API would refuse, said before asking it.
/// The page size the URL asks for (`pageSize`), if the resource allows it; the default otherwise.
pub fn page_size(on: On, get: &dyn Fn(&str) -> Option<String>) -> u32 {
    let max = on.r.page_size_max.max(1);
    get("pageSize")
        .and_then(|s| s.parse::<u32>().ok())
        .filter(|n| (1..=max).contains(n))
        .unwrap_or(DEFAULT_PAGE_SIZE.min(max))
}

pub fn problem(on: On, filters: &Filters) -> Option<String> {
    let rules = on.o.filter_rules?;
    let errors = rules(&|k: &str| {
        filters
            .iter()
            .find(|(p, _)| *p == k)
            .map(|(_, v)| v.clone())
    });
    (!errors.is_empty()).then(|| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[component]
pub fn PageSizePicker(on: On, place: Place, current: Signal<u32>) -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let id = format!("page-size-{}", on.r.key);
    let max = on.r.page_size_max;
    let change = move |ev| {
        let value = event_target_value(&ev);
        let mut q: Vec<(String, String)> = query
            .get_untracked()
            .into_iter()
            .filter(|(k, _)| k != "pageSize")
            .map(|(k, v)| (k.into_owned(), v))
            .collect();
        q.push(("pageSize".into(), value));
        navigate(
            &Route::List(place.clone()).with_query(&q),
            NavigateOptions::default(),
        );
    };
    view! {
        <div class="form-field inline">
            <label for=id.clone()>"Page size"</label>
            <select id=id on:change=change>
                {PAGE_SIZES.iter().filter(|n| **n <= max).map(|n| {
                    let n = *n;
                    view! { <option value=n.to_string() selected=move || current.get() == n>{n}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The server-side filters of an endpoint. Filters the API takes one at a time are offered as one
/// choice.
#[component]
pub fn FilterForm(on: On, place: Place) -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let filters = offered(on);
    let exclusive = on.o.exclusive_filters;
    let values: Vec<(Offered, RwSignal<String>)> = filters
        .iter()
        .map(|f| {
            (
                *f,
                RwSignal::new(
                    query
                        .read_untracked()
                        .get(f.filter.param)
                        .unwrap_or_default(),
                ),
            )
        })
        .collect();
    let chosen = RwSignal::new(
        filters
            .iter()
            .find(|f| {
                query
                    .read_untracked()
                    .get(f.filter.param)
                    .is_some_and(|v| !v.is_empty())
            })
            .map(|f| f.filter.param)
            .unwrap_or(""),
    );
    // Keep the inputs in step with the URL (back/forward, links).
    {
        let values = values.clone();
        Effect::new(move |_| {
            let q = query.get();
            for (f, s) in &values {
                s.set(q.get(f.filter.param).unwrap_or_default());
            }
        });
    }
    let values = StoredValue::new(values);
    let place = StoredValue::new(place);
    let apply = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut q: Vec<(String, String)> = place.with_value(|p| p.scope.clone());
            if let Some(size) = query.read_untracked().get("pageSize") {
                q.push(("pageSize".into(), size));
            }
            values.with_value(|vals| {
                for (f, s) in vals {
                    if exclusive && f.filter.param != chosen.get_untracked() {
                        continue;
                    }
                    q.push((
                        f.filter.param.to_owned(),
                        s.get_untracked().trim().to_owned(),
                    ));
                }
            });
            let to = place.with_value(|p| Route::List(p.clone()).with_query(&q));
            navigate(&to, NavigateOptions::default());
        }
    };
    let clear = move |_| {
        values.with_value(|vals| vals.iter().for_each(|(_, s)| s.set(String::new())));
        chosen.set("");
        // The scope stays (it is part of where the list is).
        let to = place.with_value(|p| Route::List(p.clone()).href());
        navigate(&to, NavigateOptions::default());
    };
    let key = on.r.key;
    let choices = Choices::here();
    let tools = Slot::here();
    let input_for = move |f: Offered, s: RwSignal<String>| {
        let id = format!("filter-{key}-{}", f.filter.param);
        let hint_id = format!("{id}-hint");
        let help = f.help();
        let has_hint = !help.is_empty();
        let select = |options: Vec<(String, String)>| {
            view! {
                <select id=id.clone() on:change=move |ev| s.set(event_target_value(&ev))>
                    <option value="" selected=move || s.get().is_empty()>"Any"</option>
                    {options.into_iter().map(|(w, l)| {
                        let selected = w.clone();
                        view! { <option value=w selected=move || s.get() == selected>{l}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        };
        let input = match f.kind {
            FilterKind::Enum(e) => select(
                e.values
                    .iter()
                    .map(|w| ((*w).to_owned(), on.o.value_label(f.filter.param, w)))
                    .collect(),
            ),
            FilterKind::Flag => select(vec![
                ("TRUE".into(), "Yes".into()),
                ("FALSE".into(), "No (all)".into()),
            ]),
            kind => {
                let placeholder = match kind {
                    FilterKind::DateTime => Some("2025-01-31T00:00:00Z"),
                    FilterKind::Date => Some("2025-01-31"),
                    _ => None,
                };
                // The choices are fetched when the input is first used, not with every list.
                let wanted = RwSignal::new(false);
                // A sibling filter's value names the resource (`entityType`: "BILL"): the
                // choices follow it.
                let by = f.named_by.and_then(|by| {
                    values.with_value(|v| {
                        v.iter()
                            .find(|(o, _)| o.filter.param == by)
                            .map(|(_, s)| *s)
                    })
                });
                let list_id = (f.names.is_some() || by.is_some()).then(|| format!("{id}-choices"));
                let datalist = list_id.clone().map(|list| {
                    crate::components::ui::dynamic(move || {
                        let resource = f.names.or_else(|| {
                            by.and_then(|s| s.with(|v| m3ter_models::catalogue::resource_named(v)))
                        });
                        // Its code is in the list tools, asked for on first focus.
                        match (wanted.get().then(|| tools.get()).flatten(), resource) {
                            (Some(t), Some(resource)) => {
                                (t.datalist)(choices, resource, list.clone())
                            }
                            _ => ().into_any(),
                        }
                    })
                });
                view! {
                    <input id=id.clone() type="text" spellcheck="false" autocomplete="off" placeholder=placeholder list=list_id
                        prop:value=move || s.get() on:input=move |ev| s.set(event_target_value(&ev))
                        on:focus=move |_| wanted.set(true)
                        aria-describedby=has_hint.then(|| hint_id.clone())/>
                    {datalist}
                }
                .into_any()
            }
        };
        view! {
            <div class="form-field">
                <label for=id>{f.label()}</label>
                {input}
                {has_hint.then(|| view! { <p class="hint" id=hint_id>{help}</p> })}
            </div>
        }
        .into_any()
    };
    let fields = values.with_value(|vals| {
        vals.iter()
            .map(|(f, s)| {
                let (f, s) = (*f, *s);
                if exclusive {
                    crate::components::ui::dynamic(move || {
                        if chosen.get() == f.filter.param {
                            input_for(f, s)
                        } else {
                            ().into_any()
                        }
                    })
                } else {
                    input_for(f, s)
                }
            })
            .collect_view()
    });
    let choose_id = format!("filter-{key}-by");
    let choices = filters.clone();
    view! {
        <form class="filters" role="search" aria-label=format!("Filter {}", on.entry.plural.to_ascii_lowercase()) on:submit=apply>
            {exclusive.then(|| view! {
                <div class="form-field">
                    <label for=choose_id.clone()>"Filter by"</label>
                    <select id=choose_id.clone() aria-describedby=format!("{choose_id}-hint") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        chosen.set(filters.iter().find(|f| f.filter.param == v).map(|f| f.filter.param).unwrap_or(""));
                    }>
                        <option value="" selected=move || chosen.get().is_empty()>"Nothing (all)"</option>
                        {choices.iter().map(|f| {
                            let p = f.filter.param;
                            view! { <option value=p selected=move || chosen.get() == p>{f.label()}</option> }
                        }).collect_view()}
                    </select>
                    <p class="hint" id=format!("{choose_id}-hint")>"The API accepts one of these filters at a time."</p>
                </div>
            })}
            {fields}
            <div class="form-actions">
                <button type="submit">"Apply filters"</button>
                <button type="button" on:click=clear>"Clear filters"</button>
            </div>
        </form>
    }
}
