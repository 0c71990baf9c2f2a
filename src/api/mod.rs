//! The one HTTP client: URLs, the bearer token, time limits, error classification, the request log,
//! and re-authentication in place. It knows HTTP and m3ter's conventions, nothing about pages.

pub mod activity;
pub mod curl;
pub mod error;
pub mod head_start;
pub mod pager;
pub mod paths;

use std::cell::Cell;
use std::rc::Rc;

use futures_channel::oneshot;
use gloo_net::http::RequestBuilder;
use leptos::prelude::*;
use leptos::task::spawn_local;
use m3ter_models::Resource;
use serde_json::Value;

use crate::session::reauth::Reauth;
use crate::session::{Connection, Credential};
use activity::{Activity, ActivityEntry};
pub use error::ApiError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A call below `/organizations/{orgId}/`.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiRequest {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<String>,
}

impl ApiRequest {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
        }
    }
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }
    pub fn query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_owned(), value.into()));
        self
    }
    /// The first page of `r`'s list at `path`, as large as m3ter allows, with what the overlay
    /// asks of every list read.
    pub fn whole_list(r: &Resource, path: String) -> Self {
        Self::get(path)
            .query("pageSize", r.page_size_max.max(1).to_string())
            .asking(m3ter_models::resources::overlay(r.key).asks.list)
    }
    /// With each of `asks` whose parameter it does not carry yet (a filter the user set wins).
    pub fn asking(mut self, asks: &[(&str, &str)]) -> Self {
        for (key, value) in asks {
            if !self.query.iter().any(|(k, _)| k == key) {
                self = self.query(key, *value);
            }
        }
        self
    }
    pub fn body(mut self, body: String) -> Self {
        self.body = Some(body);
        self
    }
}

/// A successful answer: the exact text (for the Raw JSON view) and its parsed form.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiResponse {
    pub status: u16,
    pub text: String,
    pub json: Value,
}

pub use crate::percent::encode;

/// The full URL of a request (never containing the token).
pub fn url_for(conn: &Connection, req: &ApiRequest) -> String {
    let mut url = format!(
        "{}/organizations/{}/{}",
        conn.base(),
        encode(&conn.org_id),
        req.path
    );
    for (i, (k, v)) in req.query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode(k));
        url.push('=');
        url.push_str(&encode(v));
    }
    url
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn clock_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(now_ms)
}

/// The origin of a base URL and whether it differs from the console's.
fn origin_of(base: &str) -> (String, bool) {
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let here_origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    match web_sys::Url::new_with_base(base, &here) {
        Ok(u) => {
            let origin = u.origin();
            let cross = origin != here_origin;
            (origin, cross)
        }
        Err(_) => (base.to_owned(), true),
    }
}

/// What one fetch produced before classification.
enum Raw {
    Answer {
        status: u16,
        text: String,
        retry_after: Option<u32>,
    },
    NoAnswer,
    TimedOut,
}

/// One fetch with a time limit.
async fn fetch(
    method: Method,
    url: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
    timeout_ms: u32,
) -> Raw {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.clone().map(|c| {
        let flag = timed_out.clone();
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            flag.set(true);
            c.abort();
        })
    });
    let signal = controller.as_ref().map(|c| c.signal());
    let mut builder = RequestBuilder::new(url)
        .method(match method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Post => gloo_net::http::Method::POST,
            Method::Put => gloo_net::http::Method::PUT,
            Method::Delete => gloo_net::http::Method::DELETE,
        })
        .abort_signal(signal.as_ref());
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    let request = match body {
        Some(b) => builder.body(b.to_owned()),
        None => builder.build(),
    };
    let Ok(request) = request else {
        return Raw::NoAnswer;
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(_) if timed_out.get() => return Raw::TimedOut,
        Err(_) => return Raw::NoAnswer,
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse().ok());
    match response.text().await {
        Ok(text) => Raw::Answer {
            status,
            text,
            retry_after,
        },
        Err(_) if timed_out.get() => Raw::TimedOut,
        Err(_) => Raw::NoAnswer,
    }
}

