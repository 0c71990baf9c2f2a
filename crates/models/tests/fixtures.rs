//! Every example body from the API notes decodes into its type and encodes back unchanged.

mod support;

use m3ter_models::balance::{Balance, BalanceRequest};
use m3ter_models::balance_transaction_schedule::{TransactionSchedule, TransactionScheduleRequest};
use m3ter_models::data_export::{
    DataExplorerGroup, DataExportJob, DataExportSchedule, DataExportScheduleRequest, DownloadUrl,
    OperationalDataType, ScheduleType, TimeGroupFrequency,
};
use m3ter_models::destination::{Destination, DestinationRequest};
use m3ter_models::meter::{DataFieldCategory, Meter, MeterRequest};
use m3ter_models::statement_job::{
    StatementJob, StatementJobBatchRequest, StatementJobRequest, StatementJobStatus,
};
use m3ter_models::{
    resource, validate_request, ErrorBody, ListPage, Operation, TokenRequest, TokenResponse,
};
use support::{fixture, round_trip};

/// A typed request, encoded again, passes the shared validation: the types and the rules agree.
fn valid<T: serde::Serialize>(key: &str, op: Operation, typed: &T) {
    let body = serde_json::to_value(typed).expect("encode");
    let meta = resource(key).expect("resource");
    if let Err(e) = validate_request(meta, op, &body) {
        panic!("{key}: {e:?}\n{body:#}");
    }
}

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
fn schedule_requests_pick_their_variant_and_validate() {
    let op: DataExportScheduleRequest = round_trip(&fixture("schedule_create_operational"));
    let DataExportScheduleRequest::Operational(ref o) = op else {
        panic!("expected operational, got {op:?}")
    };
    assert_eq!(o.base.schedule_type, Some(ScheduleType::Day));
    assert_eq!(
        o.operational_data_types.as_deref(),
        Some(
            &[
                OperationalDataType::Accounts,
                OperationalDataType::Bills,
                OperationalDataType::Balances
            ][..]
        )
    );
    valid("export-schedules", Operation::Create, &op);

    let usage: DataExportScheduleRequest = round_trip(&fixture("schedule_update_usage"));
    let DataExportScheduleRequest::Usage(ref u) = usage else {
        panic!("expected usage")
    };
    assert_eq!(u.base.version, Some(2));
    let groups = u.usage.groups.as_ref().expect("groups");
    assert!(matches!(groups[0], DataExplorerGroup::Account(_)));
    assert!(
        matches!(&groups[1], DataExplorerGroup::Dimension(d) if d.field_code.as_deref() == Some("region"))
    );
    assert!(
        matches!(&groups[2], DataExplorerGroup::Time(t) if t.frequency == Some(TimeGroupFrequency::Day))
    );
    valid("export-schedules", Operation::Update, &usage);
    let schedules = resource("export-schedules").expect("meta");
    validate_request(
        schedules,
        Operation::Update,
        &fixture("schedule_update_usage"),
    )
    .expect("valid update");
}

#[test]
fn schedule_responses() {
    let usage: DataExportSchedule = round_trip(&fixture("schedule_retrieve_usage"));
    assert!(matches!(usage, DataExportSchedule::Usage(_)));
    assert_eq!(usage.base().map(|b| b.audit.version), Some(Some(2)));
    let list: ListPage<DataExportSchedule> = round_trip(&fixture("schedule_list"));
    assert_eq!(list.data.len(), 1);
    assert_eq!(list.next(), None);
    assert!(matches!(list.data[0], DataExportSchedule::Operational(_)));
}

#[test]
fn destinations() {
    let req: DestinationRequest = round_trip(&fixture("destination_create_s3"));
    assert!(matches!(req, DestinationRequest::S3(_)));
    valid("export-destinations", Operation::Create, &req);
    let dest: Destination = round_trip(&fixture("destination_retrieve_s3"));
    assert!(
        matches!(&dest, Destination::S3(d) if d.base.audit.id == "a1c4e2f0-7b3d-4c9e-8f21-5d6e7a8b9c0d")
    );
}

#[test]
fn export_jobs() {
    let job: DataExportJob = round_trip(&fixture("export_job"));
    assert_eq!(job.status.as_ref().map(|s| s.as_str()), Some("SUCCEEDED"));
    let url: DownloadUrl = round_trip(&fixture("export_job_download_url"));
    assert!(url.url.starts_with("https://"));
}

