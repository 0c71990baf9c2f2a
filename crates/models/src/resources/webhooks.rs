//! Webhook destinations: where integrations post their events; one can be paused and resumed
//! without losing its settings.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "webhooks",
    noun: "webhook",
    actions: &[ActionNote::new("active", "Set active or inactive")
        .confirm("The webhook receives events while active and none while inactive.")],
    ..Overlay::NONE
};
