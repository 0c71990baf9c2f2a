//! What the sandbox does for one resource beyond the catalogue's CRUD, one file per resource named
//! after it (a family of resources m3ter keeps together shares one: the picklists; counters and their
//! adjustments; a bill's line items with its credits and debits). Adding one is its file and one line in [`BEHAVIOURS`].

use crate::behaviour::Behaviour;

mod account_plans;
mod accounts;
mod aggregations;
mod balances;
mod bill_jobs;
mod bills;
mod charge_schedules;
mod commitments;
mod contracts;
mod counter_pricings;
mod counters;
mod events;
mod export_destinations;
mod export_jobs;
mod export_schedules;
mod external_mappings;
mod grants;
mod integration_configs;
mod integration_runs;
mod line_items;
mod lookup_rows;
mod lookup_table_data;
mod lookup_table_data_jobs;
mod lookup_table_revisions;
mod lookup_tables;
mod measurement_uploads;
mod memberships;
mod meters;
mod notification_configurations;
mod permission_policies;
mod picklists;
mod pricings;
mod resource_groups;
mod statement_jobs;
mod transaction_schedules;
mod transactions;
mod users;
pub mod webhooks;

/// Every behaviour, found by its resource key ([`behaviour`]).
pub static BEHAVIOURS: &[&Behaviour] = &[
    &account_plans::BEHAVIOUR,
    &accounts::BEHAVIOUR,
    &aggregations::BEHAVIOUR,
    &balances::BEHAVIOUR,
    &bill_jobs::BEHAVIOUR,
    &events::BEHAVIOUR,
    &users::BEHAVIOUR,
    &resource_groups::BEHAVIOUR,
    &permission_policies::BEHAVIOUR,
    &lookup_table_revisions::BEHAVIOUR,
    &lookup_tables::BEHAVIOUR,
    &lookup_table_data_jobs::BEHAVIOUR,
    &lookup_table_data::BEHAVIOUR,
    &webhooks::BEHAVIOUR,
    &notification_configurations::BEHAVIOUR,
    &measurement_uploads::BEHAVIOUR,
    &integration_runs::BEHAVIOUR,
    &integration_configs::BEHAVIOUR,
    &external_mappings::BEHAVIOUR,
    &export_jobs::BEHAVIOUR,
    &bills::BEHAVIOUR,
    &charge_schedules::BEHAVIOUR,
    &commitments::BEHAVIOUR,
    &contracts::BEHAVIOUR,
    &counter_pricings::BEHAVIOUR,
    &counters::COUNTERS,
    &counters::ADJUSTMENTS,
    &pricings::BEHAVIOUR,
    &export_destinations::BEHAVIOUR,
    &export_schedules::BEHAVIOUR,
    &line_items::BEHAVIOUR,
    &line_items::CREDITS,
    &line_items::DEBITS,
    &picklists::CURRENCIES,
    &picklists::TRANSACTION_TYPES,
    &picklists::CREDIT_REASONS,
    &picklists::DEBIT_REASONS,
    &meters::BEHAVIOUR,
    &statement_jobs::BEHAVIOUR,
    &transactions::BEHAVIOUR,
    &transaction_schedules::BEHAVIOUR,
];

/// The behaviour of a resource (an empty one when it has none).
pub fn behaviour(key: &str) -> &'static Behaviour {
    BEHAVIOURS
        .iter()
        .copied()
        .find(|b| b.key == key)
        .unwrap_or(&Behaviour::NONE)
}
