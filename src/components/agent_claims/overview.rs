//! What an agent reads before acting: who and what (customer, product, centre), the
//! product's coverage today (summary and timeline, the customer's own components), and
//! the claim as filed (cause, description, since when, remedy asked for, covered or not,
//! how to reach the customer).

use aftercare_core::api::ProductCoverage;
use aftercare_core::claims::{Claim, ContactPreference};
use aftercare_core::warranty::Coverage;
use leptos::prelude::*;

use crate::components::claims::{cause_keys, day};
use crate::components::common::CoverageTag;
use crate::components::coverage::live::{recompute, use_today};
use crate::components::coverage::remedies::remedy_title_key;
use crate::components::coverage::{CoverageDetails, CoverageTimeline};
use crate::components::products::category_name;
use crate::state::i18n::{tr, use_i18n};

/// A `dt`/`dd` row with plain text.
#[component]
fn Row(label: &'static str, #[prop(into)] value: Signal<String>) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{tr(label)}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

/// The translation key of a contact preference.
fn contact_key(contact: ContactPreference) -> &'static str {
    match contact {
        ContactPreference::Email => "agent_claim.contact_email",
        ContactPreference::Phone => "agent_claim.contact_phone",
        ContactPreference::App => "agent_claim.contact_app",
    }
}

/// Customer, product and centre.
#[component]
pub fn ClaimParties(
    /// The claim.
    claim: Claim,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = claim.summary;
    let customer = s.customer_name.clone().unwrap_or_default();
    let category = s.category.clone();
    let centre = s.centre_name.clone();
    let filed = s.created_at;
    view! {
        <section class="section" aria-labelledby="parties-heading">
            <h2 id="parties-heading" class="heading-m">{tr("agent_claim.parties_title")}</h2>
            <dl class="summary-list">
                <Row label="agent_claim.customer" value=customer />
                <Row label="agent_claim.product" value=s.product_name.clone() />
                <Row label="agent_claim.category" value=Signal::derive(move || category_name(i18n, &category)) />
                <Row label="agent_claim.centre" value=Signal::derive(move || {
                    centre.clone().unwrap_or_else(|| i18n.t("agent_claims.no_centre"))
                }) />
                <Row label="agent_claim.filed" value=Signal::derive(move || day(i18n, filed)) />
            </dl>
        </section>
    }
}

/// The product's coverage, re-evaluated for today in the browser like the customer's
/// product page does.
#[component]
pub fn ClaimCoverage(
    /// The engine's answer the server sent with the claim.
    coverage: Option<ProductCoverage>,
) -> impl IntoView {
    let Some(pc) = coverage else {
        return view! {
            <section class="section" aria-labelledby="claim-coverage-heading">
                <h2 id="claim-coverage-heading" class="heading-m">{tr("agent_claim.coverage_title")}</h2>
                <p>{tr("agent_claim.no_coverage")}</p>
            </section>
        }
        .into_any();
    };
    let today = use_today(&pc.input.country);
    let coverage = Memo::new(move |_| recompute(&pc, today.get()));
    let summary = Memo::new(move |_| coverage.with(Coverage::summary));
    view! {
        <section class="section" aria-labelledby="claim-coverage-heading">
            <h2 id="claim-coverage-heading" class="heading-m">{tr("agent_claim.coverage_title")}</h2>
            {move || {
                let summary = summary.get();
                view! {
                    <p><CoverageTag status=summary.status /></p>
                    <CoverageDetails summary />
                }
            }}
        </section>
        <CoverageTimeline coverage today />
    }
    .into_any()
}

/// The claim as the customer filed it.
#[component]
pub fn ClaimAsFiled(
    /// The claim.
    claim: Claim,
) -> impl IntoView {
    let i18n = use_i18n();
    let started = claim.started_on;
    let covered = claim.covered;
    let phone = claim.phone.trim().to_owned();
    let contact = claim.contact;
    let description = claim.description.clone();
    view! {
        <section class="section" aria-labelledby="facts-heading">
            <h2 id="facts-heading" class="heading-m">{tr("agent_claim.facts_title")}</h2>
            <dl class="summary-list">
                <Row label="agent_claim.cause" value=Signal::derive(tr(cause_keys(claim.summary.cause).0)) />
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("agent_claim.description")}</dt>
                    <dd class="summary-list__value claim-description">{description}</dd>
                </div>
                <Row label="agent_claim.since" value=Signal::derive(move || i18n.date(started)) />
                <Row label="agent_claim.remedy" value=Signal::derive(tr(remedy_title_key(claim.remedy))) />
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("agent_claim.covered")}</dt>
                    <dd class="summary-list__value" data-covered=covered.to_string()>
                        {if covered {
                            view! { <strong class="tag tag--green">{tr("agent_claim.covered_yes")}</strong> }.into_any()
                        } else {
                            view! { <strong class="tag tag--yellow">{tr("agent_claim.covered_no")}</strong> }.into_any()
                        }}
                        " "
                        {tr(if covered { "agent_claim.covered_yes_hint" } else { "agent_claim.covered_no_hint" })}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("agent_claim.contact")}</dt>
                    <dd class="summary-list__value">
                        {tr(contact_key(contact))}
                        {(!phone.is_empty()).then(|| {
                            let href = format!("tel:{}", phone.replace(' ', ""));
                            view! { ": " <a href=href>{phone}</a> }
                        })}
                    </dd>
                </div>
            </dl>
        </section>
    }
}
