//! Property tests: the decoders never panic on arbitrary JSON, and fields or enum values we do not model
//! survive decode → encode unchanged.

mod support;

use m3ter_models::balance::{Balance, BalanceRequest};
use m3ter_models::balance_transaction_schedule::{TransactionSchedule, TransactionScheduleRequest};
use m3ter_models::data_export::{DataExportSchedule, DataExportScheduleRequest};
use m3ter_models::destination::{Destination, DestinationRequest};
use m3ter_models::meter::{Meter, MeterRequest};
use m3ter_models::statement_job::{StatementJob, StatementJobBatchRequest, StatementJobRequest};
use m3ter_models::{validate_request, ListPage, Operation, RESOURCES};
use proptest::prelude::*;
use serde_json::{Map, Value};
use support::{fixture, round_trip, same_json};

/// Keys the models know, so arbitrary objects often hit typed fields with the wrong types.
const KNOWN_KEYS: &[&str] = &[
    "id",
    "version",
    "name",
    "code",
    "sourceType",
    "destinationType",
    "groupType",
    "dataFields",
    "derivedFields",
    "customFields",
    "category",
    "calculation",
    "startDate",
    "endDate",
    "amount",
    "frequencyInterval",
    "groups",
    "aggregations",
    "billIds",
    "filters",
    "meterIds",
    "data",
    "nextToken",
    "statementJobStatus",
    "operationalDataTypes",
    "timePeriod",
    "rolloverAmount",
    "dtCreated",
];

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(KNOWN_KEYS).prop_map(str::to_owned),
        "[a-zA-Z_$][a-zA-Z0-9_]{0,8}",
        ".{0,6}",
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            ".{0,12}",
            Just("2025-01-01T00:00:00Z".to_owned()),
            Just("OPERATIONAL".to_owned()),
            Just("USAGE".to_owned()),
            Just("S3".to_owned()),
            Just("TIME".to_owned()),
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(arb_key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Decodes `v` with every typed model and every validator; any panic fails the property.
fn decode_everything(v: &Value) {
    macro_rules! try_all {
        ($($t:ty),+) => { $( let _ = serde_json::from_value::<$t>(v.clone()); )+ };
    }
    try_all!(
        Meter,
        MeterRequest,
        DataExportSchedule,
        DataExportScheduleRequest,
        Destination,
        DestinationRequest,
        Balance,
        BalanceRequest,
        TransactionSchedule,
        TransactionScheduleRequest,
        StatementJob,
        StatementJobRequest,
        StatementJobBatchRequest,
        ListPage<Meter>,
        ListPage<DataExportSchedule>,
        ListPage<Value>
    );
    for meta in RESOURCES {
        for op in [
            Operation::Create,
            Operation::Update,
            Operation::BatchCreate,
            Operation::Preview,
        ] {
            let _ = validate_request(meta, op, v);
        }
    }
}

/// Inserts `extras` (keys made unknown by a prefix no model uses) into the object at `at`.
fn add_extras(body: &mut Value, at: &[&str], extras: &Map<String, Value>) {
    let mut cur = body;
    for step in at {
        cur = match step.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[*step],
        };
    }
    let obj = cur.as_object_mut().expect("an object to extend");
    for (k, v) in extras {
        obj.insert(format!("zz_{k}"), v.clone());
    }
}

fn check_survives<T>(
    fixture_name: &str,
    at: &[&str],
    extras: &Map<String, Value>,
) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let mut body = fixture(fixture_name);
    add_extras(&mut body, at, extras);
    let typed: T = serde_json::from_value(body.clone())
        .map_err(|e| TestCaseError::fail(format!("{fixture_name}: {e}")))?;
    let back = serde_json::to_value(&typed).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(
        same_json(&body, &back),
        "{fixture_name} at {at:?} lost or changed fields:\n{body:#}\n{back:#}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_a_decoder(v in arb_json()) {
        decode_everything(&v);
    }

    #[test]
    fn arbitrary_text_never_panics_a_decoder(text in ".{0,200}") {
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            decode_everything(&v);
        }
    }

    #[test]
    fn unknown_fields_survive_a_round_trip(
        extras in proptest::collection::btree_map("[a-zA-Z]{1,10}", arb_json(), 1..5)
    ) {
        let extras: Map<String, Value> = extras.into_iter().collect();
        check_survives::<Meter>("meter_retrieve", &[], &extras)?;
        check_survives::<Meter>("meter_retrieve", &["dataFields", "1"], &extras)?;
        check_survives::<Meter>("meter_retrieve", &["derivedFields", "0"], &extras)?;
        check_survives::<MeterRequest>("meter_create", &[], &extras)?;
        check_survives::<DataExportSchedule>("schedule_retrieve_usage", &[], &extras)?;
        check_survives::<DataExportSchedule>("schedule_retrieve_usage", &["groups", "1"], &extras)?;
        check_survives::<DataExportSchedule>("schedule_retrieve_usage", &["aggregations", "0"], &extras)?;
        check_survives::<DataExportScheduleRequest>("schedule_create_operational", &[], &extras)?;
        check_survives::<DataExportScheduleRequest>("schedule_update_usage", &["dimensionFilters", "0"], &extras)?;
        check_survives::<Destination>("destination_retrieve_s3", &[], &extras)?;
        check_survives::<DestinationRequest>("destination_create_s3", &[], &extras)?;
        check_survives::<Balance>("balance_retrieve", &[], &extras)?;
        check_survives::<BalanceRequest>("balance_create", &[], &extras)?;
        check_survives::<TransactionSchedule>("bts_retrieve", &[], &extras)?;
        check_survives::<TransactionScheduleRequest>("bts_create", &[], &extras)?;
        check_survives::<StatementJob>("statement_job_retrieve_complete", &[], &extras)?;
        check_survives::<StatementJob>("statement_job_retrieve_complete", &["filters"], &extras)?;
        check_survives::<StatementJobRequest>("statement_job_create", &[], &extras)?;
    }

    #[test]
    fn unknown_enum_values_survive_and_display(value in "[A-Z][A-Z_]{0,20}") {
        let mut meter = fixture("meter_retrieve");
        meter["dataFields"][0]["category"] = Value::String(value.clone());
        let typed: Meter = round_trip(&meter);
        let category = typed.data_fields.as_ref().and_then(|f| f[0].category.clone()).expect("category");
        prop_assert_eq!(category.as_str(), value.as_str());
        prop_assert!(!category.label().is_empty());

        let mut schedule = fixture("schedule_retrieve_usage");
        schedule["sourceType"] = Value::String(value.clone());
        let typed: DataExportSchedule = round_trip(&schedule);
        prop_assert_eq!(typed.tag(), value.as_str());
    }
}

proptest! {
    #[test]
    fn rfc3339_parser_agrees_with_chrono(
        s in "[0-9]{4}-[0-1][0-9]-[0-3][0-9][Tt ][0-2][0-9]:[0-5][0-9]:[0-6][0-9](\\.[0-9]{1,9})?(Z|z|[+-][0-2][0-9]:[0-5][0-9])"
    ) {
        let ours = m3ter_models::time::parse_rfc3339(&s);
        let theirs = s.parse::<chrono::DateTime<chrono::Utc>>().ok().map(|d| d.timestamp_millis());
        prop_assert_eq!(ours, theirs, "{}", s);
    }

    #[test]
    fn rfc3339_parser_never_panics(s in ".{0,40}") {
        let _ = m3ter_models::time::parse_rfc3339(&s);
    }
}
