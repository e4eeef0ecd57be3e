//! An appointment in "My appointments": a date tile, the service, the product, when (in
//! the centre's time, zone named), where, and its status in words.

use aftercare_core::api::Appointment;
use chrono::Datelike;
use leptos::prelude::*;

use super::{service_keys, when, AppointmentTag};
use crate::dates::Shape;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// One card; its title links to the appointment's page.
#[component]
pub fn AppointmentCard(
    /// The appointment to show.
    appointment: Appointment,
) -> impl IntoView {
    let i18n = use_i18n();
    let Appointment {
        id,
        product_name,
        centre_name,
        service,
        local_start,
        local_end,
        time_zone,
        status,
        ..
    } = appointment;
    let month = move || i18n.local(local_start, Shape::MonthShort);
    let time = move || when(i18n, local_start, local_end, &time_zone);
    view! {
        <li class="card appointment-card">
            <div class="date-tile" aria-hidden="true">
                <span class="date-tile__month">{month}</span>
                <span class="date-tile__day">{local_start.day()}</span>
            </div>
            <div class="card__body">
                <h3 class="card__title">
                    <a href=Page::Appointment(id).path() class="card__link">
                        {tr(service_keys(service).0)}
                    </a>
                </h3>
                <p class="appointment-card__when">{time}</p>
                <p class="card__meta">{product_name}</p>
                <p class="card__meta">{centre_name}</p>
                <AppointmentTag status />
            </div>
        </li>
    }
}
