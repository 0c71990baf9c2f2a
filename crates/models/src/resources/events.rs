//! Events: named by what happened (`configuration.plan.updated`); their ids say nothing. They
//! are listed by account although no field of theirs names one, by category, and by the entity
//! they are about.

use serde_json::Value;

use crate::catalogue::{Enum, FilterKind};
use crate::overlay::{FilterNote, Overlay};

pub static OVERLAY: Overlay = Overlay {
    key: "events",
    title: "eventName",
    filters: &[
        FilterNote::at("accountId", "Account").link("accounts"),
        FilterNote::at("notificationId", "Notification").link("notification-configurations"),
        FilterNote::at("eventType", "Event type").kind(&CATEGORY),
        // What happened to one entity, of whatever resource: every entity's page links here.
        FilterNote::at("resourceId", "Entity ID").of_any_entity(),
    ],
    ..Overlay::NONE
};

/// The categories the `eventType` filter takes (the document lists them in words only).
static CATEGORY: FilterKind = FilterKind::Enum(&Enum::new(&[
    "Notification",
    "IntegrationEvent",
    "IngestValidationFailure",
    "DataExportJobFailure",
]));

/// The entity an event carries: as it became (`newDto`), else as it was (`oldDto`, a deletion).
fn carried(event: &Value) -> Option<&Value> {
    let data = event.get("m3terEvent")?.get("eventData")?;
    ["newDto", "oldDto"]
        .iter()
        .find_map(|k| data.get(*k).filter(|v| v.is_object()))
}

/// What an event is about: the resource its name names (`configuration.plan.updated`: plans, by
/// the part before the verb) and the id of the entity it carries.
pub fn about(event: &Value) -> Option<(&'static str, String)> {
    let name = event.get("eventName")?.as_str()?;
    let mut parts = name.rsplit('.');
    let (_verb, entity) = (parts.next()?, parts.next()?);
    let key = crate::catalogue::resource_named(entity)?;
    let id = carried(event)?.get("id")?.as_str()?;
    Some((key, id.to_owned()))
}

/// What an update changed: each field whose value differs between `oldDto` and `newDto`, with
/// its value before and after (`None`: not there): those it has now, then those it lost.
pub fn changes(event: &Value) -> Vec<(String, Option<Value>, Option<Value>)> {
    let data = event.get("m3terEvent").and_then(|e| e.get("eventData"));
    let side = |k: &str| data.and_then(|d| d.get(k)).and_then(Value::as_object);
    let (Some(old), Some(new)) = (side("oldDto"), side("newDto")) else {
        return Vec::new();
    };
    let gone = old.keys().filter(|k| !new.contains_key(*k));
    new.keys()
        .chain(gone)
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| (k.clone(), old.get(k).cloned(), new.get(k).cloned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn an_event_is_about_the_entity_it_carries() {
        let created = json!({ "eventName": "configuration.commitment.created",
            "m3terEvent": { "eventData": { "newDto": { "id": "c-1" } } } });
        assert_eq!(super::about(&created), Some(("commitments", "c-1".into())));
        let deleted = json!({ "eventName": "configuration.plan.deleted",
            "m3terEvent": { "eventData": { "oldDto": { "id": "p-1" } } } });
        assert_eq!(super::about(&deleted), Some(("plans", "p-1".into())));
        // A name that names no resource, or no entity carried: about nothing we can open.
        let odd = json!({ "eventName": "validation.ingest.failed",
            "m3terEvent": { "eventData": { "newDto": { "id": "x" } } } });
        assert_eq!(super::about(&odd), None);
        assert_eq!(
            super::about(&json!({ "eventName": "billing.bill.created" })),
            None
        );
    }

    #[test]
    fn an_update_lists_what_changed_and_only_that() {
        let event = json!({ "m3terEvent": { "eventData": {
            "oldDto": { "id": "p", "name": "Basic", "version": 1, "code": "old" },
            "newDto": { "id": "p", "name": "Pro", "version": 2, "minimumSpend": 1.50 } } } });
        let changed = super::changes(&event);
        let keys: Vec<&str> = changed.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["minimumSpend", "name", "version", "code"]);
        assert_eq!(
            changed[1],
            ("name".into(), Some(json!("Basic")), Some(json!("Pro")))
        );
        assert_eq!(changed[0].1, None);
        assert_eq!(changed[3].2, None);
        let created = json!({ "m3terEvent": { "eventData": { "newDto": { "id": "p" } } } });
        assert!(super::changes(&created).is_empty());
    }
}
