//! Counters (what an account has a number of: seats, projects) and their adjustments (the count
//! an account has from a date on). The demo's counters count what a customer buys by the unit,
//! each on a product, and each account's count changes a few times over the year.

use serde_json::json;

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static COUNTERS: Behaviour = Behaviour {
    key: "counters",
    seed: Some(counters),
    seeds_after: &["products"],
    ..Behaviour::NONE
};

pub static ADJUSTMENTS: Behaviour = Behaviour {
    key: "counter-adjustments",
    seed: Some(adjustments),
    seeds_after: &["counters", "accounts"],
    ..Behaviour::NONE
};

/// (name, code, unit) of the demo's counters.
const COUNTED: [(&str, &str, &str); 3] = [
    ("Seats", "seats", "seat"),
    ("Active projects", "active_projects", "project"),
    ("Named users", "named_users", "user"),
];

fn counters(s: &mut Seeder) {
    for i in 0..COUNTED.len() + s.scale {
        let (name, code, unit) = COUNTED[i % COUNTED.len()];
        let round = i / COUNTED.len();
        let (name, code) = match round {
            0 => (name.to_owned(), code.to_owned()),
            n => (format!("{name} {}", n + 1), format!("{code}_{}", n + 1)),
        };
        let body = json!({
            "name": name, "code": code, "unit": unit, "productId": s.pick("products", i),
        });
        let created = s.tick(41);
        s.add(
            "counters",
            "",
            body,
            created,
            created + (i as u64 % 2) * 1440,
        );
    }
}

/// When each account's count changes, and what it becomes (before the account's own scale).
const CHANGES: [(&str, i64); 3] = [("2025-01-01", 10), ("2025-04-01", 12), ("2025-07-01", 15)];

fn adjustments(s: &mut Seeder) {
    let accounts = s.ids("accounts").len().min(3 + s.scale);
    for a in 0..accounts {
        let (account, counter) = (s.pick("accounts", a), s.pick("counters", a));
        for (n, (date, value)) in CHANGES.iter().enumerate() {
            let body = json!({
                "accountId": account, "counterId": counter, "date": date,
                "value": value * (a as i64 + 1),
                "purchaseOrderNumber": format!("PO-{}", 1001 + a * 10 + n),
            });
            let created = s.tick(29);
            s.add("counter-adjustments", "", body, created, created);
        }
    }
}
