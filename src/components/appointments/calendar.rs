//! The calendar of free days: the next 30 days month by month, Monday first. Days with
//! room are buttons named with their free places; the others are there but disabled.

use aftercare_core::api::DayRoom;
use aftercare_core::NaiveDate;
use chrono::{Datelike, NaiveTime};
use leptos::prelude::*;

use super::weekday_name;
use crate::dates::Shape;
use crate::state::i18n::use_i18n;

/// The days from `from` to `to` (inclusive), grouped by month, in order.
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<Vec<NaiveDate>> {
    let mut out: Vec<Vec<NaiveDate>> = Vec::new();
    let mut day = from;
    while day <= to {
        match out.last_mut() {
            Some(month) if month.first().is_some_and(|d| d.month() == day.month()) => {
                month.push(day)
            }
            _ => out.push(vec![day]),
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    out
}

/// One day's cell: a button when it has room, disabled when not.
#[component]
fn DayButton(day: NaiveDate, free: u32, selected: RwSignal<Option<NaiveDate>>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let name = i18n.local(day.and_time(NaiveTime::MIN), Shape::LongDay);
        let places = if free == 0 {
            i18n.t("book.no_free_places")
        } else {
            i18n.count("book.free_places", i64::from(free))
        };
        i18n.t_with("book.day_label", &[("day", &name), ("places", &places)])
    };
    let has_room = free > 0;
    let pressed = move || {
        (free > 0).then(|| {
            if selected.get() == Some(day) {
                "true"
            } else {
                "false"
            }
        })
    };
    view! {
        <button
            type="button"
            class="calendar__day"
            class:calendar__day--free=has_room
            aria-label=label
            aria-pressed=pressed
            disabled=!has_room
            on:click=move |_| selected.set(Some(day))
        >
            {day.day()}
        </button>
    }
}

/// One month's grid.
#[component]
fn Month(
    days: Vec<NaiveDate>,
    room: Vec<DayRoom>,
    selected: RwSignal<Option<NaiveDate>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(first) = days.first().copied() else {
        return ().into_any();
    };
    let heading_id = format!("calendar-{}-{}", first.year(), first.month());
    let labelled = heading_id.clone();
    let title = move || i18n.local(first.and_time(NaiveTime::MIN), Shape::MonthYear);
    let blanks = (0..first.weekday().num_days_from_monday())
        .map(|_| view! { <span class="calendar__blank" aria-hidden="true"></span> })
        .collect_view();
    let headers = (1..=7u8)
        .map(|d| view! { <span class="calendar__weekday" aria-hidden="true">{move || weekday_name(i18n, d)}</span> })
        .collect_view();
    let cells = days
        .into_iter()
        .map(|day| {
            let free = room.iter().find(|r| r.date == day).map_or(0, |r| r.free);
            view! { <DayButton day free selected /> }
        })
        .collect_view();
    view! {
        <div class="calendar__month" role="group" aria-labelledby=labelled>
            <h3 id=heading_id class="heading-s calendar__title">{title}</h3>
            <div class="calendar__grid">{headers} {blanks} {cells}</div>
        </div>
    }
    .into_any()
}

/// The days from `from` to `to`, month by month.
#[component]
pub fn DayCalendar(
    /// First day shown.
    from: NaiveDate,
    /// Last day shown.
    to: NaiveDate,
    /// The days with room and how many places.
    days: Vec<DayRoom>,
    /// The chosen day.
    selected: RwSignal<Option<NaiveDate>>,
) -> impl IntoView {
    months(from, to)
        .into_iter()
        .map(|month| view! { <Month days=month room=days.clone() selected /> })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_days_split_at_the_month_end() {
        let from = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
        let m = months(from, to);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].len(), 11);
        assert_eq!(m[1].len(), 20);
    }
}
