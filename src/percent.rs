//! Percent-encoding of URL parts, written out (the browser's `encodeURIComponent` leaves `!'()*`
//! as they are): console paths, API paths and query strings all go through here.

/// Encodes everything but the unreserved characters (letters, digits, `-_.~`).
pub fn encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Decodes `%XX` escapes; text that is not valid percent-encoded UTF-8 is kept as it came.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |k: usize| {
            bytes
                .get(k)
                .and_then(|c| (*c as char).to_digit(16))
                .map(|d| d as u8)
        };
        if b == b'%' {
            let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) else {
                return s.to_owned();
            };
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_text() {
        for s in [
            "",
            "a b",
            "a/b?c#d",
            "é☃",
            "100%",
            "!'()*",
            "..",
            "\u{0}\u{7f}",
        ] {
            assert_eq!(decode(&encode(s)), s, "{s:?}");
            assert!(encode(s)
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        }
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%FF"), "%FF");
        assert_eq!(decode("%zz"), "%zz");
    }
}
