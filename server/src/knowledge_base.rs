//! The help articles: Markdown files with a little front matter, embedded in the binary
//! (so the server needs no source tree to run), read once into safe blocks and a search
//! index, and searched in memory. A few dozen pages need no database.
//!
//! Front matter, between `---` lines:
//!
//! ```text
//! title: Washer does not drain
//! kind: troubleshooting            (or care, setup)
//! category: washing-machine        (a catalogue category)
//! models: all                      (or catalogue SKUs: SAM-WW90T534DAW, LG-F4V709P1E)
//! keywords: standing water, pump   (other words customers use; optional)
//! ```
//!
//! Models are named by SKU rather than by id: ids belong to one database, SKUs to the
//! catalogue itself.

use std::sync::OnceLock;

use aftercare_core::articles::{
    inlines_text, plain_text, search_words, ArticleKind, Block, SearchIndex,
};

use crate::markdown;

/// Most articles a search answers with.
pub const SEARCH_LIMIT: usize = 20;

/// Longest excerpt, in characters, before it is cut at a word.
const EXCERPT_CHARS: usize = 180;

macro_rules! articles {
    ($($slug:literal),* $(,)?) => {
        /// Every article as (slug, Markdown with front matter), in file-name order.
        pub const SOURCES: &[(&str, &str)] = &[
            $(($slug, include_str!(concat!("../demo/articles/", $slug, ".md")))),*
        ];
    };
}

articles![
    "airpods-pro-cleaning",
    "coffee-machine-descaling",
    "coffee-machine-no-water",
    "coffee-weak-or-not-hot",
    "cordless-vacuum-pulses-or-stops",
    "dishwasher-cloudy-glasses",
    "dishwasher-dishes-wet",
    "dishwasher-filter-cleaning",
    "dishwasher-water-left-in-bottom",
    "e-bike-battery-care",
    "e-bike-motor-no-assistance",
    "fridge-cleaning-and-door-seals",
    "fridge-not-cooling",
    "fridge-setup",
    "fridge-water-leaking",
    "headphones-will-not-pair",
    "iphone-battery-health",
    "laptop-battery-care",
    "laptop-runs-hot",
    "laptop-will-not-turn-on",
    "miele-autodos-setup",
    "oled-tv-care",
    "phone-battery-drains-fast",
    "phone-does-not-charge",
    "phone-setup-and-transfer",
    "robot-vacuum-setup",
    "samsung-washer-error-codes",
    "tv-no-picture",
    "tv-no-signal",
    "tv-setup",
    "vacuum-loses-suction",
    "washer-does-not-drain",
    "washer-door-will-not-open",
    "washer-setup",
    "washer-shakes-and-is-noisy",
    "washer-smells",
];

/// One article, read and indexed.
#[derive(Debug, Clone)]
pub struct HelpArticle {
    /// The address part (the file's name).
    pub slug: String,
    /// The title.
    pub title: String,
    /// What it helps with.
    pub kind: ArticleKind,
    /// The catalogue category it is about.
    pub category: String,
    /// The catalogue SKUs it is about; empty for the whole category.
    pub skus: Vec<String>,
    /// The start of the text, plain.
    pub excerpt: String,
    /// The text, as safe blocks.
    pub body: Vec<Block>,
    index: SearchIndex,
}

impl HelpArticle {
    /// Reads one article; the error names what is wrong with its front matter.
    pub fn parse(slug: &str, source: &str) -> Result<Self, String> {
        let (front, text) = split_front_matter(source)
            .ok_or_else(|| format!("{slug}: no front matter between --- lines"))?;
        let field = |name: &str| -> Option<&str> {
            front.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                (key.trim() == name).then(|| value.trim())
            })
        };
        let required = |name: &str| {
            field(name)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("{slug}: no {name}"))
        };
        let title = required("title")?.to_owned();
        let kind =
            ArticleKind::parse(required("kind")?).ok_or_else(|| format!("{slug}: unknown kind"))?;
        let category = required("category")?.to_owned();
        let models = required("models")?;
        let skus = if models.eq_ignore_ascii_case("all") {
            Vec::new()
        } else {
            models
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let keywords = field("keywords").unwrap_or_default();
        let body = markdown::to_blocks(text);
        let index = SearchIndex::new(
            &title,
            &format!("{keywords} {category}"),
            &plain_text(&body),
        );
        Ok(Self {
            slug: slug.to_owned(),
            title,
            kind,
            category,
            skus,
            excerpt: excerpt(&body),
            body,
            index,
        })
    }

    /// Whether the article is about this model (its own, or its whole category).
    pub fn applies_to(&self, sku: &str, category: &str) -> bool {
        self.category == category && (self.skus.is_empty() || self.skus.iter().any(|s| s == sku))
    }
}

/// (front matter, the rest) when the text starts with a `---` fenced block.
fn split_front_matter(source: &str) -> Option<(&str, &str)> {
    let rest = source.strip_prefix("---")?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let end = rest.find("\n---")?;
    let front = &rest[..end];
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map_or("", |(_, body)| body);
    Some((front, body))
}

/// The first paragraph as plain text, cut at a word once it gets long.
fn excerpt(body: &[Block]) -> String {
    let first = body
        .iter()
        .find_map(|block| match block {
            Block::Paragraph(inlines) => Some(inlines_text(inlines)),
            _ => None,
        })
        .unwrap_or_default();
    if first.chars().count() <= EXCERPT_CHARS {
        return first;
    }
    let cut: String = first.chars().take(EXCERPT_CHARS).collect();
    let at_word = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(start, _)| start);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.']))
}

