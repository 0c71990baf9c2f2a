//! Statement Jobs: asynchronous generation of bill statements (create, batch create, cancel).

use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{Action, FieldKind, FieldMeta, FilterKind, FilterMeta, Link, ResourceMeta};
use crate::open_enum;
use crate::validate::{index, Check, FieldError, Obj, Validate};

open_enum!(
    StatementJobStatus, "Status" {
        Pending = "PENDING" => "Pending",
        Running = "RUNNING" => "Running",
        Complete = "COMPLETE" => "Complete",
        Cancelled = "CANCELLED" => "Cancelled",
        Failed = "FAILED" => "Failed",
    }
);

impl StatementJobStatus {
    /// Only jobs that have not finished can be cancelled.
    pub fn is_cancellable(&self) -> bool {
        matches!(self, Self::Pending | Self::Running)
    }

    /// Why a job in this status cannot be cancelled, for the disabled button's description.
    pub fn why_not_cancellable(&self) -> Option<String> {
        match self {
            Self::Pending | Self::Running => None,
            Self::Complete => Some("This job has already completed.".into()),
            Self::Cancelled => Some("This job is already cancelled.".into()),
            Self::Failed => {
                Some("This job has failed; only pending or running jobs can be cancelled.".into())
            }
            Self::Unknown(s) => Some(format!(
                "Only pending or running jobs can be cancelled (this one is {s})."
            )),
        }
    }
}

open_enum!(
    StatementStatus, "Statement status" {
        Latest = "LATEST" => "Latest",
        Stale = "STALE" => "Stale",
        Invalidated = "INVALIDATED" => "Invalidated",
    }
);

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementJobFilters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meter_ids: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /statementjobs`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementJobRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_csv_format: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<StatementJobFilters>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /statementjobs/batch`; answered with a JSON array of jobs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementJobBatchRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_csv_format: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<StatementJobFilters>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A statement job as the API returns it (every field read-only).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementJob {
    #[serde(flatten)]
    pub audit: Audit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_job_status: Option<StatementJobStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_csv_format: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<StatementJobFilters>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presigned_json_statement_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_statement_status: Option<StatementStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presigned_csv_statement_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv_statement_status: Option<StatementStatus>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn filter_rules(c: &mut Check<'_>, o: &Obj<'_>) {
    if let Some(ids) = o.obj("filters").strings("meterIds") {
        c.items("filters.meterIds", ids.len(), 0, 10);
        c.non_empty_items("filters.meterIds", &ids);
    }
}

/// The rules for `POST /statementjobs`.
pub(crate) fn rules(c: &mut Check<'_>, o: &Obj<'_>) {
    c.text("billId", o.str("billId"), true, 1, usize::MAX);
    filter_rules(c, o);
}

/// The rules for `POST /statementjobs/batch`.
pub(crate) fn batch_rules(c: &mut Check<'_>, o: &Obj<'_>) {
    match o.strings("billIds") {
        None => c.fail("billIds", "is required (1 to 10 bill ids)"),
        Some(ids) => {
            c.items("billIds", ids.len(), 1, 10);
            c.non_empty_items("billIds", &ids);
            for (i, id) in ids.iter().enumerate() {
                if ids[..i].contains(id) && !id.is_empty() {
                    let p = index(&c.path("billIds"), i);
                    c.errors().push(FieldError::new(p, "is listed twice"));
                }
            }
        }
    }
    filter_rules(c, o);
}

/// The list filters `active`, `status` and `billId`: the API accepts at most one (else 400).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementJobListFilter<'a> {
    pub active: Option<&'a str>,
    pub status: Option<&'a str>,
    pub bill_id: Option<&'a str>,
}

