//! A local m3ter-compatible API server with in-memory data, for demos and tests.
//!
//! It speaks the endpoints the console uses (lists with cursor paging and filters, retrieve, create,
//! update with version checks, delete returning the deleted body, statement-job cancel and batch,
//! transaction-schedule preview, `/oauth/token`), validates bodies with the same rules as the console,
//! answers errors as m3ter does (`{"message"}`), and serves the built console. Faults can be injected
//! at run time through `/_sandbox/faults` (see `admin`).

pub mod admin;
pub mod api;
pub mod auth;
pub mod behaviour;
pub mod cli;
pub mod csp;
pub mod entity;
pub mod error;
pub mod faults;
pub mod files;
pub mod ids;
pub mod jobs;
pub mod lock;
pub mod paging;
pub mod query;
pub mod resources;
pub mod runs;
pub mod search;
pub mod seed;
pub mod seeder;
pub mod state;
pub mod statics;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt as _;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use state::{AppState, Config, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_ORG, DEMO_TOKEN};

use crate::error::ApiError;
use crate::faults::FaultKind;
use crate::lock::lock;
use crate::state::LoggedRequest;

/// A running sandbox. Dropping it stops accepting connections.
pub struct Running {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        self.state.public_url.clone()
    }

    /// Stops listening and closes open connections: clients now get "connection refused".
    pub fn stop(&mut self) {
        self.task.abort();
    }

    /// Listens again on the same address with the same data.
    pub async fn resume(&mut self) -> std::io::Result<()> {
        let mut tries = 0;
        let listener = loop {
            match TcpListener::bind(self.addr).await {
                Ok(l) => break l,
                // The stopped listener closes as its task winds down.
                Err(_) if tries < 50 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err(e) => return Err(e),
            }
        };
        let app = router(self.state.clone());
        self.task = tokio::spawn(accept_loop(listener, app, self.state.clone()));
        Ok(())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds `config.addr` (port 0 picks a free port), seeds the data and serves in the background.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let public_url = format!("http://{addr}");
    let seeded = seed::seed(config.seed, &config.org, &public_url);
    let state = Arc::new(AppState::new(config, public_url, seeded));
    let app = router(state.clone());
    let task = tokio::spawn(accept_loop(listener, app, state.clone()));
    Ok(Running { addr, state, task })
}

/// The API, the admin endpoints and (with `--static`) the console.
pub fn router(state: Arc<AppState>) -> Router {
    let api = api::routes()
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token))
        .merge(
            Router::new()
                .route("/oauth/token", post(auth::token_endpoint))
                .with_state(state.auth.clone()),
        );
    // CORS for the API only: never for `/_sandbox`, which no other site's page may drive.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|_, req| {
            let path = req.uri.path();
            path.starts_with("/organizations/") || path == "/oauth/token"
        }))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([header::RETRY_AFTER, header::CONTENT_LENGTH])
        .max_age(Duration::from_secs(600));
    let site = state.config.static_dir.clone().map(|dir| {
        Arc::new(statics::Site::new(
            dir,
            &state.config.base_path,
            state.config.security_headers,
            state.config.connect_src.as_deref().unwrap_or(csp::ANY_API),
        ))
    });
    Router::new()
        .merge(api)
        .merge(
            admin::routes(&state).route_layer(middleware::from_fn_with_state(
                state.clone(),
                admin::local_only,
            )),
        )
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed on this path",
            )
        })
        .fallback(move |req: Request| {
            let site = site.clone();
            async move { fallback(site, req).await }
        })
        .layer(cors)
        .with_state(state)
}

async fn fallback(site: Option<Arc<statics::Site>>, req: Request) -> Response {
    let path = req.uri().path();
    let is_api = path.starts_with("/organizations/")
        || path.starts_with("/oauth/")
        || path.starts_with("/_sandbox");
    match site {
        Some(site) if !is_api && matches!(*req.method(), Method::GET | Method::HEAD) => {
            site.serve(req.uri(), req.headers()).await
        }
        _ => ApiError::not_found(format!("No endpoint at {} {path}", req.method())).into_response(),
    }
}

/// Every API call needs a bearer token: 401 without one, 403 for a wrong or expired one.
async fn require_token(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Err(e) = lock(&s.auth).check(header) {
        return e.into_response();
    }
    if s.over_rate_limit() {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Rate limit exceeded: slow down and retry",
        );
        e.retry_after = Some(1);
        return e.into_response();
    }
    next.run(req).await
}

