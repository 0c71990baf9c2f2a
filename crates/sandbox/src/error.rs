//! m3ter-style error answers: a status and `{"message": "..."}`.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use m3ter_models::{ErrorBody, FieldError, Resource};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    /// A 404 for a resource's entity that is not there ("Meter 42 not found").
    pub fn missing(r: &Resource, id: &str) -> Self {
        let what = r.entry().map_or(r.key, |e| e.singular);
        Self::not_found(format!("{what} {id} not found"))
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }
    /// A 400 listing every validation error; each line starts with its field path.
    pub fn invalid(errors: &[FieldError]) -> Self {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Self::bad_request(lines.join("; "))
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::bad_request(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = axum::Json(ErrorBody {
            message: self.message,
        });
        let mut response = (self.status, body).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert("retry-after", v);
            }
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
