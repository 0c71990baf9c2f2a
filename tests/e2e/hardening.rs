//! Hostile and extreme data, secrets, and static hosting (sub-path, config.json, CSP), in Chromium.

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::support::{text_of, Env, Options};

const HOSTILE_NAME: &str = "<img src=x onerror=\"window.__pwned=1\">";
const HOSTILE_CODE: &str = "</script><script>window.__pwned=2</script>";

/// Nothing executed, no element was made from API text, no panic, no CSP violation.
async fn nothing_injected(env: &Env) {
    let pwned = env
        .client
        .execute(
            "return window.__pwned === undefined ? null : window.__pwned",
            vec![],
        )
        .await
        .expect("js");
    assert_eq!(pwned, Value::Null, "script from API data ran");
    assert!(
        env.client.find(Locator::Css("img[src='x']")).await.is_err(),
        "an <img> was made from API text"
    );
    assert!(
        env.client.find(Locator::Css(".panic")).await.is_err(),
        "the console panicked"
    );
    let reports =
        m3ter_sandbox::lock::lock(&env.site.as_ref().unwrap_or(&env.sandbox).state.csp_reports)
            .clone();
    assert!(reports.is_empty(), "CSP violations: {reports:?}");
}

fn nested(depth: usize) -> Value {
    (0..depth).fold(json!("bottom"), |inner, _| json!({ "a": inner }))
}

#[tokio::test]
async fn hostile_and_extreme_values_display_as_text() {
    let env = Env::start().await;
    let mut meter = env.all("meters")[0].clone();
    meter["name"] = json!(HOSTILE_NAME);
    meter["code"] = json!(HOSTILE_CODE);
    meter["version"] = json!(-9_007_199_254_740_991i64);
    meter["productId"] = Value::Null;
    meter["groupId"] = json!(12345);
    meter["dataFields"][0]["name"] = json!("x".repeat(100_000));
    meter["dataFields"][0]["category"] = json!("NEW_<b>CATEGORY</b>");
    meter["derivedFields"] = json!([]);
    meter["customFields"] = json!({"deep": nested(60), "huge": 1e308, "tiny": -1e-308, "html": "<script>window.__pwned=3</script>"});
    meter["futureField"] = json!([null, 1e308, -9_007_199_254_740_991i64, true, {"x": []}]);
    meter["dtCreated"] = json!("not a date");
    let id = text_of(&meter, "id");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("meters", meter);
    env.connect().await;
    let rows = env.wait_rows("Meters").await;
    assert_eq!(rows[0][0], HOSTILE_NAME, "shown as text in the table");
    env.click_link(HOSTILE_NAME).await;
    env.see(&id).await;
    env.see("-9007199254740991").await;
    env.see("NEW_<b>CATEGORY</b>").await;
    env.see("not a date").await;
    env.see("futureField").await;
    env.screenshot("hostile-detail").await;
    nothing_injected(&env).await;
    env.click_button("Raw JSON").await;
    env.see("window.__pwned=2").await;
    nothing_injected(&env).await;
    // The edit form shows the values as text in its inputs, and keeps what it does not know.
    env.click_link("Edit").await;
    let name = env
        .field("Name (required)")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(name.as_deref(), Some(HOSTILE_NAME));
    env.see("NEW_<b>CATEGORY</b> (not known to this console; kept as is)")
        .await;
    nothing_injected(&env).await;
    // The dialog, the deleted view and the list of deletions.
    env.click_link("Cancel").await;
    env.click_button("Delete").await;
    let dialog = env.role("dialog", "Delete this meter?").await;
    assert!(dialog
        .text()
        .await
        .unwrap_or_default()
        .contains(HOSTILE_CODE));
    env.click_dialog_button("Delete meter").await;
    env.see("Deleted.").await;
    env.see(HOSTILE_NAME).await;
    nothing_injected(&env).await;
    env.click_link("Recently deleted").await;
    let rows = env.wait_rows("Deleted in this tab").await;
    assert_eq!(rows[0][0], HOSTILE_NAME);
    nothing_injected(&env).await;
    env.finish().await;
}