#[test]
fn meters() {
    let req: MeterRequest = round_trip(&fixture("meter_create"));
    valid("meters", Operation::Create, &req);
    assert_eq!(req.data_fields.as_ref().map(Vec::len), Some(4));
    let meter: Meter = round_trip(&fixture("meter_retrieve"));
    assert_eq!(meter.audit.version, Some(3));
    assert_eq!(
        meter
            .data_fields
            .as_ref()
            .and_then(|f| f[2].category.clone()),
        Some(DataFieldCategory::Measure)
    );
    // groupId: null survives as null (an explicit null is data too).
    assert_eq!(meter.extra.get("groupId"), None);
    let encoded = serde_json::to_value(&meter).expect("encode");
    assert!(encoded.get("customFields").is_some());
}

#[test]
fn balances_and_transaction_schedules() {
    let req: BalanceRequest = round_trip(&fixture("balance_create"));
    valid("balances", Operation::Create, &req);
    let balance: Balance = round_trip(&fixture("balance_retrieve"));
    assert_eq!(balance.amount, Some(5000.0));
    let bts: TransactionScheduleRequest = round_trip(&fixture("bts_create"));
    valid("transaction-schedules", Operation::Create, &bts);
    let bts: TransactionSchedule = round_trip(&fixture("bts_retrieve"));
    assert_eq!(
        bts.balance_id.as_deref(),
        Some("b4a39281-7065-4f4e-8d3c-2b1a09f8e7d6")
    );
}

#[test]
fn statement_jobs() {
    let req: StatementJobRequest = round_trip(&fixture("statement_job_create"));
    valid("statement-jobs", Operation::Create, &req);
    let job: StatementJob = round_trip(&fixture("statement_job_create_response"));
    assert_eq!(job.statement_job_status, Some(StatementJobStatus::Pending));
    let done: StatementJob = round_trip(&fixture("statement_job_retrieve_complete"));
    assert!(done.presigned_json_statement_url.is_some());
    assert!(!done.statement_job_status.expect("status").is_cancellable());
    let batch: StatementJobBatchRequest = round_trip(&fixture("statement_job_batch_create"));
    valid("statement-jobs", Operation::BatchCreate, &batch);
}

#[test]
fn every_request_fixture_passes_the_shared_validation() {
    for (key, op, name) in [
        ("meters", Operation::Create, "meter_create"),
        (
            "export-schedules",
            Operation::Create,
            "schedule_create_operational",
        ),
        (
            "export-destinations",
            Operation::Create,
            "destination_create_s3",
        ),
        ("balances", Operation::Create, "balance_create"),
        ("transaction-schedules", Operation::Create, "bts_create"),
        ("transaction-schedules", Operation::Preview, "bts_create"),
        ("statement-jobs", Operation::Create, "statement_job_create"),
        (
            "statement-jobs",
            Operation::BatchCreate,
            "statement_job_batch_create",
        ),
    ] {
        let meta = resource(key).expect("resource");
        if let Err(errors) = validate_request(meta, op, &fixture(name)) {
            panic!("{name}: {errors:?}");
        }
    }
}

