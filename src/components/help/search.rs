//! The help page's search: words, kind of article and product type, kept in the page's
//! address (so Back from an article, a reload or a shared link shows the same results),
//! with results that follow the typing after a short pause.

use std::time::Duration;

use aftercare_core::articles::{ArticleKind, ArticleSummary};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use super::{kind_key, ArticleList};
use crate::api::{self, ArticleSearch};
use crate::components::common::{EmptyState, LoadError, SelectField, Skeleton};
use crate::components::products::{category_name, CATALOGUE_CATEGORIES};
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// How long typing must pause before the articles are asked for.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The search an address asks for; anything unreadable is left out.
fn search_from_query(query: &ParamsMap) -> ArticleSearch {
    ArticleSearch {
        q: query.get("q").unwrap_or_default(),
        kind: query.get("kind").and_then(|k| ArticleKind::parse(k.trim())),
        category: query
            .get("category")
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
        model: None,
    }
}

/// The results: a skeleton while loading, the list, or what to do when nothing matched.
#[component]
fn Results(results: LocalResource<Result<Vec<ArticleSummary>, api::ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Callback::new(move |()| results.refetch());
    move || match results.get() {
        None => view! { <Skeleton blocks=4 /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        Some(Ok(articles)) if articles.is_empty() => view! {
            <p class="visually-hidden" role="status">
                {tr("help.no_results_title")}
            </p>
            <EmptyState title=tr("help.no_results_title") body=tr("help.no_results_body")>
                <a href=Page::Products.path() class="button button--secondary">
                    {tr("help.file_claim")}
                </a>
            </EmptyState>
        }
        .into_any(),
        Some(Ok(articles)) => {
            let count = i64::try_from(articles.len()).unwrap_or(i64::MAX);
            view! {
                <p class="help-results__count" role="status">
                    {move || i18n.count("help.results", count)}
                </p>
                <ArticleList articles label=tr("help.results_label") />
            }
            .into_any()
        }
    }
}

/// The form and the results below it.
#[component]
pub fn HelpSearch() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let start = search_from_query(&query.get_untracked());
    let words = RwSignal::new(start.q.clone());
    let kind = RwSignal::new(
        start
            .kind
            .map(|k| k.as_str().to_owned())
            .unwrap_or_default(),
    );
    let category = RwSignal::new(start.category.clone().unwrap_or_default());
    // The words searched for: what was typed, once typing pauses.
    let searched = RwSignal::new(start.q);
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        let typed = words.get();
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        set_timeout_with_handle(move || searched.set(typed), DEBOUNCE).ok()
    });
    let search = Memo::new(move |_| ArticleSearch {
        q: searched.get().trim().to_owned(),
        kind: ArticleKind::parse(&kind.get()),
        category: Some(category.get()).filter(|c| !c.is_empty()),
        model: None,
    });
    // The address follows the search; `written` remembers what this page put there, so
    // only a change from outside (the Help link, Back) resets the form.
    let written = StoredValue::new(api::article_query(&search.get_untracked()));
    Effect::new(move || {
        let wanted = api::article_query(&search.get());
        if written.get_value() != wanted {
            written.set_value(wanted.clone());
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            };
            let path = format!("{}{wanted}", Page::Help.path());
            untrack(|| navigate(&path, options));
        }
    });
    Effect::new(move || {
        let asked = search_from_query(&query.get());
        if api::article_query(&asked) != written.get_value() {
            written.set_value(api::article_query(&asked));
            words.set(asked.q.clone());
            searched.set(asked.q);
            kind.set(
                asked
                    .kind
                    .map(|k| k.as_str().to_owned())
                    .unwrap_or_default(),
            );
            category.set(asked.category.unwrap_or_default());
        }
    });
    let results = LocalResource::new(move || {
        let search = search.get();
        async move { api::search_articles(&search).await }
    });
    let kind_options = Signal::derive(move || {
        ArticleKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), i18n.t(kind_key(k))))
            .collect::<Vec<_>>()
    });
    let category_options = Signal::derive(move || {
        let mut options: Vec<(String, String)> = CATALOGUE_CATEGORIES
            .iter()
            .map(|slug| ((*slug).to_owned(), category_name(i18n, slug)))
            .collect();
        options.sort_by(|a, b| a.1.cmp(&b.1));
        options
    });
    let no_error = Signal::derive(|| None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        searched.set(words.get_untracked());
    };
    view! {
        <form class="help-search" role="search" aria-label=tr("help.search_form") on:submit=submit>
            <div class="form-group">
                <label class="label" for="help-q">
                    {tr("help.search_label")}
                </label>
                <div id="help-q-hint" class="hint">
                    {tr("help.search_hint")}
                </div>
                <div class="help-search__bar">
                    <input
                        id="help-q"
                        name="q"
                        type="search"
                        class="input"
                        autocomplete="off"
                        aria-describedby="help-q-hint"
                        bind:value=words
                    />
                    <button type="submit" class="button help-search__button">
                        {tr("help.search_button")}
                    </button>
                </div>
            </div>
            <div class="help-search__filters">
                <SelectField
                    id="help-kind"
                    label=tr("help.kind_label")
                    value=kind
                    options=kind_options
                    error=no_error
                    placeholder=tr("help.kind_all")
                />
                <SelectField
                    id="help-category"
                    label=tr("help.category_label")
                    value=category
                    options=category_options
                    error=no_error
                    placeholder=tr("help.category_all")
                />
            </div>
        </form>
        <section class="help-results" aria-label=tr("help.results_label")>
            <Results results />
        </section>
    }
}
