//! "Send a quote": priced lines (description, quantity, unit price typed as money), a tax
//! rate and a currency, with the subtotal, tax and total worked out by core's
//! `quote_totals` as the agent types, and core's `validate_quote` before sending.

use aftercare_core::claims::{
    quote_totals, validate_quote, NewQuoteRequest, QuoteLine, CURRENCIES,
};
use aftercare_core::problem::FieldError;
use leptos::prelude::*;

use super::Done;
use crate::api;
use crate::components::claims::quote_card::{minor_digits, money};
use crate::components::common::{focus_by_id, ErrorSummary, FieldNotes, SelectField, TextField};
use crate::forms::{FormErrors, Sender};
use crate::state::i18n::{tr, use_i18n};

/// Most lines a quote may have (core's rule).
const MAX_LINES: usize = 20;

/// An amount typed in major units ("12.50", "12,5", "1 200") as minor units for
/// `currency`; `None` when it is not a number, is negative or has more decimals than the
/// currency has.
pub fn parse_money(text: &str, currency: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let digits = minor_digits(currency) as usize;
    let (whole, fraction) = match cleaned.find(['.', ',']) {
        Some(at) => (&cleaned[..at], &cleaned[at + 1..]),
        None => (cleaned.as_str(), ""),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !all_digits(whole) || !all_digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    // "12.50" in a currency without minor units is fine; "12.5" is not.
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > digits {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let scale = 10i64.checked_pow(u32::try_from(digits).ok()?)?;
    let padded = format!("{fraction:0<digits$}");
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().ok()?
    };
    whole.checked_mul(scale)?.checked_add(fraction)
}

/// A tax rate typed as a percentage ("23", "8.5", "8,5") in basis points.
pub fn parse_percent(text: &str) -> Option<u32> {
    let text = text.trim().trim_end_matches('%').trim();
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let fraction = fraction.trim_end_matches('0');
    if whole.is_empty()
        || fraction.len() > 2
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<2}").parse().ok()?
    };
    whole.checked_mul(100)?.checked_add(fraction)
}

/// What one line's fields hold, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedLine {
    /// What.
    pub description: String,
    /// How many.
    pub quantity: String,
    /// Price of one, in major units.
    pub unit_price: String,
}

/// The request for what was typed, or every problem found: the typing first (numbers
/// that are not numbers), then core's rules.
pub fn quote_request(
    lines: &[TypedLine],
    tax_rate: &str,
    currency: &str,
    note: &str,
) -> Result<NewQuoteRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let quantity = line.quantity.trim().parse::<u32>().unwrap_or_else(|_| {
            errors.push(FieldError::new(
                &format!("lines.{i}.quantity"),
                "error.quote_line_quantity",
                "Enter a quantity from 1 to 999",
            ));
            1
        });
        let unit_price_minor = parse_money(&line.unit_price, currency).unwrap_or_else(|| {
            errors.push(FieldError::new(
                &format!("lines.{i}.unit_price"),
                "error.quote_price_format",
                "Enter the price of one as money, like 12.50",
            ));
            0
        });
        parsed.push(QuoteLine {
            description: line.description.trim().to_owned(),
            quantity,
            unit_price_minor,
        });
    }
    let tax_rate_bp = parse_percent(tax_rate).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "tax_rate",
            "error.quote_tax_rate",
            "Enter a tax rate from 0 to 50 %",
        ));
        0
    });
    let request = NewQuoteRequest {
        lines: parsed,
        tax_rate_bp,
        currency: currency.to_owned(),
        note: note.trim().to_owned(),
    };
    if let Err(found) = validate_quote(&request) {
        for error in found.into_iter() {
            if !errors.iter().any(|e: &FieldError| e.field == error.field) {
                errors.push(error);
            }
        }
    }
    if errors.is_empty() {
        Ok(request)
    } else {
        // The summary lists them in the order of the form.
        errors.sort_by_key(|e| field_rank(&e.field));
        Err(errors)
    }
}

