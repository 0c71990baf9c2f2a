//! The form's data, without any browser: a form edits a JSON draft of the request body in place, so
//! fields the console does not model and enum values it does not know are sent back exactly as loaded.
//!
//! Paths are written like the models' validation paths (`dataFields[2].code`), so an error — from the
//! shared validation or from the server's 400 — lands beside the input it is about.

use m3ter_models::catalogue::{Field, Kind};
use m3ter_models::overlay::Overlay;
use m3ter_models::validate::{join, variant};
use m3ter_models::Resource;
use serde_json::{Map, Value};

/// One step into a JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub type Path = Vec<Seg>;

/// `dataFields[2].code`
pub fn path_text(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// The path of a validation path's text (`dataFields[2].code`). Any text is accepted: brackets that
/// do not hold a number, or do not close, are part of the key (custom fields may be called `a[0]]`).
pub fn path_of(text: &str) -> Path {
    let mut path = Vec::new();
    for part in text.split('.') {
        let mut key = part;
        let mut indexes = Vec::new();
        // Trailing `[n]` groups, read from the end so a key may contain brackets itself.
        while let Some(open) = key.rfind('[') {
            let Some(inner) = key.get(open + 1..).and_then(|r| r.strip_suffix(']')) else {
                break;
            };
            let Ok(n) = inner.parse::<usize>() else {
                break;
            };
            indexes.push(n);
            key = key.get(..open).unwrap_or_default();
        }
        if !key.is_empty() || indexes.is_empty() {
            path.push(Seg::Key(key.to_owned()));
        }
        path.extend(indexes.into_iter().rev().map(Seg::Index));
    }
    path
}

/// An element id for an input at this path (`f-dataFields-2-code`).
pub fn input_id(prefix: &str, path: &[Seg]) -> String {
    let mut out = format!("{prefix}-");
    for c in path_text(path).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

pub fn child(path: &[Seg], seg: Seg) -> Path {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

pub fn get<'a>(v: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, seg| match seg {
        Seg::Key(k) => cur.get(k.as_str()),
        Seg::Index(i) => cur.get(*i),
    })
}

/// Sets (or with `None`, removes) the value at `path`, creating objects and arrays on the way.
pub fn set(v: &mut Value, path: &[Seg], value: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        if let Some(value) = value {
            *v = value;
        }
        return;
    };
    let mut cur = v;
    for (i, seg) in parents.iter().enumerate() {
        let next_is_index = matches!(path.get(i + 1), Some(Seg::Index(_)));
        let fresh = if next_is_index {
            Value::Array(Vec::new())
        } else {
            Value::Object(Map::new())
        };
        cur = match seg {
            Seg::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(Map::new());
                }
                let Some(map) = cur.as_object_mut() else {
                    return;
                };
                let slot = map.entry(k.clone()).or_insert(fresh.clone());
                if slot.is_null() {
                    *slot = fresh;
                }
                slot
            }
            Seg::Index(i) => {
                if !cur.is_array() {
                    *cur = Value::Array(Vec::new());
                }
                let Some(arr) = cur.as_array_mut() else {
                    return;
                };
                while arr.len() <= *i {
                    arr.push(fresh.clone());
                }
                &mut arr[*i]
            }
        };
    }
    match (last, value) {
        (Seg::Key(k), Some(value)) => {
            if !cur.is_object() {
                *cur = Value::Object(Map::new());
            }
            if let Some(map) = cur.as_object_mut() {
                map.insert(k.clone(), value);
            }
        }
        (Seg::Key(k), None) => {
            if let Some(map) = cur.as_object_mut() {
                map.remove(k.as_str());
            }
        }
        (Seg::Index(i), Some(value)) => {
            if let Some(arr) = cur.as_array_mut() {
                while arr.len() <= *i {
                    arr.push(Value::Null);
                }
                arr[*i] = value;
            }
        }
        (Seg::Index(i), None) => {
            if let Some(arr) = cur.as_array_mut() {
                if *i < arr.len() {
                    arr.remove(*i);
                }
            }
        }
    }
}

