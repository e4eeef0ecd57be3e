//! The header: the product's name, the language menu, and for a signed-in customer the
//! notifications bell, their name and Sign out.

use aftercare_core::api::{Language, UpdateMeRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::components::layout::{is_agent, TopNav};
use crate::components::notifications::NotificationBell;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
use crate::state::offline::use_offline;
use crate::state::session::use_session;

/// The Sign out button; on success the customer lands on the sign-in page.
#[component]
fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let offline = use_offline();
    let sign_out = move |_| {
        // What waits in the outbox is this account's and leaves the device with it: say
        // so first.
        let waiting = offline.outbox.with_untracked(Vec::len);
        if waiting > 0 {
            let question = i18n.count("outbox.sign_out_confirm", waiting as i64);
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        let account = session.me_untracked().map(|me| me.id);
        let navigate = navigate.clone();
        pending.set(true);
        failed.set(false);
        spawn_local(async move {
            let result = api::sign_out().await;
            pending.set(false);
            match result {
                Err(e) if !e.is_unauthenticated() => failed.set(true),
                _ => {
                    // Nothing of the account stays on the device: its saved answers and
                    // its outbox.
                    offline.forget(account, true).await;
                    // Signed out first: a guarded page then leaves by itself, and the
                    // sign-in page (a visitors' page) does not bounce back.
                    flash.show(i18n.t("auth.signed_out"));
                    session.signed_out();
                    navigate(
                        &Page::SignIn.path(),
                        NavigateOptions {
                            replace: true,
                            ..NavigateOptions::default()
                        },
                    );
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class="header__button"
            on:click=sign_out
            disabled=move || pending.get()
        >
            {tr("auth.sign_out")}
        </button>
        {move || {
            failed
                .get()
                .then(|| view! { <p class="header__error" role="alert">{tr("auth.sign_out_failed")}</p> })
        }}
    }
}

/// A globe: the sign for "language" whatever the language.
#[component]
fn GlobeIcon() -> impl IntoView {
    view! {
        <svg class="language-switcher__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="9" />
            <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
        </svg>
    }
}

/// The language menu, on every page: a native `<select>` (named "Language" in the
/// current language, each option in its own language) laid over a compact face — a
/// globe and the language's code. A choice changes the words at once and is remembered
/// on this device; for a signed-in account it is also saved to the profile (`PATCH
/// /me`), so that it follows them to their other devices.
#[component]
fn LanguageSwitcher(
    /// Set when saving the choice to the profile fails; shown by [`LanguageSaveError`].
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Each save carries a ticket; only the latest choice's answer is applied, so a slow
    // answer to an earlier choice cannot switch the language back.
    let latest = StoredValue::new(0_u32);
    let change = move |ev: leptos::ev::Event| {
        let Some(language) = Language::from_tag(&event_target_value(&ev)) else {
            return;
        };
        failed.set(None);
        i18n.set_language(language);
        if session.me_untracked().is_none() {
            return;
        }
        latest.update_value(|n| *n = n.wrapping_add(1));
        let ticket = latest.get_value();
        spawn_local(async move {
            let request = UpdateMeRequest {
                name: None,
                language: Some(language),
            };
            let result = session.watch(api::update_me(&request).await);
            if latest.try_get_value() != Some(ticket) {
                return;
            }
            match result {
                Ok(me) => session.signed_in(me),
                // Signed out meanwhile: the choice stays on this device.
                Err(e) if e.is_unauthenticated() => {}
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    let options = Language::ALL
        .into_iter()
        .map(|language| {
            view! {
                <option
                    value=language.tag()
                    lang=language.tag()
                    selected=move || i18n.language() == language
                >
                    {language.native_name()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="language-switcher">
            <label for="header-language" class="visually-hidden">{tr("auth.language")}</label>
            <span class="language-switcher__face" aria-hidden="true">
                <GlobeIcon />
                <span class="language-switcher__code">
                    {move || i18n.language().tag().to_ascii_uppercase()}
                </span>
            </span>
            <select
                id="header-language"
                class="language-switcher__select"
                prop:value=move || i18n.language().tag()
                on:change=change
            >
                {options}
            </select>
        </div>
    }
}

/// Why the language chosen in the header could not be saved to the profile, in a row of
/// its own under the header. The words have changed anyway, on this device.
#[component]
fn LanguageSaveError(failed: RwSignal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        failed.get().map(|e| {
            let message = e
                .form_errors()
                .first()
                .map(|problem| i18n.field_error(problem))
                .unwrap_or_default();
            view! { <p class="language-switcher__error" role="alert">{message}</p> }
        })
    }
}

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let account = move || session.me().map(|me| (me.name, is_agent(me.role)));
    let language_failed = RwSignal::new(None::<ApiError>);
    view! {
        <header class="header">
            <div class="header__inner">
                <a href=Page::Home.path() class="header__brand">
                    <img src="/favicon.svg" alt="" width="28" height="28" class="header__logo" />
                    <span>{tr("app.name")}</span>
                </a>
                <TopNav />
                <div class="header__tools">
                    <LanguageSwitcher failed=language_failed />
                    {move || {
                        account()
                            .map(|(name, agent)| {
                                view! {
                                    <div class="header__account">
                                        {(!agent).then(|| view! { <NotificationBell /> })}
                                        <span class="header__name">{name}</span>
                                        <SignOutButton />
                                    </div>
                                }
                            })
                    }}
                </div>
            </div>
            <LanguageSaveError failed=language_failed />
        </header>
    }
}
