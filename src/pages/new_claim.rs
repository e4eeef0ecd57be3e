//! `/products/{id}/claim[?step=…]`: reporting a problem with a product, one step per page.
//! The answers are kept in `localStorage` per account and product while they are typed,
//! and come back (with the step reached) when the page opens again.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError};
use crate::components::common::{LoadError, PageHeading, Skeleton};
use crate::components::layout::SignedIn;
use crate::components::new_claim::{
    CheckStep, DetailsStep, Filing, FilingFrame, ProblemStep, RemedyStep,
};
use crate::forms::FormErrors;
use crate::routes::{ClaimStep, Page};
use crate::state::claim_draft::{self, step_of_field, DraftForm};
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The steps, once the product is loaded and the filing context is provided.
#[component]
fn Steps(product: aftercare_core::api::RegisteredProduct) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let product_id = product.id;
    let account = session.me_untracked().map_or(0, |me| me.id);
    let key = claim_draft::storage_key(account, product_id);
    let stored = claim_draft::load(&key).filter(|d| !d.is_blank());
    let restored_step = stored.as_ref().map(|d| d.step);
    let form = DraftForm::new(stored.clone().unwrap_or_default());
    let coverage =
        LocalResource::new(move || async move { session.watch(api::coverage(product_id).await) });
    let filing = Filing {
        product: StoredValue::new(product),
        coverage,
        form,
        errors: FormErrors::new(),
        restored: RwSignal::new(stored.is_some()),
        discarded: RwSignal::new(false),
        storage_key: StoredValue::new(key),
        sent: StoredValue::new(false),
    };
    provide_context(filing);
    let step = Memo::new(move |_| {
        query.with(|q| ClaimStep::from_slug(q.get("step").as_deref().unwrap_or_default()))
    });
    // Back where the customer left off: a kept draft reopens on its step.
    if let Some(kept) = restored_step.filter(|s| *s > ClaimStep::Problem) {
        if step.get_untracked() == ClaimStep::Problem {
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            request_animation_frame(move || navigate(&filing.path(kept), options));
        }
    }
    // Every change is kept at once, with the step the customer is on.
    Effect::new(move || {
        let mut draft = form.draft();
        draft.step = step.get();
        if !filing.sent.get_value() {
            filing
                .storage_key
                .with_value(|k| claim_draft::save(k, &draft));
        }
    });
    // Moving between steps: each shows only its own errors; the restore notice goes after
    // the first move.
    Effect::new(move |previous: Option<ClaimStep>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            let kept: Vec<_> = untrack(|| filing.errors.all())
                .into_iter()
                .filter(|e| step_of_field(&e.field) == now)
                .collect();
            filing.errors.set(kept);
            filing.restored.set(false);
            if now != ClaimStep::Problem {
                filing.discarded.set(false);
            }
        }
        now
    });
    move || match step.get() {
        ClaimStep::Problem => view! {
            <FilingFrame step=ClaimStep::Problem title="claim_new.problem_title">
                <ProblemStep />
            </FilingFrame>
        }
        .into_any(),
        ClaimStep::Details => view! {
            <FilingFrame step=ClaimStep::Details title="claim_new.details_title">
                <DetailsStep />
            </FilingFrame>
        }
        .into_any(),
        ClaimStep::Remedy => view! {
            <FilingFrame step=ClaimStep::Remedy title="claim_new.remedy_title">
                <RemedyStep />
            </FilingFrame>
        }
        .into_any(),
        ClaimStep::Check => view! {
            <FilingFrame step=ClaimStep::Check title="claim_new.check_title">
                <CheckStep />
            </FilingFrame>
        }
        .into_any(),
    }
}

/// The product the claim is about, loaded by the id in the path.
#[component]
fn NewClaim() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => session.watch(api::product(id).await),
                None => Err(ApiError::Unexpected(404)),
            }
        }
    });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! {
            <div class="narrow">
                <PageHeading text=tr("claim_new.title") />
                <Skeleton blocks=4 />
            </div>
        }
        .into_any(),
        Some(Ok(product)) => view! { <Steps product /> }.into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <div class="narrow">
                <PageHeading text=tr("product.not_found_title") />
                <p>{tr("product.not_found_body")}</p>
                <p><a href=Page::Products.path()>{tr("product.go_to_list")}</a></p>
            </div>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <div class="narrow">
                <PageHeading text=tr("claim_new.title") />
                <LoadError error on_retry=retry />
            </div>
        }
        .into_any(),
    }
}

/// The "Report a problem" page.
#[component]
pub fn NewClaimPage() -> impl IntoView {
    view! {
        <SignedIn>
            <NewClaim />
        </SignedIn>
    }
}
