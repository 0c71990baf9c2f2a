//! Size steps after Trunk on what every fresh tab loads: short names for the main module's JS
//! imports, and minified scripts.

use std::path::Path;
use std::process::Command;

use crate::dist_files::{find_file, read, replace_file, write};
use crate::tools::Tools;
use crate::wasm_bytes::{leb, put_leb, replace_section, section};
use crate::{run, Result};

/// wasm-bindgen names each JS function the main module imports `__wbg_<name>_<16 hex digits>`,
/// from the module `./m3ter-console_bg.js`. The names are in the wasm and again in the glue, and
/// their hex digits do not compress: measured 7.5 kB gzip of the first load. This gives every one
/// a short name (`a`, `b`, … `Z`, `ba`, …) and the module the name `w`, in the wasm's import section
/// and in the glue's imports object alike. Fails, rather than guess, when the glue does not define
/// each import exactly once in the form wasm-bindgen writes (`name: function(`).
pub fn short_import_names(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let (section, range) = section(wasm, 2)?.ok_or("the main module imports nothing")?;
    let mut p = 0;
    let count = leb(section, &mut p)?;
    let mut out = Vec::new();
    put_leb(&mut out, count);
    let mut renamed = Vec::new();
    let mut module_name = None;
    for _ in 0..count {
        let module = name(section, &mut p)?;
        let field = name(section, &mut p)?;
        let desc_start = p;
        skip_import_desc(section, &mut p)?;
        let desc = &section[desc_start..p];
        let (module, field) = if module.ends_with("_bg.js") {
            module_name = Some(module.to_owned());
            let short = short_name(renamed.len());
            renamed.push((field.to_owned(), short.clone()));
            ("w".to_owned(), short)
        } else {
            (module.to_owned(), field.to_owned())
        };
        for s in [&module, &field] {
            put_leb(&mut out, s.len() as u32);
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(desc);
    }
    let module = module_name.ok_or("the main module imports nothing from its glue")?;
    let wasm_out = replace_section(wasm, range, 2, &out);

    let mut glue = replace_once(glue, &format!("\"{module}\": "), "w: ")?;
    for (old, new) in &renamed {
        glue = replace_once(
            &glue,
            &format!(" {old}: function("),
            &format!(" {new}: function("),
        )?;
    }
    Ok((wasm_out, glue))
}

/// wasm-bindgen names the exports that call Rust closures from JS after the closure's full type
/// (`wasm_bindgen_<hash>___convert__closures_____invoke___web_sys_<hash>___features__gen_MouseEvent…`,
/// 60 to 250 characters each), in the wasm's export section and in the glue's `wasm.<name>` calls,
/// where the minifier cannot shorten a property name. This names them `x_a`, `x_b`, … in both.
/// Fails when the glue does not call one of them.
pub fn short_export_names(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let mut glue = glue.to_owned();
    let mut renamed = 0;
    let wasm = map_exports(wasm, |field| {
        if !(field.starts_with("wasm_bindgen_") && field.len() > 24) {
            return Ok(Some(field.to_owned()));
        }
        let short = format!("x_{}", short_name(renamed));
        renamed += 1;
        glue = replace_calls(&glue, &format!("wasm.{field}"), &format!("wasm.{short}"))?;
        Ok(Some(short))
    })?;
    Ok((wasm, glue))
}

/// wasm-bindgen gives every `#[wasm_bindgen]` struct of the dependency tree a JS class in the glue,
/// exported from it, and the methods' exports keep their code alive in the wasm. The console
/// exports no struct of its own; Leptos brings three through server_fn (wasm-streams'
/// `IntoUnderlyingSource`, `…Sink` and `…ByteSource`, for streaming server functions, which the
/// console does not call): about 2 kB gzip of every start. This takes each class out of the glue
/// (its block, its `Symbol.dispose` line, its finalization registry) and out of the wasm the exports
/// that only those classes called; wasm-opt then drops their code. Fails when anything else in the
/// glue names a class (Rust handing one to JS would), rather than break it. Returns how many
/// exports went.
pub fn drop_classes(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, usize)> {
    let mut glue = glue.to_owned();
    let mut called = Vec::new();
    while let Some(at) = glue.find("export class ") {
        let rest = &glue[at + "export class ".len()..];
        let class = rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .next()
            .unwrap_or_default()
            .to_owned();
        let block = at..statement_end(&glue, at, '}')?;
        called.extend(wasm_calls(&glue[block.clone()]));
        glue.replace_range(block, "");
        let dispose = format!(
            "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;"
        );
        glue = glue.replacen(&dispose, "", 1);
        let registry = format!("const {class}Finalization = ");
        if let Some(at) = glue.find(&registry) {
            let end = statement_end(&glue, at, ';')?;
            called.extend(wasm_calls(&glue[at..end]));
            glue.replace_range(at..end, "");
        }
        if contains_name(&glue, &class) {
            return Err(format!(
                "the glue still uses the class {class} after taking it out"
            ));
        }
    }
    called.retain(|name| !contains_name(&glue, &format!("wasm.{name}")));
    let mut dropped = 0;
    let wasm = map_exports(wasm, |field| {
        let gone = called.iter().any(|c| c == field);
        dropped += usize::from(gone);
        Ok((!gone).then(|| field.to_owned()))
    })?;
    Ok((wasm, glue, dropped))
}

/// Where the statement starting at `at` ends: after the first `last` outside brackets that closes
/// what it opened (`}` for a class block, `;` for a declaration).
fn statement_end(text: &str, at: usize, last: char) -> Result<usize> {
    let mut depth = 0i32;
    let mut opened = false;
    for (i, c) in text[at..].char_indices() {
        match c {
            '{' | '(' | '[' => {
                depth += 1;
                opened = true;
            }
            '}' | ')' | ']' => depth -= 1,
            _ => {}
        }
        if c == last && depth == 0 && (opened || last == ';') {
            return Ok(at + i + c.len_utf8());
        }
    }
    Err(format!("the glue's statement at byte {at} does not end"))
}

/// The exports `text` calls as `wasm.<name>`.
fn wasm_calls(text: &str) -> Vec<String> {
    text.split("wasm.")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether `name` is in `text` as a whole identifier (not inside a longer one).
fn contains_name(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// The wasm with each export renamed (`Some`) or dropped (`None`) by `f`.
fn map_exports(wasm: &[u8], mut f: impl FnMut(&str) -> Result<Option<String>>) -> Result<Vec<u8>> {
    let (section, range) = section(wasm, 7)?.ok_or("the main module exports nothing")?;
    let mut p = 0;
    let count = leb(section, &mut p)?;
    let mut kept = 0;
    let mut entries = Vec::new();
    for _ in 0..count {
        let field = name(section, &mut p)?;
        let desc_start = p;
        p += 1; // the kind
        leb(section, &mut p)?;
        let desc = section.get(desc_start..p).ok_or("truncated wasm export")?;
        if let Some(field) = f(field)? {
            kept += 1;
            put_leb(&mut entries, field.len() as u32);
            entries.extend_from_slice(field.as_bytes());
            entries.extend_from_slice(desc);
        }
    }
    let mut out = Vec::new();
    put_leb(&mut out, kept);
    out.extend_from_slice(&entries);
    Ok(replace_section(wasm, range, 7, &out))
}

/// Every `from` in `text` that is not the start of a longer name (`…_true_` is the start of
/// `…_true__16`), replaced by `to`; at least one must be there.
fn replace_calls(text: &str, from: &str, to: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = 0;
    while let Some(at) = rest.find(from) {
        let after = &rest[at + from.len()..];
        let whole = !after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        found += usize::from(whole);
        rest = after;
    }
    out.push_str(rest);
    if found == 0 {
        return Err(format!("the glue never calls {from:?}"));
    }
    Ok(out)
}

/// `a`…`z`, `A`…`Z`, then two letters and more: valid JS property names, never a keyword that
/// matters in an object literal.
fn short_name(mut i: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = Vec::new();
    loop {
        s.insert(0, LETTERS[i % 52]);
        i /= 52;
        if i == 0 {
            return String::from_utf8_lossy(&s).into_owned();
        }
    }
}

fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!("the glue has {n} times {from:?}, expected once")),
    }
}

