//! Finding the model in the catalogue: search as you type (debounced), results as a list
//! of buttons, and once chosen the model with a Change button.

use std::time::Duration;

use aftercare_core::api::ProductModel;
use leptos::prelude::*;

use super::{icon_src, model_name};
use crate::api;
use crate::components::common::{focus_by_id, FieldNotes};
use crate::state::i18n::{tr, use_i18n};

/// How long typing must pause before the catalogue is asked.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// One result: choosing it fills `selected` and moves on to the serial field.
#[component]
fn ModelChoice(
    model: ProductModel,
    selected: RwSignal<Option<ProductModel>>,
    next: &'static str,
) -> impl IntoView {
    let icon = icon_src(&model.category);
    let name = model_name(&model);
    let sku = model.sku.clone();
    view! {
        <li>
            <button
                type="button"
                class="choice"
                on:click=move |_| {
                    selected.set(Some(model.clone()));
                    request_animation_frame(move || focus_by_id(next));
                }
            >
                <img class="choice__icon" src=icon alt="" width="32" height="32" />
                <span class="choice__name">{name}</span>
                <span class="choice__sku">{sku}</span>
            </button>
        </li>
    }
}

/// What the results area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    Searching,
    Failed,
    Shown,
}

/// The search box and its results.
#[component]
fn SearchBox(
    id: &'static str,
    selected: RwSignal<Option<ProductModel>>,
    error: Signal<Option<String>>,
    next: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let debounced = RwSignal::new(String::new());
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        let q = query.get();
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        set_timeout_with_handle(move || debounced.set(q), DEBOUNCE).ok()
    });
    let results = LocalResource::new(move || {
        let q = debounced.get();
        async move { api::search_models(&q).await }
    });
    let has_error = move || error.with(Option::is_some);
    let described = move || {
        if has_error() {
            format!("{id}-hint {id}-error")
        } else {
            format!("{id}-hint")
        }
    };
    // What the list shows, apart from the models themselves: the models are a keyed list
    // inside a list that stays, so a model still matching after the next keystroke keeps
    // its button, and a keyboard user's focus on it.
    let state = Memo::new(move |_| match results.get() {
        None => Listing::Searching,
        Some(Err(_)) => Listing::Failed,
        Some(Ok(_)) => Listing::Shown,
    });
    let models = Memo::new(move |_| results.get().and_then(Result::ok).unwrap_or_default());
    let count = move || models.with(Vec::len);
    let list = move || {
        match state.get() {
        Listing::Searching => view! { <p class="hint">{tr("catalog.searching")}</p> }.into_any(),
        Listing::Failed => view! {
            <p class="error-message">{tr("catalog.failed")}</p>
            <button type="button" class="button button--secondary" on:click=move |_| results.refetch()>
                {tr("common.retry")}
            </button>
        }
        .into_any(),
        Listing::Shown => view! {
            <p class="visually-hidden" role="status">
                {move || i18n.count("catalog.results", i64::try_from(count()).unwrap_or(i64::MAX))}
            </p>
            <Show when=move || count() == 0>
                <p class="hint">{tr("catalog.no_results")}</p>
            </Show>
            <ul id=format!("{id}-results") class="choice-list" aria-label=tr("catalog.results_label")>
                <For each=move || models.get() key=|model| model.id let:model>
                    <ModelChoice model selected next />
                </For>
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=id>
                {tr("register.model")}
            </label>
            <FieldNotes id hint=Some(Signal::derive(tr("register.model_hint"))) error />
            <input
                id=id
                type="search"
                class="input"
                class:input--error=has_error
                autocomplete="off"
                spellcheck="false"
                aria-controls=format!("{id}-results")
                aria-describedby=described
                aria-invalid=move || has_error().then_some("true")
                bind:value=query
            />
            <div class="catalog-results">{list}</div>
        </div>
    }
}

/// The model chosen, with a way to change it.
#[component]
fn ChosenModel(
    id: &'static str,
    model: ProductModel,
    selected: RwSignal<Option<ProductModel>>,
) -> impl IntoView {
    view! {
        <div class="form-group">
            <p class="label">{tr("register.model")}</p>
            <div class="chosen-model">
                <img class="choice__icon" src=icon_src(&model.category) alt="" width="40" height="40" />
                <div class="chosen-model__text">
                    <p class="chosen-model__name">{model_name(&model)}</p>
                    <p class="choice__sku">{model.sku.clone()}</p>
                </div>
                <button
                    type="button"
                    class="button button--secondary button--small"
                    on:click=move |_| {
                        selected.set(None);
                        request_animation_frame(move || focus_by_id(id));
                    }
                >
                    {tr("register.change_model")}
                </button>
            </div>
        </div>
    }
}

/// The catalogue step of the registration form. `id` is the search box's id (the error
/// summary links there); `next` is the field focused after a model is chosen.
#[component]
pub fn CatalogSearch(
    /// The search input's id.
    id: &'static str,
    /// The chosen model.
    selected: RwSignal<Option<ProductModel>>,
    /// The message shown when no model was chosen.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The id of the field to focus once a model is chosen.
    next: &'static str,
) -> impl IntoView {
    // Re-render only when switching between searching and chosen, not on every change
    // of the chosen model's value.
    let chosen = Memo::new(move |_| selected.with(Option::is_some));
    move || {
        if chosen.get() {
            selected
                .get_untracked()
                .map(|model| view! { <ChosenModel id model selected /> })
                .into_any()
        } else {
            view! { <SearchBox id selected error next /> }.into_any()
        }
    }
}
