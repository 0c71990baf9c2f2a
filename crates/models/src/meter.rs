//! Meters: the raw usage fields (data fields) and fields calculated from them (derived fields).

use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{
    Action, FieldKind, FieldMeta, FilterKind, FilterMeta, Link, ResourceMeta, IDS_FILTER,
};
use crate::open_enum;
use crate::validate::{index, Check, FieldError, Validate};

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

fn check_field_common(
    c: &mut Check<'_>,
    category: &Option<DataFieldCategory>,
    code: Option<&str>,
    name: Option<&str>,
    unit: Option<&str>,
) {
    c.present("category", category);
    c.field_code("code", code);
    c.text("name", name, true, 1, 200);
    c.text("unit", unit, false, 1, 50);
}

impl Validate for MeterRequest {
    fn validate_at(&self, path: &str, errors: &mut Vec<FieldError>) {
        let mut c = Check::new(path, errors);
        c.text("name", self.name.as_deref(), true, 1, 200);
        c.code("code", self.code.as_deref());
        c.exact_len("productId", self.product_id.as_deref(), 36);
        c.exact_len("groupId", self.group_id.as_deref(), 36);
        match &self.data_fields {
            None => c.fail("dataFields", "is required (1 to 15 fields)"),
            Some(fields) => {
                c.items("dataFields", fields.len(), 1, 15);
                for (i, f) in fields.iter().enumerate() {
                    let p = index(&c.path("dataFields"), i);
                    let mut fc = Check::new(&p, c.errors());
                    check_field_common(
                        &mut fc,
                        &f.category,
                        f.code.as_deref(),
                        f.name.as_deref(),
                        f.unit.as_deref(),
                    );
                }
            }
        }
        match &self.derived_fields {
            None => c.fail(
                "derivedFields",
                "is required (send an empty list when there are none)",
            ),
            Some(fields) => {
                c.items("derivedFields", fields.len(), 0, 15);
                for (i, f) in fields.iter().enumerate() {
                    let p = index(&c.path("derivedFields"), i);
                    let mut fc = Check::new(&p, c.errors());
                    check_field_common(
                        &mut fc,
                        &f.category,
                        f.code.as_deref(),
                        f.name.as_deref(),
                        f.unit.as_deref(),
                    );
                    fc.text("calculation", f.calculation.as_deref(), true, 1, 5000);
                }
            }
        }
        // Field codes must be unique across data and derived fields: calculations refer to them by code.
        let codes = self
            .data_fields
            .iter()
            .flatten()
            .map(|f| ("dataFields", f.code.as_deref()))
            .chain(
                self.derived_fields
                    .iter()
                    .flatten()
                    .map(|f| ("derivedFields", f.code.as_deref())),
            );
        let mut seen: Vec<&str> = Vec::new();
        let mut counters = (0usize, 0usize);
        for (list, code) in codes {
            let i = if list == "dataFields" {
                &mut counters.0
            } else {
                &mut counters.1
            };
            let at = *i;
            *i += 1;
            let Some(code) = code.filter(|c| !c.is_empty()) else {
                continue;
            };
            if seen.contains(&code) {
                let p = index(&c.path(list), at);
                let mut fc = Check::new(&p, c.errors());
                fc.fail(
                    "code",
                    format!("duplicates the code \"{code}\" of another field"),
                );
            } else {
                seen.push(code);
            }
        }
        c.custom_fields("customFields", self.custom_fields.as_ref());
    }
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
