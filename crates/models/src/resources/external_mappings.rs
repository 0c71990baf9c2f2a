//! External mappings: which id an m3ter entity has in another system, looked up from either side.

use crate::catalogue::Match;
use crate::overlay::{ActionNote, FilterNote, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "external-mappings",
    noun: "mapping",
    title: "externalId",
    fields: &[
        Note::at("m3terId").label("m3ter ID").link_by("m3terEntity"),
        Note::at("externalId").label("External ID"),
    ],
    // m3ter names these filters after fields they do not match by name.
    filters: &[
        FilterNote::at("externalSystemId", "External system")
            .help("Its name, such as Salesforce")
            .matches(&Match::Equals("externalSystem")),
        FilterNote::at("m3terIds", "m3ter IDs").matches(&Match::Equals("m3terId")),
    ],
    actions: &[
        ActionNote::new("for-external-id", "Find by external ID").reads(),
        ActionNote::new("for-entity", "Find by m3ter entity").reads(),
    ],
    ..Overlay::NONE
};
