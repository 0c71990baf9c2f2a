//! Ids: fresh UUID-shaped ones, the sandbox's own user, and where an entity is stored.

use std::sync::atomic::{AtomicU64, Ordering};

use m3ter_models::Resource;

/// The user id that "created" everything (and that the sandbox writes as `lastModifiedBy`).
pub const SANDBOX_USER: &str = "2e9f4c1d-8a7b-4f3e-b6d5-1c0e9a8b7f64";

/// The id a settings object is stored under.
pub const SINGLETON_ID: &str = "";

/// splitmix64: a small, good mixing function (ids, tokens, file keys, demo data).
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A UUID-v4-shaped string from two random words.
pub fn uuid_from(a: u64, b: u64) -> String {
    let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
    let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// A UUID-shaped id that depends only on `text`: demo data that must not move the seeded random
/// sequence (a settings object's id, the id of an object inside an entity).
pub fn uuid_of(text: &str) -> String {
    let h = text.bytes().fold(0, |h, b| mix(h ^ u64::from(b)));
    uuid_from(h, mix(h))
}

static ID_COUNTER: AtomicU64 = AtomicU64::new(1);

/// A fresh UUID-shaped id.
pub fn new_id() -> String {
    let n = ID_COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    uuid_from(mix(t ^ n), mix(n.rotate_left(17) ^ !t))
}

/// The id an entity is stored under: its id, or for keyed entries (lookup-table data, whose keys
/// repeat from one parent to the next) the parent's id and the key.
pub fn store_id(r: &Resource, parent: &str, id: &str) -> String {
    if r.id_param != "id" && !r.id_param.is_empty() && !parent.is_empty() {
        format!("{parent}/{id}")
    } else {
        id.to_owned()
    }
}
