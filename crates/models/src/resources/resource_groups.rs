//! Resource groups: named sets of entities of one type (users, accounts, meters, …), possibly
//! holding other groups; permission policies can be given to user groups.

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "resource-groups",
    noun: "group",
    actions: &[
        ActionNote::new("permissions", "Show permission policies").reads(),
        ActionNote::new("add-resource", "Add to group"),
        ActionNote::new("remove-resource", "Remove from group"),
        ActionNote::new("contents", "Show members").reads(),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "resource-groups",
    confirms: &[
        (
            "add-resource",
            "The entity or group becomes a member of this group.",
        ),
        (
            "remove-resource",
            "The entity or group is no longer a member of this group.",
        ),
    ],
    ..Forms::NONE
};
