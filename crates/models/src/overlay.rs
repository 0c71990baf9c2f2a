//! What m3ter's document cannot say about a resource, written by hand in a file named after the
//! resource (`crate::resources::<name>`). Two parts: the [`Overlay`], what the pages show (the
//! title field and list columns, better labels and our help text, links between resources the
//! generator could not infer, how a variant is chosen when the discriminator is missing, list-filter
//! rules, what an action is called), and the [`Checks`], what is decided by code only forms and
//! entity pages need (cross-field rules, when an action is available).
//!
//! Everything here is optional: a resource without an overlay is shown and validated from the
//! catalogue's facts alone.

use serde_json::Value;

use crate::catalogue::{self, Field, FilterKind, Kind, Match, When};
use crate::checker::{Checker, FieldError, Obj};

/// What a request body is for: decides which fields and rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Create,
    /// PUT: `version` is required and must equal the stored one.
    Update,
    /// An action with a body (`batch`, `preview`, …), by its key.
    Action(&'static str),
}

/// Cross-field rules of a resource, run after the catalogue's own checks.
pub type Rules = fn(&mut Checker<'_>, &Obj<'_>, Operation);

/// Rules over a list's filters (e.g. filters the API refuses to combine). `get` reads one filter's
/// value as it will be sent.
pub type FilterRules = fn(get: &dyn Fn(&str) -> Option<String>) -> Vec<FieldError>;

/// Whether an action can run on an entity now: `None` when it can, else why not.
pub type Available = fn(&Value) -> Option<String>;

/// A unit chosen by a sibling field's value (an offset is hours for daily schedules).
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

/// What we say about one field. `path` names it through objects with dots and without indexes
/// (`dataFields.code` for every data field's code).
#[derive(Debug, PartialEq)]
pub struct Note {
    pub path: &'static str,
    /// Empty: derived from the key.
    pub label: &'static str,
    /// The resource an id points at, where the generator could not tell.
    pub link: Option<&'static str>,
    /// The sibling that says which resource the id points at, by m3ter's name for its entities
    /// (`m3terEntity`: "Account"; `catalogue::resource_named`).
    pub link_by: Option<&'static str>,
    /// The sibling that names the entity the linked one is kept under (a credit's referenced line
    /// item is one of the referenced bill's): an input offers that entity's.
    pub under: Option<&'static str>,
    pub unit: Option<&'static Unit>,
    /// Hidden (and not sent) while a sibling has one of these values (`offset` for MINUTE schedules).
    pub unless: Option<&'static When>,
    /// A long text: a text area.
    pub multiline: bool,
    /// Set by m3ter although the document lists it in requests (`balanceId` of a schedule).
    pub read_only: bool,
}

impl Note {
    pub const fn at(path: &'static str) -> Note {
        Note {
            path,
            label: "",
            link: None,
            link_by: None,
            under: None,
            unit: None,
            unless: None,
            multiline: false,
            read_only: false,
        }
    }
    pub const fn label(mut self, label: &'static str) -> Note {
        self.label = label;
        self
    }
    pub const fn link(mut self, resource: &'static str) -> Note {
        self.link = Some(resource);
        self
    }
    pub const fn link_by(mut self, sibling: &'static str) -> Note {
        self.link_by = Some(sibling);
        self
    }
    pub const fn under(mut self, sibling: &'static str) -> Note {
        self.under = Some(sibling);
        self
    }
    pub const fn unit(mut self, unit: &'static Unit) -> Note {
        self.unit = Some(unit);
        self
    }
    pub const fn unless(mut self, when: &'static When) -> Note {
        self.unless = Some(when);
        self
    }
    pub const fn multiline(mut self) -> Note {
        self.multiline = true;
        self
    }
    pub const fn read_only(mut self) -> Note {
        self.read_only = true;
        self
    }
}

/// What we say about one list filter.
#[derive(Debug, PartialEq)]
pub struct FilterNote {
    pub param: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    /// How the value is written, where the document's type says less (a status typed as a string).
    pub kind: Option<&'static FilterKind>,
    /// Which entities it keeps, where the generator could not tell.
    pub matches: Option<&'static Match>,
    /// The resource whose ids it takes, where no field of this resource says (an event names no
    /// account, but events are listed by account).
    pub link: Option<&'static str>,
    /// Not offered as a filter: it shapes the answer rather than choosing entities
    /// (`excludeLineItems`, `additional`; the overlay's `asks` send what the console needs), or
    /// it repeats one that is offered under another name (a balance's `contract`).
    pub hidden: bool,
    /// The filter this one repeats under another name.
    pub repeats: Option<&'static str>,
    /// It takes the id of an entity of any resource (an event's `resourceId`): every entity's
    /// page links to the list filtered by its id.
    pub of_any_entity: bool,
}

