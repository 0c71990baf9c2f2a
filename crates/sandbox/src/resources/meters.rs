//! Meters: the demo set (`--seed N` makes N of them), most of them on a product.

use serde_json::json;

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "meters",
    seed: Some(seed),
    ..Behaviour::NONE
};

const KINDS: &[(&str, &str, &str, &str)] = &[
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

fn seed(s: &mut Seeder) {
    let n = s.meters;
    for i in 0..n {
        let (label, code, measure, unit) = KINDS[i % KINDS.len()];
        let round = i / KINDS.len();
        let (name, code) = if round == 0 {
            (label.to_owned(), code.to_owned())
        } else {
            (
                format!("{label} {}", round + 1),
                format!("{code}_{}", round + 1),
            )
        };
        let created = s.tick(if n > 1000 { 1 } else { 53 });
        let modified = created + s.below(3) * 1440;
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
            body["productId"] = json!(s.pick("products", i));
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
        s.add("meters", "", body, created, modified);
    }
}