/// Whether anything answers at the API's origin at all (an opaque `no-cors` request), to tell a
/// CORS refusal from a server that is down.
async fn reachable(base: &str) -> bool {
    let Ok(request) = RequestBuilder::new(base)
        .mode(web_sys::RequestMode::NoCors)
        .build()
    else {
        return false;
    };
    let sent = request.send();
    let timeout = gloo_timers::future::TimeoutFuture::new(5_000);
    futures_select(sent, timeout)
        .await
        .is_some_and(|r| r.is_ok())
}

/// The first of two futures; `None` when the second (a timeout) wins.
async fn futures_select<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> Option<A::Output> {
    use std::pin::pin;
    use std::task::Poll;
    let mut a = pin!(a);
    let mut b = pin!(b);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if b.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// Classifies an answer: 2xx with JSON is success, anything else an `ApiError` (whose body is shown
/// on demand, so a token in it is hidden).
fn classify(status: u16, text: String, retry_after: Option<u32>) -> Result<ApiResponse, ApiError> {
    if (200..300).contains(&status) {
        return match serde_json::from_str::<Value>(&text) {
            Ok(json) => Ok(ApiResponse { status, text, json }),
            Err(e) => Err(ApiError::Decode {
                status,
                detail: describe_non_json(&text, &e),
                body: redact_token(&text),
            }),
        };
    }
    let message = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned));
    Err(ApiError::Http {
        status,
        message,
        body: redact_token(&text),
        retry_after,
    })
}

