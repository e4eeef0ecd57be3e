//! `/claims/{id}`: one claim — where it stands (the progress stepper and what happens
//! next), "your turn" when it is, the quote to answer, the survey once resolved, the
//! message thread, the details and photos as filed, and the dated history. While the
//! page is open and visible it asks every 10 seconds whether the claim changed (with the
//! last `ETag`, so an unchanged claim costs a 304) and shows the news in place.

use std::time::Duration;

use aftercare_core::claims::{Claim, ClaimMessage, ClaimStatus, NewMessageRequest, QuoteStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::claims::compose::SendMessage;
use crate::components::claims::timeline::resolution_key;
use crate::components::claims::{
    cause_keys, money, ClaimProgress, ClaimTimeline, MessageCompose, MessageThread, PhotoGallery,
    QuoteDecision, QuoteView, SatisfactionSurvey, StatusChip, TrackingLinkControl,
};
use crate::components::common::{LoadError, PageHeading, Skeleton, SuccessBanner};
use crate::components::coverage::remedies::remedy_title_key;
use crate::components::layout::SignedIn;
use crate::components::new_claim::details::contact_key;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
use crate::state::offline::{use_offline, NewOutboxEntry, OutboxKind, OutboxMeta};
use crate::state::session::use_session;

/// How often an open, visible claim page asks for news.
const POLL: Duration = Duration::from_secs(10);

/// What the page shows, apart from the claim's own data.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Ready,
    NotFound,
    Failed(ApiError),
}

/// "Your turn": what the customer should do now, with a link to where they do it.
#[component]
fn YourTurn(#[prop(into)] status: Signal<Option<ClaimStatus>>) -> impl IntoView {
    move || {
        let status = status.get().filter(|s| s.waits_for_customer())?;
        let (key, target) = match status {
            ClaimStatus::QuoteSent => ("claim.your_turn.quote_sent", Some("#quote-heading")),
            ClaimStatus::AwaitingCustomer => (
                "claim.your_turn.awaiting_customer",
                Some("#messages-heading"),
            ),
            _ => ("claim.your_turn.ready_for_pickup", None),
        };
        Some(view! {
            <div class="notice notice--turn" role="region" aria-labelledby="turn-heading">
                <h2 id="turn-heading" class="heading-s">{tr("claim.your_turn_title")}</h2>
                <p>
                    {match target {
                        Some(href) => view! { <a href=href>{tr(key)}</a> }.into_any(),
                        None => view! { <span>{tr(key)}</span> }.into_any(),
                    }}
                </p>
            </div>
        })
    }
}

/// The claim as filed: a summary list.
#[component]
fn Details(claim: Claim) -> impl IntoView {
    let i18n = use_i18n();
    let Claim {
        summary,
        description,
        started_on,
        remedy,
        covered,
        contact,
        phone,
        ..
    } = claim;
    let cause = summary.cause;
    let contact_text = move || match contact {
        aftercare_core::claims::ContactPreference::Phone => {
            i18n.t_with("claim.contact_phone_value", &[("phone", &phone)])
        }
        other => i18n.t(contact_key(other)),
    };
    let remedy_text = move || {
        let cover = if covered {
            "claim.covered"
        } else {
            "claim.not_covered"
        };
        format!("{} ({})", i18n.t(remedy_title_key(remedy)), i18n.t(cover))
    };
    let resolution = summary.resolution;
    view! {
        <section class="section" aria-labelledby="details-heading">
            <h2 id="details-heading" class="heading-m">{tr("claim.details_title")}</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("claim.answer_product")}</dt>
                    <dd class="summary-list__value">
                        <a href=Page::Product(summary.product_id).path()>{summary.product_name.clone()}</a>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("claim.answer_cause")}</dt>
                    <dd class="summary-list__value">{tr(cause_keys(cause).0)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("claim.answer_description")}</dt>
                    <dd class="summary-list__value claim-description">{description}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("claim.answer_started")}</dt>
                    <dd class="summary-list__value" data-iso=started_on.to_string()>{move || i18n.date(started_on)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("claim.answer_remedy")}</dt>
                    <dd class="summary-list__value">{remedy_text}</dd>
                </div>
                {resolution.map(|r| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{tr("claim.answer_resolution")}</dt>
                        <dd class="summary-list__value">{tr(resolution_key(r))}</dd>
                    </div>
                })}
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("claim.answer_contact")}</dt>
                    <dd class="summary-list__value">{contact_text}</dd>
                </div>
                {summary.centre_name.map(|centre| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{tr("claim.answer_centre")}</dt>
                        <dd class="summary-list__value">{centre}</dd>
                    </div>
                })}
            </dl>
        </section>
    }
}

