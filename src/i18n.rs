//! Translations: one flat JSON catalogue per language under `locales/`, looked up by
//! key with `{param}` interpolation. Pure functions, so they test natively; the reactive
//! part (which language is current) lives in [`crate::state::i18n`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use aftercare_core::api::Language;
use aftercare_core::warranty::english_reason;

/// A parsed catalogue: translation key → message template.
pub type Catalog = HashMap<String, String>;

/// The language every other falls back to, key by key.
pub const FALLBACK: Language = Language::En;

/// English, compiled in: there before anything loads, and every other language's
/// fallback key by key.
const ENGLISH: &str = include_str!("../locales/en.json");

/// Where the build serves a language's catalogue (`index.html` copies `locales/` into
/// the build): fetched when the language is first needed, so a customer downloads only
/// their own words; the service worker keeps them all for offline use.
pub fn catalog_url(language: Language) -> String {
    format!("/locales/{}.json", language.tag())
}

thread_local! {
    static CATALOGS: RefCell<HashMap<Language, Rc<Catalog>>> = RefCell::new(HashMap::new());
}

/// Adds a language's catalogue from its JSON; `false` (and nothing added) when it does
/// not parse.
pub fn insert(language: Language, json: &str) -> bool {
    match serde_json::from_str::<Catalog>(json) {
        Ok(catalog) => {
            CATALOGS.with(|cache| cache.borrow_mut().insert(language, Rc::new(catalog)));
            true
        }
        Err(_) => false,
    }
}

/// Whether the words of `language` are at hand (English always is).
pub fn is_loaded(language: Language) -> bool {
    language == FALLBACK || CATALOGS.with(|cache| cache.borrow().contains_key(&language))
}

/// The language's catalogue: English parsed on first use; another language's once it
/// has been loaded, else empty (every key then falls back to English).
pub fn catalog(language: Language) -> Rc<Catalog> {
    if language == FALLBACK && !CATALOGS.with(|cache| cache.borrow().contains_key(&FALLBACK)) {
        insert(FALLBACK, ENGLISH);
    }
    CATALOGS.with(|cache| cache.borrow().get(&language).cloned().unwrap_or_default())
}

/// The template for `key` in `language`, else in [`FALLBACK`], else the warranty
/// engine's own English sentence (`core/policies/en-reasons.json`, the one English source
/// for segment, remedy and note keys), else `None`.
pub fn template(language: Language, key: &str) -> Option<String> {
    lookup(&catalog(language), &catalog(FALLBACK), key)
}

/// `key` in `catalogue`, else in `fallback`, else among the engine's English sentences.
fn lookup(catalogue: &Catalog, fallback: &Catalog, key: &str) -> Option<String> {
    catalogue
        .get(key)
        .or_else(|| fallback.get(key))
        .cloned()
        .or_else(|| english_reason(key).map(str::to_owned))
}

/// Whether the app has words in `language` (a catalogue under `locales/`: all six).
pub fn has_catalog(language: Language) -> bool {
    Language::ALL.contains(&language)
}

/// The language to start in when the device remembers none: the first of the browser's
/// preferred languages (`navigator.languages`, most preferred first) that the app has
/// words in, else [`FALLBACK`]. `pl-PL` counts as `pl`.
pub fn preferred<'a>(browser: impl IntoIterator<Item = &'a str>) -> Language {
    browser
        .into_iter()
        .filter_map(Language::from_tag)
        .find(|language| has_catalog(*language))
        .unwrap_or(FALLBACK)
}

/// Replaces each `{name}` in `template` by its value; unknown names stay as written so a
/// missing parameter is visible rather than silently dropped.
pub fn interpolate<'a>(
    template: &str,
    params: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match params.clone().into_iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Translates `key` with parameters; a key no catalogue has comes back as the key itself,
/// which is ugly on purpose so that it gets noticed.
pub fn translate(language: Language, key: &str, params: &[(&str, &str)]) -> String {
    match template(language, key) {
        Some(t) => interpolate(&t, params.iter().copied()),
        None => key.to_owned(),
    }
}

/// The locale handed to `Intl` for dates: English dates read day-first ("16 Aug 2028"),
/// the way most of our markets write them.
pub fn intl_locale(language: Language) -> &'static str {
    match language {
        Language::En => "en-GB",
        other => other.tag(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_fills_known_params_and_keeps_unknown_ones() {
        let s = interpolate("like {example}, {missing} {", [("example", "WM-1")]);
        assert_eq!(s, "like WM-1, {missing} {");
    }

    #[test]
    fn english_catalogue_parses_and_translates_with_params() {
        let s = translate(
            Language::En,
            "error.serial_format",
            &[("example", "WM-12345678")],
        );
        assert_eq!(
            s,
            "Enter the serial number as it is printed on the label, like WM-12345678"
        );
    }

    #[test]
    fn a_key_missing_from_a_catalogue_falls_back_to_english() {
        let english = catalog(Language::En);
        let partial: Catalog = [("nav.account".to_owned(), "Konto".to_owned())].into();
        assert_eq!(
            lookup(&partial, &english, "nav.account").as_deref(),
            Some("Konto")
        );
        assert_eq!(
            lookup(&partial, &english, "nav.products"),
            english.get("nav.products").cloned()
        );
        assert_eq!(translate(Language::En, "no.such_key", &[]), "no.such_key");
    }

    #[test]
    fn every_catalogue_parses_and_has_its_own_words_once_loaded() {
        assert_eq!(translate(Language::Pl, "nav.products", &[]), "Products");
        for language in Language::ALL.into_iter().filter(|l| has_catalog(*l)) {
            let path = format!(
                "{}/locales/{}.json",
                env!("CARGO_MANIFEST_DIR"),
                language.tag()
            );
            let json = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(insert(language, &json), "{path} parses");
            assert!(is_loaded(language));
            assert_ne!(catalog(language).get("nav.products"), None, "{language:?}");
        }
        assert_eq!(translate(Language::Pl, "nav.products", &[]), "Produkty");
        assert!(!insert(Language::Vi, "not json"));
    }

    #[test]
    fn the_first_browser_language_with_words_is_chosen() {
        assert_eq!(preferred(["pl-PL", "en-GB"]), Language::Pl);
        assert_eq!(preferred(["de-DE", "is", "pl"]), Language::Is);
        assert_eq!(preferred(["vi_VN"]), Language::Vi);
        assert_eq!(preferred(["de", "ja"]), FALLBACK);
        assert_eq!(preferred([]), FALLBACK);
    }

    #[test]
    fn engine_keys_fall_back_to_the_engine_s_english_sentences() {
        for key in aftercare_core::warranty::REASON_KEYS {
            assert!(template(Language::Pl, key).is_some(), "{key}");
        }
        assert_eq!(
            translate(
                Language::En,
                "remedy.free_repair.warranty",
                &[("until", "16 Aug 2028")]
            ),
            "Free repair under the manufacturer's warranty, until 16 Aug 2028."
        );
    }
}
