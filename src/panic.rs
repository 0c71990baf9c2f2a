//! A panic in wasm stops the whole app. Every panic is a bug; this hook at least tells the user,
//! instead of leaving a page that silently stops responding, and says what panicked.
//!
//! The release build (`xtask dist`) aborts at once on a panic (`panic = "immediate-abort"`): no
//! hook runs and no message exists, so there `src/crash.js` tells the user, and this is left out.

#[cfg(not(panic = "immediate-abort"))]
pub fn install() {
    use wasm_bindgen::JsCast;
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&format!("m3ter console panic: {detail}").into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        let Ok(el) = doc.create_element("div") else {
            return;
        };
        let _ = el.set_attribute("role", "alert");
        let _ = el.set_attribute("class", "panic");
        let _ = el.set_attribute("tabindex", "-1");
        el.set_text_content(Some(&format!(
            "The console hit a bug and stopped working. Reload the page to continue (requests already sent are not repeated). Details: {detail}"
        )));
        let _ = body.insert_before(&el, body.first_child().as_ref());
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }));
}

#[cfg(panic = "immediate-abort")]
pub fn install() {}
