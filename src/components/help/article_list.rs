//! A list of help articles: each with its title as a link, its kind as a tag, the
//! product type it is about and the start of its text.

use aftercare_core::articles::{ArticleKind, ArticleSummary};
use leptos::prelude::*;

use super::kind_key;
use crate::components::products::category_name;
use crate::components::products::icon_src;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// "Troubleshooting", "Care" or "Set-up", as a tag.
#[component]
pub fn KindTag(
    /// The article's kind.
    kind: ArticleKind,
) -> impl IntoView {
    view! { <strong class="tag tag--blue">{tr(kind_key(kind))}</strong> }
}

/// One article in a list.
#[component]
fn ArticleItem(article: ArticleSummary, with_excerpt: bool) -> impl IntoView {
    let i18n = use_i18n();
    let category = article.category.clone();
    let href = Page::help_article(&article.slug);
    view! {
        <li class="article-item">
            <img
                class="card__icon"
                src=icon_src(&article.category)
                alt=""
                width="32"
                height="32"
            />
            <div class="article-item__body">
                <a href=href class="article-item__title" lang=super::ARTICLES_LANG>
                    {article.title}
                </a>
                <p class="article-item__meta">
                    <KindTag kind=article.kind />
                    <span>{move || category_name(i18n, &category)}</span>
                </p>
                {with_excerpt
                    .then(|| {
                        view! {
                            <p class="article-item__excerpt" lang=super::ARTICLES_LANG>
                                {article.excerpt}
                            </p>
                        }
                    })}
            </div>
        </li>
    }
}

/// The articles, in the order given.
#[component]
pub fn ArticleList(
    /// The articles.
    articles: Vec<ArticleSummary>,
    /// The list's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// Whether each shows the start of its text.
    #[prop(default = true)]
    with_excerpt: bool,
) -> impl IntoView {
    view! {
        <ul class="article-list" aria-label=label>
            {articles
                .into_iter()
                .map(|article| view! { <ArticleItem article with_excerpt /> })
                .collect_view()}
        </ul>
    }
}
