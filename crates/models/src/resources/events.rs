//! Events: named by what happened (`configuration.plan.updated`); their ids say nothing. They
//! are listed by account although no field of theirs names one, and by category.

use crate::catalogue::{Enum, FilterKind};
use crate::overlay::{FilterNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "events",
    title: "eventName",
    filters: &[
        FilterNote::at("accountId", "Account").link("accounts"),
        FilterNote::at("notificationId", "Notification").link("notification-configurations"),
        FilterNote::at("eventType", "Event type").kind(&CATEGORY),
    ],
    ..Overlay::NONE
};

/// The categories the `eventType` filter takes (the document lists them in words only).
static CATEGORY: FilterKind = FilterKind::Enum(&Enum::new(&[
    "Notification",
    "IntegrationEvent",
    "IngestValidationFailure",
    "DataExportJobFailure",
]));
