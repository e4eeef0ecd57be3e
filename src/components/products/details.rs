//! The product page's body: coverage first (the question people come with), then the
//! unit's details with the nickname's Change action, then removal.

use aftercare_core::api::RegisteredProduct;
use aftercare_core::warranty::Coverage;
use leptos::prelude::*;

use super::{model_name, RemoveProduct, RenameForm};
use crate::api;
use crate::components::common::{focus_by_id, CoverageTag};
use crate::components::coverage::live::{recompute, use_today};
use crate::components::coverage::{CoverageDetails, CoverageSections};
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// A `dt`/`dd` row with plain text.
#[component]
fn Row(label: &'static str, #[prop(into)] value: Signal<String>) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{tr(label)}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

/// The coverage section: status and dates, from the engine's answer for today once it is
/// loaded (the registration's summary until then, with whose terms these are).
#[component]
fn CoverageSection(
    product: RegisteredProduct,
    #[prop(into)] live: Signal<Option<Coverage>>,
) -> impl IntoView {
    let fallback = product.coverage;
    let summary = Memo::new(move |_| live.with(|c| c.as_ref().map_or(fallback, Coverage::summary)));
    view! {
        <section class="section" aria-labelledby="coverage-heading">
            <h2 id="coverage-heading" class="heading-m">
                {tr("product.coverage")}
            </h2>
            {move || {
                let summary = summary.get();
                view! {
                    <p>
                        <CoverageTag status=summary.status />
                    </p>
                    <CoverageDetails summary />
                }
            }}
            {move || {
                live.with(Option::is_none)
                    .then(|| view! { <p class="note">{tr("coverage.terms_note")}</p> })
            }}
        </section>
    }
}

/// Everything about one registered product.
#[component]
pub fn ProductDetails(
    /// The product as last loaded.
    product: RegisteredProduct,
    /// Receives the product after a rename.
    on_change: Callback<RegisteredProduct>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let editing = RwSignal::new(false);
    let p = product.clone();
    let id = product.id;
    let coverage =
        LocalResource::new(move || async move { session.watch(api::coverage(id).await) });
    let today = use_today(&product.country);
    let live = Memo::new(move |_| {
        coverage.with(|loaded| match loaded {
            Some(Ok(pc)) => Some(recompute(pc, today.get())),
            _ => None,
        })
    });
    let nickname = product.nickname.clone();
    let nickname_text = move || {
        nickname
            .clone()
            .unwrap_or_else(|| i18n.t("product.no_nickname"))
    };
    let purchase = product.purchase_date;
    let registered = product.registered_on;
    let country = product.country.clone();
    let current_nickname = product.nickname.clone().unwrap_or_default();
    let name = super::display_name(&product);
    let open_rename = move |_| {
        editing.set(true);
        request_animation_frame(|| focus_by_id("rename-nickname"));
    };
    view! {
        <CoverageSection product=p live />
        <CoverageSections id product_bought=purchase loaded=coverage live today />
        <section class="section" aria-labelledby="details-heading">
            <h2 id="details-heading" class="heading-m">
                {tr("product.details")}
            </h2>
            <dl class="summary-list">
                <Row label="product.model" value=model_name(&product.model) />
                <Row label="product.sku" value=product.model.sku.clone() />
                <Row label="product.serial" value=product.serial.clone() />
                <Row label="product.purchase_date" value=Signal::derive(move || i18n.date(purchase)) />
                <Row label="product.retailer" value=product.retailer.clone() />
                <Row label="product.country" value=Signal::derive(move || i18n.country(&country)) />
                <Row label="product.registered_on" value=Signal::derive(move || i18n.date(registered)) />
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("product.nickname")}</dt>
                    <dd class="summary-list__value">{nickname_text}</dd>
                    <dd class="summary-list__actions">
                        <button type="button" class="link-button" on:click=open_rename>
                            {tr("common.change")}
                            <span class="visually-hidden">{tr("product.nickname_lower")}</span>
                        </button>
                    </dd>
                </div>
            </dl>
            {move || {
                editing
                    .get()
                    .then(|| {
                        let current = current_nickname.clone();
                        view! {
                            <RenameForm
                                id
                                current
                                on_saved=on_change
                                on_cancel=Callback::new(move |()| editing.set(false))
                            />
                        }
                    })
            }}
        </section>
        <RemoveProduct id name />
    }
}
