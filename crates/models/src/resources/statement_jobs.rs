//! Statement jobs: asynchronous generation of a bill's statement (JSON, and CSV when asked), created
//! one at a time or in a batch, cancellable while pending or running.

use serde_json::Value;

use crate::catalogue::{Enum, FilterKind, Match};
use crate::overlay::{ActionNote, FilterNote, Forms, Note, Operation, Overlay};
use crate::validate::{index, Checker, FieldError, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "statement-jobs",
    noun: "job",
    // Named by its id: the bill it is for is a column that names that bill (an id as the title
    // would head the page with a bare UUID of another entity).
    columns: &[
        "billId",
        "statementJobStatus",
        "includeCsvFormat",
        "dtCreated",
        "dtLastModified",
    ],
    fields: &[
        Note::at("statementJobStatus").label("Status"),
        Note::at("includeCsvFormat").label("Include CSV"),
        Note::at("filters.meterIds").label("Only these meters"),
        Note::at("billIds").label("Bill IDs"),
        Note::at("orgId").label("Organization"),
        Note::at("presignedJsonStatementUrl").label("JSON statement"),
        Note::at("presignedCsvStatementUrl").label("CSV statement"),
        Note::at("jsonStatementStatus").label("JSON statement status"),
        Note::at("csvStatementStatus").label("CSV statement status"),
    ],
    filters: &[
        FilterNote::at("active", "Active only")
            .help("TRUE: neither completed nor cancelled")
            .kind(&FilterKind::Flag),
        FilterNote::at("status", "Status")
            .kind(&FilterKind::Enum(&STATUS))
            .matches(&Match::Equals("statementJobStatus")),
        FilterNote::at("billId", "Bill ID"),
    ],
    exclusive_filters: true,
    filter_rules: Some(filter_rules),
    actions: &[
        ActionNote::new("cancel", "Cancel job").destructive(),
        ActionNote::new("batch", "Batch create"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "statement-jobs",
    help: &[
        (
            "includeCsvFormat",
            "Also produce a CSV statement; JSON is always produced.",
        ),
        (
            "filters.meterIds",
            "At most 10; only usage line items for these meters.",
        ),
        (
            "billIds",
            "1 to 10 bill ids, one per line; one statement job is created for each.",
        ),
    ],
    confirms: &[
        ("cancel", "The statement will not be generated."),
        (
            "batch",
            "One statement job is created for each bill listed.",
        ),
    ],
    rules: Some(rules),
    available: &[("cancel", |job| {
        cancellable(job.get("statementJobStatus").and_then(Value::as_str))
    })],
    under_way: Some(("statementJobStatus", &["PENDING", "RUNNING"])),
    ..Forms::NONE
};

static STATUS: Enum = Enum::new(&["PENDING", "RUNNING", "COMPLETE", "CANCELLED", "FAILED"]);

/// Why a job in this status cannot be cancelled (`None`: it can). Only pending or running ones can.
pub fn cancellable(status: Option<&str>) -> Option<String> {
    match status {
        Some("PENDING" | "RUNNING") => None,
        Some("COMPLETE") => Some("This job has already completed.".into()),
        Some("CANCELLED") => Some("This job is already cancelled.".into()),
        Some("FAILED") => {
            Some("This job has failed; only pending or running jobs can be cancelled.".into())
        }
        Some(other) => Some(format!(
            "Only pending or running jobs can be cancelled (this one is {other})."
        )),
        None => Some("The job's status is not known.".into()),
    }
}

/// A batch names each bill once.
fn rules(c: &mut Checker<'_>, o: &Obj<'_>, op: Operation) {
    if op != Operation::Action("batch") {
        return;
    }
    let ids = o.strings("billIds").unwrap_or_default();
    for (i, id) in ids.iter().enumerate() {
        if !id.is_empty() && ids.iter().take(i).any(|earlier| earlier == id) {
            let p = index(&c.path("billIds"), i);
            c.errors().push(FieldError::new(p, "is listed twice"));
        }
    }
}

/// The API accepts at most one of `active`, `status` and `billId` (else 400).
fn filter_rules(get: &dyn Fn(&str) -> Option<String>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let set: Vec<&str> = ["active", "status", "billId"]
        .into_iter()
        .filter(|k| get(k).is_some_and(|v| !v.is_empty()))
        .collect();
    if let [first, second, ..] = set.as_slice() {
        errors.push(FieldError::new(
            *second,
            format!("cannot be combined with {first}: use only one of active, status and billId"),
        ));
    }
    if let Some(active) = get("active").filter(|a| !a.is_empty()) {
        if !matches!(active.to_ascii_uppercase().as_str(), "TRUE" | "FALSE") {
            errors.push(FieldError::new("active", "must be TRUE or FALSE"));
        }
    }
    errors
}
