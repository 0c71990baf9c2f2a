//! Notification configurations: a calculation over an event decides whether a notification fires;
//! the calculation can be tried out first without sending anything.

use crate::overlay::{ActionNote, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "notification-configurations",
    noun: "notification",
    fields: &[Note::at("calculation")
        .multiline()
        .help("An expression over the event's fields (new.x, old.x) that must be true to notify.")],
    actions: &[ActionNote::new("evaluate", "Test calculation").reads()],
    ..Overlay::NONE
};
