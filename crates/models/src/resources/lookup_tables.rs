//! Lookup tables: a table's page names its active revision, which m3ter answers only when asked.

use crate::overlay::{Asks, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "lookup-tables",
    asks: Asks {
        list: &[],
        item: &[("additional", "activeRevision")],
    },
    ..Overlay::NONE
};
