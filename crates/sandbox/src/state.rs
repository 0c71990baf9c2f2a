//! Shared server state and configuration.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

use crate::auth::Auth;
use crate::faults::{Fault, Faults};
use crate::files::Files;
use crate::lock::lock;
use crate::store::Store;

pub const DEMO_TOKEN: &str = "m3ter-sandbox-demo-token";
pub const DEMO_ORG: &str = "5c1a7e0b-2f4d-4b8a-9e61-0a3d2c7f8b91";
pub const DEMO_CLIENT_ID: &str = "demo-access-key";
pub const DEMO_CLIENT_SECRET: &str = "demo-api-secret";

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub token: String,
    pub client_id: String,
    pub client_secret: String,
    pub org: String,
    /// Number of meters to seed; `None` for the small default demo set.
    pub seed: Option<usize>,
    /// A built console to serve (with `index.html` for deep links).
    pub static_dir: Option<PathBuf>,
    /// The URL path the console is served under (`/` or e.g. `/console/`).
    pub base_path: String,
    /// Added to every API answer.
    pub latency_ms: u64,
    /// How long a created statement job stays PENDING, then RUNNING, before it is COMPLETE.
    pub job_step_ms: u64,
    /// Lifetime of tokens issued by `/oauth/token`.
    pub token_ttl_secs: u64,
    /// Lifetime of the download links actions answer (`crate::files`).
    pub link_ttl_secs: u64,
    /// API requests per second before answering 429 (off when `None`).
    pub rate_limit: Option<u32>,
    /// Faults active from the start.
    pub faults: Vec<Fault>,
    /// Send a Content-Security-Policy and the other security headers with the console's files.
    pub security_headers: bool,
    /// The API origins the console's `connect-src` allows besides its own (space-separated);
    /// `None`: any http(s) origin, since a demo user may type any API base URL.
    pub connect_src: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: DEMO_TOKEN.into(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: DEMO_CLIENT_SECRET.into(),
            org: DEMO_ORG.into(),
            seed: None,
            static_dir: None,
            base_path: "/".into(),
            latency_ms: 0,
            job_step_ms: 10_000,
            token_ttl_secs: 18_000,
            link_ttl_secs: 300,
            rate_limit: None,
            faults: Vec::new(),
            security_headers: true,
            connect_src: None,
        }
    }
}

/// One API request as the sandbox saw it (for tests: "exactly one DELETE", "no extra requests").
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    pub status: u16,
    pub has_authorization: bool,
    pub fault: Option<String>,
    /// A POST's or PUT's body exactly as received (the first `LOG_BODY_CAP` bytes).
    pub body: Option<String>,
}

pub struct AppState {
    pub config: Config,
    /// `http://host:port` as bound, for absolute links (statement downloads).
    pub public_url: String,
    pub store: Mutex<Store>,
    pub auth: Arc<Mutex<Auth>>,
    pub faults: Mutex<Faults>,
    pub log: Mutex<VecDeque<LoggedRequest>>,
    /// When entities with a lifecycle (statement jobs) were created through the API, by id: they
    /// advance with time.
    pub clocks: Mutex<HashMap<String, Instant>>,
    pub rate: Mutex<(Instant, u32)>,
    /// Content-Security-Policy violations the browser reported (should stay empty).
    pub csp_reports: Mutex<Vec<serde_json::Value>>,
    /// The files behind download links.
    pub files: Arc<Mutex<Files>>,
}

pub const LOG_CAP: usize = 2000;
/// How much of each request body the log keeps.
pub const LOG_BODY_CAP: usize = 256 << 10;

/// Reads a request's body (up to 2 MiB, axum's default limit; 413 beyond) and puts it back: the
/// request, and the first `LOG_BODY_CAP` bytes as text.
pub async fn read_body(
    req: axum::extract::Request,
) -> Result<(axum::extract::Request, Option<String>), axum::response::Response> {
    use axum::response::IntoResponse as _;
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 2 << 20).await else {
        return Err(crate::error::ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "The body is larger than 2 MiB",
        )
        .into_response());
    };
    let kept = bytes.get(..LOG_BODY_CAP).unwrap_or(&bytes);
    let text = String::from_utf8_lossy(kept).into_owned();
    Ok((
        axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes)),
        Some(text),
    ))
}

impl AppState {
    /// The sandbox serving `seeded` (the demo data `crate::seed` builds for `config`).
    pub fn new(config: Config, public_url: String, seeded: Store) -> Self {
        let auth = Auth::new(
            config.token.clone(),
            config.client_id.clone(),
            config.client_secret.clone(),
            config.token_ttl_secs,
        );
        let mut faults = Faults::default();
        for f in &config.faults {
            faults.add(f.clone());
        }
        let files = Files::new(public_url.clone(), config.link_ttl_secs);
        AppState {
            config,
            public_url,
            store: Mutex::new(seeded),
            auth: Arc::new(Mutex::new(auth)),
            faults: Mutex::new(faults),
            log: Mutex::new(VecDeque::new()),
            clocks: Mutex::new(HashMap::new()),
            rate: Mutex::new((Instant::now(), 0)),
            csp_reports: Mutex::new(Vec::new()),
            files: Arc::new(Mutex::new(files)),
        }
    }

    /// Back to `seeded` data, no faults, no log.
    pub fn reset(&self, seeded: Store) {
        *lock(&self.store) = seeded;
        lock(&self.faults).clear();
        lock(&self.log).clear();
        lock(&self.clocks).clear();
        lock(&self.files).clear();
    }

    pub fn record(&self, entry: LoggedRequest) {
        let mut log = lock(&self.log);
        if log.len() == LOG_CAP {
            log.pop_front();
        }
        log.push_back(entry);
    }

    /// Counts a request against `--rate-limit`; true when it must be refused.
    pub fn over_rate_limit(&self) -> bool {
        let Some(limit) = self.config.rate_limit else {
            return false;
        };
        let mut rate = lock(&self.rate);
        if rate.0.elapsed().as_secs_f64() >= 1.0 {
            *rate = (Instant::now(), 0);
        }
        rate.1 += 1;
        rate.1 > limit
    }
}
