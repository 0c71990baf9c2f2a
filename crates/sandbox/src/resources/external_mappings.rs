//! External mappings looked up from either side: by the external system's id, or by the m3ter
//! entity.

use serde_json::Value;

use crate::behaviour::{text, Behaviour, Call};
use crate::error::ApiResult;
use crate::paging;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "external-mappings",
    actions: &[
        ("for-external-id", for_external_id),
        ("for-entity", for_entity),
    ],
    ..Behaviour::NONE
};

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
