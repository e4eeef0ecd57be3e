//! The account page's "Your data": download everything kept about the account as one
//! ZIP, and erase the account. Erasing asks for the password (or, for an account without
//! one, a passkey confirmation), says plainly what goes and what stays anonymous, and
//! signs this device out (the sign-in page then says the account is gone).

use aftercare_core::account;
use aftercare_core::api::{DeleteAccountRequest, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::security::{passkey_notes, OwnerProof, Proof};
use crate::api;
use crate::components::common::ErrorSummary;
use crate::forms::{Refused, Sender};
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
use crate::state::offline::use_offline;
use crate::state::session::use_session;

/// The erasure form, shown once the customer asks for it.
#[component]
fn DeleteForm(on_cancel: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let flash = use_flash();
    let offline = use_offline();
    let password = RwSignal::new(String::new());
    let form = Sender::new();
    let errors = form.errors;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let proof = Proof::now(session);
        let request = DeleteAccountRequest {
            password: proof.password(password),
            passkey_token: None,
        };
        let checked = account::delete_account(&request, proof.has_password).map(|()| request);
        form.send(
            checked,
            move |mut request| async move {
                request.passkey_token = proof.passkey_token().await?;
                api::delete_account(&request).await.map_err(Refused::from)
            },
            // Nothing of the account stays on this device (saved answers, the outbox);
            // then, signed out, the account page's guard takes it to the sign-in page,
            // where the flash says the account is gone.
            move |()| {
                let account = session.me_untracked().map(|me| me.id);
                spawn_local(async move {
                    offline.forget(account, true).await;
                    flash.show(i18n.t("account.deleted"));
                    session.signed_out();
                });
            },
        );
    };
    view! {
        <ErrorSummary errors id_prefix="delete-" />
        <form novalidate on:submit=submit class="form danger-zone">
            <p>{tr("account.delete_what")}</p>
            <OwnerProof password_id="delete-password" passkey_id="delete-passkey_token" password errors />
            <div class="button-group">
                <button
                    type="submit"
                    id="delete-passkey_token"
                    class="button button--warning"
                    disabled=move || form.pending()
                    aria-describedby=passkey_notes(session, "delete-passkey_token")
                >
                    {tr("account.delete_button")}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    {tr("account.delete_cancel")}
                </button>
            </div>
        </form>
    }
}

/// Download and erasure; erasure only for customers (agents' accounts are closed by the
/// business).
#[component]
pub fn YourDataSection() -> impl IntoView {
    let session = use_session();
    let asked = RwSignal::new(false);
    let is_customer = move || session.me().is_some_and(|me| me.role == Role::Customer);
    let cancel = Callback::new(move |()| asked.set(false));
    view! {
        <section class="account-section" aria-labelledby="data-title">
            <h2 id="data-title" class="heading-m">{tr("account.data_title")}</h2>
            <p>{tr("account.export_intro")}</p>
            <p>
                <a class="button button--secondary" href=api::export_url() download="">
                    {tr("account.export_button")}
                </a>
            </p>
            <Show when=is_customer>
                <h3 class="heading-s">{tr("account.delete_title")}</h3>
                <Show
                    when=move || asked.get()
                    fallback=move || view! {
                        <p>{tr("account.delete_intro")}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| asked.set(true)>
                            {tr("account.delete_start")}
                        </button>
                    }
                >
                    <DeleteForm on_cancel=cancel />
                </Show>
            </Show>
        </section>
    }
}
