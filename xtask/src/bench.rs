//! `cargo xtask bench`: what the console weighs and how fast it is, measured in headless Chromium.
//!
//! 1. First-load payload: every file the console needs to start, raw / gzip -9 / gzip as shipped
//!    (zopfli, the `.gz` files) / brotli q11 as shipped; then
//!    the split modules (`src/split.rs`), which are fetched after start.
//! 2. Cold load (fresh profile each run): navigation start → wasm started, → first meters row, read
//!    from the Performance marks the console sets (`m3ter:wasm-start`, `m3ter:first-row`).
//! 3. Scale, with 10,000 meters: "Load all" at page size 100, JS heap and wasm memory after it, the
//!    quick filter per keystroke, and frame times while scrolling the list.
//! 4. Requests: list → detail → back, counted at the sandbox; and click → detail heading, timed in
//!    the page once the detail page's code has been fetched ahead.
//!
//! Prints a table and writes `target/bench.json`. Timings are reported, never asserted.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

use crate::dist::{brotli_len, entries, first_load_files, gzip9, gzip_len, on_demand_files};
use crate::{root, tools, Result};

pub fn run(args: Vec<String>) -> Result {
    let runs: usize = args
        .windows(2)
        .find(|w| w[0] == "--runs")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(5);
    // `--dist DIR`: measure a console built before (another commit's, to compare on one machine).
    let given = args
        .windows(2)
        .find(|w| w[0] == "--dist")
        .map(|w| std::path::PathBuf::from(&w[1]));
    let browser = tools::ensure_browser()?;
    let dist = match given {
        Some(dir) => dir,
        None => {
            crate::dist::build(&tools::ensure_build_tools()?, None)?;
            root().join("dist")
        }
    };
    let payload = payload(&dist)?;
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let browser_results = rt.block_on(async {
        let cold = cold_loads(&dist, &browser, runs).await?;
        let scale = scale(&dist, &browser).await?;
        let requests = requests(&dist, &browser).await?;
        Ok::<_, String>(json!({"coldLoad": cold, "scale": scale, "requests": requests}))
    })?;
    let report = json!({"payload": payload, "runs": runs, "browser": browser_results});
    print_report(&report);
    let out = root().join("target").join("bench.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    eprintln!("\nWritten to {}", out.display());
    Ok(())
}

/// The first load (every file the console needs to start) and the split modules fetched later.
fn payload(dist: &Path) -> Result<Value> {
    let sizes = |names: Vec<String>| -> Result<Value> {
        let mut files = Vec::new();
        let (mut raw, mut gz9, mut gz, mut br) = (0, 0, 0, 0);
        for name in names {
            let bytes = std::fs::read(dist.join(&name)).map_err(|e| e.to_string())?;
            let (g9, g, b) = (
                gzip9(&bytes).len(),
                gzip_len(dist, &name)?,
                brotli_len(dist, &name)?,
            );
            raw += bytes.len();
            gz9 += g9;
            gz += g;
            br += b;
            files.push(
                json!({"file": name, "raw": bytes.len(), "gzip9": g9, "gzip": g, "brotli": b}),
            );
        }
        Ok(json!({"files": files, "total": {"raw": raw, "gzip9": gz9, "gzip": gz, "brotli": br}}))
    };
    let first = sizes(first_load_files(dist)?)?;
    let later = sizes(on_demand_files(dist)?)?;
    let mut starts = Vec::new();
    for (entry, files) in entries(dist)? {
        starts.push(json!({"start": entry, "total": sizes(files)?["total"]}));
    }
    Ok(
        json!({"files": first["files"], "total": first["total"], "onDemand": later, "starts": starts}),
    )
}

struct Session {
    client: Client,
    driver: Child,
    profile: std::path::PathBuf,
}

impl Session {
    async fn start(browser: &tools::Browser, width: u32) -> Result<Session> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let driver = Command::new(&browser.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("chromedriver: {e}"))?;
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(15) {
                return Err("chromedriver did not start".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = std::env::temp_dir().join(format!("m3ter-bench-{port}"));
        let caps = json!({"goog:chromeOptions": {"binary": browser.chromium, "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--enable-precise-memory-info", format!("--window-size={width},900"),
            format!("--user-data-dir={}", profile.display()),
        ]}});
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.as_object().cloned().unwrap_or_default())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("WebDriver session: {e}"))?;
        Ok(Session {
            client,
            driver,
            profile,
        })
    }

    async fn js(&self, script: &str) -> Result<Value> {
        self.client
            .execute(script, vec![])
            .await
            .map_err(|e| format!("script failed: {e}"))
    }

    /// Opens the console already connected (a "remembered on this device" connection).
    async fn open_connected(&self, base: &str, path: &str) -> Result {
        self.client
            .goto(&format!("{base}/_sandbox"))
            .await
            .map_err(|e| e.to_string())?;
        let conn = json!({
            "base_url": base, "org_id": m3ter_sandbox::DEMO_ORG,
            "credential": {"Token": {"token": m3ter_sandbox::DEMO_TOKEN}}, "keep": "Device", "keep_secret": false,
        });
        self.client
            .execute(
                "localStorage.setItem('m3ter-console.connection', arguments[0]);",
                vec![json!(conn.to_string())],
            )
            .await
            .map_err(|e| e.to_string())?;
        self.client
            .goto(&format!("{base}{path}"))
            .await
            .map_err(|e| e.to_string())
    }

    async fn wait(&self, what: &str, script: &str, timeout: Duration) -> Result<Value> {
        let started = Instant::now();
        loop {
            let v = self.js(script).await?;
            if !v.is_null() && v != json!(false) {
                return Ok(v);
            }
            if started.elapsed() > timeout {
                return Err(format!("timed out waiting for {what}"));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

async fn sandbox(dist: &Path, seed: Option<usize>) -> Result<m3ter_sandbox::Running> {
    let config = m3ter_sandbox::Config {
        addr: "127.0.0.1:0".parse().map_err(|_| "addr")?,
        static_dir: Some(dist.to_path_buf()),
        seed,
        ..Default::default()
    };
    m3ter_sandbox::start(config)
        .await
        .map_err(|e| e.to_string())
}

fn stats(mut v: Vec<f64>) -> Value {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    if v.is_empty() {
        return Value::Null;
    }
    let median = if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    };
    json!({"median": median.round(), "min": v[0].round(), "max": v[v.len() - 1].round(), "n": v.len()})
}

const MARKS: &str = "const m = n => (performance.getEntriesByName(n)[0] || {}).startTime;
    const row = m('m3ter:first-row');
    return row === undefined ? null : {wasm: m('m3ter:wasm-start'), row};";

async fn cold_loads(dist: &Path, browser: &tools::Browser, runs: usize) -> Result<Value> {
    let sb = sandbox(dist, None).await?;
    let (mut wasm, mut row) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let s = Session::start(browser, 1280).await?;
        s.open_connected(&sb.url(), "/meters").await?;
        let marks = s
            .wait("the first row", MARKS, Duration::from_secs(30))
            .await;
        s.close().await;
        let marks = marks?;
        wasm.push(marks["wasm"].as_f64().unwrap_or(0.0));
        row.push(marks["row"].as_f64().unwrap_or(0.0));
    }
    Ok(json!({"navigationToWasmStartMs": stats(wasm), "navigationToFirstRowMs": stats(row)}))
}

async fn scale(dist: &Path, browser: &tools::Browser) -> Result<Value> {
    let sb = sandbox(dist, Some(10_000)).await?;
    let s = Session::start(browser, 1280).await?;
    let result = scale_in(&s, &sb.url()).await;
    s.close().await;
    result
}

async fn scale_in(s: &Session, base: &str) -> Result<Value> {
    s.open_connected(base, "/meters?pageSize=100").await?;
    s.wait("the first page", MARKS, Duration::from_secs(30))
        .await?;
    // Load all, timed in the page from the click to the caption saying all 10,000 are shown.
    let load_all = s
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const button = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Load all');
             const t0 = performance.now();
             button.click();
             const tick = () => {
                 const c = document.querySelector('table.resources caption');
                 if (c && c.textContent.includes('all 10000')) {
                     requestAnimationFrame(() => done(performance.now() - t0));
                 } else { setTimeout(tick, 10); }
             };
             tick();",
            vec![],
        )
        .await
        .map_err(|e| format!("load all: {e}"))?;
    let memory = s
        .js("return {heap: performance.memory ? performance.memory.usedJSHeapSize : null,
                     wasm: window.wasmBindings && window.wasmBindings.wasm_memory_bytes ? window.wasmBindings.wasm_memory_bytes() : null,
                     rows: document.querySelectorAll('table.resources tbody tr').length,
                     nodes: document.getElementsByTagName('*').length};")
        .await?;
    // The quick filter: one keystroke at a time, timed until the next frame is painted.
    let filter = s
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const input = document.querySelector('input[type=search]');
             const text = 'api requests 4';
             const times = [];
             let i = 0;
             const next = () => {
                 if (i >= text.length) { done(times); return; }
                 const t0 = performance.now();
                 input.value = text.slice(0, ++i);
                 input.dispatchEvent(new Event('input', {bubbles: true}));
                 requestAnimationFrame(() => setTimeout(() => { times.push(performance.now() - t0); next(); }, 0));
             };
             next();",
            vec![],
        )
        .await
        .map_err(|e| format!("filter: {e}"))?;
    let matched = s
        .js("return document.querySelectorAll('table.resources tbody tr').length;")
        .await?;
    // Clear the filter, then scroll through the list and time each frame.
    let _ = s.js("const i = document.querySelector('input[type=search]'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let scroll = s
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const frames = [];
             let last = performance.now(), steps = 0;
             const step = () => {
                 const now = performance.now();
                 frames.push(now - last); last = now;
                 window.scrollBy(0, 400);
                 if (++steps < 120) requestAnimationFrame(step); else done(frames.slice(1));
             };
             requestAnimationFrame(step);",
            vec![],
        )
        .await
        .map_err(|e| format!("scroll: {e}"))?;
    let nums = |v: &Value| {
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    Ok(json!({
        "loadAllMs": load_all.as_f64().map(f64::round),
        "jsHeapBytes": memory["heap"], "wasmMemoryBytes": memory["wasm"],
        "rowsInDom": memory["rows"], "domNodes": memory["nodes"],
        "filterKeystrokeMs": stats(nums(&filter)), "filterMatches": matched,
        "scrollFrameMs": stats(nums(&scroll)),
    }))
}