/// Where a field comes in the form, top to bottom.
fn field_rank(field: &str) -> (usize, usize, usize) {
    let mut parts = field.split('.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("currency"), _, _) => (0, 0, 0),
        (Some("lines"), None, _) => (1, 0, 0),
        (Some("lines"), Some(i), Some(name)) => {
            let column = match name {
                "description" => 0,
                "quantity" => 1,
                _ => 2,
            };
            (2, i.parse().unwrap_or(0), column)
        }
        (Some("tax_rate"), _, _) => (3, 0, 0),
        _ => (4, 0, 0),
    }
}

/// The sums of what was typed so far (lines that do not parse count as nothing).
fn live_lines(lines: &[TypedLine], currency: &str) -> Vec<QuoteLine> {
    lines
        .iter()
        .map(|l| QuoteLine {
            description: String::new(),
            quantity: l.quantity.trim().parse().unwrap_or(0),
            unit_price_minor: parse_money(&l.unit_price, currency).unwrap_or(0),
        })
        .collect()
}

/// One line's fields, as signals.
#[derive(Debug, Clone, Copy)]
struct LineFields {
    key: u32,
    description: RwSignal<String>,
    quantity: RwSignal<String>,
    unit_price: RwSignal<String>,
}

impl LineFields {
    fn new(key: u32) -> Self {
        Self {
            key,
            description: RwSignal::new(String::new()),
            quantity: RwSignal::new("1".to_owned()),
            unit_price: RwSignal::new(String::new()),
        }
    }

    fn typed(self) -> TypedLine {
        TypedLine {
            description: self.description.get(),
            quantity: self.quantity.get(),
            unit_price: self.unit_price.get(),
        }
    }
}

/// The error on a field named at run time (`lines.2.quantity`).
fn message_for(errors: FormErrors, field: Signal<String>) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let field = field.get();
        errors
            .all()
            .iter()
            .find(|e| e.field == field)
            .map(|e| i18n.field_error(e))
    })
}

/// A labelled input of a quote line (ids change as lines are removed).
#[component]
fn LineInput(
    #[prop(into)] id: Signal<String>,
    label: &'static str,
    #[prop(into)] extra: Signal<String>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "")] class: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
) -> impl IntoView {
    let error_prefix = tr("form.error_prefix");
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class=format!("form-group quote-line__field {class}") class:form-group--error=has_error>
            <label class="label" for=id>
                {tr(label)}
                <span class="visually-hidden">{extra}</span>
            </label>
            {move || error.get().map(|m| view! {
                <p id=format!("{}-error", id.get()) class="error-message">
                    <span class="visually-hidden">{error_prefix}</span>
                    {m}
                </p>
            })}
            <input
                id=id
                type="text"
                inputmode=inputmode
                class="input"
                class:input--error=has_error
                aria-describedby=move || has_error().then(|| format!("{}-error", id.get()))
                aria-invalid=move || has_error().then_some("true")
                bind:value=value
            />
        </div>
    }
}

