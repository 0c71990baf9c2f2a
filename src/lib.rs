//! m3ter Console: a browser admin console for the m3ter API, in Rust and WebAssembly.
//!
//! - `api`: the one HTTP client (auth header, errors, paging, request log, curl rendering, API paths)
//! - `session`: the connection and where it is kept
//! - `components`: generic UI driven by the catalogue (tables, values, forms, dialogs)
//! - `pages`: the list, detail, form and deleted pages, generic over the catalogue
//! - `resources`: what one resource shows its own way, in a file named after it
//! - `routes`: the route grammar; `nav`: the navigation and quick find; `names`: ids' names
//! - `split`: the code loaded on demand; `shell`: the navigation and pages once connected;
//!   `app`: the router, the header, the connect form

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod context;
pub mod json_text;
pub mod names;
pub mod nav;
pub mod pages;
pub mod panic;
pub mod percent;
pub mod resources;
pub mod routes;
pub mod session;
pub mod shell;
pub mod split;
pub mod task;

/// Mounts the console on the page.
pub fn start() {
    panic::install();
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("m3ter:wasm-start");
    }
    split::publish_exports();
    if session::storage::load_connection().is_some() {
        // A connected start shows the shell next. It is mounted once the shell's code is here, so
        // the header, the navigation and the page are built in one task and laid out once, and
        // the page's first request is sent before that (`api::head_start`). A slow download does
        // not hold the page blank for long.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        split::start_connected(api::head_start::client(mount), mount);
        gloo_timers::callback::Timeout::new(split::SHELL_WAIT_MS, mount).forget();
    } else {
        mount();
    }
}

/// Mounts the console the first time it is called.
fn mount() {
    thread_local! { static MOUNTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) }; }
    if !MOUNTED.with(|m| m.replace(true)) {
        leptos::mount::mount_to_body(app::App);
        // What the page did not take is dropped: a later page must not get an old answer.
        api::head_start::discard();
    }
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
