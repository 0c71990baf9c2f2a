//! The hand-written overlay: one file per resource that needs more than the catalogue says, named
//! after the resource. Adding one is its file and one line in [`OVERLAYS`] (its words), or in
//! [`FORMS`] (its rules and when its actions are available), or both.

use serde_json::Value;

use crate::catalogue::{Field, Resource};
use crate::overlay::{Forms, Overlay};

mod account_plans;
mod accounts;
mod aggregations;
mod balances;
pub mod bill_jobs;
pub mod bills;
mod charge_schedules;
mod charges;
mod commitments;
mod contracts;
mod counter_pricings;
pub mod events;
mod export_destinations;
pub mod export_jobs;
mod export_schedules;
pub mod external_mappings;
pub mod integration_configs;
pub mod integration_runs;
mod invitations;
pub mod line_items;
pub mod lookup_table_data;
pub mod lookup_table_data_jobs;
pub mod lookup_table_revisions;
mod lookup_tables;
pub mod measurement_uploads;
mod meters;
pub mod notification_configurations;
pub mod permission_policies;
mod pricings;
pub mod resource_groups;
mod statement_jobs;
pub mod transaction_schedules;
mod transactions;
pub mod users;
pub mod webhooks;

pub use statement_jobs::cancellable;

/// Every overlay, found by its resource key ([`overlay`]).
pub static OVERLAYS: &[&Overlay] = &[
    &account_plans::OVERLAY,
    &accounts::OVERLAY,
    &aggregations::OVERLAY,
    &balances::OVERLAY,
    &bill_jobs::OVERLAY,
    &bills::OVERLAY,
    &lookup_tables::OVERLAY,
    &charge_schedules::OVERLAY,
    &charges::OVERLAY,
    &commitments::OVERLAY,
    &contracts::OVERLAY,
    &counter_pricings::OVERLAY,
    &pricings::OVERLAY,
    &events::OVERLAY,
    &measurement_uploads::OVERLAY,
    &export_jobs::OVERLAY,
    &notification_configurations::OVERLAY,
    &external_mappings::OVERLAY,
    &integration_configs::OVERLAY,
    &integration_runs::OVERLAY,
    &invitations::OVERLAY,
    &webhooks::OVERLAY,
    &lookup_table_data::OVERLAY,
    &lookup_table_data_jobs::OVERLAY,
    &lookup_table_revisions::OVERLAY,
    &permission_policies::OVERLAY,
    &resource_groups::OVERLAY,
    &users::OVERLAY,
    &export_destinations::OVERLAY,
    &export_schedules::OVERLAY,
    &line_items::OVERLAY,
    &line_items::CREDIT_OVERLAY,
    &line_items::DEBIT_OVERLAY,
    &meters::OVERLAY,
    &statement_jobs::OVERLAY,
    &transactions::OVERLAY,
    &transaction_schedules::OVERLAY,
];

/// What forms and entity pages know of each resource, found by its key ([`forms`]). Not part of
/// [`OVERLAYS`]: see [`Forms`].
pub static FORMS: &[&Forms] = &[
    &account_plans::FORMS,
    &accounts::FORMS,
    &balances::FORMS,
    &bill_jobs::FORMS,
    &bills::FORMS,
    &contracts::FORMS,
    &counter_pricings::FORMS,
    &export_destinations::FORMS,
    &export_jobs::FORMS,
    &export_schedules::FORMS,
    &integration_configs::FORMS,
    &integration_runs::FORMS,
    &line_items::FORMS,
    &line_items::CREDIT_FORMS,
    &line_items::DEBIT_FORMS,
    &lookup_table_data::FORMS,
    &lookup_table_data_jobs::FORMS,
    &lookup_table_revisions::FORMS,
    &measurement_uploads::FORMS,
    &meters::FORMS,
    &notification_configurations::FORMS,
    &permission_policies::FORMS,
    &pricings::FORMS,
    &resource_groups::FORMS,
    &statement_jobs::FORMS,
    &transaction_schedules::FORMS,
    &users::FORMS,
    &webhooks::FORMS,
];

