//! Data Export Schedules (Operational and Usage variants) and their nested objects.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{Action, FieldKind, FieldMeta, Link, ResourceMeta, IDS_FILTER};
use crate::validate::{index, Check, Obj};
use crate::{open_enum, tagged_union};

open_enum!(
    /// Which data a schedule exports.
    SourceType, "Source type" {
        Operational = "OPERATIONAL" => "Operational",
        Usage = "USAGE" => "Usage",
    }
);

open_enum!(
    /// How often a schedule runs. `AD_HOC` appears only in responses.
    ScheduleType, "Schedule type" {
        Hour = "HOUR" => "Hourly",
        Day = "DAY" => "Daily",
        Minute = "MINUTE" => "Every N minutes",
        AdHoc = "AD_HOC" => "Ad hoc",
    }
);

open_enum!(
    ExportFileFormat, "File format" {
        Csv = "CSV" => "CSV",
        Jsonl = "JSONL" => "JSON Lines",
    }
);

open_enum!(
    /// The 20 operational data types; each produces its own file per run.
    OperationalDataType, "Operational data type" {
        Bills = "BILLS" => "Bills",
        Commitments = "COMMITMENTS" => "Commitments",
        Accounts = "ACCOUNTS" => "Accounts",
        Balances = "BALANCES" => "Balances",
        Contracts = "CONTRACTS" => "Contracts",
        AccountPlans = "ACCOUNT_PLANS" => "Account plans",
        Aggregations = "AGGREGATIONS" => "Aggregations",
        Plans = "PLANS" => "Plans",
        Pricing = "PRICING" => "Pricing",
        PricingBands = "PRICING_BANDS" => "Pricing bands",
        BillLineItems = "BILL_LINE_ITEMS" => "Bill line items",
        Meters = "METERS" => "Meters",
        Products = "PRODUCTS" => "Products",
        CompoundAggregations = "COMPOUND_AGGREGATIONS" => "Compound aggregations",
        PlanGroups = "PLAN_GROUPS" => "Plan groups",
        PlanGroupLinks = "PLAN_GROUP_LINKS" => "Plan group links",
        PlanTemplates = "PLAN_TEMPLATES" => "Plan templates",
        BalanceTransactions = "BALANCE_TRANSACTIONS" => "Balance transactions",
        TransactionTypes = "TRANSACTION_TYPES" => "Transaction types",
        Charges = "CHARGES" => "Charges",
    }
);

open_enum!(
    /// The window of usage each run covers.
    TimePeriod, "Time period" {
        Today = "TODAY" => "Today (until the run)",
        Yesterday = "YESTERDAY" => "Yesterday",
        WeekToDate = "WEEK_TO_DATE" => "Week to date",
        MonthToDate = "MONTH_TO_DATE" => "Month to date",
        YearToDate = "YEAR_TO_DATE" => "Year to date",
        PreviousWeek = "PREVIOUS_WEEK" => "Previous week",
        PreviousMonth = "PREVIOUS_MONTH" => "Previous month",
        PreviousQuarter = "PREVIOUS_QUARTER" => "Previous quarter",
        PreviousYear = "PREVIOUS_YEAR" => "Previous year",
        Last12Hours = "LAST_12_HOURS" => "Last 12 hours",
        Last7Days = "LAST_7_DAYS" => "Last 7 days",
        Last30Days = "LAST_30_DAYS" => "Last 30 days",
        Last35Days = "LAST_35_DAYS" => "Last 35 days",
        Last90Days = "LAST_90_DAYS" => "Last 90 days",
        Last120Days = "LAST_120_DAYS" => "Last 120 days",
        LastYear = "LAST_YEAR" => "Last year",
    }
);

open_enum!(
    AggregationFieldType, "Field type" {
        Dimension = "DIMENSION" => "Dimension",
        Measure = "MEASURE" => "Measure",
    }
);

open_enum!(
    AggregationFunction, "Function" {
        Sum = "SUM" => "Sum",
        Min = "MIN" => "Minimum",
        Max = "MAX" => "Maximum",
        Count = "COUNT" => "Count",
        Latest = "LATEST" => "Latest",
        Mean = "MEAN" => "Mean",
        Unique = "UNIQUE" => "Unique",
    }
);

open_enum!(
    GroupType, "Group by" {
        Account = "ACCOUNT" => "Account",
        Dimension = "DIMENSION" => "Dimension",
        Time = "TIME" => "Time",
    }
);

open_enum!(
    TimeGroupFrequency, "Time bucket" {
        Hour = "HOUR" => "Hour",
        Day = "DAY" => "Day",
        Week = "WEEK" => "Week",
        Month = "MONTH" => "Month",
        Quarter = "QUARTER" => "Quarter",
    }
);

