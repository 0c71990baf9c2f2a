//! Bearer tokens and the OAuth client-credentials exchange.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use m3ter_models::TokenResponse;

use crate::error::ApiError;
use crate::ids::mix;
use crate::lock::lock;

pub struct Auth {
    /// The long-lived token given with `--token` (never expires unless expired by the admin API).
    pub static_token: String,
    pub client_id: String,
    pub client_secret: String,
    /// Lifetime of tokens issued by `/oauth/token`, in seconds.
    pub ttl_secs: u64,
    /// Issued token → expiry (Unix seconds).
    issued: HashMap<String, u64>,
    /// Tokens expired early through `/_sandbox/tokens/expire`.
    expired: HashSet<String>,
    counter: u64,
}

/// The longest token lifetime the sandbox issues (ten years): the expiry stays a small number.
pub const MAX_TOKEN_TTL_SECS: u64 = 10 * 365 * 24 * 3600;

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Auth {
    pub fn new(
        static_token: String,
        client_id: String,
        client_secret: String,
        ttl_secs: u64,
    ) -> Self {
        Auth {
            static_token,
            client_id,
            client_secret,
            ttl_secs,
            issued: HashMap::new(),
            expired: HashSet::new(),
            counter: 0,
        }
    }

    /// Checks an `Authorization` header: 401 when missing, 403 when wrong or expired (as m3ter does).
    pub fn check(&self, header: Option<&str>) -> Result<(), ApiError> {
        let Some(header) = header else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Missing bearer token: send Authorization: Bearer <token>",
            ));
        };
        let token = match header.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
            _ => {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "The Authorization header must be: Bearer <token>",
                ))
            }
        };
        if self.expired.contains(token) {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "Token has expired"));
        }
        if token == self.static_token {
            return Ok(());
        }
        match self.issued.get(token) {
            Some(exp) if *exp > unix_now() => Ok(()),
            Some(_) => Err(ApiError::new(StatusCode::FORBIDDEN, "Token has expired")),
            None => Err(ApiError::new(StatusCode::FORBIDDEN, "Invalid token")),
        }
    }

    /// Checks HTTP Basic client credentials and issues a token.
    pub fn exchange(&mut self, basic: Option<&str>) -> Result<TokenResponse, ApiError> {
        let unauthorized = |m: &str| ApiError::new(StatusCode::UNAUTHORIZED, m);
        let Some(header) = basic else {
            return Err(unauthorized(
                "Missing client credentials: send Authorization: Basic base64(accessKeyId:apiSecret)",
            ));
        };
        let encoded = match header.split_once(' ') {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("basic") => rest.trim(),
            _ => {
                return Err(unauthorized(
                    "Client credentials must use HTTP Basic authentication",
                ))
            }
        };
        let decoded = STANDARD
            .decode(encoded)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(|| unauthorized("Malformed Basic credentials"))?;
        let (id, secret) = decoded
            .split_once(':')
            .ok_or_else(|| unauthorized("Malformed Basic credentials"))?;
        if id != self.client_id || secret != self.client_secret {
            return Err(unauthorized("Invalid client credentials"));
        }
        Ok(self.issue(self.ttl_secs))
    }

    /// Issues a JWT-shaped token (so clients can read its expiry) valid for `ttl` seconds.
    pub fn issue(&mut self, ttl: u64) -> TokenResponse {
        let ttl = ttl.min(MAX_TOKEN_TTL_SECS);
        self.counter += 1;
        let now = unix_now();
        let exp = now.saturating_add(ttl);
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = format!(
            r#"{{"iss":"m3ter-sandbox","sub":"{}","iat":{now},"exp":{exp},"jti":{}}}"#,
            self.client_id, self.counter
        );
        let nonce = mix(now ^ self.counter.rotate_left(32) ^ (self as *const _ as u64));
        let token = format!(
            "{header}.{}.{}",
            URL_SAFE_NO_PAD.encode(claims),
            URL_SAFE_NO_PAD.encode(nonce.to_le_bytes())
        );
        self.issued.insert(token.clone(), exp);
        TokenResponse {
            access_token: token,
            expires_in: i64::try_from(ttl).unwrap_or(i64::MAX),
            token_type: Some("Bearer".into()),
            scope: None,
        }
    }

    /// Makes a token (issued or the static one) answer 403 "expired" from now on.
    pub fn expire(&mut self, token: &str) {
        self.expired.insert(token.to_owned());
    }
}

/// `POST /oauth/token`: HTTP Basic client credentials, body as JSON or form
/// (`grant_type=client_credentials`).
pub async fn token_endpoint(
    axum::extract::State(auth): axum::extract::State<Arc<Mutex<Auth>>>,
    headers: axum::http::HeaderMap,
    bytes: axum::body::Bytes,
) -> Result<axum::Json<TokenResponse>, ApiError> {
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let grant_type = if content_type.starts_with("application/x-www-form-urlencoded") {
        form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "grant_type")
            .map(|(_, v)| v.into_owned())
    } else {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| {
                v.get("grant_type")
                    .and_then(|g| g.as_str())
                    .map(str::to_owned)
            })
    };
    match grant_type.as_deref() {
        Some("client_credentials") => {}
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "grant_type: must be client_credentials (got {other})"
            )))
        }
        None => {
            return Err(ApiError::bad_request(
                "grant_type: is required (client_credentials)",
            ))
        }
    }
    let basic = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    lock(&auth).exchange(basic).map(axum::Json)
}
