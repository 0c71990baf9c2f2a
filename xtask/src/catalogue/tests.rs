//! One test per quirk of the document, each on a small fixture of our own (`fixtures/`).

use serde_json::{json, Value};

use super::model::{build, Answer, Catalogue, En, Match, Resource, F, FK, K};
use super::names::{self, Area, Check, Correction, Fix, On, Tables};
use super::{generate, ordered};

static FIXTURES: Tables = BASE;

static ACTIONS: Tables = Tables {
    not_pages: &[("Ping", "a health check")],
    ..BASE
};

fn tables(name: &str) -> &'static Tables {
    if name == "actions" {
        &ACTIONS
    } else {
        &FIXTURES
    }
}

const BASE: Tables = Tables {
    extra_resources: &[],
    names: &[],
    tag_areas: &[
        ("Widget", Area::Customers),
        ("Thing", Area::DataExport),
        ("Gadget", Area::Usage),
        ("Rack", Area::LookupTables),
        ("Room", Area::Access),
        ("Sprocket", Area::ProductsPricing),
        ("Tool", Area::Billing),
    ],
    area_overrides: &[],
    not_pages: &[],
    corrections: &[],
    action_keys: &[("GetContents", "all")],
    placements: &[],
    segment_words: &[("alltools", "all-tools")],
    patterns: names::PATTERNS,
    pattern_enums: names::PATTERN_ENUMS,
};

fn fixture(name: &str) -> Value {
    let text = match name {
        "allof" => include_str!("fixtures/allof.json"),
        "variants" => include_str!("fixtures/variants.json"),
        "patterns" => include_str!("fixtures/patterns.json"),
        "nesting" => include_str!("fixtures/nesting.json"),
        "singleton" => include_str!("fixtures/singleton.json"),
        "corrected" => include_str!("fixtures/corrected.json"),
        "actions" => include_str!("fixtures/actions.json"),
        "answered" => include_str!("fixtures/answered.json"),
        other => panic!("no fixture {other}"),
    };
    ordered::parse(text).expect("fixture parses")
}

fn catalogue(name: &str) -> Catalogue {
    build(&fixture(name), tables(name)).expect("fixture builds")
}

fn resource<'a>(cat: &'a Catalogue, key: &str) -> &'a Resource {
    cat.resources
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no resource {key}"))
}

fn field<'a>(fields: &'a [F], key: &str) -> &'a F {
    fields
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("no field {key}"))
}

fn keys(fields: &[F]) -> Vec<&str> {
    fields.iter().map(|f| f.key.as_str()).collect()
}

