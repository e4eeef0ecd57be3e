//! The create-account form: name, email, password and language.

use aftercare_core::api::{Language, SignUpRequest};
use aftercare_core::passkeys::PasskeySignUpStart;
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::language_options;
use crate::api;
use crate::components::common::{ErrorSummary, NewPasswordField, SelectField, TextField};
use crate::forms::Sender;
use crate::passkeys;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// Creates the account and signs in; the session guard then takes the customer onwards.
#[component]
pub fn SignUpForm() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let language = RwSignal::new(i18n.language().tag().to_owned());
    // Follows a language chosen in the header meanwhile.
    Effect::new(move || language.set(i18n.language().tag().to_owned()));
    let form = Sender::new();
    let errors = form.errors;
    // "Create the account with a passkey instead of a password".
    let with_passkey = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = SignUpRequest {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            language: Language::from_tag(&language.get_untracked()).unwrap_or_default(),
        };
        let signed_in = move |me| session.signed_in(me);
        if with_passkey.get_untracked() {
            let checked = validate::passkey_sign_up(&request.name, &request.email).map(|()| {
                PasskeySignUpStart {
                    name: request.name,
                    email: request.email,
                    language: request.language,
                }
            });
            form.send(
                checked,
                |start| async move { passkeys::sign_up(&start).await },
                signed_in,
            );
        } else {
            let checked = validate::sign_up(&request).map(|()| request);
            form.send(
                checked,
                |request| async move { api::sign_up(&request).await },
                signed_in,
            );
        }
    };

    view! {
        <ErrorSummary errors id_prefix="signup-" />
        <form novalidate on:submit=submit class="form">
            <TextField
                id="signup-name"
                label=tr("auth.name")
                value=name
                error=errors.message("name")
                autocomplete="name"
            />
            <TextField
                id="signup-email"
                label=tr("auth.email")
                hint=tr("auth.email_hint")
                value=email
                error=errors.message("email")
                input_type="email"
                autocomplete="email"
            />
            <Show when=move || !with_passkey.get()>
                <NewPasswordField
                    id="signup-password"
                    label=tr("auth.password")
                    value=password
                    error=errors.message("password")
                />
            </Show>
            <div class="form-group checkbox">
                <input
                    id="signup-with-passkey"
                    type="checkbox"
                    class="checkbox__input"
                    aria-describedby="signup-with-passkey-hint"
                    prop:checked=move || with_passkey.get()
                    on:change=move |ev| with_passkey.set(event_target_checked(&ev))
                />
                <label class="checkbox__label" for="signup-with-passkey">
                    {tr("passkey.sign_up_option")}
                </label>
            </div>
            <p id="signup-with-passkey-hint" class="hint">{tr("passkey.sign_up_hint")}</p>
            <SelectField
                id="signup-language"
                label=tr("auth.language")
                value=language
                options=Signal::stored(language_options())
                error=errors.message("language")
            />
            <button type="submit" class="button" disabled=move || form.pending()>
                {tr("auth.create_account")}
            </button>
        </form>
    }
}
