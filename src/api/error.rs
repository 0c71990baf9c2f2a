//! What can go wrong with an API call, in words an admin can act on.

use m3ter_models::FieldError;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No HTTP answer reached the console: the server is down or unreachable, or the browser refused
    /// to hand over the answer because the API does not allow this origin (CORS).
    Network {
        /// The API's origin, for the message.
        origin: String,
        /// The API is on another origin than the console (CORS applies).
        cross_origin: bool,
        /// Whether a follow-up probe reached the server at all (`None`: not probed).
        reachable: Option<bool>,
    },
    /// No answer within the time limit.
    Timeout { after_ms: u32 },
    /// The API answered with an error status.
    Http {
        status: u16,
        /// m3ter's `{"message"}`, when the body had one.
        message: Option<String>,
        body: String,
        /// Seconds from `Retry-After` (429, 503).
        retry_after: Option<u32>,
    },
    /// The API answered, but not with the JSON the console expected.
    Decode {
        status: u16,
        detail: String,
        body: String,
    },
    /// Not connected yet (or signed out while the request waited).
    NotConnected,
    /// The page's address does not make a request (a parent or scope missing, an id that is `..`):
    /// nothing was sent.
    Address(String),
}

/// The standard reason phrase for the statuses m3ter uses.
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

impl ApiError {
    /// One line saying what happened.
    pub fn headline(&self) -> String {
        match self {
            ApiError::Network {
                origin,
                cross_origin: true,
                reachable: Some(true),
            } => format!(
                "No usable answer from the API at {origin}: the server is reachable, so the browser most likely blocked the answer (CORS), or the connection was cut"
            ),
            ApiError::Network {
                origin,
                reachable: Some(false),
                ..
            } => {
                format!("Cannot reach the API at {origin}: no server answered")
            }
            ApiError::Network {
                origin,
                cross_origin,
                ..
            } => {
                if *cross_origin {
                    format!("No usable answer from the API at {origin}: the network is down or the API refused this origin (CORS)")
                } else {
                    format!("No answer from the API at {origin}: the network is down or the server stopped")
                }
            }
            ApiError::Timeout { after_ms } => {
                format!(
                    "The API did not answer within {} seconds",
                    after_ms.div_ceil(1000)
                )
            }
            ApiError::Http {
                status, message, ..
            } => {
                let reason = reason(*status);
                let head = if reason.is_empty() {
                    format!("HTTP {status}")
                } else {
                    format!("{status} {reason}")
                };
                match message {
                    Some(m) if !m.is_empty() => format!("{head}: {m}"),
                    _ => head,
                }
            }
            ApiError::Decode { status, detail, .. } => {
                format!("The API answered {status}, but the console cannot read the answer: {detail}")
            }
            ApiError::NotConnected => "Not connected: enter the API details first".into(),
            ApiError::Address(why) => format!("This address names nothing the API has: {why}. Nothing was sent"),
        }
    }

    /// What the user can do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            ApiError::Network { cross_origin: true, reachable: Some(true), .. } => {
                "The API must allow this console's origin, or the console must reach it through a same-origin proxy. See \"CORS\" in the console's README."
            }
            ApiError::Network { cross_origin: true, .. } => {
                "Check the API base URL and your network. If the URL is right, the API may not allow this console's origin: see \"CORS\" in the console's README."
            }
            ApiError::Network { .. } => "Check the API base URL and your network, then retry.",
            ApiError::Timeout { .. } => "The server may be slow or the network stalled. Retry; for a save, check first whether it went through.",
            ApiError::Http { status: 401 | 403, .. } => "Reconnect with a valid token or client credentials.",
            ApiError::Http { status: 404, .. } => "It may have been deleted, or the organization ID is wrong.",
            ApiError::Http { status: 409, .. } => "Someone changed it since you loaded it. Reload to see the latest version.",
            ApiError::Http { status: 429, .. } => "Too many requests: wait a moment, then retry.",
            ApiError::Http { status: 500..=599, .. } => "The server failed. Retry later; for a save, check first whether it went through.",
            ApiError::Http { .. } => "",
            ApiError::Decode { status: 200..=299, .. } => "If this was a change, it may have gone through: reload before trying again. The raw body is below.",
            ApiError::Decode { .. } => "This may be a proxy or gateway answering instead of the API. The raw body is below.",
            ApiError::NotConnected => "",
            ApiError::Address(_) => "Open it from the navigation, or check the link you followed.",
        }
    }

    /// The raw response body, if there was one.
    pub fn body(&self) -> Option<&str> {
        match self {
            ApiError::Http { body, .. } | ApiError::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } | ApiError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// A 401, or a 403 that is about the token (m3ter answers an expired token with 403).
    pub fn is_auth(&self) -> bool {
        match self {
            ApiError::Http { status: 401, .. } => true,
            ApiError::Http {
                status: 403,
                message,
                ..
            } => {
                let m = message.as_deref().unwrap_or_default().to_ascii_lowercase();
                m.is_empty()
                    || [
                        "token",
                        "expired",
                        "unauthori",
                        "authenticat",
                        "jwt",
                        "credential",
                    ]
                    .iter()
                    .any(|w| m.contains(w))
            }
            _ => false,
        }
    }

    /// Field errors named in a 400 message (`"dataFields[2].code: …; name: …"`).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Http {
                status: 400,
                message: Some(m),
                ..
            } => m.split("; ").filter_map(FieldError::parse).collect(),
            _ => Vec::new(),
        }
    }

    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, message: &str) -> ApiError {
        ApiError::Http {
            status,
            message: Some(message.into()),
            body: String::new(),
            retry_after: None,
        }
    }

    #[test]
    fn auth_errors_include_token_403s_only() {
        assert!(http(401, "Missing bearer token").is_auth());
        assert!(http(403, "Token has expired").is_auth());
        assert!(http(403, "").is_auth());
        assert!(!http(403, "You do not have permission to delete meters").is_auth());
        assert!(!http(404, "token").is_auth());
    }

    #[test]
    fn field_errors_from_a_400() {
        let e = http(
            400,
            "dataFields[0].code: must start with a letter; name: is required",
        );
        let fields: Vec<String> = e.field_errors().into_iter().map(|f| f.path).collect();
        assert_eq!(fields, vec!["dataFields[0].code", "name"]);
        assert!(http(400, "The request body is not valid JSON: x")
            .field_errors()
            .is_empty());
    }

    #[test]
    fn headlines_name_what_happened() {
        assert_eq!(
            http(404, "Meter x not found").headline(),
            "404 Not Found: Meter x not found"
        );
        assert_eq!(
            ApiError::Timeout { after_ms: 30_000 }.headline(),
            "The API did not answer within 30 seconds"
        );
        let cors = ApiError::Network {
            origin: "https://api.m3ter.com".into(),
            cross_origin: true,
            reachable: Some(true),
        };
        assert!(cors.headline().contains("CORS") && cors.advice().contains("README"));
        let down = ApiError::Network {
            origin: "http://127.0.0.1:9".into(),
            cross_origin: true,
            reachable: Some(false),
        };
        assert!(down.headline().contains("Cannot reach"));
    }
}
