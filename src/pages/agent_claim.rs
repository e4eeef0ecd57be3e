//! `/agent/claims/{id}`: one claim in the back office — the customer and product, the
//! product's coverage, the claim as filed, photos, progress and timeline — then what the
//! agent can do: move it, write to the customer, send a quote, record a repair or a
//! replacement. The claim is loaded once and re-fetched after each action; sections
//! update in place, so an open message draft survives a move.

use aftercare_core::claims::{
    check_work, Actor, Claim, ClaimFacts, ClaimMessage, ClaimStatus, NewMessageRequest,
};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::agent_claims::work_forms::cover_end;
use crate::components::agent_claims::{
    done_text, ClaimAsFiled, ClaimCoverage, ClaimParties, Done, QuoteForm, TransitionActions,
    WorkRecords,
};
use crate::components::claims::compose::SendMessage;
use crate::components::claims::{
    ClaimProgress, ClaimTimeline, MessageCompose, MessageThread, PhotoGallery, QuoteView,
    StatusChip,
};
use crate::components::common::{focus_by_id, LoadError, PageHeading, Skeleton, SuccessBanner};
use crate::components::layout::AgentOnly;
use crate::pages::{load_by_path_id, path_id};
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The loaded claim's page, or how loading went; a re-fetch keeps the page as it is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Loaded,
    NotFound,
    Failed(ApiError),
}

/// A link to a section further down that moves focus there (and so scrolls to it).
#[component]
fn JumpLink(target: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <a
            href=format!("#{target}")
            on:click=move |ev| {
                ev.prevent_default();
                focus_by_id(target);
            }
        >
            {tr(label)}
        </a>
    }
}

/// What the agent can do now: the moves, and (in review) the quote form; re-drawn when
/// the claim's status, moves or cover change, which also closes any open form.
#[component]
fn Actions(claim: Signal<Claim>, on_done: Callback<Done>) -> impl IntoView {
    let shape = Memo::new(move |_| {
        claim.with(|c| (c.summary.status, c.next.clone(), c.covered, cover_end(c)))
    });
    move || {
        let _ = shape.get();
        let current = claim.get_untracked();
        let id = current.summary.id;
        let in_review = current.summary.status == ClaimStatus::InReview;
        let workable = check_work(
            current.summary.status,
            ClaimFacts {
                covered: current.covered,
            },
        )
        .is_ok();
        view! {
            <section class="section" aria-labelledby="moves-heading">
                <h2 id="moves-heading" class="heading-m" tabindex="-1">{tr("agent_claim.moves_title")}</h2>
                <TransitionActions claim=current.clone() on_done />
            </section>
            {in_review.then(|| view! {
                <section class="section" aria-labelledby="quote-heading">
                    <h2 id="quote-heading" class="heading-m" tabindex="-1">{tr("agent_claim.quote_title")}</h2>
                    {(!current.covered).then(|| view! { <p>{tr("agent_claim.quote_needed")}</p> })}
                    <QuoteForm claim_id=id on_done />
                </section>
            })}
            {workable.then(|| view! {
                <section class="section" aria-labelledby="work-heading">
                    <h2 id="work-heading" class="heading-m">{tr("agent_claim.work_title")}</h2>
                    <WorkRecords claim=current.clone() on_done />
                </section>
            })}
        }
    }
}

