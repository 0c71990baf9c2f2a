//! What a list page does only when asked: sort the loaded rows, "Load all" (and draw its thousands
//! of rows a window at a time), offer an id filter's entities by name, download the rows shown. In the release build this
//! code is in the pages' split module (`crate::split`), which the browser fetches while idle after
//! start, so a list start does not carry it (11.2 kB gzip, 6.7 of them the windowed table). A
//! [`Slot`] fetches it the first time one of them is used and keeps it for the page. [`NotHere`]
//! is `split::NotLoaded` again on purpose: `split.rs` reaches the list pages, so naming it from
//! here would be an import circle.

use leptos::prelude::*;

use super::state::{Busy, ListState, Stopped, ROW_CAP};
use crate::components::choices::Choices;
use crate::components::copy::download;
use crate::components::csv;
use crate::components::field::FieldRef;
use crate::components::sort_key::SortKey;
use crate::components::table::{self, Table};
use crate::components::toast::Toasts;
use crate::context::Row;
use crate::json_text::pretty;
use crate::pages::On;
use crate::task::PageTasks;

/// The list tools: plain functions of the pages' module.
#[derive(Clone, Copy)]
pub struct Tools {
    /// The order of the cells' sort texts (ties keep their order).
    pub order: fn(&[String], bool) -> Vec<usize>,
    /// Loads every page (`true`: from where it stopped).
    pub load_all: fn(ListState, bool),
    /// A `<datalist>` of a resource's entities by name.
    pub datalist: fn(Choices, &'static str, String) -> AnyView,
    /// What "Load all" says while it runs and when it stopped early (rows held, plural in lower case).
    pub load_all_says: fn(Busy, Option<Stopped>, usize, &str) -> String,
    /// The caption's words for a sorted column (its label; ascending).
    pub sorted: fn(&str, bool) -> String,
    /// A table of more than `WINDOW_FROM` rows, which only "Load all" brings: drawn a window at a
    /// time.
    pub windowed: fn(Table) -> AnyView,
    /// "Download CSV" and "Download JSON" of the rows shown (filtered and sorted as shown),
    /// disabled while the list loads. Drawn once the tools are here, so a list start does not
    /// carry them.
    pub downloads: fn(On, ListState, Memo<Vec<Row>>, Columns, Toasts) -> AnyView,
}

/// The tools' code could not be downloaded.
pub struct NotHere;

#[cfg(m3ter_split)]
impl From<leptos::wasm_split::SplitLoaderError> for NotHere {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotHere
    }
}

#[cfg_attr(
    m3ter_split,
    leptos::wasm_split::wasm_split(
        pages,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_tools)
    )
)]
fn here() -> Result<Tools, NotHere> {
    Ok(Tools {
        order,
        load_all: |s, continuing| s.load_all_pages(continuing),
        datalist: |choices, resource, list_id| choices.datalist(resource, list_id),
        load_all_says,
        sorted: |label, ascending| {
            let dir = if ascending { "ascending" } else { "descending" };
            format!("; sorted by {label}, {dir} (sorting applies to the loaded rows only)")
        },
        windowed: table::windowed,
        downloads,
    })
}

/// A list's columns: the field each shows (`None`: the title) and its heading.
pub type Columns = (StoredValue<Vec<Option<FieldRef>>>, StoredValue<Vec<String>>);

fn downloads(on: On, s: ListState, rows: Memo<Vec<Row>>, cols: Columns, toasts: Toasts) -> AnyView {
    let off = move || s.busy.get() != Busy::Idle || rows.with(Vec::is_empty);
    let export = move |as_csv: bool| {
        move |_| {
            let (fields, labels) = (cols.0.get_value(), cols.1.get_value());
            export(on, &rows.get_untracked(), &fields, &labels, as_csv, toasts)
        }
    };
    view! {
        <div class="downloads" role="group" aria-label="Download the rows shown">
            <button type="button" on:click=export(true) disabled=off>"Download CSV"</button>
            <button type="button" on:click=export(false) disabled=off>"Download JSON"</button>
        </div>
    }
    .into_any()
}

