//! The confirmation after booking: the GOV.UK panel with the reference, when and where
//! (in the centre's time, zone named), the calendar file, and what happens next.

use aftercare_core::api::Appointment;
use leptos::prelude::*;

use super::details::IcsLink;
use super::{moment, service_keys, when};
use crate::components::common::PageHeading;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// The confirmation's body.
#[component]
pub fn Confirmation(
    /// The appointment just booked.
    appointment: Appointment,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = appointment;
    let (id, start, end) = (a.id, a.local_start, a.local_end);
    let zone = StoredValue::new(a.time_zone.clone());
    let reference = move || i18n.t_with("appointment.reference_value", &[("id", &id.to_string())]);
    let time = move || zone.with_value(|z| when(i18n, start, end, z));
    let cutoff = a.change_cutoff;
    let next = move || {
        let until = zone.with_value(|z| moment(i18n, cutoff, z));
        i18n.t_with("booked.next", &[("until", &until)])
    };
    let service = service_keys(a.service).0;
    view! {
        <div class="panel">
            <PageHeading text=tr("booked.title") />
            <div class="panel__body">
                {tr("booked.reference")}
                <br />
                <strong>{reference}</strong>
            </div>
        </div>
        <p class="lead booked-when">{time}</p>
        <p>
            {tr(service)} " · " {a.product_name.clone()} <br /> {a.centre_name.clone()} ", "
            {a.place.clone()}
        </p>
        <IcsLink id />
        <h2 class="heading-m">{tr("booked.next_title")}</h2>
        <p>{tr("booked.reminder")}</p>
        <p>{next}</p>
        <ul class="link-list">
            <li>
                <a href=Page::Appointment(id).path()>{tr("booked.view")}</a>
            </li>
            <li>
                <a href=Page::Appointments.path()>{tr("booked.my_appointments")}</a>
            </li>
        </ul>
    }
}
