//! Browser storage for the opt-in "remember" choices and small preferences. Every access tolerates a
//! browser that refuses storage (private modes, blocked cookies): the console then just forgets.

use super::{Connection, Keep};

const SESSION_KEY: &str = "m3ter-console.connection";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A saved connection: this tab's first, then this device's.
pub fn load_connection() -> Option<Connection> {
    [session(), local()]
        .into_iter()
        .flatten()
        .find_map(|s| s.get_item(SESSION_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
}

/// Saves the connection where its `keep` says, and removes it everywhere else.
pub fn save_connection(conn: Option<&Connection>) {
    let text = conn
        .filter(|c| c.keep != Keep::Memory)
        .and_then(|c| serde_json::to_string(&c.for_storage()).ok());
    let target = conn.map(|c| c.keep).unwrap_or(Keep::Memory);
    for (store, keep) in [(session(), Keep::Tab), (local(), Keep::Device)] {
        let Some(store) = store else { continue };
        match (&text, keep == target) {
            (Some(text), true) => {
                let _ = store.set_item(SESSION_KEY, text);
            }
            _ => {
                let _ = store.remove_item(SESSION_KEY);
            }
        }
    }
}

/// Sign out: nothing of the console's left in either storage (preferences such as the theme stay
/// only if `keep_preferences`).
pub fn wipe(keep_preferences: bool) {
    for store in [session(), local()].into_iter().flatten() {
        let len = store.length().unwrap_or(0);
        let keys: Vec<String> = (0..len)
            .filter_map(|i| store.key(i).ok().flatten())
            .collect();
        for key in keys {
            let is_pref = key.starts_with("m3ter-console.pref.");
            if key.starts_with("m3ter-console.") && !(keep_preferences && is_pref) {
                let _ = store.remove_item(&key);
            }
        }
    }
}

const SIGNED_OUT_KEY: &str = "m3ter-console.signed-out";

/// Tells the console's other tabs on this device that the user signed out (a `storage` event there;
/// the key is removed at once, so nothing stays behind).
pub fn announce_sign_out() {
    if let Some(s) = local() {
        let _ = s.set_item(SIGNED_OUT_KEY, "1");
        let _ = s.remove_item(SIGNED_OUT_KEY);
    }
}

/// Whether a `storage` event is another tab's sign-out.
pub fn is_sign_out(ev: &web_sys::StorageEvent) -> bool {
    ev.key().as_deref() == Some(SIGNED_OUT_KEY) && ev.new_value().is_some()
}

/// A remembered preference (theme, time zone).
pub fn pref(name: &str) -> Option<String> {
    local()?
        .get_item(&format!("m3ter-console.pref.{name}"))
        .ok()
        .flatten()
}

pub fn set_pref(name: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(&format!("m3ter-console.pref.{name}"), value);
    }
}

/// Tab-scoped data that should survive a reload (the recently deleted bodies).
pub fn tab_get(name: &str) -> Option<String> {
    session()?
        .get_item(&format!("m3ter-console.{name}"))
        .ok()
        .flatten()
}

pub fn tab_set(name: &str, value: &str) -> bool {
    session().is_some_and(|s| s.set_item(&format!("m3ter-console.{name}"), value).is_ok())
}
