//! The console's one route grammar, both ways: which page a path names ([`Route::parse`]) and the
//! path of a page ([`Route::href`]). No other file assembles a console path.
//!
//! Paths follow the catalogue's parent chain at any depth: `/meters`, `/meters/{id}`,
//! `/meters/{id}/edit`, `/meters/new`, `/bills/{billId}/line-items/{id}`,
//! `/lookup-tables/{id}/lookup-table-revisions/{revisionId}/lookup-table-data`, a settings object at
//! `/bill-configuration`, an action's form at `/bills/actions/approve` or
//! `/bills/{id}/actions/status`. It reads only the catalogue's small index (keys and parents), so it
//! stays in the first load without the field tables. (`app::Pages` shows the page a path names.)

use m3ter_models::catalogue::{entry, Entry};

/// Where a page sits: a resource, the parents it lives under (outermost first), and the values of
/// its scope parameters (`type` of resource groups), which the path keeps in its query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub key: &'static str,
    pub parents: Vec<(&'static str, String)>,
    pub scope: Vec<(String, String)>,
}

impl Place {
    pub fn top(key: &'static str) -> Place {
        Place::under(key, Vec::new())
    }

    /// The same resource under one more parent.
    pub fn under(key: &'static str, parents: Vec<(&'static str, String)>) -> Place {
        Place {
            key,
            parents,
            scope: Vec::new(),
        }
    }

    /// The same place with scope values.
    pub fn scoped(mut self, scope: Vec<(String, String)>) -> Place {
        self.scope = scope;
        self
    }

    /// The place of a child resource of the entity `id` of this one.
    pub fn child(&self, id: &str, child: &'static str) -> Place {
        let mut parents = self.parents.clone();
        parents.push((self.key, id.to_owned()));
        Place::under(child, parents)
    }

    /// The innermost parent's id.
    pub fn parent_id(&self) -> Option<&str> {
        self.parents.last().map(|(_, id)| id.as_str())
    }
}

