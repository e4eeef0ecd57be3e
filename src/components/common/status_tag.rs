//! A coverage status as a tag: a word and a colour, never the colour alone.

use aftercare_core::coverage::CoverageStatus;
use leptos::prelude::*;

use crate::state::i18n::tr;

/// The translation key and the colour class of a status.
pub fn status_parts(status: CoverageStatus) -> (&'static str, &'static str) {
    match status {
        CoverageStatus::Active => ("coverage.status.active", "tag--green"),
        CoverageStatus::EndsSoon => ("coverage.status.ends_soon", "tag--yellow"),
        CoverageStatus::Expired => ("coverage.status.expired", "tag--grey"),
    }
}

/// "Active", "Ends soon" or "Expired", coloured.
#[component]
pub fn CoverageTag(
    /// Where the coverage stands.
    status: CoverageStatus,
) -> impl IntoView {
    let (key, colour) = status_parts(status);
    view! { <strong class=format!("tag {colour}")>{tr(key)}</strong> }
}
