//! Aggregations: the `productId` filter keeps those whose meter belongs to one of the products.

use serde_json::Value;

use crate::behaviour::{text, Behaviour};
use crate::error::ApiResult;
use crate::query::Keep;
use crate::store::Store;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "aggregations",
    filter: Some(filter),
    ..Behaviour::NONE
};

fn filter(param: &str, values: &[String], store: &Store) -> ApiResult<Option<Keep>> {
    if param != "productId" {
        return Ok(None);
    }
    let meters: Vec<String> = store
        .collection("meters")
        .map(|c| {
            c.entries()
                .filter(|(_, m)| {
                    text(&m.value, "productId").is_some_and(|p| values.iter().any(|v| v == p))
                })
                .map(|(id, _)| id.to_owned())
                .collect()
        })
        .unwrap_or_default();
    Ok(Some(Box::new(move |a: &Value| {
        text(a, "meterId").is_some_and(|m| meters.iter().any(|id| id == m))
    })))
}
