//! Measurement file uploads: the jobs that ingest a file of measurements; the original file can be
//! fetched again through a short-lived link.

use serde_json::Value;

use crate::catalogue::{FilterKind, Match};
use crate::overlay::{ActionNote, FilterNote, Forms, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "measurement-uploads",
    noun: "upload",
    title: "fileName",
    actions: &[ActionNote::new("original", "Download original file").reads()],
    // The document names these after a creation date its jobs do not have: they bound the upload.
    filters: &[
        FilterNote::at("dateCreatedStart", "Uploaded from")
            .kind(&FilterKind::DateTime)
            .matches(&Match::From("uploadDate")),
        FilterNote::at("dateCreatedEnd", "Uploaded before")
            .kind(&FilterKind::DateTime)
            .matches(&Match::Before("uploadDate")),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "measurement-uploads",
    available: &[("original", |job| {
        original_available(job.get("status").and_then(Value::as_str))
    })],
    under_way: Some(("status", &["running"])),
    ..Forms::NONE
};

/// Why an upload job has no original file to fetch (`None`: it has one). A job whose file never
/// arrived has none.
pub fn original_available(status: Option<&str>) -> Option<String> {
    match status {
        Some("notUploaded") => {
            Some("The file was never uploaded, so there is nothing to download.".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_uploaded_file_has_its_original() {
        assert!(original_available(Some("notUploaded")).is_some());
        assert!(original_available(Some("succeeded")).is_none());
    }
}
