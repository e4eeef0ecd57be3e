//! Warranty claims: the workflow as a state machine (who may move a claim where, and
//! when work may start), the progress a customer sees, quotes' arithmetic, the form
//! rules — and the claim wire types under `/api/v1/claims` and `/api/v1/agent/claims`.
//!
//! The server refuses every move [`check_transition`] refuses; the app asks the same
//! function which buttons to show, so the two cannot disagree.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::problem::{FieldError, FieldErrors};
use crate::validate::parse_date;
use crate::warranty::{ClaimCause, RemedyKind};

/// Where a claim stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Filed by the customer, not yet looked at.
    Submitted,
    /// An agent is assessing it.
    InReview,
    /// The agent asked the customer for something (a photo, a receipt, an answer).
    AwaitingCustomer,
    /// Not covered: a priced quote waits for the customer's answer.
    QuoteSent,
    /// The customer accepted the quote; work may start.
    QuoteAccepted,
    /// The customer declined the quote; no work will be done.
    QuoteDeclined,
    /// Waiting for spare parts.
    AwaitingParts,
    /// Being repaired.
    InRepair,
    /// Done; the customer collects it at the centre.
    ReadyForPickup,
    /// Done; on its way back to the customer.
    ShippedBack,
    /// Settled: repaired, replaced or refunded.
    Resolved,
    /// Finished with; nothing more will happen.
    Closed,
    /// Refused, always with a reason.
    Rejected,
}

impl ClaimStatus {
    /// Every status, in workflow order.
    pub const ALL: [ClaimStatus; 13] = [
        ClaimStatus::Submitted,
        ClaimStatus::InReview,
        ClaimStatus::AwaitingCustomer,
        ClaimStatus::QuoteSent,
        ClaimStatus::QuoteAccepted,
        ClaimStatus::QuoteDeclined,
        ClaimStatus::AwaitingParts,
        ClaimStatus::InRepair,
        ClaimStatus::ReadyForPickup,
        ClaimStatus::ShippedBack,
        ClaimStatus::Resolved,
        ClaimStatus::Closed,
        ClaimStatus::Rejected,
    ];

    /// The stored and wire name (`in_review`).
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Submitted => "submitted",
            ClaimStatus::InReview => "in_review",
            ClaimStatus::AwaitingCustomer => "awaiting_customer",
            ClaimStatus::QuoteSent => "quote_sent",
            ClaimStatus::QuoteAccepted => "quote_accepted",
            ClaimStatus::QuoteDeclined => "quote_declined",
            ClaimStatus::AwaitingParts => "awaiting_parts",
            ClaimStatus::InRepair => "in_repair",
            ClaimStatus::ReadyForPickup => "ready_for_pickup",
            ClaimStatus::ShippedBack => "shipped_back",
            ClaimStatus::Resolved => "resolved",
            ClaimStatus::Closed => "closed",
            ClaimStatus::Rejected => "rejected",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The translation key naming the status (`claim.status.in_review`).
    pub fn key(self) -> String {
        format!("claim.status.{}", self.as_str())
    }

    /// Whether nothing more will happen (closed, or rejected).
    pub fn is_final(self) -> bool {
        matches!(self, ClaimStatus::Closed | ClaimStatus::Rejected)
    }

    /// Whether the claim is still being worked on (not resolved, closed or rejected):
    /// the agents' queue shows these.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            ClaimStatus::Resolved | ClaimStatus::Closed | ClaimStatus::Rejected
        )
    }

    /// Whether the next move is the customer's (shown as "your turn").
    pub fn waits_for_customer(self) -> bool {
        matches!(
            self,
            ClaimStatus::AwaitingCustomer | ClaimStatus::QuoteSent | ClaimStatus::ReadyForPickup
        )
    }

    /// The stage of the progress picture this status belongs to.
    pub fn stage(self) -> Stage {
        match self {
            ClaimStatus::Submitted => Stage::Submitted,
            ClaimStatus::InReview | ClaimStatus::AwaitingCustomer => Stage::Review,
            ClaimStatus::QuoteSent | ClaimStatus::QuoteAccepted | ClaimStatus::QuoteDeclined => {
                Stage::Quote
            }
            ClaimStatus::AwaitingParts | ClaimStatus::InRepair => Stage::Repair,
            ClaimStatus::ReadyForPickup | ClaimStatus::ShippedBack => Stage::Return,
            ClaimStatus::Resolved | ClaimStatus::Closed | ClaimStatus::Rejected => Stage::Done,
        }
    }
}

impl fmt::Display for ClaimStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a resolved claim was settled.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The unit was repaired.
    Repaired,
    /// A new unit replaced it.
    Replaced,
    /// The money came back.
    Refunded,
}

impl Resolution {
    /// Every resolution.
    pub const ALL: [Resolution; 3] = [
        Resolution::Repaired,
        Resolution::Replaced,
        Resolution::Refunded,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Repaired => "repaired",
            Resolution::Replaced => "replaced",
            Resolution::Refunded => "refunded",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The translation key naming it (`claim.resolution.repaired`).
    pub fn key(self) -> String {
        format!("claim.resolution.{}", self.as_str())
    }
}

/// Who acts on a claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The customer who filed it.
    Customer,
    /// A service agent.
    Agent,
}

impl Actor {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Customer => "customer",
            Actor::Agent => "agent",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [Actor::Customer, Actor::Agent]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// What the state machine needs to know about a claim besides its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimFacts {
    /// Whether the remedy asked for is free under the coverage (warranty, legal
    /// guarantee, plan). A claim that is not covered needs an accepted quote before any
    /// work, and cannot be settled by a free replacement or refund.
    pub covered: bool,
}

