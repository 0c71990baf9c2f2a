//! Data export schedules: both variants and every schedule type in the demo data.

use serde_json::json;

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "export-schedules",
    seed: Some(seed),
    ..Behaviour::NONE
};

fn seed(s: &mut Seeder) {
    let dest = |s: &mut Seeder, n: usize| s.pick("export-destinations", n);
    let meters: Vec<String> = s.ids("meters").iter().take(3).cloned().collect();
    let meter = s.pick("meters", 0);
    let account = s.pick("accounts", 0);
    for i in 0..4 + s.scale {
        let created = s.tick(71);
        let (suffix, code_suffix) = if i < 4 {
            (String::new(), String::new())
        } else {
            (format!(" {}", i + 1), format!("_{}", i + 1))
        };
        let body = match i % 4 {
            0 => json!({
                "name": format!("Nightly operational export{suffix}"), "code": format!("nightly_ops{code_suffix}"),
                "sourceType": "OPERATIONAL", "operationalDataTypes": ["ACCOUNTS", "BILLS", "BALANCES"],
                "scheduleType": "DAY", "period": 1, "offset": 3, "exportFileFormat": "JSONL",
                "destinationIds": [dest(s, 0)],
            }),
            1 => json!({
                "name": format!("Daily API usage export{suffix}"), "code": format!("daily_api_usage{code_suffix}"),
                "sourceType": "USAGE", "timePeriod": "YESTERDAY", "scheduleType": "DAY", "period": 1, "offset": 2,
                "exportFileFormat": "CSV", "destinationIds": [dest(s, 0), dest(s, 1)],
                "meterIds": [meter], "accountIds": [account],
                "aggregations": [
                    {"meterId": meter, "fieldCode": "requests", "fieldType": "MEASURE", "function": "SUM"},
                    {"meterId": meter, "fieldCode": "region", "fieldType": "DIMENSION", "function": "UNIQUE"},
                ],
                "dimensionFilters": [{"meterId": meter, "fieldCode": "region", "values": ["eu-west-1", "us-east-1"]}],
                "groups": [
                    {"groupType": "ACCOUNT"},
                    {"groupType": "DIMENSION", "meterId": meter, "fieldCode": "region"},
                    {"groupType": "TIME", "frequency": "DAY"},
                ],
            }),
            2 => json!({
                "name": format!("Hourly bills export{suffix}"), "code": format!("hourly_bills{code_suffix}"),
                "sourceType": "OPERATIONAL", "operationalDataTypes": ["BILLS", "BILL_LINE_ITEMS"],
                "scheduleType": "HOUR", "period": 6, "offset": 15, "exportFileFormat": "CSV",
                "destinationIds": [dest(s, 2)],
            }),
            _ => json!({
                "name": format!("Half-hourly usage snapshot{suffix}"), "code": format!("usage_30m{code_suffix}"),
                "sourceType": "USAGE", "timePeriod": "LAST_12_HOURS", "scheduleType": "MINUTE", "period": 30,
                "exportFileFormat": "JSONL", "meterIds": meters,
            }),
        };
        s.add("export-schedules", "", body, created, created + 1440);
    }
}
