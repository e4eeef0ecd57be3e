//! Choosing a day and a time at one centre for one service: the calendar of free days,
//! then the chosen day's free times as large buttons in the centre's local time, with the
//! zone named. Used to book (step 4) and to reschedule.

use aftercare_core::api::SlotList;
use aftercare_core::slots::{ServiceType, Slot};
use aftercare_core::NaiveDate;
use chrono::{DateTime, NaiveTime, Utc};
use leptos::prelude::*;

use super::calendar::DayCalendar;
use crate::api;
use crate::components::common::{focus_by_id, LoadError, Skeleton};
use crate::dates::{self, Shape};
use crate::state::i18n::{tr, use_i18n};

/// How many days ahead the calendar shows.
const DAYS: u64 = 30;

/// The chosen day's free times.
#[component]
fn Times(
    list: StoredValue<SlotList>,
    day: NaiveDate,
    current: Option<DateTime<Utc>>,
    on_pick: Callback<Slot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || {
        let name = i18n.local(day.and_time(NaiveTime::MIN), Shape::LongDay);
        i18n.t_with("book.times_on", &[("day", &name)])
    };
    let zone = list.with_value(|l| l.time_zone.clone());
    let buttons = list.with_value(|l| {
        l.slots
            .iter()
            // The customer's own current time shows even when it has no other place left.
            .filter(|s| s.local_start.date() == day && (s.free > 0 || current == Some(s.start)))
            .map(|slot| {
                let slot = *slot;
                let is_current = current == Some(slot.start);
                let time = move || i18n.local(slot.local_start, Shape::Time);
                let label = move || {
                    if is_current {
                        i18n.t_with("book.current_time", &[("time", &time())])
                    } else {
                        time()
                    }
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="slot"
                            disabled=is_current
                            on:click=move |_| on_pick.run(slot)
                        >
                            {label}
                        </button>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <h3 id="slot-times" class="heading-m" tabindex="-1">{title}</h3>
        <p class="inset-text zone-note">
            {move || i18n.t_with("book.zone_note", &[("zone", &zone)])}
        </p>
        <ul class="slots" aria-labelledby="slot-times">{buttons}</ul>
    }
}

/// The calendar and, once a day is chosen, its times.
#[component]
fn Picker(
    list: SlotList,
    from: NaiveDate,
    to: NaiveDate,
    initial: Option<NaiveDate>,
    current: Option<DateTime<Utc>>,
    on_pick: Callback<Slot>,
) -> impl IntoView {
    let selected = RwSignal::new(initial.filter(|d| list.days.iter().any(|r| r.date == *d)));
    let days = list.days.clone();
    let empty = days.is_empty();
    let list = StoredValue::new(list);
    // After a day is chosen, focus moves to its times, so Tab continues there.
    Effect::new(move |previous: Option<Option<NaiveDate>>| {
        let now = selected.get();
        if previous.is_some_and(|p| p != now) && now.is_some() {
            request_animation_frame(|| focus_by_id("slot-times"));
        }
        now
    });
    view! {
        {empty.then(|| view! { <p>{tr("book.no_days")}</p> })}
        <div class="calendar">
            <DayCalendar from to days selected />
        </div>
        {move || selected.get().map(|day| view! { <Times list day current on_pick /> })}
    }
}

/// Loads the next 30 days of one centre's slots for one service and lets the customer
/// pick one.
#[component]
pub fn SlotPicker(
    /// The centre.
    centre_id: i64,
    /// The service.
    service: ServiceType,
    /// The day to open on (the chosen slot's, when coming back), if any.
    #[prop(optional)]
    initial: Option<NaiveDate>,
    /// The appointment's present start, shown but not offered (rescheduling).
    #[prop(optional)]
    current: Option<DateTime<Utc>>,
    /// Runs with the chosen slot.
    on_pick: Callback<Slot>,
) -> impl IntoView {
    let from = dates::today();
    let to = from + chrono::Days::new(DAYS);
    let loaded = LocalResource::new(move || api::slots(centre_id, service, from, to));
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=4 /> }.into_any(),
        Some(Ok(list)) => view! { <Picker list from to initial current on_pick /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}

/// After a slot was just taken: the message and the next free times as buttons.
#[component]
pub fn NextSlots(
    /// The next free slots the server offered.
    slots: Vec<Slot>,
    /// The centre's time zone.
    zone: String,
    /// Runs with the chosen slot.
    on_pick: Callback<Slot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let zone = StoredValue::new(zone);
    let buttons = slots
        .into_iter()
        .map(|slot| {
            let label = move || zone.with_value(|z| super::slot_when(i18n, &slot, z));
            view! {
                <li>
                    <button type="button" class="slot slot--wide" on:click=move |_| on_pick.run(slot)>
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="notice notice--warning" role="alert">
            <h2 class="heading-s">{tr("book.taken_title")}</h2>
            <ul class="slots slots--list">{buttons}</ul>
        </div>
    }
}
