//! Balance charge schedules: the preview shows a schedule's runs without saving it.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "charge-schedules",
    actions: &[ActionNote::new("preview", "Preview charge schedule").reads()],
    ..Overlay::NONE
};