/// A move on a claim: to this status, by this actor, with a note and (for resolving) how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move<'a> {
    /// The status asked for.
    pub to: ClaimStatus,
    /// Who asks.
    pub actor: Actor,
    /// The note given (trimmed by the checker).
    pub note: &'a str,
    /// How it was settled (only when `to` is resolved).
    pub resolution: Option<Resolution>,
}

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The workflow has no such step from the current status.
    NotAllowed {
        /// The claim's status.
        from: ClaimStatus,
        /// The status asked for.
        to: ClaimStatus,
    },
    /// The step exists but belongs to the other side (a customer accepts a quote; an
    /// agent moves the work along).
    NotYourMove,
    /// Work on a claim that is not covered waits for an accepted quote.
    QuoteNotAccepted,
    /// Rejecting, or asking the customer for something, needs a note saying why / what.
    NoteRequired,
    /// Resolving needs a resolution.
    ResolutionRequired,
    /// A resolution given where none belongs, or one this claim cannot have here (a free
    /// replacement or refund for a claim that is not covered; "repaired" before a repair).
    ResolutionNotAllowed,
}

impl TransitionError {
    /// The problem code (a translation key).
    pub fn code(self) -> &'static str {
        match self {
            TransitionError::NotAllowed { .. } => "error.claim_transition",
            TransitionError::NotYourMove => "error.claim_not_your_move",
            TransitionError::QuoteNotAccepted => "error.claim_quote_not_accepted",
            TransitionError::NoteRequired => "error.claim_note_required",
            TransitionError::ResolutionRequired => "error.claim_resolution_required",
            TransitionError::ResolutionNotAllowed => "error.claim_resolution_not_allowed",
        }
    }

    /// The message in English.
    pub fn message(self) -> String {
        match self {
            TransitionError::NotAllowed { from, to } => format!(
                "A claim that is {} cannot become {}",
                from.as_str().replace('_', " "),
                to.as_str().replace('_', " ")
            ),
            TransitionError::NotYourMove => {
                "This step is not yours to take on this claim".to_owned()
            }
            TransitionError::QuoteNotAccepted => {
                "This claim is not covered: work starts only after the customer accepts a quote"
                    .to_owned()
            }
            TransitionError::NoteRequired => {
                "Write a note saying why, or what the customer should send".to_owned()
            }
            TransitionError::ResolutionRequired => {
                "Choose how the claim was resolved: repaired, replaced or refunded".to_owned()
            }
            TransitionError::ResolutionNotAllowed => {
                "This resolution is not possible for this claim at this step".to_owned()
            }
        }
    }
}

/// The workflow's steps from a status, with who takes each, ignoring the facts and
/// notes that [`check_transition`] also weighs.
pub fn steps_from(from: ClaimStatus) -> &'static [(ClaimStatus, Actor)] {
    use Actor::{Agent as A, Customer as C};
    use ClaimStatus::*;
    match from {
        Submitted => &[(InReview, A), (Rejected, A)],
        InReview => &[
            (AwaitingCustomer, A),
            (QuoteSent, A),
            (AwaitingParts, A),
            (InRepair, A),
            (Resolved, A),
            (Rejected, A),
        ],
        // The customer's reply (or the agent, when the answer came another way) puts
        // the claim back into review.
        AwaitingCustomer => &[(InReview, C), (InReview, A), (Rejected, A)],
        QuoteSent => &[(QuoteAccepted, C), (QuoteDeclined, C), (InReview, A)],
        QuoteAccepted => &[(AwaitingParts, A), (InRepair, A)],
        QuoteDeclined => &[(Closed, A)],
        AwaitingParts => &[(InRepair, A)],
        InRepair => &[
            (AwaitingParts, A),
            (ReadyForPickup, A),
            (ShippedBack, A),
            (Resolved, A),
        ],
        ReadyForPickup | ShippedBack => &[(Resolved, A)],
        Resolved | Rejected => &[(Closed, A)],
        Closed => &[],
    }
}

/// Decides whether `mv` may happen to a claim in status `from`.
pub fn check_transition(
    from: ClaimStatus,
    facts: ClaimFacts,
    mv: &Move<'_>,
) -> Result<(), TransitionError> {
    let steps = steps_from(from);
    if !steps.iter().any(|(to, _)| *to == mv.to) {
        return Err(TransitionError::NotAllowed { from, to: mv.to });
    }
    if !steps.contains(&(mv.to, mv.actor)) {
        return Err(TransitionError::NotYourMove);
    }
    let work = matches!(mv.to, ClaimStatus::AwaitingParts | ClaimStatus::InRepair);
    if work && from == ClaimStatus::InReview && !facts.covered {
        return Err(TransitionError::QuoteNotAccepted);
    }
    if matches!(mv.to, ClaimStatus::Rejected | ClaimStatus::AwaitingCustomer)
        && mv.note.trim().is_empty()
    {
        return Err(TransitionError::NoteRequired);
    }
    match (mv.to, mv.resolution) {
        (ClaimStatus::Resolved, None) => Err(TransitionError::ResolutionRequired),
        (ClaimStatus::Resolved, Some(resolution)) => {
            let after_work = matches!(
                from,
                ClaimStatus::InRepair | ClaimStatus::ReadyForPickup | ClaimStatus::ShippedBack
            );
            let allowed = match resolution {
                // Repaired means a repair happened: the unit went through the workshop.
                Resolution::Repaired => after_work,
                // A free new unit or the money back is for covered claims only.
                Resolution::Replaced | Resolution::Refunded => facts.covered,
            };
            if allowed {
                Ok(())
            } else {
                Err(TransitionError::ResolutionNotAllowed)
            }
        }
        (_, Some(_)) => Err(TransitionError::ResolutionNotAllowed),
        (_, None) => Ok(()),
    }
}

/// The statuses `actor` may move a claim to now (notes and resolutions aside): what the
/// app offers as buttons.
pub fn next_statuses(from: ClaimStatus, facts: ClaimFacts, actor: Actor) -> Vec<ClaimStatus> {
    let mut next: Vec<ClaimStatus> = steps_from(from)
        .iter()
        .filter(|(to, who)| {
            *who == actor && {
                let work = matches!(to, ClaimStatus::AwaitingParts | ClaimStatus::InRepair);
                !(work && from == ClaimStatus::InReview && !facts.covered)
            }
        })
        .map(|(to, _)| *to)
        .collect();
    next.dedup();
    next
}

