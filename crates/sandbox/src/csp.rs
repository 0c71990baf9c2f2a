//! Security headers for the console's files, including a Content-Security-Policy that allows exactly
//! the inline bootstrap script Trunk writes into `index.html` (by its SHA-256 hash) and wasm.

use axum::http::{HeaderMap, HeaderValue};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The contents of every inline `<script>` (one without `src`) in an HTML page.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    out
}

/// `connect-src` beyond `'self'` when the API's origin is not known in advance (the demo, where any
/// API base URL may be typed). A deployment names its API's origin instead, as the tests do.
pub const ANY_API: &str = "http: https:";

/// The policy for a page: its own files, wasm compilation, the inline scripts by hash, and API calls
/// to any origin (the API base URL is chosen at run time).
pub fn policy_for(html: &str) -> String {
    policy_with_reports(html, ANY_API, None)
}

/// The policy README.md recommends ("Deploying"), with `api_origins` (space-separated; may be empty)
/// in `connect-src`, and where the browser reports violations (the sandbox records them for tests).
pub fn policy_with_reports(html: &str, api_origins: &str, report_uri: Option<&str>) -> String {
    let hashes: String = inline_scripts(html)
        .iter()
        .map(|s| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        })
        .collect();
    let report = report_uri
        .map(|u| format!("; report-uri {u}"))
        .unwrap_or_default();
    let api = if api_origins.trim().is_empty() {
        String::new()
    } else {
        format!(" {}", api_origins.trim())
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'{api}; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'{report}"
    )
}

pub fn add_security_headers(h: &mut HeaderMap, csp: Option<&str>) {
    if let Some(csp) = csp.and_then(|c| HeaderValue::from_str(c).ok()) {
        h.insert("content-security-policy", csp);
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
}
