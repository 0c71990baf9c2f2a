//! The catalogue: every m3ter resource, described once.
//!
//! `generated.rs` holds the facts read from m3ter's OpenAPI document by `cargo xtask catalogue`
//! (paths, operations, list filters, fields with their kinds, bounds and enum values, actions). The
//! hand-written overlay (`crate::resources`) adds what the document cannot say: labels that read
//! better, list columns, the title field, our help text, links between resources, cross-field rules.
//!
//! Two tables, in the same order: [`INDEX`] is small (keys, labels, areas, parents: what the
//! navigation and the route grammar need, so the first load does not grow with the field tables) and
//! [`RESOURCES`] holds everything else, for the pages loaded on demand and for the sandbox.

mod generated;
pub mod label;

pub use generated::{INDEX, RESOURCES};

/// Where a resource is listed in the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Customers,
    ProductsPricing,
    Usage,
    Billing,
    Balances,
    DataExport,
    Events,
    Integrations,
    LookupTables,
    Access,
    Settings,
}

impl Area {
    pub const ALL: [Area; 11] = [
        Area::Customers,
        Area::ProductsPricing,
        Area::Usage,
        Area::Billing,
        Area::Balances,
        Area::DataExport,
        Area::Events,
        Area::Integrations,
        Area::LookupTables,
        Area::Access,
        Area::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::Customers => "Customers",
            Area::ProductsPricing => "Products & pricing",
            Area::Usage => "Usage",
            Area::Billing => "Billing",
            Area::Balances => "Balances",
            Area::DataExport => "Data export",
            Area::Events => "Events & notifications",
            Area::Integrations => "Integrations",
            Area::LookupTables => "Lookup tables",
            Area::Access => "Access",
            Area::Settings => "Settings",
        }
    }
}

/// What the navigation and the route grammar know of a resource.
#[derive(Debug, PartialEq)]
pub struct Entry {
    /// The console's route segment and the resource's stable key (`accounts`, `line-items`).
    pub key: &'static str,
    /// "Account"
    pub singular: &'static str,
    /// "Accounts"
    pub plural: &'static str,
    pub area: Area,
    /// The parent resource's key, for resources that live under another one (a bill's line items).
    pub parent: Option<&'static str>,
    /// A settings resource: one object, read and replaced, no id and no list.
    pub singleton: bool,
    /// Whether the resource can be listed (false for singletons and for nested objects reached by id).
    pub listed: bool,
}

/// HTTP methods of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Which of the standard operations a resource has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ops {
    /// `GET {path}` answers a page (`{data, nextToken}`).
    pub list: bool,
    /// `GET {path}/{id}` (for a singleton: `GET {path}`).
    pub retrieve: bool,
    /// `POST {path}`.
    pub create: bool,
    /// `PUT {path}/{id}` (for a singleton: `PUT {path}`).
    pub update: bool,
    /// `DELETE {path}/{id}`, answering the deleted entity.
    pub delete: bool,
}

impl Ops {
    /// All five standard operations.
    pub const ALL: Ops = Ops {
        list: true,
        retrieve: true,
        create: true,
        update: true,
        delete: true,
    };
}

/// Everything the catalogue knows about one resource (beyond its [`Entry`]).
#[derive(Debug, PartialEq)]
pub struct Resource {
    pub key: &'static str,
    /// The collection path below `/organizations/{orgId}/`, parents' ids as `{param}`:
    /// `bills/{billId}/lineitems`. A singleton's path is the object's own (`billconfig`).
    pub path: &'static str,
    /// The path parameter of the item (`id`, or `lookupKey` for lookup-table data entries).
    pub id_param: &'static str,
    /// The path parameter that names the parent's id (`billId`); empty at the top level.
    pub parent_param: &'static str,
    /// Other path parameters of the collection path that no parent resource names (`type` in
    /// `resourcegroups/{type}`): the console asks for them before listing.
    pub scope: &'static [&'static str],
    pub ops: Ops,
    /// The largest `pageSize` a list accepts (the document's maximum; 100 when it names none).
    pub page_size_max: u32,
    /// The list's query parameters, other than paging.
    pub filters: &'static [Filter],
    /// Request and response fields together; response-only ones are marked read-only.
    pub fields: &'static [Field],
    /// The field whose value picks a variant (`sourceType`), empty when there are none.
    pub discriminator: &'static str,
    /// Operations beyond the standard five that belong to this resource.
    pub actions: &'static [Action],
}

