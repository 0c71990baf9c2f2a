//! Command-line options.

use std::path::PathBuf;

use crate::auth::MAX_TOKEN_TTL_SECS;
use crate::faults::{Fault, MAX_DELAY_MS};
use crate::state::Config;

pub const HELP: &str = "\
m3ter-sandbox: a local m3ter-compatible API with in-memory demo data

USAGE:
    m3ter-sandbox [OPTIONS]

OPTIONS:
    --addr <ADDR>             Address to listen on [default: 127.0.0.1:8080]; port 0 picks a free one
    --allow-remote            Allow an --addr other machines can reach (the API then answers them;
                              the /_sandbox controls still answer only to localhost names)
    --token <TOKEN>           The bearer token the API accepts [default: m3ter-sandbox-demo-token]
    --client-id <ID>          Access key id accepted by POST /oauth/token [default: demo-access-key]
    --client-secret <SECRET>  API secret accepted by POST /oauth/token [default: demo-api-secret]
    --org <ID>                The organization id [default: 5c1a7e0b-2f4d-4b8a-9e61-0a3d2c7f8b91]
    --seed <N>                Seed N meters (at most 1000000, and scale the rest); without it a small demo set
                              with every resource, both schedule variants and every job status
    --static <DIR>            Serve the built console from DIR (index.html for unknown paths)
    --base-path <PATH>        Serve the console under PATH, e.g. /console/ [default: /]
    --latency-ms <MS>         Delay every API answer by MS milliseconds (at most 600000) [default: 0]
    --job-step-ms <MS>        Created statement jobs stay PENDING, then RUNNING, for MS each
                              before they COMPLETE (at most 86400000) [default: 10000]
    --token-ttl <SECS>        Lifetime of tokens from /oauth/token (at most ten years) [default: 18000]
    --link-ttl <SECS>         Lifetime of download links (presigned URLs) actions answer (at most
                              a week) [default: 300]
    --rate-limit <N>          Answer 429 (Retry-After: 1) above N API requests a second [default: off]
    --fault <JSON>            Start with a fault active (repeatable), e.g.
                              '{\"kind\":\"status\",\"status\":500,\"path\":\"/meters\",\"times\":1}'
    --no-security-headers     Serve the console without CSP and the other security headers
    -h, --help                Print this help

FAULT INJECTION at run time (no token needed):
    curl -X POST localhost:8080/_sandbox/faults -d '{\"kind\":\"status\",\"status\":503,\"method\":\"GET\",\"path\":\"/meters\",\"times\":2}'
    curl -X DELETE localhost:8080/_sandbox/faults
    kinds: status, html, malformed, wrongShape, drop, hang, delay, noCors, large
    fields: method, path (substring), times, status, body, contentType, headers, delayMs (at most
            600000), size (at most 64 MiB)
";

/// The most meters `--seed` makes (a kilobyte or so each).
pub const MAX_SEED: usize = 1_000_000;
/// The longest `--job-step-ms`: a day.
pub const MAX_JOB_STEP_MS: u64 = 86_400_000;
/// The longest a download link lasts (S3's presigned URLs last at most a week).
pub const MAX_LINK_TTL_SECS: u64 = 604_800;

/// Parses the arguments after the program name. `Ok(None)` means help was asked for.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Config>, String> {
    let mut config = Config::default();
    let mut allow_remote = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value ({what})"))
        };
        fn number<T: std::str::FromStr>(name: &str, raw: String) -> Result<T, String> {
            raw.parse()
                .map_err(|_| format!("{name}: not a number: {raw}"))
        }
        // Bounds keep a typo from exhausting memory or overflowing a clock.
        fn at_most<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
            name: &str,
            raw: String,
            max: T,
        ) -> Result<T, String> {
            let n: T = number(name, raw)?;
            if n > max {
                return Err(format!("{name}: at most {max}"));
            }
            Ok(n)
        }
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => {
                let raw = value("host:port")?;
                config.addr = raw
                    .parse()
                    .map_err(|_| format!("--addr: not an address: {raw}"))?;
            }
            "--token" => config.token = value("token")?,
            "--client-id" => config.client_id = value("access key id")?,
            "--client-secret" => config.client_secret = value("API secret")?,
            "--org" => config.org = value("organization id")?,
            "--seed" => config.seed = Some(at_most(&name, value("number of meters")?, MAX_SEED)?),
            "--static" => config.static_dir = Some(PathBuf::from(value("directory")?)),
            "--base-path" => config.base_path = value("path")?,
            "--latency-ms" => {
                config.latency_ms = at_most(&name, value("milliseconds")?, MAX_DELAY_MS)?
            }
            "--job-step-ms" => {
                config.job_step_ms = at_most(&name, value("milliseconds")?, MAX_JOB_STEP_MS)?
            }
            "--token-ttl" => {
                config.token_ttl_secs = at_most(&name, value("seconds")?, MAX_TOKEN_TTL_SECS)?
            }
            "--link-ttl" => {
                config.link_ttl_secs = at_most(&name, value("seconds")?, MAX_LINK_TTL_SECS)?
            }
            "--rate-limit" => {
                config.rate_limit = Some(number(&name, value("requests per second")?)?)
            }
            "--fault" => {
                let raw = value("JSON")?;
                let fault: Fault =
                    serde_json::from_str(&raw).map_err(|e| format!("--fault: {e}"))?;
                fault.validate().map_err(|e| format!("--fault: {e}"))?;
                config.faults.push(fault);
            }
            "--no-security-headers" => config.security_headers = false,
            "--allow-remote" => allow_remote = true,
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    // The API answers whoever can connect (with the demo token printed in the banner): other
    // machines only when asked for.
    if !config.addr.ip().is_loopback() && !allow_remote {
        return Err(format!(
            "--addr {}: other machines could reach the sandbox and its demo token; \
             add --allow-remote if that is what you want",
            config.addr
        ));
    }
    if let Some(dir) = &config.static_dir {
        if !dir.join("index.html").is_file() {
            return Err(format!(
                "--static: {} has no index.html (build the console first)",
                dir.display()
            ));
        }
    }
    Ok(Some(config))
}

/// What to tell the person who started the sandbox.
pub fn banner(url: &str, config: &Config) -> String {
    let base = format!("/{}/", config.base_path.trim_matches('/')).replace("//", "/");
    let console = match &config.static_dir {
        Some(_) => format!("  Console:          {url}{base}\n"),
        None => String::new(),
    };
    let remote = if config.addr.ip().is_loopback() {
        ""
    } else {
        "WARNING: listening beyond this machine (--allow-remote): anyone who can reach it can use the API with the token below.\n"
    };
    format!(
        "{remote}m3ter sandbox is running.\n\
         {console}  API base URL:     {url}\n\
         \x20 Organization ID:  {org}\n\
         \x20 API token:        {token}\n\
         \x20 Client credentials (for POST /oauth/token): {id} / {secret}\n\
         \x20 Try: curl -H 'Authorization: Bearer {token}' {url}/organizations/{org}/meters\n\
         Press Ctrl-C to stop.",
        org = config.org,
        token = config.token,
        id = config.client_id,
        secret = config.client_secret,
    )
}
