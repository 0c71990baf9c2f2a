//! Property tests: the decoders never panic on arbitrary JSON, and fields or enum values we do not model
//! survive decode → encode unchanged.

mod support;

use m3ter_models::{resource, validate_request, writable_body, ListPage, Operation, RESOURCES};
use proptest::prelude::*;
use serde_json::{Map, Value};
use support::fixture;

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

/// Runs every validator of every resource (each operation and each action with a body) on `v`, and
/// the list decoder; any panic fails the property.
fn validate_everything(v: &Value) {
    let _ = serde_json::from_value::<ListPage<Value>>(v.clone());
    for r in RESOURCES.iter() {
        for op in [Operation::Create, Operation::Update] {
            let _ = validate_request(r, op, v);
        }
        for a in r.actions {
            let _ = validate_request(r, Operation::Action(a.key), v);
        }
        let _ = writable_body(r, v);
    }
}

/// Inserts `extras` (keys made unknown by a prefix no resource uses) into the object at `at`.
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

/// The draft of an edit keeps every field the catalogue does not know, at any depth, exactly.
fn check_survives(
    key: &str,
    fixture_name: &str,
    at: &[&str],
    extras: &Map<String, Value>,
) -> Result<(), TestCaseError> {
    let mut body = fixture(fixture_name);
    add_extras(&mut body, at, extras);
    let draft = writable_body(resource(key).expect("resource"), &body);
    let mut target = &draft;
    for step in at {
        target = match step.parse::<usize>() {
            Ok(i) => &target[i],
            Err(_) => &target[*step],
        };
    }
    for (k, v) in extras {
        prop_assert_eq!(
            target.get(format!("zz_{k}")),
            Some(v),
            "{} at {:?}",
            fixture_name,
            at
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_a_validator(v in arb_json()) {
        validate_everything(&v);
    }

    #[test]
    fn arbitrary_text_never_panics_a_validator(text in ".{0,200}") {
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            validate_everything(&v);
        }
    }

    #[test]
    fn unknown_fields_survive_into_the_edit_draft(
        extras in proptest::collection::btree_map("[a-zA-Z]{1,10}", arb_json(), 1..5)
    ) {
        let extras: Map<String, Value> = extras.into_iter().collect();
        check_survives("meters", "meter_retrieve", &[], &extras)?;
        check_survives("meters", "meter_retrieve", &["dataFields", "1"], &extras)?;
        check_survives("meters", "meter_retrieve", &["derivedFields", "0"], &extras)?;
        check_survives("export-schedules", "schedule_retrieve_usage", &[], &extras)?;
        check_survives("export-schedules", "schedule_retrieve_usage", &["groups", "1"], &extras)?;
        check_survives("export-schedules", "schedule_retrieve_usage", &["aggregations", "0"], &extras)?;
        check_survives("export-destinations", "destination_retrieve_s3", &[], &extras)?;
        check_survives("balances", "balance_retrieve", &[], &extras)?;
        check_survives("transaction-schedules", "bts_retrieve", &[], &extras)?;
        check_survives("statement-jobs", "statement_job_retrieve_complete", &["filters"], &extras)?;
    }

    #[test]
    fn unknown_enum_values_pass_validation(value in "[A-Z][A-Z_]{0,20}") {
        let meters = resource("meters").expect("meters");
        let mut meter = fixture("meter_create");
        meter["dataFields"][0]["category"] = Value::String(value.clone());
        prop_assert!(validate_request(meters, Operation::Create, &meter).is_ok());
        let schedules = resource("export-schedules").expect("schedules");
        let mut schedule = fixture("schedule_update_usage");
        schedule["groups"][0]["groupType"] = Value::String(value);
        prop_assert!(validate_request(schedules, Operation::Update, &schedule).is_ok());
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
