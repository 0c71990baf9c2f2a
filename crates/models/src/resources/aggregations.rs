//! Aggregations: listed by product, although no field of theirs names one (m3ter keeps those whose
//! meter belongs to it).

use crate::overlay::{FilterNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "aggregations",
    filters: &[FilterNote::at("productId", "Product").link("products")],
    ..Overlay::NONE
};
