//! Step 3: which centre, nearest first when the customer names a place, each with its
//! address, hours, next free time and change cut-off; on site, also where the visit is.

use aftercare_core::api::Centre;
use aftercare_core::problem::FieldError;
use aftercare_core::slots::in_area;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::step_frame::{Radio, RadioGroup};
use super::{hours_summary, slot_when, weekday_name};
use crate::api;
use crate::components::common::{ErrorSummary, LoadError, Skeleton, TextField};
use crate::routes::{BookStep, Page};
use crate::state::booking::use_booking;
use crate::state::i18n::{tr, use_i18n};

/// A distance as people say it: one decimal under 10 km.
fn distance(km: f64) -> String {
    if km < 10.0 {
        format!("{km:.1}")
    } else {
        format!("{km:.0}")
    }
}

/// What the customer needs to know to pick a centre, under its name.
#[component]
fn CentreFacts(centre: Centre) -> impl IntoView {
    let i18n = use_i18n();
    let Centre {
        address,
        city,
        postal_code,
        time_zone,
        distance_km,
        next_free,
        rules,
        ..
    } = centre;
    let place = format!("{address}, {postal_code} {city}");
    let hours = move || {
        i18n.t_with(
            "book.centre_hours",
            &[(
                "hours",
                &hours_summary(&rules.hours, |d| weekday_name(i18n, d)),
            )],
        )
    };
    let notice = rules.change_notice_hours;
    let next = move || match &next_free {
        Some(slot) => i18n.t_with(
            "book.next_free",
            &[("when", &slot_when(i18n, slot, &time_zone))],
        ),
        None => i18n.t("book.no_free"),
    };
    view! {
        <span class="radio__line">{place}</span>
        {distance_km.map(|km| view! {
            <span class="radio__line">{move || i18n.t_with("book.distance", &[("km", &distance(km))])}</span>
        })}
        <span class="radio__line">{hours}</span>
        <span class="radio__line radio__line--strong">{next}</span>
        <span class="radio__line">
            {move || i18n.t_with("book.cutoff_rule", &[("hours", &notice.to_string())])}
        </span>
    }
}

/// "Near (city)": re-sorts the centres by distance from a city the customer types.
#[component]
fn NearSearch(applied: RwSignal<String>) -> impl IntoView {
    let booking = use_booking();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        applied.set(booking.near.get_untracked());
    };
    view! {
        <form novalidate class="inline-form near-search" on:submit=submit role="search">
            <TextField
                id="book-near"
                label=tr("book.near")
                hint=tr("book.near_hint")
                value=booking.near
                error=Signal::derive(|| None::<String>)
                autocomplete="address-level2"
            />
            <button type="submit" class="button button--secondary">
                {tr("book.near_submit")}
            </button>
        </form>
    }
}

/// On site: where the technician should come.
#[component]
fn VisitAddress() -> impl IntoView {
    let booking = use_booking();
    let errors = booking.place_errors;
    view! {
        <h2 class="heading-m">{tr("book.visit_title")}</h2>
        <TextField
            id="book-address"
            label=tr("book.address")
            value=booking.address
            error=errors.message("address")
            autocomplete="street-address"
        />
        <TextField
            id="book-postal_code"
            label=tr("book.postal_code")
            hint=tr("book.postal_code_hint")
            value=booking.postal_code
            error=errors.message("postal_code")
            autocomplete="postal-code"
            class="input--short"
        />
    }
}

/// What is wrong with the answers on this page, checked in the browser by core's rules.
fn check(centre: Option<&Centre>, on_site: bool, address: &str, postal: &str) -> Vec<FieldError> {
    let Some(centre) = centre else {
        return vec![FieldError::new(
            "centre_id",
            "error.centre_required",
            "Choose a service centre",
        )];
    };
    let mut errors = Vec::new();
    if on_site {
        if address.trim().is_empty() {
            errors.push(FieldError::new(
                "address",
                "error.address_required",
                "Enter the address",
            ));
        }
        if postal.trim().is_empty() {
            errors.push(FieldError::new(
                "postal_code",
                "error.postal_code_required",
                "Enter the postal code",
            ));
        } else if !in_area(&centre.on_site_area, postal) {
            errors.push(FieldError::new(
                "postal_code",
                "error.out_of_area",
                "Out of area",
            ));
        }
    }
    errors
}

/// The centres as radios, the address on site, and Continue.
#[component]
fn CentreForm(centres: Vec<Centre>) -> impl IntoView {
    let booking = use_booking();
    let navigate = use_navigate();
    let errors = booking.place_errors;
    let on_site = booking.on_site();
    let radios = centres
        .into_iter()
        .enumerate()
        .map(|(i, centre)| {
            let id = if i == 0 {
                "book-centre_id".to_owned()
            } else {
                format!("book-centre-{}", centre.id)
            };
            let centre_id = centre.id;
            let checked = Signal::derive(move || {
                booking
                    .centre
                    .with(|c| c.as_ref().map(|c| c.id) == Some(centre_id))
            });
            let chosen = centre.clone();
            let choose = Callback::new(move |()| booking.choose_centre(chosen.clone()));
            let name = centre.name.clone();
            view! {
                <Radio id name="centre" label=name checked on_choose=choose>
                    <CentreFacts centre />
                </Radio>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = booking.centre.with_untracked(|c| {
            check(
                c.as_ref(),
                on_site,
                &booking.address.get_untracked(),
                &booking.postal_code.get_untracked(),
            )
        });
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        errors.clear();
        navigate(
            &Page::Book(BookStep::Time).path(),
            NavigateOptions::default(),
        );
    };
    view! {
        <form novalidate class="form" on:submit=submit>
            <RadioGroup id="book-centre_id" legend="book.centre_title" error=errors.message("centre_id")>
                {radios}
            </RadioGroup>
            {on_site.then(|| view! { <VisitAddress /> })}
            <button type="submit" class="button">{tr("book.continue")}</button>
        </form>
    }
}

/// Step 3's body: the search by place, then the centres offering the chosen service.
#[component]
pub fn CentreChoice() -> impl IntoView {
    let booking = use_booking();
    let applied = RwSignal::new(booking.near.get_untracked());
    let centres = LocalResource::new(move || {
        let service = booking.service.get();
        let near = applied.get();
        async move {
            match service {
                Some(service) => api::centres(service, &near).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let retry = Callback::new(move |()| centres.refetch());
    view! {
        <ErrorSummary errors=booking.place_errors id_prefix="book-" />
        <NearSearch applied />
        {move || match centres.get() {
            None => view! { <Skeleton blocks=3 /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p>{tr("book.no_centres")}</p> }.into_any(),
            Some(Ok(list)) => view! { <CentreForm centres=list /> }.into_any(),
            Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        }}
    }
}
