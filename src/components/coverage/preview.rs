//! The coverage a registration will get, computed in the browser by the same engine the
//! server uses (the policy of the chosen country, no proof of purchase yet), shown as soon
//! as a model and a valid purchase date are known, and updated as they or the country
//! change.

use aftercare_core::api::ProductModel;
use aftercare_core::validate::parse_date;
use aftercare_core::warranty::{evaluate, policy_for_country, Coverage, CoverageInput};
use leptos::prelude::*;

use crate::components::common::CoverageTag;
use crate::components::coverage::badge::coverage_line;
use crate::components::coverage::remedies::remedy_title_key;
use crate::dates;
use crate::state::i18n::{tr, use_i18n};

/// What the engine says for a unit of `model` bought on `typed` in `country`, registered
/// today without proof; `None` until the date makes sense (not in the future, not before
/// the model's release).
pub fn preview(model: &ProductModel, typed: &str, country: &str) -> Option<Coverage> {
    let date = parse_date(typed)?;
    let today = dates::market_today(country);
    if date > today || date < model.release_date {
        return None;
    }
    let mut input = CoverageInput::new(model.warranty, date, today);
    input.country = country.to_owned();
    input.proof_of_purchase = false;
    Some(evaluate(&input, policy_for_country(country), today))
}

/// "Covered until …, N days left", the remedies open today, and whose terms these are.
#[component]
pub fn CoveragePreview(
    /// The chosen model, if any.
    #[prop(into)]
    model: Signal<Option<ProductModel>>,
    /// The purchase date as typed (`YYYY-MM-DD`).
    #[prop(into)]
    purchase_date: Signal<String>,
    /// The country of purchase (ISO code; empty picks the default policy).
    #[prop(into)]
    country: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let coverage = Memo::new(move |_| {
        let model = model.get()?;
        country.with(|c| purchase_date.with(|d| preview(&model, d, c)))
    });
    view! {
        <div class="coverage-preview" aria-live="polite">
            {move || {
                coverage
                    .get()
                    .map(|c| {
                        let s = c.summary();
                        let bonus = (s.bonus_months > 0)
                            .then(|| {
                                view! {
                                    <p class="coverage-preview__bonus">
                                        {move || {
                                            i18n.count(
                                                "coverage.preview_bonus",
                                                i64::from(s.bonus_months),
                                            )
                                        }}
                                    </p>
                                }
                            });
                        let mut kinds: Vec<_> = c.remedies.iter().map(|r| r.kind).collect();
                        kinds.dedup();
                        view! {
                            <h2 class="heading-s">{tr("coverage.preview_title")}</h2>
                            <p class="coverage-badge" data-coverage-end=s.end.to_string()>
                                <CoverageTag status=s.status />
                                <span class="coverage-badge__line">{move || coverage_line(i18n, &s)}</span>
                            </p>
                            {bonus}
                            <p class="coverage-preview__remedies-title">{tr("coverage.preview_remedies")}</p>
                            <ul class="bullets coverage-preview__remedies">
                                {kinds
                                    .into_iter()
                                    .map(|k| view! { <li>{tr(remedy_title_key(k))}</li> })
                                    .collect_view()}
                            </ul>
                            <p class="note">{tr("coverage.terms_note")}</p>
                        }
                    })
            }}
        </div>
    }
}