/// Downloads the rows as CSV ([`csv_of`]) or JSON (the rows as loaded, every field).
fn export(
    on: On,
    rows: &[Row],
    fields: &[Option<FieldRef>],
    labels: &[String],
    as_csv: bool,
    toasts: Toasts,
) {
    let (text, kind, mime) = if as_csv {
        (csv_of(on, rows, fields, labels), "CSV", "text/csv")
    } else {
        // Compact, then laid out by the reader the Raw JSON tab uses (its code is here already).
        let all: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        let compact = format!("[{}]", all.join(","));
        (pretty(&compact, false).text, "JSON", "application/json")
    };
    let now = crate::api::now_ms() as i64;
    let (y, mo, d, h, mi, _) = m3ter_models::time::utc_fields(now);
    let name = format!(
        "{}-{y}{mo:02}{d:02}-{h:02}{mi:02}.{}",
        on.r.key,
        kind.to_ascii_lowercase()
    );
    let n = rows.len();
    let what = if n == 1 {
        on.noun()
    } else {
        on.entry.plural.to_ascii_lowercase()
    };
    if download(&name, &text, mime) {
        toasts.show(format!("Downloaded {n} {what} as {kind} ({name})"));
    } else {
        toasts.error("Could not start the download");
    }
}

/// The list's columns with raw values (ids as ids, numbers exactly as received, date-times as
/// m3ter writes them), the title column as shown, and the ID after them unless the title is it.
fn csv_of(on: On, rows: &[Row], fields: &[Option<FieldRef>], labels: &[String]) -> String {
    let title_is_id =
        on.o.title_from.is_none() && m3ter_models::resources::title_field(on.r).is_none();
    let head = labels
        .iter()
        .map(|l| csv::text(l))
        .chain((!title_is_id).then(|| "ID".to_owned()));
    let lines = rows.iter().map(|row| {
        fields
            .iter()
            .map(|f| match f {
                Some(f) => csv::cell(row.get(f.key())),
                None => csv::text(&on.title_of(row)),
            })
            .chain((!title_is_id).then(|| csv::cell(row.get("id"))))
            .collect()
    });
    csv::csv(std::iter::once(head.collect()).chain(lines))
}

fn load_all_says(busy: Busy, stopped: Option<Stopped>, rows: usize, lower: &str) -> String {
    match (busy, stopped) {
        (Busy::All(n), _) => format!("Loading all {lower}: {n} loaded so far…"),
        (_, Some(Stopped::ByUser)) => format!("Stopped after {rows} {lower}."),
        (_, Some(Stopped::RepeatedToken)) => format!(
            "Stopped after {rows} {lower}: the API handed out a page token it had handed out before, so going on would repeat pages."
        ),
        (_, Some(Stopped::Cap)) => format!(
            "Stopped at {ROW_CAP} {lower}, the most this page holds. Filter the list to see the rest."
        ),
        _ => String::new(),
    }
}

async fn fetch() -> Result<Tools, NotHere> {
    #[cfg(m3ter_split)]
    {
        here().await
    }
    #[cfg(not(m3ter_split))]
    {
        here()
    }
}

fn order(texts: &[String], ascending: bool) -> Vec<usize> {
    let keys: Vec<SortKey> = texts.iter().map(|t| SortKey::new(t)).collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    // Equal keys keep their order (the index decides), so the unstable sort, whose code is
    // smaller, sorts as a stable one would.
    order.sort_unstable_by(|a, b| {
        let o = keys.get(*a).cmp(&keys.get(*b));
        if ascending { o } else { o.reverse() }.then(a.cmp(b))
    });
    order
}

/// The tools as one page holds them: fetched on first use, then kept.
#[derive(Clone, Copy)]
pub struct Slot {
    tools: RwSignal<Option<Tools>>,
    failed: RwSignal<bool>,
    asked: StoredValue<bool>,
    tasks: PageTasks,
}

