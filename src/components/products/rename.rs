//! Giving a product a nickname ("Kitchen washer"), inline on its page.

use aftercare_core::api::{RegisteredProduct, UpdateProductRequest};
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{ErrorSummary, TextField};
use crate::forms::FormErrors;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The nickname form: Save sends it (empty clears it), Cancel closes the form.
#[component]
pub fn RenameForm(
    /// The product's id.
    id: i64,
    /// The nickname now ("" when none).
    current: String,
    /// Receives the renamed product.
    on_saved: Callback<RegisteredProduct>,
    /// Closes the form without saving.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let nickname = RwSignal::new(current);
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = nickname.get_untracked();
        let cleaned = match validate::nickname(Some(&typed)) {
            Ok(cleaned) => cleaned,
            Err(list) => {
                errors.set(list);
                return;
            }
        };
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let request = UpdateProductRequest {
                nickname: Some(cleaned.unwrap_or_default()),
            };
            let result = session.watch(api::update_product(id, &request).await);
            pending.set(false);
            match result {
                Ok(product) => on_saved.run(product),
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    view! {
        <form novalidate on:submit=submit class="form inline-form">
            <ErrorSummary errors id_prefix="rename-" />
            <TextField
                id="rename-nickname"
                label=tr("product.nickname")
                hint=tr("register.nickname_hint")
                value=nickname
                error=errors.message("nickname")
                autocomplete="off"
            />
            <div class="button-group">
                <button type="submit" class="button" disabled=move || pending.get()>
                    {tr("product.save_nickname")}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    {tr("common.cancel")}
                </button>
            </div>
        </form>
    }
}
