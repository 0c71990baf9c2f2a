//! The hand-written overlay: one file per resource that needs more than the catalogue says, named
//! after the resource. Adding one is its file and one line in [`OVERLAYS`].

use crate::overlay::Overlay;

mod balances;
mod export_destinations;
pub mod export_jobs;
mod export_schedules;
pub mod external_mappings;
pub mod integration_configs;
pub mod integration_runs;
pub mod lookup_table_data;
pub mod lookup_table_data_jobs;
pub mod lookup_table_revisions;
pub mod measurement_uploads;
mod meters;
pub mod notification_configurations;
pub mod permission_policies;
pub mod resource_groups;
mod statement_jobs;
pub mod transaction_schedules;
pub mod users;
pub mod webhooks;

pub use statement_jobs::cancellable;

/// Every overlay, found by its resource key (`crate::overlay::of`).
pub static OVERLAYS: &[&Overlay] = &[
    &balances::OVERLAY,
    &measurement_uploads::OVERLAY,
    &export_jobs::OVERLAY,
    &notification_configurations::OVERLAY,
    &external_mappings::OVERLAY,
    &integration_configs::OVERLAY,
    &integration_runs::OVERLAY,
    &webhooks::OVERLAY,
    &lookup_table_data::OVERLAY,
    &lookup_table_data_jobs::OVERLAY,
    &lookup_table_revisions::OVERLAY,
    &permission_policies::OVERLAY,
    &resource_groups::OVERLAY,
    &users::OVERLAY,
    &export_destinations::OVERLAY,
    &export_schedules::OVERLAY,
    &meters::OVERLAY,
    &statement_jobs::OVERLAY,
    &transaction_schedules::OVERLAY,
];
