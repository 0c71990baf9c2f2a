//! The runs of a repeating schedule (a balance's transactions, its charges): the previous and next
//! one around now, from the schedule's own dates, frequency and interval fields.

use chrono::{DateTime, Utc};
use m3ter_models::resources::transaction_schedules::{runs_around, Frequency};
use serde_json::Value;

use crate::entity::stamp;

/// Which fields of a schedule hold its period and its repetition.
pub struct Fields {
    pub start: &'static str,
    pub end: &'static str,
    pub frequency: &'static str,
    pub interval: &'static str,
}

/// Sets `previousRun` and `nextRun` (null where there is none); a schedule without valid dates or
/// frequency is left as it is.
pub fn set(schedule: &mut Value, fields: &Fields, at: DateTime<Utc>) {
    let text = |k: &str| schedule.get(k).and_then(Value::as_str);
    let date = |k| text(k).and_then(|s| s.parse::<DateTime<Utc>>().ok());
    let (Some(start), Some(end), Some(frequency)) = (
        date(fields.start),
        date(fields.end),
        text(fields.frequency).and_then(Frequency::of),
    ) else {
        return;
    };
    let interval = schedule
        .get(fields.interval)
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let (previous, next) = runs_around(
        start.timestamp_millis(),
        end.timestamp_millis(),
        frequency,
        interval,
        at.timestamp_millis(),
    );
    let stamped = |t: Option<i64>| {
        t.and_then(DateTime::from_timestamp_millis)
            .map_or(Value::Null, stamp)
    };
    schedule["previousRun"] = stamped(previous);
    schedule["nextRun"] = stamped(next);
}
