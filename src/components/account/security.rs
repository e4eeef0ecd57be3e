//! The account page's "Email address" and "Password" sections: whether the address is
//! confirmed (and the link sent again), changing the address (it counts once the link
//! sent to the new one is opened) and changing the password (every other device is
//! signed out). The rules are core's, checked here before anything is sent.

use aftercare_core::account::{self, ChangeEmail, ChangePassword, Verification};
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{ErrorSummary, NewPasswordField, SuccessBanner, TextField};
use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The address, confirmed or not, "Send the link again", and the change-of-address form.
#[component]
pub fn EmailSection() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let state: RwSignal<Option<Verification>> = RwSignal::new(None);
    let resent = RwSignal::new(false);
    let resend_errors = FormErrors::new();
    let resending = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(found) = session.watch(api::verification().await) {
            state.set(Some(found));
        }
    });
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
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let sent_to: RwSignal<Option<String>> = RwSignal::new(None);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ChangeEmail {
            password: password.get_untracked(),
            new_email: new_email.get_untracked().trim().to_owned(),
        };
        if let Err(list) = account::change_email(&request) {
            errors.set(list);
            return;
        }
        errors.clear();
        sent_to.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::change_email(&request).await);
            pending.set(false);
            match result {
                Ok(()) => {
                    sent_to.set(Some(validate::normalize_email(&request.new_email)));
                    new_email.set(String::new());
                    password.set(String::new());
                }
                Err(e) => errors.set(e.form_errors()),
            }
        });
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
                        {move || state.get().map(|v| if v.verified {
                            view! { <strong class="tag tag--green">{tr("account.email_confirmed")}</strong> }.into_any()
                        } else {
                            view! { <strong class="tag tag--yellow">{tr("account.email_unconfirmed")}</strong> }.into_any()
                        })}
                    </dd>
                </div>
            </dl>
            {move || state.get().filter(|v| !v.verified).map(|v| view! {
                <div class="notice notice--warning" id="email-unconfirmed">
                    <p>{i18n.t_with("account.email_unconfirmed_help", &[("email", &v.email)])}</p>
                    <ErrorSummary errors=resend_errors id_prefix="resend-" />
                    {move || if resent.get() {
                        view! { <p role="status">{i18n.t_with("account.email_resent", &[("email", &v.email)])}</p> }.into_any()
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
                <TextField
                    id="email-password"
                    label=tr("account.your_password")
                    value=password
                    error=errors.message("password")
                    input_type="password"
                    autocomplete="current-password"
                />
                <button type="submit" class="button" disabled=move || pending.get()>
                    {tr("account.change_email_button")}
                </button>
            </form>
        </section>
    }
}

/// Changing the password: the current one, then the new one.
#[component]
pub fn PasswordSection() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let changed = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        if let Err(list) = account::change_password(&request) {
            errors.set(list);
            return;
        }
        errors.clear();
        changed.set(false);
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::change_password(&request).await);
            pending.set(false);
            match result {
                Ok(()) => {
                    changed.set(true);
                    current.set(String::new());
                    new_password.set(String::new());
                }
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    view! {
        <section class="account-section" aria-labelledby="password-title">
            <h2 id="password-title" class="heading-m">{tr("account.password_title")}</h2>
            {move || changed.get().then(|| view! {
                <SuccessBanner message=Signal::derive(move || i18n.t("account.password_changed")) />
            })}
            <ErrorSummary errors id_prefix="password-" />
            <form novalidate on:submit=submit class="form">
                <TextField
                    id="password-current_password"
                    label=tr("account.current_password")
                    value=current
                    error=errors.message("current_password")
                    input_type="password"
                    autocomplete="current-password"
                />
                <NewPasswordField
                    id="password-new_password"
                    label=tr("account.new_password")
                    value=new_password
                    error=errors.message("new_password")
                />
                <button type="submit" class="button" disabled=move || pending.get()>
                    {tr("account.change_password_button")}
                </button>
            </form>
        </section>
    }
}
