//! Re-authentication in place: a request that gets 401 (or a token 403) waits here while the connect
//! dialog is open, then retries with the new credential. The page, and anything typed, stay as they were.

use futures_channel::oneshot;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Reauth {
    /// Why the dialog is open (the server's message), or `None` when closed.
    pub reason: RwSignal<Option<String>>,
    waiters: StoredValue<Vec<oneshot::Sender<bool>>, LocalStorage>,
}

impl Default for Reauth {
    fn default() -> Self {
        Self::new()
    }
}

impl Reauth {
    pub fn new() -> Self {
        Reauth {
            reason: RwSignal::new(None),
            waiters: StoredValue::new_local(Vec::new()),
        }
    }

    /// Opens the dialog (if not open) and waits until the user reconnects (`true`) or gives up.
    pub async fn wait(&self, why: String) -> bool {
        let (tx, rx) = oneshot::channel();
        self.waiters.update_value(|w| w.push(tx));
        if self.reason.get_untracked().is_none() {
            self.reason.set(Some(why));
        }
        rx.await.unwrap_or(false)
    }

    /// Closes the dialog and releases every waiting request.
    pub fn finish(&self, reconnected: bool) {
        self.reason.set(None);
        let waiters = self
            .waiters
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for w in waiters {
            let _ = w.send(reconnected);
        }
    }
}
