//! "Copy as curl": a request rendered as a POSIX shell command.
//!
//! Every argument is single-quoted (the only character that needs care inside single quotes is the
//! single quote itself), so quotes, spaces, `$`, backslashes and Unicode survive a paste into sh, bash
//! or zsh unchanged. The token is masked as `$M3TER_API_TOKEN` unless asked for: the command then
//! still works in a shell that has the variable set.
//!
//! No control or bidi character reaches the command: pasted into a terminal without bracketed
//! paste, a tab or an escape would drive the line editor, and a bidi override would make the text
//! read differently from what runs. They are escaped where the same request results: `\uXXXX` in
//! a JSON body, percent-encoding in the URL (what the browser sent) and a form body. A token
//! holding one is not written out (`$M3TER_API_TOKEN` stands in).

/// Quotes one argument for a POSIX shell.
pub fn quote(arg: &str) -> String {
    let safe = !arg.is_empty()
        && arg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b));
    if safe {
        return arg.to_owned();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('\'');
    for c in arg.chars() {
        if c == '\'' {
            // Close the quote, add an escaped quote, reopen.
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// C0 and C1 controls, DEL, and the bidi marks, embeddings, overrides, isolates and separators.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Percent-encodes the unsafe characters (their UTF-8 bytes) and leaves the rest as it is.
fn percent_unsafe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A JSON text with the unsafe characters escaped: `\uXXXX` inside strings (all of them are in the
/// Basic Multilingual Plane), a space for whitespace between tokens (JSON allows no others there).
fn json_unsafe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if is_unsafe(c) {
            if in_string || !c.is_ascii_whitespace() {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            } else {
                out.push(' ');
            }
            escaped = false;
            continue;
        }
        if in_string {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => escaped = false,
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// One request to render.
pub struct CurlRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    /// The bearer token, if the request carries one.
    pub token: Option<&'a str>,
    pub body: Option<&'a str>,
    /// `Content-Type` of the body.
    pub content_type: Option<&'a str>,
    /// HTTP Basic client credentials (the token exchange); always masked.
    pub basic_auth: bool,
}

/// The shell variable that stands in for a masked token.
pub const TOKEN_VARIABLE: &str = "M3TER_API_TOKEN";
/// The shell variables that stand in for client credentials (never included).
pub const BASIC_VARIABLES: &str = "$M3TER_ACCESS_KEY_ID:$M3TER_API_SECRET";

pub fn render(req: &CurlRequest<'_>, include_token: bool) -> String {
    let mut parts: Vec<String> = vec!["curl".into()];
    if req.method != "GET" {
        parts.push(format!("-X {}", quote(req.method)));
    }
    parts.push(quote(&percent_unsafe(req.url)));
    parts.push(format!("-H {}", quote("Accept: application/json")));
    if let Some(token) = req.token {
        if include_token && !token.contains(is_unsafe) {
            parts.push(format!(
                "-H {}",
                quote(&format!("Authorization: Bearer {token}"))
            ));
        } else {
            // Double quotes so the shell expands the variable; the rest of the value is plain ASCII.
            parts.push(format!("-H \"Authorization: Bearer ${TOKEN_VARIABLE}\""));
        }
    }
    if req.basic_auth {
        parts.push(format!("-u \"{BASIC_VARIABLES}\""));
    }
    if let Some(body) = req.body {
        let content_type = req.content_type.unwrap_or("application/json");
        parts.push(format!(
            "-H {}",
            quote(&format!("Content-Type: {content_type}"))
        ));
        let body = if content_type.contains("json") {
            json_unsafe(body)
        } else {
            percent_unsafe(body)
        };
        parts.push(format!("--data-raw {}", quote(&body)));
    }
    parts.join(" \\\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits a command the way a POSIX shell would (quotes, `'\''`, line continuations), so the tests
    /// check what the shell would receive rather than the text.
    fn shell_words(cmd: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut cur = String::new();
        let mut in_word = false;
        let mut chars = cmd.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\'' => {
                    in_word = true;
                    for q in chars.by_ref() {
                        if q == '\'' {
                            break;
                        }
                        cur.push(q);
                    }
                }
                '"' => {
                    in_word = true;
                    while let Some(q) = chars.next() {
                        match q {
                            '"' => break,
                            '\\' => {
                                if let Some(n) = chars.next() {
                                    cur.push(n);
                                }
                            }
                            _ => cur.push(q),
                        }
                    }
                }
                '\\' => match chars.next() {
                    Some('\n') => {}
                    Some(n) => {
                        in_word = true;
                        cur.push(n);
                    }
                    None => {}
                },
                ' ' | '\n' | '\t' => {
                    if in_word {
                        words.push(std::mem::take(&mut cur));
                        in_word = false;
                    }
                }
                _ => {
                    in_word = true;
                    cur.push(c);
                }
            }
        }
        if in_word {
            words.push(cur);
        }
        words
    }

    #[test]
    fn quoting_survives_the_shell() {
        for nasty in [
            "plain",
            "with space",
            "it's",
            "''",
            "$HOME and ${PATH} and $(rm -rf /)",
            "back\\slash \\n",
            "line one\nline two\r\n",
            "ünïcödé ✓ 日本語 🎉",
            "\"double\" quotes",
            "`backticks`",
            "semi;colon & amp | pipe > redirect",
            "",
            "*glob?[x]",
            "tab\there",
        ] {
            let q = quote(nasty);
            assert_eq!(
                shell_words(&q),
                vec![nasty.to_owned()],
                "{nasty:?} quoted as {q}"
            );
        }
    }

    #[test]
    fn a_request_renders_to_the_same_words() {
        let body = r#"{"name": "O'Brien's $meter", "code": "a\\b"}"#;
        let req = CurlRequest {
            method: "PUT",
            url: "https://api.m3ter.com/organizations/org 1/meters/x?ids=a&ids=b",
            token: Some("secret-token"),
            body: Some(body),
            content_type: None,
            basic_auth: false,
        };
        let masked = render(&req, false);
        assert!(!masked.contains("secret-token"));
        let words = shell_words(&masked);
        assert_eq!(words[0], "curl");
        assert_eq!(&words[1..3], &["-X", "PUT"]);
        assert_eq!(words[3], req.url);
        assert!(words.contains(&"Authorization: Bearer $M3TER_API_TOKEN".to_owned()));
        assert_eq!(words.last().map(String::as_str), Some(body));
        let shown = shell_words(&render(&req, true));
        assert!(shown.contains(&"Authorization: Bearer secret-token".to_owned()));
    }

    /// Percent-decoding (bytes), to compare URLs and form bodies as the server reads them.
    fn percent_decoded(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (b, hex) {
                (b'%', Some(v)) => {
                    out.push(v);
                    i += 3;
                }
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        out
    }

    /// A command read back: what curl would be asked to send.
    #[derive(Debug, Default, PartialEq)]
    struct Parsed {
        method: String,
        url: String,
        headers: Vec<String>,
        basic: Option<String>,
        body: Option<String>,
    }

    /// Reads a rendered command back (through the shell's quoting) into a request.
    fn parse_command(cmd: &str) -> Parsed {
        let words = shell_words(cmd);
        let mut words = words.into_iter();
        assert_eq!(words.next().as_deref(), Some("curl"), "{cmd}");
        let mut parsed = Parsed {
            method: "GET".into(),
            ..Parsed::default()
        };
        while let Some(w) = words.next() {
            let mut value = || words.next().unwrap_or_else(|| panic!("{w} without value"));
            match w.as_str() {
                "-X" => parsed.method = value(),
                "-H" => parsed.headers.push(value()),
                "-u" => parsed.basic = Some(value()),
                "--data-raw" => parsed.body = Some(value()),
                _ => {
                    assert!(parsed.url.is_empty(), "two URLs: {cmd}");
                    parsed.url = w;
                }
            }
        }
        parsed
    }

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        let body = serde_json::json!({"name": "a\u{202e}b\u{7f}c\u{9b}d\te\u{2066}"}).to_string();
        let req = CurlRequest {
            method: "PUT",
            url: "http://x/organizations/o/meters/a\u{1b}[2J\u{202e}b",
            token: Some("tok\u{7}en"),
            body: Some(&body),
            content_type: None,
            basic_auth: false,
        };
        let cmd = render(&req, true);
        assert!(
            !cmd.contains(|c: char| is_unsafe(c) && c != '\n'),
            "{cmd:?}"
        );
        assert!(cmd.contains("/meters/a%1B[2J%E2%80%AEb"), "{cmd}");
        assert!(cmd.contains(r#"a\u202eb\u007fc\u009bd\te\u2066"#), "{cmd}");
        let parsed = parse_command(&cmd);
        assert_eq!(percent_decoded(&parsed.url), req.url.as_bytes());
        assert_eq!(
            parsed.headers.get(1).map(String::as_str),
            Some("Authorization: Bearer $M3TER_API_TOKEN"),
            "no token with a control: {cmd}"
        );
    }

    // Property tests run natively (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any text, with the characters that matter here often.
        fn text(max: usize) -> impl Strategy<Value = String> {
            let tricky = proptest::sample::select(vec![
                '\0', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{9f}',
                '\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}',
                '\u{2066}', '\u{2069}', '\'', '"', '\\', '$', '%', '`', ' ',
            ]);
            proptest::collection::vec(prop_oneof![any::<char>(), tricky], 0..max)
                .prop_map(String::from_iter)
        }

        proptest! {
            /// Whatever the URL, body and token: no control or bidi character in the command (its
            /// only newlines are line continuations), and the shell hands curl the same request.
            #[test]
            fn any_request_survives_a_paste(
                url in text(60),
                name in text(80),
                key in text(10),
                form in proptest::option::of(text(40)),
                token in proptest::option::of(text(30)),
                method in proptest::sample::select(vec!["GET", "POST", "PUT", "DELETE"]),
                include in proptest::bool::ANY,
            ) {
                let mut custom = serde_json::Map::new();
                custom.insert(key, serde_json::json!([name.clone(), 1.5]));
                let json = serde_json::json!({ "name": name, "customFields": custom });
                let json_text = json.to_string();
                let (body, content_type) = match &form {
                    Some(f) => (Some(f.as_str()), Some("application/x-www-form-urlencoded")),
                    None if method == "GET" => (None, None),
                    None => (Some(json_text.as_str()), None),
                };
                // The console's URLs start with the base URL's scheme (never with `-`).
                let url = format!("http://h/{url}");
                let req = CurlRequest { method, url: &url, token: token.as_deref(), body, content_type, basic_auth: false };
                let cmd = render(&req, include);
                prop_assert!(!cmd.contains(|c: char| is_unsafe(c) && c != '\n'), "{cmd:?}");
                prop_assert!(cmd.split('\n').rev().skip(1).all(|line| line.ends_with(" \\")), "a newline that is not a continuation: {cmd:?}");
                let parsed = parse_command(&cmd);
                prop_assert_eq!(&parsed.method, method);
                prop_assert_eq!(percent_decoded(&parsed.url), percent_decoded(&url));
                let mut headers = vec!["Accept: application/json".to_owned()];
                if let Some(t) = &token {
                    let shown = if include && !t.contains(is_unsafe) { t.clone() } else { format!("${TOKEN_VARIABLE}") };
                    headers.push(format!("Authorization: Bearer {shown}"));
                }
                if body.is_some() {
                    headers.push(format!("Content-Type: {}", content_type.unwrap_or("application/json")));
                }
                prop_assert_eq!(&parsed.headers, &headers);
                match (&form, &parsed.body) {
                    (Some(f), Some(b)) => prop_assert_eq!(percent_decoded(b), percent_decoded(f)),
                    (None, Some(b)) => {
                        let back: serde_json::Value = serde_json::from_str(b).map_err(|e| TestCaseError::fail(format!("{e}: {b}")))?;
                        prop_assert_eq!(back, json);
                    }
                    (None, None) => prop_assert!(body.is_none()),
                    (Some(_), None) => prop_assert!(false, "the body went missing"),
                }
            }
        }
    }

    #[test]
    fn get_without_body_or_token() {
        let req = CurlRequest {
            method: "GET",
            url: "http://127.0.0.1:8080/x",
            token: None,
            body: None,
            content_type: None,
            basic_auth: false,
        };
        assert_eq!(
            shell_words(&render(&req, false)),
            vec![
                "curl",
                "http://127.0.0.1:8080/x",
                "-H",
                "Accept: application/json"
            ]
        );
    }
}
