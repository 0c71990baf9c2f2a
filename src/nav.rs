//! Finding a resource: the navigation grouped by area, a quick find that jumps to any resource by
//! typing part of its name (`/` focuses it from anywhere), and the overview on the home page. It
//! reads only the catalogue's index (keys, labels, areas), so the first load does not grow with
//! the resources' field tables.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use m3ter_models::catalogue::{Area, Entry, INDEX};

use crate::components::sort_key::fold_case;
use crate::config;
use crate::routes::{Place, Route};

/// The page a navigation entry opens: a settings object, or a list.
fn route_of(e: &'static Entry) -> Route {
    if e.singleton {
        Route::Settings(e.key)
    } else {
        Route::List(Place::top(e.key))
    }
}

fn in_area(area: Area) -> impl Iterator<Item = &'static Entry> {
    INDEX.iter().filter(move |e| e.area == area)
}

/// The resources whose name or area contains every word typed, best first (name starts with it).
pub fn find(query: &str) -> Vec<&'static Entry> {
    let words: Vec<String> = fold_case(query)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let first = words.first().map(String::as_str).unwrap_or_default();
    let (mut starts, mut rest) = (Vec::new(), Vec::new());
    for e in INDEX.iter() {
        let name = fold_case(e.plural);
        let hay = format!("{name} {} {}", fold_case(e.area.label()), e.key);
        if words.iter().all(|w| hay.contains(w.as_str())) {
            // Names that start with the first word first, each group in the navigation's order
            // (two lists rather than a sort: each sort is another copy of the sort code).
            if name.starts_with(first) {
                starts.push(e);
            } else {
                rest.push(e);
            }
        }
    }
    starts.extend(rest);
    starts
}

#[component]
pub fn Nav() -> impl IntoView {
    let groups = Area::ALL
        .iter()
        .map(|area| {
            let area = *area;
            let items = in_area(area)
                .map(|e| nav_item(route_of(e).href(), e.plural))
                .collect_view();
            view! {
                <li>
                    <details open>
                        <summary>{area.label()}</summary>
                        <ul>{items}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label="Resources">
            <QuickFind/>
            <ul class="areas">
                {groups}
                <li class="plain">{nav_item("/deleted".to_owned(), "Recently deleted")}</li>
            </ul>
        </nav>
    }
}

/// A navigation link, `aria-current="page"` while the page is this section or inside it.
fn nav_item(path: String, label: &'static str) -> impl IntoView {
    let location = use_location();
    let href = config::href(&path);
    let current = {
        let href = href.clone();
        move || {
            location.pathname.with(|p| {
                p.strip_prefix(href.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        }
    };
    view! { <li><a href=href aria-current=move || current().then_some("page")>{label}</a></li> }
}

/// A combobox that jumps to a resource: type, arrow to a suggestion, Enter.
#[component]
fn QuickFind() -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let open = RwSignal::new(false);
    let hits = Memo::new(move |_| text.with(|t| find(t)));
    let input = NodeRef::<leptos::html::Input>::new();
    // `/` anywhere but in a text field focuses the quick find.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = document().active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        });
        if let (false, Some(i)) = (typing, input.get_untracked()) {
            ev.prevent_default();
            let _ = i.focus();
        }
    });
    on_cleanup(move || keys.remove());
    let go = move |e: &'static Entry| {
        text.set(String::new());
        open.set(false);
        navigate(&route_of(e).href(), NavigateOptions::default());
    };
    let on_key = {
        let go = go.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let n = hits.with_untracked(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if n > 0 => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|a| *a = (*a + 1) % n);
                }
                "ArrowUp" if n > 0 => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|a| *a = (*a + n - 1) % n);
                }
                "Enter" => {
                    ev.prevent_default();
                    let pick = hits.with_untracked(|h| h.get(active.get_untracked()).copied());
                    if let Some(e) = pick {
                        go(e);
                    }
                }
                "Escape" => {
                    open.set(false);
                    text.set(String::new());
                }
                _ => {}
            }
        }
    };
    let expanded = move || open.get() && hits.with(|h| !h.is_empty());
    let options = move || {
        let go = go.clone();
        hits.get()
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let go = go.clone();
                let id = format!("quick-find-{}", e.key);
                view! {
                    <li id=id role="option" aria-selected=move || (active.get() == i).to_string()
                        on:mousedown=move |ev| { ev.prevent_default(); go(e); }>
                        {e.plural}<span class="hint">" · " {e.area.label()}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let active_id = move || {
        expanded()
            .then(|| hits.with(|h| h.get(active.get()).map(|e| format!("quick-find-{}", e.key))))
            .flatten()
    };
    view! {
        <div class="quick-find" role="search">
            <label for="quick-find">"Find a resource"</label>
            <input id="quick-find" node_ref=input type="text" role="combobox" autocomplete="off" spellcheck="false"
                placeholder="Type / to search"
                aria-controls="quick-find-list" aria-autocomplete="list"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=active_id
                prop:value=move || text.get()
                on:input=move |ev| { text.set(event_target_value(&ev)); active.set(0); open.set(true); }
                on:blur=move |_| open.set(false)
                on:keydown=on_key/>
            <ul id="quick-find-list" role="listbox" aria-label="Resources found" hidden=move || !expanded()>
                {options}
            </ul>
        </div>
    }
}

/// The home page: every resource, by area.
#[component]
pub fn Overview() -> impl IntoView {
    let areas = Area::ALL
        .iter()
        .map(|area| {
            let id = format!("area-{area:?}");
            let links = in_area(*area)
                .map(|e| {
                    let href = config::href(&route_of(e).href());
                    view! { <li><a href=href>{e.plural}</a></li> }
                })
                .collect_view();
            let labelled_by = id.clone();
            view! {
                <section class="area" aria-labelledby=labelled_by>
                    <h2 id=id>{area.label()}</h2>
                    <ul>{links}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>"m3ter resources"</h1>
        <p class="hint">{format!("{} resources of the m3ter API, by area. Type / to find one by name.", INDEX.len())}</p>
        <div class="overview">{areas}</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_find_matches_words_in_names_and_areas() {
        let keys = |q: &str| find(q).iter().map(|e| e.key).collect::<Vec<_>>();
        assert!(keys("").is_empty());
        assert_eq!(keys("meters").first(), Some(&"meters"));
        assert!(keys("line").contains(&"line-items"));
        assert!(keys("billing line").contains(&"line-items"));
        assert!(keys("zzzz").is_empty());
        let settings = keys("settings");
        assert!(settings.contains(&"bill-configuration"), "{settings:?}");
    }
}
