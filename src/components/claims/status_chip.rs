//! A claim's status as a tag: its name in words and a colour, never the colour alone.

use aftercare_core::claims::ClaimStatus;
use leptos::prelude::*;

use crate::components::layout::is_agent;
use crate::state::i18n::use_i18n;
use crate::state::session::use_session;

/// The translation key and the colour class of a status: blue while we work on it,
/// yellow when it is the customer's turn, green when done well, grey when over, red when
/// refused.
pub fn status_parts(status: ClaimStatus) -> (&'static str, &'static str) {
    match status {
        ClaimStatus::Submitted => ("claim.status.submitted", "tag--blue"),
        ClaimStatus::InReview => ("claim.status.in_review", "tag--blue"),
        ClaimStatus::AwaitingCustomer => ("claim.status.awaiting_customer", "tag--yellow"),
        ClaimStatus::QuoteSent => ("claim.status.quote_sent", "tag--yellow"),
        ClaimStatus::QuoteAccepted => ("claim.status.quote_accepted", "tag--blue"),
        ClaimStatus::QuoteDeclined => ("claim.status.quote_declined", "tag--grey"),
        ClaimStatus::AwaitingParts => ("claim.status.awaiting_parts", "tag--blue"),
        ClaimStatus::InRepair => ("claim.status.in_repair", "tag--blue"),
        ClaimStatus::ReadyForPickup => ("claim.status.ready_for_pickup", "tag--yellow"),
        ClaimStatus::ShippedBack => ("claim.status.shipped_back", "tag--green"),
        ClaimStatus::Resolved => ("claim.status.resolved", "tag--green"),
        ClaimStatus::Closed => ("claim.status.closed", "tag--grey"),
        ClaimStatus::Rejected => ("claim.status.rejected", "tag--red"),
    }
}

/// The back office's name of a status (`agent_status.awaiting_customer`: "Awaiting
/// customer"): the customer's words ("Waiting for you") would mislead an agent.
pub fn agent_status_key(status: ClaimStatus) -> String {
    format!("agent_status.{}", status.as_str())
}

/// The key naming a status in the words of whoever is signed in: the customer's own
/// ("Waiting for you") or the back office's ("Awaiting customer").
pub fn status_key_for_viewer(status: ClaimStatus) -> String {
    let agent = use_session().me().is_some_and(|me| is_agent(me.role));
    if agent {
        agent_status_key(status)
    } else {
        status_parts(status).0.to_owned()
    }
}

/// "In review", "Quote sent" ..., in words and colour, in the viewer's words.
#[component]
pub fn StatusChip(
    /// Where the claim stands.
    status: ClaimStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    let (_, colour) = status_parts(status);
    view! {
        <strong class=format!("tag {colour}") data-status=status.as_str()>
            {move || i18n.t(&status_key_for_viewer(status))}
        </strong>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_key_named_after_it() {
        for status in ClaimStatus::ALL {
            assert_eq!(status_parts(status).0, status.key());
        }
    }
}