impl Resource {
    /// A field of this resource (top level).
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The entry of this resource in [`INDEX`].
    pub fn entry(&self) -> Option<&'static Entry> {
        entry(self.key)
    }
}

/// A named check standing in for one of the document's (Java) regular expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    None,
    /// m3ter's entity code: no control characters, no whitespace but inner plain spaces.
    Code,
    /// A data field code: a letter, `_` or `$`, then letters, digits, `_` or `$`.
    FieldCode,
    /// `arn:aws:iam::<digits>:role/<name>`.
    IamRoleArn,
    /// Letters, digits and `-`.
    AlnumDash,
    /// Letters, digits, `-` and `_`.
    AlnumDashUnderscore,
    /// One of `HOUR`, `DAY`, `MINUTE` (a pattern in the document, not an enum).
    ScheduleType,
    Email,
    Url,
}

/// What a field holds: decides the input, the display and the type and bound checks.
#[derive(Debug, PartialEq)]
pub enum Kind {
    /// A string; `max == 0` means no upper bound.
    Text {
        min: u32,
        max: u32,
        check: Check,
    },
    /// One id; `to` names the resource it points at, when known. `min`/`max` bound its length
    /// (`0` for none; m3ter's UUIDs are 36).
    Id {
        to: Option<&'static str>,
        min: u32,
        max: u32,
        check: Check,
    },
    /// Several ids.
    Ids {
        to: Option<&'static str>,
        min: u32,
        max: u32,
    },
    /// Several strings.
    Strings {
        min: u32,
        max: u32,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        /// `min` itself is not allowed.
        exclusive_min: bool,
    },
    Bool,
    DateTime,
    /// A calendar date (`2025-01-31`).
    Date,
    Enum(&'static Enum),
    /// Several values of an enum.
    Enums {
        values: &'static Enum,
        min: u32,
        max: u32,
    },
    /// `{name: string | number}`, at most 100 entries.
    CustomFields,
    /// An object of names to values of one kind.
    Map(&'static Kind),
    Object(&'static [Field]),
    /// A list of objects.
    Objects {
        fields: &'static [Field],
        min: u32,
        max: u32,
    },
    /// Anything (the document does not say).
    Any,
}

/// Constructors, so the generated catalogue reads (and formats) compactly.
impl Kind {
    /// Values of this kind hold fields of their own: pages show them after the plain fields, each
    /// in a section (a form's fieldset), in the document's order.
    pub fn is_group(&self) -> bool {
        matches!(
            self,
            Kind::Objects { .. } | Kind::CustomFields | Kind::Object(_) | Kind::Map(_)
        )
    }

    /// A string with no bounds and no check.
    pub const TEXT: Kind = Kind::Text {
        min: 0,
        max: 0,
        check: Check::None,
    };
    /// An integer with no bounds.
    pub const INTEGER: Kind = Kind::Integer {
        min: None,
        max: None,
    };
    /// A number with no bounds.
    pub const NUMBER: Kind = Kind::Number {
        min: None,
        max: None,
        exclusive_min: false,
    };

    pub const fn text(min: u32, max: u32, check: Check) -> Kind {
        Kind::Text { min, max, check }
    }

    pub const fn id(to: Option<&'static str>) -> Kind {
        Kind::id_check(to, 0, 0, Check::None)
    }

    pub const fn id_len(to: Option<&'static str>, min: u32, max: u32) -> Kind {
        Kind::id_check(to, min, max, Check::None)
    }

    pub const fn id_check(to: Option<&'static str>, min: u32, max: u32, check: Check) -> Kind {
        Kind::Id {
            to,
            min,
            max,
            check,
        }
    }

    pub const fn ids(to: Option<&'static str>, min: u32, max: u32) -> Kind {
        Kind::Ids { to, min, max }
    }

    pub const fn strings(min: u32, max: u32) -> Kind {
        Kind::Strings { min, max }
    }

    pub const fn integer(min: Option<i64>, max: Option<i64>) -> Kind {
        Kind::Integer { min, max }
    }

    pub const fn number(min: Option<f64>, max: Option<f64>, exclusive_min: bool) -> Kind {
        Kind::Number {
            min,
            max,
            exclusive_min,
        }
    }

    pub const fn enums(values: &'static Enum, min: u32, max: u32) -> Kind {
        Kind::Enums { values, min, max }
    }

    pub const fn objects(fields: &'static [Field], min: u32, max: u32) -> Kind {
        Kind::Objects { fields, min, max }
    }
}

/// The values of an enum, in the document's order. Labels come from the overlay or are derived.
#[derive(Debug, PartialEq)]
pub struct Enum {
    pub values: &'static [&'static str],
}

impl Enum {
    pub const fn new(values: &'static [&'static str]) -> Enum {
        Enum { values }
    }

    pub fn contains(&self, value: &str) -> bool {
        self.values.contains(&value)
    }
}

/// Show (and send) a field only when a sibling has one of some values (a variant's fields).
#[derive(Debug, PartialEq)]
pub struct When {
    pub key: &'static str,
    pub any_of: &'static [&'static str],
}

