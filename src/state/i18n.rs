//! The current language as context, and the translation calls components use. Every
//! visible string goes through here, so switching the language re-renders the words.

use aftercare_core::api::{Language, COUNTRIES};
use aftercare_core::problem::FieldError;
use aftercare_core::warranty::{ParamValue, Params};
use aftercare_core::NaiveDate;
use leptos::prelude::*;

use crate::{dates, i18n};

/// The translation context: the current language and lookups in its catalogue.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The language the words are shown in (always one whose words are at hand).
    language: RwSignal<Language>,
    /// The language last asked for, which may still be loading.
    chosen: StoredValue<Language>,
}

/// Where the device remembers the language last chosen on it (in the header, on the
/// account page, at sign-up, or the signed-in account's own).
const STORAGE_KEY: &str = "aftercare.language";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The language this device remembers, if any (storage disabled: none).
fn remembered() -> Option<Language> {
    let tag = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    Language::from_tag(&tag)
}

/// Remembers `language` on this device; with storage full or disabled the choice lasts
/// as long as the page.
fn remember(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, language.tag());
    }
}

/// The browser's languages, most preferred first: `navigator.languages`, or
/// `navigator.language` where the list is not offered.
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    tags
}

/// The language to start in: the one this device remembers, else the first of the
/// browser's languages the app has words in.
fn starting_language() -> Language {
    remembered().unwrap_or_else(|| {
        let browser = browser_languages();
        i18n::preferred(browser.iter().map(String::as_str))
    })
}

/// Fetches a language's words (see [`i18n::catalog_url`]); `true` once they are at hand.
async fn load(language: Language) -> bool {
    if i18n::is_loaded(language) {
        return true;
    }
    let Ok(response) = gloo_net::http::Request::get(&i18n::catalog_url(language))
        .send()
        .await
    else {
        return false;
    };
    match response.text().await {
        Ok(json) if response.ok() => i18n::insert(language, &json),
        _ => false,
    }
}

/// Loads the starting language's words before the app mounts (the page shows its
/// "Loading…" skeleton meanwhile), so it never flashes up in English first.
pub async fn preload() {
    let _ = load(starting_language()).await;
}

/// Creates the context, starting from [`starting_language`] (English until its words are
/// at hand, then that language), and keeps `<html lang>` in step with it.
pub fn provide_i18n() -> I18n {
    let start = starting_language();
    let i18n = I18n {
        language: RwSignal::new(i18n::FALLBACK),
        chosen: StoredValue::new(start),
    };
    i18n.set_language(start);
    Effect::new(move || {
        let tag = i18n.shown_language().tag();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", tag);
        }
    });
    provide_context(i18n);
    i18n
}

/// The translation context provided by the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive translation for use directly in `view!`: re-renders when the language
/// changes.
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

impl I18n {
    /// The current language (tracked).
    pub fn language(self) -> Language {
        self.language.get()
    }

    /// The language the words are actually shown in: the current one when it has a
    /// catalogue, else the fallback. Dates and plurals follow it so a page never mixes
    /// English words with, say, Polish month names.
    pub fn shown_language(self) -> Language {
        let language = self.language.get();
        if i18n::is_loaded(language) {
            language
        } else {
            i18n::FALLBACK
        }
    }

    /// Switches the language and remembers it on this device for the next visit. The
    /// words change once they are at hand (at once when already loaded; after a fetch the
    /// first time), and only if no other language was chosen meanwhile.
    pub fn set_language(self, language: Language) {
        remember(language);
        self.chosen.set_value(language);
        if i18n::is_loaded(language) {
            if self.language.get_untracked() != language {
                self.language.set(language);
            }
            return;
        }
        leptos::task::spawn_local(async move {
            if load(language).await && self.chosen.try_get_value() == Some(language) {
                self.language.set(language);
            }
        });
    }

    /// The message for `key` in the current language.
    pub fn t(self, key: &str) -> String {
        i18n::translate(self.language.get(), key, &[])
    }

    /// The message for `key` with `{name}` parameters filled in.
    pub fn t_with(self, key: &str, params: &[(&str, &str)]) -> String {
        i18n::translate(self.language.get(), key, params)
    }

