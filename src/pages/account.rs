//! `/account`: the name and language, the email address (confirmed or not, and changing
//! it), the password, passkeys, installing the app, and the customer's data (download
//! it; delete the account).

use leptos::prelude::*;

use crate::components::account::{
    AccountForm, EmailSection, PasskeysSection, PasswordSection, YourDataSection,
};
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
                <PasskeysSection />
                <InstallOffer />
                <YourDataSection />
            </div>
        </SignedIn>
    }
}