impl Slot {
    /// Call in the page's component.
    pub fn here() -> Slot {
        Slot {
            tools: RwSignal::new(None),
            failed: RwSignal::new(false),
            asked: StoredValue::new(false),
            tasks: PageTasks::here(),
        }
    }

    /// The tools, if here (tracked); otherwise asks for them, and readers run again when they come.
    pub fn get(&self) -> Option<Tools> {
        let tools = self.tools.get();
        if tools.is_none() && (!self.asked.get_value() || self.failed.get_untracked()) {
            self.ask(Box::new(|_| {}));
        }
        tools
    }

    /// The tools if here (tracked), without asking for them.
    pub fn loaded(&self) -> Option<Tools> {
        self.tools.get()
    }

    /// Runs `then` with the tools: now, or once they are here (not if they cannot be fetched,
    /// which [`Slot::failed`] says).
    pub fn with(&self, then: impl FnOnce(Tools) + 'static) {
        self.run(Box::new(then));
    }

    // Boxed, so the task that waits is compiled once, not once a caller.
    fn run(&self, then: Box<dyn FnOnce(Tools)>) {
        match self.tools.get_untracked() {
            Some(t) => then(t),
            None => self.ask(then),
        }
    }

    /// The last fetch failed (tracked; the next use tries again).
    pub fn failed(&self) -> bool {
        self.failed.get()
    }

    fn ask(&self, then: Box<dyn FnOnce(Tools)>) {
        let s = *self;
        s.asked.set_value(true);
        s.tasks.spawn(async move {
            // The loader fetches a module once: callers waiting together share the download.
            match fetch().await {
                Ok(t) => {
                    s.failed.try_set(false);
                    if s.tools.try_get_untracked().flatten().is_none() {
                        s.tools.try_set(Some(t));
                    }
                    then(t);
                }
                Err(NotHere) => {
                    s.failed.try_set(true);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::list::view::columns;

    fn csv_lines(key: &str, rows: &[&str]) -> Vec<String> {
        let on = On::of(key).expect("resource");
        let cols = columns(on);
        let fields: Vec<_> = cols.iter().map(|c| c.field.clone()).collect();
        let labels: Vec<_> = cols.iter().map(|c| c.label.clone()).collect();
        let rows: Vec<Row> = rows
            .iter()
            .map(|r| Row::new(serde_json::from_str(r).expect("json")))
            .collect();
        let text = csv_of(on, &rows, &fields, &labels);
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        text.split_terminator("\r\n").map(str::to_owned).collect()
    }

    #[test]
    fn a_csv_has_the_columns_raw_and_each_rows_id() {
        let lines = csv_lines(
            "meters",
            &[r#"{"id": "m-1", "name": "=Seats", "code": "seats", "productId": "p-1"}"#],
        );
        let head: Vec<&str> = lines[0].split(',').collect();
        assert_eq!(head.first(), Some(&"Name"));
        assert_eq!(head.last(), Some(&"ID"));
        let product = head
            .iter()
            .position(|h| *h == "Product")
            .expect("a Product column");
        let cells: Vec<&str> = lines[1].split(',').collect();
        assert_eq!(cells[0], "'=Seats", "a formula is kept as text");
        assert_eq!(cells[product], "p-1", "an id as it is, not its name");
        assert_eq!(cells.last(), Some(&"m-1"));
    }

    /// Counter adjustments are named by their id: it is not repeated at the end.
    #[test]
    fn an_id_title_is_not_repeated() {
        let lines = csv_lines(
            "counter-adjustments",
            &[r#"{"id": "ca-1", "value": 12345678901234567890, "date": "2025-01-01"}"#],
        );
        assert!(lines[0].starts_with("ID,"), "{}", lines[0]);
        assert!(!lines[0].ends_with(",ID"), "{}", lines[0]);
        assert!(lines[1].starts_with("ca-1,"), "{}", lines[1]);
        assert!(lines[1].contains("12345678901234567890"), "{}", lines[1]);
    }
}
