//! The connection to m3ter: API base URL, organization and credential, and where they are kept.
//!
//! Memory only by default. "Remember in this tab" (sessionStorage) and "Remember on this device"
//! (localStorage) are explicit opt-ins; the API secret of client credentials is stored only if the user
//! also ticks "Remember the API secret". "Sign out" clears memory and both storages.

pub mod jwt;
pub mod reauth;
pub mod storage;

use serde::{Deserialize, Serialize};

/// Where the connection is kept between page loads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keep {
    #[default]
    Memory,
    Tab,
    Device,
}

impl Keep {
    pub fn describe(self) -> &'static str {
        match self {
            Keep::Memory => "in memory only (gone when you close or reload the tab)",
            Keep::Tab => "in this tab (sessionStorage)",
            Keep::Device => "on this device (localStorage)",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Credential {
    /// A pasted bearer token.
    Token { token: String },
    /// A service user's access key and secret, exchanged at `/oauth/token`.
    Client {
        key_id: String,
        /// `None` after a reload when the secret was not remembered: the user is asked again.
        secret: Option<String>,
        token: Option<String>,
        /// When the token expires (`Date.now()` milliseconds).
        expires_at_ms: Option<f64>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub base_url: String,
    pub org_id: String,
    pub credential: Credential,
    pub keep: Keep,
    /// Client credentials only: also store the API secret.
    #[serde(default)]
    pub keep_secret: bool,
}

/// Renew a client-credentials token this long before it expires.
pub const RENEW_MARGIN_MS: f64 = 60_000.0;

impl Connection {
    /// The bearer token to send now, if there is one that has not expired.
    pub fn token(&self) -> Option<&str> {
        match &self.credential {
            Credential::Token { token } => Some(token),
            Credential::Client { token, .. } => token.as_deref(),
        }
    }

    /// When the current token expires, from the JWT or the token response.
    pub fn expires_at_ms(&self) -> Option<f64> {
        match &self.credential {
            Credential::Token { token } => jwt::expiry(token).map(|s| s as f64 * 1000.0),
            Credential::Client {
                expires_at_ms,
                token,
                ..
            } => expires_at_ms.or_else(|| {
                token
                    .as_deref()
                    .and_then(jwt::expiry)
                    .map(|s| s as f64 * 1000.0)
            }),
        }
    }

    /// Client credentials whose token is missing or about to expire.
    pub fn needs_renewal(&self, now_ms: f64) -> bool {
        match &self.credential {
            Credential::Token { .. } => false,
            Credential::Client { token: None, .. } => true,
            Credential::Client { .. } => self
                .expires_at_ms()
                .is_some_and(|exp| now_ms >= exp - RENEW_MARGIN_MS),
        }
    }

    /// What goes into storage under the user's choice: the secret only when asked for.
    pub fn for_storage(&self) -> Connection {
        let mut stored = self.clone();
        if let Credential::Client { secret, .. } = &mut stored.credential {
            if !self.keep_secret {
                *secret = None;
            }
        }
        stored
    }

    /// The API base URL without a trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

/// A pasted token without a leading `Bearer ` and surrounding whitespace.
pub fn clean_token(raw: &str) -> String {
    let t = raw.trim();
    let t = match t.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("bearer ") => &t[7..],
        _ => t,
    };
    t.trim().to_owned()
}

/// A typed base URL made usable: trimmed, `https://` added when no scheme was given, no trailing `/`.
/// A path-only value (`/m3ter`) is kept: it means a same-origin proxy.
pub fn clean_base_url(raw: &str) -> String {
    let t = raw.trim().trim_end_matches('/');
    if t.is_empty() || t.starts_with('/') || t.contains("://") {
        t.to_owned()
    } else {
        format!("https://{t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_tokens_lose_bearer_and_whitespace() {
        assert_eq!(clean_token("  Bearer abc.def  \n"), "abc.def");
        assert_eq!(clean_token("bearer xyz"), "xyz");
        assert_eq!(clean_token("BEARER   spaced"), "spaced");
        assert_eq!(clean_token("abc"), "abc");
        assert_eq!(clean_token("Bearerless"), "Bearerless");
        assert_eq!(clean_token("ü"), "ü");
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            clean_base_url(" https://api.m3ter.com/ "),
            "https://api.m3ter.com"
        );
        assert_eq!(clean_base_url("api.m3ter.com"), "https://api.m3ter.com");
        assert_eq!(clean_base_url("/m3ter/"), "/m3ter");
        assert_eq!(
            clean_base_url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
    }

    #[test]
    fn storage_drops_the_secret_unless_asked() {
        let conn = Connection {
            base_url: "x".into(),
            org_id: "o".into(),
            credential: Credential::Client {
                key_id: "k".into(),
                secret: Some("s".into()),
                token: Some("t".into()),
                expires_at_ms: Some(10.0),
            },
            keep: Keep::Device,
            keep_secret: false,
        };
        assert!(matches!(
            conn.for_storage().credential,
            Credential::Client { secret: None, .. }
        ));
        let keep = Connection {
            keep_secret: true,
            ..conn.clone()
        };
        assert!(matches!(
            keep.for_storage().credential,
            Credential::Client {
                secret: Some(_),
                ..
            }
        ));
        assert!(conn.needs_renewal(10.0 - RENEW_MARGIN_MS));
        assert!(!conn.needs_renewal(0.0 - RENEW_MARGIN_MS - 1.0));
    }
}
