//! A panic in wasm stops the whole app. Every panic is a bug; this hook at least tells the user,
//! instead of leaving a page that silently stops responding.

use wasm_bindgen::JsCast;

pub fn install() {
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
        el.set_text_content(Some(&format!(
            "The console hit a bug and stopped working. Reload the page to continue (requests already sent are not repeated). Details: {detail}"
        )));
        let _ = body.insert_before(&el, body.first_child().as_ref());
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }));
}
