//! A table of good and bad inputs for every validation rule. Each bad input names the field path the
//! error must carry; each good input must pass.

mod support;

use m3ter_models::validate::{is_valid_code, is_valid_field_code, is_valid_iam_role_arn};
use m3ter_models::{resource, validate_request, Operation};
use serde_json::{json, Value};
use support::fixture;

/// Sets (or with `None`, removes) the value at `a.b[2].c` in a JSON body.
fn set(body: &mut Value, path: &str, value: Option<Value>) {
    let mut parts: Vec<String> = Vec::new();
    for piece in path.split('.') {
        match piece.split_once('[') {
            Some((key, rest)) => {
                parts.push(key.to_owned());
                parts.push(format!("[{}", rest));
            }
            None => parts.push(piece.to_owned()),
        }
    }
    let (last, parents) = parts.split_last().expect("path");
    let mut cur = body;
    for part in parents {
        cur = match part.strip_prefix('[') {
            Some(i) => &mut cur[i.trim_end_matches(']').parse::<usize>().expect("index")],
            None => &mut cur[part.as_str()],
        };
    }
    match (last.strip_prefix('['), value) {
        (Some(i), Some(v)) => cur[i.trim_end_matches(']').parse::<usize>().expect("index")] = v,
        (Some(i), None) => {
            let i: usize = i.trim_end_matches(']').parse().expect("index");
            cur.as_array_mut().expect("array").remove(i);
        }
        (None, Some(v)) => cur[last.as_str()] = v,
        (None, None) => {
            cur.as_object_mut().expect("object").remove(last.as_str());
        }
    }
}

struct Case {
    resource: &'static str,
    op: Operation,
    base: &'static str,
    path: &'static str,
    value: Option<Value>,
    /// `None`: the body must pass. `Some(path)`: an error with exactly this path must be reported.
    expect: Option<&'static str>,
}

fn case(
    resource: &'static str,
    base: &'static str,
    path: &'static str,
    value: Option<Value>,
    expect: Option<&'static str>,
) -> Case {
    Case {
        resource,
        op: Operation::Create,
        base,
        path,
        value,
        expect,
    }
}

fn many<T: Clone>(n: usize, item: T) -> Vec<T> {
    vec![item; n]
}

