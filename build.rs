//! `cfg(m3ter_split)`: set for the wasm build when `cargo xtask` links it with the splitting linker
//! (`M3TER_SPLIT_DIR`), so the pages in `src/split.rs` become modules loaded on demand.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(m3ter_split)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=M3TER_SPLIT_DIR");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("M3TER_SPLIT_DIR").is_some() {
        println!("cargo::rustc-cfg=m3ter_split");
    }
}