async fn requests(dist: &Path, browser: &tools::Browser) -> Result<Value> {
    let sb = sandbox(dist, None).await?;
    let s = Session::start(browser, 1280).await?;
    let count = || {
        let log = m3ter_sandbox::lock::lock(&sb.state.log);
        log.iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r.method,
                    r.path.rsplit('/').next().unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
    };
    let clear = || m3ter_sandbox::lock::lock(&sb.state.log).clear();
    let result = async {
        s.open_connected(&sb.url(), "/meters").await?;
        s.wait("the list", MARKS, Duration::from_secs(30)).await?;
        let list = count();
        // The detail page's code is fetched when the browser is idle after the first page (as
        // while a user reads the list): wait for that, then time click → detail heading in the page.
        let prefetched = s
            .wait(
                "the detail page's code",
                "return performance.getEntriesByType('resource').some(e => e.name.includes('split_pages')) ? true : null;",
                Duration::from_secs(10),
            )
            .await
            .is_ok();
        clear();
        s.js("window.__openMs = null; const t = performance.now(); \
              const o = new MutationObserver(() => { if (document.querySelector('.detail-page h1')) { window.__openMs = performance.now() - t; o.disconnect(); } }); \
              o.observe(document.body, {childList: true, subtree: true}); \
              document.querySelector('table.resources tbody th a').click(); return null;")
            .await?;
        let open_ms = s.wait("the detail heading", "return window.__openMs;", Duration::from_secs(10)).await?;
        s.wait("the detail", "return document.querySelector('.detail-page h1') && !document.body.textContent.includes('Refreshing') ? true : null;", Duration::from_secs(10)).await?;
        let detail = count();
        clear();
        s.client.back().await.map_err(|e| e.to_string())?;
        s.wait("the list again", "return document.querySelector('table.resources tbody tr') ? true : null;", Duration::from_secs(10)).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let back = count();
        Ok::<_, String>(json!({"openList": list, "openDetail": detail, "backToList": back, "detailCodePrefetched": prefetched, "clickToDetailMs": open_ms}))
    }
    .await;
    s.close().await;
    result
}

