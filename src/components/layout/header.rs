//! The header: the product's name, and for a signed-in customer the notifications bell,
//! their name and Sign out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::layout::{is_agent, TopNav};
use crate::components::notifications::NotificationBell;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
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
    let sign_out = move |_| {
        let navigate = navigate.clone();
        pending.set(true);
        failed.set(false);
        spawn_local(async move {
            let result = api::sign_out().await;
            pending.set(false);
            match result {
                Err(e) if !e.is_unauthenticated() => failed.set(true),
                _ => {
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

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let account = move || session.me().map(|me| (me.name, is_agent(me.role)));
    view! {
        <header class="header">
            <div class="header__inner">
                <a href=Page::Home.path() class="header__brand">
                    <img src="/favicon.svg" alt="" width="28" height="28" class="header__logo" />
                    <span>{tr("app.name")}</span>
                </a>
                <TopNav />
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
        </header>
    }
}
