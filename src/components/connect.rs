//! The connect form: API base URL, organization, and a pasted token or client credentials, with an
//! explicit choice of where to keep them. Used as the first page and, in place, to reconnect when the
//! API rejects the token.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::ui::{choice, dynamic, flag, text, when, Input};
use crate::api::ApiError;
use crate::components::error_view::error_panel;
use crate::context::ctx;
use crate::session::{clean_base_url, clean_token, Connection, Credential, Keep};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Token,
    Client,
}

/// A required-field error that shows once the user has tried to submit.
fn required(
    tried: RwSignal<bool>,
    value: RwSignal<String>,
    applies: Signal<bool>,
    message: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        (applies.get() && tried.get() && value.with(|v| v.trim().is_empty()))
            .then(|| message.to_owned())
    })
}

#[component]
pub fn ConnectForm(
    /// Distinguishes the page form from the reconnect dialog (ids must be unique).
    prefix: &'static str,
    /// Called after a successful connect.
    on_done: Callback<()>,
    #[prop(optional)] submit_label: Option<&'static str>,
) -> impl IntoView {
    let c = ctx();
    let current = c.api.session.get_untracked();
    let config = c.config;
    let base = RwSignal::new(
        current
            .as_ref()
            .map(|s| s.base_url.clone())
            .unwrap_or_else(|| config.get_untracked().base_url()),
    );
    let org = RwSignal::new(
        current
            .as_ref()
            .map(|s| s.org_id.clone())
            .or_else(|| config.get_untracked().organization_id)
            .unwrap_or_default(),
    );
    // Defaults from config.json arrive after the first render; take them while the user has not typed.
    if current.is_none() {
        Effect::new(move |_| {
            let cfg = config.get();
            if base.get_untracked().is_empty()
                || base.get_untracked() == crate::config::DEFAULT_API_BASE_URL
            {
                base.set(cfg.base_url());
            }
            if let Some(o) = cfg
                .organization_id
                .filter(|_| org.get_untracked().is_empty())
            {
                org.set(o);
            }
        });
    }
    let (method0, key0) = match current.as_ref().map(|s| &s.credential) {
        Some(Credential::Client { key_id, .. }) => (Method::Client, key_id.clone()),
        _ => (Method::Token, String::new()),
    };
    let method = RwSignal::new(method0);
    let token = RwSignal::new(String::new());
    let key_id = RwSignal::new(key0);
    let secret = RwSignal::new(String::new());
    let keep = RwSignal::new(current.as_ref().map(|s| s.keep).unwrap_or_default());
    let keep_secret = RwSignal::new(current.as_ref().is_some_and(|s| s.keep_secret));
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let tried = RwSignal::new(false);

    let always = Signal::stored(true);
    let by_token = flag(move || method.get() == Method::Token);
    let by_client = flag(move || method.get() == Method::Client);
    let base_err = required(tried, base, always, "Enter the API base URL");
    let org_err = required(tried, org, always, "Enter the organization ID");
    let token_err = required(tried, token, by_token, "Paste an API token");
    let key_err = required(tried, key_id, by_client, "Enter the access key ID");
    let secret_err = required(tried, secret, by_client, "Enter the API secret");

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        tried.set(true);
        failure.set(None);
        if [base_err, org_err, token_err, key_err, secret_err]
            .iter()
            .any(|e| e.get_untracked().is_some())
        {
            return;
        }
        busy.set(true);
        let base_url = clean_base_url(&base.get_untracked());
        let org_id = org.get_untracked().trim().to_owned();
        let api = c.api;
        let generation = api.generation();
        spawn_local(async move {
            let credential = if method.get_untracked() == Method::Token {
                Credential::Token {
                    token: clean_token(&token.get_untracked()),
                }
            } else {
                let key = key_id.get_untracked().trim().to_owned();
                let secret_value = secret.get_untracked();
                let exchanged = api.exchange(&base_url, &key, &secret_value).await;
                // Signed out (here or in another tab), or this form closed, while the token was on
                // its way: it is no one's, and the form's values are gone.
                if busy.is_disposed() || api.generation() != generation {
                    busy.set(false);
                    return;
                }
                match exchanged {
                    Ok((tok, expires_at_ms)) => Credential::Client {
                        key_id: key,
                        secret: Some(secret_value),
                        token: Some(tok),
                        expires_at_ms: Some(expires_at_ms),
                    },
                    Err(e) => {
                        failure.set(Some(e));
                        busy.set(false);
                        return;
                    }
                }
            };
            api.connect(Connection {
                base_url,
                org_id,
                credential,
                keep: keep.get_untracked(),
                keep_secret: keep_secret.get_untracked(),
            });
            token.set(String::new());
            secret.set(String::new());
            busy.set(false);
            on_done.run(());
        });
    };

    let id = move |name: &str| format!("{prefix}-{name}");
    let method_choice = move |name: &str, label: &'static str, m: Method| {
        choice(
            id(name),
            Some(id("method")),
            "radio",
            label,
            flag(move || method.get() == m),
            Callback::new(move |_| method.set(m)),
        )
    };
    let keep_choice = move |name: &str, label: &'static str, k: Keep| {
        choice(
            id(name),
            Some(id("keep")),
            "radio",
            label,
            flag(move || keep.get() == k),
            Callback::new(move |_| keep.set(k)),
        )
    };
    view! {
        <form class="connect" on:submit=submit novalidate>
            {Input::new(id("base"), "API base URL", base).error(base_err).autocomplete("url")
                .hint("https://api.m3ter.com, or a same-origin proxy path such as /m3ter").render()}
            {Input::new(id("org"), "Organization ID", org).error(org_err).render()}
            <fieldset>
                <legend>"Sign in with"</legend>
                {method_choice("method-token", "A pasted token", Method::Token)}
                {method_choice("method-client", "Client credentials", Method::Client)}
            </fieldset>
            {when(by_token, move || Input::new(id("token"), "API token", token).error(token_err).kind("password")
                .hint("A bearer token; a leading \"Bearer \" is removed.").render())}
            {when(by_client, move || view! {
                {Input::new(id("key"), "Access key ID", key_id).error(key_err).autocomplete("username").render()}
                {Input::new(id("secret"), "API secret", secret).error(secret_err).kind("password").autocomplete("current-password")
                    .hint("Exchanged for a token at /oauth/token; renewed before it expires.").render()}
            }.into_any())}
            <fieldset>
                <legend>"Keep the connection"</legend>
                {keep_choice("keep-memory", "In memory only (forgotten on reload)", Keep::Memory)}
                {keep_choice("keep-tab", "Remember in this tab", Keep::Tab)}
                {keep_choice("keep-device", "Remember on this device", Keep::Device)}
                {when(flag(move || method.get() == Method::Client && keep.get() != Keep::Memory), move || {
                    choice(id("keep-secret"), None, "checkbox", "Also remember the API secret", keep_secret.into(), Callback::new(move |v| keep_secret.set(v)))
                })}
                <p class="hint">"The token is never put in a URL or a log. Sign out clears it everywhere."</p>
            </fieldset>
            {dynamic(move || failure.get().map(|e| error_panel(e, "Getting a token".into(), None)).unwrap_or_else(|| ().into_any()))}
            <div class="form-actions">
                <button type="submit" class="primary" disabled=busy>
                    {text(move || if busy.get() { "Connecting…".into() } else { submit_label.unwrap_or("Connect").into() })}
                </button>
            </div>
        </form>
    }
}
