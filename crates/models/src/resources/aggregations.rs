//! Aggregations: listed by product, although no field of theirs names one (m3ter keeps those whose
//! meter belongs to it).

use crate::overlay::{FilterNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "aggregations",
    // What it counts: the meter, the field and how.
    columns: &[
        "code",
        "meterId",
        "targetField",
        "aggregation",
        "unit",
        "dtLastModified",
    ],
    filters: &[FilterNote::at("productId", "Product").link("products")],
    ..Overlay::NONE
};
