//! What demo data is made with: a store being filled, a deterministic random source, a seed clock,
//! the ids seeded so far, and entities made from a resource's fields by kind (names and codes that
//! read like data, dates, enum values in turn, ids that point at entities seeded before, every
//! variant of a discriminated resource, bodies that pass the API's validation).

use std::collections::HashMap;

use m3ter_models::catalogue::{self, Check, Field, Kind};
use m3ter_models::{overlay, validate_request, Operation, Resource};
use serde_json::{json, Map, Value};

use crate::ids::{mix, uuid_from, uuid_of, SANDBOX_USER, SINGLETON_ID};
use crate::store::Store;

/// Number of meters in the default demo set.
pub const DEFAULT_METERS: usize = 24;

/// `2025-01-06T09:00:00Z` plus `minutes`.
pub fn at(minutes: u64) -> String {
    let base = chrono::DateTime::parse_from_rfc3339("2025-01-06T09:00:00Z")
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    (base + chrono::Duration::minutes(minutes.min(1 << 40) as i64))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Company-like words for names and codes.
const WORDS: [&str; 12] = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Soylent",
    "Wonka",
    "Tyrell",
    "Stark",
    "Wayne",
    "Cyberdyne",
    "Vandelay",
];

/// One id of a pair m3ter takes one of: `((field, resource), (field, resource), every)`.
pub type EitherId = (
    (&'static str, &'static str),
    (&'static str, &'static str),
    usize,
);

/// What the resources' seeds build on: the store, a deterministic random source, a clock, and the
/// ids seeded so far.
pub struct Seeder<'a> {
    pub store: Store,
    rng: u64,
    minute: u64,
    /// How many meters were asked for.
    pub meters: usize,
    /// One more entity of the other resources per 500 meters.
    pub scale: usize,
    pub org: &'a str,
    pub public_url: &'a str,
    /// Ids seeded per resource, in order (for links).
    ids: HashMap<&'static str, Vec<String>>,
}

impl<'a> Seeder<'a> {
    /// An empty store and the seed clock at its start. `meters`: how many meters (`None`: the
    /// default small set); the other resources scale with it.
    pub fn new(meters: Option<usize>, org: &'a str, public_url: &'a str) -> Self {
        let meters = meters.unwrap_or(DEFAULT_METERS);
        Seeder {
            store: Store::default(),
            rng: 0x6D33_7465_7200_0001,
            minute: 0,
            meters,
            scale: meters / 500,
            org,
            public_url,
            ids: HashMap::new(),
        }
    }

