//! Lookup table revisions: a schema (fields and keys) and rows; drafted, then published, then
//! archived.

use serde_json::Value;

use crate::overlay::{ActionNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "lookup-table-revisions",
    noun: "revision",
    actions: &[ActionNote::new("status", "Set revision status")],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "lookup-table-revisions",
    confirms: &[
        ("status", "A published revision is used for lookups; an archived one no longer is and cannot change again."),
    ],
    available: &[("status", |r| {
        status_changeable(r.get("status").and_then(Value::as_str))
    })],
    ..Forms::NONE
};

/// Why a revision's status cannot change at all (`None`: it can). Archived is final.
pub fn status_changeable(status: Option<&str>) -> Option<String> {
    match status {
        Some("DRAFT" | "PUBLISHED") => None,
        Some("ARCHIVED") => Some("This revision is archived; its status cannot change.".into()),
        Some(other) => Some(format!("A revision that is {other} cannot change status.")),
        None => Some("The revision's status is not known.".into()),
    }
}

/// Why a revision cannot move from `from` to `to` (`None`: it can). Forward only: a draft is
/// published or archived, a published revision is archived.
pub fn status_change(from: Option<&str>, to: &str) -> Option<String> {
    if let Some(why) = status_changeable(from) {
        return Some(why);
    }
    match (from, to) {
        (Some(f), t) if f == t => Some(format!("The revision is already {t}.")),
        (Some("DRAFT"), "PUBLISHED" | "ARCHIVED") | (Some("PUBLISHED"), "ARCHIVED") => None,
        (Some("PUBLISHED"), "DRAFT") => Some(
            "A published revision cannot go back to DRAFT; copy it into a new draft instead."
                .into(),
        ),
        (_, t) => Some(format!("{t} is not a status a revision can be given.")),
    }
}

/// Why a revision's rows cannot be changed (`None`: they can). Only a draft's rows can.
pub fn rows_editable(status: Option<&str>) -> Option<String> {
    match status {
        Some("DRAFT") => None,
        Some(other) => Some(format!(
            "Only a draft revision's rows can be changed (this one is {other})."
        )),
        None => Some("The revision's status is not known.".into()),
    }
}

/// Why a revision's rows cannot be fetched as an archive (`None`: they can). Only an archived
/// revision's can.
pub fn archive_available(status: Option<&str>) -> Option<String> {
    match status {
        Some("ARCHIVED") => None,
        Some(other) => Some(format!(
            "Only an archived revision's rows are kept as an archive (this one is {other}); read them with all rows instead."
        )),
        None => Some("The revision's status is not known.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_moves_draft_published_archived_only() {
        assert!(status_change(Some("DRAFT"), "PUBLISHED").is_none());
        assert!(status_change(Some("DRAFT"), "ARCHIVED").is_none());
        assert!(status_change(Some("PUBLISHED"), "ARCHIVED").is_none());
        assert!(status_change(Some("PUBLISHED"), "DRAFT").is_some());
        assert!(status_change(Some("DRAFT"), "DRAFT").is_some());
        assert!(status_change(Some("ARCHIVED"), "PUBLISHED").is_some());
        assert!(status_change(None, "PUBLISHED").is_some());
        assert!(rows_editable(Some("DRAFT")).is_none());
        assert!(rows_editable(Some("PUBLISHED")).is_some());
        assert!(archive_available(Some("ARCHIVED")).is_none());
        assert!(archive_available(Some("DRAFT")).is_some());
    }
}
