//! Commitments: search.

use serde_json::Value;

use crate::behaviour::{Behaviour, Call};
use crate::error::ApiResult;
use crate::query::Query;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "commitments",
    actions: &[("search", search)],
    ..Behaviour::NONE
};

fn search(call: &mut Call<'_>) -> ApiResult<Value> {
    crate::search::search(call.store, call.ctx.resource, &Query(call.query.clone()))
}
