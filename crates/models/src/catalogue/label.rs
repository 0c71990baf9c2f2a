//! Labels derived from wire names, so the catalogue need not carry a label for every field and enum
//! value: `dataFields` → "Data fields", `productId` → "Product", `ACCOUNT_PLANS` → "Account plans".
//! The overlay names the few that read badly.

/// A field key as a label: words split at capitals and digits, first letter capital, the rest lower
/// case except known initialisms. A trailing `Id`/`Ids` is dropped (`productId` → "Product",
/// `meterIds` → "Meters"), `dt` as a prefix means a date-time (`dtCreated` → "Created").
pub fn field(key: &str) -> String {
    let key = key
        .strip_prefix("dt")
        .filter(|rest| starts_upper(rest))
        .unwrap_or(key);
    let (stem, plural) = if let Some(s) = key.strip_suffix("Ids").filter(|s| !s.is_empty()) {
        (s, true)
    } else if let Some(s) = key.strip_suffix("Id").filter(|s| !s.is_empty()) {
        (s, false)
    } else {
        (key, false)
    };
    let mut words = split_camel(stem);
    if plural {
        if let Some(last) = words.last_mut() {
            last.push('s');
        }
    }
    if stem == "id" || key == "id" {
        return "ID".to_owned();
    }
    sentence(&words)
}

/// An enum value as a label: `ACCOUNT_PLANS` → "Account plans", `S3` → "S3",
/// `IntegrationEvent` → "Integration event".
pub fn value(wire: &str) -> String {
    let words: Vec<String> = wire
        .split(['_', ' ', '-'])
        .filter(|w| !w.is_empty())
        .flat_map(split_camel)
        .collect();
    if words.is_empty() {
        return wire.to_owned();
    }
    sentence(&words)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// `billJobId` → ["bill", "Job", "Id"]; runs of capitals stay together (`planURL` → ["plan", "URL"])
/// and digits stay with the word before them (`s3Prefix` → ["s3", "Prefix"]).
fn split_camel(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            None => false,
            Some(p) => {
                (c.is_ascii_uppercase()
                    && (p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || next.is_some_and(|n| n.is_ascii_lowercase()) && p.is_ascii_uppercase()))
                    || c == '_'
            }
        };
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c != '_' {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Words that keep their capitals.
const INITIALISMS: [&str; 15] = [
    "ARN", "ID", "IDS", "URL", "CSV", "JSON", "JSONL", "API", "GCS", "S3", "UTC", "AWS", "IAM",
    "SQL", "HTTP",
];

/// The digits ending a word of at least two letters before them (`line1` → `1`; not `s3`).
fn trailing_number(w: &str) -> Option<&str> {
    let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
    (letters.len() >= 2
        && letters.len() < w.len()
        && letters.chars().all(|c| c.is_ascii_alphabetic()))
    .then(|| &w[letters.len()..])
}

fn sentence(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // `addressLine1` → "Address line 1": a number after a word is a word of its own.
        let (w, number) = match trailing_number(w) {
            Some(digits) => (&w[..w.len() - digits.len()], Some(digits)),
            None => (w.as_str(), None),
        };
        let upper = w.to_ascii_uppercase();
        if upper == "M3TER" {
            // The name is written in lower case, at the start of a label too.
            out.push_str("m3ter");
        } else if INITIALISMS.contains(&upper.as_str()) {
            out.push_str(if upper == "IDS" { "IDs" } else { &upper });
        } else if i == 0 {
            let lower = w.to_ascii_lowercase();
            let mut cs = lower.chars();
            if let Some(first) = cs.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(&w.to_ascii_lowercase());
        }
        if let Some(n) = number {
            out.push(' ');
            out.push_str(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_labels() {
        for (key, label) in [
            ("name", "Name"),
            ("dataFields", "Data fields"),
            ("productId", "Product"),
            ("meterIds", "Meters"),
            ("dtCreated", "Created"),
            ("dtLastModified", "Last modified"),
            ("id", "ID"),
            ("iamRoleArn", "IAM role ARN"),
            ("presignedJsonStatementUrl", "Presigned JSON statement URL"),
            ("bucketName", "Bucket name"),
            ("s3Prefix", "S3 prefix"),
            ("dtypeThing", "Dtype thing"),
            ("billingFrequency", "Billing frequency"),
            ("m3terEvent", "m3ter event"),
            ("m3terId", "m3ter"),
            ("addressLine1", "Address line 1"),
            ("line12", "Line 12"),
        ] {
            assert_eq!(field(key), label, "{key}");
        }
    }

    #[test]
    fn value_labels() {
        assert_eq!(value("ACCOUNT_PLANS"), "Account plans");
        assert_eq!(value("S3"), "S3");
        assert_eq!(value("PENDING"), "Pending");
        assert_eq!(value("JSONL"), "JSONL");
        assert_eq!(value("IntegrationEvent"), "Integration event");
        assert_eq!(value("notUploaded"), "Not uploaded");
        assert_eq!(value(""), "");
        assert_eq!(value("é_ü"), "é ü");
    }
}
