//! An appointment's details as a summary list, and its calendar-file link.

use aftercare_core::api::Appointment;
use leptos::prelude::*;

use super::{service_keys, when, AppointmentTag};
use crate::api;
use crate::state::i18n::{tr, use_i18n};

/// A `dt`/`dd` row.
#[component]
fn Row(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{tr(label)}</dt>
            <dd class="summary-list__value">{children()}</dd>
        </div>
    }
}

/// "Add to your calendar (.ics)": downloads the appointment as an iCalendar file.
#[component]
pub fn IcsLink(
    /// The appointment's id.
    id: i64,
) -> impl IntoView {
    view! {
        <p>
            <a href=api::ics_url(id) download=format!("aftercare-appointment-{id}.ics") class="ics-link">
                {tr("appointment.ics")}
            </a>
        </p>
    }
}

/// Status, when, where, what for and the notes.
#[component]
pub fn AppointmentDetails(
    /// The appointment as last loaded.
    appointment: Appointment,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = appointment;
    let (start, end, zone) = (a.local_start, a.local_end, a.time_zone.clone());
    let time = move || when(i18n, start, end, &zone);
    let reference = a.id;
    let place = match (&a.address, &a.postal_code) {
        (Some(address), Some(code)) => format!("{address}, {code}"),
        _ => a.place.clone(),
    };
    view! {
        <dl class="summary-list">
            <Row label="appointment.status">
                <AppointmentTag status=a.status />
            </Row>
            <Row label="appointment.reference">
                {move || i18n.t_with("appointment.reference_value", &[("id", &reference.to_string())])}
            </Row>
            <Row label="appointment.when_label">{time}</Row>
            <Row label="appointment.service">{tr(service_keys(a.service).0)}</Row>
            <Row label="appointment.product">{a.product_name.clone()}</Row>
            <Row label="appointment.centre">{a.centre_name.clone()}</Row>
            <Row label="appointment.place">{place}</Row>
            {a.notes.clone().map(|n| view! { <Row label="appointment.notes">{n}</Row> })}
        </dl>
    }
}
