//! What a list page knows and does: the rows loaded, the paging position, "Load all" (which stops
//! on a token it has seen and at a row cap it announces; run through `tools`), and the list cache
//! that brings the list back from memory. Requests it starts end with the page.

use std::collections::HashSet;

use leptos::prelude::*;
use m3ter_models::catalogue::FilterKind;
use serde_json::Value;

use super::super::On;
use crate::api::pager::Pager;
use crate::api::{head_start, now_ms, paths, read_page, ApiError, ApiRequest};
use crate::context::{ctx, CachedList, ListCache, Row};
use crate::routes::Place;
use crate::task::PageTasks;

/// The most rows "Load all" holds; it says so when it stops there.
pub const ROW_CAP: usize = 50_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Busy {
    Idle,
    /// Fetching one page.
    Page,
    /// "Load all": rows loaded so far.
    All(usize),
}

/// Why "Load all" stopped before the end.
#[derive(Clone, Debug, PartialEq)]
pub enum Stopped {
    /// The user pressed Stop (or an error ended it).
    ByUser,
    /// The API handed out a token it had handed out before: following it would loop for ever.
    RepeatedToken,
    /// The rows reached [`ROW_CAP`].
    Cap,
}

/// What "Load all" does after a page.
#[derive(Debug, PartialEq)]
enum Next {
    /// No more pages.
    Done,
    Stop(Stopped),
    /// Fetch the page of this token.
    Go(String),
}

/// After a page that handed out `token`, with `rows` rows held and the tokens `seen` before: the
/// end, a stop (a token handed out before would repeat pages for ever; `cap` rows are the most a
/// page holds), or the next page.
fn after_page(token: Option<&str>, seen: &[String], rows: usize, cap: usize) -> Next {
    match token {
        None => Next::Done,
        Some(t) if seen.iter().any(|s| s == t) => Next::Stop(Stopped::RepeatedToken),
        Some(_) if rows >= cap => Next::Stop(Stopped::Cap),
        Some(t) => Next::Go(t.to_owned()),
    }
}

