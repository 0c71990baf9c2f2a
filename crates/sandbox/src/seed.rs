//! Deterministic demo data: the same ids and values on every start.
//!
//! The default set is small but covers every resource, both schedule variants, both destination types
//! and every statement-job status; `--seed N` asks for N meters (10,000 works) and scales the rest.

use serde_json::{json, Value};

use crate::auth::mix;
use crate::store::Store;

/// The user id that "created" everything (and that the sandbox writes as `lastModifiedBy`).
pub const SANDBOX_USER: &str = "2e9f4c1d-8a7b-4f3e-b6d5-1c0e9a8b7f64";

/// Number of meters in the default demo set.
pub const DEFAULT_METERS: usize = 24;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(1);
        mix(self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn uuid(&mut self) -> String {
        uuid_from(self.next(), self.next())
    }
}

/// A UUID-v4-shaped string from two random words.
pub fn uuid_from(a: u64, b: u64) -> String {
    let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
    let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// `2025-01-06T09:00:00Z` plus `minutes`.
fn at(minutes: u64) -> String {
    let base = chrono::DateTime::parse_from_rfc3339("2025-01-06T09:00:00Z")
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    (base + chrono::Duration::minutes(minutes as i64))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn audit(id: &str, created: u64, modified: u64) -> Value {
    json!({
        "id": id, "version": 1 + (modified - created) / 1440,
        "dtCreated": at(created), "dtLastModified": at(modified),
        "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
    })
}

fn merge(mut base: Value, more: Value) -> Value {
    if let (Some(b), Value::Object(m)) = (base.as_object_mut(), more) {
        b.extend(m);
    }
    base
}

const METER_KINDS: &[(&str, &str, &str, &str)] = &[
    ("API Requests", "api_requests", "requests", "{request}"),
    ("Storage GB-hours", "storage_gb_hours", "gb_hours", "GBy.h"),
    ("Compute minutes", "compute_minutes", "minutes", "min"),
    ("Data transfer out", "data_transfer_out", "bytes_out", "By"),
    ("Active users", "active_users", "users", "{user}"),
    ("Messages sent", "messages_sent", "messages", "{message}"),
    (
        "Transcription minutes",
        "transcription_minutes",
        "audio_minutes",
        "min",
    ),
    (
        "Webhook deliveries",
        "webhook_deliveries",
        "deliveries",
        "{delivery}",
    ),
    ("Search queries", "search_queries", "queries", "{query}"),
    ("Build minutes", "build_minutes", "build_minutes", "min"),
    ("Tokens processed", "tokens_processed", "tokens", "{token}"),
    ("Seats", "seats", "seats", "{seat}"),
];

pub struct Seeded {
    pub store: Store,
}

/// Builds the demo data. `meters`: how many meters (`None`: the default small set).
pub fn seed(meters: Option<usize>, org: &str, public_url: &str) -> Seeded {
    let mut rng = Rng(0x6D33_7465_7200_0001);
    let mut store = Store::default();
    let n_meters = meters.unwrap_or(DEFAULT_METERS);
    let scale = n_meters / 500;

    let products: Vec<String> = (0..4).map(|_| rng.uuid()).collect();
    let accounts: Vec<String> = (0..5).map(|_| rng.uuid()).collect();
    let mut minute = 0u64;
    let mut tick = |step: u64| {
        minute += step;
        minute
    };

    // Destinations first: schedules refer to them.
    let mut destinations = Vec::new();
    let dest_specs = [
        (
            "Finance S3 bucket",
            "finance_s3",
            "S3",
            "acme-m3ter-exports",
            "m3ter/prod",
            "TIME_FIRST",
        ),
        (
            "Analytics GCS bucket",
            "analytics_gcs",
            "GCS",
            "acme-analytics",
            "m3ter",
            "TYPE_FIRST",
        ),
        (
            "Archive S3 bucket",
            "archive_s3",
            "S3",
            "acme-archive",
            "",
            "TIME_FIRST",
        ),
    ];
    for (name, code, kind, bucket, prefix, order) in dest_specs {
        let id = rng.uuid();
        let created = tick(97);
        let mut body = json!({
            "name": name, "code": code, "destinationType": kind, "bucketName": bucket,
            "partitionOrder": order,
        });
        if !prefix.is_empty() {
            body["prefix"] = json!(prefix);
        }
        if kind == "S3" {
            body["iamRoleArn"] = json!("arn:aws:iam::123456789012:role/m3ter-export-writer");
        } else {
            body["projectNumber"] = json!("482915730214");
            body["poolId"] = json!("m3ter-pool");
            body["providerId"] = json!("m3ter-provider");
            body["serviceAccountEmail"] =
                json!("m3ter-export@acme-analytics.iam.gserviceaccount.com");
        }
        store.put(
            "export-destinations",
            merge(audit(&id, created, created), body),
        );
        destinations.push(id);
    }

    // Meters.
    let mut meter_ids = Vec::new();
    for i in 0..n_meters {
        let (label, code, measure, unit) = METER_KINDS[i % METER_KINDS.len()];
        let round = i / METER_KINDS.len();
        let (name, code) = if round == 0 {
            (label.to_owned(), code.to_owned())
        } else {
            (
                format!("{label} {}", round + 1),
                format!("{code}_{}", round + 1),
            )
        };
        let id = rng.uuid();
        let created = tick(if n_meters > 1000 { 1 } else { 53 });
        let modified = created + rng.below(3) * 1440;
        let mut body = json!({
            "name": name, "code": code,
            "dataFields": [
                {"category": "WHO", "code": "customer_id", "name": "Customer ID"},
                {"category": "WHERE", "code": "region", "name": "Region"},
                {"category": "MEASURE", "code": measure, "name": label, "unit": unit},
            ],
            "derivedFields": [],
        });
        if i % 5 != 4 {
            body["productId"] = json!(products[i % products.len()]);
        }
        if i % 3 == 0 {
            if let Some(fields) = body["dataFields"].as_array_mut() {
                fields.push(
                    json!({"category": "METADATA", "code": "plan_tier", "name": "Plan tier"}),
                );
            }
        }
        if i % 4 == 1 {
            body["derivedFields"] = json!([{
                "category": "MEASURE", "code": format!("{measure}_thousands"), "name": format!("{label} (thousands)"),
                "unit": unit, "calculation": format!("{measure} / 1000"),
            }]);
        }
        if i % 6 == 2 {
            let team = ["platform", "billing", "data"][i % 3];
            body["customFields"] = json!({"team": team, "costCentre": 4000 + i as i64});
        }
        store.put("meters", merge(audit(&id, created, modified), body));
        meter_ids.push(id);
    }

    // Schedules refer to a meter even when asked for none.
    if meter_ids.is_empty() {
        meter_ids.push(rng.uuid());
    }

    // Schedules: both variants, every schedule type.
    let n_schedules = 4 + scale;
    for i in 0..n_schedules {
        let id = rng.uuid();
        let created = tick(71);
        let suffix = if i < 4 {
            String::new()
        } else {
            format!(" {}", i + 1)
        };
        let code_suffix = if i < 4 {
            String::new()
        } else {
            format!("_{}", i + 1)
        };
        let body = match i % 4 {
            0 => json!({
                "name": format!("Nightly operational export{suffix}"), "code": format!("nightly_ops{code_suffix}"),
                "sourceType": "OPERATIONAL", "operationalDataTypes": ["ACCOUNTS", "BILLS", "BALANCES"],
                "scheduleType": "DAY", "period": 1, "offset": 3, "exportFileFormat": "JSONL",
                "destinationIds": [destinations[0]],
            }),
            1 => json!({
                "name": format!("Daily API usage export{suffix}"), "code": format!("daily_api_usage{code_suffix}"),
                "sourceType": "USAGE", "timePeriod": "YESTERDAY", "scheduleType": "DAY", "period": 1, "offset": 2,
                "exportFileFormat": "CSV", "destinationIds": [destinations[0], destinations[1]],
                "meterIds": [meter_ids[0]], "accountIds": [accounts[0]],
                "aggregations": [
                    {"meterId": meter_ids[0], "fieldCode": "requests", "fieldType": "MEASURE", "function": "SUM"},
                    {"meterId": meter_ids[0], "fieldCode": "region", "fieldType": "DIMENSION", "function": "UNIQUE"},
                ],
                "dimensionFilters": [{"meterId": meter_ids[0], "fieldCode": "region", "values": ["eu-west-1", "us-east-1"]}],
                "groups": [
                    {"groupType": "ACCOUNT"},
                    {"groupType": "DIMENSION", "meterId": meter_ids[0], "fieldCode": "region"},
                    {"groupType": "TIME", "frequency": "DAY"},
                ],
            }),
            2 => json!({
                "name": format!("Hourly bills export{suffix}"), "code": format!("hourly_bills{code_suffix}"),
                "sourceType": "OPERATIONAL", "operationalDataTypes": ["BILLS", "BILL_LINE_ITEMS"],
                "scheduleType": "HOUR", "period": 6, "offset": 15, "exportFileFormat": "CSV",
                "destinationIds": [destinations[2]],
            }),
            _ => json!({
                "name": format!("Half-hourly usage snapshot{suffix}"), "code": format!("usage_30m{code_suffix}"),
                "sourceType": "USAGE", "timePeriod": "LAST_12_HOURS", "scheduleType": "MINUTE", "period": 30,
                "exportFileFormat": "JSONL", "meterIds": meter_ids.iter().take(3).cloned().collect::<Vec<_>>(),
            }),
        };
        store.put(
            "export-schedules",
            merge(audit(&id, created, created + 1440), body),
        );
    }

    // Balances, each with 0–3 transaction schedules.
    let n_balances = 6 + scale;
    for i in 0..n_balances {
        let id = rng.uuid();
        let created = tick(131);
        let currency = ["USD", "GBP", "EUR"][i % 3];
        let year = 2025 + (i % 2) as i64;
        let mut body = json!({
            "name": format!("Prepaid credit {year}{}", if i < 2 { String::new() } else { format!(" #{}", i + 1) }),
            "code": format!("prepaid_{year}_{}", i + 1),
            "description": "Annual prepaid top-up",
            "accountId": accounts[i % accounts.len()], "currency": currency,
            "amount": (5000 - (i as i64 * 730) % 4000) as f64,
            "startDate": format!("{year}-01-01T00:00:00Z"), "endDate": format!("{}-01-01T00:00:00Z", year + 1),
            "balanceDrawDownDescription": "Prepaid credit applied",
            "productIds": [products[i % products.len()]], "lineItemTypes": ["USAGE", "STANDING_CHARGE"],
            "allowOverdraft": i % 4 == 3,
        });
        if i % 2 == 0 {
            body["rolloverAmount"] = json!(500.0);
            body["rolloverEndDate"] = json!(format!("{}-03-01T00:00:00Z", year + 1));
            body["overageSurchargePercent"] = json!(10.0);
            body["overageDescription"] = json!("Usage above prepaid credit");
        }
        if i % 3 == 1 {
            body["customFields"] = json!({"salesforceId": format!("0061x00000AbC{i:02}")});
        }
        store.put("balances", merge(audit(&id, created, created), body));
        for k in 0..(i % 4) {
            let bts_id = rng.uuid();
            let c = tick(7);
            let (freq, interval, amount) = [
                ("MONTHLY", 1, 250.0),
                ("WEEKLY", 2, 60.0),
                ("ANNUALLY", 1, 3000.0),
            ][k];
            let label = ["Monthly", "Fortnightly", "Yearly"][k];
            let mut bts = json!({
                "balanceId": id, "name": format!("{label} top-up"),
                "code": format!("topup_{}_{}", i + 1, k + 1), "amount": amount,
                "transactionDescription": "Scheduled prepaid top-up",
                "transactionTypeId": rng.uuid(),
                "startDate": format!("{year}-01-01T00:00:00Z"), "endDate": format!("{}-01-01T00:00:00Z", year + 1),
                "frequency": freq, "frequencyInterval": interval,
            });
            if k == 0 && currency != "EUR" {
                bts["paid"] = json!(amount * 0.92);
                bts["currencyPaid"] = json!("EUR");
            }
            crate::resources::set_runs(&mut bts, chrono::Utc::now());
            store.put("transaction-schedules", merge(audit(&bts_id, c, c), bts));
        }
    }

    // Statement jobs: every status. Seeded jobs keep their status (only jobs created through the API
    // advance), so the demo and the tests always have PENDING and RUNNING jobs to cancel.
    let statuses = [
        "COMPLETE",
        "FAILED",
        "COMPLETE",
        "CANCELLED",
        "COMPLETE",
        "RUNNING",
        "PENDING",
        "RUNNING",
        "PENDING",
    ];
    let n_jobs = 9 + scale;
    for i in 0..n_jobs {
        let id = rng.uuid();
        let bill = rng.uuid();
        let created = tick(17);
        let status = statuses[i % statuses.len()];
        let csv = i % 2 == 0;
        let mut body = json!({
            "orgId": org, "billId": bill, "statementJobStatus": status, "includeCsvFormat": csv,
        });
        if i % 3 == 0 {
            body["filters"] = json!({"meterIds": [meter_ids[i % meter_ids.len()]]});
        }
        if status == "COMPLETE" {
            crate::resources::complete_statement(&mut body, &id, public_url);
        }
        store.put(
            "statement-jobs",
            merge(audit(&id, created, created + 1), body),
        );
    }
    Seeded { store }
}