/// Aggregate exported usage. All four fields are required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Aggregation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<AggregationFieldType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<AggregationFunction>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Keep only the listed values of a dimension field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_code: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountGroup {
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_code: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<TimeGroupFrequency>,
    #[serde(flatten)]
    pub extra: Extra,
}

tagged_union! {
    /// Group aggregated data by account, a dimension, or time.
    DataExplorerGroup by "groupType" {
        Account = "ACCOUNT" (AccountGroup),
        Dimension = "DIMENSION" (DimensionGroup),
        Time = "TIME" (TimeGroup),
    }
    unknown Unknown
}

/// Fields common to both request variants.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRequestBase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_type: Option<ScheduleType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cron_expression: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_file_format: Option<ExportFileFormat>,
    /// Update only: must equal the stored version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationalScheduleRequest {
    #[serde(flatten)]
    pub base: ScheduleRequestBase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operational_data_types: Option<Vec<OperationalDataType>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The usage-only fields, shared by the usage request and response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_period: Option<TimePeriod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension_filters: Option<Vec<DimensionFilter>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregations: Option<Vec<Aggregation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<DataExplorerGroup>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageScheduleRequest {
    #[serde(flatten)]
    pub base: ScheduleRequestBase,
    #[serde(flatten)]
    pub usage: UsageFields,
    #[serde(flatten)]
    pub extra: Extra,
}

tagged_union! {
    /// `POST`/`PUT /dataexports/schedules`: the variant is chosen by `sourceType`.
    DataExportScheduleRequest by "sourceType" {
        Operational = "OPERATIONAL" (OperationalScheduleRequest),
        Usage = "USAGE" (UsageScheduleRequest),
    }
}

/// Fields common to both response variants; also the list item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleResponseBase {
    #[serde(flatten)]
    pub audit: Audit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_type: Option<ScheduleType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cron_expression: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_file_format: Option<ExportFileFormat>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationalSchedule {
    #[serde(flatten)]
    pub base: ScheduleResponseBase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operational_data_types: Option<Vec<OperationalDataType>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageSchedule {
    #[serde(flatten)]
    pub base: ScheduleResponseBase,
    #[serde(flatten)]
    pub usage: UsageFields,
    #[serde(flatten)]
    pub extra: Extra,
}

tagged_union! {
    /// A schedule as the API returns it (retrieve, create, update, delete, list item).
    DataExportSchedule by "sourceType" {
        Operational = "OPERATIONAL" (OperationalSchedule),
        Usage = "USAGE" (UsageSchedule),
    }
    unknown Unknown
}

impl DataExportSchedule {
    pub fn base(&self) -> Option<&ScheduleResponseBase> {
        match self {
            Self::Operational(s) => Some(&s.base),
            Self::Usage(s) => Some(&s.base),
            Self::Unknown(_) => None,
        }
    }
}

open_enum!(
    DataExportJobStatus, "Job status" {
        Pending = "PENDING" => "Pending",
        Running = "RUNNING" => "Running",
        Succeeded = "SUCCEEDED" => "Succeeded",
        Failed = "FAILED" => "Failed",
    }
);

/// One run of a schedule (all fields read-only).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataExportJob {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<SourceType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DataExportJobStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /dataexports/jobs/{id}/getdownloadurl`: a presigned URL for a job's file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadUrl {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_time: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Usage-only keys: not allowed on an operational schedule.
const USAGE_KEYS: &[&str] = &[
    "timePeriod",
    "meterIds",
    "accountIds",
    "dimensionFilters",
    "aggregations",
    "groups",
];

/// The rules for a schedule request body; which fields apply depends on `sourceType`.
pub(crate) fn rules(c: &mut Check<'_>, o: &Obj<'_>) {
    let source = o.str("sourceType");
    match source {
        None => c.fail("sourceType", "is required (OPERATIONAL or USAGE)"),
        Some("OPERATIONAL" | "USAGE") => {}
        Some(other) => c.fail(
            "sourceType",
            format!("must be OPERATIONAL or USAGE (got {other})"),
        ),
    }
    c.text("name", o.str("name"), true, 1, usize::MAX);
    c.code("code", o.str("code"));
    if let Some(ids) = o.strings("destinationIds") {
        c.non_empty_items("destinationIds", &ids);
    }
    let schedule_type = o.str("scheduleType");
    if let Some(t) = schedule_type {
        if !matches!(t, "HOUR" | "DAY" | "MINUTE") {
            c.fail("scheduleType", "must be HOUR, DAY or MINUTE");
        }
    }
    // Runs are at most every 15 minutes and at least every 3 days.
    let (min_period, max_period, unit) = match schedule_type {
        Some("MINUTE") => (15, 4320, "minutes"),
        Some("HOUR") => (1, 72, "hours"),
        Some("DAY") => (1, 3, "days"),
        _ => (1, i64::MAX, ""),
    };
    match o.int("period") {
        Some(period) if period < min_period || period > max_period => {
            let msg = if unit.is_empty() {
                format!("must be at least {min_period}")
            } else {
                format!("must be between {min_period} and {max_period} {unit} (runs are at most every 15 minutes and at least every 3 days)")
            };
            c.fail("period", msg);
        }
        None if schedule_type.is_some() => c.fail("period", "is required with a schedule type"),
        _ => {}
    }
    if let Some(offset) = o.int("offset") {
        if schedule_type == Some("MINUTE") {
            c.fail("offset", "is not valid for MINUTE schedules");
        } else if offset < 1 {
            c.fail("offset", "must be at least 1");
        }
    }
    match source {
        Some("OPERATIONAL") => {
            match o.list("operationalDataTypes") {
                None => c.fail("operationalDataTypes", "is required"),
                Some(types) => c.items("operationalDataTypes", types.len(), 1, usize::MAX),
            }
            for key in USAGE_KEYS.iter().filter(|k| o.has(k)) {
                c.fail(key, "is only valid for USAGE schedules");
            }
        }
        Some("USAGE") => {
            usage_rules(c, o);
            if o.has("operationalDataTypes") {
                c.fail(
                    "operationalDataTypes",
                    "is only valid for OPERATIONAL schedules",
                );
            }
        }
        _ => {}
    }
}

/// One item of a list of objects, with its own path.
fn each<'a>(c: &mut Check<'_>, o: &Obj<'a>, key: &str, mut f: impl FnMut(&mut Check<'_>, Obj<'a>)) {
    for (i, item) in o.list(key).into_iter().flatten().enumerate() {
        let path = index(&c.path(key), i);
        let mut ic = Check::new(&path, c.errors());
        f(&mut ic, Obj::of(item));
    }
}

