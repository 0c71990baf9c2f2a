//! Events: named by what happened (`configuration.plan.updated`); their ids say nothing.

use crate::overlay::Overlay;

pub static OVERLAY: Overlay = Overlay {
    key: "events",
    title: "eventName",
    ..Overlay::NONE
};
