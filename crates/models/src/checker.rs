//! The tools of a check: an error that names its field path, a view of a JSON object, paths, and
//! the small named checks (entity codes, field codes, IAM role ARNs). The catalogue's generic checks
//! (`validate`) and each resource's own rules (`resources::<name>`) are written with them.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One failed rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// `name`, `dataFields[2].code`, or empty for the body as a whole.
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Reads back a message produced by `Display` (`"path: message"`), e.g. from a server's 400 body.
    /// Only accepts a path made of JSON-key characters, brackets and dots, so prose is not mistaken for one.
    pub fn parse(text: &str) -> Option<FieldError> {
        let (path, message) = text.split_once(": ")?;
        let looks_like_path = path.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '[' | ']'));
        looks_like_path.then(|| FieldError::new(path, message))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Read access to a JSON object for the rules. The catalogue's checks have already reported values
/// of the wrong type, so the accessors treat anything else (and `null`) as absent.
#[derive(Clone, Copy)]
pub struct Obj<'a>(pub Option<&'a Map<String, Value>>);

impl<'a> Obj<'a> {
    pub fn of(v: &'a Value) -> Self {
        Obj(v.as_object())
    }
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.0.and_then(|m| m.get(key)).filter(|v| !v.is_null())
    }
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(Value::as_str)
    }
    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Value::as_i64)
    }
    /// A number's value (see [`number`]).
    pub fn num(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(number)
    }
    pub fn list(&self, key: &str) -> Option<&'a Vec<Value>> {
        self.get(key).and_then(Value::as_array)
    }
    pub fn map(&self, key: &str) -> Option<&'a Map<String, Value>> {
        self.get(key).and_then(Value::as_object)
    }
    pub fn obj(&self, key: &str) -> Obj<'a> {
        Obj(self.map(key))
    }
    /// The strings of a list (other items are reported by the type check).
    pub fn strings(&self, key: &str) -> Option<Vec<String>> {
        self.list(key).map(|l| {
            l.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
    }
    /// A date-time field as milliseconds since the epoch.
    pub fn date(&self, key: &str) -> Option<i64> {
        self.str(key).and_then(crate::time::parse_rfc3339)
    }
}

/// A number's value, read by serde_json's reader (`Number::as_f64` would bring core's float parser
/// into the wasm); one beyond f64 (`1e400`, kept as written) is infinite, so the finite check names
/// it. Not a number: `None`.
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(serde_json::from_str(n.as_str()).unwrap_or(f64::INFINITY)),
        _ => None,
    }
}

/// `prefix.key`, or `key` at the top.
pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// `prefix[index]`.
pub fn index(prefix: &str, index: usize) -> String {
    format!("{prefix}[{index}]")
}

/// Collects errors for one object; keeps the overlays' rules short.
pub struct Checker<'a> {
    prefix: &'a str,
    errors: &'a mut Vec<FieldError>,
}

impl<'a> Checker<'a> {
    pub fn new(prefix: &'a str, errors: &'a mut Vec<FieldError>) -> Self {
        Checker { prefix, errors }
    }

    pub fn path(&self, key: &str) -> String {
        join(self.prefix, key)
    }

    pub fn fail(&mut self, key: &str, message: impl Into<String>) {
        let path = self.path(key);
        self.errors.push(FieldError::new(path, message));
    }

    pub fn errors(&mut self) -> &mut Vec<FieldError> {
        self.errors
    }

    /// Exactly one of two fields (an account plan's `planId` or `planGroupId`): `both` is said of
    /// the second when both are given, `neither` of the first when neither is.
    pub fn one_of(&mut self, o: &Obj<'_>, first: &str, second: &str, both: &str, neither: &str) {
        let given = |key| o.str(key).is_some_and(|s| !s.is_empty());
        match (given(first), given(second)) {
            (true, true) => self.fail(second, both),
            (false, false) => self.fail(first, neither),
            _ => {}
        }
    }

    /// Whether an error is already reported at `key` (rules do not pile a second one on it).
    pub fn has_error(&self, key: &str) -> bool {
        let path = self.path(key);
        self.errors.iter().any(|e| e.path == path)
    }
}

/// A number as text without float formatting (whole numbers as integers, others as JSON writes them).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        (n as i64).to_string()
    } else {
        serde_json::Number::from_f64(n)
            .map(|x| x.to_string())
            .unwrap_or_default()
    }
}

pub const CODE_RULE: &str =
    "must not start or end with a space, and may not contain tabs, line breaks or control characters";
pub const FIELD_CODE_RULE: &str =
    "must start with a letter, _ or $, followed by letters, digits, _ or $";

/// m3ter's code pattern, written out by hand (no regex crate in a wasm binary):
/// no control characters, no whitespace other than the plain space, and no space at either end.
pub fn is_valid_code(code: &str) -> bool {
    let inner_ok = |c: char| !c.is_control() && (c == ' ' || !c.is_whitespace());
    let edge_ok = |c: char| !c.is_control() && !c.is_whitespace();
    let (Some(first), Some(last)) = (code.chars().next(), code.chars().next_back()) else {
        return false;
    };
    edge_ok(first) && edge_ok(last) && code.chars().all(inner_ok)
}

/// The data-field code pattern `^[\p{L}_$][\p{L}_$0-9]*$`.
pub fn is_valid_field_code(code: &str) -> bool {
    let mut chars = code.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let starts = |c: char| c.is_alphabetic() || c == '_' || c == '$';
    starts(first) && chars.all(|c| starts(c) || c.is_ascii_digit())
}

/// The S3 IAM role pattern `^arn:aws:iam::\d+:role/.*$`.
pub fn is_valid_iam_role_arn(arn: &str) -> bool {
    let Some(rest) = arn.strip_prefix("arn:aws:iam::") else {
        return false;
    };
    let Some((account, _role)) = rest.split_once(":role/") else {
        return false;
    };
    !account.is_empty() && account.bytes().all(|b| b.is_ascii_digit())
}
