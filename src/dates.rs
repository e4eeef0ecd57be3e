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

/// What to show of a moment, for [`format_moment`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "1 Dec 2026".
    Date,
    /// "Tue" (short weekday).
    Weekday,
    /// "Tuesday 1 December".
    LongDay,
    /// "December 2026".
    MonthYear,
    /// "10:00".
    Time,
    /// "Dec".
    MonthShort,
}

#[cfg(target_arch = "wasm32")]
impl Shape {
    /// The `Intl.DateTimeFormat` options of the shape.
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Shape::Date => &[("day", "numeric"), ("month", "short"), ("year", "numeric")],
            Shape::Weekday => &[("weekday", "short")],
            Shape::LongDay => &[("weekday", "long"), ("day", "numeric"), ("month", "long")],
            Shape::MonthYear => &[("month", "long"), ("year", "numeric")],
            Shape::Time => &[("hour", "2-digit"), ("minute", "2-digit")],
            Shape::MonthShort => &[("month", "short")],
        }
    }
}

/// Formats a wall-clock time exactly as written (a centre's local time): it is handed to
/// `Intl` as if it were UTC and formatted in UTC, so it is never shifted into the
/// browser's own zone.
pub fn format_local(local: chrono::NaiveDateTime, shape: Shape, locale: &str) -> String {
    format_instant(local.and_utc(), "UTC", shape, locale)
}

/// Formats an instant as the wall clock of `zone` (an IANA name) shows it; falls back to
/// UTC when the browser does not know the zone.
#[cfg(target_arch = "wasm32")]
pub fn format_instant(
    at: chrono::DateTime<chrono::Utc>,
    zone: &str,
    shape: Shape,
    locale: &str,
) -> String {
    // Millisecond timestamps of real dates stay far below 2^53: the conversion is exact.
    let millis = at.timestamp_millis() as f64;
    intl(millis, locale, zone, shape.options())
        .or_else(|| intl(millis, locale, "UTC", shape.options()))
        .unwrap_or_else(|| at.naive_utc().to_string())
}

/// `Intl.DateTimeFormat(locale, options).format(millis)`, built through `Reflect` so an
/// unknown time zone (a `RangeError`) comes back as `None` instead of throwing.
#[cfg(target_arch = "wasm32")]
fn intl(millis: f64, locale: &str, zone: &str, parts: &[(&str, &str)]) -> Option<String> {
    let options = js_sys::Object::new();
    for (name, value) in parts.iter().copied().chain([("timeZone", zone)]) {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    if parts.iter().any(|(name, _)| *name == "hour") {
        let _ = js_sys::Reflect::set(&options, &"hourCycle".into(), &"h23".into());
    }
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function =
        wasm_bindgen::JsCast::dyn_into(js_sys::Reflect::get(&intl, &"DateTimeFormat".into()).ok()?)
            .ok()?;
    let args = js_sys::Array::of2(&js_sys::Array::of1(&JsValue::from_str(locale)), &options);
    let formatter = js_sys::Reflect::construct(&constructor, &args).ok()?;
    let format: js_sys::Function =
        wasm_bindgen::JsCast::dyn_into(js_sys::Reflect::get(&formatter, &"format".into()).ok()?)
            .ok()?;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    format.call1(&formatter, &date).ok()?.as_string()
}

/// Native builds (tests) have no `Intl`: fixed English-like shapes, in UTC.
#[cfg(not(target_arch = "wasm32"))]
pub fn format_instant(
    at: chrono::DateTime<chrono::Utc>,
    _zone: &str,
    shape: Shape,
    _locale: &str,
) -> String {
    let pattern = match shape {
        Shape::Date => "%-d %b %Y",
        Shape::Weekday => "%a",
        Shape::LongDay => "%A %-d %B",
        Shape::MonthYear => "%B %Y",
        Shape::Time => "%H:%M",
        Shape::MonthShort => "%b",
    };
    at.format(pattern).to_string()
}

/// The offset from UTC, in minutes, of `zone`'s wall clock at the instant `at`, read
/// from `Intl` (`timeZoneName: 'longOffset'` gives "GMT+01:00"); `None` when the browser
/// does not know the zone.
#[cfg(target_arch = "wasm32")]
pub fn zone_offset_minutes(at: chrono::DateTime<chrono::Utc>, zone: &str) -> Option<i32> {
    // Millisecond timestamps of real dates stay far below 2^53: the conversion is exact.
    let text = intl(
        at.timestamp_millis() as f64,
        "en-US",
        zone,
        &[("timeZoneName", "longOffset")],
    )?;
    parse_gmt_offset(&text)
}

/// Native builds (tests) know no zones: every zone is UTC.
#[cfg(not(target_arch = "wasm32"))]
pub fn zone_offset_minutes(_at: chrono::DateTime<chrono::Utc>, _zone: &str) -> Option<i32> {
    Some(0)
}

/// The minutes of a "GMT+01:00", "GMT-05:30" or bare "GMT" found in `text` (as `Intl`
/// writes a `longOffset` zone name); `None` when there is none.
pub fn parse_gmt_offset(text: &str) -> Option<i32> {
    let rest = &text[text.rfind("GMT")? + 3..];
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(0);
    }
    let sign = match rest.chars().next()? {
        '+' => 1,
        '-' | '\u{2212}' => -1,
        _ => return None,
    };
    let digits = rest.get(rest.chars().next()?.len_utf8()..)?;
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None => (digits.parse::<i32>().ok()?, 0),
    };
    Some(sign * (hours * 60 + minutes))
}

