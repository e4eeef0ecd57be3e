//! Help articles that may solve the problem a customer is describing, shown beside the
//! claim form before a claim is opened: up to five for the product's model, matching
//! the symptom as it is typed.

use std::time::Duration;

use leptos::prelude::*;

use super::ArticleList;
use crate::api::{self, ArticleSearch};
use crate::state::i18n::{tr, use_i18n};

/// How long typing must pause before articles are looked for.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Most suggestions shown.
const MAX_SUGGESTIONS: usize = 5;

/// Fewest letters typed before suggesting anything.
const MIN_LETTERS: usize = 3;

/// Suggestions for `model_id` matching `symptom`. Shows nothing until a few letters are
/// typed and nothing when no article matches, so it never gets in the claim's way.
#[component]
pub fn SuggestedArticles(
    /// The catalogue model of the product the claim is about.
    model_id: i64,
    /// What the customer is typing about the problem.
    #[prop(into)]
    symptom: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let searched = RwSignal::new(String::new());
    Effect::new(move |previous: Option<Option<TimeoutHandle>>| {
        let typed = symptom.get().trim().to_owned();
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        set_timeout_with_handle(move || searched.set(typed), DEBOUNCE).ok()
    });
    let suggestions = LocalResource::new(move || {
        let q = searched.get();
        async move {
            if q.chars().filter(|c| c.is_alphanumeric()).count() < MIN_LETTERS {
                return Vec::new();
            }
            let search = ArticleSearch {
                q,
                model: Some(model_id),
                ..ArticleSearch::default()
            };
            // Suggestions are a bonus: a failure shows none rather than an error.
            let mut found = api::search_articles(&search).await.unwrap_or_default();
            found.truncate(MAX_SUGGESTIONS);
            found
        }
    });
    let found = move || suggestions.get().unwrap_or_default();
    // Announced politely from a region that is always there, so screen readers hear
    // when suggestions appear without the whole list being read out on each change.
    let announcement = move || {
        let count = found().len();
        (count > 0).then(|| {
            i18n.count(
                "help.suggested_count",
                i64::try_from(count).unwrap_or(i64::MAX),
            )
        })
    };
    view! {
        <div class="suggested-articles">
            <p class="visually-hidden" role="status">
                {announcement}
            </p>
            {move || {
                let articles = found();
                (!articles.is_empty())
                    .then(|| {
                        view! {
                            <section class="suggested" aria-labelledby="suggested-title">
                                <h2 id="suggested-title" class="heading-s">
                                    {tr("help.suggested_title")}
                                </h2>
                                <p class="hint">{tr("help.suggested_hint")}</p>
                                <ArticleList
                                    articles
                                    label=tr("help.suggested_title")
                                    with_excerpt=false
                                />
                            </section>
                        }
                    })
            }}
        </div>
    }
}
