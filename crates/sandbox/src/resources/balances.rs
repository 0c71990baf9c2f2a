//! Balances: a new one starts at zero (its amount moves through transactions), and the demo set.

use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Ctx};
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "balances",
    on_create: Some(on_create),
    seed: Some(seed),
    ..Behaviour::NONE
};

fn on_create(balance: &mut Value, _: &Ctx<'_>) {
    balance["amount"] = json!(0.0);
}

fn seed(s: &mut Seeder) {
    for i in 0..6 + s.scale {
        let created = s.tick(131);
        let currency = ["USD", "GBP", "EUR"][i % 3];
        let year = 2025 + (i % 2) as i64;
        let mut body = json!({
            "name": format!("Prepaid credit {year}{}", if i < 2 { String::new() } else { format!(" #{}", i + 1) }),
            "code": format!("prepaid_{year}_{}", i + 1),
            "description": "Annual prepaid top-up",
            "accountId": s.pick("accounts", i), "currency": currency,
            "amount": (5000 - (i as i64 * 730) % 4000) as f64,
            "startDate": format!("{year}-01-01T00:00:00Z"), "endDate": format!("{}-01-01T00:00:00Z", year + 1),
            "balanceDrawDownDescription": "Prepaid credit applied",
            "productIds": [s.pick("products", i)], "lineItemTypes": ["USAGE", "STANDING_CHARGE"],
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
        s.add("balances", "", body, created, created);
    }
}