/// Whether a repair or a replacement may be recorded on a claim now: not before it is
/// reviewed nor after it is closed or rejected, and on a claim that is not covered only
/// once the customer has accepted the quote — work never starts before that.
pub fn check_work(status: ClaimStatus, facts: ClaimFacts) -> Result<(), TransitionError> {
    use ClaimStatus::*;
    match status {
        Submitted | Closed | Rejected => Err(TransitionError::NotAllowed {
            from: status,
            to: InRepair,
        }),
        _ if facts.covered => Ok(()),
        QuoteAccepted | AwaitingParts | InRepair | ReadyForPickup | ShippedBack | Resolved => {
            Ok(())
        }
        InReview | AwaitingCustomer | QuoteSent | QuoteDeclined => {
            Err(TransitionError::QuoteNotAccepted)
        }
    }
}

/// The stages of the progress picture.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Filed.
    Submitted,
    /// Being assessed (or waiting for the customer's answer).
    Review,
    /// A quote was sent (shown only when there is one).
    Quote,
    /// Parts and repair.
    Repair,
    /// On the way back, or ready to collect.
    Return,
    /// Resolved, closed or rejected.
    Done,
}

impl Stage {
    /// The translation key naming the stage (`claim.stage.review`).
    pub fn key(self) -> &'static str {
        match self {
            Stage::Submitted => "claim.stage.submitted",
            Stage::Review => "claim.stage.review",
            Stage::Quote => "claim.stage.quote",
            Stage::Repair => "claim.stage.repair",
            Stage::Return => "claim.stage.return",
            Stage::Done => "claim.stage.done",
        }
    }
}

/// Where a stage is relative to the claim's status.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Passed.
    Done,
    /// Where the claim is now.
    Current,
    /// Still to come.
    Upcoming,
    /// Passed over (a rejected claim never reaches repair).
    Skipped,
}

/// One stage in the progress picture, with the day the claim first reached it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressStep {
    /// The stage.
    pub stage: Stage,
    /// Done, current, upcoming or skipped.
    pub state: StepState,
    /// When the claim first entered the stage.
    pub reached: Option<DateTime<Utc>>,
}

/// The progress picture of a claim: its stages in order, which are done, where it is
/// now and what comes next. `history` is the claim's statuses with their times, oldest
/// first (the timeline). The quote stage appears only when a quote was sent.
pub fn progress(history: &[(ClaimStatus, DateTime<Utc>)]) -> Vec<ProgressStep> {
    let current = history
        .last()
        .map_or(ClaimStatus::Submitted, |(status, _)| *status);
    let had_quote = history.iter().any(|(s, _)| s.stage() == Stage::Quote);
    let stages: Vec<Stage> = [
        Stage::Submitted,
        Stage::Review,
        Stage::Quote,
        Stage::Repair,
        Stage::Return,
        Stage::Done,
    ]
    .into_iter()
    .filter(|stage| *stage != Stage::Quote || had_quote)
    .collect();
    let reached = |stage: Stage| {
        history
            .iter()
            .find(|(s, _)| s.stage() == stage)
            .map(|(_, at)| *at)
    };
    let current_stage = current.stage();
    stages
        .into_iter()
        .map(|stage| {
            let when = reached(stage);
            let state = if stage == current_stage {
                if current_stage == Stage::Done {
                    StepState::Done
                } else {
                    StepState::Current
                }
            } else if stage < current_stage {
                if when.is_some() {
                    StepState::Done
                } else {
                    StepState::Skipped
                }
            } else {
                StepState::Upcoming
            };
            ProgressStep {
                stage,
                state,
                reached: when,
            }
        })
        .collect()
}

/// How the customer wants to be contacted about the claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactPreference {
    /// Email (and the app).
    #[default]
    Email,
    /// A phone call (and the app).
    Phone,
    /// The app only.
    App,
}

impl ContactPreference {
    /// Every preference, in the order the form lists them.
    pub const ALL: [ContactPreference; 3] = [
        ContactPreference::Email,
        ContactPreference::Phone,
        ContactPreference::App,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactPreference::Email => "email",
            ContactPreference::Phone => "phone",
            ContactPreference::App => "app",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Most photos on a claim.
pub const MAX_PHOTOS: usize = 5;
/// Most attachments on one message.
pub const MAX_ATTACHMENTS: usize = 3;
/// Shortest description accepted.
pub const MIN_DESCRIPTION_LEN: usize = 10;
/// Longest description or message.
pub const MAX_DESCRIPTION_LEN: usize = 4000;
/// Days an open claim may wait before the agents' queue flags it.
pub const AGE_TARGET_DAYS: i64 = 5;

/// `POST /claims`: file a claim. Dates as typed; photos uploaded first
/// (`POST /claims/uploads`) and named here by id.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewClaimRequest {
    /// The registered product.
    pub product_id: i64,
    /// What happened (the defect category).
    pub cause: ClaimCause,
    /// What is wrong, in the customer's words.
    #[serde(default)]
    pub description: String,
    /// Since when, `YYYY-MM-DD`.
    #[serde(default)]
    pub started_on: String,
    /// The remedy asked for: one the coverage engine offers today for this cause.
    pub remedy: Option<RemedyKind>,
    /// How to reach the customer.
    #[serde(default)]
    pub contact: ContactPreference,
    /// A phone number, when the preference is phone.
    #[serde(default)]
    pub phone: String,
    /// Uploaded photos (at most [`MAX_PHOTOS`]).
    #[serde(default)]
    pub photo_ids: Vec<i64>,
}

/// A claim form that passed the shared rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidClaim {
    /// The day it started.
    pub started_on: NaiveDate,
    /// The remedy asked for.
    pub remedy: RemedyKind,
    /// The description, trimmed.
    pub description: String,
    /// The phone number, trimmed (empty unless the preference is phone).
    pub phone: String,
}

