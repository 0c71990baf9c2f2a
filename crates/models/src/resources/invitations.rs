//! Invitations to join the organization: named by the address they were sent to, like users.

use crate::overlay::Overlay;

pub static OVERLAY: Overlay = Overlay {
    key: "invitations",
    noun: "invitation",
    title: "email",
    columns: &[
        "firstName",
        "lastName",
        "accepted",
        "dtExpiry",
        "dtEndAccess",
    ],
    ..Overlay::NONE
};