fn usage_rules(c: &mut Check<'_>, o: &Obj<'_>) {
    if !o.has("timePeriod") {
        c.fail("timePeriod", "is required");
    }
    for key in ["meterIds", "accountIds"] {
        if let Some(ids) = o.strings(key) {
            c.non_empty_items(key, &ids);
        }
    }
    each(c, o, "dimensionFilters", |fc, f| {
        fc.text("meterId", f.str("meterId"), true, 1, usize::MAX);
        fc.text("fieldCode", f.str("fieldCode"), true, 1, usize::MAX);
        let values = f.strings("values").unwrap_or_default();
        fc.items("values", values.len(), 1, usize::MAX);
        fc.non_empty_items("values", &values);
    });
    each(c, o, "aggregations", |ac, a| {
        ac.text("meterId", a.str("meterId"), true, 1, usize::MAX);
        ac.text("fieldCode", a.str("fieldCode"), true, 1, usize::MAX);
        for key in ["fieldType", "function"] {
            if !a.has(key) {
                ac.fail(key, "is required");
            }
        }
    });
    each(c, o, "groups", |gc, g| match g.str("groupType") {
        None => gc.fail("groupType", "is required (ACCOUNT or DIMENSION or TIME)"),
        Some("DIMENSION") => {
            gc.text("meterId", g.str("meterId"), true, 1, usize::MAX);
            gc.text("fieldCode", g.str("fieldCode"), true, 1, usize::MAX);
        }
        Some("TIME") => {
            if !g.has("frequency") {
                gc.fail("frequency", "is required");
            }
        }
        // ACCOUNT has no fields; a group type we do not know is passed on as it is.
        Some(_) => {}
    });
}

static AGGREGATION_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "meterId",
        "Meter",
        FieldKind::Id(Some(Link::Detail("meters"))),
    )
    .required(),
    FieldMeta::new("fieldCode", "Field code", FieldKind::FieldCode).required(),
    FieldMeta::new(
        "fieldType",
        "Field type",
        FieldKind::Enum(&AggregationFieldType::META),
    )
    .required(),
    FieldMeta::new(
        "function",
        "Function",
        FieldKind::Enum(&AggregationFunction::META),
    )
    .required(),
];

static DIMENSION_FILTER_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "meterId",
        "Meter",
        FieldKind::Id(Some(Link::Detail("meters"))),
    )
    .required(),
    FieldMeta::new("fieldCode", "Field code", FieldKind::FieldCode).required(),
    FieldMeta::new("values", "Values", FieldKind::StringList).required(),
];

