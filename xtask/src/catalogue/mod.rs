//! `cargo xtask catalogue --spec <openapi.json> [--out <file>]`: writes the catalogue
//! (`crates/models/src/catalogue/generated.rs`) from m3ter's OpenAPI document and prints where
//! every operation went. It fails on what it does not know (an operation it cannot place, a
//! pattern it has no check for, a tag without an area, a stale table entry), so a new version of
//! the document is looked at before it changes the console.

mod emit;
mod model;
mod names;
mod ordered;
mod report;
mod spec;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use crate::{option, root, Result};

pub fn run(args: Vec<String>) -> Result {
    let spec = option(&args, "--spec")
        .ok_or("usage: cargo xtask catalogue --spec <openapi.json> [--out <file>]")?;
    let out = option(&args, "--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("crates/models/src/catalogue/generated.rs"));
    let text = std::fs::read_to_string(&spec).map_err(|e| format!("cannot read {spec}: {e}"))?;
    let doc = ordered::parse(&text).map_err(|e| format!("{spec}: {e}"))?;
    let (rust, report) = generate(&doc, &names::M3TER)?;
    std::fs::write(&out, rust).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    crate::run(
        std::process::Command::new("rustfmt")
            .args(["--edition", "2021"])
            .arg(&out),
    )?;
    print!("{report}");
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The catalogue's Rust source (unformatted) and the report.
fn generate(doc: &serde_json::Value, tables: &'static names::Tables) -> Result<(String, String)> {
    let cat = model::build(doc, tables)?;
    let rust = emit::rust(&cat)?;
    Ok((rust, report::text(&cat)))
}
