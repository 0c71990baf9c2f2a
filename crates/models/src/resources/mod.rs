//! The hand-written overlay: one file per resource that needs more than the catalogue says, named
//! after the resource. Adding one is its file and one line in [`OVERLAYS`].

use crate::overlay::Overlay;

mod balances;
mod export_destinations;
mod export_schedules;
mod meters;
mod statement_jobs;
pub mod transaction_schedules;

pub use statement_jobs::cancellable;

/// Every overlay, found by its resource key (`crate::overlay::of`).
pub static OVERLAYS: &[&Overlay] = &[
    &balances::OVERLAY,
    &export_destinations::OVERLAY,
    &export_schedules::OVERLAY,
    &meters::OVERLAY,
    &statement_jobs::OVERLAY,
    &transaction_schedules::OVERLAY,
];