/// A page of the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: every resource by area.
    Home,
    /// `/deleted`
    DeletedList,
    /// `/deleted/{n}`
    Deleted(String),
    List(Place),
    Detail(Place, String),
    New(Place),
    Edit(Place, String),
    /// An action's page: a collection action (`id: None`) or an item action.
    Action {
        place: Place,
        id: Option<String>,
        action: String,
    },
    /// A settings object (`/bill-configuration`) and its edit form.
    Settings(&'static str),
    SettingsEdit(&'static str),
    NotFound,
}

use crate::percent::decode as decode_segment;
pub use crate::percent::encode;

/// Words after a resource that are not ids.
const NEW: &str = "new";
const EDIT: &str = "edit";
const ACTIONS: &str = "actions";

impl Route {
    /// The page for `path` (without the console's base, still percent-encoded). Empty segments
    /// (`//`, a trailing `/`) are ignored. Segments are split before decoding, so an id with an
    /// encoded `/` stays one segment.
    pub fn parse(path: &str) -> Route {
        let segs: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode_segment)
            .collect();
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        match segs.as_slice() {
            [] => Route::Home,
            ["deleted"] => Route::DeletedList,
            ["deleted", n] => Route::Deleted((*n).to_owned()),
            _ => Self::resource_route(&segs).unwrap_or(Route::NotFound),
        }
    }

    fn resource_route(segs: &[&str]) -> Option<Route> {
        let mut parents: Vec<(&'static str, String)> = Vec::new();
        let mut rest = segs;
        loop {
            let (key, after) = rest.split_first()?;
            let e: &'static Entry = entry(key)?;
            // A nested resource lives under its parent; at the top it is only listed (the list page
            // asks for the parent).
            match (parents.last(), e.parent) {
                (Some((pk, _)), Some(parent)) if *pk == parent => {}
                (None, _) => {}
                _ => return None,
            }
            let top = parents.is_empty();
            let place = Place::under(e.key, std::mem::take(&mut parents));
            let nested_only = top && e.parent.is_some();
            return Some(match after {
                [] if e.singleton => Route::Settings(e.key),
                [] => Route::List(place),
                [EDIT] if e.singleton => Route::SettingsEdit(e.key),
                // An action on the root needs no parent (line items of all bills): the action's
                // page knows which actions those are.
                [ACTIONS, action] if !e.singleton => Route::Action {
                    place,
                    id: None,
                    action: (*action).to_owned(),
                },
                _ if nested_only || e.singleton => return None,
                [NEW] => Route::New(place),
                [id] => Route::Detail(place, (*id).to_owned()),
                [id, EDIT] => Route::Edit(place, (*id).to_owned()),
                [id, ACTIONS, action] => Route::Action {
                    place,
                    id: Some((*id).to_owned()),
                    action: (*action).to_owned(),
                },
                [id, child, ..] => {
                    let child_entry = entry(child)?;
                    if child_entry.parent != Some(e.key) {
                        return None;
                    }
                    parents = place.parents;
                    parents.push((e.key, (*id).to_owned()));
                    rest = &after[1..];
                    continue;
                }
            });
        }
    }

    /// The path of this page (without the console's base), every id percent-encoded, with the
    /// place's scope in the query string.
    pub fn href(&self) -> String {
        let path = self.path();
        let scope = match self {
            Route::List(p) | Route::Detail(p, _) | Route::New(p) | Route::Edit(p, _) => &p.scope,
            Route::Action { place, .. } => &place.scope,
            _ => return path,
        };
        let parts: Vec<String> = scope
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        if parts.is_empty() {
            path
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    }

    /// The path alone.
    fn path(&self) -> String {
        fn place_path(p: &Place) -> String {
            let mut out = String::new();
            for (key, id) in &p.parents {
                out.push('/');
                out.push_str(key);
                out.push('/');
                out.push_str(&encode(id));
            }
            out.push('/');
            out.push_str(p.key);
            out
        }
        match self {
            Route::Home => "/".to_owned(),
            Route::DeletedList => "/deleted".to_owned(),
            Route::Deleted(n) => format!("/deleted/{}", encode(n)),
            Route::List(p) => place_path(p),
            Route::Detail(p, id) => format!("{}/{}", place_path(p), encode(id)),
            Route::New(p) => format!("{}/{NEW}", place_path(p)),
            Route::Edit(p, id) => format!("{}/{}/{EDIT}", place_path(p), encode(id)),
            Route::Action {
                place,
                id: None,
                action,
            } => format!("{}/{ACTIONS}/{}", place_path(place), encode(action)),
            Route::Action {
                place,
                id: Some(id),
                action,
            } => format!(
                "{}/{}/{ACTIONS}/{}",
                place_path(place),
                encode(id),
                encode(action)
            ),
            Route::Settings(key) => format!("/{key}"),
            Route::SettingsEdit(key) => format!("/{key}/{EDIT}"),
            Route::NotFound => "/".to_owned(),
        }
    }

    /// A list's path with query parameters (filters, page size; the scope comes with them), keys
    /// and values encoded.
    pub fn with_query(&self, query: &[(String, String)]) -> String {
        let parts: Vec<String> = query
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        if parts.is_empty() {
            self.path()
        } else {
            format!("{}?{}", self.path(), parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_owned()
    }

    #[test]
    fn every_path_names_its_page_and_back() {
        let meters = || Place::top("meters");
        let cases = [
            ("/", Route::Home),
            ("/deleted", Route::DeletedList),
            ("/deleted/3", Route::Deleted(s("3"))),
            ("/meters", Route::List(meters())),
            ("/meters/new", Route::New(meters())),
            ("/meters/m-1/edit", Route::Edit(meters(), s("m-1"))),
            ("/meters/m-1", Route::Detail(meters(), s("m-1"))),
            (
                "/statement-jobs/actions/batch",
                Route::Action {
                    place: Place::top("statement-jobs"),
                    id: None,
                    action: s("batch"),
                },
            ),
            (
                "/bills/b-1/actions/status",
                Route::Action {
                    place: Place::top("bills"),
                    id: Some(s("b-1")),
                    action: s("status"),
                },
            ),
            (
                "/balances/b-1/transaction-schedules/new",
                Route::New(Place::top("balances").child("b-1", "transaction-schedules")),
            ),
            (
                "/balances/b-1/transaction-schedules/t-1/edit",
                Route::Edit(
                    Place::top("balances").child("b-1", "transaction-schedules"),
                    s("t-1"),
                ),
            ),
            (
                "/bills/b-1/line-items/l-1",
                Route::Detail(Place::top("bills").child("b-1", "line-items"), s("l-1")),
            ),
            (
                "/lookup-tables/t/lookup-table-revisions/r/lookup-table-data",
                Route::List(
                    Place::top("lookup-tables")
                        .child("t", "lookup-table-revisions")
                        .child("r", "lookup-table-data"),
                ),
            ),
            (
                "/transaction-schedules",
                Route::List(Place::top("transaction-schedules")),
            ),
            (
                "/line-items/actions/all-bills",
                Route::Action {
                    place: Place::top("line-items"),
                    id: None,
                    action: s("all-bills"),
                },
            ),
            ("/bill-configuration", Route::Settings("bill-configuration")),
            (
                "/bill-configuration/edit",
                Route::SettingsEdit("bill-configuration"),
            ),
            (
                "/meters/a%20b%2Fc%C3%A9",
                Route::Detail(meters(), s("a b/cé")),
            ),
            ("/meters/100%25", Route::Detail(meters(), s("100%"))),
        ];
        for (path, route) in cases {
            assert_eq!(Route::parse(path), route, "{path}");
            assert_eq!(
                Route::parse(&route.href()),
                route,
                "{path} → {}",
                route.href()
            );
        }
    }

    #[test]
    fn what_is_not_a_page() {
        for path in [
            "/nothing",
            "/meters/m-1/edit/more",
            "/a/b/c/d/e/f",
            "/transaction-schedules/t-1",
            "/meters/m-1/transaction-schedules",
            "/balances/b-1/line-items/x",
            "/bill-configuration/x",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
        // Not valid percent-encoding: kept as it came.
        assert_eq!(
            Route::parse("/meters/100%"),
            Route::Detail(Place::top("meters"), s("100%"))
        );
        assert_eq!(
            Route::parse("/meters/%FF"),
            Route::Detail(Place::top("meters"), s("%FF"))
        );
    }

    #[test]
    fn ids_are_encoded_so_they_stay_one_segment() {
        let r = Route::Detail(Place::top("meters"), s("../x/y?z#w"));
        assert_eq!(r.href(), "/meters/..%2Fx%2Fy%3Fz%23w");
        assert_eq!(Route::parse(&r.href()), r);
    }
}
