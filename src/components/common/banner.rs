//! The GOV.UK success notification banner ("Product registered").

use leptos::prelude::*;

use crate::state::flash::use_flash;
use crate::state::i18n::tr;

/// A green-edged banner confirming what just happened.
#[component]
pub fn SuccessBanner(
    /// What happened.
    #[prop(into)]
    message: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="banner banner--success" role="status" aria-labelledby="banner-title">
            <h2 id="banner-title" class="banner__title">
                {tr("banner.success")}
            </h2>
            <p class="banner__message">{message}</p>
        </div>
    }
}

/// Shows the message the previous page left, once.
#[component]
pub fn FlashBanner() -> impl IntoView {
    use_flash()
        .take()
        .map(|message| view! { <SuccessBanner message=message /> })
}
