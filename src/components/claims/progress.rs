//! The claim's progress as a stepper the app draws: its stages in order, each marked
//! done (a tick, with the day it was reached), current (a filled ring), upcoming (an empty
//! ring) or skipped (a crossed-out ring), always with the state in words too. A vertical
//! list on phones, one row across on wide screens (see `.stepper` in the stylesheet).

use aftercare_core::claims::{ClaimStatus, ProgressStep, Stage, StepState};
use leptos::prelude::*;

use super::day;
use crate::components::layout::is_agent;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The state's words and the class fragment of its picture.
fn state_parts(state: StepState) -> (&'static str, &'static str) {
    match state {
        StepState::Done => ("claim.step_state.done", "done"),
        StepState::Current => ("claim.step_state.current", "current"),
        StepState::Upcoming => ("claim.step_state.upcoming", "upcoming"),
        StepState::Skipped => ("claim.step_state.skipped", "skipped"),
    }
}

/// The sentence saying what happens next while a claim has this status.
pub fn next_key(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Submitted => "claim.next.submitted",
        ClaimStatus::InReview => "claim.next.in_review",
        ClaimStatus::AwaitingCustomer => "claim.next.awaiting_customer",
        ClaimStatus::QuoteSent => "claim.next.quote_sent",
        ClaimStatus::QuoteAccepted => "claim.next.quote_accepted",
        ClaimStatus::QuoteDeclined => "claim.next.quote_declined",
        ClaimStatus::AwaitingParts => "claim.next.awaiting_parts",
        ClaimStatus::InRepair => "claim.next.in_repair",
        ClaimStatus::ReadyForPickup => "claim.next.ready_for_pickup",
        ClaimStatus::ShippedBack => "claim.next.shipped_back",
        ClaimStatus::Resolved => "claim.next.resolved",
        ClaimStatus::Closed => "claim.next.closed",
        ClaimStatus::Rejected => "claim.next.rejected",
    }
}

/// The marker: an SVG circle per state (hidden from screen readers, which hear the words).
fn marker(state: StepState) -> impl IntoView {
    let shape = match state {
        StepState::Done => view! {
            <circle cx="14" cy="14" r="12" class="stepper__disc" />
            <path d="M8 14.5l4 4 8-9" class="stepper__tick" />
        }
        .into_any(),
        StepState::Current => view! {
            <circle cx="14" cy="14" r="11" class="stepper__ring" />
            <circle cx="14" cy="14" r="5" class="stepper__dot" />
        }
        .into_any(),
        StepState::Upcoming => {
            view! { <circle cx="14" cy="14" r="11" class="stepper__ring" /> }.into_any()
        }
        StepState::Skipped => view! {
            <circle cx="14" cy="14" r="11" class="stepper__ring" />
            <path d="M8 20L20 8" class="stepper__cross" />
        }
        .into_any(),
    };
    view! {
        <svg class="stepper__marker" viewBox="0 0 28 28" width="28" height="28" aria-hidden="true" focusable="false">
            {shape}
        </svg>
    }
}

/// One stage of the stepper.
/// A stage's name in the words of whoever is signed in: "Back to you" for the customer,
/// "Back to the customer" for the back office.
fn stage_key_for_viewer(stage: Stage) -> &'static str {
    let agent = use_session().me().is_some_and(|me| is_agent(me.role));
    match stage {
        Stage::Return if agent => "claim.stage.return_agent",
        _ => stage.key(),
    }
}

#[component]
fn Step(step: ProgressStep) -> impl IntoView {
    let i18n = use_i18n();
    let (state_key, slug) = state_parts(step.state);
    let current = step.state == StepState::Current;
    let when = step
        .reached
        .filter(|_| matches!(step.state, StepState::Done | StepState::Current));
    let when_text = move || {
        when.map(|at| {
            let key = if current {
                "claim.step_since"
            } else {
                "claim.step_on"
            };
            i18n.t_with(key, &[("date", &day(i18n, at))])
        })
    };
    view! {
        <li
            class=format!("stepper__step stepper__step--{slug}")
            aria-current=current.then_some("step")
            data-stage=stage_slug(step.stage)
            data-state=slug
        >
            {marker(step.state)}
            <div class="stepper__text">
                <span class="stepper__name">{tr(stage_key_for_viewer(step.stage))}</span>
                <span class="stepper__state">{tr(state_key)}</span>
                {when.map(|at| view! { <span class="stepper__date" data-iso=at.to_rfc3339()>{when_text}</span> })}
            </div>
        </li>
    }
}

/// The stage's stable name, for tests and styling.
fn stage_slug(stage: Stage) -> &'static str {
    match stage {
        Stage::Submitted => "submitted",
        Stage::Review => "review",
        Stage::Quote => "quote",
        Stage::Repair => "repair",
        Stage::Return => "return",
        Stage::Done => "done",
    }
}

/// The stepper, from core's [`aftercare_core::claims::progress`] (a claim carries it as
/// `progress`). Given the claim's status, it also says what happens next, in the
/// customer's words.
#[component]
pub fn ClaimProgress(
    /// The stages in order, as core computed them.
    #[prop(into)]
    steps: Signal<Vec<ProgressStep>>,
    /// The claim's status: when given, a "What happens next" sentence follows the picture.
    #[prop(optional, into)]
    status: Option<Signal<ClaimStatus>>,
) -> impl IntoView {
    view! {
        <section class="section" aria-labelledby="progress-heading">
            <h2 id="progress-heading" class="heading-m">{tr("claim.progress_title")}</h2>
            <ol class="stepper">
                {move || steps.get().into_iter().map(|step| view! { <Step step /> }).collect_view()}
            </ol>
            {status.map(|status| {
                let i18n = use_i18n();
                view! {
                    <div class="stepper__next">
                        <h3 class="heading-s">{tr("claim.next_title")}</h3>
                        <p data-next=move || status.get().as_str()>{move || i18n.t(next_key(status.get()))}</p>
                    </div>
                }
            })}
        </section>
    }
}
