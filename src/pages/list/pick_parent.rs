//! A nested resource opened from the navigation (`/transaction-schedules`): choose its parent from
//! the first page of the parent's list, or by id (`?{parentParam}=…` keeps the choice in the URL),
//! then its list under that parent.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::super::On;
use super::view::ListView;
use crate::api::{paths, read_page, ApiError, ApiRequest};
use crate::components::error_view::error_slot;
use crate::components::ui::Link;
use crate::context::ctx;
use crate::routes::{Place, Route};
use crate::task::PageTasks;

pub fn page(on: On) -> AnyView {
    let Some(parent) = on.entry.parent.and_then(On::of) else {
        return super::super::not_found();
    };
    if parent.entry.parent.is_some() {
        // Two levels down: the chain starts further up.
        let mut top = parent;
        while let Some(up) = top.entry.parent.and_then(On::of) {
            top = up;
        }
        let href = Route::List(Place::top(top.r.key)).href();
        return view! {
            <h1>{on.entry.plural}</h1>
            <p>
                {format!("{} belong to a {}. Open one from ", on.entry.plural, parent.entry.singular.to_ascii_lowercase())}
                <Link href=href>{top.entry.plural}</Link>"."
            </p>
        }
        .into_any();
    }
    view! { <PickParent on=on parent=parent/> }.into_any()
}

#[component]
fn PickParent(on: On, parent: On) -> impl IntoView {
    let c = ctx();
    let tasks = PageTasks::here();
    let query = use_query_map();
    let navigate = use_navigate();
    let param = on.r.parent_param;
    let chosen = Memo::new(move |_| query.read().get(param).filter(|s| !s.trim().is_empty()));
    let options = RwSignal::new(Vec::<(String, String)>::new());
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(true);
    let load = move || {
        loading.set(true);
        error.set(None);
        let Ok(path) = paths::collection(parent.r, &[], &[]) else {
            return;
        };
        let req = ApiRequest::whole_list(parent.r, path);
        tasks.spawn(async move {
            match c.api.send(req).await.and_then(|r| read_page(&r)) {
                Ok(page) => options.set(
                    page.items
                        .iter()
                        .filter_map(|v| {
                            Some((v.get("id")?.as_str()?.to_owned(), parent.title_of(v)))
                        })
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
        let list = Route::List(Place::top(on.r.key));
        let to = if id.is_empty() {
            list.href()
        } else {
            list.with_query(&[(param.to_owned(), id)])
        };
        navigate(&to, NavigateOptions::default());
    };
    let pick = {
        let show = show.clone();
        move |ev| show(event_target_value(&ev))
    };
    // Parents beyond the first page are reached by id.
    let typed = RwSignal::new(String::new());
    let by_id = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        show(typed.get_untracked());
    };
    let singular = parent.entry.singular;
    let parents_lower = parent.entry.plural.to_ascii_lowercase();
    let heading_id = format!("pick-{}", on.r.key);
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h1 id=heading_id>{on.entry.plural}</h1>
            <p class="hint">{format!("{} belong to a {}. Choose one from the first page of {parents_lower}, or enter its ID.", on.entry.plural, singular.to_ascii_lowercase())}</p>
            {super::view::create_links(on, &Place::top(on.r.key))}
            <form class="inline-form" on:submit=by_id>
                <div class="form-field">
                    <label for="pick-parent-id">{format!("{singular} ID")}</label>
                    <input id="pick-parent-id" type="text" spellcheck="false" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{format!("Show {}", on.entry.plural.to_ascii_lowercase())}</button>
            </form>
            <div class="form-field">
                <label for="pick-parent">{singular}</label>
                <select id="pick-parent" on:change=pick>
                    <option value="" selected=move || chosen.get().is_none()>{move || if loading.get() { format!("Loading {parents_lower}…") } else { format!("Choose a {}", singular.to_ascii_lowercase()) }}</option>
                    <For each=move || options.get() key=|(id, _)| id.clone() let:((id, name))>
                        {
                            let selected_id = id.clone();
                            view! { <option value=id.clone() selected=move || chosen.get().as_deref() == Some(selected_id.as_str())>{format!("{name} ({id})")}</option> }
                        }
                    </For>
                </select>
            </div>
            {error_slot(error, Signal::stored(format!("Loading {}", parent.entry.plural.to_ascii_lowercase())), Some(Callback::new(move |_| load())))}
            {move || chosen.get().map(|id| {
                let place = Place::top(parent.r.key).child(&id, on.r.key);
                view! { <ListView on=on place=place embedded=true/> }
            })}
        </section>
    }
}
