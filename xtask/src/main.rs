//! `cargo xtask <command>`: one entry point that installs what is missing, builds and runs.
//!
//! - `demo`  build the release console and serve it with the sandbox on http://127.0.0.1:8080
//! - `test`  run every check: fmt, clippy, native tests, wasm tests in Chromium, end-to-end tests
//! - `dist`  build the release console into `dist/` (with `.gz` and `.br` beside each file)
//! - `bench` measure first-load size and load times (see `bench.rs`)
//! - `setup` install the tools only

mod bench;
mod catalogue;
mod dist;
mod dist_files;
mod shrink;
mod split;
mod tools;
mod wasm_bytes;

use std::process::{Command, ExitCode};

pub type Result<T = ()> = std::result::Result<T, String>;

/// Runs a command, streaming its output; an error names the command.
pub fn run(cmd: &mut Command) -> Result {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    })
}

pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> std::path::PathBuf {
    let manifest = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or(manifest)
}

pub fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

const HELP: &str = "usage: cargo xtask <demo|test|dist|bench|setup> [options]

  demo [--addr 127.0.0.1:8080] [sandbox options]   build the console and serve it with demo data
  test                                              fmt, clippy, native, wasm (Chromium) and e2e tests
  dist [--public-url /console/] [--out DIR]         release build into dist/ with .gz/.br files
  bench [--runs N] [--dist DIR]                     first-load size, cold load, 10,000 meters, requests
  setup [--browser]                                 install missing tools only
  catalogue --spec openapi.json [--out FILE]        write the resource catalogue from m3ter's OpenAPI document";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Started by rustc as the wasm linker of a split build (see split.rs).
    if let Some(linked) = split::as_linker(&args) {
        return match linked {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("xtask (wasm linker): {e}");
                ExitCode::FAILURE
            }
        };
    }
    let (cmd, rest) = args
        .split_first()
        .map(|(c, r)| (c.as_str(), r.to_vec()))
        .unwrap_or(("", Vec::new()));
    let result = match cmd {
        "demo" => demo(rest),
        "test" => test(),
        "dist" => tools::ensure_build_tools().and_then(|t| {
            let out = option(&rest, "--out")
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| root().join("dist"));
            dist::build_into(&t, option(&rest, "--public-url").as_deref(), &out)
        }),
        "bench" => bench::run(rest),
        "catalogue" => catalogue::run(rest),
        "setup" => tools::ensure_build_tools().and_then(|_| {
            if rest.iter().any(|a| a == "--browser") {
                tools::ensure_browser().map(|_| ())
            } else {
                Ok(())
            }
        }),
        _ => {
            eprintln!("{HELP}");
            return if cmd.is_empty() || cmd == "help" || cmd == "--help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {cmd}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name` in the arguments.
fn option(args: &[String], name: &str) -> Option<String> {
    args.windows(2).find(|w| w[0] == name).map(|w| w[1].clone())
}

/// Builds the release console and serves it with the sandbox until Ctrl-C.
fn demo(args: Vec<String>) -> Result {
    let mut tools = None;
    step("Build tools (installed on first use)", || {
        tools = Some(tools::ensure_build_tools()?);
        Ok(())
    })?;
    let tools = tools.ok_or("no tools")?;
    step("Release build (standard library included)", || {
        dist::build(&tools, None)
    })?;
    eprintln!("\n==> Serving the console with demo data (Ctrl-C stops it)");
    let mut sandbox_args = vec![
        "--static".to_owned(),
        root().join("dist").to_string_lossy().into_owned(),
    ];
    sandbox_args.extend(args);
    run(cargo()
        .args(["run", "--release", "--quiet", "-p", "m3ter-sandbox", "--"])
        .args(&sandbox_args))
}

/// Runs one step of a long command between a heading and its time, so progress shows in a log.
fn step(what: &str, f: impl FnOnce() -> Result) -> Result {
    eprintln!("\n==> {what}");
    let started = std::time::Instant::now();
    let result = f();
    let secs = started.elapsed().as_secs();
    match &result {
        Ok(()) => eprintln!("==> {what}: done in {}:{:02}", secs / 60, secs % 60),
        Err(_) => eprintln!("==> {what}: FAILED after {}:{:02}", secs / 60, secs % 60),
    }
    result
}

/// Every check and test, in order of cost.
fn test() -> Result {
    let started = std::time::Instant::now();
    let mut tools = None;
    step("Build tools (installed on first use)", || {
        tools = Some(tools::ensure_build_tools()?);
        Ok(())
    })?;
    let tools = tools.ok_or("no tools")?;
    let mut browser = None;
    step("Chromium and chromedriver (installed on first use)", || {
        browser = Some(tools::ensure_browser()?);
        Ok(())
    })?;
    let browser = browser.ok_or("no browser")?;
    step("Formatting (cargo fmt --check)", || {
        run(cargo().args(["fmt", "--all", "--", "--check"]))
    })?;
    step("Clippy, native", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    // The wasm twice: as tests build it, and as the split release build does (`src/split.rs`).
    for split in [false, true] {
        let what = if split {
            "Clippy, wasm as the split release build sees it"
        } else {
            "Clippy, wasm"
        };
        step(what, || {
            let mut clippy = cargo();
            clippy.args([
                "clippy",
                "-p",
                "m3ter-console",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]);
            if split {
                clippy.env("M3TER_SPLIT_DIR", root().join("target").join("wasm-split"));
            }
            run(&mut clippy)
        })?;
    }
    step("Native tests (models, sandbox over HTTP, xtask)", || {
        run(cargo().args(["test", "--workspace", "--exclude", "m3ter-console"]))
    })?;
    step("Console logic tests", || {
        run(cargo().args(["test", "-p", "m3ter-console", "--lib"]))
    })?;
    // Component tests in headless Chromium (wasm-bindgen-test, configured by webdriver.json).
    step("Component tests in headless Chromium", || {
        run(cargo()
            .args([
                "test",
                "-p",
                "m3ter-console",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .env("PATH", tools.path()))
    })?;
    // End-to-end: the release build served by the sandbox, driven in headless Chromium.
    step(
        "Release build (standard library included) and size check",
        || {
            dist::build(&tools, None)?;
            dist::check_budget()
        },
    )?;
    // The same console built to live under /console/, for the sub-path hosting test.
    let subpath = root().join("target").join("dist-console");
    step("Release build for /console/", || {
        dist::build_into(&tools, Some("/console/"), &subpath)
    })?;
    step("End-to-end tests in headless Chromium", || {
        run(cargo()
            .args([
                "test",
                "-p",
                "m3ter-console",
                "--test",
                "e2e",
                "--",
                "--test-threads",
                "2",
            ])
            .env("M3TER_DIST", root().join("dist"))
            .env("M3TER_DIST_SUBPATH", &subpath)
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("CHROME", &browser.chromium))
    })?;
    let secs = started.elapsed().as_secs();
    eprintln!(
        "\nAll checks and tests passed in {}:{:02}.",
        secs / 60,
        secs % 60
    );
    Ok(())
}