fn cases() -> Vec<Case> {
    let long = |n: usize| json!("x".repeat(n));
    let data_field = json!({"category": "WHO", "code": "f", "name": "F"});
    let m = |path, value, expect| case("meters", "meter_create", path, value, expect);
    let s = |path, value, expect| {
        case(
            "export-schedules",
            "schedule_create_operational",
            path,
            value,
            expect,
        )
    };
    let u = |path, value, expect| {
        case(
            "export-schedules",
            "schedule_update_usage",
            path,
            value,
            expect,
        )
    };
    let d = |path, value, expect| {
        case(
            "export-destinations",
            "destination_create_s3",
            path,
            value,
            expect,
        )
    };
    let b = |path, value, expect| case("balances", "balance_create", path, value, expect);
    let t = |path, value, expect| case("transaction-schedules", "bts_create", path, value, expect);
    let j = |path, value, expect| {
        case(
            "statement-jobs",
            "statement_job_create",
            path,
            value,
            expect,
        )
    };
    let batch = |path, value, expect| Case {
        op: Operation::Action("batch"),
        ..case(
            "statement-jobs",
            "statement_job_batch_create",
            path,
            value,
            expect,
        )
    };
    vec![
        // Meters: required fields and lengths.
        m("name", None, Some("name")),
        m("name", Some(json!("")), Some("name")),
        m("name", Some(long(200)), None),
        m("name", Some(long(201)), Some("name")),
        m("code", None, Some("code")),
        m("code", Some(long(80)), None),
        m("code", Some(long(81)), Some("code")),
        // The m3ter code pattern.
        m("code", Some(json!("api requests")), None),
        m("code", Some(json!("x")), None),
        m("code", Some(json!(" api")), Some("code")),
        m("code", Some(json!("api ")), Some("code")),
        m("code", Some(json!("api\trequests")), Some("code")),
        m("code", Some(json!("api\nrequests")), Some("code")),
        m("code", Some(json!("api\u{7}")), Some("code")),
        m("code", Some(json!("ünïcödé-ok")), None),
        // UUID fields are exactly 36 characters.
        m("productId", Some(json!("short")), Some("productId")),
        m("groupId", Some(json!("6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d0")), Some("groupId")),
        m("productId", None, None),
        // Item counts: 1–15 data fields, 0–15 derived fields.
        m("dataFields", None, Some("dataFields")),
        m("dataFields", Some(json!([])), Some("dataFields")),
        m("dataFields", Some(Value::Array((0..15).map(|i| json!({"category": "WHO", "code": format!("f{i}"), "name": "F"})).collect())), None),
        m("dataFields", Some(Value::Array((0..16).map(|i| json!({"category": "WHO", "code": format!("f{i}"), "name": "F"})).collect())), Some("dataFields")),
        m("derivedFields", None, Some("derivedFields")),
        m("derivedFields", Some(json!(null)), Some("derivedFields")),
        m("derivedFields", Some(json!([])), None),
        m("derivedFields", Some(Value::Array((0..16).map(|i| json!({"category": "MEASURE", "code": format!("d{i}"), "name": "D", "calculation": "1"})).collect())), Some("derivedFields")),
        // Each data field.
        m("dataFields[2].category", None, Some("dataFields[2].category")),
        m("dataFields[2].category", Some(json!("FUTURE_CATEGORY")), None),
        m("dataFields[2].code", Some(json!("2requests")), Some("dataFields[2].code")),
        m("dataFields[2].code", Some(json!("re-quests")), Some("dataFields[2].code")),
        m("dataFields[2].code", Some(json!("$requests_2")), None),
        m("dataFields[2].code", Some(json!("_größe")), None),
        m("dataFields[2].code", Some(long(81)), Some("dataFields[2].code")),
        m("dataFields[2].name", None, Some("dataFields[2].name")),
        m("dataFields[2].unit", Some(long(51)), Some("dataFields[2].unit")),
        m("dataFields[2].unit", Some(json!("")), Some("dataFields[2].unit")),
        m("dataFields[1].code", Some(json!("customer_id")), Some("dataFields[1].code")),
        // Each derived field.
        m("derivedFields[0].calculation", None, Some("derivedFields[0].calculation")),
        m("derivedFields[0].calculation", Some(long(5001)), Some("derivedFields[0].calculation")),
        m("derivedFields[0].code", Some(json!("requests")), Some("derivedFields[0].code")),
        // Custom fields: string or number values, at most 100.
        m("customFields", Some(json!({"a": "x", "b": 1, "c": 2.5})), None),
        m("customFields", Some(json!({"nested": {"x": 1}})), Some("customFields.nested")),
        m("customFields", Some(json!({"flag": true})), Some("customFields.flag")),
        m("customFields", Some(Value::Object((0..101).map(|i| (format!("k{i}"), json!(i))).collect())), Some("customFields")),
        m("name", Some(json!(42)), Some("name")),
        m("dataFields", Some(json!(many(3, data_field.clone()))), Some("dataFields[1].code")),

        // Data export schedules: common fields.
        s("name", None, Some("name")),
        s("code", Some(json!(" nightly")), Some("code")),
        s("sourceType", None, Some("sourceType")),
        s("sourceType", Some(json!("EVENTS")), Some("sourceType")),
        s("scheduleType", Some(json!("AD_HOC")), Some("scheduleType")),
        s("scheduleType", Some(json!("DAILY")), Some("scheduleType")),
        s("period", Some(json!(0)), Some("period")),
        s("period", Some(json!(3)), None),
        s("period", Some(json!(4)), Some("period")),
        s("offset", Some(json!(0)), Some("offset")),
        s("offset", None, None),
        // Offset is not valid for MINUTE; MINUTE runs at most every 15 minutes.
        s("scheduleType", Some(json!("MINUTE")), Some("offset")),
        s("scheduleType", Some(json!("HOUR")), None),
        // Per source type.
        s("operationalDataTypes", None, Some("operationalDataTypes")),
        s("operationalDataTypes", Some(json!([])), Some("operationalDataTypes")),
        s("operationalDataTypes", Some(json!(["BILLS", "SOMETHING_NEW"])), None),
        s("timePeriod", Some(json!("TODAY")), Some("timePeriod")),
        s("meterIds", Some(json!(["m"])), Some("meterIds")),
        s("destinationIds", Some(json!([""])), Some("destinationIds[0]")),
        u("timePeriod", None, Some("timePeriod")),
        u("operationalDataTypes", Some(json!(["BILLS"])), Some("operationalDataTypes")),
        u("aggregations[0].function", None, Some("aggregations[0].function")),
        u("aggregations[1].meterId", Some(json!("")), Some("aggregations[1].meterId")),
        u("aggregations[1].function", Some(json!("MEDIAN_NEXT_YEAR")), None),
        u("aggregations[0].fieldType", Some(json!(7)), Some("aggregations[0].fieldType")),
        u("dimensionFilters[0].values", Some(json!([])), Some("dimensionFilters[0].values")),
        u("dimensionFilters[0].fieldCode", None, Some("dimensionFilters[0].fieldCode")),
        u("groups[1].fieldCode", None, Some("groups[1].fieldCode")),
        u("groups[2].frequency", None, Some("groups[2].frequency")),
        u("groups[2].frequency", Some(json!("MINUTE")), None),
        u("groups[0].groupType", Some(json!("CUSTOMER_SEGMENT")), None),
        u("version", None, None),

        // Export destinations.
        d("name", Some(long(201)), Some("name")),
        d("code", None, Some("code")),
        d("bucketName", Some(json!("ab")), Some("bucketName")),
        d("bucketName", Some(json!("abc")), None),
        d("bucketName", Some(long(64)), Some("bucketName")),
        d("iamRoleArn", None, Some("iamRoleArn")),
        d("iamRoleArn", Some(json!("arn:aws:iam::abc:role/x")), Some("iamRoleArn")),
        d("iamRoleArn", Some(json!("arn:aws:s3:::bucket")), Some("iamRoleArn")),
        d("destinationType", None, None),
        d("destinationType", Some(json!("AZURE")), Some("destinationType")),
        d("destinationType", Some(json!("GCS")), Some("projectNumber")),

        // Balances.
        b("accountId", None, Some("accountId")),
        b("currency", Some(json!("")), Some("currency")),
        b("startDate", None, Some("startDate")),
        b("endDate", None, Some("endDate")),
        b("endDate", Some(json!("2024-12-31T00:00:00Z")), Some("endDate")),
        b("startDate", Some(json!("next tuesday")), Some("startDate")),
        b("rolloverEndDate", None, Some("rolloverEndDate")),
        b("rolloverAmount", None, None),
        b("rolloverAmount", Some(json!(-1)), Some("rolloverAmount")),
        b("rolloverEndDate", Some(json!("2025-06-01T00:00:00Z")), Some("rolloverEndDate")),
        b("balanceDrawDownDescription", Some(long(201)), Some("balanceDrawDownDescription")),
        b("overageDescription", Some(long(200)), None),
        b("overageSurchargePercent", Some(json!(-5)), Some("overageSurchargePercent")),
        b("consumptionsAccountingProductId", Some(json!("x")), Some("consumptionsAccountingProductId")),
        b("lineItemTypes", Some(json!(["USAGE", "BRAND_NEW_TYPE"])), None),
        b("customFields", Some(json!({"k": [1]})), Some("customFields.k")),

        // Balance transaction schedules.
        t("amount", None, Some("amount")),
        t("amount", Some(json!(-0.01)), Some("amount")),
        t("amount", Some(json!(0)), None),
        // Kept as written (serde_json's arbitrary_precision), a number beyond f64 is refused.
        t("amount", Some(serde_json::from_str("1e400").expect("number")), Some("amount")),
        t("amount", Some(serde_json::from_str("0.30000000000000004").expect("number")), None),
        b("rolloverAmount", Some(serde_json::from_str("-1e400").expect("number")), Some("rolloverAmount")),
        t("transactionDescription", Some(json!("")), Some("transactionDescription")),
        t("transactionTypeId", Some(json!("abc_def")), Some("transactionTypeId")),
        t("transactionTypeId", Some(long(37)), Some("transactionTypeId")),
        t("frequency", None, Some("frequency")),
        t("frequency", Some(json!("FORTNIGHTLY")), None),
        t("frequencyInterval", Some(json!(0)), Some("frequencyInterval")),
        t("frequencyInterval", Some(json!(365)), None),
        t("frequencyInterval", Some(json!(366)), Some("frequencyInterval")),
        t("frequencyInterval", Some(json!(1.5)), Some("frequencyInterval")),
        t("endDate", Some(json!("2025-01-01T00:00:00Z")), Some("endDate")),
        t("currencyPaid", None, Some("currencyPaid")),

        // Statement jobs.
        j("billId", None, Some("billId")),
        j("billId", Some(json!("")), Some("billId")),
        j("filters", Some(json!({"meterIds": many(10, "m")})), None),
        j("filters", Some(json!({"meterIds": many(11, "m")})), Some("filters.meterIds")),
        batch("billIds", Some(json!([])), Some("billIds")),
        batch("billIds", None, Some("billIds")),
        batch("billIds", Some(json!((0..10).map(|i| format!("bill-{i}")).collect::<Vec<_>>())), None),
        batch("billIds", Some(json!((0..11).map(|i| format!("bill-{i}")).collect::<Vec<_>>())), Some("billIds")),
        batch("billIds", Some(json!(["a", "b", "a"])), Some("billIds[2]")),
    ]
}

