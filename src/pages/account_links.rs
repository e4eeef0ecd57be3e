//! The pages the account emails link to, and the one that sends the reset email:
//! `/forgot-password` (asks for the address; the answer never says whether it has an
//! account), `/reset-password?token=` (a new password; signs in here and out everywhere
//! else) and `/verify-email?token=` (opening it confirms the address, or a new one).

use aftercare_core::account::{self, ResetConfirm, ResetRequest, VerifyRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::components::common::{
    ErrorSummary, NewPasswordField, PageHeading, SuccessBanner, TextField,
};
use crate::forms::Sender;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The `token` of the page's address.
fn token_from_query() -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.with(|q| q.get("token").unwrap_or_default())
}

/// `/forgot-password`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;
    let sent_to = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = ResetRequest {
            email: email.get_untracked().trim().to_owned(),
        };
        let address = request.email.clone();
        let checked = account::reset_request(&request).map(|()| request);
        form.send(
            checked,
            |request| async move { api::request_password_reset(&request).await },
            move |()| sent_to.set(Some(address)),
        );
    };
    view! {
        <div class="narrow">
            <PageHeading text=tr("reset.request_title") />
            {move || match sent_to.get() {
                Some(address) => view! {
                    <SuccessBanner
                        message=Signal::derive(move || i18n.t_with("reset.sent_body", &[("email", &address)]))
                        title="reset.sent_title"
                    />
                    <p><a href=Page::SignIn.path()>{tr("reset.back_to_sign_in")}</a></p>
                }
                .into_any(),
                None => view! {
                    <p>{tr("reset.request_lead")}</p>
                    <ErrorSummary errors id_prefix="forgot-" />
                    <form novalidate on:submit=submit class="form">
                        <TextField
                            id="forgot-email"
                            label=tr("auth.email")
                            value=email
                            error=errors.message("email")
                            input_type="email"
                            autocomplete="email"
                        />
                        <button type="submit" class="button" disabled=move || form.pending()>
                            {tr("reset.request_button")}
                        </button>
                    </form>
                    <p><a href=Page::SignIn.path()>{tr("reset.back_to_sign_in")}</a></p>
                }
                .into_any(),
            }}
        </div>
    }
}

/// `/reset-password?token=`.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let token = token_from_query();
    let password = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = ResetConfirm {
            token: token(),
            password: password.get_untracked(),
        };
        let checked = account::reset_confirm(&request).map(|()| request);
        let navigate = navigate.clone();
        form.send(
            checked,
            |request| async move { api::confirm_password_reset(&request).await },
            move |me| {
                flash.show(i18n.t("reset.done"));
                session.signed_in(me);
                navigate(&Page::Products.path(), Default::default());
            },
        );
    };
    let link_refused = move || errors.all().iter().any(|e| e.code == "error.token_invalid");
    view! {
        <div class="narrow">
            <PageHeading text=tr("reset.title") />
            <ErrorSummary errors id_prefix="reset-" />
            {move || link_refused().then(|| view! {
                <p><a href=Page::ForgotPassword.path()>{tr("reset.ask_again")}</a></p>
            })}
            <form novalidate on:submit=submit class="form">
                <NewPasswordField
                    id="reset-password"
                    label=tr("reset.new_password")
                    value=password
                    error=errors.message("password")
                />
                <button type="submit" class="button" disabled=move || form.pending()>
                    {tr("reset.button")}
                </button>
            </form>
        </div>
    }
}

/// What opening a verification link came to.
#[derive(Debug, Clone, PartialEq)]
enum Verifying {
    Working,
    Done { email: String, changed: bool },
    Refused,
}

/// `/verify-email?token=`: confirms on arrival.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_from_query();
    let state = RwSignal::new(Verifying::Working);
    Effect::new(move |_| {
        let request = VerifyRequest { token: token() };
        spawn_local(async move {
            state.set(match api::verify_email(&request).await {
                Ok(done) => Verifying::Done {
                    email: done.email,
                    changed: done.changed,
                },
                Err(_) => Verifying::Refused,
            });
        });
    });
    view! {
        <div class="narrow">
            <PageHeading text=tr("verify.title") />
            {move || match state.get() {
                Verifying::Working => view! { <p role="status">{tr("verify.working")}</p> }.into_any(),
                Verifying::Done { email, changed } => {
                    let key = if changed { "verify.changed" } else { "verify.done" };
                    view! {
                        <SuccessBanner message=Signal::derive(move || i18n.t_with(key, &[("email", &email)])) />
                        <p><a class="button" href=Page::Products.path()>{tr("verify.continue")}</a></p>
                    }
                    .into_any()
                }
                Verifying::Refused => view! {
                    <p role="alert">{tr("verify.failed")}</p>
                    <p><a href=Page::Account.path()>{tr("verify.to_account")}</a></p>
                }
                .into_any(),
            }}
        </div>
    }
}
