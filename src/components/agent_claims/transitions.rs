//! "Move this claim": one button per status the agent may move it to now (the server's
//! `next`), each opening a small form — a note (required to reject or to ask the
//! customer for something) and, to resolve, how. The move is checked in the browser with
//! core's `check_transition` before it is sent, so the two sides cannot disagree.

use aftercare_core::claims::{
    check_transition, Actor, Claim, ClaimFacts, ClaimStatus, Move, Resolution, TransitionError,
    TransitionRequest,
};
use aftercare_core::problem::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{agent_status_key, Done};
use crate::api;
use crate::components::common::{focus_by_id, ErrorSummary, FieldNotes};
use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The resolutions `check_transition` allows for resolving a claim now.
pub fn allowed_resolutions(from: ClaimStatus, facts: ClaimFacts) -> Vec<Resolution> {
    Resolution::ALL
        .into_iter()
        .filter(|r| {
            let mv = Move {
                to: ClaimStatus::Resolved,
                actor: Actor::Agent,
                note: "",
                resolution: Some(*r),
            };
            check_transition(from, facts, &mv).is_ok()
        })
        .collect()
}

/// Whether moving to `to` needs a note.
pub fn note_required(to: ClaimStatus) -> bool {
    matches!(to, ClaimStatus::Rejected | ClaimStatus::AwaitingCustomer)
}

/// A refused move as the error beside the field it is about (the form otherwise).
pub fn transition_field_error(error: TransitionError) -> FieldError {
    let field = match error {
        TransitionError::NoteRequired => "note",
        TransitionError::ResolutionRequired | TransitionError::ResolutionNotAllowed => "resolution",
        _ => "",
    };
    FieldError::new(field, error.code(), error.message())
}

/// The move's request, or why it would be refused.
pub fn transition_request(
    from: ClaimStatus,
    facts: ClaimFacts,
    to: ClaimStatus,
    note: &str,
    resolution: Option<Resolution>,
) -> Result<TransitionRequest, FieldError> {
    let resolution = resolution.filter(|_| to == ClaimStatus::Resolved);
    let mv = Move {
        to,
        actor: Actor::Agent,
        note,
        resolution,
    };
    check_transition(from, facts, &mv).map_err(transition_field_error)?;
    Ok(TransitionRequest {
        to,
        note: note.trim().to_owned(),
        resolution,
    })
}

/// The label of the button that opens a move's form ("Move to In review").
fn button_key(to: ClaimStatus) -> &'static str {
    match to {
        ClaimStatus::Rejected => "agent_claim.move_reject",
        ClaimStatus::AwaitingCustomer => "agent_claim.move_ask_customer",
        ClaimStatus::Resolved => "agent_claim.move_resolve",
        ClaimStatus::Closed => "agent_claim.move_close",
        _ => "agent_claim.move_to",
    }
}

