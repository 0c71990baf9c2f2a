//! The list page of any resource: cursor paging (Next/Back over a token stack), page size and the
//! endpoint's filters in the URL, "Load all" with progress and Stop, a quick filter and sorting over
//! the loaded rows, and explicit loading, empty and error states. Lists come back from memory.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use m3ter_models::meta::{FilterKind, FilterMeta};
use m3ter_models::statement_job::StatementJobListFilter;
use m3ter_models::{ResourceMeta, Validate};
use serde_json::Value;

use crate::api::pager::Pager;
use crate::api::{read_page, ApiError, ApiRequest};
use crate::components::error_view::error_slot;
use crate::components::sort_key::{fold_case, SortKey};
use crate::components::table::{ResourceTable, Sort};
use crate::components::value::sort_text;
use crate::context::{ctx, CachedList, ListCache, Row};

/// Page sizes offered, cut to the endpoint's maximum.
const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 200];
pub const DEFAULT_PAGE_SIZE: u32 = 25;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Busy {
    Idle,
    /// Fetching one page.
    Page,
    /// "Load all": rows loaded so far.
    All(usize),
}

/// Filters as they will be sent: param and the values (several for multi-value filters).
fn parse_filters(
    meta: &ResourceMeta,
    get: impl Fn(&str) -> Option<String>,
) -> Vec<(&'static str, String)> {
    meta.filters
        .iter()
        .filter_map(|f| get(f.param).map(|v| (f.param, v.trim().to_owned())))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// The request for one page. Multi-value filters go as repeated keys, as the spec says.
fn page_request(
    meta: &ResourceMeta,
    parent: Option<&str>,
    size: u32,
    filters: &[(&'static str, String)],
    token: Option<&str>,
) -> Option<ApiRequest> {
    let mut req =
        ApiRequest::get(meta.collection_path(parent)?).query("pageSize", size.to_string());
    for (param, value) in filters {
        let many = meta
            .filters
            .iter()
            .any(|f| f.param == *param && f.kind == FilterKind::Many);
        if many {
            for v in value
                .split([',', ' ', '\n'])
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                req = req.query(param, v);
            }
        } else {
            req = req.query(param, value.clone());
        }
    }
    if let Some(t) = token {
        req = req.query("nextToken", t);
    }
    Some(req)
}

/// Client-side check of filter combinations the API would refuse.
fn filter_problem(meta: &ResourceMeta, filters: &[(&'static str, String)]) -> Option<String> {
    if !meta.exclusive_filters {
        return None;
    }
    let get = |k: &str| {
        filters
            .iter()
            .find(|(p, _)| *p == k)
            .map(|(_, v)| v.as_str())
    };
    let check = StatementJobListFilter {
        active: get("active"),
        status: get("status"),
        bill_id: get("billId"),
    };
    check.validate().err().map(|errs| {
        errs.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[component]
pub fn ListPage(
    meta: &'static ResourceMeta,
    /// The parent entity's id for nested resources.
    #[prop(optional, into)]
    parent: Option<String>,
    /// Inside another page: page size and filters are not taken from the URL.
    #[prop(optional)]
    embedded: bool,
) -> impl IntoView {
    let c = ctx();
    let query = use_query_map();
    let parent = StoredValue::new(parent);
    let max = meta.page_size_max;
    let default_size = DEFAULT_PAGE_SIZE.min(max);
    let page_size = Memo::new(move |_| {
        if embedded {
            return default_size;
        }
        query
            .read()
            .get("pageSize")
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|n| (1..=max).contains(n))
            .unwrap_or(default_size)
    });
    let filters = Memo::new(move |_| {
        if embedded {
            Vec::new()
        } else {
            parse_filters(meta, |k| query.read().get(k))
        }
    });
    let cache_key = Memo::new(move |_| {
        let f: Vec<String> = filters
            .get()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        ListCache::key(
            meta.key,
            parent.get_value().as_deref(),
            &format!("{}&{}", page_size.get(), f.join("&")),
        )
    });

    let rows = RwSignal::new(Vec::<Row>::new());
    let pager = RwSignal::new(Pager::new());
    // The page whose rows are on screen (the pager moves first; the rows follow when they arrive).
    let shown_page = RwSignal::new(1usize);
    let busy = RwSignal::new(Busy::Idle);
    let error = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    let all_loaded = RwSignal::new(false);
    let loaded_at = RwSignal::new(0.0f64);
    let stop = StoredValue::new(false);
    let resume = StoredValue::new(None::<String>);
    let stopped = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    let sort = RwSignal::new(None::<Sort>);
    let quick = RwSignal::new(String::new());
    let problem = Memo::new(move |_| filter_problem(meta, &filters.get()));

    let save = move || {
        c.lists.put(
            cache_key.get_untracked(),
            CachedList {
                rows: rows.get_untracked(),
                pager: pager.get_untracked(),
                all_loaded: all_loaded.get_untracked(),
                loaded_at_ms: loaded_at.get_untracked(),
            },
        );
    };
    let next_generation = move || {
        let g = generation.get_value() + 1;
        generation.set_value(g);
        g
    };

    let fetch = move |token: Option<String>| {
        let Some(req) = page_request(
            meta,
            parent.get_value().as_deref(),
            page_size.get_untracked(),
            &filters.get_untracked(),
            token.as_deref(),
        ) else {
            return;
        };
        let g = next_generation();
        busy.set(Busy::Page);
        error.set(None);
        spawn_local(async move {
            let result = c.api.send(req).await.and_then(|r| read_page(&r));
            if generation.get_value() != g {
                return; // A newer request superseded this one.
            }
            match result {
                Ok(page) => {
                    rows.set(page.items.into_iter().map(Row::new).collect());
                    pager.update(|p| p.loaded(page.next_token.as_deref()));
                    shown_page.set(pager.with_untracked(Pager::page));
                    loaded.set(true);
                    all_loaded.set(false);
                    stopped.set(false);
                    loaded_at.set(crate::api::now_ms());
                    save();
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(Busy::Idle);
        });
    };

    // A new resource, parent, page size or filter: from memory if we have it, else the first page.
    Effect::new(move |_| {
        let key = cache_key.get();
        sort.set(None);
        match c.lists.get(&key) {
            Some(cached) => {
                rows.set(cached.rows);
                shown_page.set(cached.pager.page());
                pager.set(cached.pager);
                all_loaded.set(cached.all_loaded);
                loaded_at.set(cached.loaded_at_ms);
                loaded.set(true);
                error.set(None);
            }
            None => {
                rows.set(Vec::new());
                pager.set(Pager::new());
                loaded.set(false);
                all_loaded.set(false);
                if problem.get_untracked().is_none() {
                    fetch(None);
                }
            }
        }
    });

    let next = move |_| {
        let mut p = pager.get_untracked();
        if let Some(token) = p.forward() {
            pager.set(p);
            fetch(Some(token));
        }
    };
    let back = move |_| {
        let mut p = pager.get_untracked();
        if let Some(token) = p.back() {
            pager.set(p);
            fetch(token);
        }
    };
    let refresh = move |_| {
        all_loaded.set(false);
        fetch(pager.get_untracked().current().map(str::to_owned));
    };

    let load_all = move |continuing: bool| {
        let g = next_generation();
        stop.set_value(false);
        stopped.set(false);
        error.set(None);
        let mut all = if continuing {
            rows.get_untracked()
        } else {
            Vec::new()
        };
        let mut token = if continuing { resume.get_value() } else { None };
        busy.set(Busy::All(all.len()));
        spawn_local(async move {
            let mut finished = false;
            loop {
                if stop.get_value() {
                    break;
                }
                let Some(req) = page_request(
                    meta,
                    parent.get_value().as_deref(),
                    max,
                    &filters.get_untracked(),
                    token.as_deref(),
                ) else {
                    break;
                };
                match c.api.send(req).await.and_then(|r| read_page(&r)) {
                    Ok(page) => {
                        if generation.get_value() != g {
                            return;
                        }
                        all.extend(page.items.into_iter().map(Row::new));
                        busy.set(Busy::All(all.len()));
                        token = page.next_token;
                        if token.is_none() {
                            finished = true;
                            break;
                        }
                    }
                    Err(e) => {
                        error.set(Some(e));
                        break;
                    }
                }
            }
            if generation.get_value() != g {
                return;
            }
            resume.set_value(token);
            stopped.set(!finished);
            rows.set(all);
            all_loaded.set(finished);
            loaded.set(true);
            loaded_at.set(crate::api::now_ms());
            if finished {
                pager.set(Pager::new());
            }
            busy.set(Busy::Idle);
            save();
        });
    };

    // Quick filter and sort over the loaded rows.
    let columns: Vec<_> = meta.columns.iter().filter_map(|k| meta.field(k)).collect();
    let columns = StoredValue::new(columns);
    let haystack = Memo::new(move |_| {
        rows.with(|rows| {
            columns.with_value(|cols| {
                rows.iter()
                    .map(|r| {
                        let mut text: String = cols
                            .iter()
                            .map(|f| sort_text(f, r.get(f.key)))
                            .collect::<Vec<_>>()
                            .join(" ");
                        for k in ["id", "code", "name"] {
                            if let Some(s) = r.get(k).and_then(Value::as_str) {
                                text.push(' ');
                                text.push_str(s);
                            }
                        }
                        fold_case(&text)
                    })
                    .collect::<Vec<String>>()
            })
        })
    });
    let visible = Memo::new(move |_| {
        let needle = fold_case(quick.get().trim());
        let mut picked: Vec<usize> = haystack.with(|h| {
            (0..h.len())
                .filter(|i| needle.is_empty() || h[*i].contains(&needle))
                .collect()
        });
        if let Some(s) = sort.get() {
            columns.with_value(|cols| {
                if let Some(f) = cols.get(s.column) {
                    rows.with(|rows| {
                        // Keys once per sort, not per comparison (a total order: sort_key.rs).
                        let keys: Vec<SortKey> = picked
                            .iter()
                            .map(|i| SortKey::new(&sort_text(f, rows[*i].get(f.key))))
                            .collect();
                        let mut order: Vec<usize> = (0..picked.len()).collect();
                        order.sort_by(|a, b| {
                            let ord = keys[*a].cmp(&keys[*b]);
                            if s.ascending {
                                ord
                            } else {
                                ord.reverse()
                            }
                        });
                        picked = order.into_iter().map(|o| picked[o]).collect();
                    });
                }
            });
        }
        rows.with(|rows| {
            picked
                .into_iter()
                .map(|i| rows[i].clone())
                .collect::<Vec<Row>>()
        })
    });

    let caption = Signal::derive(move || {
        let total = rows.with(Vec::len);
        let shown = visible.with(Vec::len);
        let mut text = format!("{}: ", meta.plural);
        if shown != total {
            text.push_str(&format!("{shown} of {total} loaded rows match the filter"));
        } else if all_loaded.get() {
            text.push_str(&format!("all {total}"));
        } else {
            text.push_str(&format!("page {}, {total} rows", shown_page.get()));
        }
        if let Some(s) = sort.get() {
            let label =
                columns.with_value(|c| c.get(s.column).map(|f| f.label).unwrap_or_default());
            let dir = if s.ascending {
                "ascending"
            } else {
                "descending"
            };
            text.push_str(&format!(
                "; sorted by {label}, {dir} (sorting applies to the loaded rows only)"
            ));
        }
        text
    });
    let href = Callback::new(move |row: Row| {
        crate::resources::entity_href(meta, &row, parent.get_value().as_deref())
    });

    let status_text = move || match busy.get() {
        Busy::Page if loaded.get() => format!("Loading page {}…", pager.with(Pager::page)),
        Busy::Page => format!("Loading {}…", meta.plural.to_ascii_lowercase()),
        Busy::All(n) => format!(
            "Loading all {}: {n} loaded so far…",
            meta.plural.to_ascii_lowercase()
        ),
        Busy::Idle if stopped.get() => format!(
            "Stopped after {} {}.",
            rows.with(Vec::len),
            meta.plural.to_ascii_lowercase()
        ),
        Busy::Idle => String::new(),
    };
    let empty = move || {
        loaded.get()
            && busy.get() == Busy::Idle
            && rows.with(Vec::is_empty)
            && error.with(Option::is_none)
    };
    let filtered = move || !filters.with(Vec::is_empty);

    let heading_id = format!("list-{}", meta.key);
    view! {
        <section class="list-page" aria-labelledby=heading_id.clone()>
            {if embedded {
                view! { <h2 id=heading_id.clone()>{meta.plural}</h2> }.into_any()
            } else {
                view! { <h1 id=heading_id.clone()>{meta.plural}</h1> }.into_any()
            }}
            {crate::resources::note(meta)}
            {create_links(meta, parent.get_value())}
            {(!embedded && !meta.filters.is_empty()).then(|| view! { <FilterForm meta=meta/> })}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">"These filters cannot be combined: " {p}</p> })}
            <div class="list-tools">
                {(!embedded).then(|| view! { <PageSizePicker meta=meta current=page_size/> })}
                <div class="form-field inline">
                    <label for=format!("quick-{}", meta.key)>"Filter loaded rows"</label>
                    <input id=format!("quick-{}", meta.key) type="search" prop:value=move || quick.get() on:input=move |ev| quick.set(event_target_value(&ev))/>
                </div>
            </div>
            <p class="status-line" role="status">{status_text}</p>
            {error_slot(error, Signal::stored(format!("Loading {}", meta.plural.to_ascii_lowercase())), Some(Callback::new(move |_| {
                if all_loaded.get_untracked() || stopped.get_untracked() { load_all(stopped.get_untracked()) } else { fetch(pager.get_untracked().current().map(str::to_owned)) }
            })))}
            <Show when=empty>
                <p class="empty">{move || if filtered() { format!("No {} match these filters.", meta.plural.to_ascii_lowercase()) } else { format!("No {} yet.", meta.plural.to_ascii_lowercase()) }}</p>
            </Show>
            <Show when=move || rows.with(|r| !r.is_empty())>
                <div aria-busy=move || (busy.get() != Busy::Idle).to_string()>
                    <ResourceTable meta=meta rows=visible caption=caption href=href sort=sort/>
                </div>
            </Show>
            <div class="pager" role="group" aria-label="Pages">
                <button type="button" on:click=back disabled=move || busy.get() != Busy::Idle || !pager.with(Pager::can_back) || all_loaded.get()>"Back"</button>
                <span class="page-no">{move || if all_loaded.get() { "All loaded".to_owned() } else { format!("Page {}", pager.with(Pager::page)) }}</span>
                <button type="button" on:click=next disabled=move || busy.get() != Busy::Idle || !pager.with(Pager::can_next) || all_loaded.get()>"Next"</button>
                <Show
                    when=move || matches!(busy.get(), Busy::All(_))
                    fallback=move || view! {
                        <button type="button" on:click=move |_| load_all(false) disabled=move || busy.get() != Busy::Idle || all_loaded.get()>"Load all"</button>
                        <Show when=move || stopped.get() && busy.get() == Busy::Idle>
                            <button type="button" on:click=move |_| load_all(true)>"Continue loading"</button>
                        </Show>
                    }
                >
                    <button type="button" on:click=move |_| stop.set_value(true)>"Stop"</button>
                </Show>
                <button type="button" on:click=refresh disabled=move || busy.get() != Busy::Idle>"Refresh"</button>
                <span class="hint">{move || {
                    let at = loaded_at.get();
                    (at > 0.0).then(|| format!("Loaded {}", crate::components::time::relative(at, crate::api::now_ms())))
                }}</span>
            </div>
        </section>
    }
}

/// "New meter", "Batch create", … for the resource (nested ones need their parent).
fn create_links(meta: &'static ResourceMeta, parent: Option<String>) -> Option<AnyView> {
    use crate::components::ui::Link;
    if !meta.supports(m3ter_models::Action::Create) {
        return None;
    }
    let base = match (meta.parent, parent) {
        (None, _) => format!("/{}", meta.key),
        (Some((pk, _)), Some(p)) => format!("/{pk}/{}/{}", crate::api::encode(&p), meta.key),
        (Some(_), None) => return None,
    };
    let batch = meta
        .supports(m3ter_models::Action::BatchCreate)
        .then(|| view! { <Link href=format!("{base}/batch")>"Batch create"</Link> });
    Some(
        view! {
            <p class="create-links">
                <Link href=format!("{base}/new")>{format!("New {}", meta.noun)}</Link>
                {batch}
            </p>
        }
        .into_any(),
    )
}

#[component]
fn PageSizePicker(meta: &'static ResourceMeta, current: Memo<u32>) -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let id = format!("page-size-{}", meta.key);
    let change = move |ev| {
        let value = event_target_value(&ev);
        let mut q: Vec<(String, String)> = query
            .get_untracked()
            .into_iter()
            .filter(|(k, _)| k != "pageSize")
            .map(|(k, v)| (k.into_owned(), v))
            .collect();
        q.push(("pageSize".into(), value));
        navigate(&with_query(meta.key, &q), NavigateOptions::default());
    };
    view! {
        <div class="form-field inline">
            <label for=id.clone()>"Page size"</label>
            <select id=id on:change=change>
                {PAGE_SIZES.iter().filter(|n| **n <= meta.page_size_max).map(|n| {
                    let n = *n;
                    view! { <option value=n.to_string() selected=move || current.get() == n>{n}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// `/resource?k=v&…`
fn with_query(resource: &str, q: &[(String, String)]) -> String {
    let parts: Vec<String> = q
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", crate::api::encode(k), crate::api::encode(v)))
        .collect();
    if parts.is_empty() {
        format!("/{resource}")
    } else {
        format!("/{resource}?{}", parts.join("&"))
    }
}

/// The server-side filters of an endpoint, kept in the URL. Mutually exclusive filters (statement
/// jobs) are offered as one choice.
#[component]
fn FilterForm(meta: &'static ResourceMeta) -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let values: Vec<(&'static FilterMeta, RwSignal<String>)> = meta
        .filters
        .iter()
        .map(|f| {
            (
                f,
                RwSignal::new(query.read_untracked().get(f.param).unwrap_or_default()),
            )
        })
        .collect();
    let chosen = RwSignal::new(
        meta.filters
            .iter()
            .find(|f| {
                query
                    .read_untracked()
                    .get(f.param)
                    .is_some_and(|v| !v.is_empty())
            })
            .map(|f| f.param)
            .unwrap_or(""),
    );
    // Keep the inputs in step with the URL (back/forward, links).
    {
        let values = values.clone();
        Effect::new(move |_| {
            let q = query.get();
            for (f, s) in &values {
                s.set(q.get(f.param).unwrap_or_default());
            }
        });
    }
    let values = StoredValue::new(values);
    let apply = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut q: Vec<(String, String)> = Vec::new();
            if let Some(size) = query.read_untracked().get("pageSize") {
                q.push(("pageSize".into(), size));
            }
            values.with_value(|vals| {
                for (f, s) in vals {
                    if meta.exclusive_filters && f.param != chosen.get_untracked() {
                        continue;
                    }
                    q.push((f.param.to_owned(), s.get_untracked().trim().to_owned()));
                }
            });
            navigate(&with_query(meta.key, &q), NavigateOptions::default());
        }
    };
    let clear = move |_| {
        values.with_value(|vals| vals.iter().for_each(|(_, s)| s.set(String::new())));
        chosen.set("");
        navigate(&format!("/{}", meta.key), NavigateOptions::default());
    };
    let input_for = move |f: &'static FilterMeta, s: RwSignal<String>| {
        let id = format!("filter-{}-{}", meta.key, f.param);
        let hint_id = format!("{id}-hint");
        let has_hint = !f.help.is_empty();
        let input = match &f.kind {
            FilterKind::Enum(e) => view! {
                <select id=id.clone() on:change=move |ev| s.set(event_target_value(&ev))>
                    <option value="" selected=move || s.get().is_empty()>"Any"</option>
                    {e.values.iter().map(|(w, l)| view! { <option value=*w selected=move || s.get() == *w>{*l}</option> }).collect_view()}
                </select>
            }
            .into_any(),
            FilterKind::Flag => view! {
                <select id=id.clone() on:change=move |ev| s.set(event_target_value(&ev))>
                    <option value="" selected=move || s.get().is_empty()>"Any"</option>
                    <option value="TRUE" selected=move || s.get() == "TRUE">"Yes"</option>
                    <option value="FALSE" selected=move || s.get() == "FALSE">"No (all)"</option>
                </select>
            }
            .into_any(),
            FilterKind::DateTime => view! {
                <input id=id.clone() type="text" placeholder="2025-01-31T00:00:00Z" prop:value=move || s.get() on:input=move |ev| s.set(event_target_value(&ev))
                    aria-describedby=has_hint.then(|| hint_id.clone())/>
            }
            .into_any(),
            FilterKind::Many | FilterKind::One => view! {
                <input id=id.clone() type="text" spellcheck="false" prop:value=move || s.get() on:input=move |ev| s.set(event_target_value(&ev))
                    aria-describedby=has_hint.then(|| hint_id.clone())/>
            }
            .into_any(),
        };
        view! {
            <div class="form-field">
                <label for=id>{f.label}</label>
                {input}
                {has_hint.then(|| view! { <p class="hint" id=hint_id>{f.help}</p> })}
            </div>
        }
    };
    let fields = values.with_value(|vals| {
        vals.iter()
            .map(|(f, s)| {
                let f: &'static FilterMeta = f;
                let s = *s;
                if meta.exclusive_filters {
                    view! { <Show when=move || chosen.get() == f.param>{input_for(f, s)}</Show> }
                        .into_any()
                } else {
                    input_for(f, s).into_any()
                }
            })
            .collect_view()
    });
    let choose_id = format!("filter-{}-by", meta.key);
    view! {
        <form class="filters" role="search" aria-label=format!("Filter {}", meta.plural.to_ascii_lowercase()) on:submit=apply>
            {meta.exclusive_filters.then(|| view! {
                <div class="form-field">
                    <label for=choose_id.clone()>"Filter by"</label>
                    <select id=choose_id.clone() aria-describedby=format!("{choose_id}-hint") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        chosen.set(meta.filters.iter().find(|f| f.param == v).map(|f| f.param).unwrap_or(""));
                    }>
                        <option value="" selected=move || chosen.get().is_empty()>"Nothing (all)"</option>
                        {meta.filters.iter().map(|f| view! { <option value=f.param selected=move || chosen.get() == f.param>{f.label}</option> }).collect_view()}
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
