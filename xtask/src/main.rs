//! `cargo xtask <command>`: one entry point that installs what is missing, builds and runs.
//!
//! - `demo`  build the release console and serve it with the sandbox on http://127.0.0.1:8080
//! - `test`  run every check: fmt, clippy, native tests, wasm tests in Chromium, end-to-end tests
//! - `dist`  build the release console into `dist/` (with `.gz` and `.br` beside each file)
//! - `bench` measure first-load size and load times (see `bench.rs`)
//! - `setup` install the tools only

mod bench;
mod dist;
mod shrink;
mod split;
mod tools;

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
  bench [--runs N]                                  first-load size, cold load, 10,000 meters, requests
  setup [--browser]                                 install missing tools only";

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
    let tools = tools::ensure_build_tools()?;
    dist::build(&tools, None)?;
    let mut sandbox_args = vec![
        "--static".to_owned(),
        root().join("dist").to_string_lossy().into_owned(),
    ];
    sandbox_args.extend(args);
    run(cargo()
        .args(["run", "--release", "--quiet", "-p", "m3ter-sandbox", "--"])
        .args(&sandbox_args))
}

/// Every check and test, in order of cost.
fn test() -> Result {
    let tools = tools::ensure_build_tools()?;
    let browser = tools::ensure_browser()?;
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The wasm twice: as tests build it, and as the split release build does (`src/split.rs`).
    for split in [false, true] {
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
        run(&mut clippy)?;
    }
    run(cargo().args(["test", "--workspace", "--exclude", "m3ter-console"]))?;
    run(cargo().args(["test", "-p", "m3ter-console", "--lib"]))?;
    // Component tests in headless Chromium (wasm-bindgen-test, configured by webdriver.json).
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
        .env("PATH", tools.path()))?;
    // End-to-end: the release build served by the sandbox, driven in headless Chromium.
    dist::build(&tools, None)?;
    dist::check_budget()?;
    // The same console built to live under /console/, for the sub-path hosting test.
    let subpath = root().join("target").join("dist-console");
    dist::build_into(&tools, Some("/console/"), &subpath)?;
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
        .env("CHROME", &browser.chromium))?;
    eprintln!("\nAll checks and tests passed.");
    Ok(())
}
