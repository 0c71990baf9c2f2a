//! Notification configurations: a calculation over an event decides whether a notification fires;
//! the calculation can be tried out first without sending anything.

use crate::overlay::{ActionNote, Forms, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "notification-configurations",
    noun: "notification",
    fields: &[Note::at("calculation").multiline()],
    actions: &[ActionNote::new("evaluate", "Test calculation").reads()],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "notification-configurations",
    help: &[(
        "calculation",
        "An expression over the event's fields (new.x, old.x) that must be true to notify.",
    )],
    ..Forms::NONE
};
