//! Pretty-printing a JSON body exactly as the API sent it: key order, number spelling (`5000.0`,
//! `1e3`) and string escapes are kept, only whitespace changes. serde_json's own pretty-printer would
//! sort keys and respell numbers, which is not "the body the API returned".
//!
//! Also yields the spans the Raw JSON view highlights.

/// The kind of a highlighted span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    Key,
    String,
    Number,
    /// `true`, `false`, `null`
    Literal,
}

/// The pretty text and, when `spans` is asked for, `(kind, start, end)` byte ranges into it.
pub struct Pretty {
    pub text: String,
    pub spans: Vec<(Token, usize, usize)>,
}

/// Re-indents `raw` (assumed to be valid JSON; anything else is passed through as well as it goes).
pub fn pretty(raw: &str, with_spans: bool) -> Pretty {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len() + raw.len() / 4);
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let next_significant = |mut j: usize| {
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        bytes.get(j).copied()
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\n' | b'\r' | b'\t' => i += 1,
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                let end = i.min(bytes.len());
                let is_key = next_significant(end) == Some(b':');
                let at = out.len();
                out.push_str(&raw[start..end]);
                if with_spans {
                    spans.push((
                        if is_key { Token::Key } else { Token::String },
                        at,
                        out.len(),
                    ));
                }
            }
            b'{' | b'[' => {
                out.push(b as char);
                let close = if b == b'{' { b'}' } else { b']' };
                i += 1;
                if next_significant(i) == Some(close) {
                    while bytes[i] != close {
                        i += 1;
                    }
                    out.push(close as char);
                    i += 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b as char);
                i += 1;
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
                i += 1;
            }
            b':' => {
                out.push_str(": ");
                i += 1;
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b',' | b'}' | b']' | b':' | b' ' | b'\n' | b'\r' | b'\t' | b'"'
                    )
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                // Slice on char boundaries even for garbage input.
                let end = (start..=i)
                    .rev()
                    .find(|&k| raw.is_char_boundary(k))
                    .unwrap_or(start);
                let begin = (0..=start)
                    .rev()
                    .find(|&k| raw.is_char_boundary(k))
                    .unwrap_or(0);
                let word = &raw[begin..end.max(begin)];
                let at = out.len();
                out.push_str(word);
                if with_spans {
                    let kind = if matches!(word, "true" | "false" | "null") {
                        Token::Literal
                    } else {
                        Token::Number
                    };
                    spans.push((kind, at, out.len()));
                }
            }
        }
    }
    Pretty { text: out, spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_numbers_and_escapes() {
        let raw = r#"{"z":1,"a":5000.0,"m":[1e3,-0.5,true,null],"s":"q\"uote \\ ü \u00e9","e":{},"l":[]}"#;
        let p = pretty(raw, false);
        let expected = "{\n  \"z\": 1,\n  \"a\": 5000.0,\n  \"m\": [\n    1e3,\n    -0.5,\n    true,\n    null\n  ],\n  \"s\": \"q\\\"uote \\\\ ü \\u00e9\",\n  \"e\": {},\n  \"l\": []\n}";
        assert_eq!(p.text, expected);
        let reparsed: serde_json::Value = serde_json::from_str(&p.text).expect("still JSON");
        assert_eq!(
            reparsed,
            serde_json::from_str::<serde_json::Value>(raw).expect("json")
        );
    }

    #[test]
    fn spans_mark_keys_strings_numbers_literals() {
        let p = pretty(r#"{"k": "v", "n": 2, "b": false}"#, true);
        let kinds: Vec<(Token, &str)> = p
            .spans
            .iter()
            .map(|(k, s, e)| (*k, &p.text[*s..*e]))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Token::Key, "\"k\""),
                (Token::String, "\"v\""),
                (Token::Key, "\"n\""),
                (Token::Number, "2"),
                (Token::Key, "\"b\""),
                (Token::Literal, "false"),
            ]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn arb_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            ".{0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(".{0,8}", inner, 0..5)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Pretty-printing changes only whitespace: the text parses back to the same value.
        #[test]
        fn pretty_printing_keeps_the_value(v in arb_json()) {
            let raw = v.to_string();
            let p = pretty(&raw, true);
            // Compare with the original text parsed the same way (serde_json's float parsing is not
            // exact without `float_roundtrip`, and the printer copies number text verbatim).
            let back: serde_json::Value = serde_json::from_str(&p.text).expect("still JSON");
            let original: serde_json::Value = serde_json::from_str(&raw).expect("JSON");
            proptest::prop_assert_eq!(back, original);
            for (_, start, end) in &p.spans {
                proptest::prop_assert!(start <= end && *end <= p.text.len());
            }
        }

        #[test]
        fn any_text_does_not_panic(s in ".{0,80}") {
            let _ = pretty(&s, true);
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        for raw in [
            "",
            "{",
            "}",
            "\"unterminated",
            "[1,",
            "{\"a\":}",
            "ü",
            "\\",
            "{\"é\": ünquoted}",
            "]]]]",
        ] {
            let _ = pretty(raw, true);
        }
    }
}
