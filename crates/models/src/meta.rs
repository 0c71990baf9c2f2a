//! Metadata that drives the console's tables, detail pages and forms, and the sandbox's routing.
//!
//! Each resource declares its label, API path, list columns, fields (with kinds and rules for the UI),
//! server-side list filters and supported actions. The UI is generated from this, never copied per resource.

/// Values and labels of one enum.
#[derive(Debug, PartialEq)]
pub struct EnumMeta {
    pub name: &'static str,
    /// `(wire value, label)` pairs in display order.
    pub values: &'static [(&'static str, &'static str)],
}

impl EnumMeta {
    /// The label of a wire value, or the value itself when it is not one we know.
    pub fn label_of<'a>(&self, wire: &'a str) -> &'a str {
        self.values
            .iter()
            .find(|(w, _)| *w == wire)
            .map(|(_, label)| *label)
            .unwrap_or(wire)
    }

    pub fn contains(&self, wire: &str) -> bool {
        self.values.iter().any(|(w, _)| *w == wire)
    }
}

/// Where an id field points.
#[derive(Debug, PartialEq, Clone, Copy)]
pub enum Link {
    /// The detail page of another console resource (by `ResourceMeta::key`).
    Detail(&'static str),
    /// A list of another resource filtered by this id (e.g. meters of a product).
    Filter {
        resource: &'static str,
        param: &'static str,
    },
}

/// What kind of value a field holds; decides the input, the display and the basic checks.
#[derive(Debug, PartialEq)]
pub enum FieldKind {
    Text {
        max: Option<u32>,
        multiline: bool,
    },
    /// An m3ter entity code (1–80, no control characters, no surrounding whitespace).
    Code,
    /// A data field code (letter, `_` or `$` first, then letters, digits, `_`, `$`).
    FieldCode,
    /// One id, optionally linking to a related resource.
    Id(Option<Link>),
    /// Several ids.
    IdList(Option<Link>),
    /// Several free strings.
    StringList,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number {
        min: Option<f64>,
    },
    Bool,
    DateTime,
    Enum(&'static EnumMeta),
    EnumList(&'static EnumMeta),
    /// `{name: string | number}`.
    CustomFields,
    /// A repeatable sub-form.
    Objects {
        fields: &'static [FieldMeta],
        min: u32,
        max: u32,
        item_label: &'static str,
    },
    /// A nested object shown as its own group.
    Object(&'static [FieldMeta]),
    /// An external URL (e.g. a presigned statement download).
    Url,
}

/// Show a field only when a sibling field has (or has not) one of some values.
#[derive(Debug, PartialEq)]
pub struct Condition {
    pub key: &'static str,
    pub any_of: &'static [&'static str],
    /// When true, the field shows when the sibling has none of the values.
    pub negate: bool,
}

impl Condition {
    pub fn holds(&self, sibling: Option<&str>) -> bool {
        let hit = sibling.is_some_and(|v| self.any_of.contains(&v));
        hit != self.negate
    }
}

#[derive(Debug, PartialEq)]
pub struct FieldMeta {
    /// The JSON key, camelCase as on the wire.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// Present only in responses (never sent).
    pub read_only: bool,
    /// One line of help under the input or beside the value.
    pub help: &'static str,
    pub when: Option<Condition>,
    /// The unit of a number, which may depend on a sibling (an offset is minutes for HOUR schedules).
    pub unit: Option<Unit>,
}

/// A unit chosen by a sibling field's value: `key`'s value → unit.
#[derive(Debug, PartialEq)]
pub struct Unit {
    pub key: &'static str,
    pub by: &'static [(&'static str, &'static str)],
}

impl Unit {
    pub fn for_value(&self, sibling: Option<&str>) -> Option<&'static str> {
        let s = sibling?;
        self.by.iter().find(|(v, _)| *v == s).map(|(_, u)| *u)
    }
}

impl FieldMeta {
    /// A plain optional field with no help and no condition; the other constructors build on it.
    pub const fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Self {
        FieldMeta {
            key,
            label,
            kind,
            required: false,
            read_only: false,
            help: "",
            when: None,
            unit: None,
        }
    }
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub const fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
    pub const fn help(mut self, help: &'static str) -> Self {
        self.help = help;
        self
    }
    pub const fn when(mut self, key: &'static str, any_of: &'static [&'static str]) -> Self {
        self.when = Some(Condition {
            key,
            any_of,
            negate: false,
        });
        self
    }
    pub const fn unit_by(
        mut self,
        key: &'static str,
        by: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.unit = Some(Unit { key, by });
        self
    }
    pub const fn unless(mut self, key: &'static str, any_of: &'static [&'static str]) -> Self {
        self.when = Some(Condition {
            key,
            any_of,
            negate: true,
        });
        self
    }
}

/// Kinds of server-side list filters.
#[derive(Debug, PartialEq)]
pub enum FilterKind {
    /// Several values (sent as repeated keys; the sandbox also accepts comma-joined).
    Many,
    /// One value.
    One,
    Enum(&'static EnumMeta),
    /// `TRUE` / `FALSE`.
    Flag,
    DateTime,
}

#[derive(Debug, PartialEq)]
pub struct FilterMeta {
    pub param: &'static str,
    pub label: &'static str,
    pub kind: FilterKind,
    pub help: &'static str,
}

#[derive(Debug, PartialEq, Clone, Copy)]
pub enum Action {
    Create,
    Edit,
    Delete,
    /// Statement jobs: `POST …/{id}/cancel`.
    Cancel,
    /// Statement jobs: `POST …/batch`.
    BatchCreate,
    /// Balance transaction schedules: `POST …/preview`.
    Preview,
}

#[derive(Debug, PartialEq)]
pub struct ResourceMeta {
    /// The console's route segment and the resource's stable key (`meters`).
    pub key: &'static str,
    /// "Meter"
    pub singular: &'static str,
    /// "Meters"
    pub plural: &'static str,
    /// The noun used on buttons: "Delete meter".
    pub noun: &'static str,
    /// The collection path below `/organizations/{orgId}/`; `{name}` segments come from the parent.
    pub path: &'static str,
    /// For nested resources: the parent's key and the path parameter that holds its id.
    pub parent: Option<(&'static str, &'static str)>,
    pub page_size_max: u32,
    /// Keys of `fields` (or audit fields) shown as list columns, in order.
    pub columns: &'static [&'static str],
    pub fields: &'static [FieldMeta],
    pub filters: &'static [FilterMeta],
    /// Filters that may not be combined (the API answers 400).
    pub exclusive_filters: bool,
    pub actions: &'static [Action],
    /// The field that names an entity in headings and dialogs.
    pub title_field: &'static str,
    /// A sentence shown on the resource's pages (e.g. that times are UTC); empty for none.
    pub note: &'static str,
    /// The fields of a batch create (`Action::BatchCreate`); empty for none.
    pub batch_fields: &'static [FieldMeta],
}

impl ResourceMeta {
    pub fn supports(&self, action: Action) -> bool {
        self.actions.contains(&action)
    }

    /// A field of this resource or an audit field.
    pub fn field(&self, key: &str) -> Option<&'static FieldMeta> {
        self.fields
            .iter()
            .chain(AUDIT_FIELDS.iter())
            .find(|f| f.key == key)
    }

    /// The collection path with the parent id filled in (`None` when a parent id is needed but missing).
    pub fn collection_path(&self, parent_id: Option<&str>) -> Option<String> {
        match self.parent {
            None => Some(self.path.to_owned()),
            Some((_, param)) => {
                let id = parent_id.filter(|id| !id.is_empty())?;
                Some(self.path.replace(&format!("{{{param}}}"), id))
            }
        }
    }

    /// Every key that is never sent in a request: audit fields and this resource's read-only fields.
    pub fn read_only_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        AUDIT_FIELDS
            .iter()
            .chain(self.fields.iter())
            .filter(|f| f.read_only)
            .map(|f| f.key)
    }
}

/// Fields every entity response carries (never sent in a request body, except `version` on update).
pub static AUDIT_FIELDS: &[FieldMeta] = &[
    FieldMeta::new("id", "ID", FieldKind::Id(None)).read_only(),
    FieldMeta::new(
        "version",
        "Version",
        FieldKind::Integer {
            min: None,
            max: None,
        },
    )
    .read_only(),
    FieldMeta::new("dtCreated", "Created", FieldKind::DateTime).read_only(),
    FieldMeta::new("createdBy", "Created by", FieldKind::Id(None)).read_only(),
    FieldMeta::new("dtLastModified", "Last modified", FieldKind::DateTime).read_only(),
    FieldMeta::new("lastModifiedBy", "Last modified by", FieldKind::Id(None)).read_only(),
];

/// The filter every list endpoint in scope has.
pub const IDS_FILTER: FilterMeta = FilterMeta {
    param: "ids",
    label: "IDs",
    kind: FilterKind::Many,
    help: "One or more ids, separated by commas or spaces",
};
