//! Validation shared by the console (before sending) and the sandbox (on receipt), driven by the
//! catalogue: each field's JSON type, required-ness, bounds and named checks, the variant its
//! discriminator picks, then the resource's own cross-field rules from its overlay.
//!
//! Every error names the field path (`dataFields[2].code`) so a form can show it beside the input, and
//! the sandbox's 400 message starts with the same path so the console can place server errors too.

use serde_json::Value;

use crate::catalogue::{Check, Field, Kind};
pub use crate::checker::*;
use crate::overlay::{self, Operation, Overlay, Rules};

/// What a named check accepts, and what to say when it does not.
fn check_text(check: Check, s: &str) -> Option<&'static str> {
    let ok = match check {
        Check::None => true,
        Check::Code => is_valid_code(s),
        Check::FieldCode => is_valid_field_code(s),
        Check::IamRoleArn => is_valid_iam_role_arn(s),
        Check::AlnumDash => s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        Check::AlnumDashUnderscore => s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        Check::ScheduleType => matches!(s, "HOUR" | "DAY" | "MINUTE"),
        Check::Email => s.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && !s.contains(char::is_whitespace)
        }),
        Check::Url => {
            let lower = s.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        }
    };
    if ok {
        return None;
    }
    Some(match check {
        Check::None => "",
        Check::Code => CODE_RULE,
        Check::FieldCode => FIELD_CODE_RULE,
        Check::IamRoleArn => "must look like arn:aws:iam::<account number>:role/<role name>",
        Check::AlnumDash => "may only contain letters, digits and hyphens",
        Check::AlnumDashUnderscore => "may only contain letters, digits, hyphens and underscores",
        Check::ScheduleType => "must be HOUR, DAY or MINUTE",
        Check::Email => "must be an email address",
        Check::Url => "must be an http or https URL",
    })
}

fn length(errors: &mut Vec<FieldError>, path: &str, s: &str, min: u32, max: u32) {
    let len = s.chars().count();
    let (min, max) = (min as usize, max as usize);
    let message = if min == max && min > 0 && len != min {
        format!("must be exactly {min} characters (has {len})")
    } else if len < min {
        if min == 1 {
            "must not be empty".to_owned()
        } else {
            format!("must be at least {min} characters")
        }
    } else if max > 0 && len > max {
        format!("must be at most {max} characters (has {len})")
    } else {
        return;
    };
    errors.push(FieldError::new(path, message));
}

fn count(errors: &mut Vec<FieldError>, path: &str, len: usize, min: u32, max: u32) {
    let (min, max) = (min as usize, max as usize);
    let message = if len < min && min == 1 {
        "needs at least one item".to_owned()
    } else if len < min {
        format!("needs at least {min} items")
    } else if max > 0 && len > max {
        format!("may have at most {max} items (has {len})")
    } else {
        return;
    };
    errors.push(FieldError::new(path, message));
}

