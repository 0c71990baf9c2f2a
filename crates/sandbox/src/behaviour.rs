//! What the sandbox does for one resource beyond the catalogue's CRUD: fields m3ter sets on a new
//! entity, lifecycles that move with time, filters the catalogue cannot apply by itself, actions,
//! and demo data. Each resource's behaviour lives in a file named after it (`crate::resources`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use m3ter_models::Resource;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::files::Link;
use crate::lock::lock;
use crate::query::{FilterFn, ListRule, Query};
use crate::seeder::Seeder;
use crate::state::AppState;
use crate::store::Store;

/// What a hook knows about the request.
pub struct Ctx<'a> {
    pub state: &'a AppState,
    pub resource: &'static Resource,
    /// The resource's behaviour.
    pub behaviour: &'static Behaviour,
    pub now: DateTime<Utc>,
    /// The parent's id (empty at the top level).
    pub parent: &'a str,
}

/// One call of an action.
pub struct Call<'a> {
    pub ctx: Ctx<'a>,
    pub store: &'a mut Store,
    /// The entity's id for item actions.
    pub id: Option<&'a str>,
    /// The request body (already validated against the action's fields), `Null` when none.
    pub body: Value,
    /// The query string's parameters (repeated keys kept).
    pub query: &'a HashMap<String, Vec<String>>,
    /// The path parameters of the action's own path (`lastDateInBillingPeriod`).
    pub params: &'a HashMap<String, String>,
}

pub type ActionFn = fn(&mut Call<'_>) -> ApiResult<Value>;

pub struct Behaviour {
    pub key: &'static str,
    /// Fills in what m3ter sets on a new entity (a job's status, a balance's amount).
    pub on_create: Option<fn(&mut Value, &Ctx<'_>)>,
    /// Recomputes what m3ter derives after an update (a schedule's next run).
    pub on_update: Option<fn(&mut Value, &Ctx<'_>)>,
    /// Before the resource is read or changed: moves entities along their lifecycle.
    pub on_read: Option<fn(&mut Store, &Ctx<'_>)>,
    /// What m3ter adds to or leaves out of each entity it answers, by the request's parameters (a
    /// lookup table's active revision only when asked for, a bill's line items unless declined).
    pub on_answer: Option<fn(&mut Value, &Query, &Store)>,
    /// Write-only fields the sandbox answers all the same, where the document's answer has a
    /// shape the sandbox does not keep (a lookup table row's `item`; the document answers `items`).
    pub answers_sent: &'static [&'static str],
    /// Applies a filter the catalogue marks as the resource's own (`None`: not applied).
    pub filter: Option<FilterFn>,
    /// What a list keeps beyond each filter alone (an account's plans: those in force now).
    pub list_rule: Option<ListRule>,
    pub actions: &'static [(&'static str, ActionFn)],
    /// Adds the resource's demo data (the generic seeder fills every resource without it).
    pub seed: Option<fn(&mut Seeder)>,
    /// The resources whose demo data `seed` builds on (seeded first).
    pub seeds_after: &'static [&'static str],
}

impl Behaviour {
    /// A behaviour that adds nothing; fill in what a resource needs with `..Behaviour::NONE`.
    pub const NONE: Behaviour = Behaviour {
        key: "",
        on_create: None,
        on_update: None,
        on_read: None,
        on_answer: None,
        answers_sent: &[],
        filter: None,
        list_rule: None,
        actions: &[],
        seed: None,
        seeds_after: &[],
    };

    pub fn action(&self, key: &str) -> Option<ActionFn> {
        self.actions
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| *f)
    }
}

impl Ctx<'_> {
    /// Keeps `body` as a file called `name` and answers the short-lived link it downloads from.
    pub fn link(&self, name: &str, content_type: &str, body: Vec<u8>) -> Link {
        lock(&self.state.files).link(self.now, name, content_type, body)
    }
}

impl Call<'_> {
    /// A path parameter of the action's own path (empty when missing).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The value of a single-valued query parameter (the last, when repeated, as for lists).
    pub fn query_one(&self, name: &str) -> Option<&str> {
        crate::query::one(self.query, name)
    }

    /// Every value of a query parameter, repeated or comma-separated.
    pub fn query_many(&self, name: &str) -> Vec<String> {
        crate::query::many(self.query, name)
    }

    /// The entity an item action runs on, as stored (404 when there is none).
    pub fn entity(&self) -> ApiResult<Value> {
        let (r, id) = (self.ctx.resource, self.id.unwrap_or_default());
        self.store
            .collection(r.key)
            .and_then(|c| c.get(id))
            .map(|s| s.value.clone())
            .ok_or_else(|| ApiError::missing(r, id))
    }

    /// A text field of the body.
    pub fn body_text(&self, key: &str) -> Option<&str> {
        self.body.get(key).and_then(Value::as_str)
    }

    /// The texts of a list field of the body (`billIds`); other items are passed over.
    pub fn body_texts(&self, key: &str) -> Vec<String> {
        self.body
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }
}

/// A text field of an entity.
pub fn text<'v>(entity: &'v Value, key: &str) -> Option<&'v str> {
    entity.get(key).and_then(Value::as_str)
}
