//! Download links the way m3ter hands them out: an action answers a short-lived, presigned URL
//! (`{"url": …}`) and the file is fetched from it, not from the API. The sandbox keeps each file
//! in memory and serves it at `GET /_sandbox/files/{key}/{name}` until the link expires
//! (`Config::link_ttl_secs`); after that it answers 403 with the XML error S3 sends for an expired
//! link. The URL carries S3's own expiry parameters (`X-Amz-Date`, `X-Amz-Expires`), so a client
//! can tell from the URL alone when it stops working.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};

use crate::ids::mix;
use crate::lock::lock;

/// A presigned URL and when it stops working.
pub struct Link {
    pub url: String,
    pub expires: DateTime<Utc>,
}

/// The longest a link lasts (ten years), whatever the configuration asks: the expiry stays a date.
const MAX_TTL_SECS: u64 = 10 * 365 * 86_400;

/// How many files the sandbox keeps (the oldest go first): links are short-lived anyway.
pub const KEEP: usize = 200;

pub struct File {
    key: String,
    name: String,
    content_type: String,
    body: Vec<u8>,
    expires: DateTime<Utc>,
}

pub struct Files {
    /// `http://host:port` the links point at.
    public_url: String,
    /// How long a link works, in seconds.
    ttl_secs: u64,
    files: VecDeque<File>,
    next: u64,
}

impl Files {
    pub fn new(public_url: String, ttl_secs: u64) -> Self {
        Files {
            public_url,
            ttl_secs,
            files: VecDeque::new(),
            next: 0,
        }
    }

    pub fn clear(&mut self) {
        self.files.clear();
    }

    /// Keeps `body` as a file called `name` and answers the presigned URL it can be fetched from
    /// until `now` plus the link lifetime.
    pub fn link(
        &mut self,
        now: DateTime<Utc>,
        name: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Link {
        let ttl = self.ttl_secs.min(MAX_TTL_SECS);
        let expires = now + Duration::seconds(i64::try_from(ttl).unwrap_or_default());
        self.next += 1;
        let key = format!(
            "{:016x}",
            mix(mix(self.next) ^ (now.timestamp_millis() as u64))
        );
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let url = format!(
            "{}/_sandbox/files/{key}/{name}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date={}&X-Amz-Expires={ttl}&X-Amz-SignedHeaders=host&X-Amz-Signature={key}",
            self.public_url,
            now.format("%Y%m%dT%H%M%SZ"),
        );
        self.files.push_back(File {
            key,
            name,
            content_type: content_type.to_owned(),
            body,
            expires,
        });
        while self.files.len() > KEEP {
            self.files.pop_front();
        }
        Link { url, expires }
    }
}

/// One CSV line (ending in a newline), quoting the cells that need it.
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            let c = c.as_ref();
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// `GET /_sandbox/files/{key}/{name}`: the file while its link lasts.
pub async fn serve(
    State(files): State<Arc<Mutex<Files>>>,
    Path((key, name)): Path<(String, String)>,
) -> Response {
    let files = lock(&files);
    let Some(file) = files.files.iter().find(|f| f.key == key && f.name == name) else {
        return s3_error(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The specified key does not exist.",
        );
    };
    if Utc::now() > file.expires {
        return s3_error(StatusCode::FORBIDDEN, "AccessDenied", "Request has expired");
    }
    (
        [
            (header::CONTENT_TYPE, file.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.name),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.body.clone(),
    )
        .into_response()
}

fn s3_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/xml")],
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>"),
    )
        .into_response()
}