fn en(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn enum_values(k: &K) -> Vec<String> {
    match k {
        K::Enum(En { values, .. }) => values.clone(),
        other => panic!("not an enum: {other:?}"),
    }
}

#[test]
fn reading_keeps_the_order_of_keys_and_escapes() {
    let v =
        ordered::parse(r#"{"b": 1, "a": {"z": "\u00e9\ud83d\ude00", "y": [true, null, -1.5e2]}}"#)
            .unwrap();
    let obj = v.as_object().unwrap();
    let order: Vec<&str> = ordered::entries(obj)
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(order, ["b", "a"]);
    assert_eq!(v["a"]["z"], "é😀");
    // Numbers keep their text (serde_json's `arbitrary_precision`): `-1.5e+2`, so compare values.
    assert_eq!(v["a"]["y"][0], json!(true));
    assert!(v["a"]["y"][1].is_null());
    assert_eq!(v["a"]["y"][2].as_f64(), Some(-150.0));
    assert!(ordered::parse("{\"a\": 1,}").is_err());
}

#[test]
fn all_of_chains_merge_properties_and_required_lists_and_unwrap_enums() {
    let cat = catalogue("allof");
    let r = resource(&cat, "widgets");
    // The request's order (the chain's parts first), then the response's own.
    assert_eq!(
        keys(&r.fields),
        [
            "version",
            "customFields",
            "name",
            "colour",
            "secret",
            "id",
            "dtCreated",
            "createdBy"
        ]
    );
    let name = field(&r.fields, "name");
    assert!(name.required);
    assert_eq!(
        name.kind,
        K::Text {
            min: 1,
            max: 20,
            check: Check::None
        }
    );
    // `required` from a later part of the chain; `allOf: [{$ref}, {}]` is just the enum.
    let colour = field(&r.fields, "colour");
    assert!(colour.required);
    assert_eq!(enum_values(&colour.kind), en(&["RED", "GREEN", "BLUE"]));
    assert_eq!(field(&r.fields, "customFields").kind, K::CustomFields);
    assert_eq!(r.page_size_max, 250);
    assert!(r.ops.list && r.ops.create && r.ops.retrieve && r.ops.update && r.ops.delete);
    assert_eq!(r.singular, "Widget");
    assert_eq!(r.plural, "Widgets");
    assert_eq!(r.area, Area::Customers);
}

#[test]
fn read_only_and_write_only_are_inferred_from_request_and_response() {
    let cat = catalogue("allof");
    let r = resource(&cat, "widgets");
    let secret = field(&r.fields, "secret");
    assert!(secret.write_only && !secret.read_only);
    for k in ["id", "dtCreated", "createdBy"] {
        let f = field(&r.fields, k);
        assert!(f.read_only && !f.write_only && !f.required, "{k}");
    }
    let name = field(&r.fields, "name");
    assert!(!name.read_only && !name.write_only);
    let version = field(&r.fields, "version");
    assert!(!version.read_only && !version.write_only && !version.required);
}

#[test]
fn inline_any_of_with_a_discriminator_gives_conditional_fields() {
    let cat = catalogue("variants");
    let r = resource(&cat, "things");
    assert_eq!(r.discriminator, "kind");
    assert_eq!(
        keys(&r.fields),
        ["name", "kind", "size", "both", "colours", "groups", "id", "rank", "audit"]
    );
    let kind = field(&r.fields, "kind");
    assert_eq!(enum_values(&kind.kind), en(&["A", "B"]));
    assert!(kind.required && kind.when.is_none());
    // In every variant: always; in some: when the discriminator has their values.
    assert!(field(&r.fields, "name").when.is_none());
    assert!(field(&r.fields, "both").when.is_none());
    let size = field(&r.fields, "size");
    assert!(size.required);
    let when = size.when.as_ref().unwrap();
    assert_eq!(
        (when.key.as_str(), when.any_of.clone()),
        ("kind", en(&["A"]))
    );
    assert_eq!(
        field(&r.fields, "colours").when.as_ref().unwrap().any_of,
        en(&["B"])
    );
    // The list answers the base schema: its fields apply to every variant.
    let rank = field(&r.fields, "rank");
    assert!(rank.read_only && rank.when.is_none());
    assert!(field(&r.fields, "id").when.is_none());
    assert_eq!(
        field(&r.fields, "audit").when.as_ref().unwrap().any_of,
        en(&["B"])
    );
}

#[test]
fn a_nested_discriminated_object_gets_conditional_fields_too() {
    let cat = catalogue("variants");
    let groups = field(&resource(&cat, "things").fields, "groups");
    let K::Objects { obj, .. } = &groups.kind else {
        panic!("groups: {:?}", groups.kind);
    };
    assert_eq!(keys(&obj.fields), ["groupType", "width", "depth"]);
    assert_eq!(
        enum_values(&field(&obj.fields, "groupType").kind),
        en(&["X", "Y"])
    );
    assert!(field(&obj.fields, "groupType").when.is_none());
    let depth = field(&obj.fields, "depth");
    assert!(depth.required);
    assert_eq!(depth.when.as_ref().unwrap().key, "groupType");
    assert_eq!(depth.when.as_ref().unwrap().any_of, en(&["Y"]));
    assert_eq!(
        field(&obj.fields, "width").when.as_ref().unwrap().any_of,
        en(&["X"])
    );
}

#[test]
fn known_java_patterns_become_named_checks() {
    let cat = catalogue("patterns");
    let r = resource(&cat, "gadgets");
    let check = |k: &str| match &field(&r.fields, k).kind {
        K::Text { check, .. } => *check,
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(check("code"), Check::Code);
    assert_eq!(check("fieldCode"), Check::FieldCode);
    assert_eq!(check("roleArn"), Check::IamRoleArn);
    assert_eq!(check("slug"), Check::AlnumDash);
    assert_eq!(check("handle"), Check::AlnumDashUnderscore);
    assert_eq!(check("contact"), Check::Email);
    assert_eq!(check("site"), Check::Url);
    // No regular expression reaches the catalogue.
    let (rust, _) = generate(&fixture("patterns"), &FIXTURES).unwrap();
    assert!(!rust.contains("Cntrl") && !rust.contains("arn:aws"));
}

#[test]
fn an_unknown_pattern_fails_naming_it() {
    let mut doc = fixture("patterns");
    doc["components"]["schemas"]["GadgetRequest"]["properties"]["zip"] =
        json!({ "type": "string", "pattern": "^[0-9]{5}$" });
    let err = build(&doc, &FIXTURES).err().expect("fails");
    assert!(err.contains("^[0-9]{5}$") && err.contains("zip"), "{err}");
}

#[test]
fn a_pattern_that_is_an_enum_becomes_one_united_with_the_answer() {
    let cat = catalogue("patterns");
    let cadence = field(&resource(&cat, "gadgets").fields, "cadence");
    assert_eq!(
        enum_values(&cadence.kind),
        en(&["HOUR", "DAY", "MINUTE", "AD_HOC"])
    );
}

#[test]
fn boolean_exclusive_minimum_raises_integers_and_marks_numbers() {
    let cat = catalogue("patterns");
    let r = resource(&cat, "gadgets");
    assert_eq!(
        field(&r.fields, "count").kind,
        K::Integer {
            min: Some(1),
            max: Some(10)
        }
    );
    assert_eq!(
        field(&r.fields, "ratio").kind,
        K::Number {
            min: Some(0.0),
            max: None,
            exclusive_min: true
        }
    );
    assert_eq!(
        field(&r.fields, "weight").kind,
        K::Number {
            min: Some(0.5),
            max: Some(2.5),
            exclusive_min: false
        }
    );
}

#[test]
fn parents_are_found_by_path_prefix_whatever_the_parameter_is_called() {
    let cat = catalogue("nesting");
    let racks = resource(&cat, "racks");
    assert_eq!(
        (racks.parent.as_deref(), racks.id_param.as_str()),
        (None, "id")
    );
    let boxes = resource(&cat, "boxes");
    assert_eq!(boxes.parent.as_deref(), Some("racks"));
    assert_eq!(boxes.parent_param, "rackId");
    assert_eq!(boxes.path, "racks/{rackId}/boxes");
    assert!(boxes.scope.is_empty());
    // Two levels down: the box is `{id}` on its own item path and `{boxId}` here.
    let contents = resource(&cat, "contents");
    assert_eq!(contents.parent.as_deref(), Some("boxes"));
    assert_eq!(contents.parent_param, "boxId");
    assert_eq!(contents.id_param, "slotKey");
    assert!(contents.scope.is_empty());
    assert!(!contents.ops.list && contents.ops.retrieve && contents.ops.update);
    // Its collection GET is no page: an action.
    let all = &contents.actions[0];
    assert_eq!(
        (all.key.as_str(), all.on, all.path.as_str()),
        ("all", On::Collection, "")
    );
    // A parameter no parent names is a scope.
    let rooms = resource(&cat, "rooms");
    assert_eq!(
        (rooms.parent.as_deref(), rooms.scope.clone()),
        (None, vec!["zone".to_owned()])
    );
    assert_eq!(rooms.id_param, "");
    assert!(rooms.ops.list && rooms.ops.create && !rooms.ops.retrieve);
    // Ids point at the resource whose singular is their stem.
    assert_eq!(
        field(&rooms.fields, "boxIds").kind,
        K::Ids {
            stem: "box".into(),
            to: Some("boxes".into()),
            min: 0,
            max: 0
        }
    );
    // After a qualifier too (`parentRack`, `spareBox`); a stem naming no resource links nowhere.
    let to = |k: &str| match &field(&racks.fields, k).kind {
        K::Id { to, .. } | K::Ids { to, .. } => to.clone(),
        other => panic!("not an id: {other:?}"),
    };
    assert_eq!(to("parentRackId").as_deref(), Some("racks"));
    assert_eq!(to("spareBoxIds").as_deref(), Some("boxes"));
    assert_eq!(to("vendorId"), None);
    assert_eq!(
        field(&boxes.fields, "rackId").kind,
        K::Id {
            stem: "rack".into(),
            to: Some("racks".into()),
            min: 0,
            max: 0,
            check: Check::None
        }
    );
}

#[test]
fn a_settings_resource_is_a_singleton() {
    let cat = catalogue("singleton");
    let r = resource(&cat, "preferences");
    assert!(r.singleton);
    assert_eq!(r.area, Area::Settings);
    assert_eq!(r.path, "preferences");
    assert_eq!(r.plural, "Preferences");
    assert!(r.ops.retrieve && r.ops.update && !r.ops.list && !r.ops.create && !r.ops.delete);
    assert_eq!(r.page_size_max, 0);
    assert!(field(&r.fields, "timezone").required);
    assert_eq!(field(&r.fields, "lockDate").kind, K::Date);
    assert!(field(&r.fields, "dtLastModified").read_only);
    assert!(!field(&r.fields, "version").required);
    let (rust, _) = generate(&fixture("singleton"), &FIXTURES).unwrap();
    assert!(rust.contains("singleton: true"));
    assert!(rust.contains("listed: false"));
}

static CORRECTED: Tables = Tables {
    corrections: &[Correction {
        op: "CreateSprocket",
        declared: "CogResponse",
        fix: Fix::Schema("SprocketResponse"),
        why: "creating a sprocket answers it",
    }],
    ..BASE
};

static STALE: Tables = Tables {
    corrections: &[Correction {
        op: "CreateSprocket",
        declared: "SomethingElse",
        fix: Fix::Json,
        why: "no longer true",
    }],
    ..BASE
};

#[test]
fn a_declared_answer_that_is_wrong_is_corrected_by_the_table() {
    // Uncorrected, the create's answer disagrees with the list's: the generator will not guess.
    let err = build(&fixture("corrected"), &FIXTURES)
        .err()
        .expect("fails");
    assert!(err.contains("CreateSprocket answers CogResponse"), "{err}");
    let cat = build(&fixture("corrected"), &CORRECTED).unwrap();
    let r = resource(&cat, "sprockets");
    assert_eq!(keys(&r.fields), ["pitch", "id"]);
    let (_, report) = generate(&fixture("corrected"), &CORRECTED).unwrap();
    assert!(
        report.contains("CreateSprocket: CogResponse → SprocketResponse"),
        "{report}"
    );
    // A correction that no longer matches the document fails, so a fixed document is noticed.
    let err = build(&fixture("corrected"), &STALE).err().expect("fails");
    assert!(
        err.contains("CreateSprocket") && err.contains("SomethingElse"),
        "{err}"
    );
}

#[test]
fn list_filters_get_kinds_and_safe_matches() {
    let cat = catalogue("actions");
    let r = resource(&cat, "tools");
    let got: Vec<(&str, FK, Match)> = r
        .filters
        .iter()
        .map(|f| (f.param.as_str(), f.kind.clone(), f.matches.clone()))
        .collect();
    let state = FK::Enum(En {
        values: en(&["NEW", "USED"]),
        hint: "ToolState".into(),
    });
    assert_eq!(
        got,
        [
            ("ids", FK::Many, Match::Equals("id".into())),
            ("codes", FK::Many, Match::Equals("code".into())),
            ("ownerId", FK::One, Match::Equals("ownerId".into())),
            ("tagIds", FK::One, Match::Contains("tagIds".into())),
            ("state", state, Match::Equals("state".into())),
            ("boughtStart", FK::DateTime, Match::From("bought".into())),
            ("boughtEnd", FK::DateTime, Match::Before("bought".into())),
            ("madeOn", FK::Date, Match::Custom),
            ("archived", FK::Flag, Match::Custom),
            ("limit", FK::Integer, Match::Custom),
            ("soldStart", FK::One, Match::Custom),
        ]
    );
    let (_, report) = generate(&fixture("actions"), &ACTIONS).unwrap();
    assert!(
        report.contains("tools: madeOn, archived, limit, soldStart"),
        "{report}"
    );
}

#[test]
fn actions_are_placed_by_path_shape_and_answer() {
    let cat = catalogue("actions");
    let r = resource(&cat, "tools");
    let got: Vec<(&str, On, &str, Answer)> = r
        .actions
        .iter()
        .map(|a| (a.key.as_str(), a.on, a.path.as_str(), a.answer))
        .collect();
    assert_eq!(
        got,
        [
            // Another name for the item's parameter is still the item.
            ("lock", On::Item, "lock", Answer::Entity),
            ("export", On::Item, "export", Answer::Download),
            ("retire-confirm", On::Item, "retire/confirm", Answer::Json),
            ("batch", On::Collection, "batch", Answer::Entities),
            ("search", On::Collection, "search", Answer::Page),
            ("latest", On::Root, "tools/latest/{ownerId}", Answer::Entity),
            ("all-tools", On::Root, "alltools", Answer::Page),
        ]
    );
    let retire = r
        .actions
        .iter()
        .find(|a| a.key == "retire-confirm")
        .unwrap();
    assert_eq!(
        retire.body,
        [F {
            key: "reason".into(),
            kind: K::Text {
                min: 0,
                max: 100,
                check: Check::None
            },
            required: true,
            read_only: false,
            write_only: false,
            when: None,
        }]
    );
    let batch = r.actions.iter().find(|a| a.key == "batch").unwrap();
    assert_eq!(
        field(&batch.body, "codes").kind,
        K::Strings { min: 1, max: 10 }
    );
    let all = r.actions.iter().find(|a| a.key == "all-tools").unwrap();
    assert_eq!(all.query.len(), 1);
    assert_eq!(all.query[0].matches, Match::Custom);
    let (_, report) = generate(&fixture("actions"), &ACTIONS).unwrap();
    assert!(
        report.contains("POST /organizations/{orgId}/ping Ping → not a page yet: a health check")
    );
    assert!(report.contains("PUT /organizations/{orgId}/tools/{toolId}/lock LockTool → tools action lock (Item, Entity)"));
    assert!(report.contains("GET /organizations/{orgId}/tools ListTools → tools list"));
    assert!(
        report
            .contains("5 standard operations, 7 actions, 1 not pages: 13 placed of 13 operations"),
        "{report}"
    );
}

#[test]
fn an_operation_that_cannot_be_placed_fails_naming_it() {
    let mut doc = fixture("actions");
    doc["paths"]["/organizations/{orgId}/orphans"] = json!({
        "get": {
            "operationId": "ListOrphans",
            "responses": { "200": { "content": { "application/json": {
                "schema": { "type": "object", "properties": { "n": { "type": "integer" } } }
            } } } }
        }
    });
    let err = build(&doc, &FIXTURES).err().expect("fails");
    assert!(
        err.contains("GET /organizations/{orgId}/orphans ListOrphans"),
        "{err}"
    );
}

#[test]
fn the_emitted_rust_names_the_facts() {
    let (rust, _) = generate(&fixture("variants"), &FIXTURES).unwrap();
    assert!(rust.starts_with(
        "// Generated by `cargo xtask catalogue` from m3ter's OpenAPI document (info.version 2)."
    ));
    assert!(rust.contains("use super::{"));
    assert!(rust.contains("pub static INDEX: [Entry; 1] = ["));
    assert!(rust.contains("pub static RESOURCES: [Resource; 1] = ["));
    assert!(rust
        .contains(r#"key: "things", singular: "Thing", plural: "Things", area: Area::DataExport"#));
    assert!(rust.contains(r#"discriminator: "kind""#));
    assert!(rust.contains(r#"static W_KIND_A: When = When::new("kind", &["A"]);"#));
    assert!(rust.contains(r#"Field::new("size", Kind::INTEGER).required().when(&W_KIND_A)"#));
    assert!(rust.contains(r#"Field::new("rank", Kind::INTEGER).read_only()"#));
    assert!(rust.contains(r#"Field::new("groups", Kind::objects(&O_GROUP, 0, 0)).when(&W_KIND_B)"#));
    // One static per distinct enum.
    assert_eq!(rust.matches(r#"Enum::new(&["A", "B"])"#).count(), 1);

    let (rust, _) = generate(&fixture("actions"), &ACTIONS).unwrap();
    assert!(rust.contains(r#"Action { key: "export", method: Method::Get, on: On::Item, path: "export", body: &[], query: &[], answer: Answer::Download }"#));
    assert!(
        rust.contains(r#"Filter::new("boughtStart", FilterKind::DateTime, Match::From("bought"))"#)
    );
}

/// A bare string parameter that must equal an enum field takes that field's values; one only
/// compared some other way stays free text.
#[test]
fn a_filter_equal_to_an_enum_field_takes_its_values() {
    let mut doc = fixture("actions");
    let list = &mut doc["paths"]["/organizations/{orgId}/tools"]["get"]["parameters"];
    if let Some(params) = list.as_array_mut() {
        params.push(json!({ "name": "grade", "in": "query", "schema": { "type": "string" } }));
    }
    doc["components"]["schemas"]["ToolResponse"]["properties"]["grade"] =
        json!({ "type": "string", "enum": ["FINE", "WORN"] });
    let (rust, _) = generate(&doc, &ACTIONS).unwrap();
    assert!(
        rust.contains(r#"Filter::new("grade", FilterKind::Enum(&E_"#),
        "{}",
        rust.lines()
            .filter(|l| l.contains("\"grade\""))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(rust.contains(r#"Enum::new(&["FINE", "WORN"])"#));
}

#[test]
fn no_prose_reaches_the_catalogue() {
    let mut doc = fixture("allof");
    let name = &mut doc["components"]["schemas"]["WidgetRequest"]["allOf"][2]["properties"]["name"];
    name["description"] = json!("PROSE-DESCRIPTION");
    name["example"] = json!("PROSE-EXAMPLE");
    name["title"] = json!("PROSE-TITLE");
    doc["paths"]["/organizations/{orgId}/widgets"]["get"]["summary"] = json!("PROSE-SUMMARY");
    let (rust, report) = generate(&doc, &FIXTURES).unwrap();
    assert!(!rust.contains("PROSE") && !report.contains("PROSE"));
}

#[test]
fn the_committed_catalogue_keeps_the_six_keys() {
    let text =
        std::fs::read_to_string(crate::root().join("crates/models/src/catalogue/generated.rs"))
            .unwrap();
    assert!(text.starts_with("// Generated by `cargo xtask catalogue`"));
    for key in [
        "meters",
        "export-schedules",
        "export-destinations",
        "balances",
        "transaction-schedules",
        "statement-jobs",
    ] {
        assert!(text.contains(&format!("key: {key:?},")), "{key}");
    }
}

#[test]
fn the_real_tables_hold_together() {
    let t = &names::M3TER;
    for (op, _) in t.action_keys {
        assert!(
            !t.not_pages.iter().any(|(n, _)| n == op),
            "{op}: an action and not a page"
        );
    }
    let keys: Vec<&str> = t.names.iter().map(|n| n.key).collect();
    for k in &keys {
        assert_eq!(keys.iter().filter(|x| *x == k).count(), 1, "{k}");
    }
    for key in [
        "meters",
        "export-schedules",
        "export-destinations",
        "transaction-schedules",
    ] {
        assert!(
            keys.contains(&key) || key == "meters",
            "{key} must stay a chosen key"
        );
    }
}

#[test]
fn a_bare_string_request_field_takes_the_enum_or_date_its_response_gives() {
    let cat = catalogue("answered");
    let r = resource(&cat, "gadgets");
    assert_eq!(
        enum_values(&field(&r.fields, "unit").kind),
        en(&["MINUTES", "DAYS"])
    );
    assert_eq!(field(&r.fields, "madeOn").kind, K::Date);
    // Plain on both sides stays text; a request's own bounds are kept over the answer's.
    assert!(matches!(field(&r.fields, "note").kind, K::Text { .. }));
    assert!(matches!(
        field(&r.fields, "name").kind,
        K::Text {
            min: 1,
            max: 20,
            ..
        }
    ));
}

#[test]
fn a_filter_finds_the_field_it_is_compared_with() {
    let cat = catalogue("answered");
    let r = resource(&cat, "gadgets");
    let got: Vec<(&str, &FK, &Match)> = r
        .filters
        .iter()
        .map(|f| (f.param.as_str(), &f.kind, &f.matches))
        .collect();
    assert_eq!(
        got,
        [
            ("madeOnStart", &FK::Date, &Match::From("madeOn".into())),
            ("note", &FK::One, &Match::Equals("note".into())),
            (
                "date",
                &FK::DateTime,
                &Match::Active("startDate".into(), "endDate".into())
            ),
            ("owner", &FK::One, &Match::Equals("ownerId".into())),
            ("partId", &FK::One, &Match::Contains("partIds".into())),
        ]
    );
}
