//! Data export schedules: Operational or Usage (by `sourceType`), run every N minutes, hours or days.

use crate::catalogue::When;
use crate::overlay::{Forms, Note, Operation, Overlay, Unit};
use crate::validate::{Checker, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "export-schedules",
    noun: "schedule",
    title: "name",
    columns: &[
        "code",
        "sourceType",
        "scheduleType",
        "period",
        "exportFileFormat",
        "dtLastModified",
    ],
    note: "Schedule times (period and offset) are in UTC.",
    fields: &[
        Note::at("period").unit(&PERIOD_UNIT),
        Note::at("offset").unit(&OFFSET_UNIT).unless(&MINUTE),
        Note::at("exportFileFormat").label("File format"),
        Note::at("destinationIds").link("export-destinations"),
        Note::at("groups.groupType").label("Group by"),
        Note::at("groups.frequency").label("Time bucket"),
    ],
    values: &[
        ("scheduleType", "HOUR", "Hourly"),
        ("scheduleType", "DAY", "Daily"),
        ("scheduleType", "MINUTE", "Every N minutes"),
        ("exportFileFormat", "JSONL", "JSON Lines"),
        ("timePeriod", "TODAY", "Today (until the run)"),
        ("aggregations.function", "MIN", "Minimum"),
        ("aggregations.function", "MAX", "Maximum"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "export-schedules",
    help: &[
        ("sourceType", "Operational exports configuration data; Usage exports measurements."),
        ("scheduleType", "Times are UTC."),
        ("period", "How many schedule-type units between runs (every 15 minutes at most, every 3 days at least)."),
        ("offset", "Start offset within the period: minutes for HOUR, hours for DAY (UTC)."),
        ("destinationIds", "Without a destination the export is not pushed anywhere, but its file can be downloaded."),
        ("aggregations", "Once set, only aggregated fields are exported."),
        ("groups", "Only meaningful with aggregations."),
    ],
    rules: Some(rules),
    ..Forms::NONE
};

static MINUTE: When = When::new("scheduleType", &["MINUTE"]);
static PERIOD_UNIT: Unit = Unit {
    key: "scheduleType",
    by: &[("HOUR", "hours"), ("DAY", "days"), ("MINUTE", "minutes")],
};
static OFFSET_UNIT: Unit = Unit {
    key: "scheduleType",
    by: &[("HOUR", "minutes"), ("DAY", "hours")],
};

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, op: Operation) {
    // A source type m3ter added after this console was made can only come from m3ter: an edit
    // keeps it (and every field of its variant) instead of refusing to save.
    if let Some(other) = o
        .str("sourceType")
        .filter(|s| op == Operation::Create && !matches!(*s, "OPERATIONAL" | "USAGE"))
    {
        c.fail(
            "sourceType",
            format!("must be OPERATIONAL or USAGE (got {other})"),
        );
    }
    let schedule_type = o.str("scheduleType");
    match schedule_type {
        None | Some("HOUR" | "DAY" | "MINUTE") => {}
        // Ad hoc schedules come from m3ter (ad hoc exports); they can be edited as they are.
        Some("AD_HOC") if op == Operation::Update => {}
        Some(_) => c.fail("scheduleType", "must be HOUR, DAY or MINUTE"),
    }
    // Runs are at most every 15 minutes and at least every 3 days.
    let bounds = match schedule_type {
        Some("MINUTE") => Some((15, 4320, "minutes")),
        Some("HOUR") => Some((1, 72, "hours")),
        Some("DAY") => Some((1, 3, "days")),
        _ => None,
    };
    match (o.int("period"), bounds) {
        (Some(period), Some((min, max, unit))) if period < min || period > max => c.fail(
            "period",
            format!("must be between {min} and {max} {unit} (runs are at most every 15 minutes and at least every 3 days)"),
        ),
        (None, Some(_)) => c.fail("period", "is required with a schedule type"),
        _ => {}
    }
    if o.has("offset") && schedule_type == Some("MINUTE") {
        c.fail("offset", "is not valid for MINUTE schedules");
    }
}