/// A value of `kind` at `path`: its JSON type and bounds. Sub-objects are checked in full.
fn check_value(
    o: &Overlay,
    note_path: &str,
    kind: &Kind,
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    let mut fail = |m: &str| errors.push(FieldError::new(path, m));
    match kind {
        Kind::Text { min, max, check } => match v.as_str() {
            None => fail("must be a string"),
            Some(s) => {
                length(errors, path, s, *min, *max);
                if !s.is_empty() {
                    if let Some(why) = check_text(*check, s) {
                        errors.push(FieldError::new(path, why));
                    }
                }
            }
        },
        Kind::Id {
            min, max, check, ..
        } => match v.as_str() {
            None => fail("must be a string (an id)"),
            Some(s) => {
                length(errors, path, s, *min, *max);
                if let Some(why) = check_text(*check, s).filter(|_| !s.is_empty()) {
                    errors.push(FieldError::new(path, why));
                }
            }
        },
        Kind::Ids { min, max, .. } | Kind::Strings { min, max } => match v.as_array() {
            Some(items) if items.iter().all(Value::is_string) => {
                count(errors, path, items.len(), *min, *max);
                for (i, item) in items.iter().enumerate() {
                    if item.as_str().is_some_and(|s| s.trim().is_empty()) {
                        errors.push(FieldError::new(index(path, i), "must not be empty"));
                    }
                }
            }
            _ => fail("must be a list of strings"),
        },
        Kind::Enums { min, max, .. } => match v.as_array() {
            Some(items) if items.iter().all(Value::is_string) => {
                count(errors, path, items.len(), *min, *max)
            }
            _ => fail("must be a list of strings"),
        },
        // Values this console does not know are kept: m3ter adds values over time.
        Kind::Enum(_) => {
            if !v.is_string() {
                fail("must be a string");
            }
        }
        Kind::Integer { min, max } => match v.as_i64() {
            None => fail("must be a whole number"),
            Some(n) => {
                let message = match (*min, *max) {
                    (Some(lo), Some(hi)) if n < lo || n > hi => {
                        format!("must be between {lo} and {hi}")
                    }
                    (Some(lo), None) if n < lo => format!("must be at least {lo}"),
                    (None, Some(hi)) if n > hi => format!("must be at most {hi}"),
                    _ => return,
                };
                errors.push(FieldError::new(path, message));
            }
        },
        Kind::Number {
            min,
            max,
            exclusive_min,
        } => match number(v) {
            None => fail("must be a number"),
            Some(n) if !n.is_finite() => fail("must be a finite number"),
            Some(n) => {
                if let Some(lo) = *min {
                    if n < lo || (*exclusive_min && n == lo) {
                        let m = if *exclusive_min {
                            format!("must be more than {}", number_text(lo))
                        } else {
                            format!("must be at least {}", number_text(lo))
                        };
                        errors.push(FieldError::new(path, m));
                    }
                }
                if let Some(hi) = *max {
                    if n > hi {
                        errors.push(FieldError::new(
                            path,
                            format!("must be at most {}", number_text(hi)),
                        ));
                    }
                }
            }
        },
        Kind::Bool => {
            if !v.is_boolean() {
                fail("must be true or false");
            }
        }
        Kind::DateTime => match v.as_str() {
            None => fail("must be a date-time string"),
            Some(s) if crate::time::parse_rfc3339(s).is_none() => {
                fail("must be an ISO-8601 date-time such as 2025-01-31T00:00:00Z")
            }
            Some(_) => {}
        },
        Kind::Date => match v.as_str() {
            Some(s) if crate::time::parse_date(s).is_some() => {}
            _ => fail("must be a date such as 2025-01-31"),
        },
        Kind::CustomFields => match v.as_object() {
            None => fail("must be an object of names to values"),
            Some(fields) => {
                if fields.len() > 100 {
                    fail(&format!(
                        "may have at most 100 entries (has {})",
                        fields.len()
                    ));
                }
                for (name, value) in fields {
                    if name.trim().is_empty() {
                        errors.push(FieldError::new(path, "field names must not be empty"));
                    } else if !matches!(value, Value::String(_) | Value::Number(_)) {
                        errors.push(FieldError::new(
                            join(path, name),
                            "must be a string or a number",
                        ));
                    }
                }
            }
        },
        Kind::Map(inner) => match v.as_object() {
            None => fail("must be an object"),
            Some(map) => {
                for (k, item) in map {
                    check_value(o, note_path, inner, item, &join(path, k), errors);
                }
            }
        },
        Kind::Object(fields) => {
            if v.is_object() {
                check_object(o, fields, note_path, v, path, errors);
            } else {
                fail("must be an object");
            }
        }
        Kind::Objects { fields, min, max } => match v.as_array() {
            None => fail("must be a list"),
            Some(items) => {
                count(errors, path, items.len(), *min, *max);
                for (i, item) in items.iter().enumerate() {
                    let p = index(path, i);
                    if item.is_object() {
                        check_object(o, fields, note_path, item, &p, errors);
                    } else {
                        errors.push(FieldError::new(p, "must be an object"));
                    }
                }
            }
        },
        Kind::Any => {}
    }
}

