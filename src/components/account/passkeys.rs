//! The account page's "Passkeys" section: the account's passkeys (name, added, last
//! used), adding one, renaming and removing them.

use aftercare_core::passkeys::{validate_name, PasskeyInfo, PasskeyRename, MAX_PASSKEY_NAME_LEN};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{ErrorSummary, TextField};
use crate::forms::FormErrors;
use crate::passkeys;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

fn day(at: chrono::DateTime<chrono::Utc>, locale: &str) -> String {
    crate::dates::format(at.date_naive(), locale)
}

/// The section, with the list as the page loaded it; loaded again after each change.
#[component]
pub fn PasskeysSection(
    /// The account's passkeys (`None`: the list did not load).
    passkeys: Option<Vec<PasskeyInfo>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let load_failed = RwSignal::new(passkeys.is_none());
    let items: RwSignal<Option<Vec<PasskeyInfo>>> = RwSignal::new(passkeys);
    let add_errors = FormErrors::new();
    let list_errors = FormErrors::new();
    let new_name = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let editing: RwSignal<Option<i64>> = RwSignal::new(None);
    let rename_value = RwSignal::new(String::new());
    let refused: RwSignal<Option<i64>> = RwSignal::new(None);

    let reload = move || {
        spawn_local(async move {
            match session.watch(api::passkeys().await) {
                Ok(list) => {
                    load_failed.set(false);
                    items.set(Some(list));
                }
                Err(_) => load_failed.set(true),
            }
        });
    };

    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let name = new_name.get_untracked();
        if !name.trim().is_empty() {
            if let Err(list) = validate_name(&name) {
                add_errors.set(list);
                return;
            }
        }
        add_errors.clear();
        status.set(String::new());
        pending.set(true);
        spawn_local(async move {
            let result = passkeys::add(name.trim().to_owned()).await;
            pending.set(false);
            match result {
                Ok(added) => {
                    new_name.set(String::new());
                    status.set(i18n.t_with("passkey.added", &[("name", &added.name)]));
                    reload();
                }
                Err(e) => add_errors.set(e.form_errors()),
            }
        });
    };

    let save_rename = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(id) = editing.get_untracked() else {
            return;
        };
        let name = match validate_name(&rename_value.get_untracked()) {
            Ok(name) => name,
            Err(list) => {
                list_errors.set(list);
                return;
            }
        };
        list_errors.clear();
        spawn_local(async move {
            match session.watch(api::rename_passkey(id, &PasskeyRename { name }).await) {
                Ok(saved) => {
                    editing.set(None);
                    status.set(i18n.t_with("passkey.renamed", &[("name", &saved.name)]));
                    reload();
                }
                Err(e) => list_errors.set(e.form_errors()),
            }
        });
    };

    let remove = move |key: PasskeyInfo| {
        list_errors.clear();
        refused.set(None);
        spawn_local(async move {
            match session.watch(api::remove_passkey(key.id).await) {
                Ok(()) => {
                    status.set(i18n.t_with("passkey.removed", &[("name", &key.name)]));
                    reload();
                }
                Err(e) => {
                    refused.set(Some(key.id));
                    list_errors.set(e.form_errors());
                }
            }
        });
    };

    let row = move |key: PasskeyInfo| {
        let locale = i18n.language().tag().to_owned();
        let added = i18n.t_with(
            "passkey.created",
            &[("date", &day(key.created_at, &locale))],
        );
        let used = match key.last_used_at {
            Some(at) => i18n.t_with("passkey.last_used", &[("date", &day(at, &locale))]),
            None => i18n.t("passkey.never_used"),
        };
        let id = key.id;
        let for_rename = key.clone();
        let for_remove = key.clone();
        let label_rename = i18n.t_with("passkey.rename_named", &[("name", &key.name)]);
        let label_remove = i18n.t_with("passkey.remove_named", &[("name", &key.name)]);
        view! {
            <li class="passkey-list__item">
                <p class="passkey-list__name"><strong>{key.name.clone()}</strong></p>
                <p class="passkey-list__meta">{added}</p>
                <p class="passkey-list__meta">{used}</p>
                <Show
                    when=move || editing.get() == Some(id)
                    fallback=move || {
                        let for_rename = for_rename.clone();
                        let for_remove = for_remove.clone();
                        let label_rename = label_rename.clone();
                        let label_remove = label_remove.clone();
                        view! {
                            <div class="button-group">
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    aria-label=label_rename
                                    on:click=move |_| {
                                        list_errors.clear();
                                        rename_value.set(for_rename.name.clone());
                                        editing.set(Some(for_rename.id));
                                    }
                                >
                                    {tr("passkey.rename")}
                                </button>
                                <button
                                    type="button"
                                    class="button button--warning"
                                    aria-label=label_remove
                                    on:click=move |_| remove(for_remove.clone())
                                >
                                    {tr("passkey.remove")}
                                </button>
                            </div>
                        }
                    }
                >
                    <form novalidate on:submit=save_rename class="form">
                        <TextField
                            id="passkey-rename-name"
                            label=tr("passkey.name")
                            value=rename_value
                            error=list_errors.message("name")
                        />
                        <div class="button-group">
                            <button type="submit" class="button">{tr("passkey.save")}</button>
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=move |_| {
                                    list_errors.clear();
                                    editing.set(None);
                                }
                            >
                                {tr("passkey.cancel")}
                            </button>
                        </div>
                    </form>
                </Show>
                {move || {
                    (refused.get() == Some(id))
                        .then(|| list_errors.message("passkey").get())
                        .flatten()
                        .map(|message| view! { <p class="error-message">{message}</p> })
                }}
            </li>
        }
    };

    let name_hint = move || {
        i18n.t_with(
            "passkey.name_hint",
            &[("max", &MAX_PASSKEY_NAME_LEN.to_string())],
        )
    };

    view! {
        <section class="passkeys" aria-labelledby="passkeys-title">
            <h2 id="passkeys-title" class="heading-m">{tr("passkey.title")}</h2>
            <p>{tr("passkey.intro")}</p>
            <p role="status" class="passkeys__status">{move || status.get()}</p>
            <ErrorSummary errors=list_errors id_prefix="passkey-rename-" />
            {move || load_failed.get().then(|| view! { <p class="error-message">{tr("passkey.load_failed")}</p> })}
            {move || {
                items
                    .get()
                    .map(|list| {
                        if list.is_empty() {
                            view! { <p>{tr("passkey.none")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="passkey-list" aria-labelledby="passkeys-title">
                                    {list.into_iter().map(row).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
            <ErrorSummary errors=add_errors id_prefix="passkey-add-" />
            <form novalidate on:submit=add class="form">
                <TextField
                    id="passkey-add-name"
                    label=tr("passkey.new_name")
                    hint=Signal::derive(name_hint)
                    value=new_name
                    error=add_errors.message("name")
                />
                <button type="submit" class="button" disabled=move || pending.get()>
                    {tr("passkey.add")}
                </button>
            </form>
        </section>
    }
}