impl When {
    pub const fn new(key: &'static str, any_of: &'static [&'static str]) -> When {
        When { key, any_of }
    }
}

#[derive(Debug, PartialEq)]
pub struct Field {
    /// The JSON key, camelCase as on the wire.
    pub key: &'static str,
    pub kind: Kind,
    /// Required in a create request.
    pub required: bool,
    /// Only in responses: never sent.
    pub read_only: bool,
    /// Only in requests: not part of the entity as returned.
    pub write_only: bool,
    /// For the fields of one variant: the discriminator's values that have it.
    pub when: Option<&'static When>,
}

impl Field {
    /// An optional field, sent and answered, that always applies.
    pub const fn new(key: &'static str, kind: Kind) -> Field {
        Field {
            key,
            kind,
            required: false,
            read_only: false,
            write_only: false,
            when: None,
        }
    }

    pub const fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub const fn read_only(mut self) -> Field {
        self.read_only = true;
        self
    }

    pub const fn write_only(mut self) -> Field {
        self.write_only = true;
        self
    }

    pub const fn when(mut self, when: &'static When) -> Field {
        self.when = Some(when);
        self
    }

    /// Whether the field applies to an object whose discriminator (`when.key`) has this value. A
    /// value the catalogue does not know applies everything: nothing is dropped on a guess.
    pub fn applies(&self, tag: Option<&str>, known_tags: &[&str]) -> bool {
        match (self.when, tag) {
            (None, _) => true,
            (Some(w), Some(t)) if known_tags.contains(&t) => w.any_of.contains(&t),
            (Some(_), Some(_)) => true,
            (Some(_), None) => false,
        }
    }
}

/// How a list filter's value is written.
#[derive(Debug, PartialEq)]
pub enum FilterKind {
    /// Several values (repeated keys; the sandbox also accepts comma-joined).
    Many,
    /// One value.
    One,
    Enum(&'static Enum),
    /// `true` / `false`.
    Flag,
    DateTime,
    Date,
    Integer,
}

/// Which entities a filter keeps (how the sandbox applies it).
#[derive(Debug, PartialEq)]
pub enum Match {
    /// The field equals the value (or one of the values).
    Equals(&'static str),
    /// The field (a list) contains the value.
    Contains(&'static str),
    /// The field (a date-time or date) is at or after the value.
    From(&'static str),
    /// The field is before the value.
    Before(&'static str),
    /// The entity is in force at the value (a date or date-time): its start field is at or before
    /// it, its end field after it or empty (m3ter's `date` on pricings, plans and commitments).
    Active(&'static str, &'static str),
    /// Decided by the resource's own rule (the overlay), or not applied by the sandbox.
    Custom,
}

#[derive(Debug, PartialEq)]
pub struct Filter {
    pub param: &'static str,
    pub kind: FilterKind,
    pub matches: Match,
}

impl Filter {
    pub const fn new(param: &'static str, kind: FilterKind, matches: Match) -> Filter {
        Filter {
            param,
            kind,
            matches,
        }
    }
}

/// Where an action is called from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// `{path}/{id}/…`: from an entity's page.
    Item,
    /// `{path}/…`: from the list page.
    Collection,
    /// A path of its own below `/organizations/{orgId}/` (`bills/latest/{accountId}`), shown with the
    /// resource whose entities it answers.
    Root,
}

/// What an action answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The entity (changed).
    Entity,
    /// A page of entities (`{data, nextToken}`).
    Page,
    /// A JSON array of entities.
    Entities,
    /// A short-lived URL to download a file from.
    Download,
    /// Some other JSON body.
    Json,
}

/// An operation beyond list/retrieve/create/update/delete.
#[derive(Debug, PartialEq)]
pub struct Action {
    /// Stable key within the resource (`lock`, `cancel`, `preview`).
    pub key: &'static str,
    pub method: Method,
    pub on: On,
    /// The path after the item (or collection) path: `lock`, `statement/json`,
    /// `billingperiod/{lastDateInBillingPeriod}/{billingFrequency}/approve`; for [`On::Root`] the
    /// whole path below the organization. Other `{params}` in it are asked for in the action's form.
    pub path: &'static str,
    /// The request body's fields (empty for none).
    pub body: &'static [Field],
    /// The query parameters.
    pub query: &'static [Filter],
    pub answer: Answer,
}

impl Action {
    /// The query parameter of a search over the whole collection (a GET that takes a query).
    pub fn search_param(&self) -> Option<&'static str> {
        (self.method == Method::Get && self.on == On::Collection)
            .then(|| self.query.iter().find(|q| q.param == "searchQuery"))
            .flatten()
            .map(|q| q.param)
    }

    /// The query parameter that asks for the page after a token the last answer gave
    /// (`fromDocument` for searches, `nextToken` for lists).
    pub fn paging_param(&self) -> Option<&'static str> {
        self.query
            .iter()
            .find(|q| matches!(q.param, "fromDocument" | "nextToken"))
            .map(|q| q.param)
    }

