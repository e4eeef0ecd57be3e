//! Giving a product a nickname ("Kitchen washer"), inline on its page.

use aftercare_core::api::{RegisteredProduct, UpdateProductRequest};
use aftercare_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::common::{ErrorSummary, TextField};
use crate::forms::Sender;
use crate::state::i18n::tr;

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
    let nickname = RwSignal::new(current);
    let form = Sender::new();
    let errors = form.errors;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let checked = validate::nickname(Some(&nickname.get_untracked())).map(|cleaned| {
            UpdateProductRequest {
                nickname: Some(cleaned.unwrap_or_default()),
            }
        });
        form.send(
            checked,
            move |request| async move { api::update_product(id, &request).await },
            move |product| on_saved.run(product),
        );
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
                <button type="submit" class="button" disabled=move || form.pending()>
                    {tr("product.save_nickname")}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    {tr("common.cancel")}
                </button>
            </div>
        </form>
    }
}
