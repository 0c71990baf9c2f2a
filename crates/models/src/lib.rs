//! m3ter's API as data: the catalogue of every resource (generated from m3ter's OpenAPI document),
//! the hand-written overlay (`resources`, one file per resource that needs it), and the validation
//! both the console (before sending) and the sandbox (on receipt) run. Nothing here knows about the
//! browser or HTTP; it compiles natively and to wasm32.

pub mod catalogue;
pub mod checker;
pub mod common;
pub mod overlay;
pub mod resources;
pub mod time;
pub mod validate;

pub use catalogue::{entry, resource, Entry, Resource, INDEX, RESOURCES};
pub use common::{ErrorBody, ListPage, TokenRequest, TokenResponse};
pub use overlay::Operation;
pub use validate::FieldError;

use serde_json::Value;

/// Checks a request body for a resource and operation: the JSON type, required-ness and bounds of
/// every field the catalogue declares for it, the variant its discriminator picks, then the
/// resource's own rules. It works on the JSON body, so fields and enum values this version does not
/// know pass through untouched.
pub fn validate_request(
    resource: &Resource,
    op: Operation,
    body: &Value,
) -> Result<(), Vec<FieldError>> {
    let fields = match op {
        Operation::Create | Operation::Update => resource.fields,
        Operation::Action(key) => match resource.actions.iter().find(|a| a.key == key) {
            Some(a) => a.body,
            None => {
                return Err(vec![FieldError::new(
                    "",
                    format!("{} has no action {key}", resource.key),
                )])
            }
        },
    };
    validate::check(
        resources::overlay(resource.key),
        resources::forms(resource.key).rules,
        fields,
        op,
        body,
    )
}

/// The body to send when creating again from an entity's body (e.g. a deleted one), or the draft of
/// an edit: every field but the read-only ones. Fields we don't model stay: they may be the user's
/// data, and PUT replaces the whole entity.
pub fn writable_body(resource: &Resource, entity: &Value) -> Value {
    let overlay = resources::overlay(resource.key);
    let mut body = entity.clone();
    if let Some(map) = body.as_object_mut() {
        for f in resource.fields {
            if overlay::read_only(overlay, f.key, f) || f.key == "version" {
                map.remove(f.key);
            }
        }
        for key in catalogue::AUDIT_KEYS {
            map.remove(key);
        }
    }
    body
}
