//! The request log shown in the Activity panel. Entries never hold the token: "Copy as curl" adds it
//! from the live session only when the user asks, and only if that session made the request.

use std::collections::VecDeque;

use leptos::prelude::*;

/// How many requests the panel keeps.
pub const CAPACITY: usize = 200;
/// Request bodies kept for "Copy as curl" are cut at this size.
pub const BODY_CAP: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub struct ActivityEntry {
    pub id: u64,
    /// `Date.now()` when sent.
    pub at_ms: f64,
    pub method: &'static str,
    /// The full URL (it never contains the token).
    pub url: String,
    /// `Some(status)` or `None` when no answer arrived.
    pub status: Option<u16>,
    /// "timeout", "network error", … when there was no status.
    pub outcome: Option<String>,
    pub duration_ms: f64,
    /// Response body size in bytes.
    pub size: Option<usize>,
    pub request_body: Option<String>,
    pub content_type: Option<&'static str>,
    pub sends_token: bool,
    /// The connection that sent it (`Api::generation`).
    pub connection: u64,
    /// The body's full size when `request_body` was cut to `BODY_CAP` bytes for the log.
    pub body_cut: Option<usize>,
}

#[derive(Clone, Copy)]
pub struct Activity {
    pub entries: RwSignal<VecDeque<ActivityEntry>>,
    next_id: StoredValue<u64>,
}

impl Default for Activity {
    fn default() -> Self {
        Self::new()
    }
}

impl Activity {
    pub fn new() -> Self {
        Activity {
            entries: RwSignal::new(VecDeque::new()),
            next_id: StoredValue::new(1),
        }
    }

    pub fn record(&self, mut entry: ActivityEntry) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        entry.id = id;
        if let Some(body) = &mut entry.request_body {
            entry.body_cut = cut_body(body);
        }
        self.entries.update(|list| {
            list.push_front(entry);
            list.truncate(CAPACITY);
        });
    }

    pub fn clear(&self) {
        self.entries.update(VecDeque::clear);
    }
}

/// Cuts a body to `BODY_CAP` bytes (on a character boundary); its full size when it was cut.
pub fn cut_body(body: &mut String) -> Option<usize> {
    let len = body.len();
    if len <= BODY_CAP {
        return None;
    }
    let cut = (0..=BODY_CAP)
        .rev()
        .find(|i| body.is_char_boundary(*i))
        .unwrap_or(0);
    body.truncate(cut);
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_body_is_cut_on_a_character_and_says_so() {
        let mut small = "é".repeat(10);
        assert_eq!(cut_body(&mut small), None);
        let mut big = format!("x{}", "é".repeat(BODY_CAP));
        let len = big.len();
        assert_eq!(cut_body(&mut big), Some(len));
        assert!(big.len() <= BODY_CAP && big.len() >= BODY_CAP - 1);
    }
}
