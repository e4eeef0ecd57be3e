//! "Did this solve your problem?" under an article. Yes thanks the reader; No offers the
//! next step, filing a claim. A signed-in reader's answer is recorded (one per account;
//! a new answer replaces it); a visitor gets the same next step without a record.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::focus_by_id;
use crate::routes::Page;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// Where the reader stands with the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// Not answered yet (or the answer could not be sent).
    Open,
    /// Being sent.
    Sending(bool),
    /// Answered.
    Given(bool),
}

/// What the reader sees once they answered.
#[component]
fn Outcome(solved: bool) -> impl IntoView {
    if solved {
        view! {
            <div id="help-feedback-outcome" class="help-feedback__outcome" role="status" tabindex="-1">
                <p class="help-feedback__thanks">{tr("help.feedback_thanks_solved")}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div id="help-feedback-outcome" class="help-feedback__outcome" role="status" tabindex="-1">
                <p class="help-feedback__thanks">{tr("help.feedback_thanks_unsolved")}</p>
                <p>{tr("help.feedback_next_step")}</p>
                <a href=Page::Products.path() class="button">
                    {tr("help.file_claim")}
                </a>
            </div>
        }
        .into_any()
    }
}

/// The question with its Yes and No buttons.
#[component]
pub fn ArticleFeedback(
    /// The article's slug.
    slug: String,
) -> impl IntoView {
    let session = use_session();
    let answer = RwSignal::new(Answer::Open);
    let failed = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    // The buttons go away with the answer: focus moves to what replaced them, so a
    // keyboard user is not sent back to the top of the page.
    let answered = move |solved: bool| {
        answer.set(Answer::Given(solved));
        request_animation_frame(|| focus_by_id("help-feedback-outcome"));
    };
    let give = move |solved: bool| {
        failed.set(false);
        if session.me_untracked().is_none() {
            answered(solved);
            return;
        }
        answer.set(Answer::Sending(solved));
        spawn_local(async move {
            let result = session.watch(api::article_feedback(&slug.get_value(), solved).await);
            match result {
                Ok(_) => answered(solved),
                // The next step matters more than the record: offer it anyway, and say
                // the answer was not saved.
                Err(_) => {
                    failed.set(true);
                    answered(solved);
                }
            }
        });
    };
    let sending = move || matches!(answer.get(), Answer::Sending(_));
    view! {
        <section class="help-feedback" aria-labelledby="help-feedback-title">
            <h2 id="help-feedback-title" class="heading-m">
                {tr("help.feedback_question")}
            </h2>
            {move || match answer.get() {
                Answer::Given(solved) => view! { <Outcome solved /> }.into_any(),
                Answer::Open | Answer::Sending(_) => view! {
                    <div class="button-group">
                        <button
                            type="button"
                            class="button button--secondary"
                            disabled=sending
                            on:click=move |_| give(true)
                        >
                            {tr("help.feedback_yes")}
                        </button>
                        <button
                            type="button"
                            class="button button--secondary"
                            disabled=sending
                            on:click=move |_| give(false)
                        >
                            {tr("help.feedback_no")}
                        </button>
                    </div>
                }
                .into_any(),
            }}
            {move || failed.get().then(|| view! { <p class="hint">{tr("help.feedback_not_saved")}</p> })}
        </section>
    }
}
