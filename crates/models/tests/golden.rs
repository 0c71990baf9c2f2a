//! Our golden set: the six resources the console modelled by hand before the catalogue, field by
//! field (kind, required, read-only, enum values, bounds), as the hand-written models said. The
//! catalogue generated from m3ter's document, with the overlay, must say the same; each difference
//! is listed below with why (a bug in the old model, or a correction of the document).

use m3ter_models::catalogue::{Check, Field, Kind};
use m3ter_models::{overlay, resource};

type Golden = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
    Option<&'static [&'static str]>,
    &'static str,
);

/// (resource, field path, kind, required, read-only, enum values, bounds), from the hand-written
/// models. `statement-jobs#batch` is the batch create body.
const GOLDEN: &[Golden] = &[
    ("meters", "name", "text", true, false, None, "max 200"),
    ("meters", "code", "code", true, false, None, ""),
    ("meters", "productId", "id", false, false, None, ""),
    ("meters", "groupId", "id", false, false, None, ""),
    (
        "meters",
        "dataFields",
        "objects",
        true,
        false,
        None,
        "items 1..15",
    ),
    (
        "meters",
        "dataFields.category",
        "enum",
        true,
        false,
        Some(&[
            "WHO", "WHERE", "WHAT", "OTHER", "METADATA", "MEASURE", "INCOME", "COST",
        ]),
        "",
    ),
    (
        "meters",
        "dataFields.code",
        "fieldCode",
        true,
        false,
        None,
        "",
    ),
    (
        "meters",
        "dataFields.name",
        "text",
        true,
        false,
        None,
        "max 200",
    ),
    (
        "meters",
        "dataFields.unit",
        "text",
        false,
        false,
        None,
        "max 50",
    ),
    (
        "meters",
        "derivedFields",
        "objects",
        true,
        false,
        None,
        "items 0..15",
    ),
    (
        "meters",
        "derivedFields.category",
        "enum",
        true,
        false,
        Some(&[
            "WHO", "WHERE", "WHAT", "OTHER", "METADATA", "MEASURE", "INCOME", "COST",
        ]),
        "",
    ),
    (
        "meters",
        "derivedFields.code",
        "fieldCode",
        true,
        false,
        None,
        "",
    ),
    (
        "meters",
        "derivedFields.name",
        "text",
        true,
        false,
        None,
        "max 200",
    ),
    (
        "meters",
        "derivedFields.unit",
        "text",
        false,
        false,
        None,
        "max 50",
    ),
    (
        "meters",
        "derivedFields.calculation",
        "text",
        true,
        false,
        None,
        "max 5000",
    ),
    (
        "meters",
        "customFields",
        "customFields",
        false,
        false,
        None,
        "",
    ),
    ("export-schedules", "name", "text", true, false, None, ""),
    ("export-schedules", "code", "code", true, false, None, ""),
    (
        "export-schedules",
        "sourceType",
        "enum",
        true,
        false,
        Some(&["OPERATIONAL", "USAGE"]),
        "",
    ),
    (
        "export-schedules",
        "scheduleType",
        "enum",
        false,
        false,
        Some(&["HOUR", "DAY", "MINUTE", "AD_HOC"]),
        "",
    ),
    (
        "export-schedules",
        "period",
        "integer",
        false,
        false,
        None,
        "int Some(1)..None",
    ),
    (
        "export-schedules",
        "offset",
        "integer",
        false,
        false,
        None,
        "int Some(1)..None",
    ),
    (
        "export-schedules",
        "cronExpression",
        "text",
        false,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "exportFileFormat",
        "enum",
        false,
        false,
        Some(&["CSV", "JSONL"]),
        "",
    ),
    (
        "export-schedules",
        "destinationIds",
        "ids",
        false,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "operationalDataTypes",
        "enums",
        true,
        false,
        Some(&[
            "BILLS",
            "COMMITMENTS",
            "ACCOUNTS",
            "BALANCES",
            "CONTRACTS",
            "ACCOUNT_PLANS",
            "AGGREGATIONS",
            "PLANS",
            "PRICING",
            "PRICING_BANDS",
            "BILL_LINE_ITEMS",
            "METERS",
            "PRODUCTS",
            "COMPOUND_AGGREGATIONS",
            "PLAN_GROUPS",
            "PLAN_GROUP_LINKS",
            "PLAN_TEMPLATES",
            "BALANCE_TRANSACTIONS",
            "TRANSACTION_TYPES",
            "CHARGES",
        ]),
        "",
    ),
    (
        "export-schedules",
        "timePeriod",
        "enum",
        true,
        false,
        Some(&[
            "TODAY",
            "YESTERDAY",
            "WEEK_TO_DATE",
            "MONTH_TO_DATE",
            "YEAR_TO_DATE",
            "PREVIOUS_WEEK",
            "PREVIOUS_MONTH",
            "PREVIOUS_QUARTER",
            "PREVIOUS_YEAR",
            "LAST_12_HOURS",
            "LAST_7_DAYS",
            "LAST_30_DAYS",
            "LAST_35_DAYS",
            "LAST_90_DAYS",
            "LAST_120_DAYS",
            "LAST_YEAR",
        ]),
        "",
    ),
    (
        "export-schedules",
        "meterIds",
        "ids",
        false,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "accountIds",
        "ids",
        false,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "dimensionFilters",
        "objects",
        false,
        false,
        None,
        "items 0..100",
    ),
    (
        "export-schedules",
        "dimensionFilters.meterId",
        "id",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "dimensionFilters.fieldCode",
        "fieldCode",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "dimensionFilters.values",
        "strings",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "aggregations",
        "objects",
        false,
        false,
        None,
        "items 0..100",
    ),
    (
        "export-schedules",
        "aggregations.meterId",
        "id",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "aggregations.fieldCode",
        "fieldCode",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "aggregations.fieldType",
        "enum",
        true,
        false,
        Some(&["DIMENSION", "MEASURE"]),
        "",
    ),
    (
        "export-schedules",
        "aggregations.function",
        "enum",
        true,
        false,
        Some(&["SUM", "MIN", "MAX", "COUNT", "LATEST", "MEAN", "UNIQUE"]),
        "",
    ),
    (
        "export-schedules",
        "groups",
        "objects",
        false,
        false,
        None,
        "items 0..100",
    ),
    (
        "export-schedules",
        "groups.groupType",
        "enum",
        true,
        false,
        Some(&["ACCOUNT", "DIMENSION", "TIME"]),
        "",
    ),
    (
        "export-schedules",
        "groups.meterId",
        "id",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "groups.fieldCode",
        "fieldCode",
        true,
        false,
        None,
        "",
    ),
    (
        "export-schedules",
        "groups.frequency",
        "enum",
        true,
        false,
        Some(&["HOUR", "DAY", "WEEK", "MONTH", "QUARTER"]),
        "",
    ),
    (
        "export-destinations",
        "name",
        "text",
        true,
        false,
        None,
        "max 200",
    ),
    ("export-destinations", "code", "code", true, false, None, ""),
    (
        "export-destinations",
        "destinationType",
        "enum",
        true,
        false,
        Some(&["S3", "GCS"]),
        "",
    ),
    (
        "export-destinations",
        "bucketName",
        "text",
        true,
        false,
        None,
        "max 63",
    ),
    (
        "export-destinations",
        "prefix",
        "text",
        false,
        false,
        None,
        "",
    ),
    (
        "export-destinations",
        "partitionOrder",
        "enum",
        false,
        false,
        Some(&["TYPE_FIRST", "TIME_FIRST"]),
        "",
    ),
    (
        "export-destinations",
        "iamRoleArn",
        "text",
        true,
        false,
        None,
        "",
    ),
    (
        "export-destinations",
        "projectNumber",
        "text",
        true,
        false,
        None,
        "",
    ),
    (
        "export-destinations",
        "poolId",
        "text",
        true,
        false,
        None,
        "",
    ),
    (
        "export-destinations",
        "providerId",
        "text",
        true,
        false,
        None,
        "",
    ),
    (
        "export-destinations",
        "serviceAccountEmail",
        "text",
        false,
        false,
        None,
        "",
    ),
    ("balances", "name", "text", true, false, None, ""),
    ("balances", "code", "code", true, false, None, ""),
    ("balances", "accountId", "id", true, false, None, ""),
    ("balances", "currency", "text", true, false, None, ""),
    ("balances", "amount", "number", false, true, None, ""),
    ("balances", "description", "text", false, false, None, ""),
    ("balances", "startDate", "dateTime", true, false, None, ""),
    ("balances", "endDate", "dateTime", true, false, None, ""),
    (
        "balances",
        "rolloverAmount",
        "number",
        false,
        false,
        None,
        "min Some(0.0)",
    ),
    (
        "balances",
        "rolloverEndDate",
        "dateTime",
        false,
        false,
        None,
        "",
    ),
    (
        "balances",
        "balanceDrawDownDescription",
        "text",
        false,
        false,
        None,
        "max 200",
    ),
    (
        "balances",
        "overageSurchargePercent",
        "number",
        false,
        false,
        None,
        "min Some(0.0)",
    ),
    (
        "balances",
        "overageDescription",
        "text",
        false,
        false,
        None,
        "max 200",
    ),
    ("balances", "productIds", "ids", false, false, None, ""),
    (
        "balances",
        "lineItemTypes",
        "enums",
        false,
        false,
        Some(&[
            "STANDING_CHARGE",
            "USAGE",
            "MINIMUM_SPEND",
            "COUNTER_RUNNING_TOTAL_CHARGE",
            "COUNTER_ADJUSTMENT_DEBIT",
            "AD_HOC",
        ]),
        "",
    ),
    ("balances", "contractId", "id", false, false, None, ""),
    (
        "balances",
        "consumptionsAccountingProductId",
        "id",
        false,
        false,
        None,
        "",
    ),
    (
        "balances",
        "feesAccountingProductId",
        "id",
        false,
        false,
        None,
        "",
    ),
    ("balances", "allowOverdraft", "bool", false, false, None, ""),
    (
        "balances",
        "customFields",
        "customFields",
        false,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "name",
        "text",
        true,
        false,
        None,
        "max 200",
    ),
    (
        "transaction-schedules",
        "code",
        "code",
        true,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "balanceId",
        "id",
        false,
        true,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "amount",
        "number",
        true,
        false,
        None,
        "min Some(0.0)",
    ),
    (
        "transaction-schedules",
        "transactionDescription",
        "text",
        true,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "transactionTypeId",
        "id",
        true,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "frequency",
        "enum",
        true,
        false,
        Some(&["DAILY", "WEEKLY", "MONTHLY", "ANNUALLY"]),
        "",
    ),
    (
        "transaction-schedules",
        "frequencyInterval",
        "integer",
        true,
        false,
        None,
        "int Some(1)..Some(365)",
    ),
    (
        "transaction-schedules",
        "startDate",
        "dateTime",
        true,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "endDate",
        "dateTime",
        true,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "paid",
        "number",
        false,
        false,
        None,
        "min Some(0.0)",
    ),
    (
        "transaction-schedules",
        "currencyPaid",
        "text",
        false,
        false,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "nextRun",
        "dateTime",
        false,
        true,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "previousRun",
        "dateTime",
        false,
        true,
        None,
        "",
    ),
    (
        "transaction-schedules",
        "customFields",
        "customFields",
        false,
        false,
        None,
        "",
    ),
    (
        "statement-jobs",
        "statementJobStatus",
        "enum",
        false,
        true,
        Some(&["PENDING", "RUNNING", "COMPLETE", "CANCELLED", "FAILED"]),
        "",
    ),
    ("statement-jobs", "billId", "id", true, false, None, ""),
    (
        "statement-jobs",
        "includeCsvFormat",
        "bool",
        false,
        false,
        None,
        "",
    ),
    (
        "statement-jobs",
        "filters",
        "object",
        false,
        false,
        None,
        "",
    ),
    (
        "statement-jobs",
        "filters.meterIds",
        "ids",
        false,
        false,
        None,
        "",
    ),
    ("statement-jobs", "orgId", "id", false, true, None, ""),
    (
        "statement-jobs",
        "presignedJsonStatementUrl",
        "url",
        false,
        true,
        None,
        "",
    ),
    (
        "statement-jobs",
        "jsonStatementStatus",
        "enum",
        false,
        true,
        Some(&["LATEST", "STALE", "INVALIDATED"]),
        "",
    ),
    (
        "statement-jobs",
        "presignedCsvStatementUrl",
        "url",
        false,
        true,
        None,
        "",
    ),
    (
        "statement-jobs",
        "csvStatementStatus",
        "enum",
        false,
        true,
        Some(&["LATEST", "STALE", "INVALIDATED"]),
        "",
    ),
    (
        "statement-jobs#batch",
        "billIds",
        "ids",
        true,
        false,
        None,
        "",
    ),
    (
        "statement-jobs#batch",
        "includeCsvFormat",
        "bool",
        false,
        false,
        None,
        "",
    ),
    (
        "statement-jobs#batch",
        "filters",
        "object",
        false,
        false,
        None,
        "",
    ),
    (
        "statement-jobs#batch",
        "filters.meterIds",
        "ids",
        false,
        false,
        None,
        "",
    ),
];

