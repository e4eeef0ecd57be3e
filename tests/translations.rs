//! Every translation key the app uses, and every error code core and the server can
//! send, has an English message: a missing key would show customers `error.something`.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn english() -> HashMap<String, String> {
    let text = fs::read_to_string(root().join("locales/en.json")).expect("locales/en.json");
    serde_json::from_str(&text).expect("en.json is a flat object of strings")
}

/// The string literals in a Rust file (escapes are kept as written; keys have none).
fn literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut literal = String::new();
            let mut escaped = false;
            for c in chars.by_ref() {
                match (escaped, c) {
                    (false, '\\') => escaped = true,
                    (false, '"') => break,
                    _ => {
                        escaped = false;
                        literal.push(c);
                    }
                }
            }
            out.push(literal);
        }
    }
    out
}

/// Whether a literal looks like a key: dotted lower-case words, like `nav.products`.
fn looks_like_key(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Keys in `file` that look like keys of a namespace the catalogue has.
fn keys_in(file: &Path, namespaces: &BTreeSet<String>) -> Vec<String> {
    let source = fs::read_to_string(file).expect("readable source");
    literals(&source)
        .into_iter()
        .filter(|s| looks_like_key(s))
        .filter(|s| namespaces.contains(s.split('.').next().unwrap_or_default()))
        .collect()
}

fn known(catalogue: &HashMap<String, String>, key: &str) -> bool {
    // Counted messages are looked up as `key.one`, `key.other` ...
    catalogue.contains_key(key) || catalogue.contains_key(&format!("{key}.other"))
}

#[test]
fn every_key_the_app_uses_has_an_english_message() {
    let catalogue = english();
    let namespaces: BTreeSet<String> = catalogue
        .keys()
        .filter_map(|k| k.split('.').next().map(str::to_owned))
        .collect();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let missing: BTreeSet<String> = files
        .iter()
        .flat_map(|f| keys_in(f, &namespaces))
        .filter(|k| !known(&catalogue, k))
        .filter(|k| k != "no.such_key")
        .collect();
    assert!(missing.is_empty(), "keys missing from en.json: {missing:?}");
}

#[test]
fn every_error_code_core_and_the_server_send_has_an_english_message() {
    let catalogue = english();
    let mut codes: BTreeSet<String> = [
        // Built as `error.{field}_required` for required text fields.
        "error.name_required",
        "error.retailer_required",
        // Problem codes of the server's error envelope.
        "error.validation",
        "error.credentials",
        "error.throttled",
        "error.unauthenticated",
        "error.forbidden",
        "error.not_found",
        "error.serial_taken",
        "error.email_taken",
        "error.conflict",
        "error.payload_too_large",
        "error.internal",
        "error.bad_request",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    // Whatever the shared rules and the server name as an error code or a notification's
    // sentence today, too: each reaches the app (in a problem body, in a notification) and
    // is shown in the customer's language.
    let mut sources = Vec::new();
    rust_files(&root().join("core/src"), &mut sources);
    rust_files(&root().join("server/src"), &mut sources);
    for file in sources {
        if let Ok(source) = fs::read_to_string(&file) {
            codes.extend(literals(&source).into_iter().filter(|s| {
                (s.starts_with("error.") || s.starts_with("notification."))
                    && !s.ends_with('_')
                    && looks_like_key(s)
            }));
        }
    }
    let missing: Vec<&String> = codes.iter().filter(|c| !known(&catalogue, c)).collect();
    assert!(
        missing.is_empty(),
        "codes missing from en.json: {missing:?}"
    );
}

#[test]
fn every_english_message_has_balanced_parameters() {
    for (key, message) in english() {
        assert_eq!(
            message.matches('{').count(),
            message.matches('}').count(),
            "unbalanced braces in {key}"
        );
    }
}

// ---- Every language has every message ---------------------------------------------------

/// A catalogue as written: its pairs in file order, duplicates kept, so that a key written
/// twice (the second silently winning) is caught.
struct Pairs(Vec<(String, String)>);

impl<'de> serde::Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a flat object of strings")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// Parses a catalogue file, failing on anything but a flat object of strings without
/// repeated keys.
fn catalogue_file(path: &Path) -> HashMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Pairs(pairs) = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a flat object of strings: {e}", path.display()));
    let mut map = HashMap::new();
    for (key, message) in pairs {
        assert!(
            !message.trim().is_empty(),
            "{}: {key} is empty",
            path.display()
        );
        let previous = map.insert(key.clone(), message);
        assert!(
            previous.is_none(),
            "{}: {key} appears twice",
            path.display()
        );
    }
    map
}

/// The warranty engine's English sentences: every other language translates them in its
/// own catalogue (English reads them from `core/policies/en-reasons.json` directly).
fn engine_sentences() -> HashMap<String, String> {
    catalogue_file(&root().join("core/policies/en-reasons.json"))
}

/// The plural categories `Intl.PluralRules` gives a language's whole numbers (CLDR
/// cardinal rules), plus `other`, which every language has and lookups fall back to.
fn plural_categories(tag: &str) -> &'static [&'static str] {
    match tag {
        "en" | "is" => &["one", "other"],
        "pl" => &["one", "few", "many", "other"],
        "vi" => &["other"],
        // French and Spanish say "de" after a million: "1 000 000 de jours".
        "fr" | "es" => &["one", "many", "other"],
        other => panic!("no plural rules written down for {other}: add them here"),
    }
}

