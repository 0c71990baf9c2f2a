//! Every action of the catalogue, run as a user runs it: from the page it belongs to (an entity's
//! page for item actions, the list for the others, the create form for a preview, the search box
//! for a search), with the inputs it asks for, through the confirmation when it changes something.
//! Each must answer on screen without an error, send exactly one request for the action, and change
//! the sandbox's data exactly when it says it changes state. What each action does to the data in
//! detail is the sandbox's own tests' business (`crates/sandbox/tests/actions_*.rs`).

use std::collections::BTreeMap;

use fantoccini::Locator;
use m3ter_models::catalogue::{entry, label, Action, Answer, On as ActionOn, Resource, RESOURCES};
use serde_json::{json, Value};

use crate::support::{text_of, Env};

/// One entity as the sandbox holds it.
#[derive(Clone, Debug)]
struct Held {
    id: String,
    parent: String,
    value: Value,
}

fn held(env: &Env, key: &str) -> Vec<Held> {
    let store = m3ter_sandbox::lock::lock(&env.sandbox.state.store);
    store
        .collection(key)
        .map(|c| {
            c.entries()
                .map(|(id, s)| Held {
                    id: id.to_owned(),
                    parent: s.parent.clone(),
                    value: s.value.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Everything the sandbox holds.
fn snapshot(env: &Env) -> BTreeMap<String, Vec<(String, String, Value)>> {
    let store = m3ter_sandbox::lock::lock(&env.sandbox.state.store);
    let keys: Vec<&'static str> = store.counts().map(|(k, _)| k).collect();
    keys.into_iter()
        .map(|k| {
            let all = store
                .collection(k)
                .map(|c| {
                    c.entries()
                        .map(|(id, s)| (id.to_owned(), s.parent.clone(), s.value.clone()))
                        .collect()
                })
                .unwrap_or_default();
            (k.to_owned(), all)
        })
        .collect()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The console path of resource `key`'s list under `parent` (the parent's id; the scope value of
/// a scoped resource), following the parents up.
fn list_path(env: &Env, key: &'static str, parent: &str) -> String {
    let r = resource(key);
    let e = entry(key).expect("entry");
    match e.parent {
        Some(pk) => {
            let grand = held(env, pk)
                .into_iter()
                .find(|h| h.id == parent)
                .map(|h| h.parent)
                .unwrap_or_default();
            format!("{}/{}/{key}", list_path(env, pk, &grand), enc(parent))
        }
        None if !r.scope.is_empty() => format!("/{key}"),
        None => format!("/{key}"),
    }
}

/// The scope query of a scoped resource's pages (`?type=user`).
fn scope_query(key: &str, parent: &str) -> String {
    match resource(key).scope.first() {
        Some(p) => format!("?{p}={}", enc(parent)),
        None => String::new(),
    }
}

fn detail_path(env: &Env, key: &'static str, h: &Held) -> String {
    format!(
        "{}/{}{}",
        list_path(env, key, &h.parent),
        enc(&h.id),
        scope_query(key, &h.parent)
    )
}

fn resource(key: &str) -> &'static Resource {
    m3ter_models::resource(key).expect("resource")
}

fn path_params(a: &Action) -> Vec<&'static str> {
    a.path
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

/// What the user types or picks.
enum Fill {
    /// A text input or text area by its label.
    Text(String, String),
    /// The "Other IDs" box of an id picker, by the picker's legend.
    Ids(String),
    Select(String, String),
    Check(String, String),
}

fn text(label: &str, value: &str) -> Fill {
    Fill::Text(label.to_owned(), value.to_owned())
}

/// The label of an action's path or query parameter.
fn param(name: &str, value: &str) -> Fill {
    text(&label::field(name), value)
}

/// How to run one action.
#[derive(Default)]
struct Plan {
    /// The entity an item action runs on.
    subject: Option<Held>,
    /// The parent of the list a nested collection action runs from.
    under: Option<String>,
    fills: Vec<Fill>,
    /// Run from the create form's Preview button.
    preview: bool,
    /// Reached from another page than the list (a root action of a nested resource).
    from: Option<String>,
}

impl Plan {
    fn on(subject: Held) -> Plan {
        Plan {
            subject: Some(subject),
            ..Plan::default()
        }
    }
    fn under(parent: &str) -> Plan {
        Plan {
            under: Some(parent.to_owned()),
            ..Plan::default()
        }
    }
    fn fill(mut self, f: Fill) -> Plan {
        self.fills.push(f);
        self
    }
}

fn first(env: &Env, key: &str, keep: impl Fn(&Held) -> bool) -> Held {
    held(env, key)
        .into_iter()
        .find(|h| keep(h))
        .unwrap_or_else(|| panic!("the demo data has no fitting {key}"))
}

/// Whether the resource's checks let the action run on this entity.
fn available(key: &str, a: &Action, h: &Held) -> bool {
    m3ter_models::resources::forms(key)
        .available(a.key)
        .is_none_or(|f| f(&h.value).is_none())
}

fn day_before(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.pred_opt())
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Who holds a permission policy: (policy, principal) of each grant of this kind.
fn grants(env: &Env, kind: &str) -> Vec<(String, String)> {
    held(env, "permission-policy-principals")
        .into_iter()
        .filter(|g| text_of(&g.value, "principalType") == kind)
        .map(|g| (g.parent, text_of(&g.value, "principalId")))
        .collect()
}

/// The inputs of each action that takes any, and the entities they run on.
fn plan(env: &Env, key: &'static str, a: &'static Action) -> Plan {
    let bill = |keep: &dyn Fn(&Value) -> bool| first(env, "bills", |h| keep(&h.value));
    let pending = || bill(&|b| text_of(b, "status") == "PENDING" && b["locked"] != true);
    let some = |k: &str| first(env, k, |_| true);
    let default_subject = || first(env, key, |h| available(key, a, h));
    let policy_without = |kind: &str, principal: &str| {
        let held = grants(env, kind);
        first(env, "permission-policies", |p| {
            !held
                .iter()
                .any(|(pol, who)| *pol == p.id && who == principal)
        })
    };
    match (key, a.key) {
        ("account-plans", "replace") => {
            let plan = first(env, key, |h| {
                let start = text_of(&h.value, "startDate");
                let end = text_of(&h.value, "endDate");
                !start.is_empty() && (end.is_empty() || end.as_str() > "2025-06-02")
            });
            Plan::on(plan).fill(text("Start date (required)", "2025-06-01T00:00:00Z"))
        }
        ("accounts" | "contracts", "end-date-billing-entities") => Plan::on(some(key))
            .fill(text("End date (required)", "2031-01-01T00:00:00Z"))
            .fill(Fill::Check(
                "Billing entities (required)".into(),
                "Contract".into(),
            )),
        ("accounts", "children") => {
            let parents: Vec<String> = held(env, "accounts")
                .iter()
                .map(|h| text_of(&h.value, "parentAccountId"))
                .collect();
            Plan::on(first(env, key, |h| parents.contains(&h.id)))
        }
        ("bills", "status") => {
            Plan::on(pending()).fill(Fill::Select("Status (required)".into(), "Approved".into()))
        }
        ("bills", "latest" | "for-account") => {
            Plan::default().fill(param("accountId", &text_of(&pending().value, "accountId")))
        }
        ("bills", "approve-billing-period" | "in-billing-period") => {
            let b = pending();
            Plan::default()
                .fill(param(
                    "lastDateInBillingPeriod",
                    &day_before(&text_of(&b.value, "endDate")),
                ))
                .fill(param(
                    "billingFrequency",
                    &text_of(&b.value, "billingFrequency"),
                ))
        }
        ("bills", "approve") => Plan::default().fill(Fill::Ids(pending().id)),
        ("bills", "preview") => {
            Plan::default().fill(Fill::Ids(text_of(&pending().value, "accountId")))
        }
        ("bill-jobs", "recalculate") => {
            Plan::default().fill(Fill::Ids(bill(&|b| b["locked"] != true).id))
        }
        ("statement-jobs", "batch") => Plan::default().fill(Fill::Ids(some("bills").id)),
        ("line-items", "all-bills") => {
            let b = first(env, "bills", |b| {
                held(env, key).iter().any(|l| l.parent == b.id)
            });
            Plan {
                from: Some(detail_path(env, "bills", &b)),
                ..Plan::default()
            }
        }
        ("charge-schedules", "preview") => Plan {
            preview: true,
            ..Plan::under(&some("balances").id)
        }
        .fill(text("Name (required)", "Monthly fee from the console"))
        .fill(text("Code (required)", "console_fee"))
        .fill(text("Currency (required)", "USD"))
        .fill(text("Amount", "10"))
        .fill(text(
            "Service period start date (required)",
            "2026-01-01T00:00:00Z",
        ))
        .fill(text(
            "Service period end date (required)",
            "2026-07-01T00:00:00Z",
        ))
        .fill(Fill::Select(
            "Bill frequency (required)".into(),
            "Monthly".into(),
        ))
        .fill(text("Bill frequency interval (required)", "1"))
        .fill(text("Charge description (required)", "Monthly fee")),
        ("transaction-schedules", "preview") => Plan {
            preview: true,
            ..Plan::under(&some("balances").id)
        }
        .fill(text("Name (required)", "Monthly top-up from the console"))
        .fill(text("Code (required)", "console_topup"))
        .fill(text("Amount (required)", "25"))
        .fill(text("Transaction description (required)", "Top-up"))
        .fill(text(
            "Transaction type (required)",
            &some("transaction-types").id,
        ))
        .fill(text("Start date (required)", "2026-01-01T00:00:00Z"))
        .fill(text("End date (required)", "2026-04-01T00:00:00Z"))
        .fill(Fill::Select(
            "Frequency (required)".into(),
            "Monthly".into(),
        ))
        .fill(text("Every (required)", "1")),
        ("transactions", "summary") => Plan::under(&some("balances").id),
        ("export-jobs", "ad-hoc") => Plan::default()
            .fill(Fill::Select(
                "Source type (required)".into(),
                "Operational".into(),
            ))
            .fill(Fill::Check(
                "Operational data types (required)".into(),
                "Bills".into(),
            )),
        ("notification-configurations", "evaluate") => {
            let n = some(key);
            Plan::default()
                .fill(text("Event name", &text_of(&n.value, "eventName")))
                .fill(text("Calculation", &text_of(&n.value, "calculation")))
        }
        ("external-mappings", "for-external-id") => {
            let m = some(key).value;
            Plan::default()
                .fill(param("system", &text_of(&m, "externalSystem")))
                .fill(param("externalTable", &text_of(&m, "externalTable")))
                .fill(param("externalId", &text_of(&m, "externalId")))
        }
        ("external-mappings", "for-entity") => {
            let m = some(key).value;
            Plan::default()
                .fill(param("entity", &text_of(&m, "m3terEntity")))
                .fill(param("m3terId", &text_of(&m, "m3terId")))
        }
        ("integration-configs", "for-entity-type") => Plan::default().fill(param(
            "entityType",
            &text_of(&some(key).value, "entityType"),
        )),
        ("integration-runs", "latest" | "for-entity" | "latest-for-entities") => {
            let run = some(key).value;
            let id_param = path_params(a)
                .into_iter()
                .find(|p| *p != "entityType")
                .unwrap_or("ids");
            Plan::default()
                .fill(param("entityType", &text_of(&run, "entityType")))
                .fill(param(id_param, &text_of(&run, "entityId")))
        }
        ("integration-runs", "for-destination") => {
            let run = first(env, key, |h| !text_of(&h.value, "destinationId").is_empty());
            Plan::default().fill(param(
                "destinationId",
                &text_of(&run.value, "destinationId"),
            ))
        }
        ("integration-runs", "logs") => Plan::default().fill(param("id", &some(key).id)),
        ("webhooks", "active") => {
            let w = some(key);
            let flip = if w.value["active"] == true {
                "false"
            } else {
                "true"
            };
            Plan::on(w).fill(param("active", flip))
        }
        ("lookup-table-data", "all") => Plan::under(&some("lookup-table-revisions").id),
        ("lookup-table-data", "replace-all" | "delete-all" | "archived" | "copy")
        | ("lookup-table-data-jobs", "download") => {
            // Rows change only in drafts; an archive is read from an archived revision.
            let wanted = match a.key {
                "archived" => Some("ARCHIVED"),
                "replace-all" | "delete-all" => Some("DRAFT"),
                _ => None,
            };
            let rev = first(env, "lookup-table-revisions", |h| {
                wanted.is_none_or(|w| text_of(&h.value, "status") == w)
                    && held(env, "lookup-table-data")
                        .iter()
                        .any(|d| d.parent == h.id)
            });
            let mut plan = Plan::under(&rev.id);
            if a.key == "replace-all" {
                let rows: Vec<Value> = held(env, "lookup-table-data")
                    .into_iter()
                    .filter(|d| d.parent == rev.id)
                    .map(|d| d.value["item"].clone())
                    .collect();
                plan = plan.fill(text("Items (required)", &Value::Array(rows).to_string()));
            }
            if matches!(a.key, "archived" | "download") {
                let csv =
                    m3ter_models::resources::overlay(key).value_label("contentType", "text/csv");
                plan = plan.fill(Fill::Select("Content type (required)".into(), csv));
            }
            plan
        }
        ("lookup-table-revisions", "status") => {
            Plan::on(first(env, key, |h| text_of(&h.value, "status") == "DRAFT"))
                .fill(Fill::Select("Status".into(), "Published".into()))
        }
        ("permission-policies", "add-to-user") => {
            let user = some("users").id;
            Plan::on(policy_without("USER", &user)).fill(text("Principal (required)", &user))
        }
        ("permission-policies", "add-to-user-group") => {
            let group = first(env, "resource-groups", |g| {
                g.parent.eq_ignore_ascii_case("user")
            })
            .id;
            Plan::on(policy_without("USERGROUP", &group)).fill(text("Principal (required)", &group))
        }
        ("permission-policies", "add-to-service-user") => {
            let who = "e2e-service-user";
            Plan::on(policy_without("SERVICEUSER", who)).fill(text("Principal (required)", who))
        }
        ("permission-policies", "add-to-support-users") => {
            let held = grants(env, "SUPPORTUSERS");
            Plan::on(first(env, key, |p| {
                !held.iter().any(|(pol, _)| *pol == p.id)
            }))
        }
        ("permission-policies", remove) if remove.starts_with("remove-from-") => {
            let kind = match remove {
                "remove-from-user" => "USER",
                "remove-from-user-group" => "USERGROUP",
                "remove-from-service-user" => "SERVICEUSER",
                _ => "SUPPORTUSERS",
            };
            let (policy, who) = grants(env, kind)
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("the demo data has no {kind} grant"));
            let plan = Plan::on(first(env, key, |p| p.id == policy));
            if kind == "SUPPORTUSERS" {
                plan
            } else {
                plan.fill(text("Principal (required)", &who))
            }
        }
        ("resource-groups", "add-resource") => {
            let group = first(env, key, |g| g.parent.eq_ignore_ascii_case("user"));
            let members: Vec<String> = held(env, "resource-group-items")
                .into_iter()
                .filter(|m| m.parent == group.id)
                .map(|m| text_of(&m.value, "targetId"))
                .collect();
            let user = first(env, "users", |u| !members.contains(&u.id)).id;
            Plan::on(group)
                .fill(text("Target (required)", &user))
                .fill(Fill::Select("Target type (required)".into(), "Item".into()))
        }
        ("resource-groups", "remove-resource") => {
            let member = some("resource-group-items");
            let group = first(env, key, |g| g.id == member.parent);
            let kind = m3ter_models::resources::overlay(key)
                .value_label("targetType", &text_of(&member.value, "targetType"));
            Plan::on(group)
                .fill(text(
                    "Target (required)",
                    &text_of(&member.value, "targetId"),
                ))
                .fill(Fill::Select("Target type (required)".into(), kind))
        }
        (_, _) if a.on == ActionOn::Item => Plan::on(default_subject()),
        (_, _) => match entry(key).and_then(|e| e.parent) {
            Some(parent) => Plan::under(&some(parent).id),
            None => Plan::default(),
        },
    }
}

/// Clicks the visible button or link named `name` (a button first).
async fn click_named(env: &Env, name: &str) {
    let script = "const want = arguments[0];
        const all = [...document.querySelectorAll('main button, main a, article button, article a')];
        const el = all.find(e => e.textContent.replace(/\\s+/g, ' ').trim() === want && e.offsetParent !== null && !e.disabled);
        if (!el) return false;
        el.click();
        return true;";
    env.until(&format!("a button or link {name:?}"), || async {
        let done = env.client.execute(script, vec![json!(name)]).await.ok()?;
        (done == json!(true)).then_some(())
    })
    .await;
}

async fn apply(env: &Env, f: &Fill) {
    match f {
        Fill::Text(l, v) => env.fill(l, v).await,
        // Each form here has one id picker.
        Fill::Ids(v) => env.fill("Other IDs (one per line)", v).await,
        Fill::Select(l, o) => env.select(l, o).await,
        Fill::Check(group, l) => env.check(Some(group), l).await,
    }
}

/// The text of the answer the page shows (the action page's answer, or the banner and download
/// section of an entity's page).
async fn answer_text(env: &Env, label: &str) -> String {
    env.until(&format!("the answer of {label:?}"), || async {
        for css in ["section.answer", "section[role=status]", "p.banner"] {
            if let Ok(el) = env.client.find(Locator::Css(css)).await {
                let t = el.text().await.unwrap_or_default();
                if !t.trim().is_empty() && !t.contains("Pre-filled") {
                    return Some(t);
                }
            }
        }
        None
    })
    .await
}

#[tokio::test]
async fn every_action_runs_from_its_page() {
    // Jobs the actions start stay where they are, so what changes is what the actions did.
    let env = Env::with(m3ter_sandbox::Config {
        job_step_ms: 86_400_000,
        ..Default::default()
    })
    .await;
    env.connect().await;
    // Leaving a form after its preview (it has unsaved changes) is what the user wants here.
    env.client
        .execute("window.confirm = () => true;", vec![])
        .await
        .expect("js");
    let mut ran = 0;
    for r in RESOURCES.iter() {
        let key: &'static str = r.key;
        let o = m3ter_models::resources::overlay(key);
        for a in r.actions {
            let label = o.action(a.key).map(|n| n.label).unwrap_or(a.key);
            let what = format!("{key} {}", a.key);
            let plan = plan(&env, key, a);
            let changes = o.changes_state(a);
            let searches = a.query.iter().any(|q| q.param == "searchQuery");
            // Reading actions with nothing to ask run as their page opens.
            let runs_on_open = !changes && a.body.is_empty() && path_params(a).is_empty();

            // The page the action belongs to.
            let start = match (&plan.subject, &plan.under, &plan.from) {
                (_, _, Some(from)) => from.clone(),
                (Some(h), _, _) => detail_path(&env, key, h),
                (None, Some(p), _) => list_path(&env, key, p),
                (None, None, _) => list_path(&env, key, ""),
            };
            let start = if plan.preview {
                format!("{start}/new")
            } else {
                start
            };
            env.visit(&start).await;
            let before = snapshot(&env);
            if plan.preview {
                env.see("Preview").await;
            } else if searches {
                env.clear_requests();
                env.fill(
                    &format!(
                        "Search all {}",
                        entry(key)
                            .map(|e| e.plural)
                            .unwrap_or_default()
                            .to_ascii_lowercase()
                    ),
                    "",
                )
                .await;
                click_named(&env, "Search").await;
            } else {
                if runs_on_open {
                    env.clear_requests();
                }
                click_named(&env, label).await;
            }
            for f in &plan.fills {
                apply(&env, f).await;
            }
            // Items prefilled from the entity (a form) or a button on the entity's page.
            let on_button = a.on == ActionOn::Item
                && a.body.is_empty()
                && path_params(a).is_empty()
                && a.query.is_empty()
                && (changes || a.answer == Answer::Download);
            if plan.preview {
                env.clear_requests();
                click_named(&env, "Preview").await;
            } else if !runs_on_open && !on_button && !searches {
                env.clear_requests();
                env.click_button(label).await;
            }
            if changes {
                env.role("dialog", &format!("{label}?")).await;
                env.clear_requests();
                env.click_dialog_button(label).await;
            }
            let shown = answer_text(&env, label).await;
            env.screenshot(&format!("action-{key}-{}", a.key)).await;
            env.assert_no_crash(&what).await;
            if let Ok(alert) = env.client.find(Locator::Css("[role=alert]")).await {
                let t = alert.text().await.unwrap_or_default();
                assert!(
                    t.trim().is_empty(),
                    "{what}: an error is shown: {t}\n{shown}"
                );
            }
            // Exactly one request for the action, answered with success.
            let stem = a
                .path
                .split('{')
                .next()
                .unwrap_or_default()
                .trim_end_matches('/');
            let sent: Vec<Value> = env
                .requests()
                .into_iter()
                .filter(|q| {
                    q["method"] == a.method.as_str()
                        && q["path"].as_str().is_some_and(|p| {
                            let p = p.trim_end_matches('/');
                            stem.is_empty() || p.contains(&format!("/{stem}"))
                        })
                        && q["query"]
                            .as_str()
                            .is_none_or(|q| !q.contains("pageSize") || plan.preview)
                })
                .collect();
            assert_eq!(sent.len(), 1, "{what}: one request, not {sent:?}");
            assert!(
                sent[0]["status"]
                    .as_u64()
                    .is_some_and(|s| (200..300).contains(&s)),
                "{what}: {:?}",
                sent[0]
            );
            // A download link serves its file.
            if a.answer == Answer::Download {
                if let Ok(link) = env
                    .client
                    .find(Locator::LinkText("Download the file"))
                    .await
                {
                    let href = link.attr("href").await.ok().flatten().unwrap_or_default();
                    let path = href
                        .splitn(4, '/')
                        .nth(3)
                        .map(|p| format!("/{p}"))
                        .unwrap_or_default();
                    let (status, body) = env.http("GET", &path, &[], None).await;
                    assert_eq!(status, 200, "{what}: the file at {href}");
                    assert!(!body.is_empty(), "{what}: an empty file");
                } else {
                    assert!(shown.contains("job"), "{what}: no link and no job: {shown}");
                }
            }
            // The data changes exactly when the action says it changes something (a few reading
            // actions record that they ran; a password mail leaves nothing behind).
            let after = snapshot(&env);
            let records = matches!(
                (key, a.key),
                ("bills", "generate-statement-csv") | ("lookup-table-data-jobs", "download")
            );
            let leaves_nothing = matches!((key, a.key), ("users", "resend-password"));
            let changed: Vec<&String> = after
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(*v))
                .map(|(k, _)| k)
                .chain(before.keys().filter(|k| !after.contains_key(*k)))
                .collect();
            if changes && !leaves_nothing {
                assert!(
                    !changed.is_empty(),
                    "{what} changes state but the data is the same"
                );
            } else if !changes && !records {
                assert!(
                    changed.is_empty(),
                    "{what} only reads but changed {changed:?}"
                );
            }
            ran += 1;
        }
    }
    let total: usize = RESOURCES.iter().map(|r| r.actions.len()).sum();
    assert_eq!(ran, total);
    env.finish().await;
}

/// What the entity's state rules out is not offered: a locked bill's lock button is disabled and
/// its status form is not linked, each with the reason the API would give.
#[tokio::test]
async fn actions_the_state_rules_out_say_why() {
    use m3ter_models::resources::bills::{lockable, status_changeable};
    let env = Env::start().await;
    env.connect().await;
    let locked = first(&env, "bills", |h| h.value["locked"] == true);
    env.visit(&detail_path(&env, "bills", &locked)).await;
    let (no_lock, no_status) = (
        lockable(&locked.value).expect("a locked bill cannot be locked"),
        status_changeable(&locked.value).expect("nor change status"),
    );
    env.see(&no_lock).await;
    env.see(&no_status).await;
    let lock = env.button("Lock bill").await;
    assert!(
        !lock.is_enabled().await.unwrap_or(true),
        "the lock button is disabled"
    );
    let status_links = env
        .client
        .find_all(Locator::LinkText("Change status"))
        .await
        .unwrap_or_default();
    assert!(
        status_links.is_empty(),
        "no link to a form m3ter would refuse"
    );
    env.screenshot("action-ruled-out").await;
    env.finish().await;
}

/// A download link says when it has expired (by the URL's own expiry, before the storage would
/// refuse it) and gets a new one from m3ter on request.
#[tokio::test]
async fn an_expired_download_link_says_so_and_gets_a_new_one() {
    // The URL's `X-Amz-Date` has whole seconds (as S3's), so a link lives between ttl − 1 and ttl
    // seconds as the console reads it: with 1 s it could be over before the page showed it.
    let env = Env::with(m3ter_sandbox::Config {
        link_ttl_secs: 3,
        ..Default::default()
    })
    .await;
    env.connect().await;
    let bill = first(&env, "bills", |_| true);
    env.visit(&detail_path(&env, "bills", &bill)).await;
    env.clear_requests();
    click_named(&env, "Download statement (JSON)").await;
    env.see("Download the file").await;
    env.role("alert", "This download link expired").await;
    click_named(&env, "Get a new link").await;
    env.see("Download the file").await;
    let asked = env
        .requests()
        .iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/statement/json"))
        })
        .count();
    assert_eq!(asked, 2, "one request per link");
    env.finish().await;
}

/// An action's id parameter offers the entities it may name, each by its name: "Bills of an
/// account" offers the accounts, so nobody has to know an account's id by heart.
#[tokio::test]
async fn an_id_parameter_offers_the_entities_it_names() {
    let env = Env::start().await;
    env.connect().await;
    env.visit("/bills").await;
    let label = m3ter_models::resources::overlay("bills")
        .action("for-account")
        .map(|n| n.label)
        .expect("the action has its words");
    click_named(&env, label).await;
    let input = env.field(&label::field("accountId")).await;
    let offered = env.offered(&input).await;
    let accounts = held(&env, "accounts");
    let page = m3ter_models::resource("accounts").map_or(0, |r| r.page_size_max as usize);
    assert_eq!(offered.len(), accounts.len().min(page), "{offered:?}");
    for (id, name) in &offered {
        let account = accounts
            .iter()
            .find(|h| &h.id == id)
            .unwrap_or_else(|| panic!("{id} is an account"));
        assert!(
            name.contains(&text_of(&account.value, "name")),
            "{id} is offered by its name, not {name:?}"
        );
    }
    // Picking one runs the action for that account.
    let (id, _) = offered.first().cloned().expect("an account");
    env.fill(&label::field("accountId"), &id).await;
    env.clear_requests();
    env.click_button(label).await;
    env.until("the account's bills asked for", || async {
        env.requests()
            .iter()
            .any(|r| {
                r["status"] == 200
                    && r["path"]
                        .as_str()
                        .is_some_and(|p| p.ends_with(&format!("/bills/accountid/{id}")))
            })
            .then_some(())
    })
    .await;
    env.assert_no_crash("after picking an account").await;
    env.finish().await;
}
