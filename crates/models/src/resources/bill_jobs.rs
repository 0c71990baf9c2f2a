//! Bill jobs: runs that create or recalculate bills, cancellable until they finish.

use serde_json::Value;

use crate::catalogue::FilterKind;
use crate::overlay::{ActionNote, FilterNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "bill-jobs",
    columns: &[
        "type",
        "status",
        "lastDateInBillingPeriod",
        "billingFrequency",
        "billDate",
        "total",
        "pending",
        "dtCreated",
    ],
    filters: &[FilterNote::at("active", "Active only")
        .help("Only jobs not yet completed or cancelled")
        .kind(&FilterKind::Flag)],
    actions: &[
        ActionNote::new("cancel", "Cancel bill job").destructive(),
        ActionNote::new("recalculate", "Recalculate bills"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "bill-jobs",
    confirms: &[
        (
            "cancel",
            "The job stops; bills it has not reached yet are not created or recalculated.",
        ),
        (
            "recalculate",
            "A new bill job recalculates the listed bills from current pricing and usage.",
        ),
    ],
    available: &[("cancel", |job| {
        cancellable(job.get("status").and_then(Value::as_str))
    })],
    under_way: Some(("status", &["PENDING", "INITIALIZING", "RUNNING"])),
    ..Forms::NONE
};

/// Why a bill job in this status cannot be cancelled (`None`: it can). Only unfinished ones can.
pub fn cancellable(status: Option<&str>) -> Option<String> {
    match status {
        Some("PENDING" | "INITIALIZING" | "RUNNING") => None,
        Some("COMPLETE") => Some("This bill job has already completed.".into()),
        Some("CANCELLED") => Some("This bill job is already cancelled.".into()),
        Some(other) => Some(format!(
            "Only pending, initializing or running bill jobs can be cancelled (this one is {other})."
        )),
        None => Some("The bill job's status is not known.".into()),
    }
}
