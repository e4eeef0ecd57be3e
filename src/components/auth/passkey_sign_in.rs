//! "Sign in with a passkey": no email needed (a discoverable credential).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::common::ErrorSummary;
use crate::forms::FormErrors;
use crate::passkeys;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The button and its errors; on success the session guard takes the customer onwards.
#[component]
pub fn PasskeySignIn() -> impl IntoView {
    let session = use_session();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let start = move |_| {
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = passkeys::sign_in().await;
            pending.set(false);
            match result {
                Ok(me) => session.signed_in(me),
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    view! {
        <section class="passkey-sign-in" aria-labelledby="passkey-sign-in-title">
            <h2 id="passkey-sign-in-title" class="heading-m">{tr("passkey.or")}</h2>
            <ErrorSummary errors id_prefix="passkey-signin-" />
            <button
                type="button"
                class="button button--secondary"
                on:click=start
                disabled=move || pending.get()
            >
                {tr("passkey.sign_in")}
            </button>
        </section>
    }
}
