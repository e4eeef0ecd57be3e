//! The sign-in form: checked in the browser first, then by the server.

use aftercare_core::api::SignInRequest;
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{ErrorSummary, TextField};
use crate::forms::Sender;
use crate::passkeys::{self, PasskeyError};
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// Email and password; on success the session guard takes the customer onwards.
#[component]
pub fn SignInForm() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let checked = validate::sign_in(&request.email, &request.password).map(|()| request);
        form.send(
            checked,
            |request| async move { api::sign_in(&request).await },
            move |me| session.signed_in(me),
        );
    };

    // Passkeys are offered in the email field's autofill as soon as the form shows: one
    // tap signs in, without the button or any typing.
    Effect::new(move |_| {
        spawn_local(async move {
            match passkeys::sign_in_by_autofill().await {
                Ok(me) => session.signed_in(me),
                Err(PasskeyError::Api(e)) => errors.set(e.form_errors()),
                // Unsupported, or withdrawn: the form works as it is.
                Err(_) => {}
            }
        });
    });
    on_cleanup(passkeys::stop_autofill);

    view! {
        <ErrorSummary errors id_prefix="signin-" />
        <form novalidate on:submit=submit class="form">
            <TextField
                id="signin-email"
                label=tr("auth.email")
                value=email
                error=errors.message("email")
                input_type="email"
                autocomplete="email webauthn"
            />
            <TextField
                id="signin-password"
                label=tr("auth.password")
                value=password
                error=errors.message("password")
                input_type="password"
                autocomplete="current-password"
            />
            <button type="submit" class="button" disabled=move || form.pending()>
                {tr("auth.sign_in")}
            </button>
        </form>
    }
}