/// The page body once the claim is loaded.
#[component]
fn ClaimView(claim: Signal<Claim>, refetch: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let done = RwSignal::new(None::<Done>);
    let first = claim.get_untracked();
    let id = first.summary.id;
    let on_done = Callback::new(move |what: Done| {
        done.set(Some(what));
        refetch.run(());
        request_animation_frame(|| focus_by_id("claim-notice"));
    });
    let send: SendMessage = Action::new_local(move |request: &NewMessageRequest| {
        let request = request.clone();
        async move { session.watch(api::send_agent_claim_message(id, &request).await) }
    });
    // A message sent (perhaps asking the customer, which moves the claim): load it again,
    // and drop the notice of an earlier action, which may no longer be true.
    Effect::new(move |seen: Option<usize>| {
        let now = send.version().get();
        if seen.is_some_and(|v| v != now)
            && matches!(send.value().get_untracked(), Some(Ok::<ClaimMessage, _>(_)))
        {
            done.set(None);
            refetch.run(());
        }
        now
    });
    let status = Memo::new(move |_| claim.with(|c| c.summary.status));
    let coverage = Memo::new(move |_| claim.with(|c| c.coverage.clone()));
    let quote = Memo::new(move |_| claim.with(|c| c.quote.clone()));
    let caption = {
        let s = &first.summary;
        format!(
            "{} · {}",
            s.customer_name.clone().unwrap_or_default(),
            s.product_name
        )
    };
    view! {
        <p class="caption">{caption}</p>
        <p class="claim-status-line">
            {move || view! { <StatusChip status=status.get() /> }}
            " "
            <JumpLink target="moves-heading" label="agent_claim.jump_to_actions" />
        </p>
        <ClaimParties claim=first.clone() />
        {move || view! { <ClaimCoverage coverage=coverage.get() /> }}
        <ClaimAsFiled claim=first.clone() />
        <PhotoGallery files=Signal::derive(move || claim.with(|c| c.photos.clone())) />
        <ClaimProgress steps=Signal::derive(move || claim.with(|c| c.progress.clone())) />
        <ClaimTimeline events=Signal::derive(move || claim.with(|c| c.events.clone())) />
        <div id="claim-notice" tabindex="-1" class="claim-notice">
            {move || done.get().map(|what| view! {
                <SuccessBanner message=Signal::derive(move || done_text(i18n, what)) />
            })}
        </div>
        {move || quote.get().map(|quote| view! {
            <section class="section" aria-labelledby="current-quote-heading">
                <h2 id="current-quote-heading" class="heading-m">{tr("agent_claim.current_quote")}</h2>
                <QuoteView quote />
            </section>
        })}
        <Actions claim on_done />
        <section class="section" aria-labelledby="thread-heading">
            <h2 id="thread-heading" class="heading-m">{tr("agent_claim.thread_title")}</h2>
            <MessageThread
                messages=Signal::derive(move || claim.with(|c| c.messages.clone()))
                viewer=Actor::Agent
            />
            <MessageCompose send allow_request_for_info=true />
        </section>
    }
}

/// The claim, loaded by the id in the path.
#[component]
fn AgentClaim() -> impl IntoView {
    let i18n = use_i18n();
    let id = path_id();
    let loaded = load_by_path_id(api::agent_claim);
    // The last claim that loaded: a failed re-fetch does not take the page away. Another
    // id in the address starts afresh.
    let latest = RwSignal::new(None::<Claim>);
    Effect::new(move || {
        if let Some(Ok(claim)) = loaded.get() {
            latest.set(Some(claim));
        }
    });
    let current_id = Memo::new(move |_| id());
    Effect::new(move |seen: Option<Option<i64>>| {
        let now = current_id.get();
        if seen.is_some_and(|before| before != now) {
            latest.set(None);
        }
        now
    });
    let phase = Memo::new(
        move |_| match (loaded.get(), latest.with(Option::is_some)) {
            (_, true) => Phase::Loaded,
            (None, false) => Phase::Loading,
            (Some(Ok(_)), false) => Phase::Loading,
            (Some(Err(e)), false) if e.is_not_found() => Phase::NotFound,
            (Some(Err(e)), false) => Phase::Failed(e),
        },
    );
    let heading = move || match (latest.get(), phase.get()) {
        (Some(c), _) => i18n.t_with("agent_claim.title", &[("reference", &c.summary.reference)]),
        (None, Phase::NotFound) => i18n.t("agent_claim.not_found_title"),
        _ => i18n.t("agent_claim.loading_title"),
    };
    let refetch = Callback::new(move |()| loaded.refetch());
    view! {
        <a href=Page::AgentClaims.path() class="back-link">{tr("agent_claim.back")}</a>
        <PageHeading text=Signal::derive(heading) />
        {move || match phase.get() {
            Phase::Loading => view! { <Skeleton blocks=5 /> }.into_any(),
            Phase::Loaded => {
                let fallback = latest.get_untracked();
                match fallback {
                    Some(first) => {
                        let claim = Signal::derive(move || latest.get().unwrap_or_else(|| first.clone()));
                        view! { <ClaimView claim refetch /> }.into_any()
                    }
                    None => view! { <Skeleton blocks=5 /> }.into_any(),
                }
            }
            Phase::NotFound => view! {
                <p>{tr("agent_claim.not_found_body")}</p>
                <p><a href=Page::AgentClaims.path()>{tr("agent_claim.back")}</a></p>
            }
            .into_any(),
            Phase::Failed(error) => view! { <LoadError error on_retry=refetch /> }.into_any(),
        }}
    }
}

/// The claim page of the back office.
#[component]
pub fn AgentClaimPage() -> impl IntoView {
    view! {
        <AgentOnly>
            <AgentClaim />
        </AgentOnly>
    }
}
