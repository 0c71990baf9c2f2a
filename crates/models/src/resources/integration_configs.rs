//! Integration configurations: how an entity type is sent to an external system; a disabled one
//! can be switched back on.

use serde_json::Value;

use crate::overlay::{ActionNote, Forms, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "integration-configs",
    noun: "integration",
    columns: &[
        "entityType",
        "destination",
        "destinationId",
        "enabled",
        "triggerType",
        "dtLastModified",
    ],
    // `destination` says what kind of thing `destinationId` is: a webhook's id for "Webhook".
    fields: &[
        Note::at("entityId").link_by("entityType"),
        Note::at("destination").label("Destination type"),
        Note::at("destinationId").link_by("destination"),
    ],
    actions: &[
        ActionNote::new("for-entity-type", "Find by entity type").reads(),
        ActionNote::new("enable", "Enable integration"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "integration-configs",
    confirms: &[(
        "enable",
        "The integration starts sending its entities to the destination again.",
    )],
    available: &[("enable", |config| {
        enableable(config.get("enabled").and_then(Value::as_bool))
    })],
    ..Forms::NONE
};

/// Why a configuration cannot be enabled (`None`: it can). Only a disabled one can.
pub fn enableable(enabled: Option<bool>) -> Option<String> {
    match enabled {
        Some(true) => Some("This integration is already enabled.".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_disabled_config_is_enabled() {
        assert!(enableable(Some(true)).is_some());
        assert!(enableable(Some(false)).is_none());
        assert!(enableable(None).is_none());
    }
}