/// Where the catalogue differs from the old hand-written models, and why it is right.
const DIFFERENCES: &[(&str, &str, &str)] = &[
    ("export-schedules", "dimensionFilters", "the old model capped the list at 100 items; m3ter's document sets no limit"),
    ("export-schedules", "aggregations", "the old model capped the list at 100 items; m3ter's document sets no limit"),
    ("export-schedules", "groups", "the old model capped the list at 100 items; m3ter's document sets no limit"),
    ("export-schedules", "dimensionFilters.fieldCode", "a reference to a meter's field code: the document gives it no pattern (m3ter checks it against the meter)"),
    ("export-schedules", "aggregations.fieldCode", "a reference to a meter's field code: the document gives it no pattern (m3ter checks it against the meter)"),
    ("export-schedules", "groups.fieldCode", "a reference to a meter's field code: the document gives it no pattern (m3ter checks it against the meter)"),
    ("export-schedules", "groups.groupType", "optional in the document; an item without it keeps every field it has (the form still starts each group on a type)"),
    ("export-destinations", "destinationType", "optional in the document: a destination without a type is an S3 one (the overlay's default variant)"),
    ("export-destinations", "poolId", "an identifier of Google Cloud's, not of m3ter's: an id field with no link, checked as a non-empty string as before"),
    ("export-destinations", "providerId", "an identifier of Google Cloud's, not of m3ter's: an id field with no link, checked as a non-empty string as before"),
    ("balances", "overageSurchargePercent", "the document sets no minimum; the overlay keeps the old rule that it is at least 0"),
    ("transaction-schedules", "paid", "the document sets no minimum for the paid amount; the old model's 0 was our assumption"),
];