impl Validate for StatementJobListFilter<'_> {
    fn validate_at(&self, path: &str, errors: &mut Vec<FieldError>) {
        let mut c = Check::new(path, errors);
        let set: Vec<&str> = [
            ("active", self.active),
            ("status", self.status),
            ("billId", self.bill_id),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some_and(|v| !v.is_empty()))
        .map(|(k, _)| k)
        .collect();
        if set.len() > 1 {
            c.fail(
                set[1],
                format!(
                    "cannot be combined with {}: use only one of active, status and billId",
                    set[0]
                ),
            );
        }
        if let Some(active) = self.active.filter(|a| !a.is_empty()) {
            if !matches!(active, "TRUE" | "FALSE") {
                c.fail("active", "must be TRUE or FALSE");
            }
        }
    }
}

static FILTER_FIELDS: &[FieldMeta] = &[FieldMeta::new(
    "meterIds",
    "Only these meters",
    FieldKind::IdList(Some(Link::Detail("meters"))),
)
.help("At most 10; only usage line items for these meters.")];

/// `POST /statementjobs/batch`: one job per bill.
pub static BATCH_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "billIds",
        "Bill IDs",
        FieldKind::IdList(Some(Link::Filter {
            resource: "statement-jobs",
            param: "billId",
        })),
    )
    .required()
    .help("1 to 10 bill ids, one per line; one statement job is created for each."),
    FieldMeta::new("includeCsvFormat", "Include CSV", FieldKind::Bool)
        .help("Also produce a CSV statement; JSON is always produced."),
    FieldMeta::new("filters", "Filters", FieldKind::Object(FILTER_FIELDS)),
];

pub static STATEMENT_JOB_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "statementJobStatus",
        "Status",
        FieldKind::Enum(&StatementJobStatus::META),
    )
    .read_only(),
    FieldMeta::new(
        "billId",
        "Bill",
        FieldKind::Id(Some(Link::Filter {
            resource: "statement-jobs",
            param: "billId",
        })),
    )
    .required(),
    FieldMeta::new("includeCsvFormat", "Include CSV", FieldKind::Bool)
        .help("Also produce a CSV statement; JSON is always produced."),
    FieldMeta::new("filters", "Filters", FieldKind::Object(FILTER_FIELDS)),
    FieldMeta::new("orgId", "Organization", FieldKind::Id(None)).read_only(),
    FieldMeta::new(
        "presignedJsonStatementUrl",
        "JSON statement",
        FieldKind::Url,
    )
    .read_only(),
    FieldMeta::new(
        "jsonStatementStatus",
        "JSON statement status",
        FieldKind::Enum(&StatementStatus::META),
    )
    .read_only(),
    FieldMeta::new("presignedCsvStatementUrl", "CSV statement", FieldKind::Url).read_only(),
    FieldMeta::new(
        "csvStatementStatus",
        "CSV statement status",
        FieldKind::Enum(&StatementStatus::META),
    )
    .read_only(),
];

pub static STATEMENT_JOBS: ResourceMeta = ResourceMeta {
    key: "statement-jobs",
    singular: "Statement job",
    plural: "Statement jobs",
    noun: "job",
    path: "statementjobs",
    parent: None,
    page_size_max: 100,
    columns: &[
        "billId",
        "statementJobStatus",
        "includeCsvFormat",
        "dtCreated",
        "dtLastModified",
        "id",
    ],
    fields: STATEMENT_JOB_FIELDS,
    filters: &[
        FilterMeta {
            param: "active",
            label: "Active only",
            kind: FilterKind::Flag,
            help: "TRUE: neither completed nor cancelled",
        },
        FilterMeta {
            param: "status",
            label: "Status",
            kind: FilterKind::Enum(&StatementJobStatus::META),
            help: "",
        },
        FilterMeta {
            param: "billId",
            label: "Bill ID",
            kind: FilterKind::One,
            help: "",
        },
    ],
    exclusive_filters: true,
    actions: &[Action::Create, Action::BatchCreate, Action::Cancel],
    title_field: "billId",
    note: "",
    batch_fields: BATCH_FIELDS,
};
