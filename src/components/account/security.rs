//! The account page's "Email address" and "Password" sections: whether the address is
//! confirmed (and the link sent again), changing the address (it counts once the link
//! sent to the new one is opened) and changing the password (every other device is
//! signed out). The rules are core's, checked here before anything is sent.
//!
//! An account without a password (it signs in with passkeys only) is asked for none:
//! sending runs a passkey confirmation first, and the Password section sets its first
//! password.

use aftercare_core::account::{self, ChangeEmail, ChangePassword, Verification};
use aftercare_core::problem::FieldError;
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{
    ErrorSummary, FieldNotes, NewPasswordField, SuccessBanner, TextField,
};
use crate::forms::{FormErrors, Refused, Sender};
use crate::passkeys::{self, PasskeyError};
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::{use_session, Session};

/// The field a passkey confirmation's errors belong to (the server's name for it).
pub(super) const PASSKEY_FIELD: &str = "passkey_token";

/// Whether the signed-in account has no password (tracked).
pub(super) fn passkey_only(session: Session) -> bool {
    session.me().is_some_and(|me| !me.has_password)
}

/// How an owner shows it is them when changing the account: the password typed, for an
/// account that has one; a passkey confirmation, asked for as the change is sent, for one
/// that has none.
#[derive(Debug, Clone, Copy)]
pub(super) struct Proof {
    /// Whether the account has a password.
    pub has_password: bool,
}

impl Proof {
    /// For the signed-in account as it is now (not tracked; unknown counts as having one).
    pub fn now(session: Session) -> Self {
        Self {
            has_password: session.me_untracked().is_none_or(|me| me.has_password),
        }
    }

    /// What the request's password field carries: what was typed, or nothing.
    pub fn password(self, typed: RwSignal<String>) -> String {
        if self.has_password {
            typed.get_untracked()
        } else {
            String::new()
        }
    }

    /// The `passkey_token` to send: `None` with a password; otherwise the passkey is asked
    /// for now, and its errors come back for the form when that does not happen.
    pub async fn passkey_token(self) -> Result<Option<String>, Vec<FieldError>> {
        if self.has_password {
            return Ok(None);
        }
        passkeys::confirm()
            .await
            .map(Some)
            .map_err(|e| confirmation_errors(&e))
    }
}

/// A failed confirmation's errors, shown beside the button that started it.
fn confirmation_errors(error: &PasskeyError) -> Vec<FieldError> {
    error
        .form_errors()
        .into_iter()
        .map(|mut e| {
            if matches!(e.field.as_str(), "" | "credential" | "passkey") {
                e.field = PASSKEY_FIELD.to_owned();
            }
            e
        })
        .collect()
}

/// "Your password" or, for an account without one, the note that a passkey will confirm
/// (its error beside it; `passkey_id` is the submit button's).
#[component]
pub(super) fn OwnerProof(
    password_id: &'static str,
    passkey_id: &'static str,
    password: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    let session = use_session();
    move || {
        if passkey_only(session) {
            view! { <PasskeyConfirmNote id=passkey_id error=errors.message(PASSKEY_FIELD) /> }
                .into_any()
        } else {
            view! {
                <TextField
                    id=password_id
                    label=tr("account.your_password")
                    value=password
                    error=errors.message("password")
                    input_type="password"
                    autocomplete="current-password"
                />
            }
            .into_any()
        }
    }
}

/// The submit button's `aria-describedby` when a passkey confirms: the note and its error.
pub(super) fn passkey_notes(
    session: Session,
    button_id: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    move || passkey_only(session).then(|| format!("{button_id}-hint {button_id}-error"))
}

/// Says the passkey will confirm, with any error of the confirmation (ids
/// `{id}-hint`/`{id}-error`; `id` is the submit button's, which the summary focuses).
#[component]
pub(super) fn PasskeyConfirmNote(id: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    let hint = Signal::derive(tr("account.passkey_confirms"));
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <FieldNotes id hint=Some(hint) error />
        </div>
    }
}