fn name<'a>(bytes: &'a [u8], p: &mut usize) -> Result<&'a str> {
    let len = leb(bytes, p)? as usize;
    let s = bytes.get(*p..*p + len).ok_or("truncated wasm name")?;
    *p += len;
    std::str::from_utf8(s).map_err(|_| "a wasm name is not UTF-8".into())
}

fn skip_import_desc(bytes: &[u8], p: &mut usize) -> Result {
    let byte = |p: &mut usize| -> Result<u8> {
        let b = *bytes.get(*p).ok_or("truncated wasm import")?;
        *p += 1;
        Ok(b)
    };
    let limits = |p: &mut usize| -> Result {
        let flags = byte(p)?;
        leb(bytes, p)?;
        if flags & 1 == 1 {
            leb(bytes, p)?;
        }
        Ok(())
    };
    match byte(p)? {
        0 => leb(bytes, p).map(|_| ()),
        1 => {
            byte(p)?;
            limits(p)
        }
        2 => limits(p),
        3 => byte(p).and(byte(p)).map(|_| ()),
        4 => byte(p).and(leb(bytes, p)).map(|_| ()),
        kind => Err(format!("unknown wasm import kind {kind}")),
    }
}

/// `text` minified by terser (compress and mangle; an ES module when `module`).
pub fn minify_js(tools: &Tools, text: &str, module: bool) -> Result<String> {
    let dir = crate::root().join("target").join("minify");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (input, output) = (dir.join("in.js"), dir.join("out.js"));
    write(&input, text)?;
    let mut terser = Command::new(tools.bin_dir.join("terser"));
    terser.arg(&input).args(["--compress", "--mangle"]);
    if module {
        terser.arg("--module");
    }
    run(terser.arg("-o").arg(&output))?;
    String::from_utf8(read(&output)?).map_err(|e| e.to_string())
}