/// What an input shows for a value. Values of an unexpected type are shown as JSON so nothing is
/// hidden; they fail the type check until the user corrects them.
pub fn display(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    }
}

/// What an input's text becomes in the body. Empty means "not set". Text that does not parse as the
/// field's kind is kept as text, so the type check names the field instead of the input losing it.
pub fn parse(kind: &Kind, text: &str) -> Option<Value> {
    let t = text.trim();
    match kind {
        Kind::Integer { .. } => {
            if t.is_empty() {
                return None;
            }
            Some(
                t.parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(text.to_owned())),
            )
        }
        Kind::Number { .. } => {
            if t.is_empty() {
                return None;
            }
            match serde_json::from_str::<serde_json::Number>(t) {
                Ok(n) => Some(Value::Number(n)),
                Err(_) => Some(Value::String(text.to_owned())),
            }
        }
        // Free text keeps what was typed (inner spaces included); an empty field is "not set".
        _ if text.is_empty() => None,
        _ => Some(Value::String(text.to_owned())),
    }
}

/// A list typed one item per line (or separated by commas).
pub fn parse_list(text: &str) -> Option<Value> {
    let items: Vec<Value> = text
        .split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Value::String(s.to_owned()))
        .collect();
    (!items.is_empty()).then_some(Value::Array(items))
}

pub fn display_list(value: Option<&Value>) -> String {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| display(Some(v)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => display(other),
    }
}

/// Whether a field applies to the object it sits in: its variant (a value this console does not
/// know applies everything), and the overlay's `unless`.
pub fn applies(
    o: &Overlay,
    note_path: &str,
    fields: &'static [Field],
    f: &Field,
    object: &Value,
) -> bool {
    m3ter_models::validate::applies(o, note_path, fields, f, object)
}

/// Removes values of fields that do not apply (recursively in sub-forms): switching a schedule from
/// Operational to Usage must not send `operationalDataTypes`. Only a known variant drops anything:
/// an object whose discriminator this console does not know keeps every field it came with.
pub fn prune(o: &Overlay, note_path: &str, fields: &'static [Field], value: &mut Value) {
    let snapshot = value.clone();
    let Some(map) = value.as_object_mut() else {
        return;
    };
    for f in fields {
        let np = join(note_path, f.key);
        if !applies(o, note_path, fields, f, &snapshot) {
            map.remove(f.key);
            continue;
        }
        match (&f.kind, map.get_mut(f.key)) {
            (Kind::Objects { fields: sub, .. }, Some(Value::Array(items))) => {
                for item in items {
                    prune(o, &np, sub, item);
                }
            }
            (Kind::Object(sub), Some(obj @ Value::Object(_))) => prune(o, &np, sub, obj),
            _ => {}
        }
    }
}

/// The body to send: the draft without fields that do not apply, plus `version` on update.
pub fn request_body(
    o: &Overlay,
    fields: &'static [Field],
    draft: &Value,
    version: Option<i64>,
) -> Value {
    let mut body = draft.clone();
    prune(o, "", fields, &mut body);
    if let (Some(v), Some(map)) = (version, body.as_object_mut()) {
        map.insert("version".into(), Value::from(v));
    }
    body
}

/// The starting draft for editing an entity: everything but the read-only fields (unknown ones
/// stay), and a field m3ter never answers but needs again starting as its sibling (`Forms::starts_as`).
pub fn draft_from_entity(r: &Resource, entity: &Value) -> Value {
    let mut draft = m3ter_models::writable_body(r, entity);
    if let Some(map) = draft.as_object_mut() {
        for (key, sibling) in m3ter_models::resources::forms(r.key).starts_as {
            if let (None, Some(v)) = (map.get(*key), map.get(*sibling).cloned()) {
                map.insert((*key).to_owned(), v);
            }
        }
    }
    draft
}

