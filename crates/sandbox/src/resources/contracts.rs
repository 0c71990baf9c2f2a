//! Contracts: ending the billing entities under a contract on one date.

use serde_json::Value;

use super::accounts::{end_date_billing_entities, Scope};
use crate::behaviour::{Behaviour, Call};
use crate::error::ApiResult;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "contracts",
    actions: &[("end-date-billing-entities", end_date)],
    ..Behaviour::NONE
};

fn end_date(call: &mut Call<'_>) -> ApiResult<Value> {
    end_date_billing_entities(call, Scope::Contract)
}
