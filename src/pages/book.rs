//! `/appointments/new/...`: booking a service appointment, one question per page, each
//! a step of five; the answers live in the booking context, so Back keeps them.

use aftercare_core::slots::Slot;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::appointments::slot_picker::NextSlots;
use crate::components::appointments::{
    CentreChoice, CheckAnswers, ChooseProduct, ChooseService, SlotPicker, StepFrame,
};
use crate::components::layout::SignedIn;
use crate::routes::{BookStep, Page};
use crate::state::booking::use_booking;
use crate::state::i18n::use_i18n;

/// Step 1: the product.
#[component]
pub fn BookProductPage() -> impl IntoView {
    view! {
        <SignedIn>
            <StepFrame step=BookStep::Product title="book.product_title">
                <ChooseProduct />
            </StepFrame>
        </SignedIn>
    }
}

/// Step 2: the service.
#[component]
pub fn BookServicePage() -> impl IntoView {
    view! {
        <SignedIn>
            <StepFrame step=BookStep::Service title="book.service_title">
                <ChooseService />
            </StepFrame>
        </SignedIn>
    }
}

/// Step 3: the centre.
#[component]
pub fn BookCentrePage() -> impl IntoView {
    view! {
        <SignedIn>
            <StepFrame step=BookStep::Centre title="book.centre_title">
                <CentreChoice />
            </StepFrame>
        </SignedIn>
    }
}

/// Step 4's body: the next free times when the chosen one was just taken, and the picker.
#[component]
fn TimeStep() -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let navigate = use_navigate();
    let pick = Callback::new(move |slot: Slot| {
        booking.slot.set(Some(slot));
        booking.taken.set(Vec::new());
        navigate(
            &Page::Book(BookStep::Check).path(),
            NavigateOptions::default(),
        );
    });
    let Some(centre) = booking.centre.get_untracked() else {
        return ().into_any();
    };
    let Some(service) = booking.service.get_untracked() else {
        return ().into_any();
    };
    let zone = centre.time_zone.clone();
    let initial = booking.slot.get_untracked().map(|s| s.local_start.date());
    let name = centre.name.clone();
    view! {
        <p class="caption">{move || i18n.t_with("book.at_centre", &[("centre", &name)])}</p>
        {move || {
            let taken = booking.taken.get();
            (!taken.is_empty()).then(|| view! { <NextSlots slots=taken zone=zone.clone() on_pick=pick /> })
        }}
        {match initial {
            Some(day) => view! { <SlotPicker centre_id=centre.id service initial=day on_pick=pick /> }.into_any(),
            None => view! { <SlotPicker centre_id=centre.id service on_pick=pick /> }.into_any(),
        }}
    }
    .into_any()
}

/// Step 4: the day and time.
#[component]
pub fn BookTimePage() -> impl IntoView {
    view! {
        <SignedIn>
            <StepFrame step=BookStep::Time title="book.time_title">
                <TimeStep />
            </StepFrame>
        </SignedIn>
    }
}

/// Step 5: check your answers.
#[component]
pub fn BookCheckPage() -> impl IntoView {
    view! {
        <SignedIn>
            <StepFrame step=BookStep::Check title="book.check_title">
                <CheckAnswers />
            </StepFrame>
        </SignedIn>
    }
}
