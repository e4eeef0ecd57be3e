//! What a page shows when its data did not load: what happened, in words, and Retry.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::state::i18n::{tr, use_i18n};

/// The message for a failed load, with a Retry button.
#[component]
pub fn LoadError(
    /// Why the load failed.
    error: ApiError,
    /// Runs when the customer asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || match &error {
        ApiError::Network(_) => i18n.t("error.network"),
        other => other
            .form_errors()
            .first()
            .map(|e| i18n.field_error(e))
            .unwrap_or_else(|| i18n.t("error.internal")),
    };
    view! {
        <div class="load-error" role="alert">
            <h2 class="heading-m">{tr("load_error.title")}</h2>
            <p>{message}</p>
            // The button goes away as the retry starts: focus moves to the page's heading
            // rather than being lost.
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| {
                    super::focus_heading();
                    on_retry.run(());
                }
            >
                {tr("common.retry")}
            </button>
        </div>
    }
}
