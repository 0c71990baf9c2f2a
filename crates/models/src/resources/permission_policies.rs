//! Permission policies: statements allowing or denying actions on resources, attached to users,
//! user groups, service users or the organization's support users.

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "permission-policies",
    noun: "policy",
    actions: &[
        ActionNote::new("add-to-user", "Add to user"),
        ActionNote::new("remove-from-user", "Remove from user"),
        ActionNote::new("add-to-user-group", "Add to user group"),
        ActionNote::new("remove-from-user-group", "Remove from user group"),
        ActionNote::new("add-to-service-user", "Add to service user"),
        ActionNote::new("remove-from-service-user", "Remove from service user"),
        ActionNote::new("add-to-support-users", "Add to support users"),
        ActionNote::new("remove-from-support-users", "Remove from support users"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "permission-policies",
    confirms: &[
        ("add-to-user", "The user gets this policy's permissions."),
        (
            "remove-from-user",
            "The user loses the permissions this policy gave them directly.",
        ),
        (
            "add-to-user-group",
            "Every user in the group gets this policy's permissions.",
        ),
        (
            "remove-from-user-group",
            "The group's users lose the permissions this policy gave them through the group.",
        ),
        (
            "add-to-service-user",
            "The service user gets this policy's permissions.",
        ),
        (
            "remove-from-service-user",
            "The service user loses this policy's permissions.",
        ),
        (
            "add-to-support-users",
            "m3ter's support users get this policy's permissions in this organization.",
        ),
        (
            "remove-from-support-users",
            "m3ter's support users lose this policy's permissions in this organization.",
        ),
    ],
    ..Forms::NONE
};
