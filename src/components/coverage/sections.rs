//! The product page's coverage sections below the summary: the timeline, the remedies
//! open today, the proof of purchase and the plans. Loaded from the server once, then
//! re-evaluated in the browser for today so days left stay right offline.

use aftercare_core::api::ProductCoverage;
use aftercare_core::warranty::Coverage;
use aftercare_core::NaiveDate;
use leptos::prelude::*;

use super::{AddPlanForm, CoverageTimeline, ProofSection, RemediesToday};
use crate::api::ApiError;
use crate::components::common::{LoadError, Skeleton, SuccessBanner};
use crate::state::i18n::use_i18n;

/// The server's answer as loaded (or replaced after an upload or a new plan).
pub type CoverageResource = LocalResource<Result<ProductCoverage, ApiError>>;

/// Which action just changed the coverage, to confirm it where it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Proof,
    Plan,
}

/// Everything below the summary, once the coverage is loaded.
#[component]
pub fn CoverageSections(
    /// The product's id.
    id: i64,
    /// The product's purchase date.
    product_bought: NaiveDate,
    /// The server's answer.
    loaded: CoverageResource,
    /// The same answer re-evaluated for the market's today.
    #[prop(into)]
    live: Signal<Option<Coverage>>,
    /// Today on the product's market calendar.
    #[prop(into)]
    today: Signal<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let done = RwSignal::new(None::<Done>);
    let replace = move |what: Done| {
        Callback::new(move |pc: ProductCoverage| {
            done.set(Some(what));
            loaded.set(Some(Ok(pc)));
        })
    };
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=2 /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        Some(Ok(pc)) => {
            let fallback = pc.coverage.clone();
            let coverage = Signal::derive(move || live.get().unwrap_or_else(|| fallback.clone()));
            let just = done.get_untracked();
            let plan_added = (just == Some(Done::Plan)).then(|| {
                view! { <SuccessBanner message=Signal::derive(move || i18n.t("plans.added")) /> }
            });
            let offers = pc.plan_offers.clone();
            view! {
                <CoverageTimeline coverage today />
                <RemediesToday coverage />
                <ProofSection
                    id
                    proof=pc.proof.clone()
                    notes=pc.coverage.notes.clone()
                    on_uploaded=replace(Done::Proof)
                    just_uploaded=just == Some(Done::Proof)
                />
                {plan_added}
                {(!offers.is_empty())
                    .then(|| {
                        view! {
                            <AddPlanForm
                                id
                                offers
                                product_bought
                                today=today.get_untracked()
                                on_added=replace(Done::Plan)
                            />
                        }
                    })}
            }
            .into_any()
        }
    }
}