/// The `{param}` names of a message.
fn params(message: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.insert(after[..close].to_owned());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

/// The English message a key of any language translates: for a plural variant, the
/// English `other` form.
fn english_for<'a>(
    key: &str,
    english: &'a HashMap<String, String>,
    engine: &'a HashMap<String, String>,
    counted: &BTreeSet<String>,
) -> Option<&'a String> {
    english.get(key).or_else(|| engine.get(key)).or_else(|| {
        let (base, _) = key.rsplit_once('.')?;
        counted
            .contains(base)
            .then(|| english.get(&format!("{base}.other")))
            .flatten()
    })
}

#[test]
fn every_language_has_exactly_the_english_keys_with_the_same_parameters() {
    let english = catalogue_file(&root().join("locales/en.json"));
    let engine = engine_sentences();
    // Counted messages: `base.one`, `base.other` ... in English.
    let counted: BTreeSet<String> = english
        .keys()
        .filter_map(|k| k.strip_suffix(".other"))
        .map(str::to_owned)
        .collect();
    let wiring = fs::read_to_string(root().join("src/i18n.rs")).expect("src/i18n.rs");
    let index = fs::read_to_string(root().join("index.html")).expect("index.html");
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in fs::read_dir(root().join("locales"))
        .expect("locales/")
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name")
            .to_owned();
        assert!(
            aftercare_core::api::Language::ALL
                .iter()
                .any(|l| l.tag() == tag),
            "locales/{tag}.json is not one of the app's languages"
        );
        // English is compiled in; the others are served from the build (`index.html`
        // copies `locales/`) and fetched by `catalog_url`.
        let wired = if tag == "en" {
            wiring.contains("include_str!(\"../locales/en.json\")")
        } else {
            index.contains("rel=\"copy-dir\" href=\"locales\"")
                && wiring.contains("/locales/{}.json")
        };
        if !wired {
            problems.push(format!("{tag}: not wired (src/i18n.rs, index.html)"));
        }
        let catalogue = catalogue_file(&path);
        checked += 1;

        let mut expected: BTreeSet<String> = english
            .keys()
            .filter(|k| {
                !k.rsplit_once('.')
                    .is_some_and(|(base, _)| counted.contains(base))
            })
            .cloned()
            .collect();
        if tag != "en" {
            expected.extend(engine.keys().cloned());
        }
        for base in &counted {
            for category in plural_categories(&tag) {
                expected.insert(format!("{base}.{category}"));
            }
        }
        let actual: BTreeSet<String> = catalogue.keys().cloned().collect();
        let missing: Vec<&String> = expected.difference(&actual).collect();
        let unused: Vec<&String> = actual.difference(&expected).collect();
        if !missing.is_empty() {
            problems.push(format!("{tag}: missing {missing:?}"));
        }
        if !unused.is_empty() {
            problems.push(format!(
                "{tag}: not in English (or a plural category {tag} does not use) {unused:?}"
            ));
        }
        for (key, message) in &catalogue {
            let Some(source) = english_for(key, &english, &engine, &counted) else {
                continue;
            };
            let (theirs, ours) = (params(message), params(source));
            if theirs != ours {
                problems.push(format!(
                    "{tag}: {key} has parameters {theirs:?}, English has {ours:?}"
                ));
            }
            if message.matches('{').count() != message.matches('}').count() {
                problems.push(format!("{tag}: unbalanced braces in {key}"));
            }
        }
    }
    assert!(checked > 0, "no catalogues under locales/");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_engine_s_sentences_are_not_repeated_in_the_english_catalogue() {
    // One English source for them: were a key in both, the two could drift apart.
    let english = english();
    let twice: Vec<String> = engine_sentences()
        .into_keys()
        .filter(|k| english.contains_key(k))
        .collect();
    assert!(
        twice.is_empty(),
        "in both en.json and en-reasons.json: {twice:?}"
    );
}

/// Every English message is used somewhere: named as a literal key in the app, core or
/// the server (an email), or built from a pattern there (`"country.{}"`,
/// `"error.{field}_required"`). A key nothing uses is dead wording that translators would
/// still be asked to keep up, and it is refused.
#[test]
fn every_english_message_is_used() {
    let mut files = Vec::new();
    for dir in ["src", "core/src", "server/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    let sources: Vec<String> = files
        .iter()
        .map(|f| fs::read_to_string(f).expect("readable source"))
        .collect();
    let all_literals: BTreeSet<String> = sources.iter().flat_map(|s| literals(s)).collect();
    // A literal with `{…}` in it is a pattern: the text before and after the braces.
    let patterns: Vec<(String, String)> = all_literals
        .iter()
        .filter_map(|l| {
            let (before, rest) = l.split_once('{')?;
            let (_, after) = rest.split_once('}')?;
            (before.contains('.') && !after.contains('{'))
                .then(|| (before.to_owned(), after.to_owned()))
        })
        .collect();
    let plural = |k: &str| {
        ["zero", "one", "two", "few", "many", "other"]
            .iter()
            .find_map(|c| k.strip_suffix(&format!(".{c}")))
            .map(str::to_owned)
    };
    let unused: BTreeSet<String> = english()
        .into_keys()
        .filter(|key| {
            let base = plural(key).unwrap_or_else(|| key.clone());
            let quoted = |k: &str| {
                let needle = format!("\"{k}\"");
                all_literals.contains(k) || sources.iter().any(|s| s.contains(&needle))
            };
            !quoted(key)
                && !quoted(&base)
                && !patterns.iter().any(|(before, after)| {
                    base.len() > before.len() + after.len()
                        && base.starts_with(before.as_str())
                        && base.ends_with(after.as_str())
                })
        })
        .collect();
    assert!(unused.is_empty(), "keys nothing uses: {unused:?}");
}
