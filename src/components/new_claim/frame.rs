//! What every filing step shares: Back, "Step N of 4", the question as the page's
//! heading, which product it is for, "We kept what you wrote" after a restore, the error
//! summary, and "Discard draft". A step reached with earlier answers missing (a bookmark,
//! an edited address) sends the customer to the first unfinished one.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{first_unfinished, use_filing, StepAnswers};
use crate::components::common::{ErrorSummary, PageHeading};
use crate::components::products::display_name;
use crate::routes::{ClaimStep, Page};
use crate::state::claim_draft::{self, ClaimDraft};
use crate::state::i18n::{tr, use_i18n};

/// "Discard draft": forgets every answer and the uploaded photos' place in the claim,
/// and starts again at step 1.
#[component]
fn DiscardDraft() -> impl IntoView {
    let filing = use_filing();
    let navigate = use_navigate();
    let discard = move |_| {
        filing.storage_key.with_value(|key| claim_draft::clear(key));
        filing.form.load(ClaimDraft::new());
        filing.errors.clear();
        filing.restored.set(false);
        filing.discarded.set(true);
        navigate(&filing.path(ClaimStep::Problem), NavigateOptions::default());
        request_animation_frame(crate::components::common::focus_heading);
    };
    let has_draft = move || !filing.form.draft().is_blank();
    move || {
        has_draft().then(|| {
            view! {
                <p class="discard-draft">
                    <button type="button" class="link-button" on:click=discard.clone()>
                        {tr("claim_new.discard")}
                    </button>
                </p>
            }
        })
    }
}

/// One step's page frame around its form.
#[component]
pub fn FilingFrame(
    /// Which step this is.
    step: ClaimStep,
    /// The question, as a translation key.
    title: &'static str,
    /// The step's form.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let filing = use_filing();
    let product_id = filing.product_id();
    let back = step
        .previous()
        .map_or_else(|| Page::Product(product_id).path(), |s| filing.path(s));
    let progress = move || {
        i18n.t_with(
            "book.step",
            &[
                ("number", &step.number().to_string()),
                ("total", &ClaimStep::ALL.len().to_string()),
            ],
        )
    };
    let product_name = filing.product.with_value(display_name);
    let for_product = move || i18n.t_with("claim_new.for_product", &[("product", &product_name)]);
    let request = filing.request();
    let symptom = filing.form.symptom.get_untracked();
    let unfinished = first_unfinished(
        &StepAnswers {
            request: &request,
            cause_chosen: filing.form.cause.with_untracked(Option::is_some),
            symptom: &symptom,
            purchased_on: Some(filing.product.with_value(|p| p.purchase_date)),
            offered: None,
        },
        step,
        filing.today(),
    );
    if let Some(first) = unfinished {
        let options = NavigateOptions {
            replace: true,
            ..NavigateOptions::default()
        };
        return view! { <Redirect path=filing.path(first) options /> }.into_any();
    }
    view! {
        <div class="narrow">
            <a href=back class="back-link">{tr("common.back")}</a>
            <p class="caption step-caption">{progress}</p>
            <PageHeading text=tr(title) />
            <p class="caption">{for_product}</p>
            {move || filing.restored.get().then(|| view! {
                <div class="notice" role="status">
                    <p>{tr("claim_new.restored")}</p>
                </div>
            })}
            {move || filing.discarded.get().then(|| view! {
                <div class="notice" role="status">
                    <p>{tr("claim_new.discarded")}</p>
                </div>
            })}
            <ErrorSummary errors=filing.errors id_prefix="claim-" />
            {children()}
            <DiscardDraft />
        </div>
    }
    .into_any()
}