/// The address, confirmed or not, "Send the link again", and the change-of-address form.
#[component]
pub fn EmailSection(
    /// Whether the address is confirmed, as the page loaded it (`None`: it did not load,
    /// and the section shows the address alone).
    verification: Option<Verification>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let verified = verification.as_ref().map(|v| v.verified);
    // The address the confirmation link went to, while it is not confirmed.
    let unconfirmed = verification.filter(|v| !v.verified).map(|v| v.email);
    let resent = RwSignal::new(false);
    let resend_errors = FormErrors::new();
    let resending = RwSignal::new(false);
    let resend = move |_| {
        if resending.get_untracked() {
            return;
        }
        resending.set(true);
        resend_errors.clear();
        spawn_local(async move {
            let result = session.watch(api::resend_verification().await);
            resending.set(false);
            match result {
                Ok(()) => resent.set(true),
                Err(e) => resend_errors.set(e.form_errors()),
            }
        });
    };

    let new_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;
    let sent_to: RwSignal<Option<String>> = RwSignal::new(None);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let proof = Proof::now(session);
        let request = ChangeEmail {
            password: proof.password(password),
            new_email: new_email.get_untracked().trim().to_owned(),
            passkey_token: None,
        };
        let address = validate::normalize_email(&request.new_email);
        let checked = account::change_email(&request, proof.has_password).map(|()| request);
        sent_to.set(None);
        form.send(
            checked,
            move |mut request| async move {
                request.passkey_token = proof.passkey_token().await?;
                api::change_email(&request).await.map_err(Refused::from)
            },
            move |()| {
                sent_to.set(Some(address));
                new_email.set(String::new());
                password.set(String::new());
            },
        );
    };
    let current = move || session.me().map(|me| me.email).unwrap_or_default();

    view! {
        <section class="account-section" aria-labelledby="email-title">
            <h2 id="email-title" class="heading-m">{tr("account.email_title")}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("auth.email")}</dt>
                    <dd class="summary-list__value">
                        <span class="account-email">{current}</span>
                        " "
                        {verified.map(|yes| if yes {
                            view! { <strong class="tag tag--green">{tr("account.email_confirmed")}</strong> }.into_any()
                        } else {
                            view! { <strong class="tag tag--yellow">{tr("account.email_unconfirmed")}</strong> }.into_any()
                        })}
                    </dd>
                </div>
            </dl>
            {unconfirmed.map(|email| view! {
                <div class="notice notice--warning" id="email-unconfirmed">
                    <p>{let email = email.clone(); move || i18n.t_with("account.email_unconfirmed_help", &[("email", &email)])}</p>
                    <ErrorSummary errors=resend_errors id_prefix="resend-" />
                    {move || if resent.get() {
                        view! { <p role="status">{i18n.t_with("account.email_resent", &[("email", &email)])}</p> }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button button--secondary" on:click=resend disabled=move || resending.get()>
                                {tr("account.email_resend")}
                            </button>
                        }.into_any()
                    }}
                </div>
            })}
            <h3 class="heading-s">{tr("account.change_email_title")}</h3>
            {move || sent_to.get().map(|to| view! {
                <SuccessBanner message=Signal::derive(move || i18n.t_with("account.change_email_sent", &[("email", &to), ("current", &current())])) />
            })}
            <ErrorSummary errors id_prefix="email-" />
            <form novalidate on:submit=submit class="form">
                <TextField
                    id="email-new_email"
                    label=tr("account.new_email")
                    value=new_email
                    error=errors.message("new_email")
                    input_type="email"
                    autocomplete="email"
                />
                <OwnerProof password_id="email-password" passkey_id="email-passkey_token" password errors />
                <button
                    type="submit"
                    id="email-passkey_token"
                    class="button"
                    disabled=move || form.pending()
                    aria-describedby=passkey_notes(session, "email-passkey_token")
                >
                    {tr("account.change_email_button")}
                </button>
            </form>
        </section>
    }
}

/// Changing the password: the current one, then the new one. An account without a
/// password sets its first one here, confirmed with a passkey.
#[component]
pub fn PasswordSection() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;
    // The success message's key: changed, or a first password set.
    let changed: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let proof = Proof::now(session);
        let has_password = proof.has_password;
        let request = ChangePassword {
            current_password: proof.password(current),
            new_password: new_password.get_untracked(),
            passkey_token: None,
        };
        let checked = account::change_password(&request, has_password).map(|()| request);
        changed.set(None);
        form.send(
            checked,
            move |mut request| async move {
                request.passkey_token = proof.passkey_token().await?;
                api::change_password(&request).await.map_err(Refused::from)
            },
            move |()| {
                changed.set(Some(if has_password {
                    "account.password_changed"
                } else {
                    "account.password_set"
                }));
                if let Some(mut me) = session.me_untracked().filter(|_| !has_password) {
                    me.has_password = true;
                    session.signed_in(me);
                }
                current.set(String::new());
                new_password.set(String::new());
            },
        );
    };
    view! {
        <section class="account-section" aria-labelledby="password-title">
            <h2 id="password-title" class="heading-m">
                {move || i18n.t(if passkey_only(session) { "account.set_password_title" } else { "account.password_title" })}
            </h2>
            {move || changed.get().map(|key| view! {
                <SuccessBanner message=Signal::derive(move || i18n.t(key)) />
            })}
            {move || passkey_only(session).then(|| view! { <p>{tr("account.set_password_intro")}</p> })}
            <ErrorSummary errors id_prefix="password-" />
            <form novalidate on:submit=submit class="form">
                {move || (!passkey_only(session)).then(|| view! {
                    <TextField
                        id="password-current_password"
                        label=tr("account.current_password")
                        value=current
                        error=errors.message("current_password")
                        input_type="password"
                        autocomplete="current-password"
                    />
                })}
                <NewPasswordField
                    id="password-new_password"
                    label=tr("account.new_password")
                    value=new_password
                    error=errors.message("new_password")
                />
                {move || passkey_only(session).then(|| view! {
                    <PasskeyConfirmNote id="password-passkey_token" error=errors.message(PASSKEY_FIELD) />
                })}
                <button
                    type="submit"
                    id="password-passkey_token"
                    class="button"
                    disabled=move || form.pending()
                    aria-describedby=passkey_notes(session, "password-passkey_token")
                >
                    {move || i18n.t(if passkey_only(session) { "account.set_password_button" } else { "account.change_password_button" })}
                </button>
            </form>
        </section>
    }
}
