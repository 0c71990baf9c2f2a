//! Every example body from the API notes is understood by the catalogue: requests pass the shared
//! validation, responses carry only fields the catalogue knows for their resource (so nothing is
//! shown as "not known to this console" by mistake), and the auth and error bodies decode.

mod support;

use m3ter_models::{
    catalogue::AUDIT_KEYS, resource, validate_request, ErrorBody, ListPage, Operation,
    TokenRequest, TokenResponse,
};
use serde_json::Value;
use support::{fixture, round_trip};

#[test]
fn auth_and_error_bodies() {
    let req: TokenRequest = round_trip(&fixture("token_request"));
    assert_eq!(req, TokenRequest::client_credentials());
    let token: TokenResponse = round_trip(&fixture("token_response"));
    assert_eq!(token.expires_in, 18000);
    let err: ErrorBody = round_trip(&fixture("error_body"));
    assert!(err.message.starts_with("Version mismatch"));
}

#[test]
fn example_requests_pass_the_shared_validation() {
    for (name, key, op) in [
        ("meter_create", "meters", Operation::Create),
        (
            "schedule_create_operational",
            "export-schedules",
            Operation::Create,
        ),
        (
            "schedule_update_usage",
            "export-schedules",
            Operation::Update,
        ),
        (
            "destination_create_s3",
            "export-destinations",
            Operation::Create,
        ),
        ("balance_create", "balances", Operation::Create),
        ("bts_create", "transaction-schedules", Operation::Create),
        (
            "bts_create",
            "transaction-schedules",
            Operation::Action("preview"),
        ),
        ("statement_job_create", "statement-jobs", Operation::Create),
        (
            "statement_job_batch_create",
            "statement-jobs",
            Operation::Action("batch"),
        ),
    ] {
        let r = resource(key).expect("resource");
        if let Err(e) = validate_request(r, op, &fixture(name)) {
            panic!("{name}: {e:?}");
        }
    }
}

/// Every key of an entity body is a field of the resource (recursively for known objects).
fn unknown_keys(key: &str, body: &Value) -> Vec<String> {
    let r = resource(key).expect("resource");
    body.as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| r.field(k).is_none() && !AUDIT_KEYS.contains(&k.as_str()))
        .map(|(k, _)| k.clone())
        .collect()
}

#[test]
fn example_responses_carry_only_known_fields() {
    for (name, key) in [
        ("meter_retrieve", "meters"),
        ("schedule_retrieve_usage", "export-schedules"),
        ("destination_retrieve_s3", "export-destinations"),
        ("balance_retrieve", "balances"),
        ("bts_retrieve", "transaction-schedules"),
        ("statement_job_create_response", "statement-jobs"),
        ("statement_job_retrieve_complete", "statement-jobs"),
        ("export_job", "export-jobs"),
    ] {
        let unknown = unknown_keys(key, &fixture(name));
        assert!(unknown.is_empty(), "{name}: {unknown:?}");
    }
    let list: ListPage<Value> = round_trip(&fixture("schedule_list"));
    for item in &list.data {
        assert!(unknown_keys("export-schedules", item).is_empty(), "{item}");
    }
    let url = fixture("export_job_download_url");
    assert!(url.get("url").is_some_and(Value::is_string));
}
