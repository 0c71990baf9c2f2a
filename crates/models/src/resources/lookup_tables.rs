//! Lookup tables: a table's page names its active revision, which m3ter answers only when asked.

use crate::overlay::{Asks, FilterNote, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "lookup-tables",
    filters: &[FilterNote::shaping("additional")],
    // The active revision is one of the table's own revisions: it opens below the table.
    fields: &[Note::at("activeRevision.id").link("lookup-table-revisions")],
    asks: Asks {
        list: &[],
        item: &[("additional", "activeRevision")],
    },
    ..Overlay::NONE
};
