//! RFC 3339 date-times, parsed by hand: the console only needs "is this a date-time, and when is it",
//! and chrono's general parser costs more wasm than everything here. Tests check it agrees with chrono.

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of `days_from_civil`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Milliseconds since the Unix epoch of an RFC 3339 date-time
/// (`2025-03-01T09:15:22.481Z`, `2025-03-01T10:15:22+01:00`), or `None`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        part.iter().try_fold(0u32, |acc, d| {
            acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (i64::from(num(0..4)?), num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo)
        || d == 0
        || d > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || sec > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &b[start..i];
        for k in 0..3 {
            millis = millis * 10 + digits.get(k).map_or(0, |d| i64::from(d - b'0'));
        }
    }
    let offset_min: i64 = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let m = i64::from(oh * 60 + om);
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    // A leap second (:60) lands on the next second's instant, as chrono's timestamps do.
    let secs = days_from_civil(y, mo, d) * 86_400
        + i64::from(h) * 3600
        + i64::from(mi) * 60
        + i64::from(sec)
        - offset_min * 60;
    Some(secs * 1000 + millis)
}

/// Milliseconds since the Unix epoch of a calendar date (`2025-01-31`, midnight UTC), or `None`.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m, d) = (i64::from(num(0..4)?), num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400_000)
}

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// An instant moved by whole calendar months (UTC), at the same time of day, on the same day of
/// the month or the month's last day when it is shorter (31 Jan + 1 month = 28 or 29 Feb).
pub fn add_months(millis: i64, months: u32) -> Option<i64> {
    let (days, time) = (millis.div_euclid(DAY_MS), millis.rem_euclid(DAY_MS));
    let (y, m, d) = civil_from_days(days);
    let months_since_0 = y.checked_mul(12)? + i64::from(m) - 1 + i64::from(months);
    let (y, m) = (
        months_since_0.div_euclid(12),
        months_since_0.rem_euclid(12) as u32 + 1,
    );
    days_from_civil(y, m, d.min(days_in_month(y, m)))
        .checked_mul(DAY_MS)?
        .checked_add(time)
}

/// The UTC calendar fields of an instant: `(year, month, day, hour, minute, second)`.
pub fn utc_fields(millis: i64) -> (i64, u32, u32, u32, u32, u32) {
    let secs = millis.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        ((rem % 3600) / 60) as u32,
        (rem % 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_chrono() {
        for s in [
            "2025-03-01T09:15:22.481Z",
            "2024-11-02T10:20:30.000Z",
            "2025-01-01T00:00:00Z",
            "2025-03-01T10:15:22+01:00",
            "1999-12-31t23:59:59.999999-05:30",
            "2024-02-29T12:00:00Z",
            "1970-01-01T00:00:00Z",
            "1900-03-01 00:00:00Z",
            "2016-12-31T23:59:60Z",
        ] {
            let ours = parse_rfc3339(s);
            let theirs = s
                .parse::<chrono::DateTime<chrono::Utc>>()
                .ok()
                .map(|d| d.timestamp_millis());
            assert_eq!(ours, theirs, "{s}");
            assert!(ours.is_some(), "{s}");
        }
        for bad in [
            "",
            "2025-03-01",
            "2025-13-01T00:00:00Z",
            "2025-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2025-03-01T24:00:00Z",
            "2025-03-01T00:00:00",
            "2025-03-01T00:00:00+0100",
            "next tuesday",
            "2025-03-01T00:00:00.Z",
            "2025-03-01T00:00:00Zjunk",
            "+025-03-01T00:00:00Z",
            "２０２５-03-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
            assert!(
                bad.parse::<chrono::DateTime<chrono::Utc>>().is_err()
                    || bad.contains('+')
                    || bad.contains(" "),
                "chrono accepts {bad}"
            );
        }
    }

    #[test]
    fn adding_months_agrees_with_chrono() {
        use chrono::{DateTime, Months};
        for millis in [
            0i64,
            1_706_693_400_000, // 2024-01-31T09:30:00Z
            1_709_164_800_000, // 2024-02-29T00:00:00Z
            -1,
            -62_000_000_000_000,
            4_102_444_799_999,
        ] {
            for months in [0u32, 1, 2, 11, 12, 13, 25, 1200] {
                let theirs = DateTime::from_timestamp_millis(millis)
                    .and_then(|t| t.checked_add_months(Months::new(months)))
                    .map(|t| t.timestamp_millis());
                assert_eq!(add_months(millis, months), theirs, "{millis} + {months}");
            }
        }
    }

    #[test]
    fn fields_and_days_round_trip() {
        for days in [-1_000_000i64, -1, 0, 1, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(utc_fields(1_740_820_522_481), (2025, 3, 1, 9, 15, 22));
        assert_eq!(utc_fields(-1), (1969, 12, 31, 23, 59, 59));
    }
}
