//! Code splitting for the release build: the pages in `src/split.rs` become wasm modules of their
//! own, loaded on demand.
//!
//! Trunk 0.21 cannot split (it must happen before wasm-bindgen, trunk-rs/trunk#1022), so:
//! 1. `dist` runs Trunk with this program as the wasm linker ([`linker_env`]). As linker, xtask runs
//!    rust-lld (with relocations kept), then `wasm_split_cli_support` splits the result at the
//!    `wasm_split` functions: the main module goes back where rustc expects it (Trunk runs
//!    wasm-bindgen and wasm-opt on it as usual), the split modules and their loader
//!    (`__wasm_split.js`) go to `target/wasm-split/`.
//! 2. After Trunk, [`finish`] optimises the split modules, names every file by its content (so all
//!    of them can be cached for ever), and points the main glue and `index.html` at them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::dist_files::{content_hash, find_file, integrity, read, replace_file, write};
use crate::shrink;
use crate::tools::Tools;
use crate::wasm_bytes::{leb, put_leb, replace_section, section};
use crate::{output, root, run, Result};

/// Set (to the split directory) when xtask is started as the wasm linker.
const LINKER_ENV: &str = "M3TER_SPLIT_LINKER";
/// Read by `build.rs`: turns the `wasm_split` attributes on.
const SPLIT_DIR_ENV: &str = "M3TER_SPLIT_DIR";
/// The loader the split tool writes; the main module imports it under this name.
const LOADER: &str = "__wasm_split.js";
const LOADER_IMPORT: &str = "./__wasm_split.js";

fn split_dir() -> PathBuf {
    root().join("target").join("wasm-split")
}

/// The environment for Trunk's cargo build that makes it a split build linked by xtask.
pub fn linker_env(cmd: &mut Command) -> Result {
    force_link_if_stale()?;
    let me = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let dir = split_dir();
    cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", me)
        .env(LINKER_ENV, &dir)
        .env(SPLIT_DIR_ENV, &dir);
    Ok(())
}

/// Cargo does not know about the split modules: when they are missing, or were not made with the
/// wasm cargo last linked, make it link again (by touching the binary's source).
fn force_link_if_stale() -> Result {
    let artifact = root().join("target/wasm32-unknown-unknown/release/m3ter-console.wasm");
    let made = std::fs::read(split_dir().join("main.wasm")).ok();
    if made.is_some() && made == std::fs::read(&artifact).ok() && split_dir().join(LOADER).is_file()
    {
        return Ok(());
    }
    let main = root().join("src/main.rs");
    std::fs::File::options()
        .append(true)
        .open(&main)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("{}: {e}", main.display()))
}

/// When xtask was started by rustc as the linker: link, split, and say so (`Some`).
pub fn as_linker(args: &[String]) -> Option<Result> {
    let dir = std::env::var_os(LINKER_ENV)?;
    Some(link(args, Path::new(&dir)))
}

fn rust_lld() -> Result<PathBuf> {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))
        .ok_or("rustc --print sysroot failed")?;
    let info = output(Command::new("rustc").arg("-vV")).ok_or("rustc -vV failed")?;
    let host = info
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .ok_or("rustc -vV names no host")?;
    let lld = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host.trim())
        .join("bin/rust-lld");
    if lld.is_file() {
        Ok(lld)
    } else {
        Err(format!("{} not found", lld.display()))
    }
}

