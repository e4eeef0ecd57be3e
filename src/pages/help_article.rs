//! `/help/{slug}`: one help article, and "Did this solve your problem?".

use aftercare_core::articles::Article;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::common::{LoadError, PageHeading, Skeleton};
use crate::components::help::{ArticleBody, ArticleFeedback, KindTag, ARTICLES_LANG};
use crate::components::products::category_name;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// What the page shows when no article has this address.
#[component]
fn ArticleNotFound() -> impl IntoView {
    view! {
        <p>{tr("help.not_found_body")}</p>
        <p>
            <a href=Page::Help.path()>{tr("help.go_to_help")}</a>
        </p>
    }
}

/// The article: its kind and product type, its text, then the question.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let i18n = use_i18n();
    let category = article.summary.category.clone();
    view! {
        <p class="article-item__meta article__meta">
            <KindTag kind=article.summary.kind />
            <span>{move || category_name(i18n, &category)}</span>
        </p>
        <ArticleBody blocks=article.body />
        <ArticleFeedback slug=article.summary.slug />
    }
}

/// The help article page.
#[component]
pub fn HelpArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let slug = slug();
        async move { api::article(&slug).await }
    });
    let heading = move || match loaded.get() {
        Some(Ok(article)) => article.summary.title,
        Some(Err(e)) if e.is_not_found() => i18n.t("help.not_found_title"),
        _ => i18n.t("help.title"),
    };
    // Only the article's own title is in the articles' language.
    let heading_lang =
        move || matches!(loaded.get(), Some(Ok(_))).then(|| ARTICLES_LANG.to_owned());
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <a href=Page::Help.path() class="back-link">
            {tr("help.back_to_help")}
        </a>
        <PageHeading text=Signal::derive(heading) lang=Signal::derive(heading_lang) />
        {move || match loaded.get() {
            None => view! { <Skeleton blocks=5 /> }.into_any(),
            Some(Ok(article)) => view! { <ArticleView article /> }.into_any(),
            Some(Err(e)) if e.is_not_found() => view! { <ArticleNotFound /> }.into_any(),
            Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        }}
    }
}
