//! Bodies shared by every endpoint: the list envelope, the error body and the OAuth token exchange.

use serde::{Deserialize, Serialize};

/// `{data, nextToken}`: one page of a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct ListPage<T> {
    /// A missing or null `data` means no items.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub data: Vec<T>,
    /// Absent, null or empty on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl<T> ListPage<T> {
    /// The token for the next page, treating `""` as the end like the SDKs do.
    pub fn next(&self) -> Option<&str> {
        self.next_token.as_deref().filter(|t| !t.is_empty())
    }
}

fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Vec<T>>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Every 4XX/5XX answer: `{"message": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub message: String,
}

/// `POST /oauth/token` body (JSON form; the form-encoded form has the same keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    pub grant_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl TokenRequest {
    pub fn client_credentials() -> Self {
        TokenRequest {
            grant_type: "client_credentials".to_owned(),
            scope: None,
        }
    }
}

/// `POST /oauth/token` 200 answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    /// Seconds until the token expires (m3ter: 18000).
    pub expires_in: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}
