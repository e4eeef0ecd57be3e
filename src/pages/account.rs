//! `/account`: the name and language, the email address (confirmed or not, and changing
//! it), the password, passkeys, installing the app, and the customer's data (download
//! it; delete the account).
//!
//! What the sections below the name need from the server (whether the address is
//! confirmed, the passkeys) is loaded side by side before they are drawn, under a
//! skeleton: nothing moves when the answers arrive.

use leptos::prelude::*;

use crate::api;
use crate::components::account::{
    AccountForm, EmailSection, PasskeysSection, PasswordSection, YourDataSection,
};
use crate::components::common::{PageHeading, Skeleton};
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

/// The sections below the name, once their data is in (a section whose data did not
/// load says so itself).
#[component]
fn Sections() -> impl IntoView {
    let session = use_session();
    let loaded = LocalResource::new(move || async move {
        let (verification, passkeys) =
            futures::future::join(api::verification(), api::passkeys()).await;
        (
            session.watch(verification).ok(),
            session.watch(passkeys).ok(),
        )
    });
    move || match loaded.get() {
        None => view! { <Skeleton blocks=6 /> }.into_any(),
        Some((verification, passkeys)) => view! {
            <EmailSection verification />
            <PasswordSection />
            <PasskeysSection passkeys />
            <InstallOffer />
            <YourDataSection />
        }
        .into_any(),
    }
}

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="narrow">
                <PageHeading text=tr("account.title") />
                <Account />
                <Sections />
            </div>
        </SignedIn>
    }
}