/// Every key the UI metadata declares is a typed field of the response model: a wrong-typed value under
/// it must fail the typed decode (if it were not modelled it would fall silently into the extras).
#[test]
fn metadata_keys_are_modelled_fields() {
    use m3ter_models::meta::{FieldKind, FieldMeta};
    use serde_json::{json, Value};

    fn wrong_value(kind: &FieldKind) -> Value {
        match kind {
            FieldKind::Objects { .. }
            | FieldKind::IdList(_)
            | FieldKind::StringList
            | FieldKind::EnumList(_) => json!("x"),
            FieldKind::CustomFields | FieldKind::Object(_) => json!([1]),
            FieldKind::Bool | FieldKind::Integer { .. } | FieldKind::Number { .. } => json!("x"),
            _ => json!({"not": "a string"}),
        }
    }
    fn check(
        fields: &[FieldMeta],
        body: &Value,
        decodes: &dyn Fn(Value) -> bool,
        skip: &[&str],
        what: &str,
    ) {
        for f in fields {
            if skip.contains(&f.key) {
                continue;
            }
            let mut b = body.clone();
            b[f.key] = wrong_value(&f.kind);
            assert!(
                !decodes(b),
                "{what}: metadata key {:?} is not a typed field",
                f.key
            );
        }
    }
    fn decodes<T: serde::de::DeserializeOwned>(v: Value) -> bool {
        serde_json::from_value::<T>(v).is_ok()
    }
    use m3ter_models::meta::AUDIT_FIELDS;
    let meter = fixture("meter_retrieve");
    check(
        m3ter_models::meter::METER_FIELDS,
        &meter,
        &decodes::<Meter>,
        &[],
        "meter",
    );
    check(AUDIT_FIELDS, &meter, &decodes::<Meter>, &[], "audit");
    let operational = fixture("schedule_list")["data"][0].clone();
    let usage = fixture("schedule_retrieve_usage");
    let (op_fields, usage_fields): (Vec<_>, Vec<_>) = m3ter_models::data_export::SCHEDULE_FIELDS
        .iter()
        .partition(|f| f.when.as_ref().is_some_and(|w| w.any_of == ["OPERATIONAL"]));
    for f in op_fields {
        check(
            std::slice::from_ref(f),
            &operational,
            &decodes::<DataExportSchedule>,
            &["sourceType"],
            "operational schedule",
        );
    }
    for f in usage_fields {
        check(
            std::slice::from_ref(f),
            &usage,
            &decodes::<DataExportSchedule>,
            &["sourceType"],
            "usage schedule",
        );
    }
    let s3 = fixture("destination_retrieve_s3");
    let mut gcs = s3.clone();
    gcs["destinationType"] = json!("GCS");
    for f in m3ter_models::destination::DESTINATION_FIELDS {
        let body = if f.when.as_ref().is_some_and(|w| w.any_of == ["GCS"]) {
            &gcs
        } else {
            &s3
        };
        check(
            std::slice::from_ref(f),
            body,
            &decodes::<Destination>,
            &["destinationType"],
            "destination",
        );
    }
    check(
        m3ter_models::balance::BALANCE_FIELDS,
        &fixture("balance_retrieve"),
        &decodes::<Balance>,
        &[],
        "balance",
    );
    check(
        m3ter_models::balance_transaction_schedule::TRANSACTION_SCHEDULE_FIELDS,
        &fixture("bts_retrieve"),
        &decodes::<TransactionSchedule>,
        &[],
        "transaction schedule",
    );
    check(
        m3ter_models::statement_job::STATEMENT_JOB_FIELDS,
        &fixture("statement_job_retrieve_complete"),
        &decodes::<StatementJob>,
        &[],
        "statement job",
    );
    // Every list column names a field of its resource, and the first (the row link) is the title.
    for meta in m3ter_models::RESOURCES {
        assert_eq!(
            meta.columns.first(),
            Some(&meta.title_field),
            "{}",
            meta.key
        );
        for col in meta.columns {
            assert!(
                meta.field(col).is_some(),
                "{}: column {col} has no field",
                meta.key
            );
        }
    }
}

#[test]
fn transaction_schedule_occurrences() {
    use chrono::{DateTime, Utc};
    use m3ter_models::balance_transaction_schedule::{occurrences, runs_around, ScheduleFrequency};
    let t = |s: &str| s.parse::<DateTime<Utc>>().expect("date");
    let monthly = occurrences(
        t("2025-01-31T00:00:00Z"),
        t("2025-05-01T00:00:00Z"),
        &ScheduleFrequency::Monthly,
        1,
        100,
    );
    assert_eq!(
        monthly,
        vec![
            t("2025-01-31T00:00:00Z"),
            t("2025-02-28T00:00:00Z"),
            t("2025-03-31T00:00:00Z"),
            t("2025-04-30T00:00:00Z")
        ]
    );
    let quarterly = occurrences(
        t("2025-01-01T00:00:00Z"),
        t("2026-01-01T00:00:00Z"),
        &ScheduleFrequency::Monthly,
        3,
        100,
    );
    assert_eq!(quarterly.len(), 4);
    let weekly = occurrences(
        t("2025-01-01T00:00:00Z"),
        t("2025-01-15T00:00:00Z"),
        &ScheduleFrequency::Weekly,
        1,
        100,
    );
    assert_eq!(weekly.len(), 2, "the end date is exclusive");
    assert!(occurrences(
        t("2025-01-01T00:00:00Z"),
        t("2026-01-01T00:00:00Z"),
        &ScheduleFrequency::Daily,
        0,
        10
    )
    .is_empty());
    assert!(occurrences(
        t("2025-01-01T00:00:00Z"),
        t("2026-01-01T00:00:00Z"),
        &ScheduleFrequency::from("HOURLY"),
        1,
        10
    )
    .is_empty());
    assert_eq!(
        occurrences(
            t("2025-01-01T00:00:00Z"),
            t("2030-01-01T00:00:00Z"),
            &ScheduleFrequency::Daily,
            1,
            5
        )
        .len(),
        5
    );
    let (prev, next) = runs_around(
        t("2025-01-01T00:00:00Z"),
        t("2026-01-01T00:00:00Z"),
        &ScheduleFrequency::Monthly,
        1,
        t("2025-03-15T00:00:00Z"),
    );
    assert_eq!(prev, Some(t("2025-03-01T00:00:00Z")));
    assert_eq!(next, Some(t("2025-04-01T00:00:00Z")));
}