fn find(fields: &'static [Field], path: &str) -> Option<&'static Field> {
    let mut current = fields;
    let mut found = None;
    for key in path.split('.') {
        let f = current.iter().find(|f| f.key == key)?;
        current = match &f.kind {
            Kind::Objects { fields, .. } | Kind::Object(fields) => fields,
            _ => &[],
        };
        found = Some(f);
    }
    found
}

fn class(f: &Field) -> &'static str {
    match &f.kind {
        Kind::Text {
            check: Check::Code, ..
        } => "code",
        Kind::Text {
            check: Check::FieldCode,
            ..
        } => "fieldCode",
        Kind::Text {
            check: Check::Url, ..
        } => "url",
        Kind::Text { .. } if f.key.ends_with("Url") => "url",
        Kind::Text { .. } => "text",
        Kind::Id { .. } => "id",
        Kind::Ids { .. } => "ids",
        Kind::Strings { .. } => "strings",
        Kind::Integer { .. } => "integer",
        Kind::Number { .. } => "number",
        Kind::Bool => "bool",
        Kind::DateTime => "dateTime",
        Kind::Date => "date",
        Kind::Enum(_) => "enum",
        Kind::Enums { .. } => "enums",
        Kind::CustomFields => "customFields",
        Kind::Map(_) => "map",
        Kind::Object(_) => "object",
        Kind::Objects { .. } => "objects",
        Kind::Any => "any",
    }
}

