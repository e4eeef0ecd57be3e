//! Service appointments: the list's cards, the five booking steps' pieces (product,
//! service, centre, day-and-time picker, check answers), the confirmation and the
//! appointment page's reschedule and cancel.

pub mod calendar;
pub mod card;
pub mod centre_choice;
pub mod change;
pub mod check;
pub mod choose_product;
pub mod choose_service;
pub mod confirmation;
pub mod details;
pub mod slot_picker;
pub mod step_frame;

pub use card::AppointmentCard;
pub use centre_choice::CentreChoice;
pub use change::{CancelAppointment, RescheduleAppointment};
pub use check::CheckAnswers;
pub use choose_product::ChooseProduct;
pub use choose_service::ChooseService;
pub use confirmation::Confirmation;
pub use details::AppointmentDetails;
pub use slot_picker::SlotPicker;
pub use step_frame::StepFrame;

use aftercare_core::api::AppointmentStatus;
use aftercare_core::slots::{OpeningHours, ServiceType, Slot};
use chrono::NaiveDateTime;
use leptos::prelude::*;

use crate::dates::Shape;
use crate::state::i18n::{tr, I18n};

/// The translation keys of a service's name and its one-line description.
pub fn service_keys(service: ServiceType) -> (&'static str, &'static str) {
    match service {
        ServiceType::DropOffRepair => ("service.drop_off_repair", "service.drop_off_repair_hint"),
        ServiceType::Diagnosis => ("service.diagnosis", "service.diagnosis_hint"),
        ServiceType::Maintenance => ("service.maintenance", "service.maintenance_hint"),
        ServiceType::Installation => ("service.installation", "service.installation_hint"),
        ServiceType::Training => ("service.training", "service.training_hint"),
        ServiceType::OnSiteRepair => ("service.on_site_repair", "service.on_site_repair_hint"),
    }
}

/// The translation key and the colour class of an appointment's status.
pub fn status_parts(status: AppointmentStatus) -> (&'static str, &'static str) {
    match status {
        AppointmentStatus::Booked => ("appointment.status.booked", "tag--green"),
        AppointmentStatus::Cancelled => ("appointment.status.cancelled", "tag--grey"),
        AppointmentStatus::Arrived => ("appointment.status.arrived", "tag--green"),
        AppointmentStatus::NoShow => ("appointment.status.no_show", "tag--yellow"),
        AppointmentStatus::Completed => ("appointment.status.completed", "tag--grey"),
    }
}

/// "Booked", "Cancelled" ..., in words and colour.
#[component]
pub fn AppointmentTag(
    /// Where the appointment stands.
    status: AppointmentStatus,
) -> impl IntoView {
    let (key, colour) = status_parts(status);
    view! { <strong class=format!("tag {colour}")>{tr(key)}</strong> }
}

/// "Tue 1 Dec 2026" for a local date-time, as written.
pub fn local_day(i18n: I18n, at: NaiveDateTime) -> String {
    i18n.t_with(
        "appointment.date_with_weekday",
        &[
            ("weekday", &i18n.local(at, Shape::Weekday)),
            ("date", &i18n.local(at, Shape::Date)),
        ],
    )
}

/// "(Europe/Warsaw time)".
pub fn zone_label(i18n: I18n, zone: &str) -> String {
    i18n.t_with("appointment.zone", &[("zone", zone)])
}

/// "Tue 1 Dec 2026, 10:00–10:30 (Europe/Warsaw time)": a visit in the centre's local
/// time, with the zone named.
pub fn when(i18n: I18n, start: NaiveDateTime, end: NaiveDateTime, zone: &str) -> String {
    i18n.t_with(
        "appointment.when",
        &[
            ("date", &local_day(i18n, start)),
            ("start", &i18n.local(start, Shape::Time)),
            ("end", &i18n.local(end, Shape::Time)),
            ("zone", &zone_label(i18n, zone)),
        ],
    )
}

/// "Mon 30 Nov 2026, 10:00 (Europe/Warsaw time)": an instant (a cut-off) on the clock of
/// the centre's zone, named.
pub fn moment(i18n: I18n, at: chrono::DateTime<chrono::Utc>, zone: &str) -> String {
    let day = i18n.t_with(
        "appointment.date_with_weekday",
        &[
            ("weekday", &i18n.instant(at, zone, Shape::Weekday)),
            ("date", &i18n.instant(at, zone, Shape::Date)),
        ],
    );
    i18n.t_with(
        "appointment.moment",
        &[
            ("date", &day),
            ("time", &i18n.instant(at, zone, Shape::Time)),
            ("zone", &zone_label(i18n, zone)),
        ],
    )
}

/// [`when`] for a slot.
pub fn slot_when(i18n: I18n, slot: &Slot, zone: &str) -> String {
    when(i18n, slot.local_start, slot.local_end, zone)
}

/// Opening hours in a line: "Mon–Fri 08:00–18:00 · Sat 09:00–14:00". Consecutive
/// weekdays with the same hours are joined; `weekday` names an ISO weekday (1 = Monday).
pub fn hours_summary(hours: &[OpeningHours], weekday: impl Fn(u8) -> String) -> String {
    let day_hours = |day: u8| {
        let mut intervals: Vec<&OpeningHours> = hours.iter().filter(|h| h.weekday == day).collect();
        intervals.sort_by_key(|h| h.open);
        intervals
            .iter()
            .map(|h| format!("{}–{}", h.open.format("%H:%M"), h.close.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut groups: Vec<(u8, u8, String)> = Vec::new();
    for day in 1..=7u8 {
        let text = day_hours(day);
        if text.is_empty() {
            continue;
        }
        match groups.last_mut() {
            Some((_, last, t)) if *last + 1 == day && *t == text => *last = day,
            _ => groups.push((day, day, text)),
        }
    }
    groups
        .into_iter()
        .map(|(first, last, text)| {
            if first == last {
                format!("{} {text}", weekday(first))
            } else {
                format!("{}–{} {text}", weekday(first), weekday(last))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The short name of an ISO weekday in the customer's language (1 = Monday).
pub fn weekday_name(i18n: I18n, weekday: u8) -> String {
    // 1 January 2024 was a Monday.
    let monday = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let day = monday + chrono::Days::new(u64::from(weekday.saturating_sub(1)));
    i18n.local(day.and_time(chrono::NaiveTime::MIN), Shape::Weekday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn open(weekday: u8, from: u32, to: u32) -> OpeningHours {
        OpeningHours {
            weekday,
            open: NaiveTime::from_hms_opt(from, 0, 0).unwrap_or(NaiveTime::MIN),
            close: NaiveTime::from_hms_opt(to, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }

    #[test]
    fn opening_hours_group_consecutive_days_with_the_same_hours() {
        let mut hours: Vec<OpeningHours> = (1..=5).map(|d| open(d, 8, 18)).collect();
        hours.push(open(6, 9, 14));
        let names = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let name = |d: u8| names[usize::from(d)].to_owned();
        assert_eq!(
            hours_summary(&hours, name),
            "Mon–Fri 08:00–18:00 · Sat 09:00–14:00"
        );
        let split = [open(1, 13, 17), open(1, 8, 12), open(3, 8, 12)];
        assert_eq!(
            hours_summary(&split, name),
            "Mon 08:00–12:00, 13:00–17:00 · Wed 08:00–12:00"
        );
    }
}