/// What forms and entity pages know of a resource: help, confirmations, rules, when its actions
/// are available (nothing when it has none).
pub fn forms(key: &str) -> &'static Forms {
    entry(FORMS, key, |f| f.key, &Forms::NONE)
}

/// The overlay of a resource (an empty one when it has none).
pub fn overlay(key: &str) -> &'static Overlay {
    entry(OVERLAYS, key, |o| o.key, &Overlay::NONE)
}

/// A resource's entry in one of the statics above, or `none`.
fn entry<T>(all: &[&'static T], key: &str, key_of: fn(&T) -> &str, none: &'static T) -> &'static T {
    all.iter()
        .copied()
        .find(|e| key_of(e) == key)
        .unwrap_or(none)
}

/// Text fields, by path (dots, no indexes), that take the code of an entity of another resource:
/// a currency is the code of one of the organization's currencies. A form's input offers them.
pub static CODES: &[(&str, &str)] = &[
    ("currency", "currencies"),
    ("targetCurrency", "currencies"),
    ("currencyPaid", "currencies"),
    ("currencyConversions.from", "currencies"),
    ("currencyConversions.to", "currencies"),
];

/// The resource whose entities' codes the text field at `path` takes, if any.
pub fn codes_of(path: &str) -> Option<&'static str> {
    CODES.iter().find(|(p, _)| *p == path).map(|(_, r)| *r)
}

/// The resource whose entities the audit trail's `createdBy` and `lastModifiedBy` name.
pub fn authors() -> Option<&'static str> {
    OVERLAYS.iter().find(|o| o.authors).map(|o| o.key)
}

/// The keys that may name an entity, in the order tried: the overlay's choice, name, code, id.
fn title_keys(o: &Overlay) -> impl Iterator<Item = &'static str> {
    [o.title, "name", "code", "id"]
        .into_iter()
        .filter(|k| !k.is_empty())
}

