//! `/appointments`: "My appointments", upcoming and past.

use aftercare_core::api::{Appointment, AppointmentList};
use leptos::prelude::*;

use crate::api;
use crate::components::appointments::AppointmentCard;
use crate::components::common::{EmptyState, FlashBanner, LoadError, PageHeading, Skeleton};
use crate::components::layout::SignedIn;
use crate::routes::{BookStep, Page};
use crate::state::booking::use_booking;
use crate::state::i18n::tr;
use crate::state::offline::use_offline;
use crate::state::session::use_session;

/// The primary action: starts a fresh booking.
#[component]
fn BookButton() -> impl IntoView {
    let booking = use_booking();
    view! {
        <a href=Page::Book(BookStep::Product).path() class="button" on:click=move |_| booking.reset()>
            {tr("appointments.book")}
        </a>
    }
}

/// One titled list of cards (or a line saying there are none).
#[component]
fn Section(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    list: Vec<Appointment>,
) -> impl IntoView {
    let body = if list.is_empty() {
        view! { <p>{tr(empty)}</p> }.into_any()
    } else {
        view! {
            <ul class="cards cards--single" aria-labelledby=id>
                {list.into_iter().map(|appointment| view! { <AppointmentCard appointment /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="section" aria-labelledby=id>
            <h2 id=id class="heading-m">{tr(title)}</h2>
            {body}
        </section>
    }
}

/// Both lists, or the empty state when there is nothing at all.
#[component]
fn Lists(list: AppointmentList) -> impl IntoView {
    if list.upcoming.is_empty() && list.past.is_empty() {
        return view! {
            <EmptyState title=tr("appointments.empty_title") body=tr("appointments.empty_body")>
                <BookButton />
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <Section id="upcoming-heading" title="appointments.upcoming" empty="appointments.none_upcoming" list=list.upcoming />
        <Section id="past-heading" title="appointments.past" empty="appointments.none_past" list=list.past />
        <div class="sticky-action">
            <BookButton />
        </div>
    }
    .into_any()
}

/// The lists, loaded from the server.
#[component]
fn Appointments() -> impl IntoView {
    let session = use_session();
    let offline = use_offline();
    let loaded = LocalResource::new(move || {
        // Reloads when the outbox has just sent something made offline.
        offline.sent.track();
        async move { session.watch(api::appointments().await) }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=3 /> }.into_any(),
        Some(Ok(list)) => view! { <Lists list /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}

/// The "My appointments" page.
#[component]
pub fn AppointmentsPage() -> impl IntoView {
    view! {
        <SignedIn>
            <FlashBanner />
            <PageHeading text=tr("appointments.title") />
            <Appointments />
        </SignedIn>
    }
}
