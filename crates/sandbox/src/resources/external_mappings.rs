//! External mappings looked up from either side: by the external system's id, or by the m3ter
//! entity. The demo maps accounts, bills and products to the systems its integrations send them
//! to.

use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::error::ApiResult;
use crate::paging;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "external-mappings",
    actions: &[
        ("for-external-id", for_external_id),
        ("for-entity", for_entity),
    ],
    seed: Some(seed),
    seeds_after: &["accounts", "bills", "products", "integration-configs"],
    ..Behaviour::NONE
};

/// What the demo maps: the m3ter resource and entity name, the external system, its table, and
/// how that system's ids start.
const MAPPED: &[(&str, &str, &str, &str, &str)] = &[
    ("accounts", "Account", "Netsuite", "Customer", "CUST-"),
    ("bills", "Bill", "Xero", "Invoice", "INV-"),
    ("products", "Product", "Stripe", "Product", "prod_"),
];

fn seed(s: &mut Seeder) {
    for (key, entity, system, table, prefix) in MAPPED {
        // The integration that sends this entity to this system, when the demo has one.
        let config = s.store.collection("integration-configs").and_then(|c| {
            c.entries()
                .find(|(_, e)| {
                    text(&e.value, "destination") == Some(system)
                        && text(&e.value, "entityType") == Some(entity)
                })
                .map(|(id, _)| id.to_owned())
        });
        let ids: Vec<String> = s.ids(key).iter().take(2 + s.scale).cloned().collect();
        for id in ids {
            let external = format!("{prefix}{:08X}", s.random() & 0xFFFF_FFFF);
            let mut body = json!({
                "m3terEntity": entity, "m3terId": id, "externalSystem": system,
                "externalTable": table, "externalId": external,
            });
            if let Some(config) = &config {
                body["integrationConfigId"] = json!(config);
            }
            let created = s.tick(41);
            s.add(KEY, "", body, created, created);
        }
    }
}

const KEY: &str = "external-mappings";
const PAGE_MAX: usize = 200;

fn matching(call: &Call<'_>, pairs: &[(&str, &str)]) -> ApiResult<Value> {
    let found = call
        .store
        .collection(KEY)
        .map(|c| {
            c.page(None, usize::MAX, |s| {
                pairs
                    .iter()
                    .all(|(field, want)| text(&s.value, field) == Some(want))
            })
            .0
        })
        .unwrap_or_default();
    paging::of_items(found, call.query, PAGE_MAX)
}

fn for_external_id(call: &mut Call<'_>) -> ApiResult<Value> {
    let pairs = [
        ("externalSystem", call.param("system")),
        ("externalTable", call.param("externalTable")),
        ("externalId", call.param("externalId")),
    ];
    matching(call, &pairs)
}

fn for_entity(call: &mut Call<'_>) -> ApiResult<Value> {
    let pairs = [
        ("m3terEntity", call.param("entity")),
        ("m3terId", call.param("m3terId")),
    ];
    matching(call, &pairs)
}
