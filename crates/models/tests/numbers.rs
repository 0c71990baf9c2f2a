//! Numbers keep their text through `Value` (serde_json's `arbitrary_precision`, workspace-wide): an
//! edit sends back every number it did not touch exactly as it was received. The one rewrite is the
//! exponent marker, always written `e+` / `e-` (the same number).

use proptest::prelude::*;
use serde_json::Value;

/// How serde_json writes back an exponent: `1E5` and `1e5` become `1e+5`.
fn written(text: &str) -> String {
    match text.find(['e', 'E']) {
        Some(at) => {
            let (mantissa, exp) = text.split_at(at);
            let exp = &exp[1..];
            let signed = if exp.starts_with(['+', '-']) {
                exp.to_owned()
            } else {
                format!("+{exp}")
            };
            format!("{mantissa}e{signed}")
        }
        None => text.to_owned(),
    }
}

fn round_trip(text: &str) -> String {
    let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    v.to_string()
}

#[test]
fn hard_numbers_keep_their_text() {
    for n in [
        "3.1415926535897931",
        "0.30000000000000004",
        "9007199254740993",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "123456789012345678901234567890.5",
        "1e+400",
        "-1e-400",
        "-0",
        "-0.0",
        "1.50",
        "2.2250738585072011e-308",
        "5e-324",
    ] {
        assert_eq!(round_trip(n), n);
        let doc = format!("{{\"a\":[{n},{{\"b\":{n}}}]}}");
        assert_eq!(round_trip(&doc), doc);
    }
    assert_eq!(round_trip("1E5"), "1e+5");
    // Reading numbers still works: integers, floats, and nothing for what f64 cannot hold.
    let v: Value =
        serde_json::from_str(r#"{"i": -42, "u": 18446744073709551615, "f": 0.5, "big": 1e400}"#)
            .expect("JSON");
    assert_eq!(v["i"].as_i64(), Some(-42));
    assert_eq!(v["u"].as_u64(), Some(u64::MAX));
    assert_eq!(v["f"].as_f64(), Some(0.5));
    assert_eq!(v["big"].as_f64(), None);
    assert!(v["big"].is_number());
    assert_eq!(serde_json::json!(1.5), serde_json::json!(1.5));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any JSON number (random integers and decimals of any length, with or without exponent)
    /// comes back as the same text, alone and inside a document.
    #[test]
    fn any_number_keeps_its_text(
        number in "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?"
    ) {
        let w = written(&number);
        prop_assert_eq!(round_trip(&number), w.clone());
        let doc = |n: &str| format!("{{\"customFields\":{{\"n\":{n}}},\"extra\":[{n},true]}}");
        prop_assert_eq!(round_trip(&doc(&number)), doc(&w));
    }

    /// Random f64 values written with 17 significant digits (what m3ter's JSON may hold).
    #[test]
    fn seventeen_digit_decimals_keep_their_text(f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        let text = format!("{f:.16e}");
        prop_assert_eq!(round_trip(&text), written(&text));
    }
}
