//! A request sent before the page that makes it is built. A start with a remembered connection
//! sends its page's first request as soon as the shell's code is here (`split::start_connected`)
//! and mounts the app when the answer is in, or after a short wait: a quick answer is drawn with
//! the page, in one layout, and a slow one travels while the page is built. The page takes the
//! answer instead of asking again. What no page took when the app has mounted is dropped, so a
//! later page never gets an old answer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures_channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Api, ApiError, ApiRequest, ApiResponse};

type Answer = oneshot::Receiver<Result<ApiResponse, ApiError>>;

/// A request sent ahead: the answer for its page, and word when it came.
struct Sent {
    req: ApiRequest,
    answer: Answer,
    arrived: Option<oneshot::Receiver<()>>,
}

thread_local! {
    static CLIENT: Cell<Option<Api>> = const { Cell::new(None) };
    static SENT: RefCell<Option<Sent>> = const { RefCell::new(None) };
}

/// The client of a start with a remembered connection, made before the app so that the first
/// request can go ahead of it; the app takes it ([`take_client`]).
pub fn client() -> Api {
    CLIENT.with(|c| {
        let api = c
            .get()
            .unwrap_or_else(|| Api::new(RwSignal::new(crate::session::storage::load_connection())));
        c.set(Some(api));
        api
    })
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
    let (came, arrived) = oneshot::channel();
    SENT.with(|s| {
        *s.borrow_mut() = Some(Sent {
            req: req.clone(),
            answer,
            arrived: Some(arrived),
        })
    });
    spawn_local(async move {
        let _ = tx.send(api.send(req).await);
        let _ = came.send(());
    });
}

/// Waits until the answer sent ahead is here, or `ms` have passed (at once if nothing was sent).
pub async fn arrival(ms: u32) {
    let Some(arrived) = SENT.with(|s| s.borrow_mut().as_mut().and_then(|s| s.arrived.take()))
    else {
        return;
    };
    // Whichever comes first, the answer or the time, says go.
    let (go, gone) = oneshot::channel::<()>();
    let go = Rc::new(Cell::new(Some(go)));
    let first = go.clone();
    spawn_local(async move {
        let _ = arrived.await;
        if let Some(go) = first.take() {
            let _ = go.send(());
        }
    });
    gloo_timers::callback::Timeout::new(ms, move || {
        if let Some(go) = go.take() {
            let _ = go.send(());
        }
    })
    .forget();
    let _ = gone.await;
}

/// The answer to `req` if it was sent ahead; it is taken once.
pub fn take(req: &ApiRequest) -> Option<Answer> {
    SENT.with(|s| {
        let mut s = s.borrow_mut();
        match s.take() {
            Some(sent) if sent.req == *req => Some(sent.answer),
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
