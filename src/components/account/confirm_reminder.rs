//! A quiet reminder, on every page but the account page, for a customer whose email
//! address is not confirmed yet: a link to the account page (where the link can be sent
//! again or the address changed) and "Remind me later", which hides it for this browser session.

use aftercare_core::api::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::api;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The `sessionStorage` item naming the account that said "Remind me later".
const DISMISSED_KEY: &str = "aftercare.confirm_email_dismissed";

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Whether this account said "Remind me later" in this browser session.
fn dismissed_by(user_id: i64) -> bool {
    session_storage()
        .and_then(|s| s.get_item(DISMISSED_KEY).ok().flatten())
        .is_some_and(|id| id == user_id.to_string())
}

fn dismiss(user_id: i64) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(DISMISSED_KEY, &user_id.to_string());
    }
}

/// Pages that show the address's state themselves.
fn shows_it_already(path: &str) -> bool {
    path == Page::Account.path() || path.starts_with("/verify-email")
}

/// The reminder; nothing for agents, confirmed addresses, or after "Remind me later".
#[component]
pub fn ConfirmEmailReminder() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let location = use_location();
    // (account id, address) while the address is known to be unconfirmed.
    let unconfirmed: RwSignal<Option<(i64, String)>> = RwSignal::new(None);
    let dismissed = RwSignal::new(false);
    let confirmed_for: RwSignal<Option<i64>> = RwSignal::new(None);
    // Asked again on each navigation while unconfirmed: the link may have been opened in
    // another tab. Once confirmed (or for agents), no more requests.
    Effect::new(move |_| {
        let _ = location.pathname.get();
        let Some(me) = session.me().filter(|me| me.role == Role::Customer) else {
            unconfirmed.set(None);
            return;
        };
        dismissed.set(dismissed_by(me.id));
        if confirmed_for.get_untracked() == Some(me.id) || dismissed.get_untracked() {
            return;
        }
        spawn_local(async move {
            // Quiet: a failed request shows nothing.
            if let Ok(state) = api::verification().await {
                if state.verified {
                    confirmed_for.set(Some(me.id));
                }
                unconfirmed.set((!state.verified).then_some((me.id, state.email)));
            }
        });
    });
    let shown = move || {
        let path = location.pathname.get();
        unconfirmed
            .get()
            .filter(|_| !dismissed.get() && !shows_it_already(&path))
    };
    move || {
        shown().map(|(user_id, email)| {
            view! {
                <div class="confirm-reminder">
                    <p class="confirm-reminder__text">
                        {move || i18n.t_with("account.reminder_text", &[("email", &email)])}
                        " "
                        <a href=Page::Account.path()>{tr("account.reminder_link")}</a>
                    </p>
                    <button
                        type="button"
                        class="button button--secondary confirm-reminder__dismiss"
                        on:click=move |_| {
                            dismiss(user_id);
                            dismissed.set(true);
                        }
                    >
                        {tr("account.reminder_dismiss")}
                    </button>
                </div>
            }
        })
    }
}
