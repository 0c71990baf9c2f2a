//! Notification configurations: a calculation is tried against an event (by id) or an event type
//! (by name) and answered as `{success, errorMessage}`; nothing is saved or sent.

use serde_json::{json, Value};

use crate::behaviour::{text, Behaviour, Call};
use crate::error::{ApiError, ApiResult};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "notification-configurations",
    actions: &[("evaluate", evaluate)],
    ..Behaviour::NONE
};

fn evaluate(call: &mut Call<'_>) -> ApiResult<Value> {
    let event_id = call.body_text("eventId").filter(|s| !s.is_empty());
    let event_name = call.body_text("eventName").filter(|s| !s.is_empty());
    let name = match (event_id, event_name) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "Send either eventId or eventName, not both",
            ))
        }
        (None, None) => return Err(ApiError::bad_request(
            "Send eventId (a specific event) or eventName (a type of event) to evaluate against",
        )),
        (Some(id), None) => {
            let event = call
                .store
                .collection("events")
                .and_then(|c| c.get(id))
                .ok_or_else(|| ApiError::not_found(format!("Event {id} not found")))?;
            text(&event.value, "eventName")
                .unwrap_or_default()
                .to_owned()
        }
        (None, Some(name)) => name.to_owned(),
    };
    let calculation = call.body_text("calculation").unwrap_or_default();
    Ok(match check(calculation) {
        Ok(()) => json!({ "success": true }),
        Err(why) => json!({
            "success": false,
            "errorMessage": format!("The calculation cannot be evaluated against {name}: {why}"),
        }),
    })
}

#[derive(Debug, PartialEq)]
enum Token {
    Value,
    Op,
    Not,
    Open,
    Close,
}

fn tokens(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1
            }
            ')' => {
                out.push(Token::Close);
                i += 1
            }
            '"' | '\'' => {
                let end = chars
                    .iter()
                    .skip(i + 1)
                    .position(|&d| d == c)
                    .ok_or("a quoted text is not closed")?;
                out.push(Token::Value);
                i += end + 2;
            }
            '=' | '!' | '<' | '>' if next == Some('=') => {
                out.push(Token::Op);
                i += 2
            }
            '&' | '|' if next == Some(c) => {
                out.push(Token::Op);
                i += 2
            }
            '!' => {
                out.push(Token::Not);
                i += 1
            }
            '<' | '>' | '+' | '-' | '*' | '/' | '%' => {
                out.push(Token::Op);
                i += 1
            }
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let len = chars
                    .iter()
                    .skip(i)
                    .take_while(|d| d.is_ascii_alphanumeric() || **d == '_' || **d == '.')
                    .count();
                let word: String = chars.iter().skip(i).take(len).collect();
                out.push(match word.to_ascii_uppercase().as_str() {
                    "AND" | "OR" => Token::Op,
                    "NOT" => Token::Not,
                    _ => Token::Value,
                });
                i += len;
            }
            other => return Err(format!("'{other}' is not something a calculation can use")),
        }
    }
    Ok(out)
}

/// Whether the calculation is a well-formed expression: values joined by operators, brackets
/// balanced, nothing left over.
fn check(calculation: &str) -> Result<(), String> {
    if calculation.trim().is_empty() {
        return Err("the calculation is empty".into());
    }
    let mut depth = 0usize;
    // Whether a value is expected next (at the start, after an operator or an opening bracket).
    let mut want_value = true;
    for t in tokens(calculation)? {
        match (&t, want_value) {
            (Token::Value, true) => want_value = false,
            (Token::Not | Token::Open, true) => {
                if t == Token::Open {
                    depth += 1;
                }
            }
            (Token::Op, false) => want_value = true,
            (Token::Close, false) => {
                depth = depth
                    .checked_sub(1)
                    .ok_or("a closing bracket has no opening one")?;
            }
            (Token::Close, true) => return Err("a bracket closes before a value".into()),
            (Token::Op, true) => return Err("an operator has nothing on its left".into()),
            (_, false) => return Err("two values follow each other without an operator".into()),
        }
    }
    if want_value {
        return Err("the calculation ends with an operator".into());
    }
    if depth > 0 {
        return Err("a bracket is not closed".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn calculations_are_checked() {
        assert!(check("new.amount > 100 && (old.amount <= 100)").is_ok());
        assert!(check("!(new.status == 'LOCKED')").is_ok());
        assert!(check("new.amount >").is_err());
        assert!(check("(new.amount > 1").is_err());
        assert!(check("new.amount 1").is_err());
        assert!(check("").is_err());
        assert!(check("a > 'b").is_err());
    }
}
