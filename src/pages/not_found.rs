//! Any path the app does not know.

use leptos::prelude::*;

use crate::components::common::PageHeading;
use crate::routes::Page;
use crate::state::i18n::tr;

/// The page-not-found page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHeading text=tr("not_found.title") />
        <p>{tr("not_found.body")}</p>
        <p>
            <a href=Page::Home.path()>{tr("not_found.home")}</a>
        </p>
    }
}
