//! Balance Transaction Schedules: recurring top-ups of a balance. They live under a balance.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{Action, FieldKind, FieldMeta, Link, ResourceMeta, IDS_FILTER};
use crate::open_enum;
use crate::validate::{is_valid_transaction_type_id, Check, Obj};

open_enum!(
    ScheduleFrequency, "Frequency" {
        Daily = "DAILY" => "Daily",
        Weekly = "WEEKLY" => "Weekly",
        Monthly = "MONTHLY" => "Monthly",
        Annually = "ANNUALLY" => "Annually",
    }
);

/// The writable fields, shared by the request and the response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionScheduleFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_paid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    /// Exclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<ScheduleFrequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_interval: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Extra>,
}

/// `POST`/`PUT …/balancetransactionschedules` and `POST …/preview`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TransactionScheduleRequest {
    #[serde(flatten)]
    pub fields: TransactionScheduleFields,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A balance transaction schedule as the API returns it (also the preview answer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionSchedule {
    #[serde(flatten)]
    pub audit: Audit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_id: Option<String>,
    #[serde(flatten)]
    pub fields: TransactionScheduleFields,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_run: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_run: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The rules for a transaction schedule request body (also the preview's).
pub(crate) fn rules(c: &mut Check<'_>, o: &Obj<'_>) {
    c.text("name", o.str("name"), true, 1, 200);
    c.code("code", o.str("code"));
    c.number("amount", o.num("amount"), true, Some(0.0));
    c.text(
        "transactionDescription",
        o.str("transactionDescription"),
        true,
        1,
        usize::MAX,
    );
    c.text("transactionTypeId", o.str("transactionTypeId"), true, 1, 36);
    if let Some(id) = o.str("transactionTypeId") {
        if !is_valid_transaction_type_id(id) {
            c.fail(
                "transactionTypeId",
                "may only contain letters, digits and hyphens",
            );
        }
    }
    for key in ["startDate", "endDate", "frequency"] {
        if !o.has(key) {
            c.fail(key, "is required");
        }
    }
    if let (Some(start), Some(end)) = (o.date("startDate"), o.date("endDate")) {
        if end <= start {
            c.fail(
                "endDate",
                "must be after the start date (the end date is exclusive)",
            );
        }
    }
    c.integer(
        "frequencyInterval",
        o.int("frequencyInterval"),
        true,
        1,
        365,
    );
    c.number("paid", o.num("paid"), false, Some(0.0));
    if o.has("paid") && o.str("currencyPaid").is_none_or(str::is_empty) {
        c.fail("currencyPaid", "is required when a paid amount is set");
    }
    c.custom_fields("customFields", o.map("customFields"));
}

pub static TRANSACTION_SCHEDULE_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "name",
        "Name",
        FieldKind::Text {
            max: Some(200),
            multiline: false,
        },
    )
    .required(),
    FieldMeta::new("code", "Code", FieldKind::Code).required(),
    FieldMeta::new(
        "balanceId",
        "Balance",
        FieldKind::Id(Some(Link::Detail("balances"))),
    )
    .read_only(),
    FieldMeta::new("amount", "Amount", FieldKind::Number { min: Some(0.0) })
        .required()
        .help("The amount of each generated transaction."),
    FieldMeta::new(
        "transactionDescription",
        "Transaction description",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required(),
    FieldMeta::new("transactionTypeId", "Transaction type", FieldKind::Id(None))
        .required()
        .help("A transaction type id (letters, digits and hyphens)."),
    FieldMeta::new(
        "frequency",
        "Frequency",
        FieldKind::Enum(&ScheduleFrequency::META),
    )
    .required(),
    FieldMeta::new(
        "frequencyInterval",
        "Every",
        FieldKind::Integer {
            min: Some(1),
            max: Some(365),
        },
    )
    .required()
    .help("Every N frequency units: Monthly with 3 means quarterly."),
    FieldMeta::new("startDate", "Start date", FieldKind::DateTime).required(),
    FieldMeta::new("endDate", "End date", FieldKind::DateTime)
        .required()
        .help("Exclusive: no transaction on or after this date."),
    FieldMeta::new("paid", "Paid", FieldKind::Number { min: Some(0.0) })
        .help("The payment amount, when the payment currency differs from the balance's."),
    FieldMeta::new(
        "currencyPaid",
        "Paid currency",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    ),
    FieldMeta::new("nextRun", "Next run", FieldKind::DateTime).read_only(),
    FieldMeta::new("previousRun", "Previous run", FieldKind::DateTime).read_only(),
    FieldMeta::new("customFields", "Custom fields", FieldKind::CustomFields),
];

pub static TRANSACTION_SCHEDULES: ResourceMeta = ResourceMeta {
    key: "transaction-schedules",
    singular: "Balance transaction schedule",
    plural: "Balance transaction schedules",
    noun: "transaction schedule",
    path: "balances/{balanceId}/balancetransactionschedules",
    parent: Some(("balances", "balanceId")),
    page_size_max: 200,
    columns: &[
        "name",
        "code",
        "amount",
        "frequency",
        "frequencyInterval",
        "nextRun",
        "endDate",
    ],
    fields: TRANSACTION_SCHEDULE_FIELDS,
    filters: &[IDS_FILTER],
    exclusive_filters: false,
    actions: &[
        Action::Create,
        Action::Edit,
        Action::Delete,
        Action::Preview,
    ],
    title_field: "name",
    note: "",
    batch_fields: &[],
};

/// The dates a schedule creates transactions on: from `start`, every `interval` × `frequency`, before
/// the exclusive `end`; at most `limit` of them. Unknown frequencies and bad intervals yield none.
pub fn occurrences(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    frequency: &ScheduleFrequency,
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
            ScheduleFrequency::Daily => start.checked_add_days(chrono::Days::new(u64::from(k))),
            ScheduleFrequency::Weekly => {
                start.checked_add_days(chrono::Days::new(u64::from(k) * 7))
            }
            // Counting from the start keeps the day of month (31 Jan → 28 Feb → 31 Mar).
            ScheduleFrequency::Monthly => start.checked_add_months(chrono::Months::new(k)),
            ScheduleFrequency::Annually => {
                start.checked_add_months(chrono::Months::new(k.checked_mul(12)?))
            }
            ScheduleFrequency::Unknown(_) => None,
        }
    };
    (0..)
        .map_while(step)
        .take_while(|t| *t < end)
        .take(limit)
        .collect()
}

/// The last run at or before `now` and the next run after it.
pub fn runs_around(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    frequency: &ScheduleFrequency,
    interval: i64,
    now: DateTime<Utc>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let mut previous = None;
    for t in occurrences(start, end, frequency, interval, 100_000) {
        if t > now {
            return (previous, Some(t));
        }
        previous = Some(t);
    }
    (previous, None)
}