/// One claim, loaded and kept current.
#[component]
fn LoadedClaim(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let notice = RwSignal::new(use_flash().take());
    let state = RwSignal::new(None::<Result<Claim, ApiError>>);
    let etag = StoredValue::new(None::<String>);
    let busy = StoredValue::new(false);
    let announce = RwSignal::new(String::new());
    // Asks for the claim (with the last ETag); replaces it when it changed, and when
    // `polling`, says so in the live region. A failed poll keeps what is shown.
    let load = move |polling: bool| {
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        let tag = etag.get_value();
        spawn_local(async move {
            let result = session.watch(api::claim_if_changed(id, tag).await);
            busy.set_value(false);
            match result {
                Ok(None) => {}
                Ok(Some((claim, tag))) => {
                    etag.set_value(tag);
                    let same = state.with_untracked(|s| matches!(s, Some(Ok(c)) if *c == claim));
                    if !same {
                        state.set(Some(Ok(claim)));
                        if polling {
                            announce.set(String::new());
                            request_animation_frame(move || announce.set(i18n.t("claim.updated")));
                        }
                    }
                }
                Err(e) => {
                    if !polling || state.with_untracked(|s| !matches!(s, Some(Ok(_)))) {
                        state.set(Some(Err(e)));
                    }
                }
            }
        });
    };
    load(false);
    // Something this customer wrote offline has just been sent: look at once.
    let sent = use_offline().sent;
    Effect::new(move |seen: Option<u32>| {
        let now = sent.get();
        if seen.is_some_and(|n| n != now) {
            load(true);
        }
        now
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let ready = state.with_untracked(|s| matches!(s, Some(Ok(_))));
            if ready && !document().hidden() {
                load(true);
            }
        },
        POLL,
    ) {
        on_cleanup(move || handle.clear());
    }
    // After the customer's own action the claim comes back whole; the next poll then
    // fetches it once more under its new tag, which is the same claim (no "Updated").
    let replace = move |claim: Claim| {
        etag.set_value(None);
        state.set(Some(Ok(claim)));
    };
    let claim =
        Memo::new(move |_| state.with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).cloned()));
    let phase = Memo::new(move |_| match state.get() {
        None => Phase::Loading,
        Some(Ok(_)) => Phase::Ready,
        Some(Err(e)) if e.is_not_found() => Phase::NotFound,
        Some(Err(e)) => Phase::Failed(e),
    });
    let status = Memo::new(move |_| claim.with(|c| c.as_ref().map(|c| c.summary.status)));
    let heading = move || match (
        claim.with(|c| c.as_ref().map(|c| c.summary.reference.clone())),
        phase.get(),
    ) {
        (Some(reference), _) => i18n.t_with("claim.heading", &[("reference", &reference)]),
        (None, Phase::NotFound) => i18n.t("claim.not_found"),
        _ => i18n.t("claim.title"),
    };
    let retry = Callback::new(move |()| {
        state.set(None);
        load(false);
    });
    view! {
        <a href=Page::Claims.path() class="back-link">{tr("claim.back")}</a>
        {move || notice.get().map(|message| view! { <SuccessBanner message /> })}
        <PageHeading text=Signal::derive(heading) />
        <p class="live-note caption" role="status" aria-live="polite">{move || announce.get()}</p>
        {move || match phase.get() {
            Phase::Loading => view! { <Skeleton blocks=5 /> }.into_any(),
            Phase::NotFound => view! { <p>{tr("claim.not_found_body")}</p> }.into_any(),
            Phase::Failed(error) => view! { <LoadError error on_retry=retry /> }.into_any(),
            Phase::Ready => view! { <ClaimBody id claim status on_change=Callback::new(replace) /> }.into_any(),
        }}
    }
}

