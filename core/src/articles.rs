//! The help articles ("Self-help first"): their wire types, the safe document model their
//! bodies travel in, and the rules for matching a search to an article.
//!
//! A body is a list of [`Block`]s of [`Inline`]s, never HTML: the app renders each piece
//! as text inside elements it chooses, so nothing an article says can become markup or
//! script on the page. Links are the one way out of the page, and [`is_safe_href`] is the
//! rule both the server (when it reads the Markdown) and the app (before it renders) apply.

use serde::{Deserialize, Serialize};

/// What an article helps with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// Something is wrong: what to check before claiming a repair.
    Troubleshooting,
    /// Looking after a product so it lasts.
    Care,
    /// Getting a new product going.
    Setup,
}

impl ArticleKind {
    /// Every kind, in the order filters list them.
    pub const ALL: [ArticleKind; 3] = [
        ArticleKind::Troubleshooting,
        ArticleKind::Care,
        ArticleKind::Setup,
    ];

    /// The name used in front matter and query strings.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Troubleshooting => "troubleshooting",
            ArticleKind::Care => "care",
            ArticleKind::Setup => "setup",
        }
    }

    /// Parses [`as_str`](Self::as_str)'s names.
    pub fn parse(s: &str) -> Option<ArticleKind> {
        ArticleKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An article in a list: enough to choose it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The address part, e.g. `washer-does-not-drain`.
    pub slug: String,
    /// The title, phrased the way a customer describes the problem.
    pub title: String,
    /// What it helps with.
    pub kind: ArticleKind,
    /// The catalogue category it is about, e.g. `washing-machine`.
    pub category: String,
    /// The catalogue models it is about; empty when it applies to the whole category.
    pub model_ids: Vec<i64>,
    /// The first sentence or two, as plain text.
    pub excerpt: String,
}

/// How customers answered "Did this solve your problem?".
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackTally {
    /// Accounts that said yes.
    pub solved: u32,
    /// Accounts that said no.
    pub not_solved: u32,
}

/// `GET /articles/{slug}`: one article, whole.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The list fields.
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// The text, as safe blocks.
    pub body: Vec<Block>,
    /// The answers so far.
    pub feedback: FeedbackTally,
}

/// `GET /articles`: the matching articles, best first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleList {
    /// The articles.
    pub articles: Vec<ArticleSummary>,
}

/// `POST /articles/{slug}/feedback`: one answer per account; a second one replaces it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFeedbackRequest {
    /// Whether the article solved the problem.
    pub solved: bool,
}

/// A block of an article's body.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A section heading; `level` is 2 to 4 (the page's title is the only level 1).
    Heading {
        /// 2, 3 or 4.
        level: u8,
        /// The heading's text.
        inlines: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted or numbered list (steps are numbered).
    List {
        /// Whether the items are steps in order.
        ordered: bool,
        /// One entry per item.
        items: Vec<Vec<Inline>>,
    },
    /// A warning or tip set apart from the text ("Unplug it first").
    Note(Vec<Inline>),
    /// Preformatted text, such as an error code as the display shows it.
    Code(String),
}

/// A run of text inside a block.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Important text.
    Strong(String),
    /// Stressed text.
    Emphasis(String),
    /// A code, a setting's name or a button's label as printed on the product.
    Code(String),
    /// A link; `href` passed [`is_safe_href`].
    Link {
        /// What the link says.
        text: String,
        /// Where it goes.
        href: String,
    },
}

impl Inline {
    /// The words, without their styling.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t) | Inline::Code(t) => t,
            Inline::Link { text, .. } => text,
        }
    }
}

/// Whether a link target may be followed from an article: `http:`, `https:` and `mailto:`
/// addresses and paths within the portal (`/products`). Anything else (`javascript:`,
/// `data:`, `//elsewhere`, targets with spaces or control characters) is refused, so a
/// link can never run script or smuggle in another scheme.
pub fn is_safe_href(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    if ["http://", "https://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
    {
        return true;
    }
    if let Some(address) = lower.strip_prefix("mailto:") {
        return address.contains('@');
    }
    // A path inside the portal: absolute from the root, never `//host` nor a scheme.
    href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\")
}

/// The blocks' words as one plain text, for excerpts and search.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        if !s.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(s);
        }
    };
    for block in blocks {
        match block {
            Block::Heading { inlines, .. } | Block::Paragraph(inlines) | Block::Note(inlines) => {
                push(&inlines_text(inlines));
            }
            Block::List { items, .. } => {
                for item in items {
                    push(&inlines_text(item));
                }
            }
            Block::Code(code) => push(code),
        }
    }
    out
}