fn link(args: &[String], dir: &Path) -> Result {
    let mut lld = Command::new(rust_lld()?);
    if !args.iter().any(|a| a == "-flavor") {
        lld.args(["-flavor", "wasm"]);
    }
    // The split tool builds its call graph from the relocations.
    run(lld.args(args).arg("--emit-relocs"))?;
    let out = args
        .windows(2)
        .find(|w| w[0] == "-o")
        .map(|w| PathBuf::from(&w[1]))
        .ok_or("the linker was not given -o")?;
    let input = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let main = dir.join("main.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = dir;
    opts.main_out_path = &main;
    opts.link_name = LOADER_IMPORT;
    opts.target.web();
    wasm_split_cli_support::transform(opts).map_err(|e| format!("wasm-split: {e:#}"))?;
    let main_wasm = export_table_again(&read(&main)?)?;
    write(&main, &main_wasm)?;
    write(&out, &main_wasm)
}

/// The table export the split modules need, under a name wasm-bindgen keeps.
const TABLE: &str = "__indirect_function_table";
const TABLE_ALIAS: &str = "__wasm_split_table";

/// wasm-bindgen drops the linker's `__indirect_function_table` export (Trunk cannot pass it
/// `--keep-lld-exports`), but the split modules import the function table: export it a second
/// time as `__wasm_split_table` (the loader is pointed at that name in [`finish`]).
fn export_table_again(wasm: &[u8]) -> Result<Vec<u8>> {
    let (body, range) = section(wasm, 7)?.ok_or("the main module has no export section")?;
    let mut p = 0;
    let count = leb(body, &mut p)?;
    let entries = p;
    let mut table = None;
    for _ in 0..count {
        let len = leb(body, &mut p)? as usize;
        let name = body.get(p..p + len).ok_or("truncated export name")?;
        p += len;
        let kind = *body.get(p).ok_or("truncated export")?;
        p += 1;
        let index = leb(body, &mut p)?;
        if kind == 1 && name == TABLE.as_bytes() {
            table = Some(index);
        }
    }
    let index = table.ok_or(format!("the main module does not export {TABLE}"))?;
    let mut section = Vec::new();
    put_leb(&mut section, count + 1);
    section.extend_from_slice(&body[entries..]);
    put_leb(&mut section, TABLE_ALIAS.len() as u32);
    section.extend_from_slice(TABLE_ALIAS.as_bytes());
    section.push(1);
    put_leb(&mut section, index);
    Ok(replace_section(wasm, range, 7, &section))
}

/// Puts the split modules and their loader into `out` (a Trunk dist) under content names.
pub fn finish(tools: &Tools, out: &Path) -> Result {
    let dir = split_dir();
    let opt_dir = root().join("target").join("wasm-split-opt");
    std::fs::create_dir_all(&opt_dir).map_err(|e| format!("{}: {e}", opt_dir.display()))?;
    let mut loader = String::from_utf8(read(&dir.join(LOADER))?)
        .map_err(|_| format!("{LOADER} is not UTF-8"))?;
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".wasm").filter(|s| *s != "main") else {
            continue;
        };
        let opt = opt_dir.join(&name);
        optimise(tools, &path, &opt)?;
        let bytes = read(&opt)?;
        let hashed = format!("{stem}-{}.wasm", content_hash(&bytes));
        write(&out.join(&hashed), &bytes)?;
        let quoted = format!("\"./{name}\"");
        if !loader.contains(&quoted) {
            return Err(format!("{LOADER} does not load {name}"));
        }
        loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
    }
    // The loader takes the main module's exports from the global the console sets at start
    // (`src/split.rs`, `publish_exports`), instead of importing the main glue by name (which
    // imports the loader: a naming cycle).
    let import = loader
        .lines()
        .find(|l| l.starts_with("import { initSync } from"))
        .ok_or(format!("{LOADER} does not import initSync"))?
        .to_owned();
    loader = loader.replace(
        &import,
        &format!(
            "const initSync = () => {{ const w = globalThis.__m3terWasmExports; \
             return {{ ...w, {TABLE}: w.{TABLE_ALIAS} }}; }};"
        ),
    );
    let loader_name = format!("wasm-split-{}.js", content_hash(loader.as_bytes()));
    write(&out.join(&loader_name), &loader)?;

    // The main module and its glue: the glue imports the loader by its new name, both get short
    // import names, the glue is minified, and each takes a name of its own content.
    let index = out.join("index.html");
    let html = String::from_utf8(read(&index)?).map_err(|e| e.to_string())?;
    let glue_old = find_file(out, "m3ter-console-", ".js")?;
    let wasm_old = find_file(out, "m3ter-console-", "_bg.wasm")?;
    let glue = String::from_utf8(read(&out.join(&glue_old))?).map_err(|e| e.to_string())?;
    // Only the ES imports: the wasm's own import module keeps its name in the imports object.
    let from = format!("from \"{LOADER_IMPORT}\"");
    if !glue.contains(&from) {
        return Err(format!(
            "{glue_old} does not import {LOADER}: not a split build"
        ));
    }
    let glue = glue.replace(&from, &format!("from \"./{loader_name}\""));
    let (wasm, glue) = shrink::short_import_names(&read(&out.join(&wasm_old))?, &glue)?;
    let (wasm, glue) = shrink::short_export_names(&wasm, &glue)?;
    let (wasm, glue, dropped) = shrink::drop_classes(&wasm, &glue)?;
    // With exports gone, their code can go too.
    let wasm = if dropped > 0 {
        let (before, after) = (opt_dir.join("main-in.wasm"), opt_dir.join("main.wasm"));
        write(&before, &wasm)?;
        optimise(tools, &before, &after)?;
        read(&after)?
    } else {
        wasm
    };
    let (_, html) = replace_file(out, &html, &wasm_old, "m3ter-console", "_bg.wasm", &wasm)?;
    let glue = shrink::minify_js(tools, &glue, true)?;
    std::fs::remove_file(out.join(&glue_old)).map_err(|e| e.to_string())?;
    let glue_new = format!("m3ter-console-{}.js", content_hash(glue.as_bytes()));
    write(&out.join(&glue_new), &glue)?;

    // index.html: the bootstrap import, the glue's modulepreload link (with its integrity), and one
    // for the loader beside it, so the browser does not wait for the glue to find the loader.
    let html = html.replace(&glue_old, &glue_new);
    let at = html
        .find(&format!("{glue_new}\""))
        .ok_or("index.html has no link to the glue")?;
    let start = html[..at]
        .rfind("<link")
        .ok_or("index.html: the glue is not in a <link>")?;
    let end = html[at..]
        .find('>')
        .map(|i| at + i + 1)
        .ok_or("index.html: unclosed <link>")?;
    let tag = &html[start..end];
    let preload = |name: &str, bytes: &[u8]| -> String {
        let tag = tag.replace(&glue_new, name);
        let key = "integrity=\"";
        match tag.find(key) {
            Some(i) => {
                let from = i + key.len();
                let to = tag[from..].find('"').map_or(from, |j| from + j);
                format!("{}{}{}", &tag[..from], integrity(bytes), &tag[to..])
            }
            None => tag,
        }
    };
    let links = preload(&glue_new, glue.as_bytes()) + &preload(&loader_name, loader.as_bytes());
    write(&index, format!("{}{links}{}", &html[..start], &html[end..]))
}

/// wasm-opt for size, as index.html tells Trunk for the main module.
fn optimise(tools: &Tools, input: &Path, output: &Path) -> Result {
    run(Command::new(tools.bin_dir.join("wasm-opt"))
        .arg("-Oz")
        // No address the console uses wraps around into the first KiB, so constant offsets can
        // fold into loads and stores.
        .arg("--low-memory-unused")
        // Tool metadata no browser reads: ~0.2 kB gzip in every file.
        .args(["--strip-producers", "--strip-target-features"])
        .args(WASM_FEATURES)
        .arg(input)
        .arg("-o")
        .arg(output))
}

/// The wasm features rustc's wasm32 target uses (wasm-opt must accept them in the split modules).
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_base64_sha384() {
        // printf abc | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