async fn accept_loop(listener: TcpListener, app: Router, state: Arc<AppState>) {
    // Connections live in this set: stopping the server (aborting this task) ends them too, so a
    // stopped sandbox refuses connections instead of serving on kept-alive ones.
    let mut connections = tokio::task::JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let app = app.clone();
        let state = state.clone();
        connections.spawn(async move {
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    handle(state.clone(), app.clone(), req.map(Body::new))
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Applies fault injection and latency around the router, and logs API requests. Returning `Err`
/// makes hyper close the connection without an answer (the `drop` and `hang` faults).
async fn handle(
    state: Arc<AppState>,
    app: Router,
    req: Request,
) -> Result<Response, std::io::Error> {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let is_api = path.starts_with("/organizations/") || path == "/oauth/token";
    let has_authorization = req.headers().contains_key(header::AUTHORIZATION);
    // A write's body, kept for the log exactly as it came (tests compare it with what was served).
    let (req, body) = if is_api && (method == "POST" || method == "PUT") {
        match crate::state::read_body(req).await {
            Ok(read) => read,
            Err(too_large) => return Ok(too_large),
        }
    } else {
        (req, None)
    };
    // The sandbox's own controls never fail.
    let fault = if path.starts_with("/_sandbox") {
        None
    } else {
        lock(&state.faults).take(&method, &path, is_api)
    };
    if is_api && state.config.latency_ms > 0 && method != "OPTIONS" {
        tokio::time::sleep(Duration::from_millis(state.config.latency_ms)).await;
    }
    let log = |status: u16, fault: Option<FaultKind>| {
        if is_api && method != "OPTIONS" {
            state.record(LoggedRequest {
                method: method.clone(),
                path: path.clone(),
                query: query.clone(),
                status,
                has_authorization,
                fault: fault.map(|k| format!("{k:?}")),
                body: body.clone(),
            });
        }
    };
    let run = |req: Request| async move {
        match app.oneshot(req).await {
            Ok(r) => r,
            Err(never) => match never {},
        }
    };
    let kind = fault.as_ref().map(|f| f.kind);
    let response = match &fault {
        None => run(req).await,
        Some(f) => match f.kind {
            FaultKind::Drop => {
                if let Some(ms) = f.delay_ms {
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                }
                log(0, kind);
                return Err(std::io::Error::other(
                    "connection dropped by fault injection",
                ));
            }
            FaultKind::Hang => {
                log(0, kind);
                tokio::time::sleep(Duration::from_millis(f.delay_ms.unwrap_or(600_000))).await;
                return Err(std::io::Error::other("gave up hanging"));
            }
            FaultKind::Delay => {
                tokio::time::sleep(Duration::from_millis(f.delay_ms.unwrap_or(1000))).await;
                run(req).await
            }
            FaultKind::NoCors => {
                let mut r = run(req).await;
                let names: Vec<_> = r
                    .headers()
                    .keys()
                    .filter(|k| k.as_str().starts_with("access-control-"))
                    .cloned()
                    .collect();
                for name in names {
                    r.headers_mut().remove(name);
                }
                r
            }
            FaultKind::Status
            | FaultKind::Html
            | FaultKind::Malformed
            | FaultKind::WrongShape
            | FaultKind::Large => injected(f),
        },
    };
    log(response.status().as_u16(), kind);
    Ok(response)
}

/// The answer for a fault that replaces the response. It carries CORS headers so the browser shows
/// the fault rather than a CORS failure.
fn injected(f: &faults::Fault) -> Response {
    let (status, content_type, body) = match f.kind {
        FaultKind::Html => (
            f.status.unwrap_or(502),
            "text/html; charset=utf-8",
            f.body.clone().unwrap_or_else(|| {
                "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>".into()
            }),
        ),
        FaultKind::Malformed => (
            f.status.unwrap_or(200),
            "application/json",
            f.body.clone().unwrap_or_else(|| r#"{"data": [{"id": "truncated", "name": "Trunc"#.into()),
        ),
        FaultKind::WrongShape => (
            f.status.unwrap_or(200),
            "application/json",
            f.body.clone().unwrap_or_else(|| r#"{"unexpected": true, "items": "not a list"}"#.into()),
        ),
        FaultKind::Large => (
            f.status.unwrap_or(200),
            "application/json",
            f.body.clone().unwrap_or_else(|| faults::large_body(f.size.unwrap_or(1 << 20))),
        ),
        _ => (
            f.status.unwrap_or(500),
            "application/json",
            f.body.clone().unwrap_or_else(|| r#"{"message": "Injected fault: the sandbox was asked to fail this request"}"#.into()),
        ),
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    let content_type = f.content_type.as_deref().unwrap_or(content_type);
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("retry-after, content-length"),
    );
    for (k, v) in &f.headers {
        if let (Ok(k), Ok(v)) = (
            header::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            h.insert(k, v);
        }
    }
    r
}

/// Serves until Ctrl-C.
pub async fn run_until_ctrl_c(running: Running) {
    let _ = tokio::signal::ctrl_c().await;
    drop(running);
}