/// The inlines' words, joined.
pub fn inlines_text(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::text).collect()
}

/// Words too common to tell articles apart ("my washer does not drain").
const STOP_WORDS: [&str; 36] = [
    "a", "an", "and", "are", "at", "be", "can", "do", "does", "doesn", "don", "for", "from", "how",
    "i", "in", "is", "it", "its", "my", "no", "not", "of", "on", "or", "s", "t", "that", "the",
    "this", "to", "too", "very", "what", "when", "with",
];

/// The search words of a text: lower-case runs of letters and digits, without the
/// commonest words.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// A word reduced to its stem, crudely, so "drains", "draining" and "drained" meet
/// "drain", "batteries" meets "battery", "washer" meets "washing" and "charging" meets
/// "charge". Both sides of a
/// comparison go through it, so only consistency matters, not linguistics.
pub fn stem(word: &str) -> String {
    let word = word.to_lowercase();
    let long_enough = |base: &&str| base.chars().count() >= 3;
    let base = if let Some(base) = word.strip_suffix("ies").filter(long_enough) {
        format!("{base}y")
    } else if let Some(base) = word.strip_suffix("es").filter(long_enough).filter(|b| {
        ["sh", "ch", "ss", "x", "z"]
            .iter()
            .any(|end| b.ends_with(end))
    }) {
        base.to_owned()
    } else if let Some(base) = ["ing", "ed", "er"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(long_enough)
        .filter(|b| !b.ends_with('e'))
    {
        base.to_owned()
    } else if let Some(base) = word
        .strip_suffix('s')
        .filter(long_enough)
        .filter(|b| !b.ends_with('s') && !b.ends_with('u'))
    {
        base.to_owned()
    } else {
        word
    };
    // "charge" and "charg(ing)" meet once a final silent e goes.
    match base.strip_suffix('e') {
        Some(without) if without.chars().count() >= 3 => without.to_owned(),
        _ => base,
    }
}

/// An article's text, prepared once for matching searches against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    title: Vec<String>,
    keywords: Vec<String>,
    body: Vec<String>,
}

/// How much a word found in each part counts: the title says what the article is about,
/// the keywords how people also put it, the body merely mentions things.
const TITLE_WEIGHT: u32 = 10;
const KEYWORD_WEIGHT: u32 = 5;
const BODY_WEIGHT: u32 = 1;
/// Mentions in the body beyond this many add nothing.
const BODY_MENTIONS_CAP: u32 = 3;
/// Bonus for each searched word found at all, so an article matching every word ranks
/// above one that repeats a single word often.
const WORD_FOUND_BONUS: u32 = 8;
/// Most a title made only of searched words adds.
const TITLE_FOCUS_WEIGHT: u32 = 10;

impl SearchIndex {
    /// Indexes an article's title, extra keywords and body text.
    pub fn new(title: &str, keywords: &str, body: &str) -> Self {
        let stems = |text: &str| search_words(text).iter().map(|w| stem(w)).collect();
        Self {
            title: stems(title),
            keywords: stems(keywords),
            body: stems(body),
        }
    }

