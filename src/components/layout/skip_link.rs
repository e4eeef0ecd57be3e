//! "Skip to main content", the first thing a keyboard reaches.

use leptos::prelude::*;

use crate::components::common::focus_by_id;
use crate::state::i18n::tr;

/// The skip link; focuses `<main>` without going through the router.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            href="#main"
            class="skip-link"
            on:click=|ev| {
                ev.prevent_default();
                focus_by_id("main");
            }
        >
            {tr("nav.skip")}
        </a>
    }
}
