//! A centre's bookings of a day or a week, grouped by local day; each row with the
//! time in the centre's clock, the customer, product, service, status in words, notes,
//! and the buttons that record what happened.

use aftercare_core::api::{Appointment, AppointmentStatus};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::appointments::{local_day, service_keys, AppointmentTag};
use crate::dates::Shape;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The status buttons: (status, label key).
const ACTIONS: [(AppointmentStatus, &str); 3] = [
    (AppointmentStatus::Arrived, "agent.mark_arrived"),
    (AppointmentStatus::NoShow, "agent.mark_no_show"),
    (AppointmentStatus::Completed, "agent.mark_completed"),
];

/// One booking, updated in place when its status changes.
#[component]
fn Row(appointment: Appointment) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(appointment);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (id, start, end) = current.with_untracked(|a| (a.id, a.local_start, a.local_end));
    let time = move || {
        format!(
            "{}–{}",
            i18n.local(start, Shape::Time),
            i18n.local(end, Shape::Time)
        )
    };
    let customer = current.with_untracked(|a| a.customer_name.clone().unwrap_or_default());
    let product = current.with_untracked(|a| a.product_name.clone());
    let service = tr(service_keys(current.with_untracked(|a| a.service)).0);
    let notes = current.with_untracked(|a| a.notes.clone().filter(|n| !n.trim().is_empty()));
    let heading_id = format!("booking-{id}");
    let buttons = ACTIONS
        .into_iter()
        .map(|(status, label)| {
            let mark = move |_| {
                pending.set(true);
                error.set(None);
                spawn_local(async move {
                    let result = session.watch(api::set_appointment_status(id, status).await);
                    pending.set(false);
                    match result {
                        Ok(saved) => current.set(saved),
                        Err(e) => error.set(e.form_errors().first().map(|f| i18n.field_error(f))),
                    }
                });
            };
            let disabled = move || {
                pending.get()
                    || current
                        .with(|a| a.status == AppointmentStatus::Cancelled || a.status == status)
            };
            view! {
                <button
                    type="button"
                    class="button button--secondary button--small"
                    on:click=mark
                    disabled=disabled
                    aria-describedby=heading_id.clone()
                >
                    {tr(label)}
                </button>
            }
        })
        .collect_view();
    view! {
        <li class="booking">
            <h4 id=heading_id.clone() class="booking__title">
                <span class="booking__time">{time}</span>
                " · "
                <span>{customer}</span>
            </h4>
            <p class="booking__what">{product} " · " {service}</p>
            <p class="booking__status">
                {move || view! { <AppointmentTag status=current.with(|a| a.status) /> }}
            </p>
            {notes.map(|notes| view! {
                <p class="booking__notes">
                    <span class="booking__label">{tr("agent.notes")}</span> " " {notes}
                </p>
            })}
            <div class="button-group booking__actions">{buttons}</div>
            {move || error.get().map(|message| view! { <p class="error-message" role="alert">{message}</p> })}
        </li>
    }
}

/// Groups the bookings by their local day, in order.
pub fn by_day(mut list: Vec<Appointment>) -> Vec<(NaiveDate, Vec<Appointment>)> {
    list.sort_by_key(|a| a.local_start);
    let mut days: Vec<(NaiveDate, Vec<Appointment>)> = Vec::new();
    for appointment in list {
        let day = appointment.local_start.date();
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(appointment),
            _ => days.push((day, vec![appointment])),
        }
    }
    days
}

/// The bookings, a heading per day, or the empty state.
#[component]
pub fn Bookings(
    /// The centre's bookings of the shown day or week.
    list: Vec<Appointment>,
    /// Whether a week (rather than a day) is shown.
    week: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        let key = if week {
            "agent.empty_week"
        } else {
            "agent.empty_day"
        };
        return view! { <p class="empty-state">{tr(key)}</p> }.into_any();
    }
    by_day(list)
        .into_iter()
        .map(|(day, group)| {
            let id = format!("day-{day}");
            let title = move || local_day(i18n, day.and_time(chrono::NaiveTime::MIN));
            view! {
                <section class="section" aria-labelledby=id.clone()>
                    <h3 id=id.clone() class="heading-s">{title}</h3>
                    <ul class="bookings">
                        {group.into_iter().map(|appointment| view! { <Row appointment /> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
        .into_any()
}
