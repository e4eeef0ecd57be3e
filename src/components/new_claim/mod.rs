//! Filing a claim, one thing per page: what happened (with help articles that may solve
//! it), the details and photos, the remedy among those the coverage allows today, then
//! check and send. The answers live in a [`Filing`] context kept in `localStorage` (see
//! [`crate::state::claim_draft`]), so Back, a reload or a closed tab never loses them.

pub mod check;
pub mod details;
pub mod frame;
pub mod problem;
pub mod remedy;

pub use check::CheckStep;
pub use details::DetailsStep;
pub use frame::FilingFrame;
pub use problem::ProblemStep;
pub use remedy::RemedyStep;

use aftercare_core::api::{ProductCoverage, RegisteredProduct};
use aftercare_core::claims::{validate_new_claim, NewClaimRequest};
use aftercare_core::problem::FieldError;
use aftercare_core::warranty::{evaluate, policy_for_country, ClaimCause, Remedy, RemedyKind};
use aftercare_core::NaiveDate;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::dates;
use crate::forms::FormErrors;
use crate::routes::{ClaimStep, Page};
use crate::state::claim_draft::{step_of_field, DraftForm};

/// The claim being filed, for every step's component.
#[derive(Clone, Copy)]
pub struct Filing {
    /// The product the claim is about.
    pub product: StoredValue<RegisteredProduct>,
    /// Its coverage as the server computed it (with the engine's input), once loaded.
    pub coverage: LocalResource<Result<ProductCoverage, ApiError>>,
    /// The answers.
    pub form: DraftForm,
    /// The errors the current step shows.
    pub errors: FormErrors,
    /// Whether the answers came back from a kept draft (says so until the next step).
    pub restored: RwSignal<bool>,
    /// Whether the draft was just discarded (says so once).
    pub discarded: RwSignal<bool>,
    /// The draft's storage key.
    pub storage_key: StoredValue<String>,
    /// Set once the claim is filed: the draft is no longer kept.
    pub sent: StoredValue<bool>,
}

/// The filing context of the page.
pub fn use_filing() -> Filing {
    expect_context::<Filing>()
}

impl Filing {
    /// The product's id.
    pub fn product_id(self) -> i64 {
        self.product.with_value(|p| p.id)
    }

    /// Today on the product's market calendar (the day the server judges the claim on).
    pub fn today(self) -> NaiveDate {
        self.product.with_value(|p| dates::market_today(&p.country))
    }

    /// The request the answers make (untracked).
    pub fn request(self) -> NewClaimRequest {
        self.form.request(self.product_id())
    }

    /// The path of one of this filing's steps.
    pub fn path(self, step: ClaimStep) -> String {
        Page::new_claim_step(self.product_id(), step)
    }

    /// The errors that stop the customer leaving `step` (every step's, for Check).
    pub fn errors_for(self, step: ClaimStep) -> Vec<FieldError> {
        let today = self.today();
        let request = self.request();
        let bought = self.product.with_value(|p| p.purchase_date);
        let offered = self.coverage.with_untracked(|c| match c {
            Some(Ok(pc)) => Some(offered_kinds(pc, request.cause, today)),
            _ => None,
        });
        step_errors(
            step,
            &StepAnswers {
                request: &request,
                cause_chosen: self.form.cause.with_untracked(Option::is_some),
                symptom: &self.form.symptom.get_untracked(),
                purchased_on: Some(bought),
                offered: offered.as_deref(),
            },
            today,
        )
    }
}

/// What the step checks look at.
pub struct StepAnswers<'a> {
    /// The request the answers make.
    pub request: &'a NewClaimRequest,
    /// Whether a cause was chosen (the request always has one).
    pub cause_chosen: bool,
    /// The few words about what is wrong.
    pub symptom: &'a str,
    /// The product's purchase date.
    pub purchased_on: Option<NaiveDate>,
    /// The remedies the coverage allows today for the cause, once known.
    pub offered: Option<&'a [RemedyKind]>,
}

/// The errors of `step` (of every step up to it for Check): core's shared rules for the
/// claim's fields, plus the choices only the form asks for (a cause, a few words) and a
/// remedy that the coverage no longer allows after the cause changed.
pub fn step_errors(
    step: ClaimStep,
    answers: &StepAnswers<'_>,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !answers.cause_chosen {
        errors.push(FieldError::new(
            "cause",
            "error.claim_cause_required",
            "Choose what happened",
        ));
    }
    if answers.symptom.trim().is_empty() {
        errors.push(FieldError::new(
            "symptom",
            "error.claim_symptom_required",
            "Say in a few words what is wrong",
        ));
    }
    if let Err(found) = validate_new_claim(answers.request, answers.purchased_on, today) {
        errors.extend(found);
    }
    if let (Some(remedy), Some(offered)) = (answers.request.remedy, answers.offered) {
        if !offered.contains(&remedy) {
            errors.push(FieldError::new(
                "remedy",
                "error.claim_remedy_not_offered",
                "Choose one of the remedies listed",
            ));
        }
    }
    errors
        .into_iter()
        .filter(|e| {
            let of = step_of_field(&e.field);
            if step == ClaimStep::Check {
                of != ClaimStep::Check
            } else {
                of == step
            }
        })
        .collect()
}