/// Everything the page holds that could leak: the DOM, both storages, the URLs it visited, and
/// what it printed to the console.
async fn leak_surface(env: &Env) -> String {
    env.client
        .execute(
            "const dump = s => Object.keys(s).map(k => k + '=' + s.getItem(k)).join('\\n');
             return [document.documentElement.outerHTML, dump(localStorage), dump(sessionStorage),
                     location.href, (window.__urls || []).join('\\n'), (window.__console || []).join('\\n')].join('\\n');",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Records history changes and console output from now on.
async fn watch(env: &Env) {
    let _ = env
        .client
        .execute(
            "window.__urls = [location.href]; window.__console = [];
             for (const f of ['pushState', 'replaceState']) {
                 const o = history[f];
                 history[f] = function (s, t, u) { window.__urls.push(String(u)); return o.apply(this, arguments); };
             }
             for (const k of ['log', 'info', 'warn', 'error', 'debug']) {
                 const o = console[k];
                 console[k] = (...a) => { window.__console.push(a.map(String).join(' ')); o.apply(console, a); };
             }",
            vec![],
        )
        .await;
}

#[tokio::test]
async fn the_token_never_leaks() {
    let env = Env::start().await;
    let token = m3ter_sandbox::lock::lock(&env.sandbox.state.auth)
        .issue(3600)
        .access_token;
    env.open("/meters").await;
    watch(&env).await;
    env.fill("API base URL", &env.sandbox.url()).await;
    env.fill("Organization ID", m3ter_sandbox::DEMO_ORG).await;
    env.fill("API token", &format!("Bearer {token}")).await;
    env.click_button("Connect").await;
    env.wait_rows("Meters").await;
    // A full scenario: browse, open, create, fail, delete, reconnect, look at the activity.
    let meter = env.all("meters")[0].clone();
    env.click_link(&text_of(&meter, "name")).await;
    env.see(&text_of(&meter, "id")).await;
    env.click_button("Raw JSON").await;
    env.click_link("Meters").await;
    env.click_link("New meter").await;
    env.fill("Name (required)", "Leak check").await;
    env.fill("Code (required)", "leak_check").await;
    env.select_in("Data field 1", "Category (required)", "Who")
        .await;
    env.fill_in("Data field 1", "Code (required)", "who").await;
    env.fill_in("Data field 1", "Name (required)", "Who").await;
    env.fault(json!({"kind": "status", "status": 400, "method": "POST", "times": 1, "body": "{\"message\": \"code: is taken\"}"}));
    env.click_button("Create meter").await;
    env.role("alert", "is taken").await;
    env.click_button("Create meter").await;
    env.see("Meter saved").await;
    env.click_button("Delete").await;
    env.click_dialog_button("Delete meter").await;
    env.see("Deleted.").await;
    m3ter_sandbox::lock::lock(&env.sandbox.state.auth).expire(&token);
    env.click_link("Balances").await;
    env.role("dialog", "Reconnect to m3ter").await;
    env.fill("API token", m3ter_sandbox::DEMO_TOKEN).await;
    env.click_button("Reconnect").await;
    env.wait_rows("Balances").await;
    let _ = env
        .client
        .execute("[...document.querySelectorAll('header button')].find(b => b.textContent.startsWith('Activity')).click()", vec![])
        .await;
    env.see("Include token in curl").await;
    let surface = leak_surface(&env).await;
    assert!(
        !surface.contains(&token),
        "the token appears in the DOM, storage, URLs or console output"
    );
    assert!(
        !surface.contains(m3ter_sandbox::DEMO_TOKEN),
        "the second token appears too"
    );
    assert!(
        surface.contains("leak_check"),
        "the surface was really captured"
    );
    for r in env.requests() {
        let where_ = format!("{} {}", r["path"], r["query"]);
        assert!(
            !where_.contains(&token) && !where_.contains("token="),
            "token in a URL: {where_}"
        );
    }
    // Opting in stores it where asked; Sign out wipes memory and both storages.
    env.click_button("Sign out").await;
    env.fill("API base URL", &env.sandbox.url()).await;
    env.fill("Organization ID", m3ter_sandbox::DEMO_ORG).await;
    let remembered = m3ter_sandbox::lock::lock(&env.sandbox.state.auth)
        .issue(3600)
        .access_token;
    env.fill("API token", &remembered).await;
    env.check(None, "Remember on this device").await;
    env.click_button("Connect").await;
    env.wait_rows("Balances").await;
    env.see("Token kept on this device (localStorage)").await;
    let stored = env
        .client
        .execute(
            "return localStorage.getItem('m3ter-console.connection') || ''",
            vec![],
        )
        .await
        .expect("js");
    assert!(
        stored.as_str().unwrap_or_default().contains(&remembered),
        "opted in: kept on the device"
    );
    env.click_button("Sign out").await;
    let surface = leak_surface(&env).await;
    assert!(
        !surface.contains(&remembered),
        "Sign out left the token behind"
    );
    // Client credentials: the secret is stored only when that is asked for too.
    env.fill("API base URL", &env.sandbox.url()).await;
    env.fill("Organization ID", m3ter_sandbox::DEMO_ORG).await;
    env.check(None, "Client credentials").await;
    env.fill("Access key ID", m3ter_sandbox::DEMO_CLIENT_ID)
        .await;
    env.fill("API secret", m3ter_sandbox::DEMO_CLIENT_SECRET)
        .await;
    env.check(None, "Remember in this tab").await;
    env.click_button("Connect").await;
    env.wait_rows("Balances").await;
    let tab = env
        .client
        .execute(
            "return sessionStorage.getItem('m3ter-console.connection') || ''",
            vec![],
        )
        .await
        .expect("js");
    let tab = tab.as_str().unwrap_or_default().to_owned();
    assert!(
        tab.contains(m3ter_sandbox::DEMO_CLIENT_ID)
            && !tab.contains(m3ter_sandbox::DEMO_CLIENT_SECRET),
        "{tab}"
    );
    assert!(
        !leak_surface(&env)
            .await
            .contains(m3ter_sandbox::DEMO_CLIENT_SECRET),
        "the secret leaked"
    );
    env.click_button("Sign out").await;
    let left = env.client.execute("return Object.keys(localStorage).concat(Object.keys(sessionStorage)).filter(k => !k.includes('.pref.')).join(',')", vec![]).await.expect("js");
    assert_eq!(left, "", "Sign out leaves nothing but preferences");
    nothing_injected(&env).await;
    env.finish().await;
}

fn subpath_dist() -> std::path::PathBuf {
    let dir = std::env::var("M3TER_DIST_SUBPATH")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target")
                .join("dist-console")
        });
    assert!(
        dir.join("index.html").is_file(),
        "no /console/ build at {} — `cargo xtask test` builds it (trunk build --public-url /console/)",
        dir.display()
    );
    dir
}

