//! Registering a product: model from the catalogue, serial in the model's format,
//! purchase date, retailer, country and an optional nickname, with a live coverage
//! preview. Checked in the browser by core's rules, then by the server.

use aftercare_core::api::{ProductModel, RegisterProductRequest, COUNTRIES};
use aftercare_core::validate;
use chrono::Datelike;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{display_name, CatalogSearch, LabelScanner};
use crate::api;
use crate::components::common::{ErrorSummary, SelectField, TextField};
use crate::components::coverage::CoveragePreview;
use crate::dates;
use crate::forms::{optional, Sender};
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n, I18n};

/// Field ids are `register-<request field>`, so server errors find their field.
const PREFIX: &str = "register-";

/// The countries, sorted by their name in the current language.
fn country_options(i18n: I18n) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = COUNTRIES
        .iter()
        .map(|(code, _)| ((*code).to_owned(), i18n.country(code)))
        .collect();
    options.sort_by(|a, b| a.1.cmp(&b.1));
    options
}

/// What the registration form holds while the customer fills it in.
#[derive(Clone, Copy)]
struct Draft {
    model: RwSignal<Option<ProductModel>>,
    serial: RwSignal<String>,
    purchase_date: RwSignal<String>,
    retailer: RwSignal<String>,
    country: RwSignal<String>,
    nickname: RwSignal<String>,
}

impl Draft {
    fn new() -> Self {
        Self {
            model: RwSignal::new(None),
            serial: RwSignal::new(String::new()),
            purchase_date: RwSignal::new(String::new()),
            retailer: RwSignal::new(String::new()),
            country: RwSignal::new(String::new()),
            nickname: RwSignal::new(String::new()),
        }
    }

    fn request(self) -> RegisterProductRequest {
        RegisterProductRequest {
            model_id: self
                .model
                .with_untracked(|m| m.as_ref().map_or(0, |m| m.id)),
            serial: self.serial.get_untracked(),
            purchase_date: self.purchase_date.get_untracked(),
            retailer: self.retailer.get_untracked(),
            country: self.country.get_untracked(),
            nickname: optional(&self.nickname.get_untracked()),
        }
    }
}

/// The registration form; on success the customer lands on the new product's page.
#[component]
pub fn RegisterForm() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let navigate = use_navigate();
    let draft = Draft::new();
    let form = Sender::new();
    let errors = form.errors;
    // One key per form: a retry after a lost answer cannot register the unit twice.
    let idempotency_key = StoredValue::new(api::new_idempotency_key());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = draft.request();
        let model = draft.model.get_untracked();
        let checked = validate::registration(
            &request,
            model.as_ref(),
            dates::market_today(&request.country),
        )
        .map(|_| request);
        let navigate = navigate.clone();
        form.send(
            checked,
            move |request| async move {
                api::register_product(&request, &idempotency_key.get_value()).await
            },
            move |product| {
                flash.show(i18n.t_with("register.done", &[("name", &display_name(&product))]));
                navigate(
                    &Page::Product(product.id).path(),
                    NavigateOptions::default(),
                );
            },
        );
    };

    let serial_hint = move || {
        draft.model.with(|m| match m {
            Some(m) => i18n.t_with(
                "register.serial_hint_example",
                &[("example", &m.serial_example)],
            ),
            None => i18n.t("register.serial_hint"),
        })
    };
    let today = dates::today();
    let date_hint = move || {
        let example = today
            .with_day(27)
            .and_then(|d| d.with_month(3))
            .and_then(|d| d.with_year(d.year() - 1))
            .unwrap_or(today);
        i18n.t_with(
            "register.purchase_date_hint",
            &[("example", &dates::format_like_date_input(example))],
        )
    };
    let max = move || dates::market_today(&draft.country.get()).to_string();
    let release = move || {
        draft.model.with(|m| {
            m.as_ref()
                .map(|m| m.release_date.to_string())
                .unwrap_or_default()
        })
    };

    view! {
        <ErrorSummary errors id_prefix=PREFIX />
        <form novalidate on:submit=submit class="form">
            <LabelScanner model=draft.model serial=draft.serial next="register-purchase_date" />
            <CatalogSearch
                id="register-model_id"
                selected=draft.model
                error=errors.message("model_id")
                next="register-serial"
            />
            <TextField
                id="register-serial"
                label=tr("register.serial")
                hint=serial_hint
                value=draft.serial
                error=errors.message("serial")
                class="input--wide"
                autocomplete="off"
            />
            <TextField
                id="register-purchase_date"
                label=tr("register.purchase_date")
                hint=date_hint
                value=draft.purchase_date
                error=errors.message("purchase_date")
                input_type="date"
                class="input--date"
                max=max
                min=release
            />
            <CoveragePreview model=draft.model purchase_date=draft.purchase_date country=draft.country />
            <TextField
                id="register-retailer"
                label=tr("register.retailer")
                hint=tr("register.retailer_hint")
                value=draft.retailer
                error=errors.message("retailer")
                autocomplete="organization"
            />
            <SelectField
                id="register-country"
                label=tr("register.country")
                value=draft.country
                options=Signal::derive(move || country_options(i18n))
                error=errors.message("country")
                placeholder=tr("register.country_placeholder")
            />
            <TextField
                id="register-nickname"
                label=tr("register.nickname")
                hint=tr("register.nickname_hint")
                value=draft.nickname
                error=errors.message("nickname")
                autocomplete="off"
            />
            <button type="submit" class="button" disabled=move || form.pending()>
                {tr("register.submit")}
            </button>
        </form>
    }
}