/// The shared rules for a new claim: description length, a start day that is a real
/// date not after `today` nor before `purchased_on`, a remedy, a phone number when that
/// is how to call, at most five photos. Whether the remedy is open today is the
/// engine's call (the server checks it against the coverage).
pub fn validate_new_claim(
    req: &NewClaimRequest,
    purchased_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<ValidClaim, FieldErrors> {
    let mut errors = FieldErrors::new();
    let description = req.description.trim();
    let len = description.chars().count();
    if len < MIN_DESCRIPTION_LEN {
        errors.push(
            FieldError::new(
                "description",
                "error.claim_description_short",
                format!("Describe the problem in at least {MIN_DESCRIPTION_LEN} characters"),
            )
            .with("min", MIN_DESCRIPTION_LEN),
        );
    } else if len > MAX_DESCRIPTION_LEN {
        errors.push(
            FieldError::new(
                "description",
                "error.text_too_long",
                format!("Shorten this to at most {MAX_DESCRIPTION_LEN} characters"),
            )
            .with("max", MAX_DESCRIPTION_LEN),
        );
    }
    let started_on = if req.started_on.trim().is_empty() {
        errors.push(FieldError::new(
            "started_on",
            "error.claim_started_required",
            "Enter the day the problem started",
        ));
        None
    } else {
        match parse_date(&req.started_on) {
            None => {
                errors.push(FieldError::new(
                    "started_on",
                    "error.date_format",
                    "Enter a real date, like 2026-03-14",
                ));
                None
            }
            Some(day) if day > today => {
                errors.push(FieldError::new(
                    "started_on",
                    "error.date_future",
                    "The date must be today or in the past",
                ));
                None
            }
            Some(day) if purchased_on.is_some_and(|p| day < p) => {
                errors.push(FieldError::new(
                    "started_on",
                    "error.claim_started_before_purchase",
                    "The problem cannot have started before the purchase date",
                ));
                None
            }
            Some(day) => Some(day),
        }
    };
    if req.remedy.is_none() {
        errors.push(FieldError::new(
            "remedy",
            "error.claim_remedy_required",
            "Choose what you would like us to do",
        ));
    }
    let phone = req.phone.trim();
    if req.contact == ContactPreference::Phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let plausible = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if phone.is_empty() {
            errors.push(FieldError::new(
                "phone",
                "error.phone_required",
                "Enter the phone number to call",
            ));
        } else if !plausible || !(6..=15).contains(&digits) {
            errors.push(FieldError::new(
                "phone",
                "error.phone_format",
                "Enter a phone number of 6 to 15 digits, like +48 601 234 567",
            ));
        }
    }
    if req.photo_ids.len() > MAX_PHOTOS {
        errors.push(
            FieldError::new(
                "photos",
                "error.photos_too_many",
                format!("Attach at most {MAX_PHOTOS} photos"),
            )
            .with("max", MAX_PHOTOS),
        );
    }
    match (started_on, req.remedy) {
        (Some(started_on), Some(remedy)) if errors.is_empty() => Ok(ValidClaim {
            started_on,
            remedy,
            description: description.to_owned(),
            phone: if req.contact == ContactPreference::Phone {
                phone.to_owned()
            } else {
                String::new()
            },
        }),
        _ => Err(errors),
    }
}

/// The shared rule for a message body: not empty (unless files are attached), not too long.
pub fn validate_message(body: &str, attachments: usize) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let len = body.trim().chars().count();
    if len == 0 && attachments == 0 {
        errors.push(FieldError::new(
            "body",
            "error.message_required",
            "Write a message or attach a file",
        ));
    } else if len > MAX_DESCRIPTION_LEN {
        errors.push(
            FieldError::new(
                "body",
                "error.text_too_long",
                format!("Shorten this to at most {MAX_DESCRIPTION_LEN} characters"),
            )
            .with("max", MAX_DESCRIPTION_LEN),
        );
    }
    if attachments > MAX_ATTACHMENTS {
        errors.push(
            FieldError::new(
                "attachments",
                "error.attachments_too_many",
                format!("Attach at most {MAX_ATTACHMENTS} files"),
            )
            .with("max", MAX_ATTACHMENTS),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// One priced line of a quote. Money in minor units (cents).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    /// What (a part, labour, transport).
    pub description: String,
    /// How many.
    pub quantity: u32,
    /// Price of one, before tax, in minor units.
    pub unit_price_minor: i64,
}

/// A quote's sums in minor units.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteTotals {
    /// Sum of the lines before tax.
    pub subtotal_minor: i64,
    /// Tax on the subtotal, rounded half away from zero.
    pub tax_minor: i64,
    /// Subtotal plus tax.
    pub total_minor: i64,
}

/// Sums a quote: lines, then tax at `tax_rate_bp` basis points (2300 = 23 %).
pub fn quote_totals(lines: &[QuoteLine], tax_rate_bp: u32) -> QuoteTotals {
    let subtotal: i64 = lines
        .iter()
        .map(|l| l.unit_price_minor.saturating_mul(i64::from(l.quantity)))
        .fold(0i64, i64::saturating_add);
    let scaled = i128::from(subtotal) * i128::from(tax_rate_bp);
    let tax = (scaled + 5_000) / 10_000;
    let tax = i64::try_from(tax).unwrap_or(i64::MAX);
    QuoteTotals {
        subtotal_minor: subtotal,
        tax_minor: tax,
        total_minor: subtotal.saturating_add(tax),
    }
}

/// Currencies a quote may be in (the markets' own).
pub const CURRENCIES: [&str; 5] = ["EUR", "PLN", "VND", "ISK", "USD"];

/// `POST /agent/claims/{id}/quote`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewQuoteRequest {
    /// At least one line.
    pub lines: Vec<QuoteLine>,
    /// Tax rate in basis points (2300 = 23 %).
    pub tax_rate_bp: u32,
    /// ISO 4217 code, one of [`CURRENCIES`].
    pub currency: String,
    /// A word to the customer.
    #[serde(default)]
    pub note: String,
}

