//! What the sandbox does for one resource beyond the catalogue's CRUD, one file per resource named
//! after it. Adding one is its file and one line in [`BEHAVIOURS`].

use crate::behaviour::Behaviour;

mod balances;
mod bills;
mod export_destinations;
mod export_schedules;
mod meters;
mod statement_jobs;
mod transaction_schedules;

pub use statement_jobs::complete_statement;

/// Every behaviour, found by its resource key (`crate::behaviour::of`).
pub static BEHAVIOURS: &[&Behaviour] = &[
    &balances::BEHAVIOUR,
    &bills::BEHAVIOUR,
    &export_destinations::BEHAVIOUR,
    &export_schedules::BEHAVIOUR,
    &meters::BEHAVIOUR,
    &statement_jobs::BEHAVIOUR,
    &transaction_schedules::BEHAVIOUR,
];
