//! Export destinations: demo buckets of both types.

use serde_json::json;

use crate::behaviour::Behaviour;
use crate::seeder::Seeder;

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "export-destinations",
    seed: Some(seed),
    ..Behaviour::NONE
};

fn seed(s: &mut Seeder) {
    let specs = [
        (
            "Finance S3 bucket",
            "finance_s3",
            "S3",
            "acme-m3ter-exports",
            "m3ter/prod",
            "TIME_FIRST",
        ),
        (
            "Analytics GCS bucket",
            "analytics_gcs",
            "GCS",
            "acme-analytics",
            "m3ter",
            "TYPE_FIRST",
        ),
        (
            "Archive S3 bucket",
            "archive_s3",
            "S3",
            "acme-archive",
            "",
            "TIME_FIRST",
        ),
    ];
    for (name, code, kind, bucket, prefix, order) in specs {
        let created = s.tick(97);
        let mut body = json!({
            "name": name, "code": code, "destinationType": kind, "bucketName": bucket,
            "partitionOrder": order,
        });
        if !prefix.is_empty() {
            body["prefix"] = json!(prefix);
        }
        if kind == "S3" {
            body["iamRoleArn"] = json!("arn:aws:iam::123456789012:role/m3ter-export-writer");
        } else {
            body["projectNumber"] = json!("482915730214");
            body["poolId"] = json!("m3ter-pool");
            body["providerId"] = json!("m3ter-provider");
            body["serviceAccountEmail"] =
                json!("m3ter-export@acme-analytics.iam.gserviceaccount.com");
        }
        s.add("export-destinations", "", body, created, created);
    }
}
