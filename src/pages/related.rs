//! What an entity's page offers beyond its fields: the lists of the resources that live under it
//! (a balance's transaction schedules), and a link to every list whose filter takes its id (an
//! account's balances, a product's meters), derived from the catalogue.

use leptos::prelude::*;
use m3ter_models::catalogue::{self, Action, Match, On as ActionOn};
use m3ter_models::INDEX;

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
            let listed =
                |out: &Vec<(On, &'static str)>| out.iter().any(|(o, _)| o.r.key == other.r.key);
            // A filter that takes any entity's id (events about it), for entities at the top.
            if note.is_some_and(|n| n.of_any_entity) {
                if on.entry.parent.is_none() && !listed(&out) {
                    out.push((other, f.param));
                }
                continue;
            }
            let matches = note.and_then(|n| n.matches).unwrap_or(&f.matches);
            // Only a filter known to take the id: the overlay's link, or an equality on a field.
            let takes_id = note.is_some_and(|n| n.link.is_some())
                || matches!(matches, Match::Equals(_) | Match::Contains(_));
            if !takes_id {
                continue;
            }
            let to = other.param_link(f.param, Some(matches));
            // Not a filter the API refuses on its own (account plans by product need an account).
            let alone = |k: &str| (k == f.param).then(|| on.r.key.to_owned());
            if other
                .o
                .filter_rules
                .is_some_and(|rules| !rules(&alone).is_empty())
            {
                continue;
            }
            if to == Some(on.r.key) && !listed(&out) {
                out.push((other, f.param));
            }
        }
    }
    out
}

/// Actions of other resources that answer about this entity: a path of their own whose one
/// parameter is this entity's id (an account's bills, its latest bill). The parameter is known to
/// name this resource when the other resource's field of that name links here.
pub fn entity_actions(on: On) -> Vec<(On, &'static Action, &'static str)> {
    let mut out = Vec::new();
    for e in INDEX.iter().filter(|e| e.key != on.r.key) {
        let Some(other) = On::of(e.key) else { continue };
        for a in other.r.actions.iter().filter(|a| a.on == ActionOn::Root) {
            let params: Vec<&'static str> = a
                .path
                .split('/')
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .collect();
            let [param] = params.as_slice() else { continue };
            if other.field_link(param) == Some(on.r.key)
                && a.body.is_empty()
                && !other.o.changes_state(a)
            {
                out.push((other, a, *param));
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
        .chain(entity_actions(on).into_iter().map(|(other, a, param)| {
            let href = Route::Action {
                place: Place::top(other.r.key),
                id: None,
                action: a.key.to_owned(),
            }
            .with_query(&[(param.to_owned(), id.to_owned())]);
            let text = other.action_label(a);
            view! { <li><Link href=href>{text}</Link></li> }
        }))
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
        // Events name no account, nor aggregations a product; the overlay says their filters take
        // one.
        assert!(keys("accounts").contains(&"events"));
        assert!(keys("products").contains(&"aggregations"));
        // Events about any entity at the top; an account's by the account filter, once.
        assert!(keys("meters").contains(&"events"));
        let of_account: Vec<&str> = filtered_lists(On::of("accounts").expect("accounts"))
            .iter()
            .filter(|(o, _)| o.r.key == "events")
            .map(|(_, p)| *p)
            .collect();
        assert_eq!(of_account, ["accountId"]);
        // m3ter lists account plans by product only within an account: no link that would fail.
        assert!(!keys("products").contains(&"account-plans"));
        assert!(keys("accounts").contains(&"account-plans"));
    }

    #[test]
    fn an_account_offers_its_bills_through_the_bills_actions() {
        let found: Vec<(&str, &str)> = entity_actions(On::of("accounts").expect("resource"))
            .iter()
            .map(|(o, a, _)| (o.r.key, a.key))
            .collect();
        assert!(found.contains(&("bills", "for-account")), "{found:?}");
        assert!(found.contains(&("bills", "latest")), "{found:?}");
    }
}
