//! `/agent/calendar`: agents choose a centre and see its bookings of a day or a week in
//! the centre's own clock, record arrivals, and block time.

use aftercare_core::api::Centre;
use chrono::{Days, NaiveDate, NaiveTime};
use leptos::prelude::*;

use crate::api;
use crate::components::agent::{BlockTimeForm, Bookings};
use crate::components::common::{LoadError, PageHeading, SelectField, Skeleton};
use crate::components::layout::AgentOnly;
use crate::dates::{self, Shape};
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The day or week shown, moved by Previous, Next and Today.
#[component]
fn Calendar(centres: Vec<Centre>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let chosen = RwSignal::new(String::new());
    let week = RwSignal::new(false);
    let from = RwSignal::new(None::<NaiveDate>);
    let options: Vec<(String, String)> = centres
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let centres = StoredValue::new(centres);
    let centre = Memo::new(move |_| {
        let id = chosen.get().parse::<i64>().ok()?;
        centres.with_value(|list| {
            list.iter()
                .find(|c| c.id == id)
                .map(|c| (c.id, c.time_zone.clone()))
        })
    });
    // A centre chosen (or changed): start at today in its zone.
    Effect::new(move || {
        if let Some((_, zone)) = centre.get() {
            from.set(Some(dates::today_in(&zone)));
        }
    });
    let days = move || if week.get() { 7u64 } else { 1u64 };
    let shift = move |forward: bool| {
        let step = Days::new(days());
        from.update(|d| {
            *d = d.and_then(|d| {
                if forward {
                    d.checked_add_days(step)
                } else {
                    d.checked_sub_days(step)
                }
            });
        });
    };
    let today = move |_| {
        if let Some((_, zone)) = centre.get_untracked() {
            from.set(Some(dates::today_in(&zone)));
        }
    };
    let loaded = LocalResource::new(move || {
        let key = centre.get().map(|(id, _)| id).zip(from.get());
        let days = days();
        async move {
            match key {
                Some((id, start)) => {
                    Some(session.watch(api::agent_appointments(id, start, days as u8).await))
                }
                None => None,
            }
        }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    let shown = move || {
        from.get().map(|start| {
            let first = i18n.local(start.and_time(NaiveTime::MIN), Shape::LongDay);
            if week.get() {
                let last = start.checked_add_days(Days::new(6)).unwrap_or(start);
                i18n.t_with(
                    "agent.week_range",
                    &[
                        ("from", &first),
                        (
                            "to",
                            &i18n.local(last.and_time(NaiveTime::MIN), Shape::LongDay),
                        ),
                    ],
                )
            } else {
                first
            }
        })
    };
    let toggle = move |is_week: bool, label: &'static str| {
        view! {
            <button
                type="button"
                class="button button--secondary button--small"
                aria-pressed=move || if week.get() == is_week { "true" } else { "false" }
                on:click=move |_| week.set(is_week)
            >
                {tr(label)}
            </button>
        }
    };
    view! {
        <SelectField
            id="agent-centre"
            label=tr("agent.centre")
            value=chosen
            options=options
            error=Signal::derive(|| None::<String>)
            placeholder=tr("agent.choose_centre")
        />
        {move || centre.get().map(|(id, zone)| {
            let zone_text = zone.clone();
            view! {
                <div class="calendar-bar">
                    <div class="button-group" role="group" aria-label=tr("agent.view")>
                        {toggle(false, "agent.day")}
                        {toggle(true, "agent.week")}
                    </div>
                    <div class="button-group" role="group" aria-label=tr("agent.move")>
                        <button type="button" class="button button--secondary button--small"
                            on:click=move |_| shift(false)>{move || if week.get() { i18n.t("agent.previous_week") } else { i18n.t("agent.previous_day") }}</button>
                        <button type="button" class="button button--secondary button--small"
                            on:click=today>{tr("agent.today")}</button>
                        <button type="button" class="button button--secondary button--small"
                            on:click=move |_| shift(true)>{move || if week.get() { i18n.t("agent.next_week") } else { i18n.t("agent.next_day") }}</button>
                    </div>
                </div>
                <h2 class="heading-m" aria-live="polite">{shown}</h2>
                <p class="hint">{i18n.t_with("agent.times_in", &[("zone", &zone_text)])}</p>
                {move || match loaded.get() {
                    None | Some(None) => view! { <Skeleton blocks=2 /> }.into_any(),
                    Some(Some(Ok(list))) => view! { <Bookings list week=week.get_untracked() /> }.into_any(),
                    Some(Some(Err(error))) => view! { <LoadError error on_retry=retry /> }.into_any(),
                }}
                <BlockTimeForm centre_id=id zone=zone.clone() />
            }
        })}
    }
}

/// The centres, loaded, then the calendar.
#[component]
fn Loaded() -> impl IntoView {
    let session = use_session();
    let loaded = LocalResource::new(move || async move { session.watch(api::all_centres().await) });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=2 /> }.into_any(),
        Some(Ok(centres)) => view! { <Calendar centres /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}

/// The agents' calendar; a customer who finds the address is told it is not for them.
#[component]
pub fn AgentCalendarPage() -> impl IntoView {
    view! {
        <AgentOnly>
            <PageHeading text=tr("agent.calendar_title") />
            <Loaded />
        </AgentOnly>
    }
}