    pub fn random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(1);
        mix(self.rng)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.random() % n.max(1)
    }

    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.random(), self.random());
        uuid_from(a, b)
    }

    /// Moves the clock on by `step` minutes; the new time.
    pub fn tick(&mut self, step: u64) -> u64 {
        self.minute += step;
        self.minute
    }

    /// The ids seeded for a resource so far.
    pub fn ids(&self, key: &str) -> &[String] {
        self.ids.get(key).map_or(&[], Vec::as_slice)
    }

    /// The `n`-th id of a resource (wrapping), or a fresh uuid when none is seeded.
    pub fn pick(&mut self, key: &str, n: usize) -> String {
        match self.ids(key) {
            [] => self.uuid(),
            ids => ids[n % ids.len()].clone(),
        }
    }

    /// Stores an entity with its audit trail (created at `created`, last changed at `modified`,
    /// minutes on the seed clock) under `parent`; returns its id.
    pub fn add(
        &mut self,
        key: &'static str,
        parent: &str,
        body: Value,
        created: u64,
        modified: u64,
    ) -> String {
        let id = body
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| self.uuid());
        let mut entity = Map::new();
        entity.insert("id".into(), json!(id));
        entity.insert(
            "version".into(),
            json!(1 + modified.saturating_sub(created) / 1440),
        );
        entity.insert("dtCreated".into(), json!(at(created)));
        entity.insert("dtLastModified".into(), json!(at(modified.max(created))));
        entity.insert("createdBy".into(), json!(SANDBOX_USER));
        entity.insert("lastModifiedBy".into(), json!(SANDBOX_USER));
        if let Value::Object(map) = body {
            entity.extend(map);
        }
        if let Some(r) = catalogue::resource(key) {
            if !parent.is_empty() && r.field(r.parent_param).is_some() {
                entity.insert(r.parent_param.into(), json!(parent));
            }
        }
        self.store.put(key, &id, parent, Value::Object(entity));
        self.ids.entry(key).or_default().push(id.clone());
        id
    }

    /// A settings object (stored without an id, as the API serves it).
    pub fn add_singleton(&mut self, key: &'static str, body: Value) {
        let created = self.tick(5);
        // m3ter answers every settings object with an id, as any entity.
        let mut entity = json!({
            "id": uuid_of(&format!("{}/{key}", self.org)),
            "version": 1, "dtCreated": at(created), "dtLastModified": at(created),
            "createdBy": SANDBOX_USER, "lastModifiedBy": SANDBOX_USER,
        });
        if let (Some(e), Value::Object(b)) = (entity.as_object_mut(), body) {
            e.extend(b);
        }
        self.store.put(key, SINGLETON_ID, "", entity);
    }

    /// Seeds `n` entities of a resource made from its fields, under `parent`.
    pub fn generic(&mut self, r: &'static Resource, parent: &str, n: usize) {
        for i in 0..n {
            let body = self.synthesize(r, i);
            let created = self.tick(37);
            self.add(
                r.key,
                parent,
                body,
                created,
                created + (i as u64 % 3) * 1440,
            );
        }
    }

    /// Seeds a top-level resource as [`Seeder::generic`] does, where m3ter takes one id of each
    /// pair: `((first, its resource), (second, its resource), every)` gives every `every`-th entity
    /// the second id, and the others the first.
    pub fn seed_either(&mut self, key: &'static str, pairs: &[EitherId]) {
        let Some(r) = catalogue::resource(key) else {
            return;
        };
        for i in 0..3 + self.scale {
            let mut body = self.synthesize(r, i);
            for ((first, first_of), (second, second_of), every) in pairs {
                let (keep, of, drop) = if i % every == every - 1 {
                    (second, second_of, first)
                } else {
                    (first, first_of, second)
                };
                let id = self.pick(of, i);
                if let Some(map) = body.as_object_mut() {
                    map.remove(*drop);
                    map.insert((*keep).to_owned(), json!(id));
                }
            }
            let created = self.tick(37);
            self.add(key, "", body, created, created + (i as u64 % 3) * 1440);
        }
    }

    /// A body for the `i`-th entity of `r`: every field the catalogue knows, by kind, that passes the
    /// API's validation when the resource can be created (optional fields that do not are dropped).
    pub fn synthesize(&mut self, r: &'static Resource, i: usize) -> Value {
        let o = m3ter_models::resources::overlay(r.key);
        let tag = variant_tag(o, r.fields, i);
        let mut body = self.object(r, "", r.fields, i, tag.as_deref(), true);
        if r.ops.create {
            for _ in 0..4 {
                let Err(errors) = validate_request(r, Operation::Create, &body) else {
                    break;
                };
                let Some(map) = body.as_object_mut() else {
                    break;
                };
                for e in errors {
                    let top = e.path.split(['.', '[']).next().unwrap_or_default();
                    if r.field(top).is_some_and(|f| !f.required) {
                        map.remove(top);
                    }
                }
            }
        }
        body
    }

    fn object(
        &mut self,
        r: &'static Resource,
        note_path: &str,
        fields: &'static [Field],
        i: usize,
        tag: Option<&str>,
        top: bool,
    ) -> Value {
        let o = m3ter_models::resources::overlay(r.key);
        let known: Vec<&str> = fields
            .iter()
            .find_map(|f| f.when.map(|w| w.key))
            .and_then(|k| fields.iter().find(|f| f.key == k))
            .and_then(|f| match f.kind {
                Kind::Enum(e) => Some(e.values.to_vec()),
                _ => None,
            })
            .unwrap_or_default();
        let mut map = Map::new();
        for f in fields {
            if (top && (catalogue::AUDIT_KEYS.contains(&f.key) || f.key == r.parent_param))
                || !f.applies(tag, &known)
            {
                continue;
            }
            let path = m3ter_models::validate::join(note_path, f.key);
            let value = if f.when.is_none()
                && fields
                    .iter()
                    .any(|g| g.when.is_some_and(|w| w.key == f.key))
            {
                tag.map(|t| json!(t))
            } else {
                self.value(r, &path, f, i, o)
            };
            // An id whose resource a sibling names (an entity type seeded just before it).
            let named = o.note(&path).and_then(|n| n.link_by).and_then(|by| {
                let to = catalogue::resource_named(map.get(by)?.as_str()?)?;
                (!self.ids(to).is_empty()).then(|| json!(self.pick(to, i)))
            });
            if let Some(v) = named.or(value) {
                map.insert(f.key.to_owned(), v);
            }
        }
        Value::Object(map)
    }

    fn value(
        &mut self,
        r: &'static Resource,
        path: &str,
        f: &Field,
        i: usize,
        o: &overlay::Overlay,
    ) -> Option<Value> {
        let key = f.key.to_ascii_lowercase();
        let singular = r.entry().map_or(r.key, |e| e.singular).to_ascii_lowercase();
        let word = WORDS[i % WORDS.len()];
        Some(match &f.kind {
            Kind::Text { min, max, check } => {
                let text = match check {
                    Check::Code => format!("{}_{}", word.to_ascii_lowercase(), i + 1),
                    Check::FieldCode => format!("field_{}", i + 1),
                    Check::Email => {
                        format!("billing+{}@{}.example", i + 1, word.to_ascii_lowercase())
                    }
                    Check::Url => {
                        format!("https://{}.example/{}", word.to_ascii_lowercase(), r.key)
                    }
                    Check::AlnumDash => format!("demo-{}", i + 1),
                    Check::AlnumDashUnderscore => format!("demo_{}", i + 1),
                    Check::IamRoleArn => "arn:aws:iam::123456789012:role/m3ter-demo".into(),
                    Check::ScheduleType => "DAY".into(),
                    Check::None if key == "name" => format!("{word} {singular}"),
                    Check::None if key.contains("description") => {
                        format!("Demo {singular} for {word}")
                    }
                    Check::None => match plain_text(&key, path, i, word, r) {
                        Some(Some(text)) => text,
                        Some(None) if !f.required => return None,
                        _ => format!("{} {}", catalogue::label::field(f.key), i + 1),
                    },
                };
                fit_len(text, *min, *max)
            }
            Kind::Id { min, max, .. } => {
                let id = match overlay::link(o, path, f) {
                    Some(to) if !self.ids(to).is_empty() => self.pick(to, i),
                    _ if f.required => self.uuid(),
                    _ => return None,
                };
                fit_len(id, *min, *max)
            }
            Kind::Ids { min, .. } => match overlay::link(o, path, f) {
                Some(to) if !self.ids(to).is_empty() => {
                    let n = (*min as usize).max(1).min(self.ids(to).len());
                    json!((0..n).map(|k| self.pick(to, i + k)).collect::<Vec<_>>())
                }
                _ if *min > 0 => json!((0..*min).map(|_| self.uuid()).collect::<Vec<_>>()),
                _ => return None,
            },
            Kind::Strings { min, .. } => {
                json!((0..(*min).max(1))
                    .map(|k| format!("value_{}", k + 1))
                    .collect::<Vec<_>>())
            }
            Kind::Integer { min, max } => {
                let n = min.unwrap_or(1).max(1);
                json!(max.map_or(n, |m| n.min(m)))
            }
            Kind::Number { min, max, .. } => {
                let base = if key.contains("percent") {
                    10.0
                } else if key.contains("multiplier") {
                    1.25
                } else if key.contains("interval") {
                    // A number of hours (a bill's update interval): once a day.
                    24.0
                } else {
                    100.0 * (i as f64 + 1.0)
                };
                let n = min.map_or(base, |m| base.max(m + 1.0));
                json!(max.map_or(n, |m| n.min(m)))
            }
            Kind::Bool => json!(i % 2 == 0),
            Kind::DateTime => json!(date_for(&key, true)),
            Kind::Date => json!(date_for(&key, false)),
            Kind::Enum(e) => json!(e.values.get(i % e.values.len().max(1))?),
            Kind::Enums { values, min, .. } => {
                let n = (*min as usize).max(1).min(values.values.len());
                json!((0..n)
                    .filter_map(|k| values.values.get((i + k) % values.values.len()))
                    .collect::<Vec<_>>())
            }
            Kind::CustomFields if i == 0 => json!({"region": "EU", "tier": 2}),
            Kind::CustomFields | Kind::Map(_) | Kind::Any => return None,
            Kind::Object(fields) => {
                if !f.required && i % 2 == 1 {
                    return None;
                }
                let tag = variant_tag(o, fields, i);
                self.object(r, path, fields, i, tag.as_deref(), false)
            }
            Kind::Objects { fields, min, .. } => {
                let n = (*min as usize).max(1);
                let items: Vec<Value> = (0..n)
                    .map(|k| {
                        let tag = variant_tag(o, fields, i + k);
                        self.object(r, path, fields, i + k, tag.as_deref(), false)
                    })
                    .collect();
                json!(items)
            }
        })
    }
}