/// The shared rules for a quote: one to twenty lines, each described, a quantity from 1
/// to 999 and a price that is not negative; a total above zero; a known currency; a tax
/// rate of at most 50 %.
pub fn validate_quote(req: &NewQuoteRequest) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if req.lines.is_empty() || req.lines.len() > 20 {
        errors.push(FieldError::new(
            "lines",
            "error.quote_lines",
            "Add between 1 and 20 lines",
        ));
    }
    for (i, line) in req.lines.iter().enumerate() {
        if line.description.trim().is_empty() {
            errors.push(FieldError::new(
                &format!("lines.{i}.description"),
                "error.quote_line_description",
                "Describe this line",
            ));
        }
        if !(1..=999).contains(&line.quantity) {
            errors.push(FieldError::new(
                &format!("lines.{i}.quantity"),
                "error.quote_line_quantity",
                "Enter a quantity from 1 to 999",
            ));
        }
        if line.unit_price_minor < 0 || line.unit_price_minor > 10_000_000_000 {
            errors.push(FieldError::new(
                &format!("lines.{i}.unit_price"),
                "error.quote_line_price",
                "Enter a price of zero or more",
            ));
        }
    }
    if errors.is_empty() && quote_totals(&req.lines, req.tax_rate_bp).total_minor <= 0 {
        errors.push(FieldError::new(
            "lines",
            "error.quote_zero",
            "A quote must cost something; a free repair needs no quote",
        ));
    }
    if !CURRENCIES.contains(&req.currency.as_str()) {
        errors.push(FieldError::new(
            "currency",
            "error.quote_currency",
            "Choose a currency",
        ));
    }
    if req.tax_rate_bp > 5_000 {
        errors.push(FieldError::new(
            "tax_rate",
            "error.quote_tax_rate",
            "Enter a tax rate from 0 to 50 %",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where a quote stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    /// Waiting for the customer.
    Pending,
    /// Accepted: work may start.
    Accepted,
    /// Declined: no work.
    Declined,
    /// Replaced by a newer quote, or withdrawn.
    Withdrawn,
}

/// A quote as both sides see it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quote id.
    pub id: i64,
    /// Its lines.
    pub lines: Vec<QuoteLine>,
    /// Tax rate in basis points.
    pub tax_rate_bp: u32,
    /// ISO 4217 code.
    pub currency: String,
    /// Its sums.
    pub totals: QuoteTotals,
    /// The agent's note.
    pub note: String,
    /// Where it stands.
    pub status: QuoteStatus,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// When the customer answered.
    pub decided_at: Option<DateTime<Utc>>,
}

/// `POST /claims/{id}/quote/decision`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDecisionRequest {
    /// True to accept, false to decline.
    pub accept: bool,
}

/// A photo or attachment on a claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFile {
    /// The upload id.
    pub id: i64,
    /// The name it was uploaded under.
    pub file_name: String,
    /// `image/jpeg` (photos are re-encoded) or `application/pdf`.
    pub content_type: String,
    /// Size in bytes of the stored file.
    pub bytes: u64,
    /// Where to download it.
    pub url: String,
    /// A small preview (images only).
    pub thumb_url: Option<String>,
}

/// One step in a claim's timeline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// The status before (none for filing).
    pub from: Option<ClaimStatus>,
    /// The status after.
    pub to: ClaimStatus,
    /// Who moved it.
    pub actor: Actor,
    /// Their display name.
    pub actor_name: String,
    /// The note given.
    pub note: String,
    /// How it was settled (resolutions only).
    pub resolution: Option<Resolution>,
}

/// A message on a claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimMessage {
    /// The message id.
    pub id: i64,
    /// When it was sent.
    pub at: DateTime<Utc>,
    /// Which side wrote it.
    pub author: Actor,
    /// The writer's display name.
    pub author_name: String,
    /// The text.
    pub body: String,
    /// Files attached.
    pub attachments: Vec<ClaimFile>,
    /// True when an agent asks the customer for information.
    pub request_for_info: bool,
}

/// `POST /claims/{id}/messages` and `POST /agent/claims/{id}/messages`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMessageRequest {
    /// The text.
    #[serde(default)]
    pub body: String,
    /// Uploaded files (`POST /claims/uploads`), at most [`MAX_ATTACHMENTS`].
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    /// Agents only: this asks the customer for information (moves the claim to
    /// awaiting customer when it is in review).
    #[serde(default)]
    pub request_for_info: bool,
}

/// `POST /claims/{id}/survey`: one tap, a comment if they like.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRequest {
    /// 1 (very unhappy) to 5 (very happy).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub score: u8,
    /// Optional words.
    #[serde(default)]
    pub comment: String,
}

/// The shared rule for a survey answer.
pub fn validate_survey(req: &SurveyRequest) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if !(1..=5).contains(&req.score) {
        errors.push(FieldError::new(
            "score",
            "error.survey_score",
            "Choose a score from 1 to 5",
        ));
    }
    if req.comment.chars().count() > 2000 {
        errors.push(
            FieldError::new(
                "comment",
                "error.text_too_long",
                "Shorten this to at most 2000 characters",
            )
            .with("max", 2000),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A survey answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    /// 1 to 5.
    pub score: u8,
    /// Their words.
    pub comment: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A claim in a list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSummary {
    /// The claim id.
    pub id: i64,
    /// The reference to quote (`CL-000042`).
    pub reference: String,
    /// The product.
    pub product_id: i64,
    /// The product's display name.
    pub product_name: String,
    /// The catalogue category of the product.
    pub category: String,
    /// What happened.
    pub cause: ClaimCause,
    /// Where it stands.
    pub status: ClaimStatus,
    /// How it was settled, once resolved.
    pub resolution: Option<Resolution>,
    /// When it was filed.
    pub created_at: DateTime<Utc>,
    /// When it last changed (status, message, quote).
    pub updated_at: DateTime<Utc>,
    /// The centre handling it.
    pub centre_id: Option<i64>,
    /// That centre's name.
    pub centre_name: Option<String>,
    /// The customer's name (agents' views only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
}

/// The reference a customer quotes for a claim id.
pub fn reference(id: i64) -> String {
    format!("CL-{id:06}")
}

/// `GET /claims`: the customer's claims, open ones first, then newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimList {
    /// The claims.
    pub claims: Vec<ClaimSummary>,
}

/// A whole claim: `GET /claims/{id}` (customer) and `GET /agent/claims/{id}` (agent).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The list entry.
    pub summary: ClaimSummary,
    /// What is wrong.
    pub description: String,
    /// Since when.
    pub started_on: NaiveDate,
    /// The remedy asked for.
    pub remedy: RemedyKind,
    /// Whether the remedy asked for was free under the coverage when filed.
    pub covered: bool,
    /// How to reach the customer.
    pub contact: ContactPreference,
    /// The phone number, when that is the preference.
    pub phone: String,
    /// Photos, in upload order.
    pub photos: Vec<ClaimFile>,
    /// Every step, oldest first.
    pub events: Vec<ClaimEvent>,
    /// The progress picture.
    pub progress: Vec<ProgressStep>,
    /// The thread, oldest first.
    pub messages: Vec<ClaimMessage>,
    /// The latest quote, if any.
    pub quote: Option<Quote>,
    /// The survey answer, once given.
    pub survey: Option<Survey>,
    /// Whether the viewer (customer) may answer the survey now.
    pub can_survey: bool,
    /// Statuses the viewer may move the claim to now.
    pub next: Vec<ClaimStatus>,
    /// The product's coverage today (agents' view: the claim with its coverage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<crate::api::ProductCoverage>,
}

