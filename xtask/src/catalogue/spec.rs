//! Reading m3ter's OpenAPI document: operations, parameters, and schemas resolved (`$ref`) and
//! merged (`allOf`) into one flat description each. Only facts are read: names, types, bounds and
//! enum values. Prose (`description`, `summary`, `title`, examples) is never looked at.

use serde_json::Value;

use super::ordered::entries;
use crate::Result;

/// The prefix of every organization-scoped path.
pub const ORG_PREFIX: &str = "/organizations/{orgId}/";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn upper(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    pub fn rust(self) -> &'static str {
        match self {
            Method::Get => "Method::Get",
            Method::Post => "Method::Post",
            Method::Put => "Method::Put",
            Method::Delete => "Method::Delete",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub schema: Value,
}

/// One operation of the document.
#[derive(Clone, Debug)]
pub struct Op {
    pub method: Method,
    /// The path as the document spells it.
    pub path: String,
    /// The path below `/organizations/{orgId}/`, or `None` for a path outside it.
    pub rel: Option<String>,
    pub id: String,
    pub tags: Vec<String>,
    /// Query parameters (path parameters are read from the path).
    pub query: Vec<Param>,
    /// The JSON request body's schema.
    pub body: Option<Value>,
    /// The JSON schema of the 200 answer (after the correction table).
    pub answer: Option<Value>,
}

impl Op {
    pub fn label(&self) -> String {
        format!("{} {} {}", self.method.upper(), self.path, self.id)
    }
}

/// A path segment: a literal or a `{param}`.
pub fn param_of(segment: &str) -> Option<&str> {
    segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
}

pub fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// A discriminator: the property and its values, each naming a variant schema.
#[derive(Clone, Debug, Default)]
pub struct Discriminator {
    pub property: String,
    pub mapping: Vec<(String, String)>,
}

/// A schema with its `$ref` followed and its `allOf` parts merged.
#[derive(Clone, Debug, Default)]
pub struct Flat {
    /// The name of the component schema it came from (the outermost `$ref`, or the first part's).
    pub name: Option<String>,
    pub ty: Option<String>,
    pub format: Option<String>,
    pub enum_values: Option<Vec<String>>,
    pub pattern: Option<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub items: Option<Value>,
    /// In order: the `allOf` parts' properties first, then the schema's own.
    pub properties: Vec<(String, Value)>,
    pub required: Vec<String>,
    pub additional: Option<Value>,
    /// `anyOf` / `oneOf` alternatives (own only, never inherited through `allOf`).
    pub alternatives: Vec<Value>,
    /// Own only: a base schema's discriminator is not inherited by the variants that include it.
    pub discriminator: Option<Discriminator>,
    /// A `$ref` that leads back to itself.
    pub cyclic: bool,
}

impl Flat {
    pub fn property(&self, key: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn is_required(&self, key: &str) -> bool {
        self.required.iter().any(|r| r == key)
    }
}

pub struct Spec<'a> {
    pub doc: &'a Value,
}

impl<'a> Spec<'a> {
    pub fn new(doc: &'a Value) -> Result<Self> {
        if doc.get("paths").and_then(Value::as_object).is_none() {
            return Err("the document has no `paths`".into());
        }
        Ok(Spec { doc })
    }

    pub fn version(&self) -> String {
        self.doc
            .pointer("/info/version")
            .and_then(Value::as_str)
            .unwrap_or("unknown")
            .to_owned()
    }

    /// A component schema by name.
    pub fn schema(&self, name: &str) -> Option<&'a Value> {
        self.doc.pointer(&format!(
            "/components/schemas/{}",
            name.replace('~', "~0").replace('/', "~1")
        ))
    }

    fn resolve_ref(&self, reference: &str) -> Result<&'a Value> {
        let pointer = reference
            .strip_prefix('#')
            .ok_or_else(|| format!("external reference {reference} is not supported"))?;
        self.doc
            .pointer(pointer)
            .ok_or_else(|| format!("reference {reference} leads nowhere"))
    }

    /// Every operation, in the document's order.
    pub fn operations(&self) -> Result<Vec<Op>> {
        let mut ops = Vec::new();
        let paths = self.doc["paths"].as_object().expect("checked in new");
        for (path, item) in entries(paths) {
            let item = match item.get("$ref").and_then(Value::as_str) {
                Some(r) => self.resolve_ref(r)?,
                None => item,
            };
            let Some(item) = item.as_object() else {
                return Err(format!("path {path} is not an object"));
            };
            let shared = item.get("parameters");
            for (key, op) in entries(item) {
                let method = match key.as_str() {
                    "get" => Method::Get,
                    "post" => Method::Post,
                    "put" => Method::Put,
                    "delete" => Method::Delete,
                    "parameters" | "summary" | "description" | "servers" => continue,
                    other => {
                        return Err(format!(
                            "{} {path}: method {other} is not supported",
                            other.to_uppercase()
                        ))
                    }
                };
                ops.push(self.operation(method, path, op, shared)?);
            }
        }
        Ok(ops)
    }

    fn operation(
        &self,
        method: Method,
        path: &str,
        op: &Value,
        shared: Option<&Value>,
    ) -> Result<Op> {
        let id = op
            .get("operationId")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{} {path} has no operationId", method.upper()))?
            .to_owned();
        let tags = op
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut query: Vec<Param> = Vec::new();
        for list in [shared, op.get("parameters")].into_iter().flatten() {
            for p in list.as_array().into_iter().flatten() {
                let p = match p.get("$ref").and_then(Value::as_str) {
                    Some(r) => self.resolve_ref(r)?,
                    None => p,
                };
                let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
                let location = p.get("in").and_then(Value::as_str).unwrap_or_default();
                let param = Param {
                    name: name.to_owned(),
                    schema: p.get("schema").cloned().unwrap_or(Value::Null),
                };
                match location {
                    "path" => {}
                    "query" => {
                        query.retain(|q| q.name != param.name);
                        query.push(param);
                    }
                    "header" | "cookie" => {}
                    other => {
                        return Err(format!(
                            "{} {path}: parameter {name} in {other}",
                            method.upper()
                        ))
                    }
                }
            }
        }
        let body = op
            .pointer("/requestBody/content/application~1json/schema")
            .cloned();
        let answer = op
            .pointer("/responses/200/content/application~1json/schema")
            .cloned();
        let rel = path
            .strip_prefix(ORG_PREFIX)
            .map(|r| r.trim_end_matches('/').to_owned());
        Ok(Op {
            method,
            path: path.to_owned(),
            rel,
            id,
            tags,
            query,
            body,
            answer,
        })
    }

    /// Follows `$ref`s and merges `allOf` parts.
    pub fn flatten(&self, schema: &Value) -> Result<Flat> {
        self.flatten_in(schema, &mut Vec::new())
    }

    fn flatten_in(&self, schema: &Value, stack: &mut Vec<String>) -> Result<Flat> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or(reference).to_owned();
            if stack.contains(&name) {
                return Ok(Flat {
                    name: Some(name),
                    cyclic: true,
                    ..Flat::default()
                });
            }
            let target = self.resolve_ref(reference)?;
            stack.push(name.clone());
            let mut flat = self.flatten_in(target, stack);
            stack.pop();
            if let Ok(f) = flat.as_mut() {
                f.name = Some(name);
            }
            return flat;
        }
        let Some(obj) = schema.as_object() else {
            // `true`, `{}` or null: anything.
            return Ok(Flat::default());
        };
        let mut flat = Flat::default();
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            for part in parts {
                let part = self.flatten_in(part, stack)?;
                merge(&mut flat, part, true);
            }
        }
        let own = self.own(obj)?;
        merge(&mut flat, own, false);
        Ok(flat)
    }

    /// The schema's own keywords (no `allOf`).
    fn own(&self, obj: &serde_json::Map<String, Value>) -> Result<Flat> {
        let str_of = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
        let u64_of = |k: &str| obj.get(k).and_then(Value::as_f64).map(|f| f as u64);
        let mut flat = Flat {
            ty: str_of("type"),
            format: str_of("format"),
            pattern: str_of("pattern"),
            min_length: u64_of("minLength"),
            max_length: u64_of("maxLength"),
            minimum: obj.get("minimum").and_then(Value::as_f64),
            maximum: obj.get("maximum").and_then(Value::as_f64),
            min_items: u64_of("minItems"),
            max_items: u64_of("maxItems"),
            items: obj.get("items").cloned(),
            additional: obj.get("additionalProperties").cloned(),
            ..Flat::default()
        };
        // OpenAPI 3.0: `exclusiveMinimum: true` qualifies `minimum`; 3.1 gives the bound itself.
        match obj.get("exclusiveMinimum") {
            Some(Value::Bool(b)) => flat.exclusive_minimum = *b,
            Some(v) if v.is_number() => {
                flat.minimum = v.as_f64();
                flat.exclusive_minimum = true;
            }
            _ => {}
        }
        match obj.get("exclusiveMaximum") {
            Some(Value::Bool(b)) => flat.exclusive_maximum = *b,
            Some(v) if v.is_number() => {
                flat.maximum = v.as_f64();
                flat.exclusive_maximum = true;
            }
            _ => {}
        }
        if let Some(values) = obj.get("enum").and_then(Value::as_array) {
            let mut out = Vec::new();
            for v in values {
                match v {
                    Value::String(s) => out.push(s.clone()),
                    Value::Null => {}
                    other => out.push(other.to_string()),
                }
            }
            flat.enum_values = Some(out);
        }
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            flat.properties = entries(props)
                .into_iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
        }
        if let Some(req) = obj.get("required").and_then(Value::as_array) {
            flat.required = req
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(alts) = obj.get(key).and_then(Value::as_array) {
                flat.alternatives.extend(alts.iter().cloned());
            }
        }
        if let Some(d) = obj.get("discriminator") {
            let property = d
                .get("propertyName")
                .and_then(Value::as_str)
                .ok_or("a discriminator without propertyName")?
                .to_owned();
            let mapping = d
                .get("mapping")
                .and_then(Value::as_object)
                .map(|m| {
                    entries(m)
                        .into_iter()
                        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            flat.discriminator = Some(Discriminator { property, mapping });
        }
        Ok(flat)
    }

    /// The variant schemas of a discriminator, in the mapping's order.
    pub fn variants(&self, d: &Discriminator) -> Result<Vec<(String, Flat)>> {
        if d.mapping.is_empty() {
            return Err(format!(
                "discriminator {} has no mapping: its variants cannot be named",
                d.property
            ));
        }
        let mut out = Vec::new();
        for (tag, reference) in &d.mapping {
            let reference = if reference.starts_with('#') {
                reference.clone()
            } else {
                format!("#/components/schemas/{reference}")
            };
            let flat = self.flatten(&serde_json::json!({ "$ref": reference }))?;
            out.push((tag.clone(), flat));
        }
        Ok(out)
    }

    /// The item schema of a page (`{data: [item], nextToken}`), if the schema is one.
    pub fn page_item(&self, schema: &Value) -> Result<Option<Value>> {
        let flat = self.flatten(schema)?;
        let (Some(data), Some(_)) = (flat.property("data"), flat.property("nextToken")) else {
            return Ok(None);
        };
        let data = self.flatten(data)?;
        if data.ty.as_deref() != Some("array") {
            return Ok(None);
        }
        Ok(data.items)
    }
}

/// Merges `part` into `into`. Properties keep their first position; a later definition replaces
/// the schema. Required lists are united.
fn merge(into: &mut Flat, part: Flat, inherited: bool) {
    if into.name.is_none() && inherited {
        into.name = part.name.clone();
    }
    macro_rules! take {
        ($($f:ident),*) => {$(if part.$f.is_some() { into.$f = part.$f.clone(); })*};
    }
    take!(
        ty,
        format,
        enum_values,
        pattern,
        min_length,
        max_length,
        minimum,
        maximum,
        min_items,
        max_items,
        items,
        additional
    );
    into.exclusive_minimum |= part.exclusive_minimum;
    into.exclusive_maximum |= part.exclusive_maximum;
    into.cyclic |= part.cyclic;
    for (k, v) in part.properties {
        match into.properties.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = v,
            None => into.properties.push((k, v)),
        }
    }
    for r in part.required {
        if !into.required.contains(&r) {
            into.required.push(r);
        }
    }
    if !inherited {
        into.alternatives = part.alternatives;
        into.discriminator = part.discriminator;
    }
}
