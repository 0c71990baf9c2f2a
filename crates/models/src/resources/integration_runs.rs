//! Integration runs: each time an integration sent an entity to an external system, found by the
//! entity or by the destination, with the log of what was sent.

use crate::overlay::{ActionNote, Forms, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "integration-runs",
    noun: "run",
    title: "entityType",
    // `destination` says what kind of thing `destinationId` is: a webhook's id for "Webhook".
    fields: &[
        Note::at("entityId").link_by("entityType"),
        Note::at("destination").label("Destination type"),
        Note::at("destinationId").link_by("destination"),
    ],
    actions: &[
        ActionNote::new("latest", "Latest run for an entity").reads(),
        ActionNote::new("for-entity", "Runs for an entity").reads(),
        ActionNote::new("logs", "Show log").reads(),
        ActionNote::new("for-destination", "Runs for a destination").reads(),
        ActionNote::new("latest-for-entities", "Latest run for entities").reads(),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "integration-runs",
    under_way: Some((
        "status",
        &["WAITING", "STARTED", "AWAITING_RETRY", "RATE_LIMIT_RETRY"],
    )),
    ..Forms::NONE
};
