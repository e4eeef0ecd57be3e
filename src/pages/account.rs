//! `/account`: the name and language, the email address (confirmed or not, and changing
//! it), the password, passkeys, and installing the app.

use leptos::prelude::*;

use crate::components::account::{AccountForm, EmailSection, PasswordSection};
use crate::components::common::PageHeading;
use crate::components::layout::SignedIn;
use crate::components::offline::InstallOffer;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The form, filled in with the account as it is when the page opens (a component, so
/// later changes to the session do not re-create it and lose its confirmation).
#[component]
fn Account() -> impl IntoView {
    use_session().me().map(|me| view! { <AccountForm me /> })
}

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="narrow">
                <PageHeading text=tr("account.title") />
                <Account />
                <EmailSection />
                <PasswordSection />
                <crate::components::account::PasskeysSection />
                <InstallOffer />
            </div>
        </SignedIn>
    }
}
