//! "Copy as curl": a request rendered as a POSIX shell command.
//!
//! Every argument is single-quoted (the only character that needs care inside single quotes is the
//! single quote itself), so quotes, spaces, `$`, backslashes, newlines and any Unicode survive a paste
//! into sh, bash or zsh unchanged. The token is masked as `$M3TER_API_TOKEN` unless asked for: the
//! command then still works in a shell that has the variable set.

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
    parts.push(quote(req.url));
    parts.push(format!("-H {}", quote("Accept: application/json")));
    if let Some(token) = req.token {
        if include_token {
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
        parts.push(format!("--data-raw {}", quote(body)));
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

    // Property tests run natively (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Whatever the URL, body, token and method, the shell hands curl exactly those arguments.
        #[test]
        fn any_request_survives_the_shell(
            url in ".{0,60}",
            body in proptest::option::of(".{0,200}"),
            token in proptest::option::of("[!-~]{1,40}"),
            method in proptest::sample::select(vec!["GET", "POST", "PUT", "DELETE"]),
            include in proptest::bool::ANY,
        ) {
            let req = CurlRequest { method, url: &url, token: token.as_deref(), body: body.as_deref(), content_type: None, basic_auth: false };
            let words = shell_words(&render(&req, include));
            let mut expected = vec!["curl".to_owned()];
            if method != "GET" {
                expected.extend(["-X".to_owned(), method.to_owned()]);
            }
            expected.extend([url.clone(), "-H".into(), "Accept: application/json".into()]);
            if let Some(t) = &token {
                let shown = if include { t.clone() } else { format!("${TOKEN_VARIABLE}") };
                expected.extend(["-H".into(), format!("Authorization: Bearer {shown}")]);
            }
            if let Some(b) = &body {
                expected.extend(["-H".into(), "Content-Type: application/json".into(), "--data-raw".into(), b.clone()]);
            }
            proptest::prop_assert_eq!(words, expected);
            if let Some(t) = token.as_deref().filter(|t| !include && t.len() > 3 && !url.contains(t) && !body.as_deref().unwrap_or("").contains(t)) {
                proptest::prop_assert!(!render(&req, false).contains(t), "the masked command holds the token");
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
