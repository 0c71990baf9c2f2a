//! Reading a JWT's expiry (`exp`) to show when a pasted token runs out. The signature is not checked:
//! this is only for display and for renewing in time; the API decides what is valid.

/// Decodes base64url without padding (the JWT alphabet).
fn base64url(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in input.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The `exp` claim (seconds since the Unix epoch) of a JWT, if the token is one and has it.
pub fn expiry(token: &str) -> Option<i64> {
    let mut parts = token.split('.');
    let (_header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let claims: serde_json::Value =
        serde_json::from_str(std::str::from_utf8(&base64url(payload)?).ok()?).ok()?;
    match &claims["exp"] {
        // serde_json's reader, not `Number::as_f64` (core's float parser: ~8 kB of wasm).
        serde_json::Value::Number(n) => n.as_i64().or_else(|| {
            serde_json::from_str::<f64>(n.as_str())
                .ok()
                .map(|f| f as i64)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let bytes = s.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }

    #[test]
    fn reads_exp_from_a_jwt() {
        let token = format!(
            "{}.{}.sig",
            b64(r#"{"alg":"RS256"}"#),
            b64(r#"{"sub":"x","exp":1795383936}"#)
        );
        assert_eq!(expiry(&token), Some(1_795_383_936));
        let float = format!("{}.{}.sig", b64("{}"), b64(r#"{"exp":1700000000.5}"#));
        assert_eq!(expiry(&float), Some(1_700_000_000));
    }

    #[test]
    fn anything_else_has_no_expiry() {
        for t in [
            "",
            "plain-token",
            "a.b",
            "a.b.c.d",
            "a.!!!.c",
            &format!("x.{}.y", b64("not json")),
            &format!("x.{}.y", b64(r#"{"exp":"soon"}"#)),
            &format!("x.{}.y", b64(r#"{"sub":"no exp"}"#)),
        ] {
            assert_eq!(expiry(t), None, "{t}");
        }
    }

    #[test]
    fn base64url_with_and_without_padding() {
        assert_eq!(base64url("aGk").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64url("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64url("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
    }
}
