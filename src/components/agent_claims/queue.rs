//! The queue itself, oldest first: a table on wide screens, one card per claim on
//! phones. Each says the reference, customer, product, cause, status, centre and age,
//! and an overdue claim says so in words as well as colour.

use aftercare_core::claims::{Queue, QueueItem};
use leptos::prelude::*;

use crate::components::claims::cause_keys;
use crate::components::claims::StatusChip;
use crate::components::products::category_name;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n, I18n};

/// "9 days", or "9 days — over the 5-day target" when the claim waited too long.
pub fn age_text(i18n: I18n, item: &QueueItem, target_days: i64) -> String {
    let age = i18n.count("agent_claims.age_days", item.age_days);
    if item.overdue {
        i18n.t_with(
            "agent_claims.age_overdue",
            &[("age", &age), ("target", &target_days.to_string())],
        )
    } else {
        age
    }
}

/// The age, highlighted when overdue.
#[component]
fn Age(item: QueueItem, target_days: i64) -> impl IntoView {
    let i18n = use_i18n();
    let overdue = item.overdue;
    let days = item.age_days;
    view! {
        <span class="queue-age" class:queue-age--overdue=overdue data-age-days=days>
            {overdue.then(|| view! {
                <svg class="queue-age__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 3l10 18H2zM12 10v5m0 3h.01" />
                </svg>
            })}
            {move || age_text(i18n, &item, target_days)}
        </span>
    }
}

/// The words of a row's cells that are plain text.
struct RowText {
    customer: String,
    product: String,
    category: String,
    centre: String,
}

fn row_text(i18n: I18n, item: &QueueItem) -> RowText {
    let claim = &item.claim;
    RowText {
        customer: claim.customer_name.clone().unwrap_or_default(),
        product: claim.product_name.clone(),
        category: category_name(i18n, &claim.category),
        centre: claim
            .centre_name
            .clone()
            .unwrap_or_else(|| i18n.t("agent_claims.no_centre")),
    }
}

/// One table row.
#[component]
fn QueueRow(item: QueueItem, target_days: i64) -> impl IntoView {
    let i18n = use_i18n();
    let text = row_text(i18n, &item);
    let claim = item.claim.clone();
    let overdue = item.overdue;
    view! {
        <tr class="queue-table__row" class:queue-table__row--overdue=overdue>
            <th scope="row">
                <a href=Page::AgentClaim(claim.id).path()>{claim.reference.clone()}</a>
            </th>
            <td>{text.customer}</td>
            <td>
                {text.product}
                <span class="queue-table__sub">{text.category}</span>
            </td>
            <td>{tr(cause_keys(claim.cause).0)}</td>
            <td><StatusChip status=claim.status /></td>
            <td>{text.centre}</td>
            <td class="queue-table__age"><Age item target_days /></td>
        </tr>
    }
}

/// One card (phones).
#[component]
fn QueueCard(item: QueueItem, target_days: i64) -> impl IntoView {
    let i18n = use_i18n();
    let text = row_text(i18n, &item);
    let claim = item.claim.clone();
    let overdue = item.overdue;
    view! {
        <li class="queue-card" class:queue-card--overdue=overdue>
            <h2 class="queue-card__title">
                <a href=Page::AgentClaim(claim.id).path()>
                    {claim.reference.clone()}
                    <span class="visually-hidden">", "</span>
                    <span class="queue-card__customer">{text.customer}</span>
                </a>
            </h2>
            <p class="queue-card__status">
                <StatusChip status=claim.status />
                <Age item target_days />
            </p>
            <dl class="queue-card__facts">
                <div>
                    <dt>{tr("agent_claims.col_product")}</dt>
                    <dd>{text.product} " · " {text.category}</dd>
                </div>
                <div>
                    <dt>{tr("agent_claims.col_cause")}</dt>
                    <dd>{tr(cause_keys(claim.cause).0)}</dd>
                </div>
                <div>
                    <dt>{tr("agent_claims.col_centre")}</dt>
                    <dd>{text.centre}</dd>
                </div>
            </dl>
        </li>
    }
}

/// The claims of a loaded queue (not empty), as a table and as cards; the stylesheet
/// shows the one that fits the screen.
#[component]
pub fn QueueList(
    /// The queue as loaded.
    queue: Queue,
) -> impl IntoView {
    let target = queue.target_days;
    let rows = queue
        .items
        .iter()
        .cloned()
        .map(|item| view! { <QueueRow item target_days=target /> })
        .collect_view();
    let cards = queue
        .items
        .into_iter()
        .map(|item| view! { <QueueCard item target_days=target /> })
        .collect_view();
    view! {
        <div class="queue-table-wrap">
            <table class="queue-table">
                <caption class="visually-hidden">{tr("agent_claims.table_caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("agent_claims.col_reference")}</th>
                        <th scope="col">{tr("agent_claims.col_customer")}</th>
                        <th scope="col">{tr("agent_claims.col_product")}</th>
                        <th scope="col">{tr("agent_claims.col_cause")}</th>
                        <th scope="col">{tr("agent_claims.col_status")}</th>
                        <th scope="col">{tr("agent_claims.col_centre")}</th>
                        <th scope="col">{tr("agent_claims.col_age")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <ul class="queue-cards" aria-label=tr("agent_claims.table_caption")>{cards}</ul>
    }
}
