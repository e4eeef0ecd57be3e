//! Step 2: what the visit is for, each service with a one-line description.

use aftercare_core::problem::FieldError;
use aftercare_core::slots::ServiceType;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::service_keys;
use super::step_frame::{Radio, RadioGroup};
use crate::components::common::ErrorSummary;
use crate::forms::FormErrors;
use crate::routes::{BookStep, Page};
use crate::state::booking::use_booking;
use crate::state::i18n::tr;

/// The services as radios, and Continue.
#[component]
pub fn ChooseService() -> impl IntoView {
    let booking = use_booking();
    let navigate = use_navigate();
    let errors = FormErrors::new();
    let radios = ServiceType::ALL
        .into_iter()
        .enumerate()
        .map(|(i, service)| {
            let (name, hint) = service_keys(service);
            let id = if i == 0 {
                "book-service".to_owned()
            } else {
                format!("book-service-{}", service.as_str())
            };
            let checked = Signal::derive(move || booking.service.get() == Some(service));
            let choose = Callback::new(move |()| booking.choose_service(service));
            view! {
                <Radio id name="service" label=tr(name) checked on_choose=choose>
                    {tr(hint)}
                </Radio>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if booking.service.with_untracked(Option::is_none) {
            errors.set(vec![FieldError::new(
                "service",
                "error.service_required",
                "Choose what the appointment is for",
            )]);
            return;
        }
        navigate(
            &Page::Book(BookStep::Centre).path(),
            NavigateOptions::default(),
        );
    };
    view! {
        <ErrorSummary errors id_prefix="book-" />
        <form novalidate class="form" on:submit=submit>
            <RadioGroup id="book-service" legend="book.service_title" error=errors.message("service")>
                {radios}
            </RadioGroup>
            <button type="submit" class="button">
                {tr("book.continue")}
            </button>
        </form>
    }
}