    /// The preview of a new entity: a collection action that takes the create body.
    pub fn previews_create(&self) -> bool {
        self.key == "preview" && self.on == On::Collection && !self.body.is_empty()
    }
}

/// The entry of a resource by key.
pub fn entry(key: &str) -> Option<&'static Entry> {
    INDEX.iter().find(|e| e.key == key)
}

/// The top-level resource m3ter calls `entity` where a field says which kind of entity an id is
/// (`Account`, `AccountPlan`, `BILL`, `SERVICE_USER`): its singular, spaces and case aside.
pub fn resource_named(entity: &str) -> Option<&'static str> {
    // ASCII only: Unicode case tables would weigh kilobytes on every list page's start.
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = squeeze(entity);
    INDEX
        .iter()
        .find(|e| e.parent.is_none() && !e.singleton && squeeze(e.singular) == wanted)
        .map(|e| e.key)
}

/// A resource by key.
pub fn resource(key: &str) -> Option<&'static Resource> {
    RESOURCES.iter().find(|r| r.key == key)
}

/// The resources whose parent is `key`.
pub fn children(key: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    INDEX.iter().filter(move |e| e.parent == Some(key))
}

/// The audit fields that name a person (a user's id, or a service user's).
pub const AUTHOR_KEYS: [&str; 2] = ["createdBy", "lastModifiedBy"];