/// `POST /agent/claims/{id}/transition`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionRequest {
    /// The status asked for.
    pub to: ClaimStatus,
    /// Why, or what the customer should know.
    #[serde(default)]
    pub note: String,
    /// How it was settled (resolving only).
    #[serde(default)]
    pub resolution: Option<Resolution>,
}

/// `POST /agent/claims/{id}/repair`: the repair done for this claim, feeding the engine.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRepairRequest {
    /// Parts used, one per entry.
    #[serde(default)]
    pub parts: Vec<String>,
    /// The defect code repaired (the brand's code).
    pub defect: String,
    /// The day the unit reached the centre.
    pub handed_over: NaiveDate,
    /// The day it left (`None` while still there).
    #[serde(default)]
    pub returned_on: Option<NaiveDate>,
    /// Days waiting for parts outside the stay.
    #[serde(default)]
    pub parts_wait_days: u32,
    /// Whether the defect is gone.
    pub outcome: crate::warranty::RepairOutcome,
}

/// `POST /agent/claims/{id}/replacement`: the new unit, restarting cover.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimReplacementRequest {
    /// The day the new unit was handed over.
    pub date: NaiveDate,
    /// The new unit's serial number.
    pub new_serial: String,
}

/// `GET /agent/claims?status=&centre=&category=&min_age_days=`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// Only this status (default: every open one).
    #[serde(default)]
    pub status: Option<ClaimStatus>,
    /// Only this centre.
    #[serde(default)]
    pub centre: Option<i64>,
    /// Only this catalogue category.
    #[serde(default)]
    pub category: Option<String>,
    /// Only claims at least this many days old.
    #[serde(default)]
    pub min_age_days: Option<i64>,
}

/// A claim in the agents' queue.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The claim.
    pub claim: ClaimSummary,
    /// Whole days since it was filed.
    pub age_days: i64,
    /// Whether it is older than [`AGE_TARGET_DAYS`].
    pub overdue: bool,
}

/// `GET /agent/claims`: oldest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// The claims: the oldest [`QUEUE_PAGE`] (or `?limit=`) from `?offset=`.
    pub items: Vec<QueueItem>,
    /// The age target in days.
    pub target_days: i64,
    /// How many claims match the filter in all.
    #[serde(default)]
    pub total: u64,
    /// How many of those are older than the age target.
    #[serde(default)]
    pub overdue_total: u64,
}

/// How many claims one answer of the queue carries unless `?limit=` says otherwise.
pub const QUEUE_PAGE: u64 = 100;
/// The most `?limit=` may ask for.
pub const QUEUE_PAGE_MAX: u64 = 500;

/// Satisfaction at one centre.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreSatisfaction {
    /// The centre.
    pub centre_id: i64,
    /// Its name.
    pub centre_name: String,
    /// How many answered.
    pub responses: u32,
    /// Their average score (1–5), when any answered.
    pub average: Option<f64>,
    /// How many gave each score, 1 to 5.
    pub distribution: [u32; 5],
}

