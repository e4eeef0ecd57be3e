//! Step 3: what the customer asks for, among only the remedies the coverage engine opens
//! today for the cause they gave, each with the rule that opens it in words. The engine
//! runs in the browser on the server's own input with the cause set, so the list is the
//! one the server checks the claim against.

use aftercare_core::warranty::{Remedy, RemedyKind};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{remedy_choices, use_filing};
use crate::components::appointments::step_frame::{Radio, RadioGroup};
use crate::components::claims::cause_keys;
use crate::components::common::{LoadError, Skeleton};
use crate::components::coverage::live::use_today;
use crate::components::coverage::remedies::{remedy_title_key, RemedyReason};
use crate::routes::ClaimStep;
use crate::state::i18n::{tr, use_i18n};

/// The radios, one per kind of remedy open today.
#[component]
fn Choices(choices: Vec<(RemedyKind, Vec<Remedy>)>) -> impl IntoView {
    let filing = use_filing();
    let form = filing.form;
    // A remedy chosen for another cause that this one does not open is not kept.
    if let Some(chosen) = form.remedy.get_untracked() {
        if !choices.iter().any(|(kind, _)| *kind == chosen) {
            form.remedy.set(None);
        }
    }
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(i, (kind, reasons))| {
            let id = if i == 0 {
                "claim-remedy".to_owned()
            } else {
                format!("claim-remedy-{}", kind.key())
            };
            let checked = Signal::derive(move || form.remedy.get() == Some(kind));
            let choose = Callback::new(move |()| form.remedy.set(Some(kind)));
            let paid = kind == RemedyKind::PaidRepair;
            view! {
                <Radio id name="remedy" label=tr(remedy_title_key(kind)) checked on_choose=choose>
                    {reasons.into_iter().map(|remedy| view! { <RemedyReason remedy /> }).collect_view()}
                    {paid.then(|| view! { <span class="remedy-option__paid">{tr("claim_new.paid_repair_note")}</span> })}
                </Radio>
            }
        })
        .collect_view();
    view! {
        <RadioGroup id="claim-remedy" legend="claim_new.remedy_title" error=filing.errors.message("remedy")>
            {radios}
        </RadioGroup>
    }
}

/// Step 3's body.
#[component]
pub fn RemedyStep() -> impl IntoView {
    let i18n = use_i18n();
    let filing = use_filing();
    let navigate = use_navigate();
    let today = use_today(&filing.product.with_value(|p| p.country.clone()));
    let form = filing.form;
    let coverage = filing.coverage;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = filing.errors_for(ClaimStep::Remedy);
        if !found.is_empty() {
            filing.errors.set(found);
            return;
        }
        filing.errors.clear();
        navigate(&filing.path(ClaimStep::Check), NavigateOptions::default());
    };
    let lead = move || {
        let cause = form
            .cause
            .get()
            .map(|c| i18n.t(cause_keys(c).0))
            .unwrap_or_default();
        i18n.t_with("claim_new.remedy_lead", &[("cause", &cause)])
    };
    let retry = Callback::new(move |()| coverage.refetch());
    view! {
        <form novalidate class="form" on:submit=submit>
            <p>{lead}</p>
            {move || match coverage.get() {
                None => view! { <Skeleton blocks=3 /> }.into_any(),
                Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
                Some(Ok(pc)) => {
                    let cause = form
                        .cause
                        .get_untracked()
                        .unwrap_or(aftercare_core::warranty::ClaimCause::PerformanceDefect);
                    let choices = remedy_choices(&pc, cause, today.get());
                    view! { <Choices choices /> }.into_any()
                }
            }}
            <p class="note">{tr("remedies.stated_terms")}</p>
            <button type="submit" class="button">{tr("claim_new.continue")}</button>
        </form>
    }
}
