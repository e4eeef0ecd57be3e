//! Changing the name the portal uses and the preferred language (`PATCH /me`).

use aftercare_core::api::{Language, Me, UpdateMeRequest};
use aftercare_core::problem::FieldError;
use aftercare_core::validate::MAX_TEXT_LEN;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::auth::language_options;
use crate::components::common::{ErrorSummary, SelectField, SuccessBanner, TextField};
use crate::forms::Sender;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The browser-side check of the name, the same rule the server applies.
fn check_name(name: &str) -> Vec<FieldError> {
    let len = name.trim().chars().count();
    if len == 0 {
        vec![FieldError::new(
            "name",
            "error.name_required",
            "Enter the name",
        )]
    } else if len > MAX_TEXT_LEN {
        vec![FieldError::new("name", "error.text_long", "Too long").with("max", MAX_TEXT_LEN)]
    } else {
        Vec::new()
    }
}

/// Name and language; saving updates the session (and so the app's language).
#[component]
pub fn AccountForm(
    /// The account as it is now.
    me: Me,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = RwSignal::new(me.name.clone());
    let language = RwSignal::new(me.language.tag().to_owned());
    // A language chosen in the header meanwhile is the one this form shows and saves.
    Effect::new(move |seen: Option<()>| {
        let now = i18n.language().tag().to_owned();
        if seen.is_some() {
            language.set(now);
        }
    });
    let form = Sender::new();
    let errors = form.errors;
    let saved = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        let problems = check_name(&typed);
        let checked = if problems.is_empty() {
            Ok(UpdateMeRequest {
                name: Some(typed.trim().to_owned()),
                language: Language::from_tag(&language.get_untracked()),
            })
        } else {
            Err(problems)
        };
        saved.set(false);
        form.send(
            checked,
            |request| async move { api::update_me(&request).await },
            move |me| {
                session.signed_in(me);
                saved.set(true);
            },
        );
    };
    view! {
        {move || saved.get().then(|| view! { <SuccessBanner message=Signal::derive(move || i18n.t("account.saved")) /> })}
        <ErrorSummary errors id_prefix="account-" />
        <form novalidate on:submit=submit class="form">
            <TextField
                id="account-name"
                label=tr("auth.name")
                value=name
                error=errors.message("name")
                autocomplete="name"
            />
            <SelectField
                id="account-language"
                label=tr("auth.language")
                value=language
                options=Signal::stored(language_options())
                error=errors.message("language")
            />
            <button type="submit" class="button" disabled=move || form.pending()>
                {tr("account.save")}
            </button>
        </form>
    }
}
