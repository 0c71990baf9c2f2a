//! Every resource of the catalogue, as a user reaches it: open it from the navigation (a nested one
//! from its parent's page), see rows, open the first; where m3ter allows, edit and save it, delete
//! it, and create it again from the deleted body. Every settings page loads and saves.

use m3ter_models::catalogue::{Area, Entry, INDEX};
use m3ter_models::resource;
use serde_json::json;

use crate::support::Env;

/// The noun on a resource's buttons.
fn noun(e: &Entry) -> String {
    let o = m3ter_models::resources::overlay(e.key);
    if o.noun.is_empty() {
        e.singular.to_ascii_lowercase()
    } else {
        o.noun.to_owned()
    }
}

/// Clicks the first row of the table whose caption starts with `plural`; the row's id.
async fn open_first_row(env: &Env, plural: &str) -> String {
    let caption = format!("{plural}: ");
    env.wait_rows(&caption).await;
    env.assert_fits_width(plural).await;
    let script = "const want = arguments[0];
        for (const t of document.querySelectorAll('table')) {
            const c = t.querySelector('caption');
            if (!c || !c.textContent.replace(/\\s+/g, ' ').startsWith(want)) continue;
            const a = t.tBodies[0] && t.tBodies[0].querySelector('tr:not(.spacer) th a');
            if (!a) return null;
            const id = decodeURIComponent(new URL(a.href).pathname.split('/').pop());
            a.click();
            return id;
        }
        return null;";
    let id = env
        .client
        .execute(script, vec![json!(caption)])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no row to open in {plural}"));
    env.see(&id).await;
    id
}

/// The resources from the top of `e`'s parent chain down to `e`.
fn chain(e: &'static Entry) -> Vec<&'static Entry> {
    let mut out = vec![e];
    let mut cur = e;
    while let Some(p) = cur.parent.and_then(m3ter_models::entry) {
        out.insert(0, p);
        cur = p;
    }
    out
}

/// Opens an entity of `e` as a user would: the top of its chain from the navigation, then the
/// first row of each list down to it. The entity's id.
async fn open_entity(env: &Env, e: &'static Entry) -> String {
    let path = chain(e);
    let mut id = String::new();
    for (i, step) in path.iter().enumerate() {
        if i == 0 {
            env.click_link(step.plural).await;
            // A resource listed within a scope (resource groups by type) asks for it first.
            let scope = resource(step.key).map_or(&[][..], |r| r.scope);
            if !scope.is_empty() {
                // The page is named before its list is shown (its code came on demand).
                env.wait_heading(step.plural).await;
            }
            for p in scope {
                env.fill(&m3ter_models::catalogue::label::field(p), "ACCOUNT")
                    .await;
            }
            if !scope.is_empty() {
                env.click_button(&format!("Show {}", step.plural.to_ascii_lowercase()))
                    .await;
            }
        }
        id = open_first_row(env, step.plural).await;
    }
    id
}

async fn walk(env: &Env, e: &'static Entry) {
    let r = resource(e.key).expect("resource");
    let noun = noun(e);
    if e.singleton {
        env.click_link(e.plural).await;
        env.wait_heading(e.plural).await;
        if r.ops.update {
            env.click_link("Edit").await;
            env.click_button("Save changes").await;
            env.see(&format!("{} saved", e.singular)).await;
        }
        env.assert_no_crash(e.key).await;
        return;
    }
    let id = open_entity(env, e).await;
    env.assert_fits_width(e.key).await;
    if !r.ops.retrieve {
        // Only listed: the row is shown as the list gave it, and nothing asks m3ter for it again.
        env.see("As listed: m3ter has no request that reads one")
            .await;
        let asked = env
            .requests()
            .iter()
            .any(|q| q["method"] == "GET" && q["path"].as_str().is_some_and(|p| p.ends_with(&id)));
        assert!(!asked, "{}: no request reads one", e.key);
    }
    if r.ops.update {
        let before = env.stored(e.key, &id).expect("stored")["version"].as_i64();
        env.click_link("Edit").await;
        env.click_button("Save changes").await;
        env.see(&format!("{} saved", e.singular)).await;
        let after = env.stored(e.key, &id).expect("stored")["version"].as_i64();
        assert_eq!(after, before.map(|v| v + 1), "{}: the edit is saved", e.key);
    }
    if r.ops.delete {
        env.click_button("Delete").await;
        env.click_dialog_button(&format!("Delete {noun}")).await;
        env.see("Deleted.").await;
        assert!(env.stored(e.key, &id).is_none(), "{}: deleted", e.key);
        if r.ops.create {
            env.click_link("Re-create").await;
            env.button(&format!("Create {noun}")).await;
            env.assert_controls_usable(e.key).await;
            env.click_button(&format!("Create {noun}")).await;
            env.see(&format!("{} saved (version 1)", e.singular)).await;
        }
    }
    env.assert_no_crash(e.key).await;
}

async fn walk_areas(areas: &[Area]) {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    // Deepest first: a walk deletes and re-creates the first row, which would leave the newest
    // parent without children for the walks below it.
    let mut entries: Vec<&'static Entry> = INDEX
        .iter()
        .filter(|e| areas.contains(&e.area) && (e.listed || e.singleton))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(chain(e).len()));
    for e in entries {
        walk(&env, e).await;
    }
    env.finish().await;
}

#[tokio::test]
async fn every_resource_of_customers_products_and_usage() {
    walk_areas(&[Area::Customers, Area::ProductsPricing, Area::Usage]).await;
}

#[tokio::test]
async fn every_resource_of_billing_and_balances() {
    walk_areas(&[Area::Billing, Area::Balances]).await;
}

#[tokio::test]
async fn every_resource_of_exports_events_integrations_and_lookup_tables() {
    walk_areas(&[
        Area::DataExport,
        Area::Events,
        Area::Integrations,
        Area::LookupTables,
    ])
    .await;
}

#[tokio::test]
async fn every_resource_of_access_and_every_settings_page() {
    walk_areas(&[Area::Access, Area::Settings]).await;
}
