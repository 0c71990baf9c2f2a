//! The hand-written overlay: one file per resource that needs more than the catalogue says, named
//! after the resource. Adding one is its file and one line in [`OVERLAYS`].

use crate::overlay::Overlay;

mod account_plans;
mod accounts;
mod balances;
pub mod bill_jobs;
pub mod bills;
mod charge_schedules;
mod commitments;
mod contracts;
mod export_destinations;
mod export_schedules;
pub mod line_items;
mod meters;
mod statement_jobs;
pub mod transaction_schedules;
mod transactions;

pub use statement_jobs::cancellable;

/// Every overlay, found by its resource key (`crate::overlay::of`).
pub static OVERLAYS: &[&Overlay] = &[
    &account_plans::OVERLAY,
    &accounts::OVERLAY,
    &balances::OVERLAY,
    &bill_jobs::OVERLAY,
    &bills::OVERLAY,
    &charge_schedules::OVERLAY,
    &commitments::OVERLAY,
    &contracts::OVERLAY,
    &export_destinations::OVERLAY,
    &export_schedules::OVERLAY,
    &line_items::OVERLAY,
    &meters::OVERLAY,
    &statement_jobs::OVERLAY,
    &transactions::OVERLAY,
    &transaction_schedules::OVERLAY,
];
