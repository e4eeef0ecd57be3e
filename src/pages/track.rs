//! `/track/{token}`: a claim followed from the link in its emails, without signing in —
//! where it stands (the progress picture and what happens next) and its dated steps,
//! read-only. Anything else (a reply, a decision) needs the customer to sign in. A link
//! that was stopped, has expired or never existed says only that it doesn't work.

use aftercare_core::tracking::{TrackedClaim, TrackedEvent};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::claims::timeline::resolution_key;
use crate::components::claims::{moment, ClaimProgress, StatusChip};
use crate::components::common::{LoadError, PageHeading, Skeleton};
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// One step of the tracked claim's history.
#[component]
fn TrackedStep(event: TrackedEvent) -> impl IntoView {
    let i18n = use_i18n();
    let heading = match event.from {
        None => "claim.timeline.filed",
        Some(before) if before == event.to => "claim.timeline.recorded",
        Some(_) => "claim.timeline.moved",
    };
    let at = event.at;
    view! {
        <li class="claim-timeline__event" data-status=event.to.as_str()>
            <p class="claim-timeline__what">
                <span class="claim-timeline__label">{tr(heading)}</span>
                " "
                <StatusChip status=event.to />
            </p>
            <p class="claim-timeline__meta">
                <time datetime=at.to_rfc3339()>{move || moment(i18n, at)}</time>
            </p>
        </li>
    }
}

/// The claim as the link shows it.
#[component]
fn TrackedView(claim: TrackedClaim) -> impl IntoView {
    let i18n = use_i18n();
    let TrackedClaim {
        product_name,
        status,
        resolution,
        updated_at,
        link_expires_at,
        progress,
        events,
        ..
    } = claim;
    view! {
        <p class="track__product">
            <span>{product_name}</span>
            " "
            <StatusChip status />
        </p>
        {resolution.map(|r| view! {
            <p class="claim-timeline__resolution">
                {move || i18n.t_with("claim.timeline.resolution", &[("resolution", &i18n.t(resolution_key(r)))])}
            </p>
        })}
        <ClaimProgress steps=progress status=Signal::derive(move || status) />
        <section class="section" aria-labelledby="track-timeline-heading">
            <h2 id="track-timeline-heading" class="heading-m">{tr("claim.timeline.title")}</h2>
            <ol class="claim-timeline">
                {events.into_iter().rev().map(|event| view! { <TrackedStep event /> }).collect_view()}
            </ol>
        </section>
        <section class="section" aria-labelledby="track-more-heading">
            <h2 id="track-more-heading" class="heading-s">{tr("track.more_title")}</h2>
            <p>{tr("track.read_only")}</p>
            <p>
                <a class="button" href=Page::SignIn.path()>{tr("track.sign_in")}</a>
            </p>
            <p class="hint">
                {move || i18n.t_with(
                    "track.valid_until",
                    &[("updated", &moment(i18n, updated_at)), ("until", &i18n.date(link_expires_at.date_naive()))],
                )}
            </p>
        </section>
    }
}

/// What a link that doesn't work shows.
#[component]
fn LinkNotWorking() -> impl IntoView {
    view! {
        <p>{tr("track.not_found_body")}</p>
        <p>
            <a class="button" href=Page::SignIn.path()>{tr("track.sign_in")}</a>
        </p>
    }
}

/// The tracking page.
#[component]
pub fn TrackPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let token = token();
        async move { api::tracked_claim(&token).await }
    });
    let heading = move || match loaded.get() {
        Some(Ok(claim)) => i18n.t_with("track.title", &[("reference", &claim.reference)]),
        Some(Err(e)) if e.is_not_found() => i18n.t("track.not_found_title"),
        _ => i18n.t("track.loading_title"),
    };
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <PageHeading text=Signal::derive(heading) />
        {move || match loaded.get() {
            None => view! { <Skeleton blocks=4 /> }.into_any(),
            Some(Ok(claim)) => view! { <TrackedView claim /> }.into_any(),
            Some(Err(e)) if e.is_not_found() => view! { <LinkNotWorking /> }.into_any(),
            Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        }}
    }
}
