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

/// The language the help articles are written in (all of them, whatever the app's
/// language): their titles and text carry it in `lang`, so that a screen reader set to,
/// say, Icelandic reads them with English pronunciation (WCAG 3.1.2, language of parts).
pub const ARTICLES_LANG: &str = "en";

/// The translation key of a kind's name.
pub fn kind_key(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::Troubleshooting => "help.kind.troubleshooting",
        ArticleKind::Care => "help.kind.care",
        ArticleKind::Setup => "help.kind.setup",
    }
}
