//! A request sent before the page that makes it is built. A start with a remembered connection
//! sends its page's first request as soon as the shell's code is here (`split::start_connected`)
//! and mounts the app when the answer is in, or after a short wait: a quick answer is drawn with
//! the page, in one layout, and a slow one travels while the page is built. The page takes the
//! answer instead of asking again. What no page took when the app has mounted is dropped, so a
//! later page never gets an old answer.

use std::cell::{Cell, RefCell};

use futures_channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Api, ApiError, ApiRequest, ApiResponse};

type Answer = oneshot::Receiver<Result<ApiResponse, ApiError>>;

thread_local! {
    static CLIENT: Cell<Option<Api>> = const { Cell::new(None) };
    /// What runs when the answer sent ahead is in (mounting the app).
    static THEN: Cell<Option<fn()>> = const { Cell::new(None) };
    static SENT: RefCell<Option<(ApiRequest, Answer)>> = const { RefCell::new(None) };
}

/// The client of a start with a remembered connection, made before the app so that the first
/// request can go ahead of it (the app takes it: [`take_client`]); `then` runs when that request's
/// answer is in.
pub fn client(then: fn()) -> Api {
    let api = Api::new(RwSignal::new(crate::session::storage::load_connection()));
    CLIENT.with(|c| c.set(Some(api)));
    THEN.with(|t| t.set(Some(then)));
    api
}

/// Whether a client was made before the app and the app has not taken it yet.
pub fn before_app() -> bool {
    CLIENT.with(|c| c.get().is_some())
}

/// The client made before the app, if there is one.
pub fn take_client() -> Option<Api> {
    CLIENT.with(Cell::take)
}

/// Sends `req` now (through the client, so it is logged and retried like any other).
pub fn send(api: Api, req: ApiRequest) {
    let (tx, answer) = oneshot::channel();
    SENT.with(|s| *s.borrow_mut() = Some((req.clone(), answer)));
    spawn_local(async move {
        let _ = tx.send(api.send(req).await);
        if let Some(then) = THEN.with(Cell::take) {
            then();
        }
    });
}

/// Whether a request was sent ahead and no page has taken its answer.
pub fn sent() -> bool {
    SENT.with(|s| s.borrow().is_some())
}

/// The answer to `req` if it was sent ahead; it is taken once.
pub fn take(req: &ApiRequest) -> Option<Answer> {
    SENT.with(|s| {
        let mut s = s.borrow_mut();
        match s.take() {
            Some((sent, answer)) if sent == *req => Some(answer),
            other => {
                *s = other;
                None
            }
        }
    })
}

/// Drops an answer no page took.
pub fn discard() {
    SENT.with(|s| s.borrow_mut().take());
}