/// What a search asks for.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    /// The words typed; none lists every article that passes the other filters.
    pub query: String,
    /// Only this kind.
    pub kind: Option<ArticleKind>,
    /// Only this catalogue category.
    pub category: Option<String>,
    /// Only articles about this model, as (SKU, category).
    pub model: Option<(String, String)>,
}

/// Every article, read once.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    articles: Vec<HelpArticle>,
}

impl KnowledgeBase {
    /// Reads the articles; one that cannot be read is left out and its error returned.
    pub fn parse(sources: &[(&str, &str)]) -> (Self, Vec<String>) {
        let mut articles = Vec::new();
        let mut errors = Vec::new();
        for (slug, source) in sources {
            match HelpArticle::parse(slug, source) {
                Ok(article) => articles.push(article),
                Err(error) => errors.push(error),
            }
        }
        (Self { articles }, errors)
    }

    /// Every article, in slug order.
    pub fn all(&self) -> &[HelpArticle] {
        &self.articles
    }

    /// The article with this slug.
    pub fn get(&self, slug: &str) -> Option<&HelpArticle> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// The articles passing the filter. With words: the best [`SEARCH_LIMIT`] matches,
    /// best first. Without: all of them. Ties go to the articles about the exact model
    /// (when one is asked for), then by product type, troubleshooting before care and
    /// set-up, then by title.
    pub fn search(&self, filter: &ArticleFilter) -> Vec<&HelpArticle> {
        let passes = |a: &&HelpArticle| {
            filter.kind.is_none_or(|k| a.kind == k)
                && filter.category.as_ref().is_none_or(|c| &a.category == c)
                && filter
                    .model
                    .as_ref()
                    .is_none_or(|(sku, category)| a.applies_to(sku, category))
        };
        let mut scored: Vec<(u32, &HelpArticle)> = self
            .articles
            .iter()
            .filter(passes)
            .map(|a| (a.index.score(&filter.query), a))
            .collect();
        let searching = !search_words(&filter.query).is_empty();
        if searching {
            scored.retain(|(score, _)| *score > 0);
        }
        let kind_order = |k: ArticleKind| ArticleKind::ALL.iter().position(|x| *x == k);
        scored.sort_by(|(score_a, a), (score_b, b)| {
            score_b
                .cmp(score_a)
                .then_with(|| match filter.model {
                    Some(_) => a.skus.is_empty().cmp(&b.skus.is_empty()),
                    None => std::cmp::Ordering::Equal,
                })
                .then_with(|| a.category.cmp(&b.category))
                .then_with(|| kind_order(a.kind).cmp(&kind_order(b.kind)))
                .then_with(|| a.title.cmp(&b.title))
        });
        let limit = if searching { SEARCH_LIMIT } else { usize::MAX };
        scored.into_iter().take(limit).map(|(_, a)| a).collect()
    }
}

/// The embedded articles, read on first use (the server asks at start-up, so a broken
/// article shows in the log straight away).
pub fn knowledge_base() -> &'static KnowledgeBase {
    static BASE: OnceLock<KnowledgeBase> = OnceLock::new();
    BASE.get_or_init(|| {
        let (base, errors) = KnowledgeBase::parse(SOURCES);
        for error in errors {
            tracing::error!(%error, "help article left out");
        }
        base
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_article_reads() {
        let (base, errors) = KnowledgeBase::parse(SOURCES);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(base.all().len() >= 30);
        for article in base.all() {
            assert!(!article.body.is_empty(), "{} has no text", article.slug);
            assert!(
                !article.excerpt.is_empty(),
                "{} has no excerpt",
                article.slug
            );
        }
    }

    #[test]
    fn every_file_in_the_folder_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/articles");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                    .filter_map(|name| name.strip_suffix(".md").map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let embedded: Vec<String> = SOURCES.iter().map(|(s, _)| (*s).to_owned()).collect();
        assert_eq!(files, embedded);
    }

    #[test]
    fn every_article_names_a_catalogue_category_and_models() {
        let catalog = crate::demo::catalog().unwrap_or_default();
        let (base, _) = KnowledgeBase::parse(SOURCES);
        for article in base.all() {
            assert!(
                catalog.iter().any(|m| m.category == article.category),
                "{}: unknown category {}",
                article.slug,
                article.category
            );
            for sku in &article.skus {
                assert!(
                    catalog
                        .iter()
                        .any(|m| &m.sku == sku && m.category == article.category),
                    "{}: {sku} is not a {}",
                    article.slug,
                    article.category
                );
            }
        }
    }

    #[test]
    fn front_matter_is_read() {
        let article = HelpArticle::parse(
            "x",
            "---\ntitle: Washer does not drain\nkind: troubleshooting\ncategory: washing-machine\nmodels: BSH-WAN28281, LG-F4V709P1E\nkeywords: pump\n---\nWater stays in the drum.\n",
        );
        let article = article.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(article.title, "Washer does not drain");
        assert_eq!(article.kind, ArticleKind::Troubleshooting);
        assert_eq!(article.skus, vec!["BSH-WAN28281", "LG-F4V709P1E"]);
        assert_eq!(article.excerpt, "Water stays in the drum.");
        assert!(article.applies_to("LG-F4V709P1E", "washing-machine"));
        assert!(!article.applies_to("SAM-WW90T534DAW", "washing-machine"));
    }

    #[test]
    fn an_article_without_front_matter_is_refused() {
        assert!(HelpArticle::parse("x", "# Just text").is_err());
        assert!(HelpArticle::parse(
            "x",
            "---\ntitle: T\nkind: recipe\ncategory: c\nmodels: all\n---\n"
        )
        .is_err());
    }

    #[test]
    fn long_excerpts_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let cut = excerpt(&markdown::to_blocks(&long));
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
    }
}
