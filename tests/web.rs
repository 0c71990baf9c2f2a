//! Component tests in a real browser (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use m3ter_console::components::confirm::{ConfirmDialog, Confirmation};
use m3ter_console::components::detail::detail_view;
use m3ter_console::components::json_view::JsonView;
use m3ter_console::context::Ctx;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view in a fresh container with the app context; returns the container.
fn mount(view: impl Fn() -> AnyView + 'static) -> web_sys::HtmlElement {
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").expect("div").unchecked_into();
    doc.body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(Ctx::new(m3ter_console::api::Api::new(RwSignal::new(None))));
        view()
    });
    handle.forget();
    host
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn json_view_keeps_hostile_strings_as_text() {
    let body = r#"{"name":"<img src=x onerror=alert(1)>","code":"</script><script>alert(2)</script>","n":1e3}"#;
    let host = mount(move || view! { <JsonView text=body label="JSON"/> }.into_any());
    tick().await;
    assert!(
        host.query_selector("img").expect("query").is_none(),
        "no element from API text"
    );
    assert!(host.query_selector("script").expect("query").is_none());
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("<img src=x onerror=alert(1)>"));
    assert!(text.contains("1e3"), "numbers exactly as sent");
    assert!(
        host.query_selector(".j-key").expect("query").is_some(),
        "small bodies are highlighted"
    );
}

#[wasm_bindgen_test]
async fn large_json_is_not_highlighted() {
    let big = format!(r#"{{"notes":"{}"}}"#, "x".repeat(150 * 1024));
    let host = mount(move || view! { <JsonView text=big.clone() label="JSON"/> }.into_any());
    tick().await;
    assert!(host.query_selector(".j-key").expect("query").is_none());
    assert!(host
        .text_content()
        .unwrap_or_default()
        .contains("without highlighting"));
}

#[wasm_bindgen_test]
async fn detail_view_shows_unknown_values_and_fields() {
    let meter = serde_json::json!({
        "id": "m1", "version": 3, "name": "<b>bold</b>", "code": "c",
        "dataFields": [{"category": "BRAND_NEW", "code": "x", "name": "X", "futureKey": 1}],
        "derivedFields": [],
        "customFields": {"deep": {"nested": [1, 2]}},
        "surpriseField": {"kept": true},
        "dtCreated": "not a date",
    });
    let host = mount(move || {
        let r = m3ter_models::resource("meters").expect("meters");
        detail_view(r, m3ter_models::resources::overlay("meters"), &meter)
    });
    tick().await;
    let text = host.text_content().unwrap_or_default();
    assert!(
        text.contains("BRAND_NEW") && text.contains("value not known to this console"),
        "{text}"
    );
    assert!(
        text.contains("surpriseField") && text.contains("\"kept\":true"),
        "unknown fields are shown"
    );
    assert!(
        text.contains("futureKey"),
        "unknown keys of sub-objects are shown"
    );
    assert!(
        text.contains("not a date"),
        "a bad date is shown as received"
    );
    assert!(text.contains("<b>bold</b>"));
    assert!(host.query_selector("b").expect("query").is_none());
}

#[wasm_bindgen_test]
async fn settings_of_any_json_are_expected_and_write_only_fields_are_not_unset() {
    let config = serde_json::json!({
        "id": "i", "name": "To the webhook", "entityType": "Bill", "destination": "Webhook",
        "configData": {"sendOnApproval": true, "batchSize": 50, "tags": ["a"]},
    });
    let host = mount(move || {
        let r = m3ter_models::resource("integration-configs").expect("integration configs");
        detail_view(
            r,
            m3ter_models::resources::overlay("integration-configs"),
            &config,
        )
    });
    tick().await;
    let text = host.text_content().unwrap_or_default();
    assert!(
        text.contains("sendOnApproval") && text.contains("true"),
        "{text}"
    );
    assert!(
        host.query_selector(".unexpected").expect("query").is_none(),
        "any JSON is expected in a map of any JSON: {text}"
    );
    // m3ter never answers `credentials`: there is nothing to show as unset.
    assert!(!text.contains("Credentials"), "{text}");
    // Custom fields hold text and numbers: anything else is shown as unexpected.
    let meter = serde_json::json!({"id": "m", "name": "M", "customFields": {"on": true}});
    let host = mount(move || {
        let r = m3ter_models::resource("meters").expect("meters");
        detail_view(r, m3ter_models::resources::overlay("meters"), &meter)
    });
    tick().await;
    assert!(host.query_selector(".unexpected").expect("query").is_some());
}

#[wasm_bindgen_test]
async fn urls_from_the_api_are_only_links_when_http() {
    let job = serde_json::json!({
        "id": "j", "statementJobStatus": "COMPLETE",
        "presignedJsonStatementUrl": "javascript:alert(1)",
        "presignedCsvStatementUrl": "https://example.com/s.csv",
    });
    let host = mount(move || {
        let r = m3ter_models::resource("statement-jobs").expect("statement jobs");
        detail_view(r, m3ter_models::resources::overlay("statement-jobs"), &job)
    });
    tick().await;
    let links = host.query_selector_all("a[href]").expect("links");
    for i in 0..links.length() {
        let a: web_sys::Element = links.item(i).expect("item").unchecked_into();
        let href = a.get_attribute("href").unwrap_or_default();
        assert!(!href.starts_with("javascript"), "{href}");
    }
    assert!(host
        .text_content()
        .unwrap_or_default()
        .contains("javascript:alert(1)"));
}

#[wasm_bindgen_test]
async fn confirm_dialog_focuses_keep_and_confirms_once() {
    let open = RwSignal::new(None::<Confirmation>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let count = RwSignal::new(0);
    let host = mount(move || {
        view! {
            <button id="opener">"Delete"</button>
            <ConfirmDialog open=open busy=busy.into() error=error action="Deleting"
                on_confirm=Callback::new(move |_| { busy.set(true); count.update(|c| *c += 1); })/>
        }
        .into_any()
    });
    let opener: web_sys::HtmlElement = host
        .query_selector("#opener")
        .expect("q")
        .expect("opener")
        .unchecked_into();
    opener.focus().expect("focus");
    open.set(Some(Confirmation {
        title: "Delete this meter?".into(),
        facts: vec![("Name".into(), "API <Requests>".into())],
        warning: "Gone at once.".into(),
        confirm_label: "Delete meter".into(),
    }));
    tick().await;
    let dialog: web_sys::HtmlDialogElement = host
        .query_selector("dialog")
        .expect("q")
        .expect("dialog")
        .unchecked_into();
    assert!(dialog.open());
    let active = document().active_element().expect("focus");
    assert_eq!(
        active.text_content().unwrap_or_default(),
        "Keep",
        "focus starts on Keep"
    );
    let confirm: web_sys::HtmlElement = dialog
        .query_selector("button.danger")
        .expect("q")
        .expect("confirm")
        .unchecked_into();
    assert_eq!(confirm.text_content().unwrap_or_default(), "Delete meter");
    confirm.click();
    confirm.click();
    tick().await;
    assert_eq!(count.get_untracked(), 1, "one request per confirmation");
    busy.set(false);
    open.set(None);
    tick().await;
    assert!(!dialog.open());
    let active = document().active_element().expect("focus");
    assert_eq!(
        active.id(),
        "opener",
        "focus returns to what opened the dialog"
    );
}
