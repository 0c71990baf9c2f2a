//! Bodies shared by every endpoint: the list envelope, the error body, the OAuth token exchange, the
//! audit fields every entity carries, and the bag of fields we do not model.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// JSON fields this version does not model. Kept on every entity and request and written back on the
/// next PUT, because PUT replaces the whole entity: dropping them would erase the user's data.
pub type Extra = Map<String, Value>;

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

/// Read-only fields on every entity response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Audit {
    /// Required by the API; a missing id decodes as empty rather than failing the whole body.
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dt_created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dt_last_modified: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
}

/// Takes the discriminator (e.g. `sourceType`) out of an object so a variant struct can decode the rest.
/// Returns the discriminator's string value, if any.
pub(crate) fn take_tag(value: &mut Value, key: &str) -> Option<String> {
    match value.as_object_mut()?.remove(key)? {
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// Serializes `inner` and puts the discriminator back in front of the other keys.
pub(crate) fn with_tag<S, T>(
    serializer: S,
    key: &str,
    tag: &str,
    inner: &T,
) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    T: Serialize,
{
    let mut value = serde_json::to_value(inner).map_err(serde::ser::Error::custom)?;
    if let Some(map) = value.as_object_mut() {
        map.insert(key.to_owned(), Value::String(tag.to_owned()));
    }
    value.serialize(serializer)
}
