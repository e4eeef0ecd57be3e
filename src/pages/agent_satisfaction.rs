//! `/agent/satisfaction`: what customers answered after their claims were resolved, per
//! centre — how many, the average score and the spread of scores.

use leptos::prelude::*;

use crate::api;
use crate::components::agent_claims::CentreScores;
use crate::components::common::{EmptyState, LoadError, PageHeading, Skeleton};
use crate::components::layout::AgentOnly;
use crate::routes::Page;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The report, loaded.
#[component]
fn Report() -> impl IntoView {
    let session = use_session();
    let loaded =
        LocalResource::new(move || async move { session.watch(api::satisfaction().await) });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=3 /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        Some(Ok(report)) if report.centres.iter().all(|c| c.responses == 0) => view! {
            <EmptyState title=tr("satisfaction.empty_title") body=tr("satisfaction.empty_body")>
                <a href=Page::AgentClaims.path()>{tr("satisfaction.go_to_claims")}</a>
            </EmptyState>
        }
        .into_any(),
        Some(Ok(report)) => {
            let mut centres = report.centres;
            // Centres with answers first, most answers first; the rest by name.
            centres.sort_by(|a, b| {
                b.responses
                    .cmp(&a.responses)
                    .then_with(|| a.centre_name.cmp(&b.centre_name))
            });
            view! {
                <p class="hint">{tr("satisfaction.intro")}</p>
                <div class="satisfaction-grid">
                    {centres.into_iter().map(|centre| view! { <CentreScores centre /> }).collect_view()}
                </div>
            }
            .into_any()
        }
    }
}

/// The satisfaction page.
#[component]
pub fn AgentSatisfactionPage() -> impl IntoView {
    view! {
        <AgentOnly>
            <PageHeading text=tr("satisfaction.title") />
            <Report />
        </AgentOnly>
    }
}
