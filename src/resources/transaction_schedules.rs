//! Balance Transaction Schedules live under a balance: their list needs a chosen balance, and their
//! pages sit at `/balances/:balanceId/transaction-schedules/:id`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use m3ter_models::ResourceMeta;

use super::detail_page::DetailPage;
use super::list_page::ListPage;
use super::title_of;
use crate::api::{read_page, ApiError, ApiRequest};
use crate::components::error_view::error_slot;
use crate::context::ctx;

/// `/transaction-schedules?balanceId=…`: pick a balance, then its schedules.
#[component]
pub fn AcrossBalance(meta: &'static ResourceMeta) -> impl IntoView {
    let c = ctx();
    let query = use_query_map();
    let navigate = use_navigate();
    let chosen = Memo::new(move |_| query.read().get("balanceId").filter(|s| !s.is_empty()));
    let balances = RwSignal::new(Vec::<(String, String)>::new());
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(true);
    let parent_meta = m3ter_models::resource(meta.parent.map(|p| p.0).unwrap_or("balances"));
    let load = move || {
        let Some(pm) = parent_meta else { return };
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let req = ApiRequest::get(pm.path).query("pageSize", pm.page_size_max.to_string());
            match c.api.send(req).await.and_then(|r| read_page(&r)) {
                Ok(page) => balances.set(
                    page.items
                        .iter()
                        .filter_map(|b| Some((b.get("id")?.as_str()?.to_owned(), title_of(pm, b))))
                        .collect(),
                ),
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load();
    let show = move |id: String| {
        let id = id.trim().to_owned();
        let to = if id.is_empty() {
            format!("/{}", meta.key)
        } else {
            format!("/{}?balanceId={}", meta.key, crate::api::encode(&id))
        };
        navigate(&to, NavigateOptions::default());
    };
    let pick = {
        let show = show.clone();
        move |ev| show(event_target_value(&ev))
    };
    // Balances beyond the first page are reached by id.
    let typed = RwSignal::new(String::new());
    let by_id = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        show(typed.get_untracked());
    };
    view! {
        <section aria-labelledby="bts-title">
            <h1 id="bts-title">{meta.plural}</h1>
            <p class="hint">"Transaction schedules belong to a balance. Choose one from the first page of balances, or enter its ID."</p>
            <form class="inline-form" on:submit=by_id>
                <div class="form-field">
                    <label for="bts-balance-id">"Balance ID"</label>
                    <input id="bts-balance-id" type="text" spellcheck="false" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                </div>
                <button type="submit">"Show schedules"</button>
            </form>
            <div class="form-field">
                <label for="bts-balance">"Balance"</label>
                <select id="bts-balance" on:change=pick>
                    <option value="" selected=move || chosen.get().is_none()>{move || if loading.get() { "Loading balances…" } else { "Choose a balance" }}</option>
                    <For each=move || balances.get() key=|(id, _)| id.clone() let:((id, name))>
                        {
                            let selected_id = id.clone();
                            view! { <option value=id.clone() selected=move || chosen.get().as_deref() == Some(selected_id.as_str())>{format!("{name} ({id})")}</option> }
                        }
                    </For>
                </select>
            </div>
            {error_slot(error, Signal::stored("Loading balances".to_owned()), Some(Callback::new(move |_| load())))}
            {move || chosen.get().map(|balance| view! { <ListPage meta=meta parent=balance embedded=true/> })}
        </section>
    }
}

/// `/balances/:balanceId/transaction-schedules/:id`
#[component]
pub fn NestedDetailRoute(balance: String, id: String) -> impl IntoView {
    view! { <DetailPage meta=&m3ter_models::balance_transaction_schedule::TRANSACTION_SCHEDULES id=id parent=balance/> }
}
