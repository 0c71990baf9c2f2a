//! Optional runtime configuration: `config.json` beside `index.html`, so one build serves many sites.
//!
//! ```json
//! {"apiBaseUrl": "https://api.m3ter.com", "organizationId": "…", "title": "Acme billing console",
//!  "requestTimeoutMs": 30000}
//! ```
//! Never put a token or secret here: the file is public.

use serde::Deserialize;

pub const DEFAULT_API_BASE_URL: &str = "https://api.m3ter.com";

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeConfig {
    #[serde(default)]
    pub api_base_url: Option<String>,
    #[serde(default)]
    pub organization_id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub request_timeout_ms: Option<u32>,
}

impl RuntimeConfig {
    pub fn base_url(&self) -> String {
        self.api_base_url
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_API_BASE_URL.into())
    }
    pub fn title(&self) -> String {
        self.title
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "m3ter Console".into())
    }
}

/// Fetches `config.json` relative to the page's base; a missing or broken file means defaults.
pub async fn load() -> RuntimeConfig {
    let Ok(response) = gloo_net::http::Request::get("config.json").send().await else {
        return RuntimeConfig::default();
    };
    if !response.ok() {
        return RuntimeConfig::default();
    }
    match response.text().await {
        Ok(text) => serde_json::from_str(&text).unwrap_or_default(),
        Err(_) => RuntimeConfig::default(),
    }
}

/// The path the console is served under, from `<base href>` (Trunk writes it from `--public-url`):
/// `""` at the root, `"/console"` under a sub-path.
pub fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_owned()
}

thread_local! {
    static BASE: String = router_base();
}

/// An in-app path with the console's base in front (`/meters` → `/console/meters` under a sub-path).
pub fn href(path: &str) -> String {
    BASE.with(|b| format!("{b}{path}"))
}
