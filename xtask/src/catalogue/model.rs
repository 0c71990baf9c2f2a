//! From the document to the catalogue: which paths are resources, where every operation goes,
//! and the fields, filters and actions of each resource.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{json, Value};

use super::names::{Area, Check, Fix, On, Tables};
use super::spec::{param_of, segments, Flat, Method, Op, Spec};
use crate::Result;

/// An enum's values, with a hint for the name of its static.
#[derive(Clone, Debug, PartialEq)]
pub struct En {
    pub values: Vec<String>,
    pub hint: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum K {
    Text {
        min: u64,
        max: u64,
        check: Check,
    },
    Id {
        stem: String,
        to: Option<String>,
        min: u64,
        max: u64,
        check: Check,
    },
    Ids {
        stem: String,
        to: Option<String>,
        min: u64,
        max: u64,
    },
    Strings {
        min: u64,
        max: u64,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        exclusive_min: bool,
    },
    Bool,
    DateTime,
    Date,
    Enum(En),
    Enums {
        values: En,
        min: u64,
        max: u64,
    },
    CustomFields,
    Map(Box<K>),
    Object(Obj),
    Objects {
        obj: Obj,
        min: u64,
        max: u64,
    },
    Any,
}

impl K {
    fn is_list(&self) -> bool {
        matches!(self, K::Ids { .. } | K::Strings { .. } | K::Enums { .. })
    }
}

/// A nested object's fields, with a hint for the name of its static.
#[derive(Clone, Debug, PartialEq)]
pub struct Obj {
    pub hint: String,
    pub fields: Vec<F>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct When {
    pub key: String,
    pub any_of: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct F {
    pub key: String,
    pub kind: K,
    pub required: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub when: Option<When>,
}

impl F {
    fn new(key: &str, kind: K, required: bool) -> F {
        F {
            key: key.to_owned(),
            kind,
            required,
            read_only: false,
            write_only: false,
            when: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum FK {
    Many,
    One,
    Enum(En),
    Flag,
    DateTime,
    Date,
    Integer,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Match {
    Equals(String),
    Contains(String),
    From(String),
    Before(String),
    Active(String, String),
    Custom,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub param: String,
    pub kind: FK,
    pub matches: Match,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Entity,
    Page,
    Entities,
    Download,
    Json,
}

impl Answer {
    pub fn name(self) -> &'static str {
        match self {
            Answer::Entity => "Entity",
            Answer::Page => "Page",
            Answer::Entities => "Entities",
            Answer::Download => "Download",
            Answer::Json => "Json",
        }
    }

    fn lists_entities(self) -> bool {
        matches!(self, Answer::Entity | Answer::Page | Answer::Entities)
    }
}

#[derive(Clone, Debug)]
pub struct Action {
    pub key: String,
    pub method: Method,
    pub on: On,
    pub path: String,
    pub body: Vec<F>,
    pub query: Vec<Filter>,
    pub answer: Answer,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ops {
    pub list: bool,
    pub retrieve: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
}

#[derive(Clone, Debug)]
pub struct Resource {
    pub key: String,
    pub singular: String,
    pub plural: String,
    pub area: Area,
    pub parent: Option<String>,
    pub singleton: bool,
    /// The collection path (a singleton's own path).
    pub path: String,
    pub item: Option<String>,
    pub id_param: String,
    pub parent_param: String,
    pub scope: Vec<String>,
    pub ops: Ops,
    pub page_size_max: u32,
    pub filters: Vec<Filter>,
    pub fields: Vec<F>,
    pub discriminator: String,
    pub actions: Vec<Action>,
    /// The schemas of its entity as answered (for classifying actions' answers).
    entity: Vec<Value>,
    /// The operations behind list, retrieve, create, update, delete.
    std_ops: [Option<usize>; 5],
}

/// Where an operation went.
#[derive(Clone, Debug)]
pub enum Place {
    Standard {
        resource: String,
        op: &'static str,
    },
    Action {
        resource: String,
        key: String,
        on: On,
        answer: Answer,
    },
    NotPage(&'static str),
}

pub struct Catalogue {
    pub version: String,
    pub resources: Vec<Resource>,
    pub ops: Vec<Op>,
    pub places: Vec<Place>,
    /// The corrections applied: operation label, declared, corrected, why.
    pub corrections: Vec<(String, String, String, &'static str)>,
    /// Resources found by the extra table, with why.
    pub extras: Vec<(String, &'static str)>,
}

pub fn build(doc: &Value, tables: &'static Tables) -> Result<Catalogue> {
    let spec = Spec::new(doc)?;
    let mut ops = spec.operations()?;
    let g = Gen {
        spec: &spec,
        tables,
        json_answers: Default::default(),
    };
    g.build(&mut ops)
}

struct Gen<'a> {
    spec: &'a Spec<'a>,
    tables: &'static Tables,
    /// Operations whose declared answer is not trusted (shown as plain JSON).
    json_answers: BTreeSet<String>,
}

impl Gen<'_> {
    fn build(mut self, ops: &mut [Op]) -> Result<Catalogue> {
        let corrections = self.correct(ops)?;
        let n = ops.len();
        let mut places: Vec<Option<Place>> = vec![None; n];
        let by_id: HashMap<&str, usize> = ops
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        for (id, why) in self.tables.not_pages {
            let i = *by_id
                .get(id)
                .ok_or_else(|| format!("not-a-page table: no operation {id} in the document"))?;
            places[i] = Some(Place::NotPage(why));
        }
        let placed_by_table: BTreeSet<usize> = self
            .tables
            .placements
            .iter()
            .filter_map(|p| by_id.get(p.op).copied())
            .collect();

        // Operations by path below the organization (those still to place).
        let mut by_path: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, op) in ops.iter().enumerate() {
            if places[i].is_some() || placed_by_table.contains(&i) {
                continue;
            }
            if let Some(rel) = &op.rel {
                by_path.entry(rel.as_str()).or_default().push(i);
            }
        }
        let mut resources = self.discover(ops, &by_path)?;
        let extras = self
            .tables
            .extra_resources
            .iter()
            .map(|(p, why)| (p.to_string(), *why))
            .collect();

        self.name_and_nest(ops, &mut resources)?;
        // Standard operations.
        for r in &mut resources {
            let names = ["list", "retrieve", "create", "update", "delete"];
            for (slot, name) in r.std_ops.iter().zip(names) {
                if let Some(i) = slot {
                    places[*i] = Some(Place::Standard {
                        resource: r.key.clone(),
                        op: name,
                    });
                }
            }
        }
        for r in &mut resources {
            self.describe(ops, r)?;
        }

        // Actions.
        let mut unplaced = Vec::new();
        for i in 0..n {
            if places[i].is_some() {
                continue;
            }
            match self.place_action(ops, i, &resources) {
                Ok(Some((ri, action))) => {
                    let r = &mut resources[ri];
                    if r.actions.iter().any(|a| a.key == action.key) {
                        return Err(format!(
                            "{}: action key {} is taken in {} (choose one in ACTION_KEYS)",
                            ops[i].label(),
                            action.key,
                            r.key
                        ));
                    }
                    places[i] = Some(Place::Action {
                        resource: r.key.clone(),
                        key: action.key.clone(),
                        on: action.on,
                        answer: action.answer,
                    });
                    r.actions.push(action);
                }
                Ok(None) => unplaced.push(ops[i].label()),
                Err(e) => return Err(e),
            }
        }
        if !unplaced.is_empty() {
            return Err(format!(
                "cannot place {} operation(s) (add them to a table in names.rs):\n  {}",
                unplaced.len(),
                unplaced.join("\n  ")
            ));
        }
        resolve_ids(&mut resources);
        resources.sort_by(|a, b| (a.area, &a.key).cmp(&(b.area, &b.key)));
        Ok(Catalogue {
            version: self.spec.version(),
            resources,
            ops: ops.to_vec(),
            places: places.into_iter().map(|p| p.expect("all placed")).collect(),
            corrections,
            extras,
        })
    }

    /// Applies the correction table, checking each declared schema is still what it corrects.
    fn correct(&mut self, ops: &mut [Op]) -> Result<Vec<(String, String, String, &'static str)>> {
        let mut done = Vec::new();
        for c in self.tables.corrections {
            let op = ops
                .iter_mut()
                .find(|o| o.id == c.op)
                .ok_or_else(|| format!("correction table: no operation {}", c.op))?;
            let declared = op
                .answer
                .as_ref()
                .and_then(|a| a.get("$ref"))
                .and_then(Value::as_str)
                .map(|r| r.rsplit('/').next().unwrap_or(r).to_owned())
                .unwrap_or_default();
            if declared != c.declared {
                return Err(format!(
                    "correction table: {} now declares {:?}, not {} (is it fixed? update the table)",
                    op.label(),
                    declared,
                    c.declared
                ));
            }
            let corrected = match c.fix {
                Fix::Schema(name) => {
                    if self.spec.schema(name).is_none() {
                        return Err(format!("correction table: no schema {name}"));
                    }
                    op.answer = Some(json!({ "$ref": format!("#/components/schemas/{name}") }));
                    name.to_owned()
                }
                Fix::Json => {
                    self.json_answers.insert(op.id.clone());
                    "plain JSON".to_owned()
                }
            };
            done.push((op.label(), declared, corrected, c.why));
        }
        Ok(done)
    }

    fn is_page(&self, op: &Op) -> Result<bool> {
        Ok(match &op.answer {
            Some(a) => self.spec.page_item(a)?.is_some(),
            None => false,
        })
    }

    /// Collections: a path with an item path (`{path}/{param}`) that has two of GET/PUT/DELETE or
    /// whose own GET is a list; or a list with a create; or named in the extra table. Settings:
    /// a path without parameters with GET and PUT, no item and no list.
    fn discover(&self, ops: &[Op], by_path: &BTreeMap<&str, Vec<usize>>) -> Result<Vec<Resource>> {
        let find = |path: &str, m: Method| -> Option<usize> {
            by_path
                .get(path)
                .and_then(|v| v.iter().copied().find(|&i| ops[i].method == m))
        };
        let mut candidates: BTreeSet<String> = by_path.keys().map(|p| p.to_string()).collect();
        for p in by_path.keys() {
            let segs = segments(p);
            if segs.last().and_then(|s| param_of(s)).is_some() && segs.len() > 1 {
                candidates.insert(segs[..segs.len() - 1].join("/"));
            }
        }
        for (p, _) in self.tables.extra_resources {
            if !candidates.contains(*p) {
                return Err(format!("extra resource {p}: no such path"));
            }
        }
        let mut out = Vec::new();
        for c in &candidates {
            let items: Vec<&str> = by_path
                .keys()
                .copied()
                .filter(|p| {
                    p.strip_prefix(c.as_str())
                        .and_then(|rest| rest.strip_prefix('/'))
                        .is_some_and(|rest| !rest.contains('/') && param_of(rest).is_some())
                })
                .collect();
            if items.len() > 1 {
                return Err(format!("{c} has more than one item path: {items:?}"));
            }
            let item = items.first().copied();
            let list = match find(c, Method::Get) {
                Some(i) if self.is_page(&ops[i])? => Some(i),
                _ => None,
            };
            let create = find(c, Method::Post);
            let item_ops = |m| item.and_then(|p| find(p, m));
            let item_methods = [Method::Get, Method::Put, Method::Delete]
                .into_iter()
                .filter(|&m| item_ops(m).is_some())
                .count();
            let extra = self.tables.extra_resources.iter().any(|(p, _)| p == c);
            let collection = extra
                || (item.is_some() && (item_methods >= 2 || list.is_some()))
                || (list.is_some() && create.is_some());
            let has_params = segments(c).iter().any(|s| param_of(s).is_some());
            let singleton = !collection
                && !has_params
                && item.is_none()
                && list.is_none()
                && find(c, Method::Get).is_some()
                && find(c, Method::Put).is_some();
            if !collection && !singleton {
                continue;
            }
            let std_ops = if singleton {
                [None, find(c, Method::Get), None, find(c, Method::Put), None]
            } else {
                [
                    list,
                    item_ops(Method::Get),
                    create,
                    item_ops(Method::Put),
                    item_ops(Method::Delete),
                ]
            };
            let id_param = item
                .and_then(|p| {
                    segments(p)
                        .last()
                        .and_then(|s| param_of(s))
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            out.push(Resource {
                key: String::new(),
                singular: String::new(),
                plural: String::new(),
                area: Area::Settings,
                parent: None,
                singleton,
                path: c.clone(),
                item: item.map(str::to_owned),
                id_param,
                parent_param: String::new(),
                scope: Vec::new(),
                ops: Ops {
                    list: std_ops[0].is_some(),
                    retrieve: std_ops[1].is_some(),
                    create: std_ops[2].is_some(),
                    update: std_ops[3].is_some(),
                    delete: std_ops[4].is_some(),
                },
                page_size_max: 0,
                filters: Vec::new(),
                fields: Vec::new(),
                discriminator: String::new(),
                actions: Vec::new(),
                entity: Vec::new(),
                std_ops,
            });
        }
        Ok(out)
    }

    /// Keys, labels, areas, parents and scopes.
    fn name_and_nest(&self, ops: &[Op], resources: &mut [Resource]) -> Result<()> {
        for name in self.tables.names {
            if !resources.iter().any(|r| r.path == name.path) {
                return Err(format!("names table: {} is not a resource", name.path));
            }
        }
        for r in resources.iter_mut() {
            let [list, retrieve, create, update, _] = r.std_ops;
            let first = [retrieve, create, list, update]
                .into_iter()
                .flatten()
                .next()
                .ok_or_else(|| format!("{}: no operation to learn its entity from", r.path))?;
            self.check_answers(ops, r)?;
            r.entity = self.entity_schemas(ops, r)?;
            if let Some(name) = self.tables.names.iter().find(|n| n.path == r.path) {
                r.key = name.key.to_owned();
                r.singular = name.singular.to_owned();
                r.plural = name.plural.to_owned();
            } else {
                let schema = self.entity_name(ops, r)?;
                let words = words_of(&schema);
                r.singular = sentence(&words);
                r.plural = if r.singleton {
                    r.singular.clone()
                } else {
                    plural(&r.singular)
                };
                r.key = kebab(&r.plural);
            }
            let tag = ops[first].tags.first().cloned().unwrap_or_default();
            r.area = if r.singleton {
                Area::Settings
            } else if let Some((_, a)) =
                self.tables.area_overrides.iter().find(|(k, _)| *k == r.key)
            {
                *a
            } else {
                self.tables
                    .tag_areas
                    .iter()
                    .find(|(t, _)| *t == tag)
                    .map(|(_, a)| *a)
                    .ok_or_else(|| {
                        format!("{}: tag {tag:?} has no area (add it to TAG_AREAS)", r.path)
                    })?
            };
        }
        let mut keys = BTreeSet::new();
        for r in resources.iter() {
            if !keys.insert(r.key.clone()) {
                return Err(format!("two resources have the key {}", r.key));
            }
        }
        // Parents: the resource whose collection path, then one parameter, begins this one's.
        let snapshot: Vec<(String, String)> = resources
            .iter()
            .map(|r| (r.path.clone(), r.key.clone()))
            .collect();
        for r in resources.iter_mut() {
            let segs = segments(&r.path);
            let mut best: Option<(usize, &str, String)> = None;
            for (path, key) in &snapshot {
                if *path == r.path {
                    continue;
                }
                let p = segments(path);
                if p.len() + 1 < segs.len()
                    && same_shape(&p, &segs[..p.len()])
                    && param_of(segs[p.len()]).is_some()
                    && best.as_ref().is_none_or(|b| b.0 < p.len())
                {
                    let param = param_of(segs[p.len()]).unwrap_or_default().to_owned();
                    best = Some((p.len(), key, param));
                }
            }
            let prefix = match &best {
                Some((len, key, param)) => {
                    r.parent = Some(key.to_string());
                    r.parent_param = param.clone();
                    len + 1
                }
                None => 0,
            };
            r.scope = segs[prefix..]
                .iter()
                .filter_map(|s| param_of(s).map(str::to_owned))
                .collect();
        }
        Ok(())
    }

    /// A resource's standard operations must answer one schema (its list: that one, or the common
    /// part of discriminated variants). A declared answer that differs is wrong somewhere: the
    /// correction table must say which, so nothing is guessed.
    fn check_answers(&self, ops: &[Op], r: &Resource) -> Result<()> {
        let [list, rest @ ..] = r.std_ops;
        let answers: Vec<(usize, &Value)> = rest
            .into_iter()
            .flatten()
            .filter_map(|i| ops[i].answer.as_ref().map(|a| (i, a)))
            .collect();
        let differ = |a: &Value, i: usize, b: &Value, j: usize| {
            Err(format!(
                "{} answers {} but {} answers {} (correct the wrong one in CORRECTIONS)",
                ops[i].label(),
                schema_name(a),
                ops[j].label(),
                schema_name(b)
            ))
        };
        let Some(&(first, a)) = answers.first() else {
            return Ok(());
        };
        for &(j, b) in &answers[1..] {
            if a != b {
                return differ(a, first, b, j);
            }
        }
        if let Some(i) = list {
            let item = ops[i]
                .answer
                .as_ref()
                .map(|x| self.spec.page_item(x))
                .transpose()?
                .flatten();
            if let Some(item) = item {
                let variants = self.spec.flatten(a)?.discriminator.is_some();
                if item != *a && !variants {
                    return differ(&item, i, a, first);
                }
            }
        }
        Ok(())
    }

    /// Every schema the resource's entity is answered as (for recognising it in actions).
    fn entity_schemas(&self, ops: &[Op], r: &Resource) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        let [list, rest @ ..] = r.std_ops;
        for i in rest.into_iter().flatten() {
            if let Some(a) = &ops[i].answer {
                if !out.contains(a) {
                    out.push(a.clone());
                }
            }
        }
        if let Some(i) = list {
            if let Some(item) = ops[i]
                .answer
                .as_ref()
                .map(|a| self.spec.page_item(a))
                .transpose()?
                .flatten()
            {
                if !out.contains(&item) {
                    out.push(item);
                }
            }
        }
        Ok(out)
    }

    /// The name of the entity's schema (`MeterResponse` → `Meter`, `ThingBaseResponse` → `Thing`).
    fn entity_name(&self, ops: &[Op], r: &Resource) -> Result<String> {
        let [list, ..] = r.std_ops;
        let mut candidates = r.entity.clone();
        if let Some(i) = list {
            if let Some(item) = ops[i]
                .answer
                .as_ref()
                .map(|a| self.spec.page_item(a))
                .transpose()?
                .flatten()
            {
                candidates.insert(0, item);
            }
        }
        for c in candidates {
            if let Some(name) = c.get("$ref").and_then(Value::as_str) {
                let name = name.rsplit('/').next().unwrap_or(name);
                let stem = match name.rfind("Response") {
                    Some(at) if at > 0 => &name[..at],
                    _ => name,
                };
                // A list that answers the variants' common part: `ThingBaseResponse`.
                let stem = stem
                    .strip_suffix("Base")
                    .filter(|s| !s.is_empty())
                    .unwrap_or(stem);
                return Ok(stem.to_owned());
            }
        }
        Err(format!(
            "{}: its entity schema has no name (add the resource to the names table)",
            r.path
        ))
    }

    /// Fields, filters, page size and discriminator of a resource.
    fn describe(&self, ops: &[Op], r: &mut Resource) -> Result<()> {
        let [list, retrieve, create, update, delete] = r.std_ops;
        let body = [create, update]
            .into_iter()
            .flatten()
            .find_map(|i| ops[i].body.clone());
        let list_item = match list {
            Some(i) => ops[i]
                .answer
                .as_ref()
                .map(|a| self.spec.page_item(a))
                .transpose()?
                .flatten(),
            None => None,
        };
        let answer = [retrieve, create, update, delete]
            .into_iter()
            .flatten()
            .find_map(|i| ops[i].answer.clone())
            .or(list_item.clone());
        let base: Vec<String> = match &list_item {
            Some(item) => self
                .spec
                .flatten(item)?
                .properties
                .into_iter()
                .map(|(k, _)| k)
                .collect(),
            None => Vec::new(),
        };
        let ctx = &r.path;
        let (req, req_disc) = match &body {
            Some(b) => self.object_fields(&self.spec.flatten(b)?, &[], ctx)?,
            None => (Vec::new(), None),
        };
        let (resp, resp_disc) = match &answer {
            Some(a) => self.object_fields(&self.spec.flatten(a)?, &base, ctx)?,
            None => (Vec::new(), None),
        };
        r.fields = combine(req, resp);
        r.discriminator = req_disc.or(resp_disc).unwrap_or_default();
        if let Some(i) = list {
            let op = &ops[i];
            r.page_size_max = op
                .query
                .iter()
                .find(|p| p.name == "pageSize")
                .and_then(|p| self.spec.flatten(&p.schema).ok())
                .and_then(|f| f.maximum)
                .map(|m| m as u32)
                .unwrap_or(100);
            for p in &op.query {
                if is_paging(&p.name) {
                    continue;
                }
                r.filters
                    .push(self.filter(&p.name, &p.schema, Some(&r.fields))?);
            }
        }
        Ok(())
    }

    fn filter(&self, param: &str, schema: &Value, entity: Option<&[F]>) -> Result<Filter> {
        let flat = self.spec.flatten(schema)?;
        let kind = if flat.ty.as_deref() == Some("array") {
            FK::Many
        } else if let Some(values) = &flat.enum_values {
            FK::Enum(En {
                values: values.clone(),
                hint: flat.name.clone().unwrap_or_else(|| param.to_owned()),
            })
        } else {
            match (flat.ty.as_deref(), flat.format.as_deref()) {
                (Some("boolean"), _) => FK::Flag,
                (Some("integer"), _) => FK::Integer,
                (_, Some("date-time")) => FK::DateTime,
                (_, Some("date")) => FK::Date,
                _ => FK::One,
            }
        };
        let matches = match entity {
            None => Match::Custom,
            Some(fields) => {
                let field = |k: &str| fields.iter().find(|f| f.key == k);
                if param == "ids" {
                    Match::Equals("id".into())
                } else if param == "codes" {
                    Match::Equals("code".into())
                } else if let Some(f) = field(param) {
                    if f.kind.is_list() {
                        Match::Contains(param.into())
                    } else {
                        Match::Equals(param.into())
                    }
                } else if let Some(id) = Some(format!("{param}Id"))
                    .filter(|k| field(k).is_some_and(|f| !f.kind.is_list()))
                {
                    // The same id under a shorter name (account plans' `account`, `plan`).
                    Match::Equals(id)
                } else if let Some(ids) = Some(format!("{param}s"))
                    .filter(|k| param.ends_with("Id") && field(k).is_some_and(|f| f.kind.is_list()))
                {
                    // One id of a list of them (commitments' `productId` in `productIds`).
                    Match::Contains(ids)
                } else if let Some(stem) =
                    param.strip_suffix("Start").filter(|s| field(s).is_some())
                {
                    Match::From(stem.into())
                } else if let Some(stem) = param.strip_suffix("End").filter(|s| field(s).is_some())
                {
                    Match::Before(stem.into())
                } else if param == "date"
                    && field("startDate").is_some()
                    && field("endDate").is_some()
                {
                    // m3ter's "in force on this date" of things that start and end.
                    Match::Active("startDate".into(), "endDate".into())
                } else {
                    Match::Custom
                }
            }
        };
        // A bare string parameter compared with a date field takes dates (`date`, `dateStart`),
        // and one that must equal an enum field takes one of its values (a bill job's `status`).
        let compared = match &matches {
            Match::Equals(k) | Match::From(k) | Match::Before(k) | Match::Active(k, _) => {
                entity.and_then(|fields| fields.iter().find(|f| &f.key == k))
            }
            _ => None,
        };
        let kind = match (kind, compared.map(|f| &f.kind)) {
            (FK::One, Some(K::Date)) => FK::Date,
            (FK::One, Some(K::DateTime)) => FK::DateTime,
            (FK::One, Some(K::Enum(e))) if matches!(matches, Match::Equals(_)) => {
                FK::Enum(e.clone())
            }
            (kind, _) => kind,
        };
        Ok(Filter {
            param: param.to_owned(),
            kind,
            matches,
        })
    }

    /// The fields of an object schema. A discriminated one (`discriminator` with a mapping, own or
    /// on an inline `anyOf`) gives its variants' fields together: those of every variant (or named
    /// in `base`, or the schema's own) apply always, the others `when` the discriminator has the
    /// values of the variants that have them. Returns the discriminator's name too.
    fn object_fields(
        &self,
        flat: &Flat,
        base: &[String],
        ctx: &str,
    ) -> Result<(Vec<F>, Option<String>)> {
        let Some(d) = &flat.discriminator else {
            let mut out = Vec::new();
            for (k, v) in &flat.properties {
                let kind = self.kind(k, v, ctx)?;
                out.push(F::new(k, kind, flat.is_required(k)));
            }
            return Ok((out, None));
        };
        let variants = self.spec.variants(d)?;
        let tags: Vec<String> = variants.iter().map(|(t, _)| t.clone()).collect();
        let mut keys: Vec<String> = flat.properties.iter().map(|(k, _)| k.clone()).collect();
        for (_, v) in &variants {
            for (k, _) in &v.properties {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
        let mut out = Vec::new();
        for k in &keys {
            let ctx = format!("{ctx} {k}");
            if *k == d.property {
                let required =
                    variants.iter().all(|(_, v)| v.is_required(k)) || flat.is_required(k);
                out.push(F::new(
                    k,
                    K::Enum(En {
                        values: tags.clone(),
                        hint: k.clone(),
                    }),
                    required,
                ));
                continue;
            }
            let having: Vec<&(String, Flat)> = variants
                .iter()
                .filter(|(_, v)| v.property(k).is_some())
                .collect();
            let schema = flat
                .property(k)
                .or_else(|| having.first().and_then(|(_, v)| v.property(k)))
                .expect("a key of some variant");
            let kind = self.kind(k, schema, &ctx)?;
            let always =
                flat.property(k).is_some() || having.len() == variants.len() || base.contains(k);
            let required = flat.is_required(k)
                || (!having.is_empty() && having.iter().all(|(_, v)| v.is_required(k)));
            let mut f = F::new(k, kind, required);
            if !always {
                f.when = Some(When {
                    key: d.property.clone(),
                    any_of: having.iter().map(|(t, _)| t.clone()).collect(),
                });
            }
            out.push(f);
        }
        Ok((out, Some(d.property.clone())))
    }

    fn kind(&self, key: &str, schema: &Value, ctx: &str) -> Result<K> {
        let flat = self.spec.flatten(schema)?;
        self.kind_of(key, &flat, ctx)
    }

    fn kind_of(&self, key: &str, flat: &Flat, ctx: &str) -> Result<K> {
        if flat.cyclic {
            return Ok(K::Any);
        }
        if flat.discriminator.is_some() {
            return Ok(K::Object(self.obj(flat, key, ctx)?));
        }
        if !flat.alternatives.is_empty() {
            return Ok(K::Any);
        }
        let check = match &flat.pattern {
            Some(p) => {
                if let Some((_, values)) = self.tables.pattern_enums.iter().find(|(q, _)| q == p) {
                    return Ok(K::Enum(En {
                        values: values.iter().map(|v| v.to_string()).collect(),
                        hint: key.to_owned(),
                    }));
                }
                self.tables
                    .patterns
                    .iter()
                    .find(|(q, _)| q == p)
                    .map(|(_, c)| *c)
                    .ok_or_else(|| {
                        format!("{ctx}: unknown pattern {p:?} on {key} (name it in PATTERNS)")
                    })?
            }
            None => Check::None,
        };
        if let Some(values) = &flat.enum_values {
            return Ok(K::Enum(En {
                values: values.clone(),
                hint: flat.name.clone().unwrap_or_else(|| key.to_owned()),
            }));
        }
        let ty = flat.ty.as_deref().or(
            if !flat.properties.is_empty() || flat.additional.is_some() {
                Some("object")
            } else if flat.items.is_some() {
                Some("array")
            } else if flat.pattern.is_some() || flat.format.is_some() {
                Some("string")
            } else {
                None
            },
        );
        Ok(match ty {
            Some("string") => match flat.format.as_deref() {
                Some("date-time") => K::DateTime,
                Some("date") => K::Date,
                format => {
                    if let Some(stem) = key.strip_suffix("Id").filter(|s| !s.is_empty()) {
                        K::Id {
                            stem: stem.to_owned(),
                            to: None,
                            min: flat.min_length.unwrap_or(0),
                            max: flat.max_length.unwrap_or(0),
                            check,
                        }
                    } else {
                        let check = match format {
                            Some("email") => Check::Email,
                            Some("url") | Some("uri") => Check::Url,
                            _ => check,
                        };
                        K::Text {
                            min: flat.min_length.unwrap_or(0),
                            max: flat.max_length.unwrap_or(0),
                            check,
                        }
                    }
                }
            },
            Some("integer") => {
                if flat.minimum.is_some_and(|m| m.fract() != 0.0)
                    || flat.maximum.is_some_and(|m| m.fract() != 0.0)
                {
                    return Err(format!("{ctx}: {key} is an integer with fractional bounds"));
                }
                K::Integer {
                    min: flat
                        .minimum
                        .map(|m| m as i64 + i64::from(flat.exclusive_minimum)),
                    max: flat
                        .maximum
                        .map(|m| m as i64 - i64::from(flat.exclusive_maximum)),
                }
            }
            Some("number") => {
                if flat.exclusive_maximum {
                    return Err(format!("{ctx}: {key}: exclusiveMaximum on a number"));
                }
                K::Number {
                    min: flat.minimum,
                    max: flat.maximum,
                    exclusive_min: flat.exclusive_minimum && flat.minimum.is_some(),
                }
            }
            Some("boolean") => K::Bool,
            Some("array") => {
                let min = flat.min_items.unwrap_or(0);
                let max = flat.max_items.unwrap_or(0);
                let Some(items) = &flat.items else {
                    return Ok(K::Any);
                };
                let items = self.spec.flatten(items)?;
                let ctx = format!("{ctx} {key}[]");
                match self.kind_of(key, &items, &ctx)? {
                    K::Enum(values) => K::Enums { values, min, max },
                    K::Text { .. } | K::Id { .. } => {
                        match key.strip_suffix("Ids").filter(|s| !s.is_empty()) {
                            Some(stem) => K::Ids {
                                stem: stem.to_owned(),
                                to: None,
                                min,
                                max,
                            },
                            None => K::Strings { min, max },
                        }
                    }
                    K::Object(obj) => K::Objects { obj, min, max },
                    _ => K::Any,
                }
            }
            Some("object") => {
                if is_custom_fields(flat) {
                    K::CustomFields
                } else if !flat.properties.is_empty() {
                    K::Object(self.obj(flat, key, ctx)?)
                } else {
                    match &flat.additional {
                        Some(Value::Bool(true)) => K::Map(Box::new(K::Any)),
                        Some(v) if v.is_object() => {
                            let inner = self.spec.flatten(v)?;
                            K::Map(Box::new(self.kind_of(key, &inner, ctx)?))
                        }
                        _ => K::Any,
                    }
                }
            }
            _ => K::Any,
        })
    }

    fn obj(&self, flat: &Flat, key: &str, ctx: &str) -> Result<Obj> {
        let (fields, _) = self.object_fields(flat, &[], &format!("{ctx} {key}"))?;
        Ok(Obj {
            hint: flat.name.clone().unwrap_or_else(|| key.to_owned()),
            fields,
        })
    }

    /// Where an operation that is not a standard one goes, as an action.
    fn place_action(
        &self,
        ops: &[Op],
        i: usize,
        resources: &[Resource],
    ) -> Result<Option<(usize, Action)>> {
        let op = &ops[i];
        let Some(rel) = &op.rel else {
            return Ok(None);
        };
        let segs = segments(rel);
        let table = self.tables.placements.iter().find(|p| p.op == op.id);
        let (ri, on, path, key_words) = if let Some(p) = table {
            let ri = resources
                .iter()
                .position(|r| r.key == p.resource)
                .ok_or_else(|| format!("placement table: no resource {}", p.resource))?;
            (ri, On::Root, rel.clone(), Vec::new())
        } else {
            // The resource whose collection path begins this path (the longest).
            let under = resources
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    let c = segments(&r.path);
                    c.len() <= segs.len() && same_shape(&c, &segs[..c.len()])
                })
                .max_by_key(|(_, r)| segments(&r.path).len());
            match under {
                Some((ri, r)) => {
                    let rest = &segs[segments(&r.path).len()..];
                    let answer = self.answer(op, r)?;
                    let has_params = rest.iter().any(|s| param_of(s).is_some());
                    match rest.first().map(|s| param_of(s)) {
                        None => (ri, On::Collection, String::new(), Vec::new()),
                        Some(Some(p))
                            if r.item.is_some() && (p == r.id_param || p.ends_with("Id")) =>
                        {
                            (ri, On::Item, rest[1..].join("/"), rest[1..].to_vec())
                        }
                        Some(Some(_)) if answer.lists_entities() => {
                            (ri, On::Root, rel.clone(), rest.to_vec())
                        }
                        Some(Some(_)) => return Ok(None),
                        Some(None)
                            if op.method == Method::Get
                                && has_params
                                && answer.lists_entities() =>
                        {
                            (ri, On::Root, rel.clone(), rest.to_vec())
                        }
                        Some(None) => (ri, On::Collection, rest.join("/"), rest.to_vec()),
                    }
                }
                None => {
                    // A path of its own: the resource whose entities it answers.
                    let mut found = Vec::new();
                    for (ri, r) in resources.iter().enumerate() {
                        if self.answer(op, r)?.lists_entities() {
                            found.push(ri);
                        }
                    }
                    match found.as_slice() {
                        [ri] => (*ri, On::Root, rel.clone(), segs.clone()),
                        _ => return Ok(None),
                    }
                }
            }
        };
        let r = &resources[ri];
        let key = match (
            table.map(|p| p.key),
            self.tables
                .action_keys
                .iter()
                .find(|(id, _)| *id == op.id)
                .map(|(_, k)| *k),
        ) {
            (Some(k), _) | (None, Some(k)) => k.to_string(),
            (None, None) => {
                let words: Vec<String> = key_words
                    .iter()
                    .filter(|s| param_of(s).is_none())
                    .map(|s| self.segment_words(s))
                    .collect();
                if words.is_empty() {
                    return Err(format!(
                        "{}: no words in its path to name the action (name it in ACTION_KEYS)",
                        op.label()
                    ));
                }
                words.join("-")
            }
        };
        let body = match &op.body {
            Some(b) => {
                let flat = self.spec.flatten(b)?;
                if flat.properties.is_empty() && flat.discriminator.is_none() {
                    return Err(format!("{}: its body is not an object", op.label()));
                }
                self.object_fields(&flat, &[], &op.label())?.0
            }
            None => Vec::new(),
        };
        let mut query = Vec::new();
        for p in &op.query {
            if !is_paging(&p.name) {
                query.push(self.filter(&p.name, &p.schema, None)?);
            }
        }
        let answer = self.answer(op, r)?;
        Ok(Some((
            ri,
            Action {
                key,
                method: op.method,
                on,
                path,
                body,
                query,
                answer,
            },
        )))
    }

    fn segment_words(&self, segment: &str) -> String {
        match self
            .tables
            .segment_words
            .iter()
            .find(|(s, _)| *s == segment)
        {
            Some((_, w)) => w.to_string(),
            None => kebab(&sentence(&words_of(segment))),
        }
    }

    /// What an operation answers, seen from a resource.
    fn answer(&self, op: &Op, r: &Resource) -> Result<Answer> {
        if self.json_answers.contains(&op.id) {
            return Ok(Answer::Json);
        }
        let Some(a) = &op.answer else {
            return Ok(Answer::Json);
        };
        if r.entity.contains(a) {
            return Ok(Answer::Entity);
        }
        if let Some(item) = self.spec.page_item(a)? {
            if r.entity.contains(&item) {
                return Ok(Answer::Page);
            }
        }
        let flat = self.spec.flatten(a)?;
        if flat.ty.as_deref() == Some("array") {
            if let Some(item) = &flat.items {
                if r.entity.contains(item) {
                    return Ok(Answer::Entities);
                }
            }
        }
        if (flat.property("url").is_some() || flat.property("downloadUrl").is_some())
            && flat.property("id").is_none()
        {
            return Ok(Answer::Download);
        }
        Ok(Answer::Json)
    }
}

fn schema_name(schema: &Value) -> String {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => r.rsplit('/').next().unwrap_or(r).to_owned(),
        None => "an inline schema".to_owned(),
    }
}

fn is_paging(param: &str) -> bool {
    matches!(param, "pageSize" | "nextToken" | "orgId")
}

/// `{name: string | integer | number}`.
fn is_custom_fields(flat: &Flat) -> bool {
    let Some(additional) = &flat.additional else {
        return false;
    };
    let alts = additional
        .get("anyOf")
        .or_else(|| additional.get("oneOf"))
        .and_then(Value::as_array);
    alts.is_some_and(|alts| {
        !alts.is_empty()
            && alts.iter().all(|a| {
                matches!(
                    a.get("type").and_then(Value::as_str),
                    Some("string" | "integer" | "number")
                )
            })
    })
}

/// Two paths' segments have the same shape: literals equal, parameters anywhere parameters are.
fn same_shape(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| match (param_of(x), param_of(y)) {
                (Some(_), Some(_)) => true,
                (None, None) => x == y,
                _ => false,
            })
}

/// The request's fields in its order, then the response's own; read-only = only answered,
/// write-only = only sent.
fn combine(req: Vec<F>, resp: Vec<F>) -> Vec<F> {
    let mut out = Vec::new();
    for mut f in req {
        match resp.iter().find(|r| r.key == f.key) {
            Some(r) => {
                f.kind = merge_kinds(f.kind, &r.kind);
                f.when = match (f.when.take(), &r.when) {
                    (Some(mut a), Some(b)) => {
                        for v in &b.any_of {
                            if !a.any_of.contains(v) {
                                a.any_of.push(v.clone());
                            }
                        }
                        Some(a)
                    }
                    _ => None,
                };
            }
            None => f.write_only = true,
        }
        out.push(f);
    }
    for mut r in resp {
        if out.iter().any(|f| f.key == r.key) {
            continue;
        }
        r.read_only = true;
        r.required = false;
        out.push(r);
    }
    // `version` is sent on update and answered always; the models treat it specially.
    for f in &mut out {
        if f.key == "version" {
            f.read_only = false;
            f.write_only = false;
            f.required = false;
        }
    }
    out
}

fn merge_kinds(req: K, resp: &K) -> K {
    match (req, resp) {
        (K::Enum(mut a), K::Enum(b)) => {
            for v in &b.values {
                if !a.values.contains(v) {
                    a.values.push(v.clone());
                }
            }
            K::Enum(a)
        }
        (K::Any, other) => other.clone(),
        // A bare string in the request that the response types as an enum or a date (the
        // organization's grace-period unit and invoice date, a charge's bill date): m3ter takes
        // the values it answers, so the field gets the answer's kind.
        (
            K::Text {
                min: 0,
                max: 0,
                check: Check::None,
            },
            K::Enum(_) | K::Date,
        ) => resp.clone(),
        (req, _) => req,
    }
}

/// Points `Id`/`Ids` kinds at the resource whose singular, in camelCase, is the key's stem.
fn resolve_ids(resources: &mut [Resource]) {
    let by_stem: HashMap<String, String> = resources
        .iter()
        .filter(|r| !r.singleton)
        .map(|r| (camel(&r.singular), r.key.clone()))
        .collect();
    fn walk(fields: &mut [F], by_stem: &HashMap<String, String>) {
        for f in fields {
            walk_kind(&mut f.kind, by_stem);
        }
    }
    fn walk_kind(k: &mut K, by_stem: &HashMap<String, String>) {
        match k {
            K::Id { stem, to, .. } | K::Ids { stem, to, .. } => *to = target(stem, by_stem),
            K::Object(o) | K::Objects { obj: o, .. } => walk(&mut o.fields, by_stem),
            K::Map(inner) => walk_kind(inner, by_stem),
            _ => {}
        }
    }
    // The stem names the resource, or its last words do after a qualifier: `parentAccount`,
    // `billingPlan`, `accountingProduct`.
    fn target(stem: &str, by_stem: &HashMap<String, String>) -> Option<String> {
        let words = words_of(stem);
        (0..words.len()).find_map(|i| by_stem.get(&camel(&words[i..].join(" "))).cloned())
    }
    for r in resources {
        walk(&mut r.fields, &by_stem);
        for a in &mut r.actions {
            walk(&mut a.body, &by_stem);
        }
    }
}

/// `AccountPlan` → ["account", "plan"]; `usageReport` → ["usage", "report"]; runs of capitals
/// stay together (`S3Bucket` → ["s3", "bucket"]).
pub fn words_of(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words.into_iter().map(|w| w.to_ascii_lowercase()).collect()
}

/// ["account", "plan"] → "Account plan".
pub fn sentence(words: &[String]) -> String {
    let mut s = words.join(" ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

/// "Account plan" → "Account plans"; "Currency" → "Currencies".
pub fn plural(label: &str) -> String {
    let vowel_y = ["ay", "ey", "oy", "uy"].iter().any(|e| label.ends_with(e));
    if label.ends_with('y') && !vowel_y {
        format!("{}ies", &label[..label.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|e| label.ends_with(e)) {
        format!("{label}es")
    } else {
        format!("{label}s")
    }
}

/// "Account plans" → "account-plans".
pub fn kebab(label: &str) -> String {
    label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}

/// "Account plan" → "accountPlan".
pub fn camel(label: &str) -> String {
    let mut out = String::new();
    for (i, w) in label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let w = w.to_ascii_lowercase();
        if i == 0 {
            out.push_str(&w);
        } else {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.push(c.to_ascii_uppercase());
                out.extend(cs);
            }
        }
    }
    out
}
