//! Which page a URL path names, and the component that shows it.
//!
//! The paths are few and regular (`/:resource`, `/:resource/:id`, …), so they are matched here by
//! splitting the path, inside leptos_router's `<Router>` (which still owns history, links and the
//! query string). The router's typed `<Routes>` tree cost about 35 kB of gzipped wasm for the same
//! eleven routes.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use crate::resources::form_page::Mode;
use crate::resources::NotFound;
use crate::split::{self, Shown};

/// A page of the console, with the parts of its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/`: goes on to the meters list.
    Home,
    /// `/deleted`
    DeletedList,
    /// `/deleted/:n`
    Deleted(String),
    /// `/:resource`
    List(String),
    /// `/:resource/:id`
    Detail {
        resource: String,
        id: String,
    },
    /// `/:resource/new`, `/:resource/batch`, `/:resource/:id/edit`
    Form {
        mode: Mode,
        resource: String,
        id: Option<String>,
    },
    /// `/balances/:balanceId/transaction-schedules/new` and `…/:id/edit`
    NestedForm {
        mode: Mode,
        balance: String,
        id: Option<String>,
    },
    /// `/balances/:balanceId/transaction-schedules/:id`
    NestedDetail {
        balance: String,
        id: String,
    },
    NotFound,
}

/// A path segment as the app uses it: percent-decoded (as the router's params were), or as it came
/// when it is not valid percent-encoded UTF-8.
fn decode_segment(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let pair = bytes
                .get(i + 1)
                .copied()
                .and_then(hex)
                .zip(bytes.get(i + 2).copied().and_then(hex));
            let Some((h, l)) = pair else {
                return s.to_owned();
            };
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The page for `path` (without the console's base, still percent-encoded). Empty segments (`//`, a
/// trailing `/`) are ignored, as the router did. Segments are split before decoding, so an id with
/// an encoded `/` stays one segment.
pub fn page_of(path: &str) -> Page {
    let s: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let own = |s: &str| decode_segment(s);
    match s.as_slice() {
        [] => Page::Home,
        ["deleted"] => Page::DeletedList,
        ["deleted", n] => Page::Deleted(own(n)),
        ["balances", b, "transaction-schedules", "new"] => Page::NestedForm {
            mode: Mode::Create,
            balance: own(b),
            id: None,
        },
        ["balances", b, "transaction-schedules", id, "edit"] => Page::NestedForm {
            mode: Mode::Edit,
            balance: own(b),
            id: Some(own(id)),
        },
        ["balances", b, "transaction-schedules", id] => Page::NestedDetail {
            balance: own(b),
            id: own(id),
        },
        [r] => Page::List(own(r)),
        [r, "new"] => Page::Form {
            mode: Mode::Create,
            resource: own(r),
            id: None,
        },
        [r, "batch"] => Page::Form {
            mode: Mode::Batch,
            resource: own(r),
            id: None,
        },
        [r, id, "edit"] => Page::Form {
            mode: Mode::Edit,
            resource: own(r),
            id: Some(own(id)),
        },
        [r, id] => Page::Detail {
            resource: own(r),
            id: own(id),
        },
        _ => Page::NotFound,
    }
}

/// The current page. Rebuilt only when the path changes, not the query string (list filters).
#[component]
pub fn Pages() -> impl IntoView {
    let location = use_location();
    let base = crate::config::router_base();
    // The router puts a link's URL in the address bar only when told the new page is ready
    // (`<Routes>` did this); the page is built synchronously, so as soon as the path changes.
    let browser = use_context::<BrowserUrl>();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(b) = &browser {
            b.ready_to_complete();
        }
    });
    let page = Memo::new(move |_| {
        location.pathname.with(|p| {
            let p = p.strip_prefix(base.as_str()).unwrap_or(p);
            page_of(p)
        })
    });
    move || match page.get() {
        Page::Home => view! { <Redirect path="/meters"/> }.into_any(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
        // The pages' code is loaded on demand (`split.rs`).
        Page::List(resource) => split::list(resource),
        Page::DeletedList => split::detail(|| Shown::DeletedList),
        Page::Deleted(n) => split::detail(move || Shown::Deleted(n.clone())),
        Page::Detail { resource, id } => split::detail(move || Shown::Detail {
            resource: resource.clone(),
            id: id.clone(),
        }),
        Page::NestedDetail { balance, id } => split::detail(move || Shown::NestedDetail {
            balance: balance.clone(),
            id: id.clone(),
        }),
        Page::Form { mode, resource, id } => split::form(mode, resource, id, None),
        Page::NestedForm { mode, balance, id } => {
            split::form(mode, "transaction-schedules".to_owned(), id, Some(balance))
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
    fn every_path_names_its_page() {
        let cases = [
            ("/", Page::Home),
            ("", Page::Home),
            ("/deleted", Page::DeletedList),
            ("/deleted/3", Page::Deleted(s("3"))),
            ("/meters", Page::List(s("meters"))),
            ("/meters/", Page::List(s("meters"))),
            (
                "/meters/new",
                Page::Form {
                    mode: Mode::Create,
                    resource: s("meters"),
                    id: None,
                },
            ),
            (
                "/statement-jobs/batch",
                Page::Form {
                    mode: Mode::Batch,
                    resource: s("statement-jobs"),
                    id: None,
                },
            ),
            (
                "/meters/m-1/edit",
                Page::Form {
                    mode: Mode::Edit,
                    resource: s("meters"),
                    id: Some(s("m-1")),
                },
            ),
            (
                "/meters/m-1",
                Page::Detail {
                    resource: s("meters"),
                    id: s("m-1"),
                },
            ),
            (
                "/balances/b-1/transaction-schedules/new",
                Page::NestedForm {
                    mode: Mode::Create,
                    balance: s("b-1"),
                    id: None,
                },
            ),
            (
                "/balances/b-1/transaction-schedules/t-1/edit",
                Page::NestedForm {
                    mode: Mode::Edit,
                    balance: s("b-1"),
                    id: Some(s("t-1")),
                },
            ),
            (
                "/balances/b-1/transaction-schedules/t-1",
                Page::NestedDetail {
                    balance: s("b-1"),
                    id: s("t-1"),
                },
            ),
            // A balance's detail page is an ordinary detail page.
            (
                "/balances/b-1",
                Page::Detail {
                    resource: s("balances"),
                    id: s("b-1"),
                },
            ),
            // Ids are decoded once, after splitting.
            (
                "/meters/a%20b%2Fc%C3%A9",
                Page::Detail {
                    resource: s("meters"),
                    id: s("a b/cé"),
                },
            ),
            (
                "/meters/100%25",
                Page::Detail {
                    resource: s("meters"),
                    id: s("100%"),
                },
            ),
            // Not valid percent-encoding: kept as it came.
            (
                "/meters/100%",
                Page::Detail {
                    resource: s("meters"),
                    id: s("100%"),
                },
            ),
            (
                "/meters/%FF",
                Page::Detail {
                    resource: s("meters"),
                    id: s("%FF"),
                },
            ),
            ("/balances/b-1/transaction-schedules", Page::NotFound),
            ("/meters/m-1/edit/more", Page::NotFound),
            ("/a/b/c/d/e/f", Page::NotFound),
        ];
        for (path, page) in cases {
            assert_eq!(page_of(path), page, "{path}");
        }
    }
}