/// Minifies the script Trunk copied as `<stem>-<hash>.js` (a classic script) and names it anew.
pub fn minify_script_file(tools: &Tools, out: &Path, stem: &str) -> Result {
    let index = out.join("index.html");
    let html = String::from_utf8(read(&index)?).map_err(|e| e.to_string())?;
    let old = find_file(out, &format!("{stem}-"), ".js")?;
    let text = String::from_utf8(read(&out.join(&old))?).map_err(|e| e.to_string())?;
    let small = minify_js(tools, &text, false)?;
    let (_, html) = replace_file(out, &html, &old, stem, ".js", small.as_bytes())?;
    write(&index, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wasm_with_imports(imports: &[(&str, &str)]) -> Vec<u8> {
        let mut body = Vec::new();
        put_leb(&mut body, imports.len() as u32);
        for (module, field) in imports {
            for s in [module, field] {
                put_leb(&mut body, s.len() as u32);
                body.extend_from_slice(s.as_bytes());
            }
            body.extend_from_slice(&[0, 0]); // a function of type 0
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        wasm.push(2);
        put_leb(&mut wasm, body.len() as u32);
        wasm.extend_from_slice(&body);
        wasm
    }

    #[test]
    fn closure_exports_get_short_names_in_the_wasm_and_the_glue() {
        let long = "wasm_bindgen_0123456789abcdef___convert__closures_____invoke_______true_";
        let longer = format!("{long}_16");
        let wasm = wasm_with_exports(&["memory", long, &longer]);
        let glue =
            format!("function a(x) {{ wasm.{long}(x); }} function b(x) {{ wasm.{longer}(x); }}");
        let (wasm, glue) = short_export_names(&wasm, &glue).expect("renamed");
        assert_eq!(
            glue,
            "function a(x) { wasm.x_a(x); } function b(x) { wasm.x_b(x); }"
        );
        let text = String::from_utf8_lossy(&wasm);
        assert!(text.contains("memory") && text.contains("x_a") && text.contains("x_b"));
        assert!(!text.contains("wasm_bindgen_"));
        assert!(short_export_names(&wasm_with_exports(&[long]), "nothing").is_err());
    }

    fn wasm_with_exports(names: &[&str]) -> Vec<u8> {
        let mut body = Vec::new();
        put_leb(&mut body, names.len() as u32);
        for n in names {
            put_leb(&mut body, n.len() as u32);
            body.extend_from_slice(n.as_bytes());
            body.extend_from_slice(&[0, 0]); // function 0
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(7);
        put_leb(&mut wasm, body.len() as u32);
        wasm.extend_from_slice(&body);
        wasm
    }

    #[test]
    fn imports_get_short_names_in_the_wasm_and_the_glue() {
        let wasm = wasm_with_imports(&[
            ("./c_bg.js", "__wbg_now_0123456789abcdef"),
            ("./__wasm_split.js", "__wasm_split_load_forms"),
            ("./c_bg.js", "__wbg_now_fedcba9876543210"),
        ]);
        let glue = "const import0 = {\n    __wbg_now_0123456789abcdef: function() {},\n    \
                    __wbg_now_fedcba9876543210: function(arg0) {},\n};\n\
                    return { \"./c_bg.js\": import0, \"./__wasm_split.js\": import1 };";
        let (wasm, glue) = short_import_names(&wasm, glue).unwrap();
        assert_eq!(
            glue,
            "const import0 = {\n    a: function() {},\n    b: function(arg0) {},\n};\n\
             return { w: import0, \"./__wasm_split.js\": import1 };"
        );
        assert_eq!(
            wasm,
            wasm_with_imports(&[
                ("w", "a"),
                ("./__wasm_split.js", "__wasm_split_load_forms"),
                ("w", "b"),
            ])
        );
    }

    #[test]
    fn a_glue_that_does_not_define_an_import_is_an_error() {
        let wasm = wasm_with_imports(&[("./c_bg.js", "__wbg_gone_0123456789abcdef")]);
        let glue = "return { \"./c_bg.js\": {} };";
        assert!(short_import_names(&wasm, glue).is_err());
    }

    #[test]
    fn unused_classes_leave_the_glue_and_their_exports_the_wasm() {
        let glue = "export class Sink {\n    /** @param {Thing} x */\n    write(x) {\n        \
                    return wasm.sink_write(this.__wbg_ptr, x);\n    }\n    free() { \
                    wasm.__wbg_sink_free(0); wasm.shared(); }\n}\n\
                    if (Symbol.dispose) Sink.prototype[Symbol.dispose] = Sink.prototype.free;\n\
                    export function wasm_memory_bytes() { return wasm.wasm_memory_bytes(); }\n\
                    const SinkFinalization = (typeof FinalizationRegistry === 'undefined')\n    \
                    ? { register: () => {}, unregister: () => {} }\n    \
                    : new FinalizationRegistry(ptr => wasm.__wbg_sink_free(ptr >>> 0, 1));\n\
                    function other() { wasm.shared(); }\n";
        let names = [
            "sink_write",
            "__wbg_sink_free",
            "shared",
            "wasm_memory_bytes",
            "memory",
        ];
        let (wasm, glue, dropped) = drop_classes(&wasm_with_exports(&names), glue).unwrap();
        assert_eq!(dropped, 2);
        assert!(!glue.contains("Sink") && !glue.contains("sink"), "{glue}");
        assert!(
            glue.contains("export function wasm_memory_bytes()")
                && glue.contains("function other()")
        );
        assert_eq!(
            wasm,
            wasm_with_exports(&["shared", "wasm_memory_bytes", "memory"])
        );
    }

    #[test]
    fn a_class_rust_hands_to_js_stays() {
        let glue = "export class Sink {\n    free() { wasm.__wbg_sink_free(0); }\n}\n\
                    function wrap(ptr) { return Sink.__wrap(ptr); }\n";
        assert!(drop_classes(&wasm_with_exports(&["__wbg_sink_free"]), glue).is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "ba");
    }
}
