//! Work a page starts for itself: it runs under the page's owner and ends with the page. Not with
//! the part of the page that started it: a "Load all" button that turns into "Stop" as the load
//! begins must not cancel the load it started, and a field that hides must not leave its choices
//! half-loaded.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

/// A page's owner, taken when the page is built.
#[derive(Clone, Copy)]
pub struct PageTasks(StoredValue<Option<Owner>>);

impl PageTasks {
    /// The owner being built now (call it in the page's component, not in an event handler).
    pub fn here() -> PageTasks {
        PageTasks(StoredValue::new(Owner::current()))
    }

    /// Runs `fut` until it ends or the page goes.
    pub fn spawn(&self, fut: impl Future<Output = ()> + 'static) {
        self.spawn_boxed(Box::pin(fut));
    }

    // Boxed, so the scoped spawn (about 1 kB of code) is compiled once, not once a caller.
    fn spawn_boxed(&self, fut: Pin<Box<dyn Future<Output = ()>>>) {
        // When the page is gone there is nothing to do for it.
        if let Some(owner) = self.0.try_get_value().flatten() {
            owner.with(|| spawn_local_scoped_with_cancellation(fut));
        }
    }

    /// Makes `f`'s signals belong to the page (not to the part of it being built now).
    pub fn own<T>(&self, f: impl FnOnce() -> T) -> T {
        match self.0.try_get_value().flatten() {
            Some(owner) => owner.with(f),
            None => f(),
        }
    }
}
