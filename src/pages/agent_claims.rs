//! `/agent/claims`: the agents' queue of claims, oldest first, filtered by the address's
//! query (status, centre, category, minimum age) so a view can be shared or reloaded.

use aftercare_core::claims::{Queue, QueueFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::agent_claims::filters::{filter_from_query, is_filtered};
use crate::components::agent_claims::{QueueFilters, QueueList};
use crate::components::common::{EmptyState, LoadError, PageHeading, Skeleton};
use crate::components::layout::AgentOnly;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// How many claims, or the empty state (with Reset when filters hide everything).
#[component]
fn QueueResult(queue: Queue, filter: QueueFilter) -> impl IntoView {
    let i18n = use_i18n();
    if queue.items.is_empty() {
        return if is_filtered(&filter) {
            view! {
                <EmptyState
                    title=tr("agent_claims.empty_filtered_title")
                    body=tr("agent_claims.empty_filtered_body")
                >
                    <a href=Page::AgentClaims.path() class="button button--secondary">
                        {tr("agent_claims.reset")}
                    </a>
                </EmptyState>
            }
            .into_any()
        } else {
            view! {
                <EmptyState title=tr("agent_claims.empty_title") body=tr("agent_claims.empty_body")>
                    <a href=Page::AgentCalendar.path()>{tr("agent_claims.go_to_calendar")}</a>
                </EmptyState>
            }
            .into_any()
        };
    }
    // The counts are of the whole queue; the list is its oldest page.
    let shown = queue.items.len() as i64;
    let count = i64::try_from(queue.total).unwrap_or(i64::MAX).max(shown);
    let overdue = i64::try_from(queue.overdue_total).unwrap_or(i64::MAX);
    view! {
        <p class="queue-count" role="status">
            <strong>{move || i18n.count("agent_claims.count", count)}</strong>
            {(overdue > 0).then(|| view! {
                " · "
                <span class="queue-count__overdue">
                    {move || i18n.count("agent_claims.overdue_count", overdue)}
                </span>
            })}
            " · "
            {tr("agent_claims.oldest_first")}
            {(count > shown).then(|| view! {
                " · "
                <span>{move || i18n.t_with("agent_claims.showing_oldest", &[("shown", &shown.to_string())])}</span>
            })}
        </p>
        <QueueList queue />
    }
    .into_any()
}

/// The filters and the queue they ask for.
#[component]
fn AgentQueue() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let centres =
        LocalResource::new(move || async move { session.watch(api::all_centres().await) });
    let loaded = LocalResource::new(move || {
        let filter = filter.get();
        async move { (session.watch(api::agent_claims(&filter).await), filter) }
    });
    let centre_list = Signal::derive(move || match centres.get() {
        Some(Ok(list)) => list,
        _ => Vec::new(),
    });
    let seen_categories = Signal::derive(move || {
        loaded.with(|l| match l {
            Some((Ok(queue), _)) => queue
                .items
                .iter()
                .map(|i| i.claim.category.clone())
                .collect(),
            _ => Vec::new(),
        })
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <QueueFilters current=filter centres=centre_list seen_categories />
        <section class="section" aria-labelledby="queue-heading">
            <h2 id="queue-heading" class="visually-hidden">{tr("agent_claims.results")}</h2>
            {move || match loaded.get() {
                None => view! { <Skeleton blocks=4 /> }.into_any(),
                // The address changed and the new queue is on its way: the old one would
                // mislead, so the skeleton shows again.
                Some((_, shown)) if shown != filter.get() => view! { <Skeleton blocks=4 /> }.into_any(),
                Some((Ok(queue), filter)) => view! { <QueueResult queue filter /> }.into_any(),
                Some((Err(error), _)) => view! { <LoadError error on_retry=retry /> }.into_any(),
            }}
        </section>
    }
}

/// The queue page.
#[component]
pub fn AgentClaimsPage() -> impl IntoView {
    view! {
        <AgentOnly>
            <PageHeading text=tr("agent_claims.title") />
            <AgentQueue />
        </AgentOnly>
    }
}
