//! Balance transaction schedules: transactions a balance receives on a schedule, and the dates a
//! schedule creates them on (the preview and the sandbox's `nextRun`/`previousRun`).

use crate::overlay::{ActionNote, Forms, Note, Operation, Overlay};
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
        Note::at("frequencyInterval").label("Every"),
        Note::at("currencyPaid").label("Paid currency"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "transaction-schedules",
    help: &[
        ("amount", "The amount of each generated transaction."),
        (
            "transactionTypeId",
            "A transaction type id (letters, digits and hyphens).",
        ),
        (
            "frequencyInterval",
            "Every N frequency units: Monthly with 3 means quarterly.",
        ),
        (
            "endDate",
            "Exclusive: no transaction on or after this date.",
        ),
        (
            "paid",
            "The payment amount, when the payment currency differs from the balance's.",
        ),
    ],
    rules: Some(rules),
    ..Forms::NONE
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

/// The instants (ms since the epoch, UTC) a schedule creates transactions at: from `start`, every
/// `interval` × `frequency`, before the exclusive `end`; at most `limit` of them. Bad intervals
/// yield none.
pub fn occurrences(
    start: i64,
    end: i64,
    frequency: Frequency,
    interval: i64,
    limit: usize,
) -> Vec<i64> {
    use crate::time::{add_months, DAY_MS};
    let Ok(interval) = u32::try_from(interval) else {
        return Vec::new();
    };
    if interval == 0 || interval > 365 {
        return Vec::new();
    }
    let days = |n: u32| start.checked_add(i64::from(n).checked_mul(DAY_MS)?);
    let step = |n: u32| -> Option<i64> {
        let k = n.checked_mul(interval)?;
        match frequency {
            Frequency::Daily => days(k),
            Frequency::Weekly => days(k.checked_mul(7)?),
            // Counting from the start keeps the day of month (31 Jan → 28 Feb → 31 Mar).
            Frequency::Monthly => add_months(start, k),
            Frequency::Annually => add_months(start, k.checked_mul(12)?),
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

/// The last run at or before `at` and the next one after it (ms since the epoch).
pub fn runs_around(
    start: i64,
    end: i64,
    frequency: Frequency,
    interval: i64,
    at: i64,
) -> (Option<i64>, Option<i64>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_rfc3339;

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).expect(s)
    }

    #[test]
    fn monthly_runs_keep_the_day_of_month_where_the_month_has_it() {
        let runs = occurrences(
            at("2024-01-31T09:30:00Z"),
            at("2024-06-01T00:00:00Z"),
            Frequency::Monthly,
            1,
            100,
        );
        let want = [
            "2024-01-31T09:30:00Z",
            "2024-02-29T09:30:00Z",
            "2024-03-31T09:30:00Z",
            "2024-04-30T09:30:00Z",
            "2024-05-31T09:30:00Z",
        ];
        assert_eq!(runs, want.map(at));
    }

    #[test]
    fn runs_step_by_the_interval_and_stop_before_the_end() {
        let (start, end) = (at("2025-12-30T00:00:00Z"), at("2026-01-13T00:00:00Z"));
        let weekly = occurrences(start, end, Frequency::Weekly, 1, 100);
        assert_eq!(
            weekly,
            ["2025-12-30T00:00:00Z", "2026-01-06T00:00:00Z"].map(at)
        );
        let daily = occurrences(start, end, Frequency::Daily, 5, 100);
        assert_eq!(
            daily,
            [
                "2025-12-30T00:00:00Z",
                "2026-01-04T00:00:00Z",
                "2026-01-09T00:00:00Z"
            ]
            .map(at)
        );
        let yearly = occurrences(
            at("2024-02-29T00:00:00Z"),
            at("2029-01-01T00:00:00Z"),
            Frequency::Annually,
            2,
            100,
        );
        assert_eq!(
            yearly,
            [
                "2024-02-29T00:00:00Z",
                "2026-02-28T00:00:00Z",
                "2028-02-29T00:00:00Z"
            ]
            .map(at)
        );
        assert_eq!(occurrences(start, end, Frequency::Daily, 1, 3).len(), 3);
        for bad in [0, -1, 366] {
            assert!(occurrences(start, end, Frequency::Daily, bad, 100).is_empty());
        }
        let (before, after) =
            runs_around(start, end, Frequency::Weekly, 1, at("2026-01-01T00:00:00Z"));
        assert_eq!(
            (before, after),
            (Some(start), Some(at("2026-01-06T00:00:00Z")))
        );
    }
}