fn kb(v: &Value) -> String {
    v.as_f64()
        .map(|b| format!("{:.1}", b / 1000.0))
        .unwrap_or_else(|| "–".into())
}

fn print_report(r: &Value) {
    println!("\nFirst load: a fresh tab, which starts on the connect form (kB = 1000 bytes)");
    println!(
        "{:<48} {:>9} {:>9} {:>9} {:>9}",
        "file", "raw", "gzip -9", "gzip", "brotli 11"
    );
    // One line per file (or start): its sizes raw, gzip -9, gzip as shipped (zopfli) and brotli.
    let line = |name: &str, sizes: &Value| {
        println!(
            "{:<48} {:>9} {:>9} {:>9} {:>9}",
            name,
            kb(&sizes["raw"]),
            kb(&sizes["gzip9"]),
            kb(&sizes["gzip"]),
            kb(&sizes["brotli"])
        );
    };
    // One table of files and their total, for the first load and for what is loaded later.
    let table = |p: &Value| {
        for f in p["files"].as_array().into_iter().flatten() {
            line(f["file"].as_str().unwrap_or(""), f);
        }
        line("total", &p["total"]);
    };
    table(&r["payload"]);
    println!("\nLoaded on demand (pages' code, fetched when the browser is idle after start)");
    table(&r["payload"]["onDemand"]);
    println!("\nWhat each start loads before its first page is shown");
    for s in r["payload"]["starts"].as_array().into_iter().flatten() {
        line(s["start"].as_str().unwrap_or(""), &s["total"]);
    }
    let b = &r["browser"];
    let st = |v: &Value| {
        format!(
            "median {} ms (min {}, max {}, n={})",
            v["median"], v["min"], v["max"], v["n"]
        )
    };
    println!("\nCold load, headless Chromium, {} runs", r["runs"]);
    println!(
        "  navigation → wasm started:     {}",
        st(&b["coldLoad"]["navigationToWasmStartMs"])
    );
    println!(
        "  navigation → first meters row: {}",
        st(&b["coldLoad"]["navigationToFirstRowMs"])
    );
    let s = &b["scale"];
    println!("\n10,000 meters");
    println!("  Load all (page size 100):   {} ms", s["loadAllMs"]);
    println!(
        "  JS heap after: {} MB, wasm memory: {} MB, table rows in the DOM: {}, DOM nodes: {}",
        s["jsHeapBytes"]
            .as_f64()
            .map(|b| format!("{:.1}", b / 1048576.0))
            .unwrap_or_else(|| "–".into()),
        s["wasmMemoryBytes"]
            .as_f64()
            .map(|b| format!("{:.1}", b / 1048576.0))
            .unwrap_or_else(|| "–".into()),
        s["rowsInDom"],
        s["domNodes"]
    );
    println!(
        "  quick filter per keystroke: {}",
        st(&s["filterKeystrokeMs"])
    );
    println!("  scrolling, frame time:      {}", st(&s["scrollFrameMs"]));
    let q = &b["requests"];
    println!(
        "\nRequests: open list {:?}; open detail {:?}; back to list {:?}",
        q["openList"], q["openDetail"], q["backToList"]
    );
    println!(
        "Click → detail heading: {:.1} ms (its code fetched ahead while idle: {})",
        q["clickToDetailMs"].as_f64().unwrap_or(f64::NAN),
        q["detailCodePrefetched"]
    );
}
