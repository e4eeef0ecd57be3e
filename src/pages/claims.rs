//! `/claims`: "My claims", open ones first (the server's order), each saying where it
//! stands and whether it is the customer's turn.

use aftercare_core::claims::ClaimSummary;
use leptos::prelude::*;

use crate::api;
use crate::components::claims::ClaimCard;
use crate::components::common::{EmptyState, FlashBanner, LoadError, PageHeading, Skeleton};
use crate::components::layout::SignedIn;
use crate::routes::Page;
use crate::state::i18n::tr;
use crate::state::offline::use_offline;
use crate::state::session::use_session;

/// The cards, or the empty state.
#[component]
fn List(claims: Vec<ClaimSummary>) -> impl IntoView {
    if claims.is_empty() {
        return view! {
            <EmptyState title=tr("claims.empty_title") body=tr("claims.empty_body")>
                <a href=Page::Products.path() class="button">{tr("claims.go_products")}</a>
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <ul class="cards cards--single" aria-label=tr("claims.title")>
            {claims.into_iter().map(|claim| view! { <ClaimCard claim /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The list, loaded from the server.
#[component]
fn Claims() -> impl IntoView {
    let session = use_session();
    let offline = use_offline();
    let loaded = LocalResource::new(move || {
        // Reloads when the outbox has just sent something made offline.
        offline.sent.track();
        async move { session.watch(api::claims().await) }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=3 /> }.into_any(),
        Some(Ok(claims)) => view! { <List claims /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}

/// The "My claims" page.
#[component]
pub fn ClaimsPage() -> impl IntoView {
    view! {
        <SignedIn>
            <FlashBanner />
            <PageHeading text=tr("claims.title") />
            <Claims />
        </SignedIn>
    }
}
