//! Date-times as an admin wants them: relative ("3 days ago") and absolute, in UTC or local time.

use m3ter_models::time::{parse_rfc3339, utc_fields};

/// Milliseconds since the epoch of an API date-time; `None` for anything that is not RFC 3339.
pub fn parse(raw: &str) -> Option<i64> {
    parse_rfc3339(raw)
}

fn two(n: u32) -> String {
    if n < 10 {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// `2025-03-01 09:15:22 UTC`
pub fn utc_text(millis: i64) -> String {
    let (y, mo, d, h, mi, s) = utc_fields(millis);
    format!(
        "{y}-{}-{} {}:{}:{} UTC",
        two(mo),
        two(d),
        two(h),
        two(mi),
        two(s)
    )
}

/// `2025-03-01 10:15:22 (UTC+01:00)` in the browser's time zone.
pub fn local_text(millis: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    let offset = -(d.get_timezone_offset() as i64);
    let sign = if offset < 0 { '-' } else { '+' };
    format!(
        "{}-{}-{} {}:{}:{} (UTC{sign}{}:{})",
        d.get_full_year(),
        two(d.get_month() + 1),
        two(d.get_date()),
        two(d.get_hours()),
        two(d.get_minutes()),
        two(d.get_seconds()),
        two((offset.abs() / 60) as u32),
        two((offset.abs() % 60) as u32)
    )
}

/// "3 days ago", "in 2 hours", "just now".
pub fn relative(t_ms: f64, now_ms: f64) -> String {
    let diff = (t_ms - now_ms) / 1000.0;
    let past = diff < 0.0;
    let s = diff.abs();
    if s < 45.0 {
        return "just now".into();
    }
    let (n, unit) = if s < 90.0 * 60.0 {
        (s / 60.0, "minute")
    } else if s < 36.0 * 3600.0 {
        (s / 3600.0, "hour")
    } else if s < 45.0 * 86400.0 {
        (s / 86400.0, "day")
    } else if s < 548.0 * 86400.0 {
        (s / (30.44 * 86400.0), "month")
    } else {
        (s / (365.25 * 86400.0), "year")
    };
    // Whole numbers only: no float formatting in the binary.
    let n = n.round() as i64;
    let plural = if n == 1 { "" } else { "s" };
    if past {
        format!("{n} {unit}{plural} ago")
    } else {
        format!("in {n} {unit}{plural}")
    }
}

/// A duration in words for token lifetimes: "4 h 12 min", "35 s".
pub fn duration(ms: f64) -> String {
    let s = (ms / 1000.0).max(0.0).round() as u64;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_words() {
        let now = 1_000_000_000_000.0;
        assert_eq!(relative(now - 10_000.0, now), "just now");
        assert_eq!(relative(now - 5.0 * 60_000.0, now), "5 minutes ago");
        assert_eq!(relative(now + 2.0 * 3_600_000.0, now), "in 2 hours");
        assert_eq!(relative(now - 86_400_000.0 * 3.0, now), "3 days ago");
        assert_eq!(relative(now - 86_400_000.0 * 400.0, now), "13 months ago");
        assert_eq!(relative(now - 86_400_000.0 * 800.0, now), "2 years ago");
    }

    #[test]
    fn utc_and_durations() {
        let t = parse("2025-03-01T10:15:22.481+01:00").expect("date");
        assert_eq!(utc_text(t), "2025-03-01 09:15:22 UTC");
        assert!(parse("yesterday").is_none());
        assert_eq!(duration(35_000.0), "35 s");
        assert_eq!(duration(4.0 * 3_600_000.0 + 12.0 * 60_000.0), "4 h 12 min");
    }
}
