//! The `/_sandbox` controls: only this machine's own tools drive them, never another site's page,
//! and nothing they are given can make the sandbox overflow, allocate without bound or wait forever.

mod support;

use m3ter_sandbox::cli;
use serde_json::json;
use support::Sandbox;

fn port(sb: &Sandbox) -> u16 {
    sb.running.addr.port()
}

#[tokio::test]
async fn another_sites_page_cannot_drive_the_controls() {
    let sb = Sandbox::start().await;
    let evil = [("origin", "http://evil.example")];
    // No CORS on the controls: a preflight gets no permission, a simple request is refused.
    let pre = sb
        .request(
            "OPTIONS",
            "/_sandbox/faults",
            &[
                ("origin", "http://evil.example"),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
            None,
        )
        .await
        .expect("answer");
    assert!(
        !pre.headers.contains_key("access-control-allow-origin"),
        "{:?}",
        pre.headers
    );
    let fault = json!({"kind": "status", "status": 500}).to_string();
    for (method, path, body) in [
        ("POST", "/_sandbox/faults", Some(fault.clone())),
        ("POST", "/_sandbox/reset", None),
        ("DELETE", "/_sandbox/requests", None),
        ("GET", "/_sandbox/requests", None),
        ("POST", "/_sandbox/tokens", Some("{}".into())),
        ("PUT", "/_sandbox/entities/meters/x", Some("{}".into())),
    ] {
        let r = sb.request(method, path, &evil, body).await.expect("answer");
        assert_eq!(r.status, 403, "{method} {path}: {}", r.text);
        assert!(!r.headers.contains_key("access-control-allow-origin"));
    }
    assert!(m3ter_sandbox::lock::lock(&sb.running.state.faults)
        .list()
        .is_empty());
    // The sandbox's own pages (same origin) and tools without an Origin still can.
    let own = format!("http://127.0.0.1:{}", port(&sb));
    let r = sb
        .request(
            "POST",
            "/_sandbox/faults",
            &[("origin", own.as_str())],
            Some(fault.clone()),
        )
        .await
        .expect("answer");
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(sb.admin("GET", "/_sandbox/faults", None).await.status, 200);
    // The API keeps its CORS for any origin.
    let api = sb
        .request(
            "OPTIONS",
            &Sandbox::org("meters"),
            &[
                ("origin", "http://console.example"),
                ("access-control-request-method", "GET"),
            ],
            None,
        )
        .await
        .expect("answer");
    assert_eq!(
        api.headers
            .get("access-control-allow-origin")
            .map(String::as_str),
        Some("http://console.example")
    );
}

#[tokio::test]
async fn the_controls_answer_only_loopback_host_names() {
    let sb = Sandbox::start().await;
    let p = port(&sb);
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own Host.
    for host in [
        format!("evil.example:{p}"),
        "evil.example".into(),
        format!("127.0.0.1.evil.example:{p}"),
        format!("localhost:{}", p.wrapping_add(1)),
        String::new(),
    ] {
        let r = sb
            .request("GET", "/_sandbox", &[("host", host.as_str())], None)
            .await
            .expect("answer");
        assert_eq!(r.status, 403, "Host {host:?}: {}", r.text);
    }
    for host in [
        format!("localhost:{p}"),
        format!("127.0.0.1:{p}"),
        format!("[::1]:{p}"),
        "localhost".into(),
    ] {
        let r = sb
            .request("GET", "/_sandbox", &[("host", host.as_str())], None)
            .await
            .expect("answer");
        assert_eq!(r.status, 200, "Host {host:?}: {}", r.text);
    }
    // The API itself does not care for names (it needs its token).
    let r = sb
        .request(
            "GET",
            &Sandbox::org("meters"),
            &[
                ("host", "api.example"),
                ("authorization", "Bearer m3ter-sandbox-demo-token"),
            ],
            None,
        )
        .await
        .expect("answer");
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn faults_and_tokens_out_of_bounds_are_refused() {
    let sb = Sandbox::start().await;
    for fault in [
        json!({"kind": "large", "size": 1u64 << 40}),
        json!({"kind": "large", "size": u64::MAX}),
        json!({"kind": "delay", "delayMs": u64::MAX}),
        json!({"kind": "hang", "delayMs": 86_400_000u64}),
        json!({"kind": "status", "times": 0}),
        json!({"kind": "status", "times": 1u64 << 40}),
        json!({"kind": "status", "status": 42}),
        json!({"kind": "status", "status": 70000}),
    ] {
        let r = sb
            .admin("POST", "/_sandbox/faults", Some(fault.clone()))
            .await;
        assert_eq!(r.status, 400, "{fault}: {}", r.text);
    }
    assert!(sb.admin("GET", "/_sandbox/faults", None).await.json() == json!([]));
    for ttl in [json!(u64::MAX), json!(1e300), json!(-1), json!("60")] {
        let r = sb
            .admin("POST", "/_sandbox/tokens", Some(json!({ "ttlSecs": ttl })))
            .await;
        assert_eq!(r.status, 400, "ttlSecs {ttl}: {}", r.text);
    }
    let r = sb
        .admin("POST", "/_sandbox/tokens", Some(json!({"ttlSecs": 60})))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["expires_in"], 60);
    // Within bounds, a large body is as big as asked.
    let r = sb
        .admin(
            "POST",
            "/_sandbox/faults",
            Some(json!({"kind": "large", "size": 3_000_000, "times": 1})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let big = sb.get(&Sandbox::org("meters")).await;
    assert!(big.text.len() >= 3_000_000);
    // The library call clamps what it is given.
    let token = m3ter_sandbox::lock::lock(&sb.running.state.auth).issue(u64::MAX);
    assert!(token.expires_in > 0);
    assert!(
        m3ter_sandbox::faults::large_body(usize::MAX).len()
            <= m3ter_sandbox::faults::MAX_SIZE + 1024
    );
}

fn parse(args: &[&str]) -> Result<Option<m3ter_sandbox::Config>, String> {
    cli::parse(args.iter().map(|a| a.to_string()))
}

#[test]
fn command_line_values_are_bounded() {
    for args in [
        &["--token-ttl", "18446744073709551615"][..],
        &["--token-ttl", "315360001"],
        &["--seed", "18446744073709551615"],
        &["--seed", "1000001"],
        &["--latency-ms", "18446744073709551615"],
        &["--job-step-ms", "18446744073709551615"],
        &[
            "--fault",
            r#"{"kind":"delay","delayMs":18446744073709551615}"#,
        ],
        &["--fault", r#"{"kind":"large","size":18446744073709551615}"#],
    ] {
        let err = parse(args).expect_err(&format!("{args:?} accepted"));
        assert!(err.contains("at most"), "{args:?}: {err}");
    }
    assert!(parse(&[
        "--token-ttl",
        "315360000",
        "--seed",
        "1000000",
        "--latency-ms",
        "600000"
    ])
    .is_ok());
}

#[test]
fn listening_beyond_this_machine_must_be_asked_for() {
    for addr in ["0.0.0.0:8080", "[::]:8080", "192.168.1.10:8080"] {
        let err = parse(&["--addr", addr]).expect_err(addr);
        assert!(err.contains("--allow-remote"), "{err}");
        let config = parse(&["--addr", addr, "--allow-remote"])
            .expect("allowed")
            .expect("config");
        assert!(cli::banner("http://x", &config).starts_with("WARNING"));
    }
    for addr in ["127.0.0.1:0", "[::1]:8080"] {
        let config = parse(&["--addr", addr]).expect("loopback").expect("config");
        assert!(!cli::banner("http://x", &config).contains("WARNING"));
    }
}

#[tokio::test]
async fn a_download_link_serves_its_file_until_it_expires() {
    let sb = Sandbox::with(m3ter_sandbox::Config {
        link_ttl_secs: 1,
        ..Default::default()
    })
    .await;
    let state = &sb.running.state;
    let url = m3ter_sandbox::lock::lock(&state.files)
        .link(
            chrono::Utc::now(),
            "bill 7.csv",
            "text/csv",
            b"a,b\n1,2\n".to_vec(),
        )
        .url;
    assert!(url.contains("X-Amz-Expires=1&"), "{url}");
    assert!(url.contains("/bill_7.csv?"), "{url}");
    let path = url
        .strip_prefix(&state.public_url)
        .expect("a URL of the sandbox");
    let got = sb.request("GET", path, &[], None).await.expect("answer");
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.text, "a,b\n1,2\n");
    assert!(got.headers["content-disposition"].contains("bill_7.csv"));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = sb.request("GET", path, &[], None).await.expect("answer");
    assert_eq!(expired.status, 403);
    assert!(
        expired.text.contains("Request has expired"),
        "{}",
        expired.text
    );
    let unknown = sb
        .request("GET", "/_sandbox/files/0/none.csv", &[], None)
        .await
        .expect("answer");
    assert_eq!(unknown.status, 404);
}
