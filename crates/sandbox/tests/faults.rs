//! Fault injection switched at run time, over real HTTP.

mod support;

use serde_json::json;
use support::Sandbox;

async fn fault(sb: &Sandbox, spec: serde_json::Value) {
    let r = sb.admin("POST", "/_sandbox/faults", Some(spec)).await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn status_faults_apply_the_given_number_of_times() {
    let sb = Sandbox::start().await;
    fault(&sb, json!({"kind": "status", "status": 503, "method": "GET", "path": "/meters", "times": 2, "headers": {"Retry-After": "3"}})).await;
    let path = Sandbox::org("meters");
    for _ in 0..2 {
        let r = sb.get(&path).await;
        assert_eq!(r.status, 503);
        assert!(r.message().starts_with("Injected fault"));
        assert_eq!(r.headers.get("retry-after").map(String::as_str), Some("3"));
        assert_eq!(
            r.headers
                .get("access-control-allow-origin")
                .map(String::as_str),
            Some("*")
        );
    }
    assert_eq!(sb.get(&path).await.status, 200);
    // Other methods and paths are untouched.
    fault(
        &sb,
        json!({"kind": "status", "status": 500, "method": "DELETE"}),
    )
    .await;
    assert_eq!(sb.get(&path).await.status, 200);
    let log = sb.admin("GET", "/_sandbox/requests", None).await.json();
    assert!(log
        .as_array()
        .expect("log")
        .iter()
        .any(|r| r["fault"] == "Status"));
    assert_eq!(
        sb.admin("DELETE", "/_sandbox/faults", None).await.status,
        204
    );
    assert_eq!(
        sb.admin("GET", "/_sandbox/faults", None).await.json(),
        json!([])
    );
}

#[tokio::test]
async fn html_malformed_wrong_shape_and_large_bodies() {
    let sb = Sandbox::start().await;
    let path = Sandbox::org("meters");
    fault(&sb, json!({"kind": "html", "times": 1})).await;
    let r = sb.get(&path).await;
    assert_eq!(r.status, 502);
    assert!(r.headers["content-type"].starts_with("text/html"));
    assert!(r.text.contains("Bad Gateway"));
    fault(&sb, json!({"kind": "malformed", "times": 1})).await;
    let r = sb.get(&path).await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_err());
    fault(&sb, json!({"kind": "wrongShape", "times": 1})).await;
    let r = sb.get(&path).await;
    assert!(r.json().get("data").is_none());
    fault(&sb, json!({"kind": "large", "times": 1})).await;
    let r = sb.get(&path).await;
    assert!(r.text.len() >= 1 << 20);
    assert!(r.json()["data"].as_array().is_some_and(|d| d.len() > 1000));
}

#[tokio::test]
async fn dropped_hanging_delayed_and_cors_less_answers() {
    let sb = Sandbox::start().await;
    let path = Sandbox::org("meters");
    fault(&sb, json!({"kind": "drop", "times": 1})).await;
    let auth = [("authorization", "Bearer m3ter-sandbox-demo-token")];
    assert!(
        sb.request("GET", &path, &auth, None).await.is_err(),
        "the connection is closed without an answer"
    );
    assert_eq!(sb.get(&path).await.status, 200);

    fault(&sb, json!({"kind": "hang", "times": 1, "delayMs": 400})).await;
    let started = std::time::Instant::now();
    assert!(sb.request("GET", &path, &auth, None).await.is_err());
    assert!(started.elapsed().as_millis() >= 400);

    fault(&sb, json!({"kind": "delay", "times": 1, "delayMs": 300})).await;
    let started = std::time::Instant::now();
    assert_eq!(sb.get(&path).await.status, 200);
    assert!(started.elapsed().as_millis() >= 300);

    fault(&sb, json!({"kind": "noCors"})).await;
    let r = sb
        .request(
            "GET",
            &path,
            &[
                ("authorization", "Bearer m3ter-sandbox-demo-token"),
                ("origin", "http://x"),
            ],
            None,
        )
        .await
        .expect("answer");
    assert_eq!(r.status, 200);
    assert!(!r.headers.contains_key("access-control-allow-origin"));
    let pre = sb
        .request(
            "OPTIONS",
            &path,
            &[
                ("origin", "http://x"),
                ("access-control-request-method", "GET"),
            ],
            None,
        )
        .await
        .expect("answer");
    assert!(
        !pre.headers.contains_key("access-control-allow-origin"),
        "the preflight is refused too"
    );
}

#[tokio::test]
async fn faults_at_start_from_the_command_line() {
    let config = m3ter_sandbox::cli::parse(
        [
            "--fault",
            r#"{"kind":"status","status":418,"times":1}"#,
            "--latency-ms",
            "5",
        ]
        .map(String::from),
    )
    .expect("parse")
    .expect("config");
    let sb = Sandbox::with(config).await;
    assert_eq!(sb.get(&Sandbox::org("meters")).await.status, 418);
    assert_eq!(sb.get(&Sandbox::org("meters")).await.status, 200);
}