impl FilterNote {
    pub const fn at(param: &'static str, label: &'static str) -> FilterNote {
        FilterNote {
            param,
            label,
            help: "",
            kind: None,
            matches: None,
            link: None,
            hidden: false,
            repeats: None,
            of_any_entity: false,
        }
    }
    /// A parameter that shapes the answer (see [`FilterNote::hidden`]).
    pub const fn shaping(param: &'static str) -> FilterNote {
        FilterNote {
            hidden: true,
            ..FilterNote::at(param, "")
        }
    }
    /// A parameter that repeats filter `of` under another name, with nothing said of its own: one
    /// input for the two (see [`FilterNote::hidden`]).
    pub const fn repeating(param: &'static str, of: &'static str) -> FilterNote {
        FilterNote {
            hidden: true,
            repeats: Some(of),
            ..FilterNote::at(param, "")
        }
    }
    pub const fn help(mut self, help: &'static str) -> FilterNote {
        self.help = help;
        self
    }
    pub const fn kind(mut self, kind: &'static FilterKind) -> FilterNote {
        self.kind = Some(kind);
        self
    }
    pub const fn matches(mut self, matches: &'static Match) -> FilterNote {
        self.matches = Some(matches);
        self
    }
    pub const fn link(mut self, resource: &'static str) -> FilterNote {
        self.link = Some(resource);
        self
    }
    pub const fn of_any_entity(mut self) -> FilterNote {
        self.of_any_entity = true;
        self
    }
}

/// What we say about one action.
#[derive(Debug)]
pub struct ActionNote {
    pub key: &'static str,
    /// The button: "Cancel job".
    pub label: &'static str,
    /// The action only reads or computes although it is not a GET (a preview, a file to
    /// download): it runs without a confirmation. GET actions always read.
    pub reads: bool,
    /// It undoes work or loses it (a cancel): its button is drawn as a danger.
    pub destructive: bool,
}

impl ActionNote {
    pub const fn new(key: &'static str, label: &'static str) -> ActionNote {
        ActionNote {
            key,
            label,
            reads: false,
            destructive: false,
        }
    }

    pub const fn reads(mut self) -> ActionNote {
        self.reads = true;
        self
    }

    pub const fn destructive(mut self) -> ActionNote {
        self.destructive = true;
        self
    }
}

#[derive(Debug)]
pub struct Overlay {
    pub key: &'static str,
    /// The noun on buttons ("New schedule", "Delete schedule"); empty: the singular, lower case.
    pub noun: &'static str,
    /// The field that names an entity in headings, links and dialogs (empty: name, code or id).
    pub title: &'static str,
    /// Names an entity from several of its fields, where no one field does (a bill: its account
    /// and period); `None` from it falls back to `title`.
    pub title_from: Option<fn(&Value) -> Option<String>>,
    /// List columns after the title column (empty: chosen from the fields).
    pub columns: &'static [&'static str],
    /// A sentence shown on the resource's pages (e.g. that times are UTC).
    pub note: &'static str,
    pub fields: &'static [Note],
    /// Labels of enum values where the derived one reads badly: `(field path, value, label)`
    /// (`scheduleType`'s `MINUTE` → "Every N minutes"); an empty path means any field.
    pub values: &'static [(&'static str, &'static str, &'static str)],
    /// The variant assumed when the discriminator is missing (destinations are S3 by default).
    pub default_variant: &'static str,
    pub filters: &'static [FilterNote],
    /// The API takes one filter at a time: the list page offers them as one choice.
    pub exclusive_filters: bool,
    pub filter_rules: Option<FilterRules>,
    pub actions: &'static [ActionNote],
    /// Its entities are the people the audit trail names (`createdBy`, `lastModifiedBy`).
    pub authors: bool,
    /// What the console adds to its reads where m3ter's answer depends on asking.
    pub asks: Asks,
}

/// Query parameters the console sends with its own reads of a resource (a filter the user sets
/// wins over them).
#[derive(Debug)]
pub struct Asks {
    /// With every list read: `excludeLineItems=true`, as no list shows a bill's line items.
    pub list: &'static [(&'static str, &'static str)],
    /// With the read of one entity for its page: `additional=activeRevision`, which m3ter leaves
    /// out unless asked. (The document gives these on the read; the catalogue keeps list ones.)
    pub item: &'static [(&'static str, &'static str)],
}

impl Asks {
    pub const NONE: Asks = Asks {
        list: &[],
        item: &[],
    };
}

impl Overlay {
    /// An overlay that says nothing; fill in what a resource needs with `..Overlay::NONE`.
    pub const NONE: Overlay = Overlay {
        key: "",
        noun: "",
        title: "",
        title_from: None,
        columns: &[],
        note: "",
        fields: &[],
        values: &[],
        default_variant: "",
        filters: &[],
        exclusive_filters: false,
        filter_rules: None,
        actions: &[],
        authors: false,
        asks: Asks::NONE,
    };

