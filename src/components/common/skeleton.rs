//! The shape of content that is still loading, so a page is never blank.

use leptos::prelude::*;

use crate::state::i18n::tr;

/// Grey placeholder blocks with a "Loading…" announcement for screen readers.
#[component]
pub fn Skeleton(
    /// How many placeholder blocks to draw.
    #[prop(default = 3)]
    blocks: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">
                {tr("common.loading")}
            </p>
            {(0..blocks)
                .map(|_| view! { <div class="skeleton__block" aria-hidden="true"></div> })
                .collect_view()}
        </div>
    }
}
