//! Locking the sandbox's shared parts.

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex even if a panicking thread poisoned it: the data is still what it was.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
