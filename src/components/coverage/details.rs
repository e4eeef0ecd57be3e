//! A product's coverage as a GOV.UK summary list: every date it has, labelled.

use aftercare_core::coverage::CoverageSummary;
use aftercare_core::NaiveDate;
use leptos::prelude::*;

use crate::state::i18n::{tr, use_i18n};

/// One `dt`/`dd` row whose value is a date (ISO kept in `data-iso` for tests).
#[component]
fn DateRow(label: &'static str, date: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{tr(label)}</dt>
            <dd class="summary-list__value" data-iso=date.to_string()>
                {move || i18n.date(date)}
            </dd>
        </div>
    }
}

/// Start, end, days left, parts and labour ends, and any registration bonus.
#[component]
pub fn CoverageDetails(
    /// The product's coverage today.
    summary: CoverageSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    let bonus = summary.bonus_months;
    view! {
        <dl class="summary-list">
            <DateRow label="coverage.start" date=summary.start />
            <DateRow label="coverage.end" date=summary.end />
            <div class="summary-list__row">
                <dt class="summary-list__key">{tr("coverage.days_left_label")}</dt>
                <dd class="summary-list__value" data-days-left=summary.days_left.to_string()>
                    {summary.days_left}
                </dd>
            </div>
            <DateRow label="coverage.parts_end" date=summary.parts_end />
            <DateRow label="coverage.labour_end" date=summary.labour_end />
            {(bonus > 0)
                .then(|| {
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{tr("coverage.bonus")}</dt>
                            <dd class="summary-list__value">
                                {move || i18n.count("coverage.bonus_months", i64::from(bonus))}
                            </dd>
                        </div>
                    }
                })}
        </dl>
    }
}