/// The quote form of a claim in review.
#[component]
pub fn QuoteForm(
    /// The claim.
    claim_id: i64,
    /// Told once the quote is sent.
    on_done: Callback<Done>,
) -> impl IntoView {
    let i18n = use_i18n();
    let next_key = StoredValue::new(1u32);
    let lines = RwSignal::new(vec![LineFields::new(0)]);
    let tax_rate = RwSignal::new(String::new());
    let currency = RwSignal::new(CURRENCIES[0].to_owned());
    let note = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;
    let typed = move || lines.with(|l| l.iter().map(|f| f.typed()).collect::<Vec<_>>());
    let totals = Memo::new(move |_| {
        let currency = currency.get();
        let bp = parse_percent(&tax_rate.get()).unwrap_or(0);
        quote_totals(&live_lines(&typed(), &currency), bp)
    });
    let shown = move |minor: i64| money(i18n, minor, &currency.get());
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let count = lines.with_untracked(Vec::len);
        lines.update(|l| l.push(LineFields::new(key)));
        request_animation_frame(move || focus_by_id(&format!("quote-lines.{count}.description")));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = quote_request(
            &lines.with_untracked(|l| {
                l.iter()
                    .map(|f| TypedLine {
                        description: f.description.get_untracked(),
                        quantity: f.quantity.get_untracked(),
                        unit_price: f.unit_price.get_untracked(),
                    })
                    .collect::<Vec<_>>()
            }),
            &tax_rate.get_untracked(),
            &currency.get_untracked(),
            &note.get_untracked(),
        );
        form.send(
            checked,
            move |request| async move { api::send_claim_quote(claim_id, &request).await },
            move |_| on_done.run(Done::QuoteSent),
        );
    };
    let currency_options = CURRENCIES
        .iter()
        .map(|c| ((*c).to_owned(), (*c).to_owned()))
        .collect::<Vec<_>>();
    let line_view = move |fields: LineFields| {
        let index = Memo::new(move |_| {
            lines.with(|l| l.iter().position(|f| f.key == fields.key).unwrap_or(0))
        });
        let field = move |name: &'static str| {
            Signal::derive(move || format!("lines.{}.{name}", index.get()))
        };
        let id = move |name: &'static str| {
            Signal::derive(move || format!("quote-lines.{}.{name}", index.get()))
        };
        let extra = Signal::derive(move || {
            i18n.t_with(
                "agent_claim.quote_line_n",
                &[("n", &(index.get() + 1).to_string())],
            )
        });
        let remove = move |_| {
            let at = index.get_untracked();
            lines.update(|l| l.retain(|f| f.key != fields.key));
            errors.clear();
            let focus = at.saturating_sub(1);
            request_animation_frame(move || {
                focus_by_id(&format!("quote-lines.{focus}.description"))
            });
        };
        let amount = move || {
            let currency = currency.get();
            let line = live_lines(&[fields.typed()], &currency);
            money(i18n, quote_totals(&line, 0).subtotal_minor, &currency)
        };
        let price_extra = Signal::derive(move || format!("{} ({})", extra.get(), currency.get()));
        view! {
            <li class="quote-line">
                <fieldset class="fieldset quote-line__set">
                    <legend class="heading-s">{move || i18n.t_with("agent_claim.quote_line_title", &[("n", &(index.get() + 1).to_string())])}</legend>
                    <div class="quote-line__fields">
                        <LineInput id=id("description") label="agent_claim.quote_description" extra
                            value=fields.description error=message_for(errors, field("description"))
                            class="quote-line__description" />
                        <LineInput id=id("quantity") label="agent_claim.quote_quantity" extra
                            value=fields.quantity error=message_for(errors, field("quantity"))
                            class="quote-line__quantity" inputmode="numeric" />
                        <LineInput id=id("unit_price") label="agent_claim.quote_unit_price" extra=price_extra
                            value=fields.unit_price error=message_for(errors, field("unit_price"))
                            class="quote-line__price" inputmode="decimal" />
                    </div>
                    <p class="quote-line__amount">
                        {tr("agent_claim.quote_line_amount")} " " <strong>{amount}</strong>
                    </p>
                    {move || (lines.with(Vec::len) > 1).then(|| view! {
                        <button type="button" class="link-button" on:click=remove>
                            {tr("agent_claim.quote_remove")}
                            <span class="visually-hidden">
                                " "
                                {move || i18n.t_with("agent_claim.quote_line_lower", &[("n", &(index.get() + 1).to_string())])}
                            </span>
                        </button>
                    })}
                </fieldset>
            </li>
        }
    };
    view! {
        <form class="quote-form" on:submit=submit novalidate aria-labelledby="quote-heading">
            <ErrorSummary errors id_prefix="quote-" />
            <p class="hint">{tr("agent_claim.quote_hint")}</p>
            <SelectField
                id="quote-currency"
                label=tr("agent_claim.quote_currency")
                value=currency
                options=currency_options
                error=errors.message("currency")
            />
            <div id="quote-lines" tabindex="-1" class="form-group" class:form-group--error=move || errors.message("lines").with(Option::is_some)>
                <FieldNotes id="quote-lines-notes" hint=None error=errors.message("lines") />
                <ol class="quote-lines">
                    <For each=move || lines.get() key=|f| f.key let:fields>
                        {line_view(fields)}
                    </For>
                </ol>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=add
                    disabled=move || { lines.with(Vec::len) >= MAX_LINES }
                >
                    {tr("agent_claim.quote_add")}
                </button>
            </div>
            <TextField
                id="quote-tax_rate"
                label=tr("agent_claim.quote_tax_rate")
                hint=tr("agent_claim.quote_tax_rate_hint")
                value=tax_rate
                error=errors.message("tax_rate")
                class="input--short"
            />
            <dl class="summary-list quote-totals" aria-live="polite">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("agent_claim.quote_subtotal")}</dt>
                    <dd class="summary-list__value quote__number" data-minor=move || totals.get().subtotal_minor>
                        {move || shown(totals.get().subtotal_minor)}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("agent_claim.quote_tax")}</dt>
                    <dd class="summary-list__value quote__number" data-minor=move || totals.get().tax_minor>
                        {move || shown(totals.get().tax_minor)}
                    </dd>
                </div>
                <div class="summary-list__row quote-totals__total">
                    <dt class="summary-list__key">{tr("agent_claim.quote_total")}</dt>
                    <dd class="summary-list__value quote__number" data-minor=move || totals.get().total_minor>
                        {move || shown(totals.get().total_minor)}
                    </dd>
                </div>
            </dl>
            <div class="form-group">
                <label class="label" for="quote-note">{tr("agent_claim.quote_note")}</label>
                <div id="quote-note-hint" class="hint">{tr("agent_claim.quote_note_hint")}</div>
                <textarea
                    id="quote-note"
                    class="textarea"
                    rows="3"
                    maxlength="4000"
                    aria-describedby="quote-note-hint"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="button" disabled=move || form.pending()>
                {tr("agent_claim.quote_submit")}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_typed_in_major_units_and_sent_in_minor_ones() {
        assert_eq!(parse_money("12.50", "EUR"), Some(1250));
        assert_eq!(parse_money("12,5", "PLN"), Some(1250));
        assert_eq!(parse_money(" 1 200 ", "EUR"), Some(120_000));
        assert_eq!(parse_money("0", "EUR"), Some(0));
        assert_eq!(parse_money("150000", "VND"), Some(150_000));
        assert_eq!(parse_money("150000.00", "ISK"), Some(150_000));
        assert_eq!(parse_money("12.5", "ISK"), None);
        assert_eq!(parse_money("12.505", "EUR"), None);
        assert_eq!(parse_money("-3", "EUR"), None);
        assert_eq!(parse_money("abc", "EUR"), None);
        assert_eq!(parse_money("", "EUR"), None);
    }

    #[test]
    fn a_tax_rate_is_a_percentage_with_at_most_two_decimals() {
        assert_eq!(parse_percent("23"), Some(2300));
        assert_eq!(parse_percent("8,5 %"), Some(850));
        assert_eq!(parse_percent("7.25"), Some(725));
        assert_eq!(parse_percent(""), None);
        assert_eq!(parse_percent("7.125"), None);
    }

    #[test]
    fn a_quote_is_checked_line_by_line_with_core_s_rules() {
        let line = |d: &str, q: &str, p: &str| TypedLine {
            description: d.into(),
            quantity: q.into(),
            unit_price: p.into(),
        };
        let sent =
            quote_request(&[line(" Pump ", "2", "19.99")], "23", "EUR", "").expect("a valid quote");
        assert_eq!(sent.lines[0].unit_price_minor, 1999);
        assert_eq!(sent.lines[0].description, "Pump");
        assert_eq!(sent.tax_rate_bp, 2300);
        let refused = quote_request(
            &[line("Pump", "two", "19.99"), line("", "1", "x")],
            "60",
            "EUR",
            "",
        )
        .expect_err("refused");
        let fields: Vec<&str> = refused.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"lines.0.quantity"), "{fields:?}");
        assert!(fields.contains(&"lines.1.unit_price"), "{fields:?}");
        assert!(fields.contains(&"lines.1.description"), "{fields:?}");
        assert!(fields.contains(&"tax_rate"), "{fields:?}");
        assert_eq!(fields.last(), Some(&"tax_rate"), "in the form's order");
        let description = fields.iter().position(|f| *f == "lines.1.description");
        let price = fields.iter().position(|f| *f == "lines.1.unit_price");
        assert!(description < price, "{fields:?}");
    }
}
