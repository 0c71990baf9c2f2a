//! The release build's files: names that follow their content, Subresource Integrity values, and
//! swapping a file for a new version in `index.html`.

use std::path::Path;

use crate::Result;

/// FNV-1a of `bytes`: stable names that change with the content, like Trunk's.
pub fn content_hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{h:016x}")
}

pub fn read(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn write(p: &Path, bytes: impl AsRef<[u8]>) -> Result {
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
}

/// The `sha384-…` Subresource Integrity value of `bytes`.
pub fn integrity(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha384::digest(bytes);
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::new();
    for c in digest.chunks(3) {
        let n = c
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= c.len() {
                b64.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                b64.push('=');
            }
        }
    }
    format!("sha384-{b64}")
}

/// Replaces the file `old` in `out` with `bytes` under `<stem>-<content hash><suffix>`, and points
/// `html` at it: its name, and the `integrity` of the tag that names it, if that tag has one.
pub fn replace_file(
    out: &Path,
    html: &str,
    old: &str,
    stem: &str,
    suffix: &str,
    bytes: &[u8],
) -> Result<(String, String)> {
    let new = format!("{stem}-{}{suffix}", content_hash(bytes));
    write(&out.join(&new), bytes)?;
    if new != old {
        std::fs::remove_file(out.join(old)).map_err(|e| format!("{old}: {e}"))?;
    }
    let html = html.replace(old, &new);
    let html = match html.find(&format!("{new}\"")) {
        Some(at) => set_integrity(&html, at, bytes)?,
        None => html,
    };
    Ok((new, html))
}

/// The `integrity` value of the tag around byte `at` of `html`, recomputed for `bytes`.
fn set_integrity(html: &str, at: usize, bytes: &[u8]) -> Result<String> {
    let start = html[..at]
        .rfind('<')
        .ok_or("index.html: a name outside a tag")?;
    let end = html[at..]
        .find('>')
        .map(|i| at + i)
        .ok_or("index.html: unclosed tag")?;
    let key = "integrity=\"";
    let Some(i) = html[start..end].find(key).map(|i| start + i + key.len()) else {
        return Ok(html.to_owned());
    };
    let j = html[i..end]
        .find('"')
        .map(|j| i + j)
        .ok_or("index.html: unclosed integrity")?;
    Ok(format!("{}{}{}", &html[..i], integrity(bytes), &html[j..]))
}

/// The one file in `out` named `<prefix>…<suffix>`.
pub fn find_file(out: &Path, prefix: &str, suffix: &str) -> Result<String> {
    let names: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .collect();
    match names.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected one {prefix}*{suffix} in {}, found {names:?}",
            out.display()
        )),
    }
}
