//! Validation shared by the console (before sending) and the sandbox (on receipt).
//!
//! Every error names the field path (`dataFields[2].code`) so a form can show it beside the input, and
//! the sandbox's 400 message starts with the same path so the console can place server errors too.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

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
        let looks_like_path = !path.is_empty()
            && path.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
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

/// A request body that can check itself.
pub trait Validate {
    /// Adds this value's errors, with paths below `path`.
    fn validate_at(&self, path: &str, errors: &mut Vec<FieldError>);

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        self.validate_at("", &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Read access to a JSON object for the rules. `check_types` has already rejected values of the wrong
/// type, so the accessors treat anything else (and `null`) as absent.
#[derive(Clone, Copy)]
pub struct Obj<'a>(pub Option<&'a serde_json::Map<String, Value>>);

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
    /// A number's value, read by serde_json's reader (`Number::as_f64` would bring core's float
    /// parser into the wasm); one beyond f64 (`1e400`, kept as written) is infinite, so the finite
    /// check names it.
    pub fn num(&self, key: &str) -> Option<f64> {
        match self.get(key)? {
            Value::Number(n) => Some(serde_json::from_str(n.as_str()).unwrap_or(f64::INFINITY)),
            _ => None,
        }
    }
    pub fn list(&self, key: &str) -> Option<&'a Vec<Value>> {
        self.get(key).and_then(Value::as_array)
    }
    pub fn map(&self, key: &str) -> Option<&'a serde_json::Map<String, Value>> {
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

/// Collects errors for one object; keeps call sites short.
pub struct Check<'a> {
    prefix: &'a str,
    errors: &'a mut Vec<FieldError>,
}