    /// What we say about the field at `path` (dots, no indexes).
    pub fn note(&self, path: &str) -> Option<&'static Note> {
        let fields: &'static [Note] = self.fields;
        fields.iter().find(|n| n.path == path)
    }

    pub fn filter(&self, param: &str) -> Option<&'static FilterNote> {
        let filters: &'static [FilterNote] = self.filters;
        filters.iter().find(|f| f.param == param)
    }

    pub fn action(&self, key: &str) -> Option<&'static ActionNote> {
        let actions: &'static [ActionNote] = self.actions;
        actions.iter().find(|a| a.key == key)
    }

    /// Whether running `a` changes something (and so asks for a confirmation first): never a
    /// GET; the others unless their note says they only read or compute.
    pub fn changes_state(&self, a: &crate::catalogue::Action) -> bool {
        a.method != crate::catalogue::Method::Get && !self.action(a.key).is_some_and(|n| n.reads)
    }

    /// The label of an enum value of the field at `path`.
    pub fn value_label(&self, path: &str, wire: &str) -> String {
        self.values
            .iter()
            .find(|(p, w, _)| *w == wire && (*p == path || p.is_empty()))
            .map(|(_, _, l)| (*l).to_owned())
            .unwrap_or_else(|| catalogue::label::value(wire))
    }
}

/// What only forms and entity pages use: cross-field rules, when actions are available, our help
/// under inputs, what an action's confirmation says. Apart from the [`Overlay`] on purpose: the list
/// pages read every overlay, and the split build links code and data with every page that can reach
/// them, so what is kept here is not in a list start.
#[derive(Debug)]
pub struct Forms {
    pub key: &'static str,
    /// Cross-field rules of a request body, run after the catalogue's own checks.
    pub rules: Option<Rules>,
    /// For an action (by key): why it cannot run on an entity now, `None` when it can.
    pub available: &'static [(&'static str, Available)],
    /// One line of our help under a field's input, by field path (dots, no indexes).
    pub help: &'static [(&'static str, &'static str)],
    /// What an action does, said in its confirmation, by action key ("The statement will not be
    /// generated.").
    pub confirms: &'static [(&'static str, &'static str)],
    /// `(field, sibling)`: a field m3ter needs on every write but never answers (a credit's
    /// accounting product) starts as its sibling's value when a form opens on an entity, where
    /// it would otherwise start empty and stop the save.
    pub starts_as: &'static [(&'static str, &'static str)],
    /// `(field, values)`: while the field has one of these values the entity is moving on its
    /// own (a job pending or running), so its page reads it again until it settles.
    pub under_way: Option<(&'static str, &'static [&'static str])>,
}

impl Forms {
    /// No rules, every action always available, no help under inputs and no confirmation
    /// sentences of our own.
    pub const NONE: Forms = Forms {
        key: "",
        rules: None,
        available: &[],
        help: &[],
        confirms: &[],
        starts_as: &[],
        under_way: None,
    };

    /// The entity is still moving on its own (see `under_way`).
    pub fn is_under_way(&self, entity: &Value) -> bool {
        self.under_way.is_some_and(|(field, values)| {
            entity
                .get(field)
                .and_then(Value::as_str)
                .is_some_and(|v| values.contains(&v))
        })
    }

    /// Our help for the field at `path` (empty: none).
    pub fn help(&self, path: &str) -> &'static str {
        said(self.help, path)
    }

    /// What action `key` does, for its confirmation (empty: nothing said).
    pub fn confirm(&self, key: &str) -> &'static str {
        said(self.confirms, key)
    }

    /// What confirming action `key` says: our sentence for it, else `otherwise`.
    pub fn confirm_or(&self, key: &str, otherwise: impl FnOnce() -> String) -> String {
        match self.confirm(key) {
            "" => otherwise(),
            said => said.to_owned(),
        }
    }

    /// What decides whether action `key` can run on an entity, if anything does.
    pub fn available(&self, key: &str) -> Option<Available> {
        self.available
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| *f)
    }
}

fn said(words: &'static [(&'static str, &'static str)], key: &str) -> &'static str {
    words.iter().find(|(k, _)| *k == key).map_or("", |(_, w)| w)
}

/// A field as the console shows it: the catalogue's facts with the overlay's words.
pub fn label(overlay: &Overlay, path: &str, field: &Field) -> String {
    match overlay.note(path) {
        Some(n) if !n.label.is_empty() => n.label.to_owned(),
        _ => catalogue::label::field(field.key),
    }
}

/// The resource an id field points at: the overlay's word, else the generator's inference.
pub fn link(overlay: &Overlay, path: &str, field: &Field) -> Option<&'static str> {
    if let Some(to) = overlay.note(path).and_then(|n| n.link) {
        return Some(to);
    }
    match field.kind {
        Kind::Id { to, .. } | Kind::Ids { to, .. } => to,
        _ => None,
    }
}

/// Whether a field is never sent: response-only in the document, or so by the overlay.
pub fn read_only(overlay: &Overlay, path: &str, field: &Field) -> bool {
    field.read_only || overlay.note(path).is_some_and(|n| n.read_only)
}