/// A new item for a repeatable sub-form: a discriminator (e.g. `groupType`) starts on the overlay's
/// default variant or its first value, so the right fields show.
pub fn new_item(o: &Overlay, fields: &'static [Field]) -> Value {
    let mut item = Map::new();
    if let Some((key, known, _)) = variant(o, fields, &Value::Null) {
        let start = if o.default_variant.is_empty() {
            known.first().copied()
        } else {
            Some(o.default_variant)
        };
        if let Some(v) = start {
            item.insert(key.into(), Value::String(v.into()));
        }
    }
    // A checkbox cannot show "not chosen": a required flag starts as false, which it shows.
    for f in fields
        .iter()
        .filter(|f| f.required && !f.read_only && matches!(f.kind, Kind::Bool))
    {
        item.insert(f.key.into(), Value::Bool(false));
    }
    Value::Object(item)
}

/// A fresh draft for a create: discriminators on their first value, required lists present with
/// their least number of items (a meter needs one data field and `derivedFields: []`).
pub fn new_body(o: &Overlay, fields: &'static [Field]) -> Value {
    let mut body = new_item(o, fields);
    if let Some(map) = body.as_object_mut() {
        for f in fields.iter().filter(|f| f.required && !f.read_only) {
            if let Kind::Objects {
                fields: sub, min, ..
            } = &f.kind
            {
                let items = (0..*min).map(|_| new_item(o, sub)).collect();
                map.insert(f.key.into(), Value::Array(items));
            }
        }
    }
    body
}

/// A new entity made under another starts by naming that one wherever a field of it may (a credit
/// made on a bill refers to that bill, and so offers its line items): shown, and changed at will.
pub fn naming_the_parent(r: &Resource, o: &Overlay, parent: (&str, &str), body: &mut Value) {
    let Some(map) = body.as_object_mut() else {
        return;
    };
    let (key, id) = parent;
    let names_it = |f: &&Field| {
        !f.read_only
            && f.key != r.parent_param
            && matches!(f.kind, Kind::Id { .. })
            && m3ter_models::overlay::link(o, f.key, f) == Some(key)
    };
    for f in r.fields.iter().filter(names_it) {
        map.entry(f.key)
            .or_insert_with(|| Value::String(id.to_owned()));
    }
}

/// One row of the conflict view: a path and its value as loaded, as typed, and on the server now.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffRow {
    pub path: String,
    pub loaded: Option<Value>,
    pub typed: Option<Value>,
    pub server: Option<Value>,
}

impl DiffRow {
    /// You and the server changed this to different values.
    pub fn conflicting(&self) -> bool {
        self.typed != self.loaded && self.server != self.loaded && self.typed != self.server
    }
}

fn leaves(v: &Value, prefix: &str, out: &mut std::collections::BTreeMap<String, Value>) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, child) in map {
                let p = m3ter_models::validate::join(prefix, k);
                leaves(child, &p, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, child) in items.iter().enumerate() {
                leaves(child, &format!("{prefix}[{i}]"), out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), other.clone());
        }
    }
}

/// Every path where what you typed or what is on the server differs from what you loaded.
pub fn diff(loaded: &Value, typed: &Value, server: &Value) -> Vec<DiffRow> {
    let (mut l, mut t, mut s) = Default::default();
    leaves(loaded, "", &mut l);
    leaves(typed, "", &mut t);
    leaves(server, "", &mut s);
    // Inserted one by one: collecting into a set (or sorting a Vec) would instantiate another
    // copy of the standard library's sort.
    let mut paths = std::collections::BTreeSet::new();
    for p in l.keys().chain(t.keys()).chain(s.keys()) {
        paths.insert(p);
    }
    paths
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| DiffRow {
            path: p.clone(),
            loaded: l.get(p).cloned(),
            typed: t.get(p).cloned(),
            server: s.get(p).cloned(),
        })
        .filter(|r| r.typed != r.loaded || r.server != r.loaded)
        .collect()
}

