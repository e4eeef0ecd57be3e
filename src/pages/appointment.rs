//! `/appointments/{id}`: one appointment, its cut-off, and Reschedule and Cancel while
//! they are still possible (an explanation instead when not).

use aftercare_core::api::{Appointment, AppointmentStatus};
use leptos::prelude::*;

use crate::api;
use crate::components::appointments::details::IcsLink;
use crate::components::appointments::{
    moment, service_keys, when, AppointmentDetails, CancelAppointment, RescheduleAppointment,
};
use crate::components::common::{LoadError, PageHeading, Skeleton, SuccessBanner};
use crate::components::layout::SignedIn;
use crate::pages::load_by_path_id;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// Until when it can be changed, or why it no longer can.
#[component]
fn Cutoff(appointment: Appointment) -> impl IntoView {
    let i18n = use_i18n();
    let (cutoff, zone, status, can_change) = (
        appointment.change_cutoff,
        appointment.time_zone,
        appointment.status,
        appointment.can_change,
    );
    move || {
        let until = moment(i18n, cutoff, &zone);
        let text = match (status, can_change) {
            (AppointmentStatus::Booked, true) => {
                i18n.t_with("appointment.cutoff_until", &[("until", &until)])
            }
            (AppointmentStatus::Booked, false) => {
                i18n.t_with("appointment.cutoff_passed", &[("until", &until)])
            }
            _ => i18n.t("appointment.not_changeable"),
        };
        view! { <p class="inset-text">{text}</p> }
    }
}

/// The details and the actions.
#[component]
fn Body(appointment: Appointment, on_change: Callback<Appointment>) -> impl IntoView {
    let id = appointment.id;
    let booked = appointment.status == AppointmentStatus::Booked;
    let changeable = booked && appointment.can_change;
    let a = appointment.clone();
    view! {
        <AppointmentDetails appointment=appointment.clone() />
        {booked.then(|| view! { <IcsLink id /> })}
        <Cutoff appointment=appointment.clone() />
        {changeable.then(|| view! {
            <RescheduleAppointment appointment=a on_change />
            <CancelAppointment id />
        })}
    }
}

/// The appointment, loaded by the id in the path.
#[component]
fn AppointmentView() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = load_by_path_id(api::appointment);
    let notice = RwSignal::new(None::<String>);
    let heading = move || match loaded.get() {
        Some(Ok(a)) => i18n.t(service_keys(a.service).0),
        Some(Err(e)) if e.is_not_found() => i18n.t("appointment.not_found"),
        _ => i18n.t("appointment.title"),
    };
    let moved = Callback::new(move |a: Appointment| {
        let when = when(i18n, a.local_start, a.local_end, &a.time_zone);
        notice.set(Some(i18n.t_with("reschedule.done", &[("when", &when)])));
        loaded.set(Some(Ok(a)));
        request_animation_frame(crate::components::common::focus_heading);
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <div class="narrow">
            <a href=Page::Appointments.path() class="back-link">{tr("appointment.back")}</a>
            {move || notice.get().map(|message| view! { <SuccessBanner message /> })}
            <PageHeading text=Signal::derive(heading) />
            {move || match loaded.get() {
                None => view! { <Skeleton blocks=4 /> }.into_any(),
                Some(Ok(appointment)) => view! { <Body appointment on_change=moved /> }.into_any(),
                Some(Err(e)) if e.is_not_found() => view! { <p>{tr("appointment.not_found_body")}</p> }.into_any(),
                Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
            }}
        </div>
    }
}

/// The appointment page.
#[component]
pub fn AppointmentPage() -> impl IntoView {
    view! {
        <SignedIn>
            <AppointmentView />
        </SignedIn>
    }
}
