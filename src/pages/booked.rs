//! `/appointments/{id}/booked`: the confirmation page after booking. Arriving here ends
//! the booking in progress, so the next one starts afresh.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::appointments::Confirmation;
use crate::components::common::{LoadError, PageHeading, Skeleton};
use crate::components::layout::SignedIn;
use crate::state::booking::use_booking;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The confirmation, loaded by the id in the path.
#[component]
fn Booked() -> impl IntoView {
    let session = use_session();
    use_booking().reset();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let loaded = LocalResource::new(move || async move {
        match id {
            Some(id) => session.watch(api::appointment(id).await),
            None => Err(ApiError::Unexpected(404)),
        }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <PageHeading text=tr("booked.title") /> <Skeleton blocks=3 /> }.into_any(),
        Some(Ok(appointment)) => view! { <Confirmation appointment /> }.into_any(),
        Some(Err(error)) => {
            view! { <PageHeading text=tr("booked.title") /> <LoadError error on_retry=retry /> }
                .into_any()
        }
    }
}

/// The confirmation page.
#[component]
pub fn BookedPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="narrow">
                <Booked />
            </div>
        </SignedIn>
    }
}
