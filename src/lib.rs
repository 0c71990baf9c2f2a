//! m3ter Console: a browser admin console for the m3ter API, in Rust and WebAssembly.
//!
//! - `api`: the one HTTP client (auth header, errors, paging, request log, curl rendering)
//! - `session`: the connection and where it is kept
//! - `components`: generic UI driven by the models' metadata
//! - `resources`: list, detail and deleted pages for every m3ter resource
//! - `routes`: which page a path names; `split`: the pages loaded on demand
//! - `app`: the router and the layout shell

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod context;
pub mod json_text;
pub mod panic;
pub mod resources;
pub mod routes;
pub mod session;
pub mod split;

/// Mounts the console on the page.
pub fn start() {
    panic::install();
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("m3ter:wasm-start");
    }
    split::publish_exports();
    leptos::mount::mount_to_body(app::App);
}

/// The size of the wasm linear memory, for the benchmark (`window.wasmBindings.wasm_memory_bytes()`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