/// The text with the value of every `"access_token"` hidden, read as text so that a malformed or
/// cut body is covered too.
pub fn redact_token(text: &str) -> String {
    const KEY: &str = "\"access_token\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let value = after.trim_start().strip_prefix(':').map(str::trim_start);
        let Some(value) = value else {
            rest = after;
            continue;
        };
        // The value ends at its closing quote (a string) or at `,` / `}` (anything else).
        let end = match value.strip_prefix('"') {
            Some(inner) => {
                let mut escaped = false;
                inner
                    .char_indices()
                    .find(|&(_, c)| {
                        let close = c == '"' && !escaped;
                        escaped = c == '\\' && !escaped;
                        close
                    })
                    .map_or(value.len(), |(i, _)| i + 2)
            }
            None => value.find([',', '}']).unwrap_or(value.len()),
        };
        out.push_str(": \"[hidden]\"");
        rest = value.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn describe_non_json(text: &str, err: &serde_json::Error) -> String {
    let start = text.trim_start();
    if start.is_empty() {
        "the body is empty".into()
    } else if start.starts_with('<') {
        "it is an HTML page, not JSON".into()
    } else {
        format!("it is not valid JSON ({err})")
    }
}

/// A read waiting out a 429 before its automatic retry (shown as a countdown).
#[derive(Clone, Debug, PartialEq)]
pub struct Throttle {
    pub what: String,
    pub seconds_left: u32,
    pub cancelled: bool,
}

/// How many times a read is retried after 429 before the error is shown.
pub const MAX_THROTTLE_RETRIES: u32 = 3;

/// A renewal's outcome for those waiting on it: `Ok(None)` when its connection is gone.
type Renewed = Result<Option<Connection>, ApiError>;

/// The client: cheap to copy, shared through the app context.
#[derive(Clone, Copy)]
pub struct Api {
    pub session: RwSignal<Option<Connection>>,
    pub activity: Activity,
    pub reauth: Reauth,
    pub timeout_ms: RwSignal<u32>,
    pub throttle: RwSignal<Option<Throttle>>,
    /// Which connection is current: changes when the user connects or signs out, not when a token
    /// is renewed. A token that arrives for another one is dropped.
    generation: StoredValue<u64>,
    /// Those waiting for the token exchange under way (`None`: no exchange under way).
    renewal: StoredValue<Option<Vec<oneshot::Sender<Renewed>>>, LocalStorage>,
}

pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

impl Api {
    pub fn new(session: RwSignal<Option<Connection>>) -> Self {
        Api {
            session,
            activity: Activity::new(),
            reauth: Reauth::new(),
            timeout_ms: RwSignal::new(DEFAULT_TIMEOUT_MS),
            throttle: RwSignal::new(None),
            generation: StoredValue::new(0),
            renewal: StoredValue::new_local(None),
        }
    }

    /// The current connection's number (see `generation`).
    pub fn generation(self) -> u64 {
        self.generation.try_get_value().unwrap_or_default()
    }

    /// A connection the user made: it replaces the current one.
    pub fn connect(self, conn: Connection) {
        self.generation.update_value(|g| *g += 1);
        self.session.set(Some(conn));
    }

    /// Sign out: no connection, and none comes back from work still under way.
    pub fn disconnect(self) {
        self.generation.update_value(|g| *g += 1);
        self.session.set(None);
    }

    /// Sends a request; on 401 or a token 403, asks the user to reconnect and retries with the new
    /// credential until it works or the user gives up.
    pub async fn send(self, req: ApiRequest) -> Result<ApiResponse, ApiError> {
        let mut throttled = 0;
        loop {
            let conn = self.session.get_untracked().ok_or(ApiError::NotConnected)?;
            let generation = self.generation();
            let conn = match self.renew_if_needed(conn).await {
                Ok(Some(conn)) => conn,
                // Signed out or reconnected meanwhile: again, with whatever is current now.
                Ok(None) => continue,
                Err(e) if e.is_auth() || matches!(e, ApiError::NotConnected) => {
                    if self.reauth.wait(e.headline()).await {
                        continue;
                    }
                    return Err(e);
                }
                Err(e) => return Err(e),
            };
            match self.once(&conn, &req, generation).await {
                Err(e) if e.is_auth() && self.generation() != generation => continue,
                Err(e) if e.is_auth() => {
                    if self.reauth.wait(e.headline()).await {
                        continue;
                    }
                    return Err(e);
                }
                // A read the API asked us to slow down: wait as told (with a countdown), then retry.
                // Writes are never retried by the console: m3ter has no idempotency keys.
                Err(e @ ApiError::Http { status: 429, .. })
                    if req.method == Method::Get && throttled < MAX_THROTTLE_RETRIES =>
                {
                    throttled += 1;
                    let wait = e.retry_after().unwrap_or(2).clamp(1, 60);
                    if !self.wait_out(&req.path, wait).await {
                        return Err(e);
                    }
                }
                other => return other,
            }
        }
    }

    /// Counts down `seconds` in the visible throttle notice; `false` if the user cancelled.
    async fn wait_out(self, path: &str, seconds: u32) -> bool {
        let what = path.rsplit('/').next().unwrap_or(path).to_owned();
        for left in (1..=seconds).rev() {
            self.throttle.set(Some(Throttle {
                what: what.clone(),
                seconds_left: left,
                cancelled: false,
            }));
            gloo_timers::future::TimeoutFuture::new(1_000).await;
            if self
                .throttle
                .with_untracked(|t| t.as_ref().is_some_and(|t| t.cancelled))
            {
                self.throttle.set(None);
                return false;
            }
        }
        self.throttle.set(None);
        true
    }

    async fn once(
        self,
        conn: &Connection,
        req: &ApiRequest,
        generation: u64,
    ) -> Result<ApiResponse, ApiError> {
        let url = url_for(conn, req);
        let mut headers = vec![("Accept", "application/json".to_owned())];
        if let Some(token) = conn.token() {
            headers.push(("Authorization", format!("Bearer {token}")));
        }
        if req.body.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        let started = clock_ms();
        let sent_at = now_ms();
        let raw = fetch(
            req.method,
            &url,
            &headers,
            req.body.as_deref(),
            self.timeout_ms.get_untracked(),
        )
        .await;
        let mut entry = ActivityEntry {
            id: 0,
            at_ms: sent_at,
            method: req.method.as_str(),
            url,
            status: None,
            outcome: None,
            duration_ms: clock_ms() - started,
            size: None,
            request_body: req.body.clone(),
            content_type: req.body.as_ref().map(|_| "application/json"),
            sends_token: conn.token().is_some(),
            connection: generation,
            body_cut: None,
        };
        let result = self.finish(conn, raw, &mut entry).await;
        self.activity.record(entry);
        result
    }

    /// Turns a raw outcome into a result and fills in the log entry.
    async fn finish(
        self,
        conn: &Connection,
        raw: Raw,
        entry: &mut ActivityEntry,
    ) -> Result<ApiResponse, ApiError> {
        match raw {
            Raw::Answer {
                status,
                text,
                retry_after,
            } => {
                entry.status = Some(status);
                entry.size = Some(text.len());
                classify(status, text, retry_after)
            }
            Raw::TimedOut => {
                entry.outcome = Some("timed out".into());
                Err(ApiError::Timeout {
                    after_ms: self.timeout_ms.get_untracked(),
                })
            }
            Raw::NoAnswer => {
                let (origin, cross_origin) = origin_of(conn.base());
                let reachable = if cross_origin {
                    Some(reachable(conn.base()).await)
                } else {
                    None
                };
                entry.outcome = Some(match reachable {
                    Some(true) => "blocked by the browser (CORS?)".into(),
                    _ => "no answer".into(),
                });
                Err(ApiError::Network {
                    origin,
                    cross_origin,
                    reachable,
                })
            }
        }
    }

    /// Client credentials: gets a new token when there is none or it is about to expire. One
    /// exchange at a time: requests that need a token while one is on its way wait for it. The
    /// exchange runs on its own, so a page that stops waiting does not stop it for the others.
    async fn renew_if_needed(self, conn: Connection) -> Renewed {
        if !conn.needs_renewal(now_ms()) {
            return Ok(Some(conn));
        }
        let (tx, rx) = oneshot::channel();
        let first = self
            .renewal
            .try_update_value(|r| {
                let first = r.is_none();
                r.get_or_insert_with(Vec::new).push(tx);
                first
            })
            .unwrap_or(false);
        if first {
            let generation = self.generation();
            spawn_local(async move {
                let renewed = self.renew(conn, generation).await;
                let waiting = self.renewal.try_update_value(Option::take).flatten();
                for w in waiting.unwrap_or_default() {
                    let _ = w.send(renewed.clone());
                }
            });
        }
        rx.await.unwrap_or(Ok(None))
    }

    /// One token exchange for the connection numbered `generation`.
    async fn renew(self, conn: Connection, generation: u64) -> Renewed {
        let Credential::Client {
            key_id,
            secret: Some(secret),
            ..
        } = &conn.credential
        else {
            // The secret was not remembered: the user has to type it again.
            return Err(ApiError::NotConnected);
        };
        let exchanged = self.exchange(conn.base(), key_id, secret).await;
        // Signed out (here or in another tab) or reconnected meanwhile: the token is no one's.
        if self.generation() != generation {
            return Ok(None);
        }
        let (token, expires_at_ms) = exchanged?;
        let mut renewed = conn.clone();
        if let Credential::Client {
            token: t,
            expires_at_ms: e,
            ..
        } = &mut renewed.credential
        {
            *t = Some(token);
            *e = Some(expires_at_ms);
        }
        self.session.set(Some(renewed.clone()));
        Ok(Some(renewed))
    }

    /// `POST {base}/oauth/token` with HTTP Basic client credentials. Returns the token and when it
    /// expires (`Date.now()` milliseconds).
    pub async fn exchange(
        self,
        base: &str,
        key_id: &str,
        secret: &str,
    ) -> Result<(String, f64), ApiError> {
        let url = format!("{}/oauth/token", base.trim_end_matches('/'));
        let basic = web_sys::window()
            .and_then(|w| w.btoa(&format!("{key_id}:{secret}")).ok())
            .ok_or_else(|| ApiError::Decode {
                status: 0,
                detail: "the access key or secret has characters HTTP Basic cannot carry".into(),
                body: String::new(),
            })?;
        let body = "grant_type=client_credentials";
        let headers = [
            ("Accept", "application/json".to_owned()),
            ("Authorization", format!("Basic {basic}")),
            (
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            ),
        ];
        let started = clock_ms();
        let sent_at = now_ms();
        let raw = fetch(
            Method::Post,
            &url,
            &headers,
            Some(body),
            self.timeout_ms.get_untracked(),
        )
        .await;
        let probe = Connection {
            base_url: base.to_owned(),
            org_id: String::new(),
            credential: Credential::Token {
                token: String::new(),
            },
            keep: Default::default(),
            keep_secret: false,
        };
        let mut entry = ActivityEntry {
            id: 0,
            at_ms: sent_at,
            method: "POST",
            url,
            status: None,
            outcome: None,
            duration_ms: clock_ms() - started,
            size: None,
            request_body: Some(body.to_owned()),
            content_type: Some("application/x-www-form-urlencoded"),
            sends_token: false,
            connection: self.generation(),
            body_cut: None,
        };
        let result = self.finish(&probe, raw, &mut entry).await;
        self.activity.record(entry);
        let response = result?;
        let token: m3ter_models::TokenResponse =
            serde_json::from_str(&response.text).map_err(|_| ApiError::Decode {
                status: response.status,
                // Not serde's words: they may quote the body, and so the token.
                detail: "not a token response (an access_token and its expires_in)".into(),
                body: redact_token(&response.text),
            })?;
        let expires_at = now_ms() + token.expires_in as f64 * 1000.0;
        Ok((token.access_token, expires_at))
    }
}

/// One page of a list: the items (each a JSON object), the next token, and the raw answer.
pub struct Page {
    pub items: Vec<Value>,
    pub next_token: Option<String>,
}

/// Reads a list envelope, refusing anything that is not `{data: [objects…]}`.
pub fn read_page(response: &ApiResponse) -> Result<Page, ApiError> {
    let wrong = |detail: &str| ApiError::Decode {
        status: response.status,
        detail: detail.to_owned(),
        body: response.text.clone(),
    };
    let Value::Object(map) = &response.json else {
        return Err(wrong(
            "expected a list ({\"data\": […]}) but got something else",
        ));
    };
    let items = match map.get("data") {
        None | Some(Value::Null) if map.contains_key("nextToken") || map.is_empty() => Vec::new(),
        None => {
            return Err(wrong(
                "expected a list ({\"data\": […]}) but the body has no \"data\"",
            ))
        }
        Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(_) => return Err(wrong("\"data\" is not a list")),
    };
    if items.iter().any(|i| !i.is_object()) {
        return Err(wrong("the list has items that are not objects"));
    }
    let next_token = map
        .get("nextToken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    Ok(Page { items, next_token })
}

#[cfg(test)]
mod tests {
    use super::redact_token;

    #[test]
    fn a_token_in_any_body_is_hidden() {
        for (body, secret) in [
            (
                r#"{"access_token":"abc.def","expires_in":"soon"}"#,
                "abc.def",
            ),
            (r#"{"access_token" : "a\"b\\c", "x": 1}"#, r#"a\"b\\c"#),
            (r#"{"access_token": "cut-in-the-midd"#, "cut-in-the-midd"),
            (r#"{"access_token": 12345678, "y": [1]}"#, "12345678"),
            (r#"[{"access_token":"one"},{"access_token":"two"}]"#, "one"),
        ] {
            let shown = redact_token(body);
            assert!(!shown.contains(secret), "{shown}");
            assert!(shown.contains("\"access_token\": \"[hidden]\""), "{shown}");
        }
        assert!(
            !redact_token(r#"[{"access_token":"one"},{"access_token":"two"}]"#).contains("two")
        );
        assert_eq!(redact_token(r#"{"message": "no"}"#), r#"{"message": "no"}"#);
        assert_eq!(redact_token(r#"{"access_token""#), r#"{"access_token""#);
    }
}