impl<'a> Check<'a> {
    pub fn new(prefix: &'a str, errors: &'a mut Vec<FieldError>) -> Self {
        Check { prefix, errors }
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

    /// Presence of a required value.
    pub fn present<T>(&mut self, key: &str, value: &Option<T>) -> bool {
        if value.is_none() {
            self.fail(key, "is required");
            false
        } else {
            true
        }
    }

    /// A string's length in characters, and presence when `required`.
    pub fn text(&mut self, key: &str, value: Option<&str>, required: bool, min: usize, max: usize) {
        match value {
            None if required => self.fail(key, "is required"),
            None => {}
            Some(s) => {
                let len = s.chars().count();
                if len == 0 && required {
                    self.fail(key, "is required");
                } else if len < min {
                    self.fail(key, format!("must be at least {min} characters"));
                } else if len > max {
                    self.fail(key, format!("must be at most {max} characters (has {len})"));
                }
            }
        }
    }

    /// An m3ter entity code.
    pub fn code(&mut self, key: &str, value: Option<&str>) {
        self.patterned(key, value, is_valid_code, CODE_RULE);
    }

    /// A data or derived field code.
    pub fn field_code(&mut self, key: &str, value: Option<&str>) {
        self.patterned(key, value, is_valid_field_code, FIELD_CODE_RULE);
    }

    /// A required value of 1–80 characters that matches a pattern.
    fn patterned(
        &mut self,
        key: &str,
        value: Option<&str>,
        valid: fn(&str) -> bool,
        rule: &'static str,
    ) {
        match value {
            None | Some("") => self.fail(key, "is required"),
            Some(code) => {
                let len = code.chars().count();
                if len > 80 {
                    self.fail(key, format!("must be at most 80 characters (has {len})"));
                } else if !valid(code) {
                    self.fail(key, rule);
                }
            }
        }
    }

    /// A value that must be exactly `len` characters when present (m3ter's UUID fields).
    pub fn exact_len(&mut self, key: &str, value: Option<&str>, len: usize) {
        if let Some(s) = value {
            let n = s.chars().count();
            if n != len {
                self.fail(
                    key,
                    format!("must be exactly {len} characters (an id; has {n})"),
                );
            }
        }
    }

    pub fn number(&mut self, key: &str, value: Option<f64>, required: bool, min: Option<f64>) {
        match value {
            None if required => self.fail(key, "is required"),
            None => {}
            Some(n) if !n.is_finite() => self.fail(key, "must be a finite number"),
            Some(n) => {
                if let Some(min) = min {
                    if n < min {
                        self.fail(key, format!("must be at least {}", number_text(min)));
                    }
                }
            }
        }
    }

    pub fn integer(&mut self, key: &str, value: Option<i64>, required: bool, min: i64, max: i64) {
        match value {
            None if required => self.fail(key, "is required"),
            None => {}
            Some(n) if n < min || n > max => {
                if max == i64::MAX {
                    self.fail(key, format!("must be at least {min}"));
                } else {
                    self.fail(key, format!("must be between {min} and {max}"));
                }
            }
            Some(_) => {}
        }
    }

    /// The number of items in a list.
    pub fn items(&mut self, key: &str, len: usize, min: usize, max: usize) {
        if len < min && min == 1 {
            self.fail(key, "needs at least one item");
        } else if len < min {
            self.fail(key, format!("needs at least {min} items"));
        } else if len > max {
            self.fail(key, format!("may have at most {max} items (has {len})"));
        }
    }

    /// Every string in a list is non-empty.
    pub fn non_empty_items(&mut self, key: &str, values: &[String]) {
        for (i, v) in values.iter().enumerate() {
            if v.trim().is_empty() {
                let path = index(&self.path(key), i);
                self.errors.push(FieldError::new(path, "must not be empty"));
            }
        }
    }

    /// `customFields`: at most 100 entries, each a string or a number, names non-empty.
    pub fn custom_fields(&mut self, key: &str, fields: Option<&serde_json::Map<String, Value>>) {
        let Some(fields) = fields else { return };
        if fields.len() > 100 {
            self.fail(
                key,
                format!("may have at most 100 entries (has {})", fields.len()),
            );
        }
        for (name, value) in fields {
            let path = join(&self.path(key), name);
            if name.trim().is_empty() {
                self.fail(key, "field names must not be empty");
            } else if !matches!(value, Value::String(_) | Value::Number(_)) {
                self.errors
                    .push(FieldError::new(path, "must be a string or a number"));
            }
        }
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
    let mut chars = code.chars();
    let (Some(first), last) = (chars.next(), code.chars().next_back()) else {
        return false;
    };
    edge_ok(first) && last.is_some_and(edge_ok) && code.chars().all(inner_ok)
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

/// The transaction type id pattern `^[a-zA-Z0-9-]*$`.
pub fn is_valid_transaction_type_id(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Checks the JSON type of every field the metadata declares, recursing into sub-objects, so a wrong
/// type is reported with its path (serde loses paths inside flattened structs). `null` counts as unset.
pub fn check_types(
    fields: &[crate::meta::FieldMeta],
    value: &Value,
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    use crate::meta::FieldKind as K;
    let Some(map) = value.as_object() else {
        errors.push(FieldError::new(prefix, "must be a JSON object"));
        return;
    };
    for field in fields {
        let Some(v) = map.get(field.key).filter(|v| !v.is_null()) else {
            continue;
        };
        let path = join(prefix, field.key);
        let strings = |v: &Value| v.as_array().is_some_and(|a| a.iter().all(Value::is_string));
        let problem = match &field.kind {
            K::Text { .. } | K::Code | K::FieldCode | K::Id(_) | K::Url | K::Enum(_) => {
                (!v.is_string()).then_some("must be a string")
            }
            K::IdList(_) | K::StringList | K::EnumList(_) => {
                (!strings(v)).then_some("must be a list of strings")
            }
            K::Integer { .. } => (v.as_i64().is_none()).then_some("must be a whole number"),
            K::Number { .. } => (!v.is_number()).then_some("must be a number"),
            K::Bool => (!v.is_boolean()).then_some("must be true or false"),
            K::DateTime => match v.as_str() {
                None => Some("must be a date-time string"),
                Some(s) if crate::time::parse_rfc3339(s).is_none() => {
                    Some("must be an ISO-8601 date-time such as 2025-01-31T00:00:00Z")
                }
                Some(_) => None,
            },
            K::CustomFields => (!v.is_object()).then_some("must be an object of names to values"),
            K::Object(sub) => {
                if v.is_object() {
                    check_types(sub, v, &path, errors);
                    None
                } else {
                    Some("must be an object")
                }
            }
            K::Objects { fields: sub, .. } => match v.as_array() {
                None => Some("must be a list"),
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        check_types(sub, item, &index(&path, i), errors);
                    }
                    None
                }
            },
        };
        if let Some(message) = problem {
            errors.push(FieldError::new(path, message));
        }
    }
}