/// The sections of a loaded claim, each following its part of the claim.
#[component]
fn ClaimBody(
    id: i64,
    claim: Memo<Option<Claim>>,
    status: Memo<Option<ClaimStatus>>,
    on_change: Callback<Claim>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let part = move |f: fn(&Claim) -> String| {
        move || claim.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    let product = part(|c| c.summary.product_name.clone());
    let progress = Memo::new(move |_| {
        claim.with(|c| c.as_ref().map(|c| c.progress.clone()).unwrap_or_default())
    });
    let events = Memo::new(move |_| {
        claim.with(|c| c.as_ref().map(|c| c.events.clone()).unwrap_or_default())
    });
    let messages = Memo::new(move |_| {
        claim.with(|c| c.as_ref().map(|c| c.messages.clone()).unwrap_or_default())
    });
    let photos = Memo::new(move |_| {
        claim.with(|c| c.as_ref().map(|c| c.photos.clone()).unwrap_or_default())
    });
    let quote = Memo::new(move |_| claim.with(|c| c.as_ref().and_then(|c| c.quote.clone())));
    let show_survey = Memo::new(move |_| {
        claim.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.can_survey || c.survey.is_some())
        })
    });
    let current_status = Signal::derive(move || status.get().unwrap_or(ClaimStatus::Submitted));
    let decided = RwSignal::new(None::<bool>);
    let offline = use_offline();
    let send: SendMessage = Action::new_unsync(move |request: &NewMessageRequest| {
        let request = request.clone();
        let key = api::new_idempotency_key();
        async move {
            let result = session.watch(api::send_message(id, &request, &key).await);
            let keep = || {
                Some(NewOutboxEntry {
                    account: session.me_untracked()?.id,
                    kind: OutboxKind::Message,
                    url: format!("/claims/{id}/messages"),
                    body: serde_json::to_value(&request).ok()?,
                    meta: OutboxMeta {
                        title: claim.get_untracked()?.summary.reference,
                        claim_id: Some(id),
                        form: serde_json::json!({ "body": request.body }),
                        ..OutboxMeta::default()
                    },
                    id: key,
                })
            };
            offline.or_keep(result, keep, &[]).await
        }
    });
    // A refused message the customer chose to open again comes back into the box.
    let restored = offline
        .restore_message
        .get_untracked()
        .filter(|(claim, _)| *claim == id)
        .map(|(_, text)| {
            offline.restore_message.set(None);
            text
        });
    // A sent message joins the thread at once; the claim itself may have moved (an
    // answer puts it back into review), which the next poll brings.
    let version = send.version();
    Effect::new(move |seen: Option<usize>| {
        let now = version.get();
        if seen.is_some_and(|v| v != now) {
            if let Some(Ok(message)) = send.value().get_untracked() {
                let message: ClaimMessage = message;
                if let Some(mut c) = claim.get_untracked() {
                    if !c.messages.iter().any(|m| m.id == message.id) {
                        c.messages.push(message);
                        on_change.run(c);
                    }
                }
            }
        }
        now
    });
    let on_decided = Callback::new(move |(c, accept): (Claim, bool)| {
        decided.set(Some(accept));
        on_change.run(c);
    });
    let quote_section = move || {
        quote.get().map(|q| {
            let pending = q.status == QuoteStatus::Pending && status.get() == Some(ClaimStatus::QuoteSent);
            let currency = q.currency.clone();
            let total_minor = q.totals.total_minor;
            let total = Signal::derive(move || money(i18n, total_minor, &currency));
            view! {
                <section class="section" aria-labelledby="quote-heading">
                    <h2 id="quote-heading" class="heading-m" tabindex="-1">{tr("claim.quote_title")}</h2>
                    {move || decided.get().map(|accepted| {
                        let key = if accepted { "claim.quote.accepted" } else { "claim.quote.declined" };
                        view! { <SuccessBanner message=Signal::derive(move || i18n.t(key)) /> }
                    })}
                    <QuoteView quote=q />
                    {pending.then(|| view! { <QuoteDecision claim_id=id total on_decided /> })}
                </section>
            }
        })
    };
    let survey_section = move || {
        show_survey.get().then(|| {
            let answered = claim.with_untracked(|c| c.as_ref().and_then(|c| c.survey.clone()));
            view! { <SatisfactionSurvey claim_id=id answered on_answered=on_change /> }
        })
    };
    let can_write = Memo::new(move |_| status.get().is_some_and(|s| s != ClaimStatus::Closed));
    view! {
        <p class="claim-heading__meta">
            <span class="caption">{product}</span>
            " "
            {move || status.get().map(|status| view! { <StatusChip status /> })}
        </p>
        <YourTurn status />
        <ClaimProgress steps=progress status=current_status />
        {survey_section}
        {quote_section}
        <section class="section" aria-labelledby="messages-heading">
            <h2 id="messages-heading" class="heading-m" tabindex="-1">{tr("claim.messages_title")}</h2>
            <MessageThread messages />
            {move || can_write.get().then(|| view! { <MessageCompose send initial=restored.clone().unwrap_or_default() /> })}
        </section>
        {move || claim.get().map(|c| view! { <Details claim=c /> })}
        <PhotoGallery files=photos />
        <ClaimTimeline events />
        <TrackingLinkControl claim_id=id />
    }
}

/// The claim with the id in the path.
#[component]
fn ClaimView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    move || match id.get() {
        Some(id) => view! { <LoadedClaim id /> }.into_any(),
        None => view! {
            <PageHeading text=tr("claim.not_found") />
            <p>{tr("claim.not_found_body")}</p>
        }
        .into_any(),
    }
}

/// The claim page.
#[component]
pub fn ClaimPage() -> impl IntoView {
    view! {
        <SignedIn>
            <div class="narrow claim-page">
                <ClaimView />
            </div>
        </SignedIn>
    }
}