    /// How well the searched words match, 0 for not at all. A searched word matches an
    /// article word with the same stem, or one it begins (three letters or more), so
    /// results follow a customer as they type.
    pub fn score(&self, query: &str) -> u32 {
        let words: Vec<(String, String)> = search_words(query)
            .into_iter()
            .map(|w| {
                let stemmed = stem(&w);
                (w, stemmed)
            })
            .collect();
        let matches = |(word, stemmed): &(String, String), candidate: &String| {
            candidate == stemmed || (word.chars().count() >= 3 && candidate.starts_with(word))
        };
        let count = |word: &(String, String), part: &[String]| {
            let n = part.iter().filter(|c| matches(word, c)).count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        let per_word: u32 = words
            .iter()
            .map(|word| {
                let found = count(word, &self.title).min(1) * TITLE_WEIGHT
                    + count(word, &self.keywords).min(1) * KEYWORD_WEIGHT
                    + count(word, &self.body).min(BODY_MENTIONS_CAP) * BODY_WEIGHT;
                if found > 0 {
                    found + WORD_FOUND_BONUS
                } else {
                    0
                }
            })
            .sum();
        if per_word == 0 {
            return 0;
        }
        // A title mostly made of the searched words is more on point than a long one
        // that mentions one of them: "Washer does not drain" before "Phone battery
        // drains fast" for "drain".
        let title_hits = self
            .title
            .iter()
            .filter(|t| words.iter().any(|w| matches(w, t)))
            .count();
        let focus = u32::try_from(title_hits)
            .unwrap_or(u32::MAX)
            .saturating_mul(TITLE_FOCUS_WEIGHT)
            .checked_div(u32::try_from(self.title.len()).unwrap_or(u32::MAX))
            .unwrap_or(0);
        per_word + focus
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_portal_links_are_safe() {
        for safe in [
            "https://www.bosch-home.com/service",
            "http://example.com",
            "mailto:help@example.com",
            "/products",
            "/help/washer-does-not-drain",
        ] {
            assert!(is_safe_href(safe), "{safe}");
        }
        for unsafe_href in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example/x",
            "/\\evil.example",
            "https://",
            "mailto:",
            "products",
            "",
        ] {
            assert!(!is_safe_href(unsafe_href), "{unsafe_href:?}");
        }
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in ArticleKind::ALL {
            assert_eq!(ArticleKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ArticleKind::parse("recipes"), None);
    }

    #[test]
    fn stems_bring_word_forms_together() {
        assert_eq!(stem("drains"), "drain");
        assert_eq!(stem("Draining"), "drain");
        assert_eq!(stem("drained"), "drain");
        assert_eq!(stem("batteries"), "battery");
        assert_eq!(stem("dishes"), "dish");
        assert_eq!(stem("glasses"), "glass");
        assert_eq!(stem("glass"), "glass");
        assert_eq!(stem("machines"), stem("machine"));
        assert_eq!(stem("charging"), stem("charge"));
        assert_eq!(stem("charged"), stem("charge"));
        assert_eq!(stem("washer"), stem("washing"));
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("wet"), "wet");
    }

    #[test]
    fn common_words_are_not_searched_for() {
        assert_eq!(
            search_words("My washer doesn't drain!"),
            vec!["washer", "drain"]
        );
    }

    #[test]
    fn a_word_in_the_title_outweighs_mentions_in_the_body() {
        let about = SearchIndex::new("Washer does not drain", "", "Check the pump filter.");
        let mentions = SearchIndex::new(
            "Dishwasher leaves dishes wet",
            "",
            "If it does not drain, see the drain article; drain hoses kink.",
        );
        assert!(about.score("drain") > mentions.score("drain"));
        assert!(mentions.score("drain") > 0);
    }

    #[test]
    fn a_title_about_the_word_beats_one_that_mentions_it() {
        let about = SearchIndex::new("Washer does not drain", "", "drain");
        let mentions = SearchIndex::new("Phone battery drains fast", "", "drain");
        assert!(about.score("drain") > mentions.score("drain"));
    }

    #[test]
    fn matching_every_word_beats_repeating_one() {
        let both = SearchIndex::new("Fridge not cooling", "", "");
        let one = SearchIndex::new("Fridge light", "", "fridge fridge fridge");
        assert!(both.score("fridge cooling") > one.score("fridge cooling"));
    }

    #[test]
    fn a_half_typed_word_already_matches() {
        let index = SearchIndex::new("Phone battery drains fast", "", "");
        assert!(index.score("batt") > 0);
        assert_eq!(index.score("ba"), 0);
        assert_eq!(index.score("kettle"), 0);
    }

    #[test]
    fn bodies_travel_as_tagged_blocks() {
        let body = vec![
            Block::Paragraph(vec![
                Inline::Text("Press ".into()),
                Inline::Strong("Start".into()),
            ]),
            Block::List {
                ordered: true,
                items: vec![vec![Inline::Link {
                    text: "File a claim".into(),
                    href: "/products".into(),
                }]],
            },
        ];
        let json = serde_json::to_value(&body).expect("serialises");
        assert_eq!(json[0]["paragraph"][1]["strong"], "Start");
        assert_eq!(json[1]["list"]["items"][0][0]["link"]["href"], "/products");
        assert_eq!(plain_text(&body), "Press Start File a claim");
    }
}
