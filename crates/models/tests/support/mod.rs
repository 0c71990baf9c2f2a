//! Helpers shared by the model tests.
#![allow(dead_code)]

use serde_json::Value;

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// JSON equality up to the three ways a faithful re-encoding may legitimately differ from the input:
/// `250` vs `250.0`; equal instants written differently (`…:30.000Z` vs `…:30Z`); and an optional key
/// that is `null` vs absent (the API treats both as "not set"; the console edits the raw body anyway,
/// so a null it received is sent back as null).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => {
            x == y
                || matches!(
                    (
                        chrono::DateTime::parse_from_rfc3339(x),
                        chrono::DateTime::parse_from_rfc3339(y)
                    ),
                    (Ok(p), Ok(q)) if p == q
                )
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            let set =
                |m: &serde_json::Map<String, Value>| m.values().filter(|v| !v.is_null()).count();
            set(x) == set(y)
                && x.iter()
                    .filter(|(_, v)| !v.is_null())
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Decodes `value` as `T`, encodes it again, and checks nothing was lost or changed; returns the typed value.
pub fn round_trip<T>(value: &Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("decode {}: {e}", std::any::type_name::<T>()));
    let encoded = serde_json::to_value(&typed).expect("encode");
    assert!(
        same_json(value, &encoded),
        "{} changed the body:\n in: {value:#}\nout: {encoded:#}",
        std::any::type_name::<T>()
    );
    let again: T = serde_json::from_value(encoded).expect("decode again");
    assert_eq!(typed, again);
    typed
}
