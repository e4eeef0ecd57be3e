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

/// The translation key of a kind's name.
pub fn kind_key(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::Troubleshooting => "help.kind.troubleshooting",
        ArticleKind::Care => "help.kind.care",
        ArticleKind::Setup => "help.kind.setup",
    }
}
