//! Serves the built console: files from `dist/`, pre-compressed variants when the browser accepts them,
//! and `index.html` for any other path so deep links and refreshes work.

use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// The Content-Type for a file name.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A path below the console's base path, resolved inside `dir` (no `..` escapes).
fn resolve(dir: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(dir.join(rel))
}

fn accepts(headers: &HeaderMap, encoding: &str) -> bool {
    headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|e| e.trim().split(';').next() == Some(encoding))
        })
}

pub struct Site {
    pub dir: PathBuf,
    /// `/` or `/console/`.
    pub base: String,
    pub security_headers: bool,
    /// `script-src` hashes of `index.html`'s inline scripts (Trunk's bootstrap).
    pub csp: String,
}

impl Site {
    /// `api_origins`: what `connect-src` allows besides `'self'` (see `Config::connect_src`).
    pub fn new(dir: PathBuf, base: &str, security_headers: bool, api_origins: &str) -> Self {
        let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
        let index = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
        let csp =
            crate::csp::policy_with_reports(&index, api_origins, Some("/_sandbox/csp-reports"));
        Site {
            dir,
            base,
            security_headers,
            csp,
        }
    }

    pub async fn serve(&self, uri: &Uri, headers: &HeaderMap) -> Response {
        let path = uri.path();
        let Some(rel) = path.strip_prefix(self.base.as_str()).or_else(|| {
            (path.trim_end_matches('/') == self.base.trim_end_matches('/')).then_some("")
        }) else {
            return self.outside_base();
        };
        let rel = percent_decode(rel);
        let file = resolve(&self.dir, &rel).filter(|p| p.is_file());
        let (file, is_index) = match file {
            Some(f) => (f, rel.ends_with("index.html")),
            // A missing file with an extension is a real 404; anything else is a console route.
            None if rel
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.')) =>
            {
                return (StatusCode::NOT_FOUND, "Not found").into_response()
            }
            None => (self.dir.join("index.html"), true),
        };
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let mut encoding = None;
        let mut body_path = file.clone();
        for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
            let candidate = PathBuf::from(format!("{}.{ext}", file.display()));
            if accepts(headers, enc) && candidate.is_file() {
                encoding = Some(enc);
                body_path = candidate;
                break;
            }
        }
        let Ok(bytes) = tokio::fs::read(&body_path).await else {
            return (StatusCode::NOT_FOUND, "Not found").into_response();
        };
        let mut response = Response::new(Body::from(bytes));
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(&name)),
        );
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if let Some(enc) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
        }
        // Trunk names assets by content hash: they never change. index.html and config.json do.
        let hashed = name.contains('-') && !is_index && name != "config.json";
        let cache = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if self.security_headers {
            crate::csp::add_security_headers(h, is_index.then_some(self.csp.as_str()));
        }
        response
    }

    fn outside_base(&self) -> Response {
        // The console lives under a sub-path: send visitors of other paths there.
        let mut r = StatusCode::TEMPORARY_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&self.base) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        r
    }
}

fn percent_decode(s: &str) -> String {
    form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
