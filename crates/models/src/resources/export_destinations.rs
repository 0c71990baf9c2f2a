//! Data export destinations: an S3 bucket or a Google Cloud Storage bucket (by `destinationType`).

use crate::overlay::{Forms, Note, Operation, Overlay};
use crate::validate::{Checker, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "export-destinations",
    noun: "destination",
    title: "name",
    columns: &[
        "code",
        "destinationType",
        "bucketName",
        "prefix",
        "dtLastModified",
    ],
    fields: &[
        Note::at("poolId").label("Workload identity pool ID"),
        Note::at("providerId").label("Identity provider ID"),
    ],
    values: &[
        ("destinationType", "S3", "Amazon S3"),
        ("destinationType", "GCS", "Google Cloud Storage"),
    ],
    // m3ter takes a destination without a type for an S3 one.
    default_variant: "S3",
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "export-destinations",
    help: &[
        ("bucketName", "3 to 63 characters."),
        (
            "prefix",
            "Folder inside the bucket; the bucket root if empty.",
        ),
        (
            "partitionOrder",
            "Layout of the object paths; Time first if not set.",
        ),
        (
            "iamRoleArn",
            "arn:aws:iam::<account>:role/<name>; the role needs PutObject on the bucket.",
        ),
    ],
    rules: Some(rules),
    ..Forms::NONE
};

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    if let Some(other) = o
        .str("destinationType")
        .filter(|s| !matches!(*s, "S3" | "GCS"))
    {
        c.fail(
            "destinationType",
            format!("must be S3 or GCS (got {other})"),
        );
    }
}