static GROUP_FIELDS: &[FieldMeta] = &[
    FieldMeta::new("groupType", "Group by", FieldKind::Enum(&GroupType::META)).required(),
    FieldMeta::new(
        "meterId",
        "Meter",
        FieldKind::Id(Some(Link::Detail("meters"))),
    )
    .required()
    .when("groupType", &["DIMENSION"]),
    FieldMeta::new("fieldCode", "Field code", FieldKind::FieldCode)
        .required()
        .when("groupType", &["DIMENSION"]),
    FieldMeta::new(
        "frequency",
        "Time bucket",
        FieldKind::Enum(&TimeGroupFrequency::META),
    )
    .required()
    .when("groupType", &["TIME"]),
];

const USAGE: &[&str] = &["USAGE"];
const OPERATIONAL: &[&str] = &["OPERATIONAL"];

pub static SCHEDULE_FIELDS: &[FieldMeta] = &[
    FieldMeta::new("name", "Name", FieldKind::Text { max: None, multiline: false }).required(),
    FieldMeta::new("code", "Code", FieldKind::Code).required(),
    FieldMeta::new("sourceType", "Source type", FieldKind::Enum(&SourceType::META))
        .required()
        .help("Operational exports configuration data; Usage exports measurements."),
    FieldMeta::new("scheduleType", "Schedule type", FieldKind::Enum(&ScheduleType::META))
        .help("Times are UTC."),
    FieldMeta::new("period", "Period", FieldKind::Integer { min: Some(1), max: None })
        .help("How many schedule-type units between runs (every 15 minutes at most, every 3 days at least).")
        .unit_by("scheduleType", &[("HOUR", "hours"), ("DAY", "days"), ("MINUTE", "minutes")]),
    FieldMeta::new("offset", "Offset", FieldKind::Integer { min: Some(1), max: None })
        .help("Start offset within the period: minutes for HOUR, hours for DAY (UTC).")
        .unit_by("scheduleType", &[("HOUR", "minutes"), ("DAY", "hours")])
        .unless("scheduleType", &["MINUTE"]),
    FieldMeta::new("cronExpression", "Cron expression", FieldKind::Text { max: None, multiline: false }),
    FieldMeta::new("exportFileFormat", "File format", FieldKind::Enum(&ExportFileFormat::META)),
    FieldMeta::new("destinationIds", "Destinations", FieldKind::IdList(Some(Link::Detail("export-destinations"))))
        .help("Without a destination the export is not pushed anywhere, but its file can be downloaded."),
    FieldMeta::new("operationalDataTypes", "Operational data types", FieldKind::EnumList(&OperationalDataType::META))
        .required()
        .when("sourceType", OPERATIONAL),
    FieldMeta::new("timePeriod", "Time period", FieldKind::Enum(&TimePeriod::META))
        .required()
        .when("sourceType", USAGE),
    FieldMeta::new("meterIds", "Meters", FieldKind::IdList(Some(Link::Detail("meters")))).when("sourceType", USAGE),
    FieldMeta::new("accountIds", "Accounts", FieldKind::IdList(None)).when("sourceType", USAGE),
    FieldMeta::new(
        "dimensionFilters",
        "Dimension filters",
        FieldKind::Objects { fields: DIMENSION_FILTER_FIELDS, min: 0, max: 100, item_label: "Dimension filter" },
    )
    .when("sourceType", USAGE),
    FieldMeta::new(
        "aggregations",
        "Aggregations",
        FieldKind::Objects { fields: AGGREGATION_FIELDS, min: 0, max: 100, item_label: "Aggregation" },
    )
    .help("Once set, only aggregated fields are exported.")
    .when("sourceType", USAGE),
    FieldMeta::new(
        "groups",
        "Groups",
        FieldKind::Objects { fields: GROUP_FIELDS, min: 0, max: 100, item_label: "Group" },
    )
    .help("Only meaningful with aggregations.")
    .when("sourceType", USAGE),
];

pub static DATA_EXPORT_SCHEDULES: ResourceMeta = ResourceMeta {
    key: "export-schedules",
    singular: "Data export schedule",
    plural: "Data export schedules",
    noun: "schedule",
    path: "dataexports/schedules",
    parent: None,
    page_size_max: 100,
    columns: &[
        "name",
        "code",
        "sourceType",
        "scheduleType",
        "period",
        "exportFileFormat",
        "dtLastModified",
    ],
    fields: SCHEDULE_FIELDS,
    filters: &[IDS_FILTER],
    exclusive_filters: false,
    actions: &[Action::Create, Action::Edit, Action::Delete],
    title_field: "name",
    note: "Schedule times (period and offset) are in UTC.",
    batch_fields: &[],
};
