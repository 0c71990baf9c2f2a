//! Account plans: replacing one ends it where the new one starts.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "account-plans",
    actions: &[ActionNote::new("replace", "Replace account plan").confirm(
        "This account plan ends at the new start date and a new one, as described, takes over from then.",
    )],
    ..Overlay::NONE
};
