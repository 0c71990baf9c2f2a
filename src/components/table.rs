//! A resource list as a real table: caption, column headers with `scope`, sort buttons that say they
//! sort the loaded rows (`aria-sort`), and a link to each row's detail page.
//!
//! Long lists (thousands of rows after "Load all") render only the rows near the scroll position,
//! between two spacer rows that keep the table's full height; `aria-rowcount` and `aria-rowindex` tell
//! assistive technology where the rendered rows sit in the whole list ([`windowed`]: only "Load all"
//! brings a list past [`WINDOW_FROM`] rows, so its code goes with the list tools, not in a list
//! start; [`plain`] draws every row).

use leptos::html;
use leptos::prelude::*;
use serde_json::Value;

use super::field::FieldRef;
use super::ui::Link;
use super::value;
use crate::context::Row;

/// Which column is sorted and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub ascending: bool,
}

/// Above this many rows the table renders a window of them.
pub const WINDOW_FROM: usize = 200;
/// The expected height of a row in a windowed table (CSS keeps those rows on one line); the real
/// height is measured from a rendered row.
const ROW_PX: f64 = 33.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 15;

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

/// A column: its header and how a row's cell shows (the first column names the row and links to it).
#[derive(Clone)]
pub struct Column {
    pub label: String,
    /// The field shown (`None` for the title column).
    pub field: Option<FieldRef>,
}

/// What a table shows: its columns, rows (already filtered and sorted), caption, each row's detail
/// page and name (in its first cell), and the sorted column.
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Signal<Vec<Row>>,
    pub caption: Signal<String>,
    pub href: Callback<Row, Option<String>>,
    pub title: Callback<Row, String>,
    pub sort: RwSignal<Option<Sort>>,
}

impl Table {
    /// Its header row's cells, what its rows read, its rows and caption, and how many columns it
    /// has; the first table to show a row marks it.
    fn parts(
        self,
    ) -> (
        impl IntoView,
        Shared,
        Signal<Vec<Row>>,
        Signal<String>,
        usize,
    ) {
        let header = header(&self.columns, self.sort);
        let n_cols = self.columns.len();
        marks_first_row(self.rows);
        let shared = Shared {
            columns: StoredValue::new(self.columns),
            href: self.href,
            title: self.title,
        };
        (header, shared, self.rows, self.caption, n_cols)
    }
}

/// The column headers, each a button that sorts by it (ascending, descending, off).
fn header(columns: &[Column], sort: RwSignal<Option<Sort>>) -> impl IntoView {
    columns
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
                        {f.label.clone()}<span aria-hidden="true" class="arrow">{arrow}</span>
                    </button>
                </th>
            }
        })
        .collect_view()
}

/// A row's key in the table: its id, else its place.
fn key((i, r): &(usize, Row)) -> String {
    r.get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("#{i}"))
}

/// A row's cells: the first names it and links to its page (`index`: where it is in the whole list,
/// for a windowed table).
fn row_view(t: &Shared, row: Row, index: Option<usize>) -> impl IntoView {
    let link = t.href.run(row.clone());
    let cells = t.columns.with_value(|cols| {
        cols.iter()
            .map(|c| match &c.field {
                None => {
                    let label = t.title.run(row.clone());
                    match link.clone() {
                        Some(href) => {
                            view! { <th scope="row"><Link href=href>{label}</Link></th> }.into_any()
                        }
                        None => view! { <th scope="row">{label}</th> }.into_any(),
                    }
                }
                Some(fr) => {
                    let within = fr.within(&row);
                    let fr = within.as_ref().unwrap_or(fr);
                    view! { <td>{value::cell(fr, row.get(fr.key()))}</td> }.into_any()
                }
            })
            .collect_view()
    });
    view! { <tr aria-rowindex=index.map(|i| (i + 2).to_string())>{cells}</tr> }
}