/// The UTC instant at which a zone's wall clock shows `local`, given `offset_at` (the
/// zone's offset in minutes at an instant). Two passes settle the offset across a DST
/// change (a wall-clock time the change skips or repeats gets one of its nearby instants).
pub fn local_to_utc(
    local: chrono::NaiveDateTime,
    offset_at: impl Fn(chrono::DateTime<chrono::Utc>) -> Option<i32>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let naive = local.and_utc();
    let first = naive - chrono::Duration::minutes(i64::from(offset_at(naive)?));
    let second = offset_at(first)?;
    Some(naive - chrono::Duration::minutes(i64::from(second)))
}

/// The UTC instant at which the clock of `zone` (an IANA name) shows `local`.
pub fn zone_local_to_utc(
    local: chrono::NaiveDateTime,
    zone: &str,
) -> Option<chrono::DateTime<chrono::Utc>> {
    local_to_utc(local, |at| zone_offset_minutes(at, zone))
}

/// Today on the calendar of the market `country`: the day the server counts that market's
/// warranty days from, wherever the customer's device is.
/// Before a market is chosen (or for one the portal does not know), the device's own today.
pub fn market_today(country: &str) -> NaiveDate {
    match aftercare_core::api::market_zone(country) {
        "UTC" => today(),
        zone => today_in(zone),
    }
}

/// Today's date on the clock of `zone` (UTC's when the zone is unknown).
pub fn today_in(zone: &str) -> NaiveDate {
    let now =
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(now_millis()).unwrap_or_default();
    let offset = zone_offset_minutes(now, zone).unwrap_or(0);
    (now + chrono::Duration::minutes(i64::from(offset))).date_naive()
}

#[cfg(target_arch = "wasm32")]
fn now_millis() -> i64 {
    // The clock's milliseconds fit an i64 exactly.
    js_sys::Date::now() as i64
}

#[cfg(not(target_arch = "wasm32"))]
fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(0))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, TimeZone, Utc};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test date")
    }

    /// Warsaw's rule: UTC+2 from 29 Mar 2026 01:00 UTC to 25 Oct 2026 01:00 UTC, else +1.
    fn warsaw(instant: chrono::DateTime<Utc>) -> Option<i32> {
        let summer_start = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).single()?;
        let summer_end = Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).single()?;
        Some(if instant >= summer_start && instant < summer_end {
            120
        } else {
            60
        })
    }

    #[test]
    fn gmt_offsets_parse_with_sign_hours_and_minutes() {
        assert_eq!(parse_gmt_offset("11/24/2026, GMT+01:00"), Some(60));
        assert_eq!(parse_gmt_offset("GMT-05:30"), Some(-330));
        assert_eq!(parse_gmt_offset("11/24/2026, GMT"), Some(0));
        assert_eq!(parse_gmt_offset("GMT+5"), Some(300));
        assert_eq!(parse_gmt_offset("11/24/2026"), None);
    }

    #[test]
    fn a_centre_s_local_time_becomes_utc_in_winter_and_summer() {
        let winter = local_to_utc(at("2026-11-27 10:00"), warsaw);
        assert_eq!(winter, Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).single());
        let summer = local_to_utc(at("2026-07-01 10:00"), warsaw);
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 1, 8, 0, 0).single());
        // Just after the clocks go back: the offset at the guess is settled by pass two.
        let after = local_to_utc(at("2026-10-25 09:00"), warsaw);
        assert_eq!(after, Utc.with_ymd_and_hms(2026, 10, 25, 8, 0, 0).single());
        assert_eq!(local_to_utc(at("2026-10-25 09:00"), |_| None), None);
    }
}
