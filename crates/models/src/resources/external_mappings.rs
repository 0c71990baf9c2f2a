//! External mappings: which id an m3ter entity has in another system, looked up from either side.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "external-mappings",
    noun: "mapping",
    title: "externalId",
    actions: &[
        ActionNote::new("for-external-id", "Find by external ID").reads(),
        ActionNote::new("for-entity", "Find by m3ter entity").reads(),
    ],
    ..Overlay::NONE
};
