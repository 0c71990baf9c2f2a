//! A resource list as a real table: caption, column headers with `scope`, sort buttons that say they
//! sort the loaded rows (`aria-sort`), and a link to each row's detail page.

use leptos::prelude::*;
use leptos_router::components::A;
use m3ter_models::ResourceMeta;
use serde_json::Value;

use super::value;

/// Which column is sorted and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub ascending: bool,
}

/// Marks the first time any table shows a row (read by the benchmark through the Performance API).
fn mark_first_row() {
    thread_local! { static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("m3ter:first-row");
    }
}

#[component]
pub fn ResourceTable(
    meta: &'static ResourceMeta,
    /// The rows to show, already filtered and sorted.
    #[prop(into)]
    rows: Signal<Vec<Value>>,
    #[prop(into)] caption: Signal<String>,
    /// The detail page of a row.
    href: Callback<Value, Option<String>>,
    sort: RwSignal<Option<Sort>>,
) -> impl IntoView {
    let columns: Vec<_> = meta.columns.iter().filter_map(|k| meta.field(k)).collect();
    let header = columns
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let aria = move || match sort.get() {
                Some(s) if s.column == i => {
                    if s.ascending {
                        "ascending"
                    } else {
                        "descending"
                    }
                }
                _ => "none",
            };
            let toggle = move |_| {
                sort.update(|s| {
                    *s = match *s {
                        Some(Sort {
                            column,
                            ascending: true,
                        }) if column == i => Some(Sort {
                            column: i,
                            ascending: false,
                        }),
                        Some(Sort {
                            column,
                            ascending: false,
                        }) if column == i => None,
                        _ => Some(Sort {
                            column: i,
                            ascending: true,
                        }),
                    }
                })
            };
            let arrow = move || match sort.get() {
                Some(s) if s.column == i => {
                    if s.ascending {
                        "▲"
                    } else {
                        "▼"
                    }
                }
                _ => "",
            };
            view! {
                <th scope="col" aria-sort=aria>
                    <button type="button" class="sort" on:click=toggle title="Sort the loaded rows">
                        {f.label}<span aria-hidden="true" class="arrow">{arrow}</span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let columns = StoredValue::new(columns);
    Effect::new(move |_| {
        if rows.with(|r| !r.is_empty()) {
            mark_first_row();
        }
    });
    view! {
        <div class="table-wrap">
            <table class="resources">
                <caption>{caption}</caption>
                <thead><tr>{header}</tr></thead>
                <tbody>
                    <For
                        each=move || rows.get().into_iter().enumerate()
                        key=|(i, r)| r.get("id").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| format!("#{i}"))
                        let:((_, row))
                    >
                        {
                            let link = href.run(row.clone());
                            let cells = columns.with_value(|cols| cols.iter().enumerate().map(|(i, f)| {
                                let cell = value::render(f, row.get(f.key), true);
                                if i == 0 {
                                    let label = crate::resources::title_of(meta, &row);
                                    match link.clone() {
                                        Some(href) => view! { <th scope="row"><A href=href>{label}</A></th> }.into_any(),
                                        None => view! { <th scope="row">{label}</th> }.into_any(),
                                    }
                                } else {
                                    view! { <td>{cell}</td> }.into_any()
                                }
                            }).collect_view());
                            view! { <tr>{cells}</tr> }
                        }
                    </For>
                </tbody>
            </table>
        </div>
    }
}
