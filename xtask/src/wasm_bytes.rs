//! Reading and rewriting a wasm module's bytes: LEB128 numbers and whole sections (the splitting
//! linker adds an export, `shrink` renames imports).

use crate::Result;

pub fn leb(bytes: &[u8], at: &mut usize) -> Result<u32> {
    let (mut value, mut shift) = (0u32, 0);
    loop {
        let b = *bytes.get(*at).ok_or("truncated wasm")?;
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Ok(value);
        }
        shift += 7;
        if shift > 28 {
            return Err("bad LEB128 in wasm".into());
        }
    }
}

pub fn put_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// `wasm` with the section at `range` replaced by a section `id` holding `body`.
pub fn replace_section(wasm: &[u8], range: std::ops::Range<usize>, id: u8, body: &[u8]) -> Vec<u8> {
    let mut out = wasm[..range.start].to_vec();
    out.push(id);
    put_leb(&mut out, body.len() as u32);
    out.extend_from_slice(body);
    out.extend_from_slice(&wasm[range.end..]);
    out
}

/// The body of the first section with this id, and the byte range of the whole section.
pub fn section(wasm: &[u8], id: u8) -> Result<Option<(&[u8], std::ops::Range<usize>)>> {
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let this = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at)? as usize;
        let end = at + size;
        if end > wasm.len() {
            return Err("truncated wasm section".into());
        }
        if this == id {
            return Ok(Some((&wasm[at..end], start..end)));
        }
        at = end;
    }
    Ok(None)
}
