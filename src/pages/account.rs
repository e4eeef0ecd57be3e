//! `/account`: who is signed in, their name and language, and Sign out.

use leptos::prelude::*;

use crate::components::account::AccountForm;
use crate::components::common::PageHeading;
use crate::components::layout::SignedIn;
use crate::components::offline::InstallOffer;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The account's email (the sign-in name), which cannot be changed here.
#[component]
fn Email() -> impl IntoView {
    let session = use_session();
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">{tr("auth.email")}</dt>
                <dd class="summary-list__value">{move || session.me().map(|me| me.email)}</dd>
            </div>
        </dl>
    }
}

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
                <Email />
                <Account />
                <crate::components::account::PasskeysSection />
                <InstallOffer />
            </div>
        </SignedIn>
    }
}