#[test]
fn every_rule_accepts_the_good_and_names_the_bad() {
    let mut failures = Vec::new();
    for c in cases() {
        let mut body = fixture(c.base);
        set(&mut body, c.path, c.value.clone());
        let meta = resource(c.resource).expect("resource");
        let result = validate_request(meta, c.op, &body);
        let ok = match (&result, c.expect) {
            (Ok(()), None) => true,
            (Err(errors), Some(path)) => errors
                .iter()
                .any(|e| e.path == path && !e.message.is_empty()),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{} {} = {:?}: expected {:?}, got {:?}",
                c.resource, c.path, c.value, c.expect, result
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn update_needs_the_loaded_version() {
    let meters = resource("meters").expect("meters");
    let mut body = fixture("meter_create");
    let errors = validate_request(meters, Operation::Update, &body).expect_err("no version");
    assert_eq!(errors[0].path, "version");
    set(&mut body, "version", Some(json!(3)));
    validate_request(meters, Operation::Update, &body).expect("with version");
    assert!(validate_request(meters, Operation::Create, &json!([1])).is_err());
}

#[test]
fn an_unknown_source_type_is_refused_on_create_and_kept_on_an_edit() {
    let schedules = resource("export-schedules").expect("schedules");
    let mut body = fixture("schedule_update_usage");
    set(&mut body, "sourceType", Some(json!("FUTURE_SOURCE")));
    validate_request(schedules, Operation::Update, &body).expect("an edit keeps it");
    let errors = validate_request(schedules, Operation::Create, &body).expect_err("a new one");
    assert!(errors.iter().any(|e| e.path == "sourceType"), "{errors:?}");
}

#[test]
fn statement_job_list_filters_are_mutually_exclusive() {
    let rules = m3ter_models::resources::overlay("statement-jobs")
        .filter_rules
        .expect("statement jobs have filter rules");
    let check = |pairs: &[(&str, &str)]| {
        rules(&|k: &str| {
            pairs
                .iter()
                .find(|(p, _)| *p == k)
                .map(|(_, v)| (*v).to_owned())
        })
    };
    for ok in [
        &[][..],
        &[("active", "TRUE")],
        &[("status", "PENDING")],
        &[("billId", "b"), ("active", "")],
    ] {
        assert!(check(ok).is_empty(), "{ok:?}");
    }
    for (bad, path) in [
        (&[("active", "TRUE"), ("status", "PENDING")][..], "status"),
        (&[("status", "PENDING"), ("billId", "b")], "billId"),
        (&[("active", "yes")], "active"),
    ] {
        let errors = check(bad);
        assert!(errors.iter().any(|e| e.path == path), "{bad:?}: {errors:?}");
    }
}

#[test]
fn hand_written_patterns() {
    for good in ["a", "a b", "a-b_c.d", "日本", "x y z", "$"] {
        assert!(is_valid_code(good), "{good:?}");
    }
    for bad in [
        "",
        " ",
        " a",
        "a ",
        "a\u{a0}",
        "a\u{a0}b",
        "a\u{0}b",
        "a\rb",
        "\u{2003}a",
    ] {
        assert!(!is_valid_code(bad), "{bad:?}");
    }
    for good in ["a", "_", "$", "a1", "_a_1$", "Größe"] {
        assert!(is_valid_field_code(good), "{good:?}");
    }
    for bad in ["", "1a", "a-b", "a b", "a.b", "٣a"] {
        assert!(!is_valid_field_code(bad), "{bad:?}");
    }
    assert!(is_valid_iam_role_arn(
        "arn:aws:iam::123456789012:role/m3ter"
    ));
    assert!(is_valid_iam_role_arn("arn:aws:iam::1:role/"));
    for bad in [
        "arn:aws:iam:::role/x",
        "arn:aws:iam::12a:role/x",
        "arn:aws:iam::12:user/x",
        "x",
    ] {
        assert!(!is_valid_iam_role_arn(bad), "{bad:?}");
    }
}

#[test]
fn errors_read_back_from_a_server_message() {
    use m3ter_models::FieldError;
    let e = FieldError::new("dataFields[2].code", "must start with a letter");
    let parsed = FieldError::parse(&e.to_string()).expect("parse");
    assert_eq!(parsed, e);
    assert_eq!(FieldError::parse("Version mismatch: try again"), None);
    assert_eq!(FieldError::parse("no colon here"), None);
}
