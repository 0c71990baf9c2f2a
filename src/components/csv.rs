//! Rows as CSV (RFC 4180) for a spreadsheet.

use serde_json::Value;

/// The lines of a table as CSV: comma-separated, CRLF-terminated, a field quoted when it holds a
/// comma, a quote or a line break. It starts with a byte-order mark, without which Excel reads
/// UTF-8 names as Latin-1.
pub fn csv(lines: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    for line in lines {
        for (i, f) in line.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if f.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&f.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(f);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// A JSON value as a cell: text as it is, numbers exactly as received, `true`/`false`, parts
/// (lists, objects) as compact JSON, and nothing for null or a missing value.
pub fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => text(s),
        Some(other) => other.to_string(),
    }
}

/// Text as a cell. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return first) gets a leading `'`, which spreadsheets show as text: a name typed
/// into m3ter must not run when the file is opened. Numbers never get one.
pub fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let out = csv([
            vec!["Name".into(), "Note".into()],
            vec!["plain".into(), "a, b".into()],
            vec!["say \"hi\"".into(), "two\nlines".into()],
        ]);
        assert_eq!(
            out,
            "\u{feff}Name,Note\r\nplain,\"a, b\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn values_are_written_as_received() {
        let v: Value =
            serde_json::from_str(r#"{"n": 1.50, "big": 12345678901234567890.000001, "b": true}"#)
                .expect("json");
        assert_eq!(cell(v.get("n")), "1.50");
        assert_eq!(cell(v.get("big")), "12345678901234567890.000001");
        assert_eq!(cell(v.get("b")), "true");
        assert_eq!(cell(v.get("missing")), "");
        assert_eq!(cell(Some(&Value::Null)), "");
        assert_eq!(cell(Some(&json!(["a", 1]))), r#"["a",1]"#);
        assert_eq!(cell(Some(&json!({"k": "v"}))), r#"{"k":"v"}"#);
        assert_eq!(cell(Some(&json!(-5))), "-5");
    }

    #[test]
    fn text_that_would_run_as_a_formula_is_kept_as_text() {
        for bad in ["=1+1", "+44 20", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(Some(&json!(bad))), format!("'{bad}"));
        }
        assert_eq!(cell(Some(&json!("Acme = good"))), "Acme = good");
    }
}
