//! A file m3ter hands out as a short-lived presigned URL. The link opens the file (the storage
//! behind it serves it, not the API, so no token goes with it); when the URL's own expiry has passed
//! it says so instead of opening a storage error page, and offers to ask m3ter for a new link.

use leptos::prelude::*;
use m3ter_models::time::parse_rfc3339;
use serde_json::Value;

use crate::components::time::local_text;
use crate::components::value::safe_url;

/// The download URL in an action's answer (`downloadUrl` or `url`), if it is a web address.
pub fn url_in(answer: &Value) -> Option<String> {
    ["downloadUrl", "url"]
        .iter()
        .find_map(|k| answer.get(*k).and_then(Value::as_str))
        .and_then(safe_url)
        .map(str::to_owned)
}

/// When a presigned URL stops working, in ms since the epoch: from its `X-Amz-Date` and
/// `X-Amz-Expires` parameters, else from an `expirationTime` beside it in the answer.
pub fn expires_ms(url: &str, answer: &Value) -> Option<i64> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let param = |name: &str| {
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            k.eq_ignore_ascii_case(name).then_some(v)
        })
    };
    let signed = param("X-Amz-Date").and_then(amz_date_ms);
    let lasts = param("X-Amz-Expires")
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|s| *s >= 0);
    if let (Some(from), Some(secs)) = (signed, lasts) {
        return from.checked_add(secs.checked_mul(1000)?);
    }
    answer
        .get("expirationTime")
        .and_then(Value::as_str)
        .and_then(parse_rfc3339)
}

/// An `X-Amz-Date` (`20261129T120000Z`, basic ISO 8601) in ms since the epoch.
fn amz_date_ms(d: &str) -> Option<i64> {
    if d.len() != 16 || !d.is_ascii() || !d.ends_with('Z') || d.get(8..9) != Some("T") {
        return None;
    }
    let part = |from: usize, to: usize| d.get(from..to);
    let text = format!(
        "{}-{}-{}T{}:{}:{}Z",
        part(0, 4)?,
        part(4, 6)?,
        part(6, 8)?,
        part(9, 11)?,
        part(11, 13)?,
        part(13, 15)?
    );
    parse_rfc3339(&text)
}

/// A download link that knows when it expires. `again` asks m3ter for a new link.
#[component]
pub fn DownloadLink(
    url: String,
    expires: Option<i64>,
    again: Option<Callback<()>>,
) -> impl IntoView {
    let now = || crate::api::now_ms() as i64;
    let expired = RwSignal::new(expires.is_some_and(|e| e <= now()));
    // Say it when it happens, not only on a click. The timer may fire after the page is gone.
    if let Some(e) = expires.filter(|e| *e > now()) {
        let wait = u32::try_from(e.saturating_sub(now()).saturating_add(250)).unwrap_or(u32::MAX);
        if wait < i32::MAX as u32 {
            gloo_timers::callback::Timeout::new(wait, move || {
                expired.try_set(true);
            })
            .forget();
        }
    }
    let until = expires.map(local_text);
    let open = move |ev: leptos::ev::MouseEvent| {
        if expires.is_some_and(|e| e <= now()) {
            ev.prevent_default();
            expired.set(true);
        }
    };
    view! {
        {move || if expired.get() {
            let when = until.clone().map(|u| format!(" at {u}")).unwrap_or_default();
            view! {
                <p class="field-error" role="alert">{format!("This download link expired{when}. m3ter's links work for a short time only.")}</p>
                {again.map(|a| view! { <button type="button" on:click=move |_| a.run(())>"Get a new link"</button> })}
            }.into_any()
        } else {
            let url = url.clone();
            let hint = until.clone().map(|u| format!(" (the link works until {u})")).unwrap_or_else(|| " (the link works for a short time)".into());
            view! {
                <p><a href=url target="_blank" rel="noopener noreferrer" on:click=open>"Download the file"</a>{hint}</p>
            }.into_any()
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expiry_comes_from_the_url_or_the_answer() {
        let url = "https://b.example/f.csv?X-Amz-Date=20261129T120000Z&X-Amz-Expires=300&X-Amz-Signature=x";
        let at = expires_ms(url, &json!({})).expect("expiry");
        assert_eq!(at, 1_795_953_600_000 + 300_000);
        let answer =
            json!({"url": "https://b.example/f", "expirationTime": "2026-11-29T12:05:00Z"});
        assert_eq!(expires_ms("https://b.example/f", &answer), Some(at));
        for bad in [
            "https://b.example/f?X-Amz-Date=nonsense&X-Amz-Expires=300",
            "https://b.example/f?X-Amz-Date=20261129T120000Z&X-Amz-Expires=-1",
            "https://b.example/f?X-Amz-Date=20261129T120000Z&X-Amz-Expires=99999999999999999999",
            "https://b.example/f?X-Amz-Date=20261129T120000Z",
            "https://b.example/f?=&&=x&X-Amz-Date",
        ] {
            assert_eq!(expires_ms(bad, &json!({})), None, "{bad}");
        }
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            url_in(&json!({"downloadUrl": "https://s3/x"})).as_deref(),
            Some("https://s3/x")
        );
        assert_eq!(
            url_in(&json!({"url": "http://localhost/x"})).as_deref(),
            Some("http://localhost/x")
        );
        assert_eq!(url_in(&json!({"url": "javascript:alert(1)"})), None);
        assert_eq!(url_in(&json!({"jobId": "j"})), None);
    }
}
