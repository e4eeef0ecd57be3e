//! A claim's history as a dated list, newest first: each status it reached, who moved it
//! and when, their note, and how it was settled.

use aftercare_core::claims::{Actor, ClaimEvent, Resolution};
use leptos::prelude::*;

use super::{moment, StatusChip};
use crate::state::i18n::{tr, use_i18n, I18n};

/// The translation key naming a resolution.
pub fn resolution_key(resolution: Resolution) -> &'static str {
    match resolution {
        Resolution::Repaired => "claim.resolution.repaired",
        Resolution::Replaced => "claim.resolution.replaced",
        Resolution::Refunded => "claim.resolution.refunded",
    }
}

/// "Anna Nowak (service team)" or the customer's name.
pub fn who(i18n: I18n, actor: Actor, name: &str) -> String {
    match actor {
        Actor::Agent => i18n.t_with("claim.by_agent", &[("name", name)]),
        Actor::Customer => name.to_owned(),
    }
}

/// One event.
#[component]
fn Event(event: ClaimEvent) -> impl IntoView {
    let i18n = use_i18n();
    let ClaimEvent {
        at,
        to,
        actor,
        actor_name,
        note,
        resolution,
        from,
    } = event;
    // A repair or replacement recorded leaves the status as it was: say so, rather than
    // "moved to" where it already stood.
    let heading = match from {
        None => "claim.timeline.filed",
        Some(before) if before == to => "claim.timeline.recorded",
        Some(_) => "claim.timeline.moved",
    };
    let meta = move || {
        i18n.t_with(
            "claim.timeline.meta",
            &[
                ("who", &who(i18n, actor, &actor_name)),
                ("when", &moment(i18n, at)),
            ],
        )
    };
    let note = note.trim().to_owned();
    view! {
        <li class="claim-timeline__event" data-status=to.as_str()>
            <p class="claim-timeline__what">
                <span class="claim-timeline__label">{tr(heading)}</span>
                " "
                <StatusChip status=to />
            </p>
            <p class="claim-timeline__meta">
                <time datetime=at.to_rfc3339()>{meta}</time>
            </p>
            {resolution.map(|r| view! {
                <p class="claim-timeline__resolution">
                    {move || i18n.t_with("claim.timeline.resolution", &[("resolution", &i18n.t(resolution_key(r)))])}
                </p>
            })}
            {(!note.is_empty()).then(|| view! { <p class="claim-timeline__note">{note}</p> })}
        </li>
    }
}

/// The timeline section.
#[component]
pub fn ClaimTimeline(
    /// The claim's events, oldest first (as the server sends them); shown newest first.
    #[prop(into)]
    events: Signal<Vec<ClaimEvent>>,
) -> impl IntoView {
    view! {
        <section class="section" aria-labelledby="claim-timeline-heading">
            <h2 id="claim-timeline-heading" class="heading-m">{tr("claim.timeline.title")}</h2>
            <ol class="claim-timeline">
                {move || {
                    events
                        .get()
                        .into_iter()
                        .rev()
                        .map(|event| view! { <Event event /> })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