/// The field an entity of this resource is named by when it has one (`None`: by its id, or by the
/// overlay's `title_from`).
pub fn title_field(resource: &'static Resource) -> Option<&'static Field> {
    title_keys(overlay(resource.key))
        .filter(|k| *k != "id")
        .find_map(|k| resource.field(k))
}

/// The field naming an entity in headings: the overlay's choice, else name, code or id.
pub fn title_of(resource: &Resource, entity: &Value) -> String {
    let o = overlay(resource.key);
    if let Some(title) = o.title_from.and_then(|f| f(entity)) {
        return title;
    }
    title_keys(o)
        .find_map(|k| {
            entity
                .get(k)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
        .map(str::to_owned)
        .unwrap_or_else(|| "(no name)".into())
}

#[cfg(test)]
mod tests {
    use crate::catalogue;

    #[test]
    fn one_resource_names_the_authors() {
        assert_eq!(super::OVERLAYS.iter().filter(|o| o.authors).count(), 1);
        let key = super::authors().expect("a resource of authors");
        assert!(catalogue::resource(key).is_some_and(|r| r.ops.list));
    }

    /// Every action has its words: a button label, and what it does when it changes something
    /// (said in the confirmation); an action that only reads says nothing.
    #[test]
    fn every_action_has_its_words() {
        for r in &catalogue::RESOURCES {
            let key = r.key;
            let o = super::overlay(key);
            for a in r.actions {
                let note = o
                    .action(a.key)
                    .unwrap_or_else(|| panic!("{key} {} has no note", a.key));
                assert!(!note.label.is_empty(), "{key} {}", a.key);
                let confirm = super::forms(key).confirm(a.key);
                if o.changes_state(a) {
                    assert!(!confirm.is_empty(), "{key} {} changes state", a.key);
                } else {
                    assert!(confirm.is_empty(), "{key} {} only reads", a.key);
                }
            }
            for note in o.actions {
                assert!(
                    r.actions.iter().any(|a| a.key == note.key),
                    "{key} has no action {}",
                    note.key
                );
            }
        }
    }

    /// Each resource's forms' notes are found by its key, once, and name actions and fields it
    /// has: a mistyped key would silently say or check nothing.
    #[test]
    fn forms_name_real_resources_actions_and_fields() {
        for c in super::FORMS {
            let r = catalogue::resource(c.key).unwrap_or_else(|| panic!("no resource {}", c.key));
            assert!(std::ptr::eq(super::forms(c.key), *c), "{} twice", c.key);
            assert!(
                c.rules.is_some()
                    || !c.available.is_empty()
                    || !c.help.is_empty()
                    || !c.confirms.is_empty()
                    || c.under_way.is_some(),
                "{} says nothing",
                c.key
            );
            // What a job is while under way: values its status field can have.
            if let Some((field, values)) = c.under_way {
                let f = r
                    .field(field)
                    .unwrap_or_else(|| panic!("{}: no {field}", c.key));
                let catalogue::Kind::Enum(e) = f.kind else {
                    panic!("{}.{field} is not an enum", c.key)
                };
                for v in values {
                    assert!(e.values.contains(v), "{}.{field} has no value {v}", c.key);
                }
                assert!(values.len() < e.values.len(), "{}: never settles", c.key);
            }
            let actions = c
                .available
                .iter()
                .map(|(k, _)| k)
                .chain(c.confirms.iter().map(|(k, _)| k));
            for key in actions {
                assert!(
                    r.actions.iter().any(|a| a.key == *key),
                    "{} has no action {key}",
                    c.key
                );
            }
        }
        assert!(super::forms("no-such-resource").rules.is_none());
    }

    #[test]
    fn a_job_is_under_way_until_its_status_settles() {
        let jobs = super::forms("statement-jobs");
        let job = |status: &str| serde_json::json!({ "statementJobStatus": status });
        assert!(jobs.is_under_way(&job("PENDING")) && jobs.is_under_way(&job("RUNNING")));
        assert!(!jobs.is_under_way(&job("COMPLETE")) && !jobs.is_under_way(&job("FUTURE")));
        assert!(!jobs.is_under_way(&serde_json::json!({})));
        assert!(!super::forms("meters").is_under_way(&job("PENDING")));
    }

    /// Pages find a resource's forms through its overlay's key (`FieldRef`): forms without an
    /// overlay would show no help.
    #[test]
    fn every_resource_with_forms_has_an_overlay() {
        for c in super::FORMS {
            assert_eq!(super::overlay(c.key).key, c.key, "{} has no overlay", c.key);
        }
    }

    /// An id whose resource a sibling names points at one the sibling can name: both fields are
    /// the resource's, and an enum sibling has a value naming a resource.
    #[test]
    fn ids_named_by_a_sibling_can_find_their_resource() {
        let mut seen = 0;
        for o in super::OVERLAYS {
            let r = catalogue::resource(o.key).unwrap_or_else(|| panic!("no resource {}", o.key));
            for note in o.fields {
                let Some(sibling) = note.link_by else {
                    continue;
                };
                seen += 1;
                assert!(
                    r.field(note.path).is_some(),
                    "{} has no {}",
                    o.key,
                    note.path
                );
                let by = r
                    .field(sibling)
                    .unwrap_or_else(|| panic!("{} has no {sibling}", o.key));
                if let catalogue::Kind::Enum(e) = &by.kind {
                    assert!(
                        e.values
                            .iter()
                            .any(|v| catalogue::resource_named(v).is_some()),
                        "no value of {}'s {sibling} names a resource",
                        o.key
                    );
                }
            }
        }
        assert!(seen >= 5, "{seen}");
    }

    /// List columns are fields of the resource: a mistyped one would be an empty column.
    #[test]
    fn columns_name_real_fields() {
        for o in super::OVERLAYS {
            let r = catalogue::resource(o.key).unwrap_or_else(|| panic!("no resource {}", o.key));
            for c in o.columns {
                let top = c.split('.').next().unwrap_or_default();
                let f = r.field(top);
                assert!(f.is_some(), "{} has no column {c}", o.key);
                // m3ter never answers a write-only field: its column would always be empty.
                assert!(
                    f.is_some_and(|f| !f.write_only),
                    "{} column {c} is write-only",
                    o.key
                );
            }
        }
    }

    /// Notes on filters name filters the resource's list or one of its actions takes: a mistyped
    /// one would say nothing.
    #[test]
    fn filter_notes_name_real_filters() {
        for o in super::OVERLAYS {
            let r = catalogue::resource(o.key).unwrap_or_else(|| panic!("no resource {}", o.key));
            for n in o.filters {
                // A list's filter, or a parameter of one of its actions' queries.
                let of_action = r
                    .actions
                    .iter()
                    .any(|a| a.query.iter().any(|q| q.param == n.param));
                assert!(
                    r.filters.iter().any(|f| f.param == n.param) || of_action,
                    "{} has no filter {}",
                    o.key,
                    n.param
                );
            }
        }
    }

    /// A filter hidden as repeating another repeats one the list offers, on the same field.
    #[test]
    fn a_repeated_filter_filters_what_the_offered_one_does() {
        let mut seen = 0;
        for o in super::OVERLAYS {
            let r = catalogue::resource(o.key).unwrap_or_else(|| panic!("no resource {}", o.key));
            for n in o.filters {
                let Some(of) = n.repeats else { continue };
                seen += 1;
                let (this, that) = (
                    r.filters.iter().find(|f| f.param == n.param),
                    r.filters.iter().find(|f| f.param == of),
                );
                let (Some(this), Some(that)) = (this, that) else {
                    panic!("{}: {} or {of} is not a filter", o.key, n.param);
                };
                assert_eq!(this.matches, that.matches, "{}: {}", o.key, n.param);
                assert!(!o.filter(of).is_some_and(|m| m.hidden), "{}: {of}", o.key);
            }
        }
        assert!(seen > 0);
    }

    /// A title is what an entity is called: never an id, which names another entity and would
    /// head the page (and the list's link to it) with that entity's bare UUID.
    #[test]
    fn no_title_is_an_id_of_another_entity() {
        for r in crate::RESOURCES.iter() {
            if let Some(f) = super::title_field(r) {
                assert!(
                    !matches!(f.kind, catalogue::Kind::Id { to: Some(_), .. }),
                    "{} is titled by {}",
                    r.key,
                    f.key
                );
            }
        }
    }

    /// Codes are offered for text fields some resource has, from a listed resource with codes.
    #[test]
    fn codes_are_offered_for_real_text_fields_from_resources_with_codes() {
        for (path, of) in super::CODES {
            let r = catalogue::resource(of).unwrap_or_else(|| panic!("no resource {of}"));
            assert!(r.ops.list && r.field("code").is_some(), "{of}");
            let text_somewhere = crate::RESOURCES.iter().any(|r| {
                field_at(r.fields, path)
                    .is_some_and(|f| matches!(f.kind, catalogue::Kind::Text { .. }))
            });
            assert!(text_somewhere, "no text field at {path}");
        }
    }

    /// `additional` asks m3ter for more of an answer: no form offers it as a parameter to fill in.
    #[test]
    fn additional_is_never_offered_to_fill_in() {
        let mut seen = 0;
        for r in crate::RESOURCES.iter() {
            let o = super::overlay(r.key);
            let asked = r
                .filters
                .iter()
                .chain(r.actions.iter().flat_map(|a| a.query));
            for f in asked.filter(|f| f.param == "additional") {
                seen += 1;
                assert!(o.filter(f.param).is_some_and(|n| n.hidden), "{}", r.key);
            }
        }
        assert!(seen > 0);
    }

    /// What the console asks with its reads is what the resource takes: a list's asks are its
    /// filters, and an `additional` asked of one entity names a field it answers.
    #[test]
    fn asks_name_what_the_resource_takes() {
        let mut seen = 0;
        for o in super::OVERLAYS {
            let r = catalogue::resource(o.key).unwrap_or_else(|| panic!("no resource {}", o.key));
            for (param, _) in o.asks.list {
                seen += 1;
                assert!(
                    r.filters.iter().any(|f| f.param == *param),
                    "{} lists without {param}",
                    o.key
                );
            }
            for (param, value) in o.asks.item {
                seen += 1;
                assert!(r.ops.retrieve, "{} is not read one by one", o.key);
                if *param == "additional" {
                    assert!(r.field(value).is_some(), "{} has no {value}", o.key);
                }
            }
        }
        assert!(seen >= 2, "{seen}");
    }

    /// Whether `fields` has the field at `path` (dots through objects).
    fn has(fields: &'static [catalogue::Field], path: &str) -> bool {
        field_at(fields, path).is_some()
    }

    /// The field at `path` of `fields` (dots through objects).
    fn field_at(
        fields: &'static [catalogue::Field],
        path: &str,
    ) -> Option<&'static catalogue::Field> {
        let (key, rest) = path
            .split_once('.')
            .map_or((path, None), |(k, r)| (k, Some(r)));
        fields
            .iter()
            .filter(|f| f.key == key)
            .find_map(|f| match (rest, &f.kind) {
                (None, _) => Some(f),
                (Some(r), catalogue::Kind::Object(inner))
                | (Some(r), catalogue::Kind::Objects { fields: inner, .. }) => field_at(inner, r),
                _ => None,
            })
    }

    /// The overlay's notes are on fields the resource (or an action's body) has, and a link inside an object (a bill's
    /// line items) points at a resource kept under this one, or at a top-level one.
    #[test]
    fn notes_name_real_fields_and_reachable_links() {
        for o in super::OVERLAYS {
            let r = catalogue::resource(o.key).unwrap_or_else(|| panic!("no resource {}", o.key));
            for n in o.fields {
                assert!(
                    has(r.fields, n.path) || r.actions.iter().any(|a| has(a.body, n.path)),
                    "{} has no field {}",
                    o.key,
                    n.path
                );
                if let Some(by) = n.under {
                    // The sibling names the entity the linked one is kept under.
                    let to = r
                        .field(n.path)
                        .and_then(|f| crate::overlay::link(o, n.path, f));
                    let parent = to.and_then(catalogue::entry).and_then(|e| e.parent);
                    let named = r.field(by).and_then(|f| crate::overlay::link(o, by, f));
                    assert!(
                        parent.is_some() && named == parent,
                        "{}'s {by} does not name what {} is kept under",
                        o.key,
                        n.path
                    );
                }
                let Some(to) = n.link else { continue };
                let e = catalogue::entry(to).unwrap_or_else(|| panic!("no resource {to}"));
                assert!(
                    e.parent.is_none() || n.path.contains('.') && e.parent == Some(o.key),
                    "{}'s {} links to {to}, which no page of it can reach",
                    o.key,
                    n.path
                );
            }
        }
    }

    /// A field that starts as a sibling is one m3ter never answers, and both are the resource's.
    #[test]
    fn fields_start_as_real_siblings_only_when_never_answered() {
        let mut seen = 0;
        for c in super::FORMS {
            let r = catalogue::resource(c.key).unwrap_or_else(|| panic!("no resource {}", c.key));
            for (key, sibling) in c.starts_as {
                seen += 1;
                let f = r.field(key);
                assert!(f.is_some_and(|f| f.write_only), "{}: {key}", c.key);
                assert!(r.field(sibling).is_some(), "{}: {sibling}", c.key);
            }
        }
        assert!(seen > 0);
    }

    /// Help is said of fields the resource (or one of its actions' bodies) has: a mistyped path
    /// would silently show nothing.
    #[test]
    fn help_names_real_fields() {
        for c in super::FORMS {
            let r = catalogue::resource(c.key).unwrap_or_else(|| panic!("no resource {}", c.key));
            for (path, _) in c.help {
                assert!(
                    has(r.fields, path) || r.actions.iter().any(|a| has(a.body, path)),
                    "{} has no field {path}",
                    c.key
                );
            }
        }
    }
}
