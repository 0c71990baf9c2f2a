//! The organization's users: their groups, their permissions through policies, and a new temporary
//! password for someone who has not signed in yet.

use serde_json::Value;

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "users",
    noun: "user",
    title: "email",
    columns: &[
        "firstName",
        "lastName",
        "dtEndAccess",
        "supportUser",
        "dtLastModified",
    ],
    actions: &[
        ActionNote::new("user-groups", "Show user groups").reads(),
        ActionNote::new("me", "Who am I").reads(),
        ActionNote::new("resend-password", "Resend temporary password"),
        ActionNote::new("permissions", "Show permissions").reads(),
    ],
    // m3ter's `createdBy` is a user's id (or a service user's, which no list names).
    authors: true,
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "users",
    confirms: &[(
        "resend-password",
        "The user gets an email with a new temporary password; the old one stops working.",
    )],
    available: &[("resend-password", password_resendable)],
    ..Forms::NONE
};

/// Why a user cannot be sent a new temporary password (`None`: they can). Only someone who has
/// never signed in (never accepted the terms) still uses a temporary password.
pub fn password_resendable(user: &Value) -> Option<String> {
    let signed_in = user
        .get("firstAcceptedTermsAndConditions")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty());
    signed_in.then(|| {
        "This user has already signed in and chosen a password; a temporary one is only for users who have not signed in yet.".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_resent_only_before_the_first_sign_in() {
        let signed_in =
            serde_json::json!({"firstAcceptedTermsAndConditions": "2025-01-01T00:00:00Z"});
        assert!(password_resendable(&signed_in).is_some());
        assert!(password_resendable(&serde_json::json!({})).is_none());
    }
}
