//! What every page shares: the API client and session, runtime config, preferences, toasts, the
//! cache that brings lists back from memory, and the bodies deleted in this session.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::pager::Pager;
use crate::api::Api;
use crate::components::toast::Toasts;
use crate::config::RuntimeConfig;
use crate::session::storage;

#[derive(Clone, Copy)]
pub struct Ctx {
    pub api: Api,
    pub config: RwSignal<RuntimeConfig>,
    pub prefs: Prefs,
    pub toasts: Toasts,
    pub lists: ListCache,
    pub deleted: Deleted,
    /// Names of the entities ids point at.
    pub names: crate::names::Names,
    /// The Activity panel is open.
    pub activity_open: RwSignal<bool>,
}

impl Ctx {
    /// The context around a client (its session restored from storage, or `None`), with
    /// preferences and this tab's deleted bodies loaded.
    pub fn new(api: Api) -> Ctx {
        Ctx {
            api,
            config: RwSignal::new(RuntimeConfig::default()),
            prefs: Prefs::load(),
            toasts: Toasts::new(),
            lists: ListCache::new(),
            deleted: Deleted::load(),
            names: crate::names::Names::new(api),
            activity_open: RwSignal::new(false),
        }
    }
}

/// The app context (provided once by `App`, before any page renders).
pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
    fn from_name(name: &str) -> Theme {
        match name {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Prefs {
    pub theme: RwSignal<Theme>,
    /// Show date-times in UTC (else the browser's time zone).
    pub utc: RwSignal<bool>,
}

impl Prefs {
    /// Remembered choices; they hold no secrets, so they are kept on the device.
    pub fn load() -> Prefs {
        let theme = storage::pref("theme")
            .map(|t| Theme::from_name(&t))
            .unwrap_or(Theme::System);
        let utc = storage::pref("utc").map(|v| v == "true").unwrap_or(true);
        let prefs = Prefs {
            theme: RwSignal::new(theme),
            utc: RwSignal::new(utc),
        };
        Effect::new(move |_| {
            let theme = prefs.theme.get();
            storage::set_pref("theme", theme.name());
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-theme", theme.name());
            }
        });
        Effect::new(move |_| {
            storage::set_pref("utc", if prefs.utc.get() { "true" } else { "false" })
        });
        prefs
    }
}

/// One row of a list. Shared, not copied: a loaded list of 10,000 entities is held once whether it
/// is in the page, the cache or the filtered view.
pub type Row = std::sync::Arc<Value>;

/// A list as the user left it: rows, paging position, whether everything was loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedList {
    pub rows: Vec<Row>,
    pub pager: Pager,
    pub all_loaded: bool,
    pub loaded_at_ms: f64,
}

/// Lists by resource and query, so going back from a detail page shows the list at once without a
/// request.
#[derive(Clone, Copy)]
pub struct ListCache {
    map: StoredValue<HashMap<String, CachedList>>,
}

impl Default for ListCache {
    fn default() -> Self {
        Self::new()
    }
}

impl ListCache {
    pub fn new() -> Self {
        ListCache {
            map: StoredValue::new(HashMap::new()),
        }
    }

    /// The key of a list: resource, parent, and its query.
    pub fn key(resource: &str, parent: Option<&str>, query: &str) -> String {
        format!("{resource}|{}|{query}", parent.unwrap_or_default())
    }

    pub fn get(&self, key: &str) -> Option<CachedList> {
        self.map.with_value(|m| m.get(key).cloned())
    }

    pub fn put(&self, key: String, list: CachedList) {
        self.map.update_value(|m| {
            m.insert(key, list);
        });
    }

    /// A row of `resource` with this id from any cached list, to show at once on its detail page.
    pub fn find_row(&self, resource: &str, id: &str) -> Option<Value> {
        let prefix = format!("{resource}|");
        self.map.with_value(|m| {
            m.iter()
                .filter(|(k, _)| k.starts_with(&prefix))
                .find_map(|(_, l)| {
                    l.rows
                        .iter()
                        .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
                        .map(|r| (**r).clone())
                })
        })
    }

    /// After a delete: the row leaves every cached list of its resource.
    pub fn remove_row(&self, resource: &str, id: &str) {
        let prefix = format!("{resource}|");
        self.map.update_value(|m| {
            for (_, l) in m.iter_mut().filter(|(k, _)| k.starts_with(&prefix)) {
                l.rows
                    .retain(|r| r.get("id").and_then(Value::as_str) != Some(id));
            }
        });
    }

