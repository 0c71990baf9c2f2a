//! Installs what is missing, pinned, and skips in seconds when the right versions are present.
//! Nothing is downloaded from GitHub: Trunk is given every tool it would otherwise fetch.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{output, root, run, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
/// terser from npm (pure JavaScript: no download beyond the npm registry).
pub const TERSER_VERSION: &str = "5.51.2";

/// Where the build tools live and how to put them on `PATH`.
pub struct Tools {
    /// `target/tools/node_modules/.bin` (npm's binaryen: wasm-opt; terser).
    pub bin_dir: PathBuf,
}

impl Tools {
    /// `PATH` with our tool directory first, so Trunk finds the pinned wasm-opt, then cargo's
    /// binaries (what `cargo install` just put there, even when that directory is not on the
    /// caller's `PATH`, as with a fresh `CARGO_HOME`).
    pub fn path(&self) -> String {
        with_cargo_bin(&format!("{}", self.bin_dir.display()))
    }
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// `PATH` with `first` (if not empty) and cargo's binaries in front.
fn with_cargo_bin(first: &str) -> String {
    let old = std::env::var("PATH").unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    if !first.is_empty() {
        parts.push(first.to_owned());
    }
    parts.push(cargo_bin().display().to_string());
    parts.push(old);
    parts.join(":")
}

/// A command looked up on `PATH` with cargo's binaries included.
fn tool(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", with_cargo_bin(""));
    c
}

/// The version of a package in Cargo.lock.
fn locked_version(package: &str) -> Option<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            return lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_owned);
        }
    }
    None
}

fn version_of(program: &str, arg: &str) -> Option<String> {
    output(tool(program).arg(arg))
}

/// Says what is about to take a while, so a quiet terminal is not mistaken for a hang.
fn slow_step(what: &str, expect: &str) {
    eprintln!("\n==> {what} (first run only: {expect}; cargo prints each crate as it compiles)");
}

pub fn ensure_build_tools() -> Result<Tools> {
    // The wasm target.
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    // The standard library's source: the release build compiles it for size (`dist::std_for_size`).
    let components = output(Command::new("rustup").args(["component", "list", "--installed"]))
        .unwrap_or_default();
    if !components.lines().any(|l| l.trim() == "rust-src") {
        run(Command::new("rustup").args(["component", "add", "rust-src"]))?;
    }
    // Trunk, pinned (0.22 needs a newer rustc).
    if !version_of("trunk", "--version").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        slow_step(
            &format!("Installing trunk {TRUNK_VERSION}"),
            "about 6 minutes on 2 cores",
        );
        run(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    }
    // wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or Trunk tries to download it.
    let wb = locked_version("wasm-bindgen").ok_or("Cargo.lock has no wasm-bindgen")?;
    if !version_of("wasm-bindgen", "--version")
        .is_some_and(|v| v.split_whitespace().any(|w| w == wb))
    {
        slow_step(
            &format!("Installing wasm-bindgen-cli {wb}"),
            "about 4 minutes on 2 cores",
        );
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wb]))?;
    }
    // wasm-opt from npm's binaryen (Debian's binaryen 108 produces a wasm that dies in the browser).
    let tools_dir = root().join("target").join("tools");
    let bin_dir = tools_dir.join("node_modules").join(".bin");
    let wasm_opt = bin_dir.join("wasm-opt");
    let want = format!(
        "version {}",
        BINARYEN_VERSION
            .split('.')
            .next()
            .unwrap_or(BINARYEN_VERSION)
    );
    let mut missing = Vec::new();
    if !version_of(&wasm_opt.to_string_lossy(), "--version").is_some_and(|v| v.contains(&want)) {
        missing.push(format!("binaryen@{BINARYEN_VERSION}"));
    }
    // terser minifies the scripts of the release build (`shrink::minify_js`).
    let terser = bin_dir.join("terser");
    if !version_of(&terser.to_string_lossy(), "--version")
        .is_some_and(|v| v.split_whitespace().any(|w| w == TERSER_VERSION))
    {
        missing.push(format!("terser@{TERSER_VERSION}"));
    }
    if !missing.is_empty() {
        std::fs::create_dir_all(&tools_dir).map_err(|e| format!("{}: {e}", tools_dir.display()))?;
        if Command::new("npm").arg("--version").output().is_err() {
            return Err(
                "npm is needed to install binaryen's wasm-opt and terser (install Node.js and npm)"
                    .into(),
            );
        }
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools_dir)
            .args(&missing))?;
    }
    fetch_std_sources()?;
    Ok(Tools { bin_dir })
}

/// The release build compiles the standard library with the console (`dist::std_for_size`) and
/// builds offline, so the standard library's own dependencies (in the `rust-src` component's
/// `library/Cargo.lock`, e.g. `moto-rt`) must be in cargo's cache first: `cargo fetch` of the
/// workspace fetches only ours. Takes a second when they are there.
fn fetch_std_sources() -> Result {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))
        .ok_or("cannot ask rustc for its sysroot")?;
    let manifest = PathBuf::from(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    if !manifest.is_file() {
        return Err(format!(
            "{} is missing: the rust-src component did not install",
            manifest.display()
        ));
    }
    // The library's manifest uses cargo features that only nightly cargo accepts without this.
    run(Command::new("cargo")
        .args(["fetch", "--locked", "--manifest-path"])
        .arg(&manifest)
        .env("RUSTC_BOOTSTRAP", "1"))
}

/// Chromium and its driver for the browser tests.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

fn found(p: &Path) -> bool {
    Command::new(p)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn ensure_browser() -> Result<Browser> {
    let chromium =
        PathBuf::from(std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    let chromedriver = PathBuf::from(
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
    );
    if found(&chromium) && found(&chromedriver) {
        return Ok(Browser {
            chromium,
            chromedriver,
        });
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if is_root {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.args(["-n", "apt-get"]);
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    let installed = apt(&[
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
    ])
    .or_else(|_| {
        apt(&["update"]).and_then(|_| {
            apt(&[
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
        })
    });
    if installed.is_err() || !found(&chromium) || !found(&chromedriver) {
        return Err(format!(
            "the browser tests need Debian's chromium and chromium-driver ({} and {}), and installing them failed. \
             Install them with: sudo apt-get install chromium chromium-driver (or set CHROME and CHROMEDRIVER)",
            chromium.display(),
            chromedriver.display()
        ));
    }
    Ok(Browser {
        chromium,
        chromedriver,
    })
}