fn bounds(f: &Field) -> String {
    match &f.kind {
        Kind::Text { max, .. } if *max > 0 => format!("max {max}"),
        Kind::Integer { min, max } => format!(
            "int {}..{}",
            min.map_or("None".into(), |m| format!("Some({m})")),
            max.map_or("None".into(), |m| format!("Some({m})"))
        ),
        Kind::Number { min: Some(m), .. } => format!("min Some({m:?})"),
        Kind::Objects { min, max, .. } => format!("items {min}..{max}"),
        _ => String::new(),
    }
}

#[test]
fn the_catalogue_says_what_the_hand_written_models_said() {
    let mut found = Vec::new();
    for (res, path, kind, required, read_only, values, bound) in GOLDEN {
        let (key, batch) = match res.split_once('#') {
            Some((k, _)) => (k, true),
            None => (*res, false),
        };
        let r = resource(key).expect("resource");
        let fields = if batch {
            r.actions
                .iter()
                .find(|a| a.key == "batch")
                .map_or(&[][..], |a| a.body)
        } else {
            r.fields
        };
        let o = m3ter_models::resources::overlay(key);
        let Some(f) = find(fields, path) else {
            found.push(format!("{res} {path}: missing"));
            continue;
        };
        let mut say = |what: &str, old: String, new: String| {
            if old != new {
                found.push(format!("{res} {path} {what}: {old} → {new}"));
            }
        };
        say("kind", (*kind).into(), class(f).into());
        say("required", required.to_string(), f.required.to_string());
        say(
            "read-only",
            read_only.to_string(),
            overlay::read_only(o, path, f).to_string(),
        );
        let enum_values = match &f.kind {
            Kind::Enum(e) => Some(e.values),
            Kind::Enums { values, .. } => Some(values.values),
            _ => None,
        };
        let sorted = |v: Option<&[&str]>| {
            v.map(|v| {
                let mut v = v.to_vec();
                v.sort_unstable();
                v.join(",")
            })
            .unwrap_or_default()
        };
        say("values", sorted(*values), sorted(enum_values));
        if !bound.is_empty() {
            say("bounds", (*bound).into(), bounds(f));
        }
    }
    let unexplained: Vec<&String> = found
        .iter()
        .filter(|d| {
            !DIFFERENCES
                .iter()
                .any(|(res, path, _)| d.starts_with(&format!("{res} {path} ")))
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "{} differences without a reason:\n{}",
        unexplained.len(),
        unexplained
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
