//! The help articles ("Self-help first"): the article's safe rendering, the result list,
//! the search form, "Did this solve your problem?", and the suggestions a claim form
//! shows before a claim is opened.

pub mod article_body;
pub mod article_list;
pub mod feedback;
pub mod search;
pub mod suggested;

pub use article_body::ArticleBody;
pub use article_list::{ArticleList, KindTag};
pub use feedback::ArticleFeedback;
pub use search::HelpSearch;
pub use suggested::SuggestedArticles;

use aftercare_core::articles::ArticleKind;

use crate::state::i18n::I18n;

/// The catalogue's categories, for the product-type filter.
pub const CATEGORIES: [&str; 10] = [
    "coffee-machine",
    "dishwasher",
    "e-bike",
    "headphones",
    "laptop",
    "phone",
    "refrigerator",
    "television",
    "vacuum-cleaner",
    "washing-machine",
];

/// The translation key of a kind's name.
pub fn kind_key(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::Troubleshooting => "help.kind.troubleshooting",
        ArticleKind::Care => "help.kind.care",
        ArticleKind::Setup => "help.kind.setup",
    }
}

/// A category's name: its translation (`category.washing_machine`), or the slug in
/// words ("Washing machine") when no catalogue names it.
pub fn category_name(i18n: I18n, slug: &str) -> String {
    let key = format!("category.{}", slug.replace('-', "_"));
    let name = i18n.t(&key);
    if name != key {
        return name;
    }
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