/// The form of one move.
#[component]
fn MoveForm(
    claim_id: i64,
    from: ClaimStatus,
    facts: ClaimFacts,
    to: ClaimStatus,
    on_cancel: Callback<()>,
    on_done: Callback<Done>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let note = RwSignal::new(String::new());
    let resolution = RwSignal::new(None::<Resolution>);
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let status_name = move || i18n.t(&agent_status_key(to));
    let resolutions = allowed_resolutions(from, facts);
    let resolving = to == ClaimStatus::Resolved;
    let impossible = resolving && resolutions.is_empty();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = match transition_request(
            from,
            facts,
            to,
            &note.get_untracked(),
            resolution.get_untracked(),
        ) {
            Ok(request) => request,
            Err(error) => return errors.set(vec![error]),
        };
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::transition_claim(claim_id, &request).await);
            pending.set(false);
            match result {
                Ok(_) => on_done.run(Done::Moved(to)),
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    let note_hint = Signal::derive(move || {
        let key = match to {
            ClaimStatus::Rejected => "agent_claim.note_hint_reject",
            ClaimStatus::AwaitingCustomer => "agent_claim.note_hint_ask",
            _ => "agent_claim.note_hint",
        };
        i18n.t(key)
    });
    let note_error = errors.message("note");
    let has_note_error = move || note_error.with(Option::is_some);
    let note_label = if note_required(to) {
        "agent_claim.note_required"
    } else {
        "agent_claim.note_optional"
    };
    let resolution_error = errors.message("resolution");
    let resolution_choice = resolving.then(|| {
        let radios = resolutions
            .iter()
            .copied()
            .enumerate()
            .map(|(i, r)| {
                let id = if i == 0 {
                    "move-resolution".to_owned()
                } else {
                    format!("move-resolution-{}", r.as_str())
                };
                view! {
                    <div class="choice">
                        <input
                            id=id.clone()
                            class="choice__input"
                            type="radio"
                            name="resolution"
                            prop:checked=move || resolution.get() == Some(r)
                            on:change=move |_| resolution.set(Some(r))
                        />
                        <label class="choice__label" for=id>{tr(crate::components::claims::timeline::resolution_key(r))}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset
                class="fieldset form-group"
                class:form-group--error=move || resolution_error.with(Option::is_some)
                aria-describedby=move || {
                    resolution_error.with(Option::is_some).then_some("move-resolution-group-error")
                }
            >
                <legend class="label">{tr("agent_claim.resolution")}</legend>
                <FieldNotes id="move-resolution-group" hint=None error=resolution_error />
                {if impossible {
                    view! { <p class="hint">{tr("agent_claim.no_resolution")}</p> }.into_any()
                } else {
                    view! { <div class="choices">{radios}</div> }.into_any()
                }}
            </fieldset>
        }
    });
    view! {
        <form class="inline-form move-form" on:submit=submit novalidate aria-labelledby="move-heading">
            <h3 id="move-heading" class="heading-s">
                {move || i18n.t_with("agent_claim.move_heading", &[("status", &status_name())])}
            </h3>
            <ErrorSummary errors id_prefix="move-" />
            {resolution_choice}
            <div class="form-group" class:form-group--error=has_note_error>
                <label class="label" for="move-note">{tr(note_label)}</label>
                <FieldNotes id="move-note" hint=Some(note_hint) error=note_error />
                <textarea
                    id="move-note"
                    class="textarea"
                    rows="3"
                    maxlength="4000"
                    aria-describedby=move || {
                        if has_note_error() { "move-note-hint move-note-error" } else { "move-note-hint" }
                    }
                    aria-invalid=move || has_note_error().then_some("true")
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="button-group">
                <button
                    type="submit"
                    class="button"
                    class:button--warning=to == ClaimStatus::Rejected
                    disabled=move || pending.get() || impossible
                >
                    {move || i18n.t_with("agent_claim.move_submit", &[("status", &status_name())])}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    {tr("common.cancel")}
                </button>
            </div>
        </form>
    }
}

/// The move buttons for `claim.next` (a quote is sent with the quote form instead), and
/// the open move's form.
#[component]
pub fn TransitionActions(
    /// The claim as loaded.
    claim: Claim,
    /// Told what was done after a move.
    on_done: Callback<Done>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<ClaimStatus>);
    let from = claim.summary.status;
    let facts = ClaimFacts {
        covered: claim.covered,
    };
    let id = claim.summary.id;
    let moves: Vec<ClaimStatus> = claim
        .next
        .iter()
        .copied()
        .filter(|s| *s != ClaimStatus::QuoteSent)
        // Resolving is offered only where some resolution fits this claim now.
        .filter(|s| *s != ClaimStatus::Resolved || !allowed_resolutions(from, facts).is_empty())
        .collect();
    let quote_next = claim.next.contains(&ClaimStatus::QuoteSent);
    if moves.is_empty() && !quote_next {
        return view! { <p class="hint">{tr("agent_claim.no_moves")}</p> }.into_any();
    }
    let buttons = moves
        .iter()
        .copied()
        .map(|to| {
            let label = move || {
                i18n.t_with(
                    button_key(to),
                    &[("status", &i18n.t(&agent_status_key(to)))],
                )
            };
            let toggle = move |_| {
                if open.get_untracked() == Some(to) {
                    open.set(None);
                } else {
                    open.set(Some(to));
                    request_animation_frame(|| focus_by_id("move-note"));
                }
            };
            view! {
                <button
                    type="button"
                    class="button button--secondary"
                    class:move-button--danger=to == ClaimStatus::Rejected
                    aria-expanded=move || if open.get() == Some(to) { "true" } else { "false" }
                    on:click=toggle
                    data-move=to.as_str()
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let cancel = Callback::new(move |()| open.set(None));
    let on_done = Callback::new(move |what: Done| {
        open.set(None);
        on_done.run(what);
    });
    view! {
        <div class="button-group move-buttons" role="group" aria-label=tr("agent_claim.moves")>
            {buttons}
            {quote_next.then(|| view! {
                <a href="#quote-heading" class="button button--secondary">{tr("agent_claim.write_quote")}</a>
            })}
        </div>
        {move || open.get().map(|to| view! {
            <MoveForm claim_id=id from facts to on_cancel=cancel on_done />
        })}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    const COVERED: ClaimFacts = ClaimFacts { covered: true };
    const NOT_COVERED: ClaimFacts = ClaimFacts { covered: false };

    #[test]
    fn resolving_offers_only_the_resolutions_the_workflow_allows() {
        assert_eq!(
            allowed_resolutions(ClaimStatus::InRepair, NOT_COVERED),
            [Resolution::Repaired]
        );
        assert_eq!(
            allowed_resolutions(ClaimStatus::InReview, COVERED),
            [Resolution::Replaced, Resolution::Refunded]
        );
        assert!(allowed_resolutions(ClaimStatus::InReview, NOT_COVERED).is_empty());
    }

    #[test]
    fn rejecting_without_a_note_is_refused_beside_the_note() {
        let refused = transition_request(
            ClaimStatus::InReview,
            COVERED,
            ClaimStatus::Rejected,
            "  ",
            None,
        )
        .expect_err("no note");
        assert_eq!(refused.field, "note");
        assert_eq!(refused.code, "error.claim_note_required");
        let sent = transition_request(
            ClaimStatus::InReview,
            COVERED,
            ClaimStatus::Rejected,
            " Liquid inside ",
            Some(Resolution::Refunded),
        )
        .expect("a note");
        assert_eq!(sent.note, "Liquid inside");
        assert_eq!(sent.resolution, None);
    }

    #[test]
    fn resolving_needs_a_resolution_beside_its_choice() {
        let refused = transition_request(
            ClaimStatus::InRepair,
            COVERED,
            ClaimStatus::Resolved,
            "",
            None,
        )
        .expect_err("no resolution");
        assert_eq!(refused.field, "resolution");
    }
}