/// Filters as they will be sent: param and the value typed.
pub type Filters = Vec<(&'static str, String)>;

#[derive(Clone, Copy)]
pub struct ListState {
    pub on: On,
    pub place: StoredValue<Place>,
    pub page_size: Signal<u32>,
    pub filters: Signal<Filters>,
    pub rows: RwSignal<Vec<Row>>,
    pub pager: RwSignal<Pager>,
    /// The page whose rows are on screen (the pager moves first; the rows follow when they arrive).
    pub shown_page: RwSignal<usize>,
    pub busy: RwSignal<Busy>,
    pub error: RwSignal<Option<ApiError>>,
    pub loaded: RwSignal<bool>,
    pub all_loaded: RwSignal<bool>,
    pub loaded_at: RwSignal<f64>,
    pub stopped: RwSignal<Option<Stopped>>,
    lists: ListCache,
    tasks: PageTasks,
    stop: StoredValue<bool>,
    resume: StoredValue<Option<String>>,
    generation: StoredValue<u64>,
}

/// Keeps the first row of each id (`seen` holds the ids so far): pages that overlap (an entity moved
/// between requests) show it once, and the table's rows keep distinct keys.
pub fn add_unique(rows: &mut Vec<Row>, seen: &mut HashSet<String>, more: Vec<Value>) {
    for v in more {
        let fresh = match v.get("id").and_then(Value::as_str) {
            Some(id) => seen.insert(id.to_owned()),
            None => true,
        };
        if fresh {
            rows.push(Row::new(v));
        }
    }
}

/// The ids of some rows.
fn ids_of(rows: &[Row]) -> HashSet<String> {
    rows.iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// The request for one page of `on` at `place` (`token`: where it starts). Multi-value filters go
/// as repeated keys, as the document says.
pub fn page_request(
    on: On,
    place: &Place,
    size: u32,
    filters: &Filters,
    token: Option<&str>,
) -> Result<ApiRequest, ApiError> {
    let path = paths::collection(on.r, &place.parents, &place.scope)
        .map_err(|e| ApiError::Address(e.0))?;
    let mut req = ApiRequest::get(path).query("pageSize", size.to_string());
    for (param, value) in filters.iter().map(|(p, v)| (*p, v.as_str())) {
        let many = on.r.filters.iter().any(|f| {
            f.param == param
                && matches!(
                    on.o.filter(param).and_then(|n| n.kind).unwrap_or(&f.kind),
                    FilterKind::Many
                )
        });
        if many {
            for v in value
                .split([',', ' ', '\n'])
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                req = req.query(param, v);
            }
        } else {
            req = req.query(param, value);
        }
    }
    req = req.asking(on.o.asks.list);
    if let Some(t) = token {
        req = req.query("nextToken", t);
    }
    Ok(req)
}

impl ListState {
    pub fn new(on: On, place: Place, page_size: Signal<u32>, filters: Signal<Filters>) -> Self {
        ListState {
            on,
            place: StoredValue::new(place),
            page_size,
            filters,
            rows: RwSignal::new(Vec::new()),
            pager: RwSignal::new(Pager::new()),
            shown_page: RwSignal::new(1),
            busy: RwSignal::new(Busy::Idle),
            error: RwSignal::new(None),
            loaded: RwSignal::new(false),
            all_loaded: RwSignal::new(false),
            loaded_at: RwSignal::new(0.0),
            stopped: RwSignal::new(None),
            lists: ctx().lists,
            tasks: PageTasks::here(),
            stop: StoredValue::new(false),
            resume: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// The key the list cache keeps this list under.
    pub fn cache_key(&self) -> String {
        let f: Vec<String> = self
            .filters
            .get()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let parent = self.place.with_value(|p| p.parent_id().map(str::to_owned));
        ListCache::key(
            self.on.r.key,
            parent.as_deref(),
            &format!("{}&{}", self.page_size.get(), f.join("&")),
        )
    }

    /// The request for one page.
    fn request(&self, size: u32, token: Option<&str>) -> Result<ApiRequest, ApiError> {
        let filters = self.filters.get_untracked();
        self.place
            .with_value(|p| page_request(self.on, p, size, &filters, token))
    }

    fn save(&self) {
        let key = self.cache_key_untracked();
        self.lists.put(
            key,
            CachedList {
                rows: self.rows.get_untracked(),
                pager: self.pager.get_untracked(),
                all_loaded: self.all_loaded.get_untracked(),
                loaded_at_ms: self.loaded_at.get_untracked(),
            },
        );
    }

    fn cache_key_untracked(&self) -> String {
        untrack(|| self.cache_key())
    }

    fn next_generation(&self) -> u64 {
        let g = self.generation.get_value() + 1;
        self.generation.set_value(g);
        g
    }

    /// Shows a cached list if there is one; otherwise loads the first page.
    pub fn start(&self) {
        let key = self.cache_key_untracked();
        match self.lists.get(&key) {
            Some(cached) => {
                self.rows.set(cached.rows);
                self.shown_page.set(cached.pager.page());
                self.pager.set(cached.pager);
                self.all_loaded.set(cached.all_loaded);
                self.loaded_at.set(cached.loaded_at_ms);
                self.loaded.set(true);
                self.error.set(None);
            }
            None => {
                self.rows.set(Vec::new());
                self.pager.set(Pager::new());
                self.loaded.set(false);
                self.all_loaded.set(false);
                self.fetch(None);
            }
        }
    }

    /// Loads one page (`token`: where it starts; `None` for the first).
    pub fn fetch(&self, token: Option<String>) {
        let s = *self;
        let req = match s.request(s.page_size.get_untracked(), token.as_deref()) {
            Ok(req) => req,
            Err(e) => {
                s.error.set(Some(e));
                return;
            }
        };
        let g = s.next_generation();
        s.busy.set(Busy::Page);
        s.error.set(None);
        let api = ctx().api;
        // A start's first page may be on its way already (`head_start`).
        let ahead = head_start::take(&req);
        s.tasks.spawn(async move {
            let answer = match ahead {
                Some(answer) => answer.await.ok(),
                None => None,
            };
            let answer = match answer {
                Some(answer) => answer,
                None => api.send(req).await,
            };
            let result = answer.and_then(|r| read_page(&r));
            if s.generation.try_get_value() != Some(g) {
                return; // A newer request superseded this one (or the page is gone).
            }
            match result {
                Ok(page) => {
                    let mut rows = Vec::new();
                    add_unique(&mut rows, &mut HashSet::new(), page.items);
                    s.rows.set(rows);
                    s.pager.update(|p| p.loaded(page.next_token.as_deref()));
                    s.shown_page.set(s.pager.with_untracked(Pager::page));
                    s.loaded.set(true);
                    s.all_loaded.set(false);
                    s.stopped.set(None);
                    s.loaded_at.set(now_ms());
                    s.save();
                }
                Err(e) => s.error.set(Some(e)),
            }
            s.busy.set(Busy::Idle);
        });
    }

    pub fn next(&self) {
        let mut p = self.pager.get_untracked();
        if let Some(token) = p.forward() {
            self.pager.set(p);
            self.fetch(Some(token));
        }
    }

    pub fn back(&self) {
        let mut p = self.pager.get_untracked();
        if let Some(token) = p.back() {
            self.pager.set(p);
            self.fetch(token);
        }
    }

    pub fn refresh(&self) {
        self.all_loaded.set(false);
        self.fetch(self.pager.get_untracked().current().map(str::to_owned));
    }

    /// Retries what failed: the page, here, or else says to load all again (`Some(continuing)`),
    /// which the list tools do (`tools.rs`: their code is not in a list start).
    pub fn retry(&self) -> Option<bool> {
        if self.all_loaded.get_untracked() || self.stopped.with_untracked(Option::is_some) {
            Some(self.stopped.with_untracked(Option::is_some))
        } else {
            self.fetch(self.pager.get_untracked().current().map(str::to_owned));
            None
        }
    }

    pub fn stop(&self) {
        self.stop.set_value(true);
    }

    /// Loads every page at the largest page size (`continuing`: from where it stopped). Called
    /// through the list tools only (`tools.rs`), so its code is not in a list start.
    pub(super) fn load_all_pages(&self, continuing: bool) {
        let s = *self;
        let g = s.next_generation();
        s.stop.set_value(false);
        s.stopped.set(None);
        s.error.set(None);
        let mut all = if continuing {
            s.rows.get_untracked()
        } else {
            Vec::new()
        };
        let mut ids = ids_of(&all);
        let mut token = if continuing {
            s.resume.get_value()
        } else {
            None
        };
        let max = s.on.r.page_size_max.max(1);
        s.busy.set(Busy::All(all.len()));
        let api = ctx().api;
        s.tasks.spawn(async move {
            let mut seen: Vec<String> = token.iter().cloned().collect();
            let mut why = None;
            loop {
                if s.stop.try_get_value() != Some(false) {
                    why = Some(Stopped::ByUser);
                    break;
                }
                let req = match s.request(max, token.as_deref()) {
                    Ok(req) => req,
                    Err(e) => {
                        s.error.set(Some(e));
                        why = Some(Stopped::ByUser);
                        break;
                    }
                };
                match api.send(req).await.and_then(|r| read_page(&r)) {
                    Ok(page) => {
                        if s.generation.try_get_value() != Some(g) {
                            return;
                        }
                        add_unique(&mut all, &mut ids, page.items);
                        s.busy.set(Busy::All(all.len()));
                        token = page.next_token;
                        match after_page(token.as_deref(), &seen, all.len(), ROW_CAP) {
                            Next::Done => break,
                            Next::Stop(w) => {
                                all.truncate(ROW_CAP);
                                why = Some(w);
                                break;
                            }
                            Next::Go(t) => seen.push(t),
                        }
                    }
                    Err(e) => {
                        s.error.try_set(Some(e));
                        why = Some(Stopped::ByUser);
                        break;
                    }
                }
            }
            if s.generation.try_get_value() != Some(g) {
                return;
            }
            let finished = why.is_none();
            s.resume.set_value(if why == Some(Stopped::ByUser) {
                token
            } else {
                None
            });
            s.stopped.set(why);
            s.rows.set(all);
            s.all_loaded.set(finished);
            s.loaded.set(true);
            s.loaded_at.set(now_ms());
            if finished {
                s.pager.set(Pager::new());
            }
            s.busy.set(Busy::Idle);
            s.save();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn load_all_stops_on_a_repeated_token_and_at_the_cap() {
        let seen = vec!["t1".to_owned(), "t2".to_owned()];
        assert_eq!(after_page(None, &seen, 10, 100), Next::Done);
        assert_eq!(
            after_page(Some("t1"), &seen, 10, 100),
            Next::Stop(Stopped::RepeatedToken)
        );
        assert_eq!(
            after_page(Some("t3"), &seen, 100, 100),
            Next::Stop(Stopped::Cap)
        );
        assert_eq!(
            after_page(Some("t3"), &seen, 99, 100),
            Next::Go("t3".into())
        );
        // The last page may pass the cap: nothing is left to stop.
        assert_eq!(after_page(None, &seen, 150, 100), Next::Done);
    }

    /// A list read carries what the overlay asks of lists, unless the user's filter sets it.
    #[test]
    fn a_list_read_asks_what_the_overlay_asks_and_the_user_wins() {
        let on = m3ter_models::catalogue::RESOURCES
            .iter()
            .filter(|r| r.parent_param.is_empty() && r.scope.is_empty())
            .filter_map(|r| On::of(r.key))
            .find(|on| !on.o.asks.list.is_empty())
            .expect("a top-level resource whose lists ask something");
        let place = Place {
            key: on.r.key,
            parents: Vec::new(),
            scope: Vec::new(),
        };
        let (param, value) = on.o.asks.list[0];
        let values = |filters: &Filters| -> Vec<String> {
            let req = page_request(on, &place, 10, filters, None).expect("a request");
            req.query
                .into_iter()
                .filter(|(k, _)| k == param)
                .map(|(_, v)| v)
                .collect()
        };
        assert_eq!(values(&Vec::new()), vec![value.to_owned()]);
        assert_eq!(values(&vec![(param, "mine".to_owned())]), vec!["mine"]);
    }

    #[test]
    fn overlapping_pages_keep_each_id_once() {
        let (mut rows, mut seen) = (Vec::new(), HashSet::new());
        add_unique(
            &mut rows,
            &mut seen,
            vec![json!({"id": "a"}), json!({"id": "b"})],
        );
        add_unique(
            &mut rows,
            &mut seen,
            vec![
                json!({"id": "b", "x": 1}),
                json!({"id": "c"}),
                json!({"no": "id"}),
            ],
        );
        let ids: Vec<_> = rows.iter().map(|r| r.get("id").cloned()).collect();
        assert_eq!(
            ids,
            vec![Some(json!("a")), Some(json!("b")), Some(json!("c")), None]
        );
    }
}