#[tokio::test]
async fn hosted_under_a_sub_path_with_config_and_csp() {
    let port = crate::support::free_port();
    let api = format!("http://127.0.0.1:{port}");
    let env = Env::with_options(Options {
        dist: Some(subpath_dist()),
        port: Some(port),
        config: m3ter_sandbox::Config { base_path: "/console/".into(), ..Default::default() },
        config_json: Some(json!({"apiBaseUrl": api, "organizationId": m3ter_sandbox::DEMO_ORG, "title": "Acme billing console"})),
        ..Default::default()
    })
    .await;
    // A deep link straight into the sub-path.
    env.open("/console/meters").await;
    env.see("Acme billing console").await;
    let org = env
        .field("Organization ID")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(
        org.as_deref(),
        Some(m3ter_sandbox::DEMO_ORG),
        "config.json fills the organization"
    );
    let base = env
        .field("API base URL")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(
        base.as_deref(),
        Some(api.as_str()),
        "config.json fills the API base URL"
    );
    let title = env
        .client
        .execute("return document.title", vec![])
        .await
        .expect("js");
    assert_eq!(title, "Acme billing console");
    env.fill("API token", m3ter_sandbox::DEMO_TOKEN).await;
    env.check(None, "Remember in this tab").await;
    env.click_button("Connect").await;
    let rows = env.wait_rows("Meters").await;
    let nav = env
        .link("Balances")
        .await
        .attr("href")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert_eq!(nav, "/console/balances", "links stay under the sub-path");
    let current = env
        .client
        .find(Locator::Css("nav a[aria-current='page']"))
        .await
        .expect("aria-current");
    assert_eq!(current.text().await.unwrap_or_default(), "Meters");
    env.click_link(&rows[2][0]).await;
    let url = env.client.current_url().await.expect("url");
    assert!(url.path().starts_with("/console/meters/"), "{url}");
    // Refreshing a deep link works: the host answers index.html, the tab keeps the connection.
    env.client.refresh().await.expect("refresh");
    env.see(&rows[2][1]).await;
    env.screenshot("subpath-detail-after-refresh").await;
    nothing_injected(&env).await;
    env.finish().await;
}

