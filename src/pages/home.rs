//! `/`: a short welcome for visitors; signed-in customers go straight to their products.

use leptos::prelude::*;

use crate::components::common::{FlashBanner, PageHeading};
use crate::components::layout::SignedOut;
use crate::routes::Page;
use crate::state::i18n::tr;

/// The welcome page.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <SignedOut>
            <FlashBanner />
            <PageHeading text=tr("home.title") />
            <p class="lead">{tr("home.lead")}</p>
            <ul class="bullets">
                <li>{tr("home.point_coverage")}</li>
                <li>{tr("home.point_register")}</li>
                <li>{tr("home.point_help")}</li>
            </ul>
            <div class="button-group">
                <a href=Page::SignIn.path() class="button">
                    {tr("auth.sign_in")}
                </a>
                <a href=Page::SignUp.path() class="button button--secondary">
                    {tr("auth.create_account")}
                </a>
            </div>
        </SignedOut>
    }
}
