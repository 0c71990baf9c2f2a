//! Fault injection: make chosen API requests (or the console's own files) fail in the ways real
//! networks and servers do.
//!
//! Faults are switched at run time through `/_sandbox/faults` (or at start with `--fault`), match on
//! method and path, and apply a limited number of times or until cleared.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// Answer with `status` (default 500) and `body` (default an m3ter `{"message"}`).
    Status,
    /// Answer with `status` (default 502) and an HTML page, like a proxy in front of the API.
    Html,
    /// 200 with a body that is not valid JSON.
    Malformed,
    /// 200 with valid JSON of the wrong shape (`body`, default `{"unexpected": true}`).
    WrongShape,
    /// Close the connection without answering.
    Drop,
    /// Never answer (the client must time out).
    Hang,
    /// Answer normally after `delayMs`.
    Delay,
    /// Answer normally but without CORS headers, so a browser refuses the response.
    NoCors,
    /// 200 with a large valid JSON body (`size` bytes, default 1 MiB).
    Large,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    #[serde(default)]
    pub id: u64,
    pub kind: FaultKind,
    /// Only requests with this method (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// Only requests whose path contains this text (any when absent).
    #[serde(default)]
    pub path: Option<String>,
    /// How many matching requests to affect; until cleared when absent.
    #[serde(default)]
    pub times: Option<u32>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    /// Extra response headers, e.g. `{"Retry-After": "3"}`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    #[serde(default)]
    pub size: Option<usize>,
    /// Match the console's own files (`--static`: its pages' code, say) instead of API requests.
    #[serde(default)]
    pub files: bool,
}

/// The largest `large` body and the longest `delayMs` a fault may ask for: a typo must not take the
/// sandbox's memory or hold a connection for days.
pub const MAX_SIZE: usize = 64 << 20;
pub const MAX_DELAY_MS: u64 = 600_000;

impl Fault {
    /// Refuses values out of bounds instead of failing (or allocating) when the fault applies.
    pub fn validate(&self) -> Result<(), String> {
        if self.size.is_some_and(|s| s > MAX_SIZE) {
            return Err(format!("size: at most {MAX_SIZE} bytes"));
        }
        if self.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
            return Err(format!("delayMs: at most {MAX_DELAY_MS}"));
        }
        if self.times == Some(0) {
            return Err("times: at least 1 (leave it out for \"until cleared\")".into());
        }
        if self.status.is_some_and(|s| !(100..=599).contains(&s)) {
            return Err("status: an HTTP status, 100 to 599".into());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str, is_api: bool) -> bool {
        if self.files == is_api {
            return false;
        }
        // A preflight is only ever refused by `noCors`; otherwise the browser would report a CORS
        // failure instead of the fault the test asked for.
        if method == "OPTIONS" && self.kind != FaultKind::NoCors {
            return false;
        }
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.contains(p))
    }
}

#[derive(Default)]
pub struct Faults {
    active: Vec<Fault>,
    next_id: u64,
}

impl Faults {
    pub fn add(&mut self, mut fault: Fault) -> u64 {
        self.next_id += 1;
        fault.id = self.next_id;
        self.active.push(fault);
        self.next_id
    }

    pub fn clear(&mut self) {
        self.active.clear();
    }

    pub fn list(&self) -> Vec<Fault> {
        self.active.clone()
    }

    /// The first fault matching this request, counting it as used.
    pub fn take(&mut self, method: &str, path: &str, is_api: bool) -> Option<Fault> {
        let i = self
            .active
            .iter()
            .position(|f| f.matches(method, path, is_api))?;
        let fault = self.active[i].clone();
        if let Some(times) = &mut self.active[i].times {
            *times = times.saturating_sub(1);
            if *times == 0 {
                self.active.remove(i);
            }
        }
        Some(fault)
    }
}

/// A large body that is valid JSON both as a list envelope and as an entity.
pub fn large_body(size: usize) -> String {
    let size = size.min(MAX_SIZE);
    let mut out = String::with_capacity(size + 256);
    out.push_str(r#"{"id":"large-body","name":"Large body","version":1,"data":["#);
    let mut i = 0usize;
    while out.len() < size {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"id":"large-{i:07}","version":1,"name":"Padding entity {i}","code":"padding_{i}","dataFields":[],"derivedFields":[],"note":"{}"}}"#,
            "x".repeat(300)
        ));
        i += 1;
    }
    out.push_str(r#"],"nextToken":null}"#);
    out
}
