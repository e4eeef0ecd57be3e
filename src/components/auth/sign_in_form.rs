//! The sign-in form: checked in the browser first, then by the server.

use aftercare_core::api::SignInRequest;
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{ErrorSummary, TextField};
use crate::forms::FormErrors;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// Email and password; on success the session guard takes the customer onwards.
#[component]
pub fn SignInForm() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(list) = validate::sign_in(&request.email, &request.password) {
            errors.set(list);
            return;
        }
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = api::sign_in(&request).await;
            pending.set(false);
            match result {
                Ok(me) => session.signed_in(me),
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };

    view! {
        <ErrorSummary errors id_prefix="signin-" />
        <form novalidate on:submit=submit class="form">
            <TextField
                id="signin-email"
                label=tr("auth.email")
                value=email
                error=errors.message("email")
                input_type="email"
                autocomplete="email"
            />
            <TextField
                id="signin-password"
                label=tr("auth.password")
                value=password
                error=errors.message("password")
                input_type="password"
                autocomplete="current-password"
            />
            <button type="submit" class="button" disabled=move || pending.get()>
                {tr("auth.sign_in")}
            </button>
        </form>
    }
}