/// The discriminator of an object's fields (`sourceType`), the values it knows, and the value in
/// `v` (the overlay's default when missing).
pub fn variant<'v>(
    o: &Overlay,
    fields: &'static [Field],
    v: &'v Value,
) -> Option<(&'static str, &'static [&'static str], Option<&'v str>)> {
    let key = fields.iter().find_map(|f| f.when.map(|w| w.key))?;
    let known = fields
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| match f.kind {
            Kind::Enum(e) => Some(e.values),
            _ => None,
        })
        .unwrap_or(&[]);
    let tag = v
        .get(key)
        .and_then(Value::as_str)
        .or((!o.default_variant.is_empty()).then_some(o.default_variant));
    Some((key, known, tag))
}

/// Whether `field` applies to the object `v` (its variant, and the overlay's `unless`).
pub fn applies(
    o: &Overlay,
    note_path: &str,
    fields: &'static [Field],
    field: &Field,
    v: &Value,
) -> bool {
    let by_variant = match variant(o, fields, v) {
        Some((_, known, tag)) => field.applies(tag, known),
        None => true,
    };
    let hidden = o
        .note(&join(note_path, field.key))
        .and_then(|n| n.unless)
        .is_some_and(|w| {
            v.get(w.key)
                .and_then(Value::as_str)
                .is_some_and(|s| w.any_of.contains(&s))
        });
    by_variant && !hidden
}

/// Checks the writable fields of one object.
fn check_object(
    o: &Overlay,
    fields: &'static [Field],
    note_path: &str,
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    let Some(map) = v.as_object() else {
        errors.push(FieldError::new(path, "must be a JSON object"));
        return;
    };
    let tag = variant(o, fields, v);
    // A variant this console does not know: its fields are kept and type-checked, but which of them
    // it requires is not ours to say.
    let unknown_variant = matches!(tag, Some((_, known, Some(t))) if !known.contains(&t));
    for f in fields {
        let np = join(note_path, f.key);
        if overlay::read_only(o, &np, f) || f.key == "version" {
            continue;
        }
        let p = join(path, f.key);
        let value = map.get(f.key).filter(|x| !x.is_null());
        let by_variant = match tag {
            Some((_, known, t)) => f.applies(t, known),
            None => true,
        };
        if !by_variant {
            if let (Some(_), Some((key, _, Some(t)))) = (value, tag) {
                errors.push(FieldError::new(
                    p,
                    format!("is not valid when {key} is {t}"),
                ));
            }
            continue;
        }
        let required = f.required && !(unknown_variant && f.when.is_some());
        match value {
            None if required => errors.push(FieldError::new(p, "is required")),
            None => {}
            Some(Value::String(s)) if required && s.is_empty() => {
                errors.push(FieldError::new(p, "is required"))
            }
            Some(x) => check_value(o, &np, &f.kind, x, &p, errors),
        }
    }
}

/// Checks a request body with the catalogue's facts and the resource's own rules. The same function
/// runs in the console before sending and in the sandbox on receipt.
pub fn check(
    o: &Overlay,
    rules: Option<Rules>,
    fields: &'static [Field],
    op: Operation,
    body: &Value,
) -> Result<(), Vec<FieldError>> {
    if !body.is_object() {
        return Err(vec![FieldError::new("", "the body must be a JSON object")]);
    }
    let mut errors = Vec::new();
    check_object(o, fields, "", body, "", &mut errors);
    if let Some(rules) = rules {
        rules(&mut Checker::new("", &mut errors), &Obj::of(body), op);
    }
    if op == Operation::Update && !body.get("version").is_some_and(Value::is_i64) {
        errors.push(FieldError::new(
            "version",
            "is required on update (the version you loaded)",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
