//! The agents' back office for claims: the queue with its filters, the pieces of one
//! claim's page (who and what, coverage, the claim as filed) and its actions (moves,
//! quote, repair and replacement records), and satisfaction per centre. Display pieces a
//! customer sees too (status, progress, timeline, thread, quote, photos) come from
//! `components/claims`.

pub mod filters;
pub mod overview;
pub mod queue;
pub mod quote_form;
pub mod satisfaction;
pub mod transitions;
pub mod work_forms;

pub use filters::QueueFilters;
pub use overview::{ClaimAsFiled, ClaimCoverage, ClaimParties};
pub use queue::QueueList;
pub use quote_form::QuoteForm;
pub use satisfaction::CentreScores;
pub use transitions::TransitionActions;
pub use work_forms::WorkRecords;

use aftercare_core::claims::ClaimStatus;
use aftercare_core::NaiveDate;

pub use crate::components::claims::status_chip::agent_status_key;
use crate::state::i18n::I18n;

/// What an agent just did on a claim, confirmed where the actions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Moved to this status.
    Moved(ClaimStatus),
    /// Sent a quote.
    QuoteSent,
    /// Recorded a repair; the product's cover ended on `before` and ends on `after`.
    Repair {
        /// The end of cover before.
        before: Option<NaiveDate>,
        /// The end of cover now.
        after: Option<NaiveDate>,
    },
    /// Recorded a replacement (cover restarts).
    Replacement {
        /// The end of cover before.
        before: Option<NaiveDate>,
        /// The end of cover now.
        after: Option<NaiveDate>,
    },
}

/// How a record changed the end of cover: "Cover now ends on 14 Mar 2028, 6 days later".
pub fn cover_change(i18n: I18n, before: Option<NaiveDate>, after: Option<NaiveDate>) -> String {
    let Some(after) = after else {
        return String::new();
    };
    let date = i18n.date(after);
    let days = before.map_or(0, |b| (after - b).num_days());
    match days {
        0 => i18n.t_with("agent_claim.cover_same", &[("date", &date)]),
        d if d > 0 => i18n.t_with(
            "agent_claim.cover_later",
            &[
                ("date", &date),
                ("days", &i18n.count("agent_claim.days", d)),
            ],
        ),
        d => i18n.t_with(
            "agent_claim.cover_earlier",
            &[
                ("date", &date),
                ("days", &i18n.count("agent_claim.days", -d)),
            ],
        ),
    }
}

/// The confirmation of what was done, in words.
pub fn done_text(i18n: I18n, done: Done) -> String {
    match done {
        Done::Moved(status) => i18n.t_with(
            "agent_claim.done_moved",
            &[("status", &i18n.t(&agent_status_key(status)))],
        ),
        Done::QuoteSent => i18n.t("agent_claim.done_quote"),
        Done::Repair { before, after } => format!(
            "{} {}",
            i18n.t("agent_claim.done_repair"),
            cover_change(i18n, before, after)
        )
        .trim()
        .to_owned(),
        Done::Replacement { before, after } => format!(
            "{} {}",
            i18n.t("agent_claim.done_replacement"),
            cover_change(i18n, before, after)
        )
        .trim()
        .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aftercare_core::api::Language;

    #[test]
    fn every_status_has_a_back_office_name() {
        for status in ClaimStatus::ALL {
            let key = agent_status_key(status);
            assert!(crate::i18n::template(Language::En, &key).is_some(), "{key}");
        }
    }
}
