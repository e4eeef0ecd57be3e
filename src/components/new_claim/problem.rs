//! Step 1: what happened (the engine's causes, in plain words) and a few words about it,
//! with help articles for the model that match those words: many problems end there.

use aftercare_core::warranty::ClaimCause;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::use_filing;
use crate::components::appointments::step_frame::{Radio, RadioGroup};
use crate::components::claims::cause_keys;
use crate::components::common::TextField;
use crate::components::help::SuggestedArticles;
use crate::routes::ClaimStep;
use crate::state::i18n::tr;

/// The causes as radios.
#[component]
fn CauseChoice() -> impl IntoView {
    let filing = use_filing();
    let form = filing.form;
    let radios = ClaimCause::ALL
        .into_iter()
        .enumerate()
        .map(|(i, cause)| {
            let (name, hint) = cause_keys(cause);
            let id = if i == 0 {
                "claim-cause".to_owned()
            } else {
                format!("claim-cause-{i}")
            };
            let checked = Signal::derive(move || form.cause.get() == Some(cause));
            let choose = Callback::new(move |()| form.cause.set(Some(cause)));
            view! {
                <Radio id name="cause" label=tr(name) checked on_choose=choose>
                    {tr(hint)}
                </Radio>
            }
        })
        .collect_view();
    view! {
        <RadioGroup id="claim-cause" legend="claim_new.problem_title" error=filing.errors.message("cause")>
            {radios}
        </RadioGroup>
    }
}

/// Step 1's body.
#[component]
pub fn ProblemStep() -> impl IntoView {
    let filing = use_filing();
    let navigate = use_navigate();
    let form = filing.form;
    let model_id = filing.product.with_value(|p| p.model.id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = filing.errors_for(ClaimStep::Problem);
        if !found.is_empty() {
            filing.errors.set(found);
            return;
        }
        filing.errors.clear();
        // The few words start the description; the customer adds to them on the next page.
        if form.description.with_untracked(|d| d.trim().is_empty()) {
            form.description
                .set(form.symptom.get_untracked().trim().to_owned());
        }
        navigate(&filing.path(ClaimStep::Details), NavigateOptions::default());
    };
    view! {
        <form novalidate class="form" on:submit=submit>
            <CauseChoice />
            <TextField
                id="claim-symptom"
                label=tr("claim_new.symptom")
                hint=tr("claim_new.symptom_hint")
                value=form.symptom
                error=filing.errors.message("symptom")
                class="input--wide"
            />
            <SuggestedArticles model_id symptom=form.symptom />
            <button type="submit" class="button">{tr("claim_new.continue_to_claim")}</button>
        </form>
    }
}
