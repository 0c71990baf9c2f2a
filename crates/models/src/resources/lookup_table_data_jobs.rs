//! Jobs over a lookup table revision's rows (copies, uploads, downloads, archives); a download job
//! leaves a link to a file of the rows.

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "lookup-table-data-jobs",
    noun: "job",
    title: "type",
    actions: &[ActionNote::new("download", "Prepare download").reads()],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "lookup-table-data-jobs",
    under_way: Some(("status", &["PENDING"])),
    ..Forms::NONE
};
