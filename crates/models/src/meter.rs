//! Meters: the raw usage fields (data fields) and fields calculated from them (derived fields).

use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{
    Action, FieldKind, FieldMeta, FilterKind, FilterMeta, Link, ResourceMeta, IDS_FILTER,
};
use crate::open_enum;
use crate::validate::{index, join, Check, FieldError, Obj};

open_enum!(
    DataFieldCategory, "Category" {
        Who = "WHO" => "Who",
        Where = "WHERE" => "Where",
        What = "WHAT" => "What",
        Other = "OTHER" => "Other",
        Metadata = "METADATA" => "Metadata",
        Measure = "MEASURE" => "Measure",
        Income = "INCOME" => "Income",
        Cost = "COST" => "Cost",
    }
);

/// A raw usage field (request and response).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<DataFieldCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A field calculated from data fields, custom fields or `Timestamp`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DerivedField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<DataFieldCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST`/`PUT /meters` (the same schema for both).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeterRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_fields: Option<Vec<DataField>>,
    /// Required; `[]` when there are none (`null` is rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_fields: Option<Vec<DerivedField>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Extra>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A meter as the API returns it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meter {
    #[serde(flatten)]
    pub audit: Audit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_fields: Option<Vec<DataField>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_fields: Option<Vec<DerivedField>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Extra>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The rules for a meter request body (create and update use the same schema).
pub(crate) fn rules(c: &mut Check<'_>, o: &Obj<'_>) {
    c.text("name", o.str("name"), true, 1, 200);
    c.code("code", o.str("code"));
    c.exact_len("productId", o.str("productId"), 36);
    c.exact_len("groupId", o.str("groupId"), 36);
    let mut codes: Vec<(&str, usize, String)> = Vec::new();
    for (key, min, derived) in [("dataFields", 1, false), ("derivedFields", 0, true)] {
        let Some(items) = o.list(key) else {
            let why = if derived {
                "is required (send an empty list when there are none)"
            } else {
                "is required (1 to 15 fields)"
            };
            c.fail(key, why);
            continue;
        };
        c.items(key, items.len(), min, 15);
        for (i, item) in items.iter().enumerate() {
            let f = Obj::of(item);
            let p = index(&c.path(key), i);
            let mut fc = Check::new(&p, c.errors());
            if !f.has("category") {
                fc.fail("category", "is required");
            }
            fc.field_code("code", f.str("code"));
            fc.text("name", f.str("name"), true, 1, 200);
            fc.text("unit", f.str("unit"), false, 1, 50);
            if derived {
                fc.text("calculation", f.str("calculation"), true, 1, 5000);
            }
            if let Some(code) = f.str("code").filter(|s| !s.is_empty()) {
                codes.push((key, i, code.to_owned()));
            }
        }
    }
    // Field codes must be unique across data and derived fields: calculations refer to them by code.
    for (n, (key, i, code)) in codes.iter().enumerate() {
        if codes[..n].iter().any(|(_, _, earlier)| earlier == code) {
            let p = join(&index(&c.path(key), *i), "code");
            c.errors().push(FieldError::new(
                p,
                format!("duplicates the code \"{code}\" of another field"),
            ));
        }
    }
    c.custom_fields("customFields", o.map("customFields"));
}

/// Derived fields have every data field's fields plus `calculation` (kept last so data fields can
/// share the first four).
static DERIVED_FIELD_META: [FieldMeta; 5] = [
    FieldMeta::new(
        "category",
        "Category",
        FieldKind::Enum(&DataFieldCategory::META),
    )
    .required(),
    FieldMeta::new("code", "Code", FieldKind::FieldCode).required(),
    FieldMeta::new(
        "name",
        "Name",
        FieldKind::Text {
            max: Some(200),
            multiline: false,
        },
    )
    .required(),
    FieldMeta::new(
        "unit",
        "Unit",
        FieldKind::Text {
            max: Some(50),
            multiline: false,
        },
    )
    .help("A UCUM unit, for numeric categories (e.g. By, {request})."),
    FieldMeta::new(
        "calculation",
        "Calculation",
        FieldKind::Text {
            max: Some(5000),
            multiline: true,
        },
    )
    .required()
    .help("An expression over data fields, custom fields or Timestamp."),
];

static DATA_FIELD_META: &[FieldMeta] = DERIVED_FIELD_META.split_at(4).0;

pub static METER_FIELDS: &[FieldMeta] = &[
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
        "productId",
        "Product",
        FieldKind::Id(Some(Link::Filter {
            resource: "meters",
            param: "productId",
        })),
    )
    .help("Leave empty for a global meter."),
    FieldMeta::new("groupId", "Group", FieldKind::Id(None)),
    FieldMeta::new(
        "dataFields",
        "Data fields",
        FieldKind::Objects {
            fields: DATA_FIELD_META,
            min: 1,
            max: 15,
            item_label: "Data field",
        },
    )
    .required(),
    FieldMeta::new(
        "derivedFields",
        "Derived fields",
        FieldKind::Objects {
            fields: &DERIVED_FIELD_META,
            min: 0,
            max: 15,
            item_label: "Derived field",
        },
    )
    .required(),
    FieldMeta::new("customFields", "Custom fields", FieldKind::CustomFields),
];

pub static METERS: ResourceMeta = ResourceMeta {
    key: "meters",
    singular: "Meter",
    plural: "Meters",
    noun: "meter",
    path: "meters",
    parent: None,
    page_size_max: 100,
    columns: &[
        "name",
        "code",
        "productId",
        "dataFields",
        "derivedFields",
        "dtLastModified",
    ],
    fields: METER_FIELDS,
    filters: &[
        IDS_FILTER,
        FilterMeta {
            param: "codes",
            label: "Codes",
            kind: FilterKind::Many,
            help: "One or more meter codes",
        },
        FilterMeta {
            param: "productId",
            label: "Product IDs",
            kind: FilterKind::Many,
            help: "Meters of these products",
        },
    ],
    exclusive_filters: false,
    actions: &[Action::Create, Action::Edit, Action::Delete],
    title_field: "name",
    note: "",
    batch_fields: &[],
};
