//! The rows of a lookup table revision, keyed by the revision's key fields. Only a draft revision's
//! rows can be changed; an archived revision's rows are fetched as a file.

use crate::overlay::{ActionNote, FilterNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "lookup-table-data",
    noun: "row",
    filters: &[FilterNote::shaping("additional")],
    actions: &[
        ActionNote::new("all", "Show all rows").reads(),
        ActionNote::new("replace-all", "Replace all rows"),
        ActionNote::new("delete-all", "Delete all rows"),
        ActionNote::new("archived", "Download archived rows").reads(),
        ActionNote::new("copy", "Copy rows"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "lookup-table-data",
    confirms: &[
        ("replace-all", "Every row of this revision is replaced by the rows you send."),
        ("delete-all", "Every row of this revision is deleted."),
        ("copy", "The rows are copied into the target revision (replacing its rows), or into a new draft revision when none is given."),
    ],
    ..Forms::NONE
};