/// The first step whose answers are missing or wrong before `step`, if any: where a
/// customer who jumps ahead (a bookmark, an edited address) is sent.
pub fn first_unfinished(
    answers: &StepAnswers<'_>,
    step: ClaimStep,
    today: NaiveDate,
) -> Option<ClaimStep> {
    ClaimStep::ALL
        .into_iter()
        .take_while(|s| *s < step)
        .find(|s| !step_errors(*s, answers, today).is_empty())
}

/// The coverage evaluated for a claim of this cause: the server's input with the cause
/// set, run through the same engine and policy as on the server.
pub fn remedies_for(pc: &ProductCoverage, cause: ClaimCause, today: NaiveDate) -> Vec<Remedy> {
    let mut input = pc.input.clone();
    input.claim.cause = cause;
    evaluate(&input, policy_for_country(&input.country), today).remedies
}

/// The remedies open today for `cause`, each kind once, grouped with every reason that
/// opens it, in the engine's order.
pub fn remedy_choices(
    pc: &ProductCoverage,
    cause: ClaimCause,
    today: NaiveDate,
) -> Vec<(RemedyKind, Vec<Remedy>)> {
    let mut choices: Vec<(RemedyKind, Vec<Remedy>)> = Vec::new();
    for remedy in remedies_for(pc, cause, today) {
        match choices.iter_mut().find(|(kind, _)| *kind == remedy.kind) {
            Some((_, reasons)) => reasons.push(remedy),
            None => choices.push((remedy.kind, vec![remedy])),
        }
    }
    choices
}

/// The kinds of remedy open today for `cause`.
pub fn offered_kinds(pc: &ProductCoverage, cause: ClaimCause, today: NaiveDate) -> Vec<RemedyKind> {
    remedy_choices(pc, cause, today)
        .into_iter()
        .map(|(kind, _)| kind)
        .collect()
}

/// A labelled text area bound to `value`, with hint and error the GOV.UK way.
#[component]
pub fn TextAreaField(
    /// The text area's id (the error summary links to it).
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The bound value.
    value: RwSignal<String>,
    /// The message shown above it, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Visible lines.
    #[prop(default = 5)]
    rows: u32,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if has_error() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=id>{label}</label>
            <crate::components::common::FieldNotes id hint error />
            <textarea
                id=id
                name=id
                class="textarea"
                class:input--error=has_error
                rows=rows
                aria-describedby=described
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aftercare_core::claims::ContactPreference;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn request() -> NewClaimRequest {
        NewClaimRequest {
            product_id: 1,
            cause: ClaimCause::PerformanceDefect,
            description: String::new(),
            started_on: String::new(),
            remedy: None,
            contact: ContactPreference::Email,
            phone: String::new(),
            photo_ids: vec![],
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn each_step_asks_only_about_its_own_answers() {
        let mut req = request();
        let answers = |req: &NewClaimRequest, offered| {
            codes(step_errors(
                ClaimStep::Problem,
                &StepAnswers {
                    request: req,
                    cause_chosen: false,
                    symptom: " ",
                    purchased_on: None,
                    offered,
                },
                day(2026, 11, 24),
            ))
        };
        assert_eq!(
            answers(&req, None),
            ["error.claim_cause_required", "error.claim_symptom_required"]
        );
        req.description = "It stopped draining mid-cycle".into();
        req.started_on = "2026-11-20".into();
        let details = step_errors(
            ClaimStep::Details,
            &StepAnswers {
                request: &req,
                cause_chosen: true,
                symptom: "Leaks",
                purchased_on: None,
                offered: None,
            },
            day(2026, 11, 24),
        );
        assert!(details.is_empty(), "{details:?}");
    }

    #[test]
    fn a_remedy_the_cover_no_longer_allows_is_refused_and_jumping_ahead_goes_back() {
        let mut req = request();
        req.description = "It stopped draining mid-cycle".into();
        req.started_on = "2026-11-20".into();
        req.remedy = Some(RemedyKind::Refund);
        let offered = [RemedyKind::PaidRepair];
        let answers = StepAnswers {
            request: &req,
            cause_chosen: true,
            symptom: "Leaks",
            purchased_on: None,
            offered: Some(&offered),
        };
        assert_eq!(
            codes(step_errors(ClaimStep::Remedy, &answers, day(2026, 11, 24))),
            ["error.claim_remedy_not_offered"]
        );
        assert_eq!(
            first_unfinished(&answers, ClaimStep::Check, day(2026, 11, 24)),
            Some(ClaimStep::Remedy)
        );
        assert_eq!(
            first_unfinished(&answers, ClaimStep::Remedy, day(2026, 11, 24)),
            None
        );
    }
}