/// Fields every entity response carries.
pub const AUDIT_KEYS: [&str; 6] = [
    "id",
    "version",
    "dtCreated",
    "createdBy",
    "dtLastModified",
    "lastModifiedBy",
];

#[cfg(test)]
mod tests {

    #[test]
    fn actions_say_what_they_are_for() {
        let action = |r: &str, a: &str| {
            resource(r)
                .and_then(|r| r.actions.iter().find(|x| x.key == a))
                .unwrap_or_else(|| panic!("{r} {a}"))
        };
        assert_eq!(
            action("bills", "search").search_param(),
            Some("searchQuery")
        );
        assert_eq!(
            action("bills", "search").paging_param(),
            Some("fromDocument")
        );
        assert_eq!(action("bills", "lock").search_param(), None);
        assert!(action("transaction-schedules", "preview").previews_create());
        assert!(!action("statement-jobs", "batch").previews_create());
    }

    use super::*;

    #[test]
    fn m3ters_entity_names_find_their_resources() {
        for (name, key) in [
            ("Account", Some("accounts")),
            ("AccountPlan", Some("account-plans")),
            ("BILL", Some("bills")),
            ("COMMITMENT", Some("commitments")),
            ("USER", Some("users")),
            ("BALANCE", Some("balances")),
            // No resource of that name, or one only reached under its parent.
            ("AD_HOC", None),
            ("SCHEDULER", None),
            ("Line item", None),
            ("", None),
        ] {
            assert_eq!(resource_named(name), key, "{name}");
        }
    }

    #[test]
    fn index_and_resources_are_in_the_same_order_with_unique_keys() {
        assert_eq!(INDEX.len(), RESOURCES.len());
        for (e, r) in INDEX.iter().zip(RESOURCES.iter()) {
            assert_eq!(e.key, r.key);
            assert_eq!(e.listed, r.ops.list, "{}", e.key);
            assert_eq!(r.entry(), Some(e));
        }
        for e in INDEX.iter() {
            assert_eq!(
                INDEX.iter().filter(|x| x.key == e.key).count(),
                1,
                "{}",
                e.key
            );
        }
    }

    #[test]
    fn parents_and_links_name_resources() {
        for r in RESOURCES.iter() {
            let e = r.entry().expect("an entry");
            assert_eq!(e.parent.is_some(), !r.parent_param.is_empty(), "{}", r.key);
            if let Some(p) = e.parent {
                assert!(entry(p).is_some(), "{}: parent {p}", r.key);
                assert!(
                    r.path.contains(&format!("{{{}}}", r.parent_param)),
                    "{}",
                    r.key
                );
            }
            for f in r.fields {
                if let Kind::Id { to: Some(to), .. } | Kind::Ids { to: Some(to), .. } = f.kind {
                    assert!(entry(to).is_some(), "{}.{}: {to}", r.key, f.key);
                }
            }
            for a in r.actions {
                assert_eq!(r.actions.iter().filter(|b| b.key == a.key).count(), 1);
            }
        }
    }

    #[test]
    fn the_console_keys_are_there() {
        for key in [
            "meters",
            "export-schedules",
            "export-destinations",
            "balances",
            "transaction-schedules",
            "statement-jobs",
        ] {
            assert!(resource(key).is_some(), "{key}");
        }
        assert_eq!(
            resource("export-schedules").unwrap().discriminator,
            "sourceType"
        );
        assert_eq!(
            resource("transaction-schedules").unwrap().parent_param,
            "balanceId"
        );
        assert!(entry("bill-configuration").unwrap().singleton);
    }
}
