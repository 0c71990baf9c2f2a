//! m3ter's picklists (currencies, transaction types, credit and debit reasons): the short named
//! lists other entities pick from. The demo's are the kind an organization keeps, one archived in
//! each, so the archived filter has something to show.

use serde_json::json;

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static CURRENCIES: Behaviour = Behaviour {
    key: "currencies",
    seed: Some(currencies),
    ..Behaviour::NONE
};

pub static TRANSACTION_TYPES: Behaviour = Behaviour {
    key: "transaction-types",
    seed: Some(transaction_types),
    ..Behaviour::NONE
};

pub static CREDIT_REASONS: Behaviour = Behaviour {
    key: "credit-reasons",
    seed: Some(credit_reasons),
    ..Behaviour::NONE
};

pub static DEBIT_REASONS: Behaviour = Behaviour {
    key: "debit-reasons",
    seed: Some(debit_reasons),
    ..Behaviour::NONE
};

/// One entry: (name, code, archived).
type Entry = (&'static str, &'static str, bool);

fn add(
    s: &mut Seeder,
    key: &'static str,
    entries: &[Entry],
    more: impl Fn(usize) -> serde_json::Value,
) {
    for (i, (name, code, archived)) in entries.iter().enumerate() {
        let created = s.tick(17);
        let mut body = json!({ "name": name, "code": code, "archived": archived });
        if let (Some(b), serde_json::Value::Object(m)) = (body.as_object_mut(), more(i)) {
            b.extend(m);
        }
        // Archived entries were changed after they were made (archiving is an edit).
        let modified = if *archived {
            created + 2 * 1440
        } else {
            created
        };
        s.add(key, "", body, created, modified);
    }
}

fn currencies(s: &mut Seeder) {
    // The demo's bills and balances are in the first three.
    const ALL: [Entry; 5] = [
        ("US dollar", "USD", false),
        ("Pound sterling", "GBP", false),
        ("Euro", "EUR", false),
        ("Japanese yen", "JPY", false),
        ("Swiss franc", "CHF", true),
    ];
    add(s, "currencies", &ALL, |i| {
        let places = if ALL[i].1 == "JPY" { 0 } else { 2 };
        json!({ "maxDecimalPlaces": places, "roundingMode": "HALF_UP" })
    });
}

fn transaction_types(s: &mut Seeder) {
    const ALL: [Entry; 4] = [
        ("Prepayment", "prepayment", false),
        ("Top-up", "top_up", false),
        ("Goodwill adjustment", "goodwill", false),
        ("Migration opening balance", "migration", true),
    ];
    add(s, "transaction-types", &ALL, |_| json!({}));
}

fn credit_reasons(s: &mut Seeder) {
    const ALL: [Entry; 4] = [
        ("Service outage", "service_outage", false),
        ("Billing error", "billing_error", false),
        ("Goodwill gesture", "goodwill", false),
        ("Launch promotion", "launch_promotion", true),
    ];
    add(s, "credit-reasons", &ALL, |_| json!({}));
}

fn debit_reasons(s: &mut Seeder) {
    const ALL: [Entry; 4] = [
        ("Under-billed usage", "under_billed", false),
        ("Additional services", "additional_services", false),
        ("Late payment fee", "late_payment", false),
        ("Setup fee", "setup_fee", true),
    ];
    add(s, "debit-reasons", &ALL, |_| json!({}));
}
