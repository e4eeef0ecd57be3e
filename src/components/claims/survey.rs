//! After resolution, the one-tap satisfaction survey: five large buttons, 1 to 5, each
//! labelled in words; a tap sends the score at once. Then an optional comment and Send,
//! then thanks. Customers only.

use aftercare_core::claims::{validate_survey, Claim, Survey, SurveyRequest};
use leptos::prelude::*;

use crate::api;
use crate::components::common::focus_by_id;
use crate::components::new_claim::TextAreaField;
use crate::forms::Sender;
use crate::state::i18n::{tr, use_i18n};

/// Where the survey stands on this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Waiting for a tap.
    Ask,
    /// The score is saved; a comment may follow.
    Scored(u8),
    /// All done.
    Thanked,
}

/// The words under each score.
const SCORE_KEYS: [&str; 5] = [
    "claim.survey.score_1",
    "claim.survey.score_2",
    "claim.survey.score_3",
    "claim.survey.score_4",
    "claim.survey.score_5",
];

/// The survey section.
#[component]
pub fn SatisfactionSurvey(
    /// The claim's id.
    claim_id: i64,
    /// The answer already given, if any (before this visit).
    answered: Option<Survey>,
    /// Receives the claim after each answer.
    on_answered: Callback<Claim>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stage = RwSignal::new(Stage::Ask);
    let form = Sender::new();
    let errors = form.errors;
    let comment = RwSignal::new(String::new());
    let send = move |request: SurveyRequest, then: Stage| {
        let checked = validate_survey(&request).map(|()| request);
        form.send(
            checked,
            move |request| async move { api::answer_survey(claim_id, &request).await },
            move |claim| {
                stage.set(then);
                on_answered.run(claim);
                request_animation_frame(|| focus_by_id("survey-result"));
            },
        );
    };
    let error_text = move || {
        errors
            .all()
            .first()
            .map(|e| view! { <p class="error-message" role="alert">{i18n.field_error(e)}</p> })
    };
    let body = move || match (stage.get(), answered.clone()) {
        (Stage::Ask, Some(given)) => view! {
            <p id="survey-result">
                {move || i18n.t_with("claim.survey.given", &[("score", &given.score.to_string())])}
            </p>
        }
        .into_any(),
        (Stage::Ask, None) => {
            let buttons = (1u8..=5)
                .map(|score| {
                    let word = SCORE_KEYS[usize::from(score - 1)];
                    view! {
                        <button
                            type="button"
                            class="survey__score"
                            disabled=move || form.pending()
                            on:click=move |_| send(SurveyRequest { score, comment: String::new() }, Stage::Scored(score))
                        >
                            <span class="survey__number">{score}</span>
                            <span class="survey__word">{tr(word)}</span>
                        </button>
                    }
                })
                .collect_view();
            view! {
                <p id="survey-question">{tr("claim.survey.question")}</p>
                <div class="survey__scores" role="group" aria-labelledby="survey-question">{buttons}</div>
            }
            .into_any()
        }
        (Stage::Scored(score), _) => {
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let text = comment.get_untracked().trim().to_owned();
                if text.is_empty() {
                    stage.set(Stage::Thanked);
                    return;
                }
                send(
                    SurveyRequest {
                        score,
                        comment: text,
                    },
                    Stage::Thanked,
                );
            };
            view! {
                <p id="survey-result" class="survey__saved" tabindex="-1">
                    <strong>{tr("claim.survey.saved")}</strong>
                </p>
                <form novalidate class="form" on:submit=submit>
                    <TextAreaField
                        id="survey-comment"
                        label=tr("claim.survey.comment")
                        value=comment
                        error=errors.message("comment")
                        rows=3
                    />
                    <button type="submit" class="button button--secondary" disabled=move || form.pending()>
                        {tr("claim.survey.send")}
                    </button>
                </form>
            }
            .into_any()
        }
        (Stage::Thanked, _) => view! {
            <p id="survey-result" tabindex="-1"><strong>{tr("claim.survey.thanks")}</strong></p>
        }
        .into_any(),
    };
    view! {
        <section class="section survey" aria-labelledby="survey-heading">
            <h2 id="survey-heading" class="heading-m">{tr("claim.survey.title")}</h2>
            {error_text}
            {body}
        </section>
    }
}
