//! Data export jobs: one run of an export schedule, or an ad-hoc export; a finished job's file is
//! fetched through a short-lived link.

use serde_json::Value;

use crate::overlay::{ActionNote, Forms, Note, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "export-jobs",
    noun: "export job",
    title: "id",
    fields: &[
        Note::at("scheduleId")
            .label("Schedule")
            .link("export-schedules"),
        // The ad-hoc export's, as a schedule's.
        Note::at("destinationIds").link("export-destinations"),
    ],
    actions: &[
        ActionNote::new("download-url", "Download export").reads(),
        ActionNote::new("ad-hoc", "Run ad-hoc export"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "export-jobs",
    help: &[(
        "scheduleId",
        "The export schedule that ran this job; empty for an ad-hoc export.",
    )],
    confirms: &[(
        "ad-hoc",
        "A new export job starts now and writes its file to the chosen destinations.",
    )],
    available: &[("download-url", |job| {
        downloadable(job.get("status").and_then(Value::as_str))
    })],
    under_way: Some(("status", &["PENDING", "RUNNING"])),
    ..Forms::NONE
};

/// Why a job in this status has no file to download (`None`: it has one). Only succeeded jobs do.
pub fn downloadable(status: Option<&str>) -> Option<String> {
    match status {
        Some("SUCCEEDED") => None,
        Some("PENDING" | "RUNNING") => {
            Some("The export is still running; its file is ready once it has succeeded.".into())
        }
        Some("FAILED") => Some("The export failed, so there is no file to download.".into()),
        Some(other) => Some(format!(
            "Only succeeded exports have a file (this one is {other})."
        )),
        None => Some("The job's status is not known.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_finished_job_downloads() {
        assert!(downloadable(Some("SUCCEEDED")).is_none());
        assert!(downloadable(Some("FAILED")).is_some());
    }
}
