//! A claim in "My claims": reference, product, its status in words and colour, when it
//! was filed and last changed, and "Your turn" when the next move is the customer's.

use aftercare_core::claims::ClaimSummary;
use leptos::prelude::*;

use super::{day, StatusChip};
use crate::components::products::icon_src;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// One card; its title links to the claim's page.
#[component]
pub fn ClaimCard(
    /// The claim to show.
    claim: ClaimSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    let ClaimSummary {
        id,
        reference,
        product_name,
        category,
        status,
        created_at,
        updated_at,
        ..
    } = claim;
    let title = move || i18n.t_with("claims.reference", &[("reference", &reference)]);
    let filed = move || i18n.t_with("claims.filed_on", &[("date", &day(i18n, created_at))]);
    let updated = move || i18n.t_with("claims.updated_on", &[("date", &day(i18n, updated_at))]);
    let turn = status.waits_for_customer();
    view! {
        <li class="card claim-card" data-status=status.as_str()>
            <img class="card__icon" src=icon_src(&category) alt="" width="48" height="48" />
            <div class="card__body">
                <h2 class="card__title">
                    <a href=Page::Claim(id).path() class="card__link claim-card__reference">{title}</a>
                </h2>
                <p class="card__meta">{product_name}</p>
                <p class="claim-card__top">
                    <StatusChip status />
                    {turn.then(|| view! { <span class="your-turn">{tr("claims.your_turn")}</span> })}
                </p>
                <p class="card__meta">{filed}</p>
                <p class="card__meta">{updated}</p>
            </div>
        </li>
    }
}
