//! Robustness (issue #14): sorting never crashes.

use serde_json::{json, Value};

use crate::support::{text_of, Env};

/// What a cell's sort text is (the console's `value::sort_text` for columns without enum labels).
fn cell_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.len().to_string(),
        Some(Value::Object(o)) => o.len().to_string(),
        Some(other) => other.to_string(),
    }
}

/// The order the README promises: numbers by value, then text ignoring case (then exactly), then
/// empty cells.
fn in_order(a: &str, b: &str) -> bool {
    let class = |t: &str| {
        if t.trim().is_empty() {
            (2, None)
        } else {
            match serde_json::from_str::<f64>(t) {
                Ok(n) => (0, Some(n)),
                Err(_) => (1, None),
            }
        }
    };
    let ((ca, na), (cb, nb)) = (class(a), class(b));
    let ord = ca.cmp(&cb).then_with(|| match (na, nb) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        _ if ca == 2 => std::cmp::Ordering::Equal,
        _ => a
            .to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b)),
    });
    ord.is_le()
}

/// The ids of the table's rows, top to bottom (from each row's link).
async fn row_ids(env: &Env) -> Vec<String> {
    let v = env
        .client
        .execute(
            "return [...document.querySelectorAll('table.resources tbody th a')].map(a => decodeURIComponent(a.getAttribute('href').split('/').pop()))",
            vec![],
        )
        .await
        .expect("js");
    serde_json::from_value(v).unwrap_or_default()
}

#[tokio::test]
async fn sorting_columns_of_mixed_values_never_crashes() {
    let env = Env::start().await;
    // What columns hold: numbers, numeric-looking text, words in both cases, nothing, blanks.
    let cells = [
        "10", "2x", "9", "123x", "1", "", "7", "30x", "100", "5a", "42", "3", "-1.5", "1e3",
        "Zeta", "alpha", "Ärger", "0", "-0", "  ",
    ];
    let odd = [
        json!(null),
        json!(""),
        json!("10"),
        json!(42),
        json!("2x"),
        json!(true),
        json!("9"),
        json!(1.5),
    ];
    let data_fields = [
        json!([]),
        json!([{"category": "WHO", "code": "a", "name": "A"}]),
        json!("2x"),
        json!(null),
        json!(10),
        json!({"a": 1}),
        json!([{"category": "NEW_CATEGORY", "code": "b", "name": "B"}, {"code": "c"}]),
    ];
    let dates = [
        json!("2024-03-01T10:00:00Z"),
        json!(""),
        json!(null),
        json!("not a date"),
        json!(1_700_000_000),
        json!("2023-12-31T23:59:59.999Z"),
        json!("10"),
    ];
    for i in 0..60 {
        let meter = json!({
            "name": cells[(i * 11 + 5) % cells.len()],
            "code": cells[(i * 7 + 3) % cells.len()],
            "productId": odd[i % odd.len()],
            "dataFields": data_fields[i % data_fields.len()],
            "derivedFields": data_fields[(i + 3) % data_fields.len()],
            "dtLastModified": dates[i % dates.len()],
        });
        env.control(
            "POST",
            "/_sandbox/entities/meters",
            Some(&meter.to_string()),
        )
        .await;
    }
    let meters = env.all("meters");
    let total = meters.len();
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_button("Load all").await;
    env.see(&format!("all {total}")).await;
    let by_id = |id: &str| meters.iter().find(|m| text_of(m, "id") == id).cloned();
    let keys = [
        "name",
        "code",
        "productId",
        "dataFields",
        "derivedFields",
        "dtLastModified",
    ];
    // Every column is sorted both ways before the order is judged: a crash shows first.
    let mut disorder = Vec::new();
    for (column, key) in keys.iter().enumerate() {
        for direction in ["ascending", "descending"] {
            env.client
                .execute(
                    "document.querySelectorAll('table.resources thead th button.sort')[arguments[0]].click()",
                    vec![json!(column)],
                )
                .await
                .expect("click a column header");
            env.until(&format!("{key} {direction}"), || async {
                env.assert_no_crash(&format!("sorting {key} {direction}"))
                    .await;
                let caption = env.page_text().await;
                (caption.contains("; sorted by")
                    && caption.contains(&format!(", {direction} (sorting")))
                .then_some(())
            })
            .await;
            env.assert_no_crash(&format!("sorting {key} {direction}"))
                .await;
            let ids = row_ids(&env).await;
            assert_eq!(ids.len(), total, "every row is still there");
            let texts: Vec<String> = ids
                .iter()
                .map(|id| cell_text(by_id(id).as_ref().and_then(|m| m.get(*key))))
                .collect();
            for pair in texts.windows(2) {
                let ok = match direction {
                    "ascending" => in_order(&pair[0], &pair[1]),
                    _ => in_order(&pair[1], &pair[0]),
                };
                if !ok {
                    disorder.push(format!(
                        "{key} {direction}: {:?} before {:?}",
                        pair[0], pair[1]
                    ));
                }
            }
        }
        // A third click goes back to the API's order.
        env.client
            .execute(
                "document.querySelectorAll('table.resources thead th button.sort')[arguments[0]].click()",
                vec![json!(column)],
            )
            .await
            .expect("unsort");
    }
    env.screenshot("sorted-mixed-columns").await;
    env.assert_no_crash("after sorting").await;
    assert!(disorder.is_empty(), "{disorder:#?}");
    env.finish().await;
}
