//! The coverage a registration will get, computed in the browser by the same engine the
//! server uses, shown as soon as a model and a valid purchase date are known.

use aftercare_core::api::ProductModel;
use aftercare_core::coverage;
use aftercare_core::validate::parse_date;
use leptos::prelude::*;

use crate::components::common::CoverageTag;
use crate::components::coverage::badge::coverage_line;
use crate::dates;
use crate::state::i18n::{tr, use_i18n};

/// "Covered until …, N days left" for the chosen model and typed date; nothing until
/// both make sense (a date in the future or before the model's release shows nothing).
#[component]
pub fn CoveragePreview(
    /// The chosen model, if any.
    #[prop(into)]
    model: Signal<Option<ProductModel>>,
    /// The purchase date as typed (`YYYY-MM-DD`).
    #[prop(into)]
    purchase_date: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = Memo::new(move |_| {
        let model = model.get()?;
        let date = parse_date(&purchase_date.get())?;
        let today = dates::today();
        (date <= today && date >= model.release_date)
            .then(|| coverage::summarize(&model.warranty, date, today, today))
    });
    view! {
        <div class="coverage-preview" aria-live="polite">
            {move || {
                summary
                    .get()
                    .map(|s| {
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
                        view! {
                            <h2 class="heading-s">{tr("coverage.preview_title")}</h2>
                            <p class="coverage-badge">
                                <CoverageTag status=s.status />
                                <span class="coverage-badge__line">{move || coverage_line(i18n, &s)}</span>
                            </p>
                            {bonus}
                            <p class="note">{tr("coverage.terms_note")}</p>
                        }
                    })
            }}
        </div>
    }
}
