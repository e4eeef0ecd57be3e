//! One glance: the status tag and "Covered until 16 Aug 2028 · 630 days left".

use aftercare_core::coverage::{CoverageStatus, CoverageSummary};
use leptos::prelude::*;

use crate::components::common::CoverageTag;
use crate::state::i18n::{use_i18n, I18n};

/// The sentence beside the tag: until when, and how many days are left.
pub fn coverage_line(i18n: I18n, summary: &CoverageSummary) -> String {
    let end = i18n.date(summary.end);
    match summary.status {
        CoverageStatus::Expired => i18n.t_with("coverage.ended_on", &[("date", &end)]),
        _ => i18n.t_with(
            "coverage.until_line",
            &[
                ("date", &end),
                ("days", &i18n.count("coverage.days_left", summary.days_left)),
            ],
        ),
    }
}

/// A product card's coverage line.
#[component]
pub fn CoverageBadge(
    /// The product's coverage today.
    summary: CoverageSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="coverage-badge" data-coverage-end=summary.end.to_string()>
            <CoverageTag status=summary.status />
            <span class="coverage-badge__line">{move || coverage_line(i18n, &summary)}</span>
        </p>
    }
}