/// `GET /agent/satisfaction`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionReport {
    /// One entry per centre that handled claims.
    pub centres: Vec<CentreSatisfaction>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const COVERED: ClaimFacts = ClaimFacts { covered: true };
    const NOT_COVERED: ClaimFacts = ClaimFacts { covered: false };

    fn mv(to: ClaimStatus, actor: Actor) -> Move<'static> {
        Move {
            to,
            actor,
            note: "because",
            resolution: (to == ClaimStatus::Resolved).then_some(Resolution::Replaced),
        }
    }

    /// The legal steps, written out once more by hand from DOMAIN.md, so a change to the
    /// table in `steps_from` has to be made twice.
    const LEGAL: &[(ClaimStatus, ClaimStatus, Actor)] = {
        use Actor::{Agent as A, Customer as C};
        use ClaimStatus::*;
        &[
            (Submitted, InReview, A),
            (Submitted, Rejected, A),
            (InReview, AwaitingCustomer, A),
            (InReview, QuoteSent, A),
            (InReview, AwaitingParts, A),
            (InReview, InRepair, A),
            (InReview, Resolved, A),
            (InReview, Rejected, A),
            (AwaitingCustomer, InReview, C),
            (AwaitingCustomer, InReview, A),
            (AwaitingCustomer, Rejected, A),
            (QuoteSent, QuoteAccepted, C),
            (QuoteSent, QuoteDeclined, C),
            (QuoteSent, InReview, A),
            (QuoteAccepted, AwaitingParts, A),
            (QuoteAccepted, InRepair, A),
            (QuoteDeclined, Closed, A),
            (AwaitingParts, InRepair, A),
            (InRepair, AwaitingParts, A),
            (InRepair, ReadyForPickup, A),
            (InRepair, ShippedBack, A),
            (InRepair, Resolved, A),
            (ReadyForPickup, Resolved, A),
            (ShippedBack, Resolved, A),
            (Resolved, Closed, A),
            (Rejected, Closed, A),
        ]
    };

    #[test]
    fn every_legal_step_is_allowed_for_its_actor_on_a_covered_claim() {
        for (from, to, actor) in LEGAL {
            assert_eq!(
                check_transition(*from, COVERED, &mv(*to, *actor)),
                Ok(()),
                "{from} → {to} by {actor:?}"
            );
        }
    }

    #[test]
    fn every_other_pair_of_statuses_is_refused_for_both_sides() {
        for from in ClaimStatus::ALL {
            for to in ClaimStatus::ALL {
                for actor in [Actor::Customer, Actor::Agent] {
                    if LEGAL.contains(&(from, to, actor)) {
                        continue;
                    }
                    let result = check_transition(from, COVERED, &mv(to, actor));
                    let step_exists = LEGAL.iter().any(|(f, t, _)| *f == from && *t == to);
                    let expected = if step_exists {
                        TransitionError::NotYourMove
                    } else {
                        TransitionError::NotAllowed { from, to }
                    };
                    assert_eq!(result, Err(expected), "{from} → {to} by {actor:?}");
                }
            }
        }
    }

    #[test]
    fn a_closed_claim_goes_nowhere() {
        assert!(steps_from(ClaimStatus::Closed).is_empty());
        assert!(next_statuses(ClaimStatus::Closed, COVERED, Actor::Agent).is_empty());
    }

    #[test]
    fn work_on_a_claim_that_is_not_covered_waits_for_an_accepted_quote() {
        for to in [ClaimStatus::AwaitingParts, ClaimStatus::InRepair] {
            assert_eq!(
                check_transition(ClaimStatus::InReview, NOT_COVERED, &mv(to, Actor::Agent)),
                Err(TransitionError::QuoteNotAccepted)
            );
            assert_eq!(
                check_transition(
                    ClaimStatus::QuoteAccepted,
                    NOT_COVERED,
                    &mv(to, Actor::Agent)
                ),
                Ok(())
            );
        }
        let offered = next_statuses(ClaimStatus::InReview, NOT_COVERED, Actor::Agent);
        assert!(offered.contains(&ClaimStatus::QuoteSent));
        assert!(!offered.contains(&ClaimStatus::InRepair));
    }

    #[test]
    fn work_is_recorded_only_once_it_may_start() {
        assert_eq!(check_work(ClaimStatus::InReview, COVERED), Ok(()));
        assert_eq!(
            check_work(ClaimStatus::InReview, NOT_COVERED),
            Err(TransitionError::QuoteNotAccepted)
        );
        assert_eq!(
            check_work(ClaimStatus::QuoteSent, NOT_COVERED),
            Err(TransitionError::QuoteNotAccepted)
        );
        assert_eq!(check_work(ClaimStatus::QuoteAccepted, NOT_COVERED), Ok(()));
        for status in [
            ClaimStatus::Submitted,
            ClaimStatus::Closed,
            ClaimStatus::Rejected,
        ] {
            assert!(check_work(status, COVERED).is_err());
        }
    }

    #[test]
    fn only_the_customer_answers_a_quote() {
        assert_eq!(
            check_transition(
                ClaimStatus::QuoteSent,
                NOT_COVERED,
                &mv(ClaimStatus::QuoteAccepted, Actor::Agent)
            ),
            Err(TransitionError::NotYourMove)
        );
        assert_eq!(
            next_statuses(ClaimStatus::QuoteSent, NOT_COVERED, Actor::Customer),
            vec![ClaimStatus::QuoteAccepted, ClaimStatus::QuoteDeclined]
        );
    }

    #[test]
    fn rejecting_or_asking_the_customer_needs_a_note() {
        for to in [ClaimStatus::Rejected, ClaimStatus::AwaitingCustomer] {
            let blank = Move {
                to,
                actor: Actor::Agent,
                note: "   ",
                resolution: None,
            };
            assert_eq!(
                check_transition(ClaimStatus::InReview, COVERED, &blank),
                Err(TransitionError::NoteRequired)
            );
        }
    }

    #[test]
    fn resolving_needs_a_resolution_that_fits_the_claim() {
        let resolve = |from, facts, resolution| {
            check_transition(
                from,
                facts,
                &Move {
                    to: ClaimStatus::Resolved,
                    actor: Actor::Agent,
                    note: "",
                    resolution,
                },
            )
        };
        assert_eq!(
            resolve(ClaimStatus::ReadyForPickup, COVERED, None),
            Err(TransitionError::ResolutionRequired)
        );
        assert_eq!(
            resolve(
                ClaimStatus::ReadyForPickup,
                NOT_COVERED,
                Some(Resolution::Repaired)
            ),
            Ok(())
        );
        assert_eq!(
            resolve(ClaimStatus::InReview, COVERED, Some(Resolution::Repaired)),
            Err(TransitionError::ResolutionNotAllowed)
        );
        assert_eq!(
            resolve(ClaimStatus::InReview, COVERED, Some(Resolution::Refunded)),
            Ok(())
        );
        assert_eq!(
            resolve(
                ClaimStatus::InRepair,
                NOT_COVERED,
                Some(Resolution::Replaced)
            ),
            Err(TransitionError::ResolutionNotAllowed)
        );
        let with_resolution = Move {
            to: ClaimStatus::InReview,
            actor: Actor::Agent,
            note: "",
            resolution: Some(Resolution::Repaired),
        };
        assert_eq!(
            check_transition(ClaimStatus::Submitted, COVERED, &with_resolution),
            Err(TransitionError::ResolutionNotAllowed)
        );
    }

    #[test]
    fn names_round_trip() {
        for s in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(s.as_str()), Some(s));
            let json = serde_json::to_string(&s).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        for r in Resolution::ALL {
            assert_eq!(Resolution::parse(r.as_str()), Some(r));
        }
        for c in ContactPreference::ALL {
            assert_eq!(ContactPreference::parse(c.as_str()), Some(c));
        }
        assert_eq!(reference(42), "CL-000042");
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn progress_shows_where_a_repair_stands_and_what_comes_next() {
        let steps = progress(&[
            (ClaimStatus::Submitted, at(1)),
            (ClaimStatus::InReview, at(2)),
            (ClaimStatus::InRepair, at(4)),
        ]);
        let states: Vec<(Stage, StepState)> = steps.iter().map(|s| (s.stage, s.state)).collect();
        assert_eq!(
            states,
            vec![
                (Stage::Submitted, StepState::Done),
                (Stage::Review, StepState::Done),
                (Stage::Repair, StepState::Current),
                (Stage::Return, StepState::Upcoming),
                (Stage::Done, StepState::Upcoming),
            ]
        );
        assert_eq!(steps[2].reached, Some(at(4)));
    }

    #[test]
    fn progress_shows_the_quote_only_when_one_was_sent_and_skips_what_a_rejection_passed_over() {
        let quoted = progress(&[
            (ClaimStatus::Submitted, at(1)),
            (ClaimStatus::InReview, at(2)),
            (ClaimStatus::QuoteSent, at(3)),
        ]);
        assert!(quoted
            .iter()
            .any(|s| s.stage == Stage::Quote && s.state == StepState::Current));
        let rejected = progress(&[
            (ClaimStatus::Submitted, at(1)),
            (ClaimStatus::InReview, at(2)),
            (ClaimStatus::Rejected, at(3)),
        ]);
        let states: Vec<StepState> = rejected.iter().map(|s| s.state).collect();
        assert_eq!(
            states,
            vec![
                StepState::Done,
                StepState::Done,
                StepState::Skipped,
                StepState::Skipped,
                StepState::Done,
            ]
        );
    }

    fn request() -> NewClaimRequest {
        NewClaimRequest {
            product_id: 1,
            cause: ClaimCause::PerformanceDefect,
            description: "It stopped draining mid-cycle.".to_owned(),
            started_on: "2026-11-20".to_owned(),
            remedy: Some(RemedyKind::FreeRepair),
            contact: ContactPreference::Email,
            phone: String::new(),
            photo_ids: vec![],
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    fn codes(result: Result<ValidClaim, FieldErrors>) -> Vec<(String, String)> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_claim_passes() {
        let valid = validate_new_claim(&request(), None, today());
        assert_eq!(
            valid.map(|v| v.started_on),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default())
        );
    }

    #[test]
    fn each_missing_or_wrong_field_is_named() {
        let mut req = request();
        req.description = "broken".to_owned();
        req.started_on = "2026-11-31".to_owned();
        req.remedy = None;
        req.contact = ContactPreference::Phone;
        req.photo_ids = vec![1, 2, 3, 4, 5, 6];
        let got = codes(validate_new_claim(&req, None, today()));
        let want: Vec<(String, String)> = [
            ("description", "error.claim_description_short"),
            ("started_on", "error.date_format"),
            ("remedy", "error.claim_remedy_required"),
            ("phone", "error.phone_required"),
            ("photos", "error.photos_too_many"),
        ]
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_start_in_the_future_or_before_the_purchase_is_refused() {
        let mut req = request();
        req.started_on = "2026-11-25".to_owned();
        assert_eq!(
            codes(validate_new_claim(&req, None, today())),
            vec![("started_on".to_owned(), "error.date_future".to_owned())]
        );
        req.started_on = "2026-01-01".to_owned();
        let bought = NaiveDate::from_ymd_opt(2026, 2, 1);
        assert_eq!(
            codes(validate_new_claim(&req, bought, today())),
            vec![(
                "started_on".to_owned(),
                "error.claim_started_before_purchase".to_owned()
            )]
        );
    }

    #[test]
    fn a_phone_number_is_checked_only_when_that_is_how_to_call() {
        let mut req = request();
        req.phone = "not a number".to_owned();
        assert!(validate_new_claim(&req, None, today()).is_ok());
        req.contact = ContactPreference::Phone;
        assert_eq!(
            codes(validate_new_claim(&req, None, today())),
            vec![("phone".to_owned(), "error.phone_format".to_owned())]
        );
        req.phone = "+48 601 234 567".to_owned();
        assert!(validate_new_claim(&req, None, today()).is_ok());
    }

    #[test]
    fn quote_totals_add_tax_rounded_half_up() {
        let lines = vec![
            QuoteLine {
                description: "Drain pump".to_owned(),
                quantity: 1,
                unit_price_minor: 18_999,
            },
            QuoteLine {
                description: "Labour (hour)".to_owned(),
                quantity: 2,
                unit_price_minor: 12_000,
            },
        ];
        let totals = quote_totals(&lines, 2300);
        assert_eq!(totals.subtotal_minor, 42_999);
        // 42 999 × 23 % = 9 889.77 → 9 890
        assert_eq!(totals.tax_minor, 9_890);
        assert_eq!(totals.total_minor, 52_889);
    }

    #[test]
    fn a_quote_needs_lines_a_price_and_a_currency() {
        let empty = NewQuoteRequest {
            lines: vec![],
            tax_rate_bp: 2300,
            currency: "XXX".to_owned(),
            note: String::new(),
        };
        let fields: Vec<String> = validate_quote(&empty)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["lines", "currency"]);
        let free = NewQuoteRequest {
            lines: vec![QuoteLine {
                description: "Check".to_owned(),
                quantity: 1,
                unit_price_minor: 0,
            }],
            tax_rate_bp: 0,
            currency: "EUR".to_owned(),
            note: String::new(),
        };
        assert_eq!(
            validate_quote(&free).err().map(|e| e[0].code.clone()),
            Some("error.quote_zero".to_owned())
        );
    }

    #[test]
    fn a_survey_score_is_one_to_five() {
        assert!(validate_survey(&SurveyRequest {
            score: 5,
            comment: String::new()
        })
        .is_ok());
        assert!(validate_survey(&SurveyRequest {
            score: 0,
            comment: String::new()
        })
        .is_err());
    }

    #[test]
    fn a_message_needs_words_or_a_file() {
        assert!(validate_message("  ", 0).is_err());
        assert!(validate_message("", 1).is_ok());
        assert!(validate_message("Here is the receipt", 4).is_err());
    }
}
