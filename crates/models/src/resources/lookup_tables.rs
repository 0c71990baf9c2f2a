//! Lookup tables: a table's page names its active revision, which m3ter answers only when asked.

use crate::overlay::{Asks, FilterNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "lookup-tables",
    filters: &[FilterNote::shaping("additional")],
    asks: Asks {
        list: &[],
        item: &[("additional", "activeRevision")],
    },
    ..Overlay::NONE
};
