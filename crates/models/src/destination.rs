//! Data Export Destinations (S3 and GCS): where schedules push their files.

use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{Action, FieldKind, FieldMeta, ResourceMeta, IDS_FILTER};
use crate::validate::{is_valid_iam_role_arn, Check, Obj};
use crate::{open_enum, tagged_union};

open_enum!(
    DestinationType, "Destination type" {
        S3 = "S3" => "Amazon S3",
        Gcs = "GCS" => "Google Cloud Storage",
    }
);

open_enum!(
    /// The object-path layout; `TIME_FIRST` is the default.
    PartitionOrder, "Partition order" {
        TypeFirst = "TYPE_FIRST" => "Type first",
        TimeFirst = "TIME_FIRST" => "Time first",
    }
);

/// Fields common to both destination types, in requests.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRequestBase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_order: Option<PartitionOrder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct S3Fields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam_role_arn: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GcsFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_email: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct S3DestinationRequest {
    #[serde(flatten)]
    pub base: DestinationRequestBase,
    #[serde(flatten)]
    pub s3: S3Fields,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GcsDestinationRequest {
    #[serde(flatten)]
    pub base: DestinationRequestBase,
    #[serde(flatten)]
    pub gcs: GcsFields,
    #[serde(flatten)]
    pub extra: Extra,
}

tagged_union! {
    /// `POST`/`PUT /dataexports/destinations`; `destinationType` defaults to S3.
    DestinationRequest by "destinationType", default "S3" {
        S3 = "S3" (S3DestinationRequest),
        Gcs = "GCS" (GcsDestinationRequest),
    }
}

/// Fields common to both destination types, in responses; also the list item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationResponseBase {
    #[serde(flatten)]
    pub audit: Audit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_order: Option<PartitionOrder>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct S3Destination {
    #[serde(flatten)]
    pub base: DestinationResponseBase,
    #[serde(flatten)]
    pub s3: S3Fields,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GcsDestination {
    #[serde(flatten)]
    pub base: DestinationResponseBase,
    #[serde(flatten)]
    pub gcs: GcsFields,
    #[serde(flatten)]
    pub extra: Extra,
}

tagged_union! {
    /// A destination as the API returns it.
    Destination by "destinationType" {
        S3 = "S3" (S3Destination),
        Gcs = "GCS" (GcsDestination),
    }
    unknown Unknown
}

/// The rules for a destination request body; `destinationType` (S3 when absent) picks the fields.
pub(crate) fn rules(c: &mut Check<'_>, o: &Obj<'_>) {
    c.text("name", o.str("name"), true, 1, 200);
    c.code("code", o.str("code"));
    c.text("bucketName", o.str("bucketName"), true, 3, 63);
    match o.str("destinationType").unwrap_or("S3") {
        "S3" => match o.str("iamRoleArn") {
            None | Some("") => c.fail("iamRoleArn", "is required"),
            Some(arn) if !is_valid_iam_role_arn(arn) => c.fail(
                "iamRoleArn",
                "must look like arn:aws:iam::<account number>:role/<role name>",
            ),
            Some(_) => {}
        },
        "GCS" => {
            for key in ["projectNumber", "poolId", "providerId"] {
                c.text(key, o.str(key), true, 1, usize::MAX);
            }
        }
        other => c.fail(
            "destinationType",
            format!("must be S3 or GCS (got {other})"),
        ),
    }
}

const S3: &[&str] = &["S3"];
const GCS: &[&str] = &["GCS"];

pub static DESTINATION_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "name",
        "Name",
        FieldKind::Text {
            max: Some(200),
            multiline: false,
        },
    )
    .required(),
    FieldMeta::new("code", "Code", FieldKind::Code).required(),
    FieldMeta::new(
        "destinationType",
        "Destination type",
        FieldKind::Enum(&DestinationType::META),
    )
    .required(),
    FieldMeta::new(
        "bucketName",
        "Bucket name",
        FieldKind::Text {
            max: Some(63),
            multiline: false,
        },
    )
    .required()
    .help("3 to 63 characters."),
    FieldMeta::new(
        "prefix",
        "Prefix",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .help("Folder inside the bucket; the bucket root if empty."),
    FieldMeta::new(
        "partitionOrder",
        "Partition order",
        FieldKind::Enum(&PartitionOrder::META),
    )
    .help("Layout of the object paths; Time first if not set."),
    FieldMeta::new(
        "iamRoleArn",
        "IAM role ARN",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required()
    .help("arn:aws:iam::<account>:role/<name>; the role needs PutObject on the bucket.")
    .when("destinationType", S3),
    FieldMeta::new(
        "projectNumber",
        "Project number",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required()
    .when("destinationType", GCS),
    FieldMeta::new(
        "poolId",
        "Workload identity pool ID",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required()
    .when("destinationType", GCS),
    FieldMeta::new(
        "providerId",
        "Identity provider ID",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required()
    .when("destinationType", GCS),
    FieldMeta::new(
        "serviceAccountEmail",
        "Service account email",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .when("destinationType", GCS),
];

pub static EXPORT_DESTINATIONS: ResourceMeta = ResourceMeta {
    key: "export-destinations",
    singular: "Export destination",
    plural: "Export destinations",
    noun: "destination",
    path: "dataexports/destinations",
    parent: None,
    page_size_max: 200,
    columns: &[
        "name",
        "code",
        "destinationType",
        "bucketName",
        "prefix",
        "dtLastModified",
    ],
    fields: DESTINATION_FIELDS,
    filters: &[IDS_FILTER],
    exclusive_filters: false,
    actions: &[Action::Create, Action::Edit, Action::Delete],
    title_field: "name",
    note: "",
    batch_fields: &[],
};
