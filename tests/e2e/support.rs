#![allow(dead_code)] // Helpers shared by the test modules; not every module uses every helper.
//! The end-to-end harness: a sandbox serving the release build, chromedriver, a fresh headless Chromium
//! profile, and helpers that find elements as a user would (by label, by button or link name, by role).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use m3ter_sandbox::{Config, Running, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_ORG, DEMO_TOKEN};
use serde_json::{json, Value};

pub const WAIT: Duration = Duration::from_secs(20);

fn dist_dir() -> PathBuf {
    let dir = std::env::var("M3TER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no release build at {} — run `cargo xtask test` (it builds dist/ first) or `cargo xtask dist`",
        dir.display()
    );
    dir
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub struct Env {
    /// The API (and the console's host, unless `site` is set).
    pub sandbox: Running,
    /// A separate host for the console, so the API is on another origin (CORS applies).
    pub site: Option<Running>,
    pub client: Client,
    driver: Child,
    profile: PathBuf,
    site_dir: Option<PathBuf>,
}

/// How to set up an environment beyond the defaults.
#[derive(Default)]
pub struct Options {
    pub config: Config,
    /// Written as `config.json` beside `index.html`.
    pub config_json: Option<Value>,
    /// Another build of the console (e.g. one made for a sub-path).
    pub dist: Option<PathBuf>,
    /// Serve the console from a second sandbox, so the API is cross-origin.
    pub cross_origin: bool,
    /// Listen on this port (to name the URL in `config.json` before starting).
    pub port: Option<u16>,
}

impl Drop for Env {
    fn drop(&mut self) {
        // After a failed test the WebDriver session was never closed, and killing chromedriver
        // would orphan its browser: end the browser of this profile first.
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(format!("user-data-dir={}( |$)", self.profile.display()))
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
        if let Some(dir) = &self.site_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A copy of a build with a `config.json` beside its `index.html`.
fn site_with_config(dist: &std::path::Path, config: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "m3ter-e2e-site-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).expect("site dir");
    for entry in std::fs::read_dir(dist).expect("dist").flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
        }
    }
    std::fs::write(dir.join("config.json"), config.to_string()).expect("config.json");
    dir
}

/// XPath string literal for any text (handles both quote kinds).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

impl Env {
    pub async fn start() -> Env {
        Self::with(Config::default()).await
    }

    pub async fn with(config: Config) -> Env {
        Self::with_options(Options {
            config,
            ..Default::default()
        })
        .await
    }

    pub async fn with_options(o: Options) -> Env {
        let mut config = o.config;
        config.addr = std::net::SocketAddr::from(([127, 0, 0, 1], o.port.unwrap_or(0)));
        let dist = o.dist.or(config.static_dir.take()).unwrap_or_else(dist_dir);
        let site_dir = o.config_json.as_ref().map(|c| site_with_config(&dist, c));
        let static_dir = site_dir.clone().unwrap_or(dist);
        // The policy README.md recommends: the console may call its own origin and the API's.
        let (sandbox, site) = if o.cross_origin {
            let api = m3ter_sandbox::start(config.clone())
                .await
                .expect("api sandbox");
            let site_config = Config {
                static_dir: Some(static_dir),
                connect_src: config.connect_src.clone().or_else(|| Some(api.url())),
                ..config
            };
            let site = m3ter_sandbox::start(site_config)
                .await
                .expect("site sandbox");
            (api, Some(site))
        } else {
            config.static_dir = Some(static_dir);
            config.connect_src.get_or_insert_with(String::new);
            (m3ter_sandbox::start(config).await.expect("sandbox"), None)
        };
        // A port picked free can be taken again before chromedriver binds it (tests run in
        // parallel): then start over on another port.
        let mut attempt = 0;
        let (client, driver, profile) = loop {
            attempt += 1;
            match start_browser().await {
                Ok(started) => break started,
                Err(e) if attempt < 3 => eprintln!("starting the browser again: {e}"),
                Err(e) => panic!("a WebDriver session: {e}"),
            }
        };
        Env {
            sandbox,
            site,
            client,
            driver,
            profile,
            site_dir,
        }
    }

    /// A URL of the console.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{path}",
            self.site.as_ref().unwrap_or(&self.sandbox).url()
        )
    }

    pub async fn open(&self, path: &str) {
        self.client.goto(&self.url(path)).await.expect("goto");
    }

    /// Goes to `path` inside the running console, as a click on a link there would: the session
    /// (a token kept in memory only) stays.
    pub async fn visit(&self, path: &str) {
        let script = "const a = document.createElement('a'); a.href = arguments[0];
            document.body.appendChild(a); a.click(); a.remove();";
        self.client
            .execute(script, vec![json!(self.url(path))])
            .await
            .expect("visit");
    }

    /// Waits until `f` returns `Some`, or fails with `what`.
    pub async fn until<T, F, Fut>(&self, what: &str, mut f: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let started = Instant::now();
        loop {
            if let Some(v) = f().await {
                return v;
            }
            if started.elapsed() > WAIT {
                let _ = self
                    .screenshot(&format!(
                        "failed-{}",
                        what.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
                    ))
                    .await;
                let text = self.page_text().await;
                panic!("timed out waiting for {what}. Page text:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn page_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    async fn find_visible(&self, xpath: &str) -> Option<Element> {
        for el in self.client.find_all(Locator::XPath(xpath)).await.ok()? {
            if el.is_displayed().await.unwrap_or(false) {
                return Some(el);
            }
        }
        None
    }

    /// A visible button by its accessible text.
    pub async fn button(&self, name: &str) -> Element {
        let xp = format!("//button[normalize-space(.)={}]", xpath_literal(name));
        self.until(&format!("button {name:?}"), || self.find_visible(&xp))
            .await
    }

    pub async fn click_button(&self, name: &str) {
        let b = self.button(name).await;
        self.center(&b).await;
        b.click()
            .await
            .unwrap_or_else(|e| panic!("click {name:?}: {e}"));
    }

    /// Scrolls an element to the middle of the window, as a user would before clicking it (the
    /// form's sticky action bar can cover the bottom edge).
    pub async fn center(&self, el: &Element) {
        let arg = serde_json::to_value(el).expect("element");
        let _ = self
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
            .await;
    }

    /// A button inside the open dialog.
    pub async fn click_dialog_button(&self, name: &str) {
        let xp = format!(
            "//dialog[@open]//button[normalize-space(.)={}]",
            xpath_literal(name)
        );
        let b = self
            .until(&format!("dialog button {name:?}"), || {
                self.find_visible(&xp)
            })
            .await;
        b.click()
            .await
            .unwrap_or_else(|e| panic!("click {name:?}: {e}"));
    }

    /// A visible link by its text.
    pub async fn link(&self, name: &str) -> Element {
        let xp = format!("//a[normalize-space(.)={}]", xpath_literal(name));
        self.until(&format!("link {name:?}"), || self.find_visible(&xp))
            .await
    }

    pub async fn click_link(&self, name: &str) {
        self.link(name)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click link {name:?}: {e}"));
    }

    /// The form control labelled `label` (through `<label for>`).
    pub async fn field(&self, label: &str) -> Element {
        let xp = format!("//label[normalize-space(.)={}]", xpath_literal(label));
        self.until(&format!("field labelled {label:?}"), || async {
            let l = self.find_visible(&xp).await?;
            let id = l.attr("for").await.ok()??;
            self.client.find(Locator::Id(&id)).await.ok()
        })
        .await
    }

    pub async fn fill(&self, label: &str, text: &str) {
        let f = self.field(label).await;
        f.clear().await.expect("clear");
        f.send_keys(text).await.expect("type");
    }

    /// What an input offers as it is typed in (its `<datalist>`), `(value, label)` each, once it
    /// offers something.
    pub async fn offered(&self, input: &Element) -> Vec<(String, String)> {
        let list = input
            .attr("list")
            .await
            .ok()
            .flatten()
            .expect("the input offers choices");
        let read = format!(
            "return [...document.querySelectorAll('datalist#{list} option')].map(o => [o.value, o.textContent]);"
        );
        self.until(&format!("the choices of {list}"), || async {
            let got = self.client.execute(&read, vec![]).await.ok()?;
            let got: Vec<(String, String)> = serde_json::from_value(got).ok()?;
            (!got.is_empty()).then_some(got)
        })
        .await
    }

    /// The control labelled `label` inside the group (fieldset) whose legend is `group`.
    pub async fn field_in(&self, group: &str, label: &str) -> Element {
        let xp = format!(
            "//fieldset[legend[normalize-space(.)={}]]//label[normalize-space(.)={}]",
            xpath_literal(group),
            xpath_literal(label)
        );
        self.until(&format!("field {label:?} in {group:?}"), || async {
            let l = self.find_visible(&xp).await?;
            let id = l.attr("for").await.ok()??;
            self.client.find(Locator::Id(&id)).await.ok()
        })
        .await
    }

    pub async fn fill_in(&self, group: &str, label: &str, text: &str) {
        let f = self.field_in(group, label).await;
        f.clear().await.expect("clear");
        f.send_keys(text).await.expect("type");
    }

    pub async fn select_in(&self, group: &str, label: &str, option: &str) {
        let f = self.field_in(group, label).await;
        let xp = format!(".//option[normalize-space(.)={}]", xpath_literal(option));
        f.find(Locator::XPath(&xp))
            .await
            .unwrap_or_else(|e| panic!("option {option:?}: {e}"))
            .click()
            .await
            .expect("choose");
    }

    /// Ticks the checkbox labelled `label` (inside `group` when given).
    pub async fn check(&self, group: Option<&str>, label: &str) {
        let scope = group
            .map(|g| {
                format!(
                    "//fieldset[legend[normalize-space(.)={}]]",
                    xpath_literal(g)
                )
            })
            .unwrap_or_default();
        let xp = format!(
            "{scope}//label[normalize-space(.)={}]//input",
            xpath_literal(label)
        );
        let b = self
            .until(&format!("checkbox {label:?}"), || self.find_visible(&xp))
            .await;
        self.center(&b).await;
        b.click().await.expect("tick");
    }

    /// Chooses the option with this visible text in the select labelled `label`.
    pub async fn select(&self, label: &str, option: &str) {
        let f = self.field(label).await;
        let xp = format!(".//option[normalize-space(.)={}]", xpath_literal(option));
        let o = f
            .find(Locator::XPath(&xp))
            .await
            .unwrap_or_else(|e| panic!("option {option:?} in {label:?}: {e}"));
        o.click().await.expect("choose option");
    }

    /// Waits for `text` anywhere on the page.
    pub async fn see(&self, text: &str) {
        self.until(&format!("text {text:?}"), || async {
            self.page_text().await.contains(text).then_some(())
        })
        .await
    }

    /// Waits until the page's heading (`h1`) reads `text`.
    pub async fn wait_heading(&self, text: &str) {
        self.until(&format!("the heading {text:?}"), || async {
            let h = self.client.find(Locator::Css("h1")).await.ok()?;
            (h.text().await.ok()? == text).then_some(())
        })
        .await
    }

    /// The text of the first visible element with this ARIA role that contains `text`.
    pub async fn role(&self, role: &str, text: &str) -> Element {
        // Native elements carry some roles implicitly (an open <dialog> is a dialog).
        let implicit = match role {
            "dialog" => "|//dialog[@open]",
            _ => "",
        };
        let xp = format!(
            "(//*[@role={r}]{implicit})[contains(normalize-space(.), {t})]",
            r = xpath_literal(role),
            t = xpath_literal(text)
        );
        self.until(&format!("{role} containing {text:?}"), || {
            self.find_visible(&xp)
        })
        .await
    }

    /// Rows of the table whose caption contains `caption`: the text of each cell. Read in one script
    /// call, so a re-render cannot tear it.
    pub async fn rows(&self, caption: &str) -> Vec<Vec<String>> {
        self.read_table(
            caption,
            "[...t.tBodies].flatMap(b => [...b.rows]).map(r => [...r.cells].map(c => c.innerText.trim()))",
        )
        .await
    }

    /// Column headings of the table whose caption contains `caption`.
    pub async fn headers(&self, caption: &str) -> Vec<String> {
        self.read_table(
            caption,
            "[...t.querySelectorAll('thead th')].map(h => h.innerText.trim())",
        )
        .await
    }

    /// `read` (a JS expression of the table `t`) for the table whose caption contains `caption`.
    async fn read_table<T: serde::de::DeserializeOwned + Default>(
        &self,
        caption: &str,
        read: &str,
    ) -> T {
        let script = format!(
            "const want = arguments[0];
            for (const t of document.querySelectorAll('table')) {{
                const c = t.querySelector('caption');
                if (!c || !c.textContent.replace(/\\s+/g, ' ').includes(want)) continue;
                return {read};
            }}
            return [];"
        );
        let v = self
            .client
            .execute(&script, vec![json!(caption)])
            .await
            .unwrap_or_default();
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Waits until the table has at least one row; returns the rows.
    pub async fn wait_rows(&self, caption: &str) -> Vec<Vec<String>> {
        self.until(&format!("rows in table {caption:?}"), || async {
            let rows = self.rows(caption).await;
            (!rows.is_empty()).then_some(rows)
        })
        .await
    }

    /// Opens the console and connects with the demo token (kept in memory).
    pub async fn connect(&self) {
        self.connect_with(DEMO_TOKEN).await;
    }

    pub async fn connect_with(&self, token: &str) {
        self.open("/meters").await;
        self.fill("API base URL", &self.sandbox.url()).await;
        self.fill("Organization ID", DEMO_ORG).await;
        self.fill("API token", token).await;
        self.click_button("Connect").await;
    }

    /// Opens the console and connects with the demo client credentials, kept as `remember` says
    /// (the label of a "Keep the connection" choice) or in memory.
    pub async fn connect_client(&self, remember: Option<&str>) {
        self.open("/meters").await;
        self.fill("API base URL", &self.sandbox.url()).await;
        self.fill("Organization ID", DEMO_ORG).await;
        self.check(None, "Client credentials").await;
        self.fill("Access key ID", DEMO_CLIENT_ID).await;
        self.fill("API secret", DEMO_CLIENT_SECRET).await;
        if let Some(label) = remember {
            self.check(None, label).await;
        }
        self.click_button("Connect").await;
    }

    /// An HTTP request to the API sandbox, as a tool on this machine sends it: the status and the
    /// body's exact text.
    pub async fn http(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = self.sandbox.addr;
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let body = body.unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n",
            addr.port(),
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        stream
            .write_all(format!("{head}\r\n{body}").as_bytes())
            .await
            .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.expect("answer");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text.as_str(), ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, body.to_owned())
    }

    /// A `/_sandbox` control call (see the sandbox's `admin` module); panics unless it answers 2xx.
    pub async fn control(&self, method: &str, path: &str, body: Option<&str>) -> String {
        let (status, text) = self.http(method, path, &[], body).await;
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {text}"
        );
        text
    }

    /// Nothing of the console's but preferences in either storage.
    pub async fn stored_keys(&self) -> String {
        let keys = self
            .client
            .execute(
                "return Object.keys(localStorage).concat(Object.keys(sessionStorage)).filter(k => !k.includes('.pref.')).join(',')",
                vec![],
            )
            .await
            .expect("js");
        keys.as_str().unwrap_or_default().to_owned()
    }

    /// Fails if the page shows the crash notice (a trap in the wasm, e.g. a panic).
    pub async fn assert_no_crash(&self, when: &str) {
        if let Ok(notice) = self.client.find(Locator::Css(".panic")).await {
            let text = notice.text().await.unwrap_or_default();
            panic!("the console crashed {when}: {text}");
        }
    }

    /// Fails if the page is wider than the window (wide tables scroll in their own box).
    /// Every visible control of the page is wide enough to use (a checkbox squeezed by a long label
    /// beside it was 7 px wide).
    pub async fn assert_controls_usable(&self, when: &str) {
        let narrow = self
            .client
            .execute(
                "return [...document.querySelectorAll('input, select, textarea, button')]
                    .filter(c => c.offsetParent !== null && c.type !== 'hidden')
                    .filter(c => c.getBoundingClientRect().width < 12)
                    .map(c => (c.id || c.name || c.type) + ' ' + c.getBoundingClientRect().width);",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| serde_json::from_value::<Vec<String>>(v).ok())
            .unwrap_or_else(|| panic!("no controls read {when}"));
        assert!(
            narrow.is_empty(),
            "{when}: controls too narrow to use: {narrow:?}"
        );
    }

    pub async fn assert_fits_width(&self, when: &str) {
        let widths = self
            .client
            .execute(
                "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| serde_json::from_value::<(u32, u32)>(v).ok());
        let (page, window) = widths.unwrap_or_else(|| panic!("no page widths {when}"));
        assert!(
            page <= window,
            "{when}: the page is {page} px wide in a window of {window} px"
        );
    }

    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&path, png);
        }
        path
    }

    /// The name and text of the next file the browser downloads whose name ends with `ext`, once it
    /// is complete (the file is removed, so the next call waits for another).
    pub async fn downloaded(&self, ext: &str) -> (String, String) {
        let dir = self.profile.join(DOWNLOADS);
        self.until(&format!("a downloaded {ext} file"), || async {
            let entry = std::fs::read_dir(&dir)
                .ok()?
                .flatten()
                .find(|e| e.file_name().to_string_lossy().ends_with(ext))?;
            let text = std::fs::read_to_string(entry.path()).ok()?;
            let _ = std::fs::remove_file(entry.path());
            Some((entry.file_name().to_string_lossy().into_owned(), text))
        })
        .await
    }

    /// The sandbox's log of API requests.
    pub fn requests(&self) -> Vec<Value> {
        let log = m3ter_sandbox::lock::lock(&self.sandbox.state.log);
        log.iter()
            .filter_map(|r| serde_json::to_value(r).ok())
            .collect()
    }

    /// Whether the console asked for the list at a path ending in `path_end` with `query_has` in
    /// its query string.
    pub fn asked_list(&self, path_end: &str, query_has: &str) -> bool {
        self.requests().iter().any(|r| {
            r["path"].as_str().is_some_and(|p| p.ends_with(path_end))
                && r["query"].as_str().is_some_and(|q| q.contains(query_has))
        })
    }

    pub fn clear_requests(&self) {
        m3ter_sandbox::lock::lock(&self.sandbox.state.log).clear();
    }

    pub fn fault(&self, spec: Value) {
        let fault = serde_json::from_value(spec).expect("a fault");
        m3ter_sandbox::lock::lock(&self.sandbox.state.faults).add(fault);
    }

    pub fn clear_faults(&self) {
        m3ter_sandbox::lock::lock(&self.sandbox.state.faults).clear();
    }

    /// An entity straight from the sandbox's store.
    pub fn stored(&self, resource: &str, id: &str) -> Option<Value> {
        m3ter_sandbox::lock::lock(&self.sandbox.state.store)
            .collection(resource)
            .and_then(|c| c.get(id))
            .map(|s| s.value.clone())
    }

    /// All entities of a resource, newest first.
    pub fn all(&self, resource: &str) -> Vec<Value> {
        let store = m3ter_sandbox::lock::lock(&self.sandbox.state.store);
        let mut v: Vec<Value> = store
            .collection(resource)
            .map(|c| c.values().map(|s| s.value.clone()).collect())
            .unwrap_or_default();
        v.reverse();
        v
    }

    /// The entities of a nested resource kept under one parent, newest first.
    pub fn all_under(&self, resource: &str, parent: &str) -> Vec<Value> {
        let store = m3ter_sandbox::lock::lock(&self.sandbox.state.store);
        let mut v: Vec<Value> = store
            .collection(resource)
            .map(|c| {
                c.values()
                    .filter(|s| s.parent == parent)
                    .map(|s| s.value.clone())
                    .collect()
            })
            .unwrap_or_default();
        v.reverse();
        v
    }

    pub async fn finish(self) {
        let Env { client, .. } = &self;
        let _ = client.clone().close().await;
    }
}

/// Where the browser saves downloads, inside its profile.
const DOWNLOADS: &str = "downloads";

pub fn text_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// chromedriver on a free port and a Chromium session with a fresh profile.
async fn start_browser() -> Result<(fantoccini::Client, Child, PathBuf), String> {
    let port = free_port();
    let chromedriver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let mut driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e} (install chromium-driver)"));
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(15) || matches!(driver.try_wait(), Ok(Some(_))) {
            let _ = driver.kill();
            return Err(format!("chromedriver did not start on port {port}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let profile = std::env::temp_dir().join(format!("m3ter-e2e-profile-{port}"));
    let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chrome,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": profile.join(DOWNLOADS).display().to_string(),
                "download.prompt_for_download": false,
            },
        },
        "goog:loggingPrefs": {"browser": "ALL"},
    });
    let caps = caps.as_object().cloned().unwrap_or_default();
    match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
    {
        Ok(client) => Ok((client, driver, profile)),
        Err(e) => {
            let _ = driver.kill();
            let _ = driver.wait();
            Err(format!("{e} (port {port})"))
        }
    }
}
