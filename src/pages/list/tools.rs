//! What a list page does only when asked: sort the loaded rows, "Load all" (and draw its thousands
//! of rows a window at a time), offer an id filter's entities by name. In the release build this
//! code is in the pages' split module (`crate::split`), which the browser fetches while idle after
//! start, so a list start does not carry it (11.2 kB gzip, 6.7 of them the windowed table). A
//! [`Slot`] fetches it the first time one of them is used and keeps it for the page. [`NotHere`]
//! is `split::NotLoaded` again on purpose: `split.rs` reaches the list pages, so naming it from
//! here would be an import circle.

use leptos::prelude::*;

use super::state::{Busy, ListState, Stopped, ROW_CAP};
use crate::components::choices::Choices;
use crate::components::sort_key::SortKey;
use crate::components::table::{self, Table};
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
    })
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
