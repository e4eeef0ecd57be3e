//! A quote as both sides see it: its lines as a table, then subtotal, tax and total as
//! money in the viewer's locale, the agent's note and where the quote stands. Display
//! only: the customer's Accept / Decline lives on the claim page.

use aftercare_core::claims::{Quote, QuoteLine, QuoteStatus};
use leptos::prelude::*;

use super::day;
use crate::state::i18n::{tr, use_i18n, I18n};

/// Digits after the decimal point of a currency's minor unit (ISO 4217): none for the
/// dong and the króna, two for the others we quote in. Prices travel as minor units.
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "VND" | "ISK" | "JPY" | "KRW" => 0,
        _ => 2,
    }
}

/// A minor-unit amount as a number of whole units (`12_345` EUR cents → `123.45`).
pub fn major_units(minor: i64, currency: &str) -> f64 {
    // Prices stay far below 2^53 minor units, so the conversion is exact.
    minor as f64 / 10f64.powi(minor_digits(currency) as i32)
}

/// An amount in minor units as money in the viewer's locale ("€123.45", "123,45 zł").
#[cfg(target_arch = "wasm32")]
pub fn money(i18n: I18n, minor: i64, currency: &str) -> String {
    use wasm_bindgen::JsValue;
    let digits = f64::from(minor_digits(currency));
    let options = js_sys::Object::new();
    for (name, value) in [
        ("style", JsValue::from_str("currency")),
        ("currency", JsValue::from_str(currency)),
        ("minimumFractionDigits", JsValue::from_f64(digits)),
        ("maximumFractionDigits", JsValue::from_f64(digits)),
    ] {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &name.into(), &value);
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(i18n.locale()));
    let amount = major_units(minor, currency);
    // An unknown currency code throws a RangeError: build it through Reflect so that
    // comes back as an error, and fall back to "123.45 XXX".
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok();
    let formatted = intl.and_then(|intl| {
        let constructor: js_sys::Function = wasm_bindgen::JsCast::dyn_into(
            js_sys::Reflect::get(&intl, &"NumberFormat".into()).ok()?,
        )
        .ok()?;
        let formatter =
            js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&locales, &options))
                .ok()?;
        let format: js_sys::Function = wasm_bindgen::JsCast::dyn_into(
            js_sys::Reflect::get(&formatter, &"format".into()).ok()?,
        )
        .ok()?;
        format
            .call1(&formatter, &JsValue::from_f64(amount))
            .ok()?
            .as_string()
    });
    formatted.unwrap_or_else(|| plain_money(minor, currency))
}

/// Native builds (tests) have no `Intl`: "123.45 EUR".
#[cfg(not(target_arch = "wasm32"))]
pub fn money(_i18n: I18n, minor: i64, currency: &str) -> String {
    plain_money(minor, currency)
}

/// "123.45 EUR", without a locale.
pub fn plain_money(minor: i64, currency: &str) -> String {
    let digits = minor_digits(currency) as usize;
    format!("{:.*} {currency}", digits, major_units(minor, currency))
}

/// A tax rate in basis points as a percentage: 2300 → "23", 850 → "8.5".
pub fn percent(bp: u32) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => whole.to_string(),
        frac if frac % 10 == 0 => format!("{whole}.{}", frac / 10),
        frac => format!("{whole}.{frac:02}"),
    }
}

/// Where the quote stands, in words.
fn status_line(i18n: I18n, quote: &Quote) -> String {
    let on = |key: &str| {
        quote
            .decided_at
            .map(|at| i18n.t_with(key, &[("date", &day(i18n, at))]))
            .unwrap_or_else(|| i18n.t(key))
    };
    match quote.status {
        QuoteStatus::Pending => i18n.t("claim.quote.pending"),
        QuoteStatus::Accepted => on("claim.quote.accepted_on"),
        QuoteStatus::Declined => on("claim.quote.declined_on"),
        QuoteStatus::Withdrawn => i18n.t("claim.quote.withdrawn"),
    }
}

/// One line of the table.
#[component]
fn Line(line: QuoteLine, currency: String) -> impl IntoView {
    let i18n = use_i18n();
    let QuoteLine {
        description,
        quantity,
        unit_price_minor,
    } = line;
    let amount = unit_price_minor.saturating_mul(i64::from(quantity));
    let c = currency.clone();
    view! {
        <tr>
            <th scope="row" class="quote__description">{description}</th>
            <td class="quote__number">{quantity}</td>
            <td class="quote__number">{move || money(i18n, unit_price_minor, &c)}</td>
            <td class="quote__number">{move || money(i18n, amount, &currency)}</td>
        </tr>
    }
}

/// The quote (display only).
#[component]
pub fn QuoteView(
    /// The quote to show.
    quote: Quote,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = StoredValue::new(quote.clone());
    let Quote {
        lines,
        tax_rate_bp,
        currency,
        totals,
        note,
        sent_at,
        status,
        ..
    } = quote;
    let rows = lines
        .into_iter()
        .map(|line| view! { <Line line currency=currency.clone() /> })
        .collect_view();
    let sum = move |minor: i64| {
        let currency = currency.clone();
        move || money(i18n, minor, &currency)
    };
    let tax_label = move || i18n.t_with("claim.quote.tax", &[("rate", &percent(tax_rate_bp))]);
    let sent = move || i18n.t_with("claim.quote.sent_on", &[("date", &day(i18n, sent_at))]);
    let status_class = match status {
        QuoteStatus::Pending => "tag tag--yellow",
        QuoteStatus::Accepted => "tag tag--green",
        QuoteStatus::Declined | QuoteStatus::Withdrawn => "tag tag--grey",
    };
    let note = note.trim().to_owned();
    view! {
        <div class="quote" data-quote-status=format!("{status:?}").to_lowercase()>
            <p class="quote__status">
                <strong class=status_class>{move || q.with_value(|q| status_line(i18n, q))}</strong>
                " "
                <span class="quote__sent">{sent}</span>
            </p>
            {(!note.is_empty()).then(|| view! { <p class="quote__note">{note}</p> })}
            <div class="quote__scroll">
                <table class="quote__table">
                    <caption class="visually-hidden">{tr("claim.quote.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("claim.quote.item")}</th>
                            <th scope="col" class="quote__number">{tr("claim.quote.quantity")}</th>
                            <th scope="col" class="quote__number">{tr("claim.quote.unit_price")}</th>
                            <th scope="col" class="quote__number">{tr("claim.quote.amount")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="3">{tr("claim.quote.subtotal")}</th>
                            <td class="quote__number">{sum(totals.subtotal_minor)}</td>
                        </tr>
                        <tr>
                            <th scope="row" colspan="3">{tax_label}</th>
                            <td class="quote__number">{sum(totals.tax_minor)}</td>
                        </tr>
                        <tr class="quote__total">
                            <th scope="row" colspan="3">{tr("claim.quote.total")}</th>
                            <td class="quote__number" data-total-minor=totals.total_minor>{sum(totals.total_minor)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_the_currency_s_own_decimals() {
        assert_eq!(plain_money(52_889, "EUR"), "528.89 EUR");
        assert_eq!(plain_money(1_500_000, "VND"), "1500000 VND");
        assert_eq!(percent(2300), "23");
        assert_eq!(percent(850), "8.5");
        assert_eq!(percent(725), "7.25");
    }
}
