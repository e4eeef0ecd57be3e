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

/// The JSON source of a language's catalogue, compiled into the app. Adding a language is
/// adding its file under `locales/` and one line here.
pub fn source(language: Language) -> Option<&'static str> {
    match language {
        Language::En => Some(include_str!("../locales/en.json")),
        _ => None,
    }
}

thread_local! {
    static CATALOGS: RefCell<HashMap<Language, Rc<Catalog>>> = RefCell::new(HashMap::new());
}

/// The language's catalogue, parsed on first use; empty when it has none (or it does not
/// parse, which the key test catches before release).
pub fn catalog(language: Language) -> Rc<Catalog> {
    CATALOGS.with(|cache| {
        Rc::clone(cache.borrow_mut().entry(language).or_insert_with(|| {
            Rc::new(
                source(language)
                    .and_then(|json| serde_json::from_str(json).ok())
                    .unwrap_or_default(),
            )
        }))
    })
}

/// The template for `key` in `language`, else in [`FALLBACK`], else the warranty
/// engine's own English sentence (`core/policies/en-reasons.json`, the one English source
/// for segment, remedy and note keys), else `None`.
pub fn template(language: Language, key: &str) -> Option<String> {
    catalog(language)
        .get(key)
        .cloned()
        .or_else(|| catalog(FALLBACK).get(key).cloned())
        .or_else(|| english_reason(key).map(str::to_owned))
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
    fn a_language_without_a_catalogue_falls_back_to_english() {
        assert_eq!(
            translate(Language::Pl, "nav.products", &[]),
            translate(Language::En, "nav.products", &[])
        );
        assert_eq!(translate(Language::En, "no.such_key", &[]), "no.such_key");
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