#[tokio::test]
async fn ids_with_spaces_slashes_and_unicode_open_and_reload() {
    let env = Env::start().await;
    let mut meter = env.all("meters")[0].clone();
    // (A `%` in an id is not supported: leptos_router decodes `%25` in a link's path.)
    let odd = "odd id/é";
    meter["id"] = json!(odd);
    meter["name"] = json!("Odd id meter");
    m3ter_sandbox::lock::lock(&env.sandbox.state.store).put_value("meters", meter);
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("Odd id meter").await;
    env.see(odd).await;
    // The address bar has it percent-encoded, as one path segment.
    let url = env.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/meters/odd%20id%2F%C3%A9"), "{url}");
    // A reload of that address fetches the same entity.
    env.clear_requests();
    env.client.refresh().await.expect("reload");
    // The token was in memory only: connect again, in place.
    env.fill("API base URL", &env.sandbox.url()).await;
    env.fill("Organization ID", m3ter_sandbox::DEMO_ORG).await;
    env.fill("API token", m3ter_sandbox::DEMO_TOKEN).await;
    env.click_button("Connect").await;
    env.see(odd).await;
    env.see("Odd id meter").await;
    assert!(
        env.requests().iter().any(|r| r["method"] == "GET"
            && r["status"] == 200
            && r["path"]
                .as_str()
                .is_some_and(|p| p.contains("/meters/odd"))),
        "{:?}",
        env.requests()
    );
    // The edit form loads it too.
    env.click_link("Edit").await;
    env.see("Edit Odd id meter").await;
    env.finish().await;
}

#[tokio::test]
async fn a_page_whose_code_cannot_be_downloaded_says_so_and_retries() {
    let env = Env::start().await;
    // The detail pages' code (a split module in the release build) fails to download, also when
    // the console fetches it ahead while idle.
    env.fault(json!({"kind": "status", "status": 503, "path": "split_pages", "files": true}));
    env.connect().await;
    let meter = env.all("meters")[0].clone();
    let name = text_of(&meter, "name");
    env.wait_rows("Meters").await;
    env.click_link(&name).await;
    let alert = env.role("alert", "Opening this page failed").await;
    let text = alert.text().await.expect("alert text");
    assert!(text.contains("could not be downloaded"), "{text}");
    env.screenshot("page-code-not-downloaded").await;
    // The rest of the console keeps working meanwhile.
    env.click_link("Meters").await;
    env.wait_rows("Meters").await;
    env.client.back().await.expect("back");
    env.role("alert", "Opening this page failed").await;
    // Once the network is back, Retry opens the page.
    env.clear_faults();
    env.click_button("Retry").await;
    env.wait_heading(&name).await;
    env.see(&text_of(&meter, "id")).await;
    env.finish().await;
}

#[tokio::test]
async fn a_slow_page_download_says_so_then_opens() {
    let env = Env::start().await;
    // The pages' code (forms, details, Activity: one module) takes 12 s to arrive (also when
    // fetched ahead while idle).
    env.fault(json!({"kind": "delay", "delayMs": 12000, "path": "split_pages", "files": true}));
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("New meter").await;
    env.role("status", "Loading").await;
    env.role("status", "Still loading this page's code").await;
    env.screenshot("page-code-slow").await;
    env.see("Name (required)").await;
    let status = env
        .client
        .execute(
            "return [...document.querySelectorAll('main [role=status]')].filter(e => !e.hidden).map(e => e.textContent).join('|')",
            vec![],
        )
        .await
        .expect("js");
    assert!(
        !status
            .as_str()
            .unwrap_or_default()
            .contains("Still loading"),
        "the slow notice goes once the page is here: {status}"
    );
    env.finish().await;
}

#[tokio::test]
async fn a_crash_in_the_wasm_says_so_once() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    // A real trap in the console's own module: an allocation no memory can hold aborts (the
    // release build aborts at once on a panic too, without a message from Rust).
    let crash =
        "setTimeout(() => globalThis.__m3terWasmExports.__wbindgen_malloc(0xfffffff0, 8)); \
                 return null";
    env.client.execute(crash, vec![]).await.expect("js");
    let alert = env.role("alert", "stopped working").await;
    let text = alert.text().await.expect("alert text");
    assert!(text.contains("Reload the page"), "{text}");
    assert!(
        text.contains("RuntimeError"),
        "the details are shown: {text}"
    );
    let focused = env
        .client
        .execute("return document.activeElement.className", vec![])
        .await
        .expect("js");
    assert_eq!(focused, json!("panic"), "the notice takes the focus");
    env.screenshot("crash-notice").await;
    // A second trap does not stack a second notice.
    env.client.execute(crash, vec![]).await.expect("js");
    let count = env
        .client
        .execute(
            "return new Promise(r => setTimeout(() => r(document.querySelectorAll('.panic').length), 300))",
            vec![],
        )
        .await
        .expect("js");
    assert_eq!(count, json!(1));
    env.finish().await;
}
