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