    /// After a row changed (cancel, edit): replace it wherever it is cached.
    pub fn replace_row(&self, resource: &str, row: &Value) {
        let Some(id) = row.get("id").and_then(Value::as_str) else {
            return;
        };
        let prefix = format!("{resource}|");
        self.map.update_value(|m| {
            for (_, l) in m.iter_mut().filter(|(k, _)| k.starts_with(&prefix)) {
                for r in l.rows.iter_mut() {
                    if r.get("id").and_then(Value::as_str) == Some(id) {
                        *r = Row::new(row.clone());
                    }
                }
            }
        });
    }

    /// Keeps a just-saved entity so its detail page shows it at once (and then refreshes it).
    pub fn remember(&self, resource: &str, row: &Value) {
        self.replace_row(resource, row);
        let key = format!("{resource}|saved|");
        self.map.update_value(|m| {
            let list = m.entry(key).or_insert_with(|| CachedList {
                rows: Vec::new(),
                pager: Pager::new(),
                all_loaded: true,
                loaded_at_ms: 0.0,
            });
            let id = row.get("id").and_then(Value::as_str);
            list.rows
                .retain(|r| r.get("id").and_then(Value::as_str) != id);
            list.rows.insert(0, Row::new(row.clone()));
            list.rows.truncate(20);
        });
    }

    /// Forget every list of a resource (e.g. after a create: the new entity belongs on page 1).
    pub fn invalidate(&self, resource: &str) {
        let prefix = format!("{resource}|");
        self.map
            .update_value(|m| m.retain(|k, _| !k.starts_with(&prefix)));
    }

    pub fn clear(&self) {
        self.map.update_value(HashMap::clear);
    }
}

/// One deletion of this session: the body m3ter returned, kept for inspection and re-creation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeletedEntry {
    /// Sequence number, used in `/deleted/{n}`.
    pub n: u64,
    pub resource: String,
    /// The parent id of nested resources (a transaction schedule's balance).
    pub parent: Option<String>,
    /// Every parent, outermost first (`[(resource key, id)]`), and the scope the entity lived in.
    #[serde(default)]
    pub parents: Vec<(String, String)>,
    #[serde(default)]
    pub scope: Vec<(String, String)>,
    /// The exact body returned by DELETE.
    pub text: String,
    pub at_ms: f64,
}

impl DeletedEntry {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
}

/// How many deleted bodies the session keeps (newest first).
pub const DELETED_CAP: usize = 50;
const DELETED_STORE: &str = "deleted";

#[derive(Clone, Copy)]
pub struct Deleted {
    pub entries: RwSignal<Vec<DeletedEntry>>,
}

impl Deleted {
    /// This tab's deletions survive a reload (sessionStorage), and go with the tab.
    pub fn load() -> Deleted {
        let entries = storage::tab_get(DELETED_STORE)
            .and_then(|t| serde_json::from_str::<Vec<DeletedEntry>>(&t).ok())
            .unwrap_or_default();
        Deleted {
            entries: RwSignal::new(entries),
        }
    }

    pub fn add(
        &self,
        resource: &str,
        parents: Vec<(String, String)>,
        scope: Vec<(String, String)>,
        text: String,
    ) -> u64 {
        let n = self
            .entries
            .with_untracked(|e| e.iter().map(|d| d.n).max().unwrap_or(0))
            + 1;
        let entry = DeletedEntry {
            n,
            resource: resource.to_owned(),
            parent: parents.last().map(|(_, id)| id.clone()),
            parents,
            scope,
            text,
            at_ms: crate::api::now_ms(),
        };
        self.entries.update(|e| {
            e.insert(0, entry);
            e.truncate(DELETED_CAP);
        });
        self.persist();
        n
    }

    pub fn get(&self, n: u64) -> Option<DeletedEntry> {
        self.entries.with(|e| e.iter().find(|d| d.n == n).cloned())
    }

    fn persist(&self) {
        let mut entries = self.entries.get_untracked();
        // If the tab's storage is full, keep what fits (newest first).
        while !entries.is_empty() {
            if let Ok(text) = serde_json::to_string(&entries) {
                if storage::tab_set(DELETED_STORE, &text) {
                    return;
                }
            }
            entries.pop();
        }
    }

    pub fn clear(&self) {
        self.entries.set(Vec::new());
    }
}
