//! What an entity's page offers beyond its fields: the lists of the resources that live under it
//! (a balance's transaction schedules), and a link to every list whose filter takes its id (an
//! account's balances, a product's meters), derived from the catalogue.

use leptos::prelude::*;
use m3ter_models::catalogue::{self, Match};
use m3ter_models::{overlay, INDEX};

use super::list::ListView;
use super::On;
use crate::components::ui::Link;
use crate::routes::{Place, Route};

/// A list of another resource filtered by this entity's id: the resource and the filter parameter.
pub fn filtered_lists(on: On) -> Vec<(On, &'static str)> {
    let mut out: Vec<(On, &'static str)> = Vec::new();
    for e in INDEX
        .iter()
        .filter(|e| e.listed && e.parent.is_none() && e.key != on.r.key)
    {
        let Some(other) = On::of(e.key) else { continue };
        for f in other.r.filters {
            let note = other.o.filter(f.param);
            let field = match note.and_then(|n| n.matches).unwrap_or(&f.matches) {
                Match::Equals(field) | Match::Contains(field) => *field,
                _ => continue,
            };
            let links_here = other
                .r
                .field(field)
                .and_then(|fd| overlay::link(other.o, field, fd))
                == Some(on.r.key);
            if links_here && !out.iter().any(|(o, _)| o.r.key == other.r.key) {
                out.push((other, f.param));
            }
        }
    }
    out
}

pub fn related(on: On, place: &Place, id: &str) -> AnyView {
    let children = catalogue::children(on.r.key)
        .filter(|e| e.listed)
        .filter_map(|e| On::of(e.key))
        .map(|child| {
            let place = place.child(id, child.r.key);
            view! { <ListView on=child place=place embedded=true/> }
        })
        .collect_view();
    let links: Vec<_> = filtered_lists(on)
        .into_iter()
        .map(|(other, param)| {
            let href = Route::List(Place::top(other.r.key))
                .with_query(&[(param.to_owned(), id.to_owned())]);
            let text = format!("{} of this {}", other.entry.plural, on.noun());
            view! { <li><Link href=href>{text}</Link></li> }
        })
        .collect();
    let has_links = !links.is_empty();
    view! {
        {children}
        {has_links.then(|| view! {
            <section class="detail-section" aria-labelledby="sec-related">
                <h2 id="sec-related">"Related lists"</h2>
                <ul class="related">{links}</ul>
            </section>
        })}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_offers_its_balances_and_a_product_its_meters() {
        let keys = |k: &str| -> Vec<&str> {
            filtered_lists(On::of(k).expect("resource"))
                .iter()
                .map(|(o, _)| o.r.key)
                .collect()
        };
        assert!(
            keys("accounts").contains(&"balances"),
            "{:?}",
            keys("accounts")
        );
        assert!(
            keys("products").contains(&"meters"),
            "{:?}",
            keys("products")
        );
    }
}
