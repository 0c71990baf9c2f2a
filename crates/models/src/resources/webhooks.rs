//! Webhook destinations: where integrations post their events; one can be paused and resumed
//! without losing its settings.

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "webhooks",
    noun: "webhook",
    actions: &[ActionNote::new("active", "Set active or inactive")],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "webhooks",
    confirms: &[(
        "active",
        "The webhook receives events while active and none while inactive.",
    )],
    ..Forms::NONE
};
