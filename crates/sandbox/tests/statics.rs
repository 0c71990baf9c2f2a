//! Serving the built console: deep links, pre-compressed files, content types, security headers.

mod support;

use m3ter_sandbox::Config;
use support::Sandbox;

/// A site of its own for each test: they run in parallel, and rewriting a shared `index.html` while
/// another test reads it gave that test an empty page.
fn site() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("m3ter-sandbox-site-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let index = "<!doctype html><html><head><script type=\"module\">import init from '/app-abc123.js';init();</script></head><body></body></html>";
    std::fs::write(dir.join("index.html"), index).expect("index");
    std::fs::write(dir.join("app-abc123.js"), "export default function(){}").expect("js");
    std::fs::write(dir.join("app-abc123_bg.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    std::fs::write(dir.join("app-abc123_bg.wasm.br"), b"brotli bytes").expect("br");
    std::fs::write(dir.join("app-abc123_bg.wasm.gz"), b"gzip bytes").expect("gz");
    dir
}

#[tokio::test]
async fn serves_files_deep_links_and_compressed_variants() {
    let dir = site();
    let sb = Sandbox::with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    let index = sb.request("GET", "/", &[], None).await.expect("index");
    assert_eq!(index.status, 200);
    assert!(index.headers["content-type"].starts_with("text/html"));
    assert_eq!(index.headers["cache-control"], "no-cache");
    let deep = sb
        .request(
            "GET",
            "/meters/8d3e2a1f-5b6c-4d7e-9f80-a1b2c3d4e5f6",
            &[],
            None,
        )
        .await
        .expect("deep link");
    assert_eq!(deep.status, 200);
    assert_eq!(deep.text, index.text, "deep links get index.html");
    let missing = sb
        .request("GET", "/missing-123.js", &[], None)
        .await
        .expect("missing");
    assert_eq!(missing.status, 404);

    let plain = sb
        .request("GET", "/app-abc123_bg.wasm", &[], None)
        .await
        .expect("wasm");
    assert_eq!(plain.headers["content-type"], "application/wasm");
    assert!(!plain.headers.contains_key("content-encoding"));
    assert!(plain.headers["cache-control"].contains("immutable"));
    let br = sb
        .request(
            "GET",
            "/app-abc123_bg.wasm",
            &[("accept-encoding", "gzip, deflate, br")],
            None,
        )
        .await
        .expect("br");
    assert_eq!(
        br.headers.get("content-encoding").map(String::as_str),
        Some("br")
    );
    assert_eq!(br.headers["content-type"], "application/wasm");
    assert_eq!(br.text, "brotli bytes");
    let gz = sb
        .request(
            "GET",
            "/app-abc123_bg.wasm",
            &[("accept-encoding", "gzip")],
            None,
        )
        .await
        .expect("gz");
    assert_eq!(
        gz.headers.get("content-encoding").map(String::as_str),
        Some("gzip")
    );
    let js = sb
        .request("GET", "/app-abc123.js", &[], None)
        .await
        .expect("js");
    assert!(js.headers["content-type"].starts_with("text/javascript"));
    let traversal = sb
        .request("GET", "/../Cargo.toml", &[], None)
        .await
        .expect("traversal");
    assert!(!traversal.text.contains("[package]"));
    // API paths never fall back to the console (without a token they are refused first, as m3ter's
    // gateway does).
    let api = sb
        .request("GET", "/organizations/x/nothing", &[], None)
        .await
        .expect("api");
    assert_eq!(api.status, 401);
    assert!(api.text.contains("message"));
}

#[tokio::test]
async fn security_headers_and_a_csp_that_allows_the_bootstrap() {
    let dir = site();
    let sb = Sandbox::with(Config {
        static_dir: Some(dir),
        ..Config::default()
    })
    .await;
    let index = sb.request("GET", "/", &[], None).await.expect("index");
    let csp = index
        .headers
        .get("content-security-policy")
        .cloned()
        .unwrap_or_default();
    assert!(
        csp.contains("'wasm-unsafe-eval'")
            && !csp.contains("'unsafe-eval'")
            && !csp.contains("'unsafe-inline'"),
        "{csp}"
    );
    assert!(
        csp.contains("'sha256-"),
        "the inline bootstrap is allowed by hash: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(index.headers["x-content-type-options"], "nosniff");
    assert_eq!(index.headers["referrer-policy"], "no-referrer");
    let expected = m3ter_sandbox::csp::policy_with_reports(
        &index.text,
        m3ter_sandbox::csp::ANY_API,
        Some("/_sandbox/csp-reports"),
    );
    assert_eq!(csp, expected);
}

#[tokio::test]
async fn a_sub_path_base() {
    let dir = site();
    let sb = Sandbox::with(Config {
        static_dir: Some(dir),
        base_path: "/console/".into(),
        ..Config::default()
    })
    .await;
    let index = sb
        .request("GET", "/console/", &[], None)
        .await
        .expect("index");
    assert_eq!(index.status, 200);
    assert!(index.text.contains("<script"));
    let deep = sb
        .request("GET", "/console/meters", &[], None)
        .await
        .expect("deep");
    assert_eq!(deep.status, 200);
    let bare = sb
        .request("GET", "/console", &[], None)
        .await
        .expect("bare");
    assert_eq!(bare.status, 200);
    let outside = sb
        .request("GET", "/meters", &[], None)
        .await
        .expect("outside");
    assert_eq!(outside.status, 307);
    assert_eq!(outside.headers["location"], "/console/");
    let asset = sb
        .request("GET", "/console/app-abc123.js", &[], None)
        .await
        .expect("asset");
    assert_eq!(asset.status, 200);
}

/// The tests run the console under the policy README.md recommends (with their API's origin in
/// place of m3ter's, and a `report-uri` so that a violation fails them); the nginx and Caddy
/// examples send it too.
#[test]
fn the_readme_recommends_the_policy_the_tests_run_under() {
    let readme = include_str!("../../../README.md");
    let recommended = readme
        .lines()
        .find_map(|l| l.strip_prefix("Content-Security-Policy: "))
        .expect("README.md names a Content-Security-Policy");
    let index = "<!DOCTYPE html><html><head><script type=\"module\" src=\"/boot-1.js\"></script></head></html>";
    assert_eq!(
        m3ter_sandbox::csp::policy_with_reports(index, "https://api.m3ter.com", None),
        recommended
    );
    assert_eq!(
        readme.matches(recommended).count(),
        3,
        "the header, the nginx and the Caddy examples"
    );
    let tested = m3ter_sandbox::csp::policy_with_reports(
        index,
        "http://127.0.0.1:4000",
        Some("/_sandbox/csp-reports"),
    );
    assert_eq!(
        tested,
        format!(
            "{}; report-uri /_sandbox/csp-reports",
            recommended.replace("https://api.m3ter.com", "http://127.0.0.1:4000")
        )
    );
}