/// "Keep my changes": the server's latest body with your edits (what you changed since loading)
/// applied on top. Objects merge key by key; lists of unchanged length merge item by item; anything
/// else you changed replaces the server's value.
pub fn rebase(loaded: &Value, typed: &Value, server: &Value) -> Value {
    if typed == loaded {
        return server.clone();
    }
    match (loaded, typed, server) {
        (Value::Object(l), Value::Object(t), Value::Object(s)) => {
            let mut out = s.clone();
            let mut keys = std::collections::BTreeSet::new();
            for k in l.keys().chain(t.keys()) {
                keys.insert(k);
            }
            for k in keys {
                match (l.get(k), t.get(k)) {
                    (a, b) if a == b => {}
                    (_, None) => {
                        out.remove(k);
                    }
                    (Some(a), Some(b)) => {
                        let merged = match s.get(k) {
                            Some(sv) => rebase(a, b, sv),
                            None => b.clone(),
                        };
                        out.insert(k.clone(), merged);
                    }
                    (None, Some(b)) => {
                        out.insert(k.clone(), b.clone());
                    }
                }
            }
            Value::Object(out)
        }
        (Value::Array(l), Value::Array(t), Value::Array(s))
            if l.len() == t.len() && t.len() == s.len() =>
        {
            Value::Array(
                l.iter()
                    .zip(t)
                    .zip(s)
                    .map(|((a, b), c)| rebase(a, b, c))
                    .collect(),
            )
        }
        _ => typed.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(parts: &[&str]) -> Path {
        parts
            .iter()
            .map(|s| {
                s.parse::<usize>()
                    .map(Seg::Index)
                    .unwrap_or_else(|_| Seg::Key((*s).to_owned()))
            })
            .collect()
    }

    #[test]
    fn a_credit_made_on_a_bill_starts_by_referring_to_it() {
        let r = m3ter_models::resource("credit-line-items").expect("credits");
        let o = m3ter_models::resources::overlay(r.key);
        let mut body = new_body(o, r.fields);
        naming_the_parent(r, o, ("bills", "b-1"), &mut body);
        assert_eq!(body["referencedBillId"], "b-1");
        // Not the path's own parameter, nor a field of another resource.
        assert!(body.get(r.parent_param).is_none(), "{body}");
        assert!(body.get("productId").is_none(), "{body}");
        // What the user (or a deleted body) already says stays.
        let mut chosen = json!({"referencedBillId": "b-2"});
        naming_the_parent(r, o, ("bills", "b-1"), &mut chosen);
        assert_eq!(chosen["referencedBillId"], "b-2");
    }

    #[test]
    fn a_credit_edited_starts_its_accounting_product_as_its_product() {
        let r = m3ter_models::resource("credit-line-items").expect("credits");
        // As m3ter answers a credit: no accounting product.
        let answered = json!({"id": "c-1", "version": 2, "productId": "p-1", "amount": 5});
        let draft = draft_from_entity(r, &answered);
        assert_eq!(draft["accountingProductId"], "p-1");
        assert_eq!(draft["productId"], "p-1");
        // One it was given stays.
        let given = json!({"productId": "p-1", "accountingProductId": "p-2"});
        assert_eq!(draft_from_entity(r, &given)["accountingProductId"], "p-2");
        // Nor is a field made from nothing.
        assert!(draft_from_entity(r, &json!({}))
            .get("accountingProductId")
            .is_none());
    }

    #[test]
    fn paths_match_the_validation_paths() {
        assert_eq!(
            path_text(&p(&["dataFields", "2", "code"])),
            "dataFields[2].code"
        );
        assert_eq!(path_text(&p(&["filters", "meterIds"])), "filters.meterIds");
        assert_eq!(
            input_id("f", &p(&["dataFields", "2", "code"])),
            "f-dataFields-2-code"
        );
    }

    #[test]
    fn get_and_set_create_what_is_missing() {
        let mut v = json!({"name": "x"});
        set(&mut v, &p(&["dataFields", "1", "code"]), Some(json!("c")));
        assert_eq!(v, json!({"name": "x", "dataFields": [{}, {"code": "c"}]}));
        assert_eq!(get(&v, &p(&["dataFields", "1", "code"])), Some(&json!("c")));
        set(&mut v, &p(&["dataFields", "0"]), None);
        assert_eq!(v["dataFields"], json!([{"code": "c"}]));
        set(&mut v, &p(&["name"]), None);
        assert!(v.get("name").is_none());
        let mut n = json!({"filters": null});
        set(&mut n, &p(&["filters", "meterIds"]), Some(json!(["m"])));
        assert_eq!(n, json!({"filters": {"meterIds": ["m"]}}));
    }

    #[test]
    fn input_text_to_json_and_back() {
        let int = Kind::INTEGER;
        let num = Kind::NUMBER;
        let text = Kind::TEXT;
        assert_eq!(parse(&int, " 12 "), Some(json!(12)));
        assert_eq!(
            parse(&int, "1.5"),
            Some(json!("1.5")),
            "kept as typed, so the type check names it"
        );
        assert_eq!(parse(&int, ""), None);
        assert_eq!(parse(&num, "5000.0"), Some(json!(5000.0)));
        // A number keeps its digits as typed (serde_json's `arbitrary_precision` writes `e+`).
        assert_eq!(
            parse(&num, "1e3").map(|v| v.to_string()),
            Some("1e+3".into())
        );
        assert_eq!(
            parse(&num, "0.30000000000000004").map(|v| v.to_string()),
            Some("0.30000000000000004".into())
        );
        assert_eq!(parse(&num, "12abc"), Some(json!("12abc")));
        assert_eq!(
            parse(&text, "  inner  spaces "),
            Some(json!("  inner  spaces "))
        );
        assert_eq!(parse(&text, ""), None);
        assert_eq!(display(Some(&json!(5000.0))), "5000.0");
        assert_eq!(display(Some(&json!({"a": 1}))), "{\"a\":1}");
        assert_eq!(parse_list("a\n b ,c\n\n"), Some(json!(["a", "b", "c"])));
        assert_eq!(parse_list(" \n"), None);
        assert_eq!(display_list(Some(&json!(["a", "b"]))), "a\nb");
    }

    fn r(key: &str) -> &'static Resource {
        m3ter_models::resource(key).expect("resource")
    }

    fn o(key: &str) -> &'static Overlay {
        m3ter_models::resources::overlay(key)
    }

    #[test]
    fn the_request_drops_fields_of_other_variants_and_keeps_unknown_ones() {
        let fields = r("export-schedules").fields;
        let draft = json!({
            "name": "S", "code": "s", "sourceType": "USAGE", "timePeriod": "TODAY",
            "operationalDataTypes": ["BILLS"], "scheduleType": "MINUTE", "period": 30, "offset": 5,
            "futureField": {"x": 1}, "groups": [{"groupType": "TIME", "frequency": "DAY", "meterId": "stale"}],
        });
        let body = request_body(o("export-schedules"), fields, &draft, Some(7));
        assert!(body.get("operationalDataTypes").is_none());
        assert!(
            body.get("offset").is_none(),
            "offset does not apply to MINUTE"
        );
        assert_eq!(body["futureField"], json!({"x": 1}));
        assert_eq!(
            body["groups"][0],
            json!({"groupType": "TIME", "frequency": "DAY"})
        );
        assert_eq!(body["version"], 7);
        m3ter_models::validate_request(
            r("export-schedules"),
            m3ter_models::Operation::Update,
            &body,
        )
        .expect("valid");
    }

    #[test]
    fn an_unknown_variant_keeps_every_field() {
        let fields = r("export-schedules").fields;
        let draft = json!({
            "sourceType": "EVENTS", "timePeriod": "TODAY", "operationalDataTypes": ["BILLS"],
            "groups": [{"groupType": "SEGMENT", "frequency": "DAY", "meterId": "m", "fieldCode": "f"}],
        });
        let body = request_body(o("export-schedules"), fields, &draft, None);
        assert_eq!(body, draft);
    }

    #[test]
    fn a_destination_without_a_type_is_an_s3_one() {
        let d = r("export-destinations");
        assert_eq!(
            new_body(o("export-destinations"), d.fields),
            json!({"destinationType": "S3"})
        );
        let body = request_body(
            o("export-destinations"),
            d.fields,
            &json!({"name": "n", "iamRoleArn": "arn", "projectNumber": "1"}),
            None,
        );
        assert_eq!(body, json!({"name": "n", "iamRoleArn": "arn"}));
    }

    #[test]
    fn an_entity_becomes_a_draft_without_read_only_fields() {
        let entity = json!({"id": "b", "version": 3, "amount": 10.0, "name": "B", "dtCreated": "x", "mystery": [1]});
        assert_eq!(
            draft_from_entity(r("balances"), &entity),
            json!({"name": "B", "mystery": [1]})
        );
        let groups = match &r("export-schedules").field("groups").expect("groups").kind {
            Kind::Objects { fields, .. } => *fields,
            _ => panic!("groups is a list"),
        };
        assert_eq!(
            new_item(o("export-schedules"), groups),
            json!({"groupType": "ACCOUNT"})
        );
    }

    #[test]
    fn new_bodies_start_valid_in_shape() {
        assert_eq!(
            new_body(o("meters"), r("meters").fields),
            json!({"dataFields": [{}], "derivedFields": []})
        );
        assert_eq!(
            new_body(o("export-schedules"), r("export-schedules").fields),
            json!({"sourceType": "USAGE"}),
            "the catalogue's first variant"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_path_text_reads_without_panicking(text in ".{0,40}") {
            let path = path_of(&text);
            let _ = input_id("f", &path);
            // What a path prints reads back as the same path.
            let again = path_of(&path_text(&path));
            proptest::prop_assert_eq!(path_text(&again), path_text(&path));
        }
    }

    #[test]
    fn paths_read_from_any_text_without_panicking() {
        assert_eq!(
            path_text(&path_of("dataFields[2].code")),
            "dataFields[2].code"
        );
        assert_eq!(path_of("a[0]]"), vec![Seg::Key("a[0]]".into())]);
        assert_eq!(path_of("x[1]é]"), vec![Seg::Key("x[1]é]".into())]);
        assert_eq!(
            path_of("customFields.a[0]"),
            vec![
                Seg::Key("customFields".into()),
                Seg::Key("a".into()),
                Seg::Index(0)
            ]
        );
        for text in [
            "",
            "[",
            "]",
            "[]",
            "[0",
            "a[",
            "a[99999999999999999999]",
            ".",
            "..",
            "[0][1]",
        ] {
            let _ = input_id("f", &path_of(text));
        }
    }

    #[test]
    fn diff_shows_your_changes_and_theirs() {
        let loaded = json!({"name": "A", "code": "a", "dataFields": [{"code": "x"}], "customFields": {"k": 1}});
        let typed = json!({"name": "Mine", "code": "a", "dataFields": [{"code": "x"}], "customFields": {"k": 1}});
        let server = json!({"name": "Theirs", "code": "b", "dataFields": [{"code": "x"}], "customFields": {"k": 1}});
        let rows = diff(&loaded, &typed, &server);
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, vec!["code", "name"]);
        assert!(rows[1].conflicting());
        assert!(!rows[0].conflicting());
        assert!(diff(&loaded, &loaded, &loaded).is_empty());
    }

    #[test]
    fn rebase_applies_your_edits_on_the_latest() {
        let loaded = json!({"name": "A", "code": "a", "dataFields": [{"code": "x", "name": "X"}, {"code": "y"}], "gone": 1});
        let typed = json!({"name": "Mine", "code": "a", "dataFields": [{"code": "x", "name": "Renamed"}, {"code": "y"}]});
        let server = json!({"name": "A", "code": "theirs", "dataFields": [{"code": "x2", "name": "X"}, {"code": "y"}], "gone": 1, "new": true});
        let merged = rebase(&loaded, &typed, &server);
        assert_eq!(
            merged,
            json!({"name": "Mine", "code": "theirs", "dataFields": [{"code": "x2", "name": "Renamed"}, {"code": "y"}], "new": true})
        );
        // A list whose length changed is yours as a whole.
        let typed2 = json!({"name": "A", "code": "a", "dataFields": [{"code": "x", "name": "X"}], "gone": 1});
        assert_eq!(
            rebase(&loaded, &typed2, &server)["dataFields"],
            json!([{"code": "x", "name": "X"}])
        );
        // Nothing typed: the server's body as is.
        assert_eq!(rebase(&loaded, &loaded, &server), server);
    }
}
