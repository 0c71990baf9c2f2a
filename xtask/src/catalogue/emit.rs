//! Writing the catalogue as Rust: `INDEX` and `RESOURCES`, with enums, variant conditions and
//! nested objects in shared statics (identical ones once).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::model::{Answer, Catalogue, En, Filter, Match, Obj, Resource, When, F, FK, K};
use super::names::{Check, On};
use crate::Result;

#[derive(Default)]
struct Statics {
    /// In the order they are written.
    items: Vec<String>,
    names: HashSet<String>,
    enums: HashMap<Vec<String>, String>,
    whens: HashMap<(String, Vec<String>), String>,
    /// Field-array text → static name.
    objects: HashMap<String, String>,
    kinds: HashMap<String, String>,
}

impl Statics {
    fn name(&mut self, prefix: &str, hint: &str) -> String {
        let base = format!("{prefix}_{}", screaming(hint));
        let mut name = base.clone();
        let mut n = 2;
        while !self.names.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    fn enum_ref(&mut self, e: &En) -> String {
        if let Some(name) = self.enums.get(&e.values) {
            return name.clone();
        }
        let name = self.name("E", &e.hint);
        self.enums.insert(e.values.clone(), name.clone());
        self.items.push(format!(
            "static {name}: Enum = Enum::new(&[{}]);",
            strs(&e.values)
        ));
        name
    }

    fn when_ref(&mut self, w: &When) -> String {
        let id = (w.key.clone(), w.any_of.clone());
        if let Some(name) = self.whens.get(&id) {
            return name.clone();
        }
        let name = self.name("W", &format!("{}_{}", w.key, w.any_of.join("_")));
        self.whens.insert(id, name.clone());
        self.items.push(format!(
            "static {name}: When = When::new({:?}, &[{}]);",
            w.key,
            strs(&w.any_of)
        ));
        name
    }

    fn obj_ref(&mut self, o: &Obj) -> Result<String> {
        let mut body = String::new();
        for f in &o.fields {
            writeln!(body, "{},", self.field(f)?).expect("string");
        }
        if let Some(name) = self.objects.get(&body) {
            return Ok(name.clone());
        }
        let name = self.name("O", &o.hint);
        self.objects.insert(body.clone(), name.clone());
        self.items.push(format!(
            "static {name}: [Field; {}] = [\n{body}];",
            o.fields.len()
        ));
        Ok(name)
    }

    fn kind_ref(&mut self, k: &K, hint: &str) -> Result<String> {
        let text = self.kind(k, hint)?;
        if matches!(
            text.as_str(),
            "Kind::Any" | "Kind::TEXT" | "Kind::INTEGER" | "Kind::NUMBER"
        ) {
            return Ok(format!("&{text}"));
        }
        if let Some(name) = self.kinds.get(&text) {
            return Ok(format!("&{name}"));
        }
        let name = self.name("K", hint);
        self.kinds.insert(text.clone(), name.clone());
        self.items.push(format!("static {name}: Kind = {text};"));
        Ok(format!("&{name}"))
    }

    fn kind(&mut self, k: &K, hint: &str) -> Result<String> {
        Ok(match k {
            K::Text {
                min: 0,
                max: 0,
                check: Check::None,
            } => "Kind::TEXT".into(),
            K::Text { min, max, check } => {
                format!(
                    "Kind::text({}, {}, {})",
                    u32_of(*min)?,
                    u32_of(*max)?,
                    check.rust()
                )
            }
            K::Id {
                to,
                min: 0,
                max: 0,
                check: Check::None,
                ..
            } => format!("Kind::id({})", opt_str(to)),
            K::Id {
                to,
                min,
                max,
                check: Check::None,
                ..
            } => format!("Kind::id_len({}, {min}, {max})", opt_str(to)),
            K::Id {
                to,
                min,
                max,
                check,
                ..
            } => format!(
                "Kind::id_check({}, {min}, {max}, {})",
                opt_str(to),
                check.rust()
            ),
            K::Ids { to, min, max, .. } => {
                format!(
                    "Kind::ids({}, {}, {})",
                    opt_str(to),
                    u32_of(*min)?,
                    u32_of(*max)?
                )
            }
            K::Strings { min, max } => {
                format!("Kind::strings({}, {})", u32_of(*min)?, u32_of(*max)?)
            }
            K::Integer {
                min: None,
                max: None,
            } => "Kind::INTEGER".into(),
            K::Integer { min, max } => format!("Kind::integer({min:?}, {max:?})"),
            K::Number {
                min: None,
                max: None,
                exclusive_min: false,
            } => "Kind::NUMBER".into(),
            K::Number {
                min,
                max,
                exclusive_min,
            } => format!(
                "Kind::number({}, {}, {exclusive_min})",
                opt_f64(*min),
                opt_f64(*max)
            ),
            K::Bool => "Kind::Bool".into(),
            K::DateTime => "Kind::DateTime".into(),
            K::Date => "Kind::Date".into(),
            K::Enum(e) => format!("Kind::Enum(&{})", self.enum_ref(e)),
            K::Enums { values, min, max } => format!(
                "Kind::enums(&{}, {}, {})",
                self.enum_ref(values),
                u32_of(*min)?,
                u32_of(*max)?
            ),
            K::CustomFields => "Kind::CustomFields".into(),
            K::Map(inner) => format!("Kind::Map({})", self.kind_ref(inner, hint)?),
            K::Object(o) => format!("Kind::Object(&{})", self.obj_ref(o)?),
            K::Objects { obj, min, max } => format!(
                "Kind::objects(&{}, {}, {})",
                self.obj_ref(obj)?,
                u32_of(*min)?,
                u32_of(*max)?
            ),
            K::Any => "Kind::Any".into(),
        })
    }

    fn field(&mut self, f: &F) -> Result<String> {
        let mut s = format!("Field::new({:?}, {})", f.key, self.kind(&f.kind, &f.key)?);
        if f.required {
            s.push_str(".required()");
        }
        if f.read_only {
            s.push_str(".read_only()");
        }
        if f.write_only {
            s.push_str(".write_only()");
        }
        if let Some(w) = &f.when {
            let name = self.when_ref(w);
            write!(s, ".when(&{name})").expect("string");
        }
        Ok(s)
    }

    fn filter(&mut self, f: &Filter) -> String {
        let kind = match &f.kind {
            FK::Many => "FilterKind::Many".to_owned(),
            FK::One => "FilterKind::One".to_owned(),
            FK::Enum(e) => format!("FilterKind::Enum(&{})", self.enum_ref(e)),
            FK::Flag => "FilterKind::Flag".to_owned(),
            FK::DateTime => "FilterKind::DateTime".to_owned(),
            FK::Date => "FilterKind::Date".to_owned(),
            FK::Integer => "FilterKind::Integer".to_owned(),
        };
        let matches = match &f.matches {
            Match::Equals(k) => format!("Match::Equals({k:?})"),
            Match::Contains(k) => format!("Match::Contains({k:?})"),
            Match::From(k) => format!("Match::From({k:?})"),
            Match::Before(k) => format!("Match::Before({k:?})"),
            Match::Active(start, end) => format!("Match::Active({start:?}, {end:?})"),
            Match::Custom => "Match::Custom".to_owned(),
        };
        format!("Filter::new({:?}, {kind}, {matches})", f.param)
    }

    fn fields(&mut self, fields: &[F]) -> Result<String> {
        let mut s = String::from("&[");
        for f in fields {
            write!(s, "{},", self.field(f)?).expect("string");
        }
        s.push(']');
        Ok(s)
    }

    fn filters(&mut self, filters: &[Filter]) -> String {
        let mut s = String::from("&[");
        for f in filters {
            write!(s, "{},", self.filter(f)).expect("string");
        }
        s.push(']');
        s
    }
}

/// The catalogue as Rust source (not yet formatted).
pub fn rust(cat: &Catalogue) -> Result<String> {
    let mut st = Statics::default();
    let mut index = String::new();
    let mut resources = String::new();
    for r in &cat.resources {
        writeln!(
            index,
            "Entry {{ key: {:?}, singular: {:?}, plural: {:?}, area: {}, parent: {}, singleton: {}, listed: {} }},",
            r.key,
            r.singular,
            r.plural,
            r.area.rust(),
            opt_str(&r.parent),
            r.singleton,
            r.ops.list
        )
        .expect("string");
        resources.push_str(&resource(&mut st, r)?);
    }
    let n = cat.resources.len();
    let mut body = format!(
        "pub static INDEX: [Entry; {n}] = [\n{index}];\n\npub static RESOURCES: [Resource; {n}] = [\n{resources}];\n"
    );
    for item in &st.items {
        body.push('\n');
        body.push_str(item);
        body.push('\n');
    }
    let types = [
        ("Action", "Action {"),
        ("Answer", "Answer::"),
        ("Area", "Area::"),
        ("Check", "Check::"),
        ("Entry", "Entry {"),
        ("Enum", "Enum::new"),
        ("Field", "Field::new"),
        ("Filter", "Filter::new"),
        ("FilterKind", "FilterKind::"),
        ("Kind", "Kind::"),
        ("Match", "Match::"),
        ("Method", "Method::"),
        ("On", "On::"),
        ("Ops", "Ops"),
        ("Resource", "Resource {"),
        ("When", "When::new"),
    ];
    let used: Vec<&str> = types
        .iter()
        .filter(|(_, needle)| body.contains(needle))
        .map(|(t, _)| *t)
        .collect();
    Ok(format!(
        "// Generated by `cargo xtask catalogue` from m3ter's OpenAPI document (info.version {}).\n\
         // Do not edit: change the generator (xtask/src/catalogue) or its tables and run it again.\n\
         \n\
         use super::{{{}}};\n\n{body}",
        cat.version,
        used.join(", ")
    ))
}

fn resource(st: &mut Statics, r: &Resource) -> Result<String> {
    let ops = if r.ops.list && r.ops.retrieve && r.ops.create && r.ops.update && r.ops.delete {
        "Ops::ALL".to_owned()
    } else {
        format!(
            "Ops {{ list: {}, retrieve: {}, create: {}, update: {}, delete: {} }}",
            r.ops.list, r.ops.retrieve, r.ops.create, r.ops.update, r.ops.delete
        )
    };
    let filters = st.filters(&r.filters);
    let fields = st.fields(&r.fields)?;
    let mut actions = String::from("&[");
    for a in &r.actions {
        let on = match a.on {
            On::Item => "On::Item",
            On::Collection => "On::Collection",
            On::Root => "On::Root",
        };
        let answer = match a.answer {
            Answer::Entity => "Answer::Entity",
            Answer::Page => "Answer::Page",
            Answer::Entities => "Answer::Entities",
            Answer::Download => "Answer::Download",
            Answer::Json => "Answer::Json",
        };
        let body = st.fields(&a.body)?;
        let query = st.filters(&a.query);
        write!(
            actions,
            "Action {{ key: {:?}, method: {}, on: {on}, path: {:?}, body: {body}, query: {query}, answer: {answer} }},",
            a.key,
            a.method.rust(),
            a.path
        )
        .expect("string");
    }
    actions.push(']');
    Ok(format!(
        "Resource {{ key: {:?}, path: {:?}, id_param: {:?}, parent_param: {:?}, scope: &[{}], ops: {ops}, page_size_max: {}, filters: {filters}, fields: {fields}, discriminator: {:?}, actions: {actions} }},\n",
        r.key,
        r.path,
        r.id_param,
        r.parent_param,
        strs(&r.scope),
        r.page_size_max,
        r.discriminator
    ))
}

fn strs(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn opt_str(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("Some({s:?})"),
        None => "None".into(),
    }
}

fn opt_f64(v: Option<f64>) -> String {
    match v {
        Some(f) => format!("Some({f:?})"),
        None => "None".into(),
    }
}

fn u32_of(v: u64) -> Result<u32> {
    u32::try_from(v).map_err(|_| format!("bound {v} does not fit in u32"))
}

/// `DataExplorerGroup` → `DATA_EXPLORER_GROUP`; `sourceType_USAGE` → `SOURCE_TYPE_USAGE`.
fn screaming(hint: &str) -> String {
    let words = super::model::words_of(hint);
    let s = words.join("_").to_ascii_uppercase();
    if s.is_empty() {
        "X".into()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("X{s}")
    } else {
        s
    }
}
