//! End-to-end tests: the release console, served by the sandbox, driven in headless Chromium.
#![cfg(not(target_arch = "wasm32"))]

mod actions;
mod browse;
mod catalogue;
mod every_action;
mod faults;
mod forms;
mod hardening;
mod inflight;
mod robust;
mod support;