/// A plain text field's demo value, by what its key says it holds (m3ter's document types these
/// as bare strings): `Some(None)` leaves an optional field out, `None` falls back to its label and
/// number. `key` is lower case; `path` is where the field sits (`currencyConversions[0].from`).
fn plain_text(
    key: &str,
    path: &str,
    i: usize,
    word: &str,
    r: &'static Resource,
) -> Option<Option<String>> {
    let pick = |options: &[&str]| options[i % options.len()].to_owned();
    let n = i + 1;
    let text = match key {
        // When a file arrived: a time, a different day for each.
        "uploaddate" => format!("2025-05-{:02}T09:30:00Z", 1 + i % 28),
        // Dates the document leaves untyped (`billDate`, `yearEpoch`, `date`).
        k if k.ends_with("date") || k.contains("epoch") => date_for(k, false),
        k if k.contains("currency") => pick(&["USD", "GBP", "EUR"]),
        "from" | "to" if path.to_ascii_lowercase().contains("currenc") => {
            if key == "from" {
                pick(&["GBP", "EUR"])
            } else {
                "USD".to_owned()
            }
        }
        k if k.contains("timezone") => "UTC".into(),
        k if k.contains("country") => "GB".into(),
        k if k.contains("email") => format!("ops+{n}@example.com"),
        k if k.contains("url") => format!("https://example.com/{n}"),
        // Ids inside objects (a pricing band's) and who made or changed something.
        "id" => uuid_of(&format!("{}/{path}/{i}", r.key)),
        k if k.ends_with("by") => SANDBOX_USER.to_owned(),
        // A time unit (`autoApproveBillsGracePeriodUnit`): m3ter's MINUTES, HOURS, DAYS.
        k if k.ends_with("periodunit") => "DAYS".into(),
        "unit" => pick(&["requests", "GiB", "minutes"]),
        "effect" => "ALLOW".into(),
        "eventname" => pick(&[
            "configuration.commitment.updated",
            "configuration.account.created",
            "configuration.plan.updated",
        ]),
        // Notification rules test the event's entity; other calculations combine usage.
        "calculation" if r.field("eventName").is_some() => "(new.amount > 1000)".into(),
        "calculation" => pick(&["requests * 0.001", "(storage + transfer) / 1024"]),
        "customsql" => "SUM(bytes) / 1024".into(),
        "entity" => pick(&["Bill", "Contract", "Commitment"]),
        "field" => pick(&["dueDate", "endDate", "endDate"]),
        "firstname" => pick(&["Ada", "Grace", "Alan", "Edsger"]),
        "lastname" => pick(&["Lovelace", "Hopper", "Turing", "Dijkstra"]),
        "contactnumber" => format!("+44 20 7946 {:04}", n),
        "filename" => format!("measurements-{n}.json"),
        "purchaseordernumber" => format!("PO-{}", 1000 + n),
        "billprefix" => "INV-".into(),
        "addressline1" => pick(&["1 Market Street", "22 Harbour Road", "5 Station Approach"]),
        "addressline2" => format!("Floor {}", n + 1),
        "addressline3" | "addressline4" => return Some(None),
        "locality" => pick(&["London", "Leeds", "Bristol"]),
        "region" => pick(&["Greater London", "West Yorkshire", "Bristol"]),
        "postcode" => pick(&["EC1A 1BB", "LS1 4AP", "BS1 5TR"]),
        "notes" => format!("Agreed with {word}"),
        "productname" => format!("{word} product"),
        "accountingproductcode" => format!("ACC-{:03}", n),
        "accountingproductname" => format!("{word} usage"),
        "fieldcode" | "targetfield" => pick(&["bytes", "requests", "duration"]),
        // A usage filter: a dimension and the value it must (not) have.
        "dimensioncode" => pick(&["region", "tier", "environment"]),
        "value" if path.to_ascii_lowercase().contains("filter") => {
            pick(&["EU", "gold", "production"])
        }
        "externalsystem" => pick(&["AWS Marketplace", "Azure Marketplace"]),
        "apikey" => format!("demo-key-{n:04}"),
        "secret" => format!("demo-secret-{n:04}"),
        k if k.ends_with("reference") => format!("REF-{}", 4000 + n),
        // Present only with a segment, which the demo's pricings do not have.
        "segmentstring" => return Some(None),
        // Codes (`childAccountCode`, a notification's `code`) read like the demo's entity codes.
        k if k.ends_with("code") => format!("{}_{n}", word.to_ascii_lowercase()),
        _ => return None,
    };
    Some(Some(text))
}

/// The variant of the `i`-th object of a discriminated kind (each in turn).
fn variant_tag(o: &overlay::Overlay, fields: &'static [Field], i: usize) -> Option<String> {
    let key = fields.iter().find_map(|f| f.when.map(|w| w.key))?;
    let values = fields
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| match f.kind {
            Kind::Enum(e) => Some(e.values),
            _ => None,
        })?;
    let _ = o;
    values.get(i % values.len().max(1)).map(|v| (*v).to_owned())
}

/// A text cut or padded to its bounds.
fn fit_len(text: String, min: u32, max: u32) -> Value {
    let mut text: String = if max > 0 {
        text.chars().take(max as usize).collect()
    } else {
        text
    };
    while text.chars().count() < min as usize {
        text.push('x');
    }
    json!(text)
}

/// A date(-time) that reads right for the field: starts in 2025, ends in 2026.
fn date_for(key: &str, time: bool) -> String {
    let day = if key.contains("end") || key.contains("until") || key.contains("expir") {
        "2026-01-01"
    } else if key.contains("start") || key.contains("from") || key.contains("epoch") {
        "2025-01-01"
    } else {
        "2025-06-01"
    };
    if time {
        format!("{day}T00:00:00Z")
    } else {
        day.to_owned()
    }
}
