//! Balance transaction schedules: transactions a balance receives on a schedule, and the dates a
//! schedule creates them on (the preview and the sandbox's `nextRun`/`previousRun`).

use chrono::{DateTime, Utc};

use crate::overlay::{ActionNote, Note, Operation, Overlay};
use crate::validate::{Checker, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "transaction-schedules",
    noun: "transaction schedule",
    title: "name",
    // The preview works out the schedule's runs and saves nothing.
    actions: &[ActionNote::new("preview", "Preview transactions").reads()],
    columns: &[
        "code",
        "amount",
        "frequency",
        "frequencyInterval",
        "nextRun",
        "endDate",
    ],
    fields: &[
        Note::at("balanceId").read_only(),
        Note::at("amount").help("The amount of each generated transaction."),
        Note::at("transactionTypeId").help("A transaction type id (letters, digits and hyphens)."),
        Note::at("frequencyInterval")
            .label("Every")
            .help("Every N frequency units: Monthly with 3 means quarterly."),
        Note::at("endDate").help("Exclusive: no transaction on or after this date."),
        Note::at("paid")
            .help("The payment amount, when the payment currency differs from the balance's."),
        Note::at("currencyPaid").label("Paid currency"),
    ],
    rules: Some(rules),
    ..Overlay::NONE
};

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    if let (Some(start), Some(end)) = (o.date("startDate"), o.date("endDate")) {
        if end <= start {
            c.fail(
                "endDate",
                "must be after the start date (the end date is exclusive)",
            );
        }
    }
    if o.has("paid") && o.str("currencyPaid").is_none_or(str::is_empty) {
        c.fail("currencyPaid", "is required when a paid amount is set");
    }
}

/// How often a schedule runs (the catalogue's `frequency` values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Annually,
}

impl Frequency {
    pub fn of(wire: &str) -> Option<Frequency> {
        match wire {
            "DAILY" => Some(Frequency::Daily),
            "WEEKLY" => Some(Frequency::Weekly),
            "MONTHLY" => Some(Frequency::Monthly),
            "ANNUALLY" => Some(Frequency::Annually),
            _ => None,
        }
    }
}

/// The dates a schedule creates transactions on: from `start`, every `interval` × `frequency`, before
/// the exclusive `end`; at most `limit` of them. Bad intervals yield none.
pub fn occurrences(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    frequency: Frequency,
    interval: i64,
    limit: usize,
) -> Vec<DateTime<Utc>> {
    let Ok(interval) = u32::try_from(interval) else {
        return Vec::new();
    };
    if interval == 0 || interval > 365 {
        return Vec::new();
    }
    let step = |n: u32| -> Option<DateTime<Utc>> {
        let k = n.checked_mul(interval)?;
        match frequency {
            Frequency::Daily => start.checked_add_days(chrono::Days::new(u64::from(k))),
            Frequency::Weekly => start.checked_add_days(chrono::Days::new(u64::from(k) * 7)),
            // Counting from the start keeps the day of month (31 Jan → 28 Feb → 31 Mar).
            Frequency::Monthly => start.checked_add_months(chrono::Months::new(k)),
            Frequency::Annually => {
                start.checked_add_months(chrono::Months::new(k.checked_mul(12)?))
            }
        }
    };
    let mut out = Vec::new();
    let mut n = 0u32;
    while out.len() < limit {
        match step(n) {
            Some(t) if t < end => out.push(t),
            _ => break,
        }
        n += 1;
    }
    out
}

/// The last run at or before `at` and the next one after it.
pub fn runs_around(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    frequency: Frequency,
    interval: i64,
    at: DateTime<Utc>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let mut previous = None;
    for t in occurrences(start, end, frequency, interval, 100_000) {
        if t <= at {
            previous = Some(t);
        } else {
            return (previous, Some(t));
        }
    }
    (previous, None)
}
