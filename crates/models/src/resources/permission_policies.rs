//! Permission policies: statements allowing or denying actions on resources, attached to users,
//! user groups, service users or the organization's support users.

use crate::overlay::{ActionNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "permission-policies",
    noun: "policy",
    actions: &[
        ActionNote::new("add-to-user", "Add to user")
            .confirm("The user gets this policy's permissions."),
        ActionNote::new("remove-from-user", "Remove from user")
            .confirm("The user loses the permissions this policy gave them directly."),
        ActionNote::new("add-to-user-group", "Add to user group")
            .confirm("Every user in the group gets this policy's permissions."),
        ActionNote::new("remove-from-user-group", "Remove from user group").confirm(
            "The group's users lose the permissions this policy gave them through the group.",
        ),
        ActionNote::new("add-to-service-user", "Add to service user")
            .confirm("The service user gets this policy's permissions."),
        ActionNote::new("remove-from-service-user", "Remove from service user")
            .confirm("The service user loses this policy's permissions."),
        ActionNote::new("add-to-support-users", "Add to support users")
            .confirm("m3ter's support users get this policy's permissions in this organization."),
        ActionNote::new("remove-from-support-users", "Remove from support users")
            .confirm("m3ter's support users lose this policy's permissions in this organization."),
    ],
    ..Overlay::NONE
};
