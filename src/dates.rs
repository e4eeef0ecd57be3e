//! Calendar days in the browser: today's date and dates and plural categories in the
//! customer's language, through the browser's own `Intl` (no locale data in the wasm).

use aftercare_core::NaiveDate;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsValue;

/// Today in the customer's own time zone.
#[cfg(target_arch = "wasm32")]
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(now.get_full_year()).unwrap_or(1970),
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Today (UTC) for native builds, which only run tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    NaiveDate::default() + chrono::Days::new(days)
}

/// A date such as "16 Aug 2028" for `locale` (a BCP 47 tag).
#[cfg(target_arch = "wasm32")]
pub fn format(date: NaiveDate, locale: &str) -> String {
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    format_with(date, &locales, [("day", "numeric"), ("month", "short")])
}

/// A date the way the browser's own date input shows it (its default locale, digits
/// only, like 27/03/2025 or 03/27/2025), for the hint beside that input.
#[cfg(target_arch = "wasm32")]
pub fn format_like_date_input(date: NaiveDate) -> String {
    format_with(
        date,
        &js_sys::Array::new(),
        [("day", "2-digit"), ("month", "2-digit")],
    )
}

/// Native builds (tests): ISO dates.
#[cfg(not(target_arch = "wasm32"))]
pub fn format_like_date_input(date: NaiveDate) -> String {
    date.to_string()
}

#[cfg(target_arch = "wasm32")]
fn format_with(date: NaiveDate, locales: &js_sys::Array, parts: [(&str, &str); 2]) -> String {
    use chrono::Datelike;
    let options = js_sys::Object::new();
    for (name, value) in parts
        .into_iter()
        .chain([("year", "numeric"), ("timeZone", "UTC")])
    {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    let formatter = js_sys::Intl::DateTimeFormat::new(locales, &options);
    let millis = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month0()))
        + f64::from(date.day0()) * 86_400_000.0;
    let js_date = js_sys::Date::new(&JsValue::from_f64(millis));
    formatter
        .format()
        .call1(&formatter, &js_date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_string())
}

/// Native builds (tests) have no `Intl`: ISO dates.
#[cfg(not(target_arch = "wasm32"))]
pub fn format(date: NaiveDate, _locale: &str) -> String {
    date.to_string()
}

/// The CLDR plural category ("one", "few", "other" ...) of `n` in `locale`.
#[cfg(target_arch = "wasm32")]
pub fn plural_category(n: i64, locale: &str) -> String {
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    // Day counts stay far below 2^53, so the conversion is exact.
    String::from(rules.select(n as f64))
}

/// English rules for native builds (tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn plural_category(n: i64, _locale: &str) -> String {
    if n == 1 { "one" } else { "other" }.to_owned()
}
