//! Integration runs: each time an integration sent an entity to an external system, found by the
//! entity or by the destination, with the log of what was sent.

use crate::overlay::{ActionNote, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "integration-runs",
    noun: "run",
    title: "entityType",
    fields: &[Note::at("entityId").link_by("entityType")],
    actions: &[
        ActionNote::new("latest", "Latest run for an entity").reads(),
        ActionNote::new("for-entity", "Runs for an entity").reads(),
        ActionNote::new("logs", "Show log").reads(),
        ActionNote::new("for-destination", "Runs for a destination").reads(),
        ActionNote::new("latest-for-entities", "Latest run for entities").reads(),
    ],
    ..Overlay::NONE
};
