//! `/help`: "Self-help first". Search the help articles, or browse them by kind and
//! product type. Open to everyone: help matters most before anyone has an account.

use leptos::prelude::*;

use crate::components::common::PageHeading;
use crate::components::help::HelpSearch;
use crate::state::i18n::tr;

/// The help page.
#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <PageHeading text=tr("help.title") />
        <p class="lead">{tr("help.lead")}</p>
        <HelpSearch />
    }
}
