//! What the sandbox does for one resource beyond the catalogue's CRUD, one file per resource named
//! after it. Adding one is its file and one line in [`BEHAVIOURS`].

use crate::behaviour::Behaviour;

mod account_plans;
mod accounts;
mod balances;
mod bill_jobs;
mod bills;
mod charge_schedules;
mod commitments;
mod contracts;
mod export_destinations;
mod export_schedules;
mod line_items;
mod meters;
mod statement_jobs;
mod transaction_schedules;
mod transactions;

pub use statement_jobs::complete_statement;

/// Every behaviour, found by its resource key (`crate::behaviour::of`).
pub static BEHAVIOURS: &[&Behaviour] = &[
    &account_plans::BEHAVIOUR,
    &accounts::BEHAVIOUR,
    &balances::BEHAVIOUR,
    &bill_jobs::BEHAVIOUR,
    &bills::BEHAVIOUR,
    &charge_schedules::BEHAVIOUR,
    &commitments::BEHAVIOUR,
    &contracts::BEHAVIOUR,
    &export_destinations::BEHAVIOUR,
    &export_schedules::BEHAVIOUR,
    &line_items::BEHAVIOUR,
    &meters::BEHAVIOUR,
    &statement_jobs::BEHAVIOUR,
    &transactions::BEHAVIOUR,
    &transaction_schedules::BEHAVIOUR,
];
