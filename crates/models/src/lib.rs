//! Typed models of the m3ter API resources the console and the sandbox work with.
//!
//! One module per resource holds its request and response types, its enums, its validation and the
//! metadata (`ResourceMeta`) that the console generates tables, detail pages and forms from. Nothing here
//! knows about the browser or HTTP; it compiles natively and to wasm32.

pub mod open_enum;
pub mod tagged;

pub mod common;
pub mod meta;
pub mod validate;

pub mod balance;
pub mod balance_transaction_schedule;
pub mod data_export;
pub mod destination;
pub mod meter;
pub mod statement_job;

pub use common::{Audit, ErrorBody, Extra, ListPage, TokenRequest, TokenResponse};
pub use meta::{Action, ResourceMeta};
pub use validate::{FieldError, Validate};

use serde_json::Value;

/// Every resource the console works with, in navigation order.
pub static RESOURCES: [&ResourceMeta; 6] = [
    &meter::METERS,
    &data_export::DATA_EXPORT_SCHEDULES,
    &destination::EXPORT_DESTINATIONS,
    &balance::BALANCES,
    &balance_transaction_schedule::TRANSACTION_SCHEDULES,
    &statement_job::STATEMENT_JOBS,
];

/// A resource by its key (`meters`, `export-schedules`, …).
pub fn resource(key: &str) -> Option<&'static ResourceMeta> {
    RESOURCES.iter().copied().find(|r| r.key == key)
}

/// What a request body is for; decides which type it must decode to and which rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Create,
    /// PUT: `version` is required and must equal the stored one.
    Update,
    /// Statement jobs: `POST …/batch`.
    BatchCreate,
    /// Balance transaction schedules: `POST …/preview`.
    Preview,
}

/// Checks a request body for a resource and operation with the typed models: the same rules run in
/// the console before sending and in the sandbox on receipt.
pub fn validate_request(
    resource: &ResourceMeta,
    op: Operation,
    body: &Value,
) -> Result<(), Vec<FieldError>> {
    fn run<T: serde::de::DeserializeOwned + Validate>(body: &Value) -> Result<(), Vec<FieldError>> {
        let typed: T = validate::decode(body.clone()).map_err(|e| vec![e])?;
        typed.validate()
    }
    if !body.is_object() {
        return Err(vec![FieldError::new("", "the body must be a JSON object")]);
    }
    let mut type_errors = Vec::new();
    validate::check_types(resource.fields, body, "", &mut type_errors);
    if !type_errors.is_empty() {
        return Err(type_errors);
    }
    let mut result = match (resource.key, op) {
        ("meters", _) => run::<meter::MeterRequest>(body),
        ("export-schedules", _) => run::<data_export::DataExportScheduleRequest>(body),
        ("export-destinations", _) => run::<destination::DestinationRequest>(body),
        ("balances", _) => run::<balance::BalanceRequest>(body),
        ("transaction-schedules", _) => {
            run::<balance_transaction_schedule::TransactionScheduleRequest>(body)
        }
        ("statement-jobs", Operation::BatchCreate) => {
            run::<statement_job::StatementJobBatchRequest>(body)
        }
        ("statement-jobs", Operation::Create) => run::<statement_job::StatementJobRequest>(body),
        (key, op) => Err(vec![FieldError::new(
            "",
            format!("{key} does not support {op:?}"),
        )]),
    };
    if op == Operation::Update {
        let version_ok = body.get("version").is_some_and(Value::is_i64);
        if !version_ok {
            let err = FieldError::new("version", "is required on update (the version you loaded)");
            match &mut result {
                Ok(()) => result = Err(vec![err]),
                Err(errors) => errors.push(err),
            }
        }
    }
    result
}

/// The body to send when creating again from an entity's body (e.g. a deleted one): every field but
/// the read-only ones. Fields we don't model stay: they may be the user's data.
pub fn writable_body(resource: &ResourceMeta, entity: &Value) -> Value {
    let mut body = entity.clone();
    if let Some(map) = body.as_object_mut() {
        for key in resource.read_only_keys() {
            map.remove(key);
        }
    }
    body
}
