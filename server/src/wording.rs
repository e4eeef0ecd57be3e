//! The customer's language on the server: emails are written from the same catalogues
//! the app speaks (`locales/*.json`, keys under `email.`), with `{param}` filled in, and
//! fall back key by key to English.

use std::collections::HashMap;
use std::sync::OnceLock;

use aftercare_core::api::Language;

type Catalog = HashMap<String, String>;

fn source(language: Language) -> &'static str {
    match language {
        Language::En => include_str!("../../locales/en.json"),
        Language::Pl => include_str!("../../locales/pl.json"),
        Language::Vi => include_str!("../../locales/vi.json"),
        Language::Is => include_str!("../../locales/is.json"),
        Language::Fr => include_str!("../../locales/fr.json"),
        Language::Es => include_str!("../../locales/es.json"),
    }
}

fn catalog(language: Language) -> &'static Catalog {
    static CATALOGS: OnceLock<HashMap<Language, Catalog>> = OnceLock::new();
    static EMPTY: OnceLock<Catalog> = OnceLock::new();
    CATALOGS
        .get_or_init(|| {
            Language::ALL
                .into_iter()
                .map(|l| (l, serde_json::from_str(source(l)).unwrap_or_default()))
                .collect()
        })
        .get(&language)
        .unwrap_or_else(|| EMPTY.get_or_init(Catalog::new))
}

/// A customer's language from its stored tag (English when unknown).
pub fn language(tag: &str) -> Language {
    Language::from_tag(tag).unwrap_or_default()
}

/// The message for `key` in `language` (else English, else the key), `{name}`s filled.
pub fn say(language: Language, key: &str, params: &[(&str, &str)]) -> String {
    let template = catalog(language)
        .get(key)
        .or_else(|| catalog(Language::En).get(key))
        .map_or(key, String::as_str);
    params
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// An email's body: greeting, the paragraphs, and where to look in the app.
pub fn letter(language: Language, name: &str, paragraphs: &[String], link: &str) -> String {
    let mut body = say(language, "email.greeting", &[("name", name)]);
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        body.push_str("\n\n");
        body.push_str(paragraph);
    }
    body.push_str("\n\n");
    body.push_str(&say(language, "email.open", &[("link", link)]));
    body.push('\n');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_speak_the_customers_language_and_fall_back_to_english() {
        let subject = |l| {
            say(
                l,
                "email.claim_received.subject",
                &[("reference", "CL-000007")],
            )
        };
        assert_eq!(subject(Language::En), "We received your claim CL-000007");
        for language in Language::ALL.into_iter().filter(|l| *l != Language::En) {
            let text = subject(language);
            assert!(text.contains("CL-000007"), "{language:?}: {text}");
            assert_ne!(text, subject(Language::En), "{language:?} is translated");
        }
        assert_eq!(say(Language::Pl, "no.such.key", &[]), "no.such.key");
        let body = letter(Language::En, "Ewa", &["Line".into()], "/claims/7");
        assert!(body.starts_with("Hello Ewa,\n\nLine\n\n"));
        assert!(body.contains("/claims/7"));
    }
}
