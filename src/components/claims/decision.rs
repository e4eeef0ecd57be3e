//! The customer's answer to a quote: Accept or Decline, each confirmed first ("Accept
//! this quote of €528.89?"), then the result said in words. Customers only; the quote
//! itself is drawn by [`super::QuoteView`].

use aftercare_core::claims::Claim;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::focus_by_id;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// Accept / Decline with a confirmation step.
#[component]
pub fn QuoteDecision(
    /// The claim's id.
    claim_id: i64,
    /// The quote's total as shown (money in the customer's locale).
    #[prop(into)]
    total: Signal<String>,
    /// Receives the claim after the answer, and whether it was an acceptance.
    on_decided: Callback<(Claim, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asking = RwSignal::new(None::<bool>);
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let ask = move |accept: bool| {
        asking.set(Some(accept));
        failed.set(None);
        request_animation_frame(|| focus_by_id("quote-confirm"));
    };
    let confirm = move |accept: bool| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::decide_quote(claim_id, accept).await);
            pending.set(false);
            match result {
                Ok(claim) => {
                    asking.set(None);
                    on_decided.run((claim, accept));
                }
                Err(e) => failed.set(
                    e.form_errors()
                        .first()
                        .map(|e| i18n.field_error(e))
                        .or_else(|| Some(i18n.t("error.internal"))),
                ),
            }
        });
    };
    view! {
        {move || failed.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
        {move || match asking.get() {
            None => view! {
                <div class="button-group">
                    <button type="button" class="button" on:click=move |_| ask(true)>
                        {tr("claim.quote.accept")}
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| ask(false)>
                        {tr("claim.quote.decline")}
                    </button>
                </div>
            }
            .into_any(),
            Some(accept) => {
                let question = move || {
                    if accept {
                        i18n.t_with("claim.quote.confirm_accept", &[("total", &total.get())])
                    } else {
                        i18n.t("claim.quote.confirm_decline")
                    }
                };
                let (yes, class) = if accept {
                    ("claim.quote.yes_accept", "button")
                } else {
                    ("claim.quote.yes_decline", "button button--warning")
                };
                view! {
                    <div class=if accept { "confirm confirm--neutral" } else { "confirm" }>
                        <h3 id="quote-confirm" class="heading-s" tabindex="-1">{question}</h3>
                        <div class="button-group">
                            <button type="button" class=class disabled=move || pending.get() on:click=move |_| confirm(accept)>
                                {tr(yes)}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| asking.set(None)>
                                {tr("claim.quote.go_back")}
                            </button>
                        </div>
                    </div>
                }
                .into_any()
            }
        }}
    }
}
