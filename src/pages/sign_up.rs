//! `/signup`.

use leptos::prelude::*;

use crate::components::auth::SignUpForm;
use crate::components::common::PageHeading;
use crate::components::layout::SignedOut;
use crate::routes::Page;
use crate::state::i18n::tr;

/// The create-account page.
#[component]
pub fn SignUpPage() -> impl IntoView {
    view! {
        <SignedOut>
            <div class="narrow">
                <PageHeading text=tr("auth.sign_up_title") />
                <SignUpForm />
                <p>
                    {tr("auth.have_account")} " "
                    <a href=Page::SignIn.path()>{tr("auth.sign_in_link")}</a>
                </p>
            </div>
        </SignedOut>
    }
}