    /// A field error in the current language: its code translated with its parameters
    /// (a `date` parameter is shown as a local date), or the server's English message
    /// when no catalogue knows the code.
    pub fn field_error(self, error: &FieldError) -> String {
        let language = self.language.get();
        let Some(template) = i18n::template(language, &error.code) else {
            return error.message.clone();
        };
        let params: Vec<(&str, String)> = error
            .params
            .iter()
            .map(|(name, value)| {
                let shown = match aftercare_core::validate::parse_date(value) {
                    Some(date) if name == "date" => self.date(date),
                    _ if name == "cutoff" => self.utc_moment(value),
                    _ => value.clone(),
                };
                (name.as_str(), shown)
            })
            .collect();
        i18n::interpolate(&template, params.iter().map(|(n, v)| (*n, v.as_str())))
    }

    /// A sentence of the warranty engine (segment rule, remedy reason, note): `key`
    /// translated (falling back to the engine's English), each typed parameter formatted
    /// for the current language.
    pub fn reason(self, key: &str, params: &Params) -> String {
        let shown: Vec<(&str, String)> = params
            .iter()
            .map(|(name, value)| (name.as_str(), self.param(value)))
            .collect();
        let refs: Vec<(&str, &str)> = shown.iter().map(|(n, v)| (*n, v.as_str())).collect();
        i18n::translate(self.language.get(), key, &refs)
    }

    /// One engine parameter as text: a date in the locale, a number as digits, text as
    /// is, a key translated first.
    pub fn param(self, value: &ParamValue) -> String {
        match value {
            ParamValue::Date(date) => self.date(*date),
            ParamValue::Number(n) => n.to_string(),
            ParamValue::Text(text) => text.clone(),
            ParamValue::Key(key) => self.t(key),
        }
    }

    /// A date such as "16 Aug 2028" in the current language.
    pub fn date(self, date: NaiveDate) -> String {
        dates::format(date, i18n::intl_locale(self.shown_language()))
    }

    /// The `Intl` locale of the language the words are shown in.
    pub fn locale(self) -> &'static str {
        i18n::intl_locale(self.shown_language())
    }

    /// A wall-clock time as written (a centre's local time), never shifted.
    pub fn local(self, at: chrono::NaiveDateTime, shape: dates::Shape) -> String {
        dates::format_local(at, shape, self.locale())
    }

    /// An instant as the clock of `zone` shows it.
    pub fn instant(
        self,
        at: chrono::DateTime<chrono::Utc>,
        zone: &str,
        shape: dates::Shape,
    ) -> String {
        dates::format_instant(at, zone, shape, self.locale())
    }

    /// An RFC 3339 instant from the server (an error's `cutoff`) as "1 Dec 2026 09:00 UTC";
    /// anything else as it came.
    fn utc_moment(self, value: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(value) {
            Ok(at) => {
                let at = at.with_timezone(&chrono::Utc);
                format!(
                    "{} {} UTC",
                    self.instant(at, "UTC", dates::Shape::Date),
                    self.instant(at, "UTC", dates::Shape::Time)
                )
            }
            Err(_) => value.to_owned(),
        }
    }

    /// A counted message: `{key}.{category}` for the language's plural category of `n`
    /// (falling back to `{key}.other`), with `{count}` filled in.
    pub fn count(self, key: &str, n: i64) -> String {
        let language = self.shown_language();
        let category = dates::plural_category(n, language.tag());
        let exact = format!("{key}.{category}");
        let chosen = if i18n::template(language, &exact).is_some() {
            exact
        } else {
            format!("{key}.other")
        };
        i18n::translate(language, &chosen, &[("count", &n.to_string())])
    }

    /// A country's name from its ISO code, translated when the catalogue has it.
    pub fn country(self, code: &str) -> String {
        let key = format!("country.{}", code.to_ascii_lowercase());
        match i18n::template(self.language.get(), &key) {
            Some(name) => name,
            None => COUNTRIES
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(code))
                .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned()),
        }
    }
}
