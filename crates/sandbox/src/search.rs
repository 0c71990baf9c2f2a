//! The search endpoints (`…/search`): `searchQuery` terms joined with `$`, each `field<op>value`
//! with `:` (equals), `~` (contains, case-insensitive), `>`, `>=`, `<`, `<=` (dates compared as
//! instants, numbers as numbers, the rest as text); `operator` AND (default) or OR; `sortBy` a
//! field, `sortOrder` ASC (default) or DESC; paged by `fromDocument`, the offset of the page's
//! first result, with `nextToken` answering the offset of the next page. The field `ids` takes a
//! comma-separated list of ids.

use std::cmp::Ordering;

use m3ter_models::Resource;
use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::query::{page_size, Query};
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Equals,
    Contains,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

#[derive(Debug)]
struct Term {
    field: String,
    op: Op,
    value: String,
}

/// One term: the field before the first operator character, the value after the operator.
fn term(raw: &str) -> ApiResult<Term> {
    let bad = || {
        ApiError::bad_request(format!(
            "searchQuery: '{raw}' is not a term: write field:value, field~text, or compare with >, >=, <, <= (terms joined with $)"
        ))
    };
    let at = raw.find([':', '~', '<', '>']).ok_or_else(bad)?;
    let (field, rest) = raw.split_at(at);
    let (op, len) = match (rest.chars().next(), rest.chars().nth(1)) {
        (Some(':'), _) => (Op::Equals, 1),
        (Some('~'), _) => (Op::Contains, 1),
        (Some('>'), Some('=')) => (Op::GreaterOrEqual, 2),
        (Some('<'), Some('=')) => (Op::LessOrEqual, 2),
        (Some('>'), _) => (Op::Greater, 1),
        (Some('<'), _) => (Op::Less, 1),
        _ => return Err(bad()),
    };
    let field = field.trim();
    if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad());
    }
    Ok(Term {
        field: field.to_owned(),
        op,
        value: rest.get(len..).unwrap_or_default().trim().to_owned(),
    })
}

use crate::query::{instant, text};

/// How two values order: as instants when both are dates, as numbers when both are, else as text.
fn order(a: &str, b: &str) -> Ordering {
    if let (Some(x), Some(y)) = (instant(a), instant(b)) {
        return x.cmp(&y);
    }
    if let (Ok(x), Ok(y)) = (a.parse::<f64>(), b.parse::<f64>()) {
        return x.partial_cmp(&y).unwrap_or(Ordering::Equal);
    }
    a.cmp(b)
}

fn one_matches(op: Op, have: &str, wanted: &str) -> bool {
    match op {
        Op::Equals => {
            have == wanted
                || (matches!(have, "true" | "false") && have.eq_ignore_ascii_case(wanted))
        }
        Op::Contains => have
            .to_ascii_lowercase()
            .contains(&wanted.to_ascii_lowercase()),
        Op::Greater => order(have, wanted) == Ordering::Greater,
        Op::GreaterOrEqual => order(have, wanted) != Ordering::Less,
        Op::Less => order(have, wanted) == Ordering::Less,
        Op::LessOrEqual => order(have, wanted) != Ordering::Greater,
    }
}

fn matches(t: &Term, entity: &Value) -> bool {
    if t.field == "ids" {
        let id = entity.get("id").and_then(Value::as_str).unwrap_or_default();
        return t.value.split(',').any(|w| w.trim() == id);
    }
    match entity.get(&t.field) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(text)
            .any(|x| one_matches(t.op, &x, &t.value)),
        Some(v) => text(v).is_some_and(|x| one_matches(t.op, &x, &t.value)),
        None => false,
    }
}

/// A page of `r`'s top-level entities that the request's search picks, in the order asked.
pub fn search(store: &Store, r: &'static Resource, q: &Query) -> ApiResult<Value> {
    let size = page_size(r, q)?;
    let terms = q
        .one("searchQuery")
        .unwrap_or_default()
        .split('$')
        .filter(|t| !t.trim().is_empty())
        .map(term)
        .collect::<ApiResult<Vec<Term>>>()?;
    let any = match q.one("operator").filter(|s| !s.is_empty()) {
        None => false,
        Some(o) if o.eq_ignore_ascii_case("AND") => false,
        Some(o) if o.eq_ignore_ascii_case("OR") => true,
        Some(o) => {
            return Err(ApiError::bad_request(format!(
                "operator: must be AND or OR (got {o})"
            )))
        }
    };
    let descending = match q.one("sortOrder").filter(|s| !s.is_empty()) {
        None => false,
        Some(o) if o.eq_ignore_ascii_case("ASC") => false,
        Some(o) if o.eq_ignore_ascii_case("DESC") => true,
        Some(o) => {
            return Err(ApiError::bad_request(format!(
                "sortOrder: must be ASC or DESC (got {o})"
            )))
        }
    };
    let from = match q.one("fromDocument").filter(|s| !s.is_empty()) {
        None => 0,
        Some(raw) => raw.parse::<usize>().map_err(|_| {
            ApiError::bad_request(format!(
                "fromDocument: must be a whole number of 0 or more (got {raw})"
            ))
        })?,
    };
    // Newest first, as lists are.
    let mut hits: Vec<&Value> = store
        .collection(r.key)
        .map(|c| {
            c.values()
                .rev()
                .filter(|s| s.parent.is_empty())
                .map(|s| &s.value)
                .collect()
        })
        .unwrap_or_default();
    hits.retain(|e| {
        terms.is_empty()
            || if any {
                terms.iter().any(|t| matches(t, e))
            } else {
                terms.iter().all(|t| matches(t, e))
            }
    });
    if let Some(field) = q.one("sortBy").filter(|s| !s.is_empty()) {
        let key = |e: &Value| e.get(field).and_then(text);
        hits.sort_by(|a, b| {
            let o = match (key(a), key(b)) {
                (Some(x), Some(y)) => order(&x, &y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            if descending {
                o.reverse()
            } else {
                o
            }
        });
    }
    let data: Vec<Value> = hits
        .iter()
        .skip(from)
        .take(size)
        .map(|v| (*v).clone())
        .collect();
    let mut body = json!({ "data": data });
    let next = from.saturating_add(size);
    if next < hits.len() {
        body["nextToken"] = json!(next.to_string());
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_their_operator() {
        let t = term("billDate>=2025-03-01").expect("term");
        assert_eq!(
            (t.field.as_str(), t.op, t.value.as_str()),
            ("billDate", Op::GreaterOrEqual, "2025-03-01")
        );
        assert_eq!(term("name~acme").expect("term").op, Op::Contains);
        assert_eq!(term("locked:true").expect("term").op, Op::Equals);
        assert_eq!(term("x<3").expect("term").op, Op::Less);
        assert!(term("novalue").is_err());
        assert!(term(":x").is_err());
        assert!(term("a b:x").is_err());
    }

    #[test]
    fn comparisons_know_dates_and_numbers() {
        assert!(one_matches(
            Op::Greater,
            "2025-03-01",
            "2025-02-28T00:00:00Z"
        ));
        assert!(one_matches(Op::Less, "9", "10"));
        assert!(one_matches(Op::Equals, "true", "TRUE"));
        assert!(one_matches(Op::Contains, "Acme account", "ACME"));
        assert!(!one_matches(Op::Equals, "abc", "ab"));
    }
}
