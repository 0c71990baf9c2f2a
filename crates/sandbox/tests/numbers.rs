//! The sandbox keeps numbers as written (so the console's round trip can be checked against it),
//! and its request log holds each write's body exactly as it arrived.

mod support;

use serde_json::Value;
use support::Sandbox;

const NUMBERS: &[&str] = &[
    "3.1415926535897931",
    "0.30000000000000004",
    "9007199254740993",
    "18446744073709551616",
    "-9223372036854775809",
    "1e+400",
    "-0",
    "1.50",
    "2.2250738585072011e-308",
];

#[tokio::test]
async fn numbers_keep_their_text_through_the_sandbox() {
    let sb = Sandbox::start().await;
    let list = sb.get(&Sandbox::org("meters?pageSize=1")).await.json();
    let meter = list["data"][0].clone();
    let id = meter["id"].as_str().expect("id").to_owned();
    let mut meter = meter;
    if let Some(map) = meter.as_object_mut() {
        map.remove("customFields");
    }
    let custom: Vec<String> = NUMBERS
        .iter()
        .enumerate()
        .map(|(i, n)| format!("\"n{i}\": {n}"))
        .collect();
    let raw = format!(
        "{}, \"customFields\": {{{}}}, \"future\": [{}]}}",
        meter.to_string().strip_suffix('}').expect("object"),
        custom.join(", "),
        NUMBERS.join(", ")
    );
    let put = sb
        .admin_text("PUT", &format!("/_sandbox/entities/meters/{id}"), raw)
        .await;
    assert_eq!(put.status, 200, "{}", put.text);
    let served = sb.get(&Sandbox::org(&format!("meters/{id}"))).await;
    for n in NUMBERS {
        assert!(
            served.text.contains(n),
            "{n} served as written: {}",
            served.text
        );
    }
    // An update through the API: what the console sends, and what the log says it received.
    let meta = m3ter_models::resource("meters").expect("meters");
    let mut body = m3ter_models::writable_body(meta, &served.json());
    body["name"] = Value::from("Renamed");
    body["version"] = served.json()["version"].clone();
    let text = body.to_string();
    let auth = format!("Bearer {}", m3ter_sandbox::DEMO_TOKEN);
    let saved = sb
        .request(
            "PUT",
            &Sandbox::org(&format!("meters/{id}")),
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            Some(text.clone()),
        )
        .await
        .expect("answer");
    assert_eq!(saved.status, 200, "{}", saved.text);
    for n in NUMBERS {
        assert!(text.contains(n), "{n} in the body: {text}");
        assert!(
            saved.text.contains(n),
            "{n} saved as written: {}",
            saved.text
        );
    }
    let log = sb.admin("GET", "/_sandbox/requests", None).await.json();
    let logged = log
        .as_array()
        .and_then(|l| l.iter().rev().find(|r| r["method"] == "PUT"))
        .cloned()
        .expect("the PUT in the log");
    assert_eq!(logged["body"].as_str(), Some(text.as_str()));
    // Reads carry no body.
    assert!(log.as_array().is_some_and(|l| l
        .iter()
        .any(|r| r["method"] == "GET" && r["body"].is_null())));
}
