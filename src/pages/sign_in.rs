//! `/signin`.

use leptos::prelude::*;

use crate::components::auth::{PasskeySignIn, SignInForm};
use crate::components::common::{FlashBanner, PageHeading};
use crate::components::layout::SignedOut;
use crate::routes::Page;
use crate::state::i18n::tr;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <SignedOut>
            <div class="narrow">
                <FlashBanner />
                <PageHeading text=tr("auth.sign_in_title") />
                <SignInForm />
                <p>
                    <a href=Page::ForgotPassword.path()>{tr("auth.forgot_link")}</a>
                </p>
                <PasskeySignIn />
                <p>
                    {tr("auth.no_account")} " "
                    <a href=Page::SignUp.path()>{tr("auth.create_account_link")}</a>
                </p>
            </div>
        </SignedOut>
    }
}
