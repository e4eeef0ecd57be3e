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
    /// The title's translation key ("Success" unless said).
    #[prop(default = "banner.success")]
    title: &'static str,
) -> impl IntoView {
    view! {
        <div class="banner banner--success" role="status" aria-labelledby="banner-title">
            <h2 id="banner-title" class="banner__title">
                {tr(title)}
            </h2>
            <p class="banner__message">{message}</p>
        </div>
    }
}

/// Shows the message the previous page left, once.
#[component]
pub fn FlashBanner() -> impl IntoView {
    let flash = use_flash();
    let title = flash.title().unwrap_or("banner.success");
    flash
        .take()
        .map(|message| view! { <SuccessBanner message=message title /> })
}