/// What the rows' view reads.
#[derive(Clone, Copy)]
struct Shared {
    columns: StoredValue<Vec<Column>>,
    href: Callback<Row, Option<String>>,
    title: Callback<Row, String>,
}

fn marks_first_row(rows: Signal<Vec<Row>>) {
    Effect::new(move |_| {
        if rows.with(|r| !r.is_empty()) {
            mark_first_row();
        }
    });
}

/// Every row: a list up to [`WINDOW_FROM`] rows.
pub fn plain(t: Table) -> AnyView {
    let (header, shared, rows, caption, _) = t.parts();
    view! {
        <div class="table-wrap">
            <table class="resources">
                <caption>{caption}</caption>
                <thead><tr>{header}</tr></thead>
                <tbody>
                    <For
                        each=move || rows.get().into_iter().enumerate()
                        key=key
                        let:((_, row))
                    >
                        {row_view(&shared, row, None)}
                    </For>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The rows near the scroll position, between spacer rows that keep the table's full height;
/// updated on scroll and resize, once per animation frame. For lists past [`WINDOW_FROM`] rows
/// (called through the list tools).
pub fn windowed(t: Table) -> AnyView {
    let (header, shared, rows, caption, n_cols) = t.parts();

    // Where the table body is on screen.
    let body = NodeRef::<html::Tbody>::new();
    let view_box = RwSignal::new((0.0f64, 900.0f64));
    let row_px = RwSignal::new(ROW_PX);
    let measure = move || {
        let Some(Some(b)) = body.try_get_untracked() else {
            return;
        };
        let top = b.get_bounding_client_rect().top();
        let height = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(900.0);
        if view_box.get_untracked() != (top, height) {
            view_box.set((top, height));
        }
        if let Ok(Some(row)) = b.query_selector("tr:not(.spacer)") {
            let h = row.get_bounding_client_rect().height();
            if h > 1.0 && (h - row_px.get_untracked()).abs() > 0.01 {
                row_px.set(h);
            }
        }
    };
    let pending = StoredValue::new(false);
    let on_move = move || {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            measure();
        });
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| on_move());
    let resize = window_event_listener(leptos::ev::resize, move |_| on_move());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    request_animation_frame(measure);
    let range = Memo::new(move |_| {
        let n = rows.with(Vec::len);
        let (top, height) = view_box.get();
        let px = row_px.get();
        let first = ((-top).max(0.0) / px).floor() as usize;
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = first
            .saturating_add((height / px).ceil() as usize)
            .saturating_add(OVERSCAN)
            .min(n);
        (start, end)
    });
    let shown = Memo::new(move |_| {
        let (start, end) = range.get();
        rows.with(|r| {
            r.get(start..end)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(k, row)| (start + k, row.clone()))
                .collect::<Vec<_>>()
        })
    });
    let spacer = move |px: f64| {
        // Set through the CSSOM (`style:`), which the Content-Security-Policy allows; a `style`
        // attribute would be blocked by `style-src 'self'`.
        view! { <tr class="spacer" aria-hidden="true"><td colspan=n_cols style:height=format!("{}px", px.round() as i64)></td></tr> }
    };
    let row_count = move || (rows.with(Vec::len) + 1).to_string();

    view! {
        <div class="table-wrap">
            <table class="resources windowed" aria-rowcount=row_count>
                <caption>{caption}</caption>
                <thead><tr aria-rowindex="1">{header}</tr></thead>
                <tbody node_ref=body>
                    {move || { let (start, _) = range.get(); (start > 0).then(|| spacer(start as f64 * row_px.get())) }}
                    <For
                        each=move || shown.get()
                        key=key
                        let:((index, row))
                    >
                        {row_view(&shared, row, Some(index))}
                    </For>
                    {move || {
                        let (_, end) = range.get();
                        let n = rows.with(Vec::len);
                        (end < n).then(|| spacer((n - end) as f64 * row_px.get()))
                    }}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
