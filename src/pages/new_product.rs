//! `/products/new`: register a product.

use leptos::prelude::*;

use crate::components::common::PageHeading;
use crate::components::layout::SignedIn;
use crate::components::products::RegisterForm;
use crate::routes::Page;
use crate::state::i18n::tr;

/// The registration page.
#[component]
pub fn NewProductPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="narrow">
                <a href=Page::Products.path() class="back-link">
                    {tr("common.back")}
                </a>
                <PageHeading text=tr("register.title") />
                <p class="lead">{tr("register.lead")}</p>
                <RegisterForm />
            </div>
        </SignedIn>
    }
}
