//! The GOV.UK error summary: at the top of a refused form, focused so screen readers
//! announce it, each error linking to (and focusing) its field.

use leptos::prelude::*;

use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n};

use super::focus_by_id;

/// Lists the form's errors; renders nothing while there are none. Field `f` is the
/// control with id `{id_prefix}{f}`; form-level errors (empty field) are not links.
#[component]
pub fn ErrorSummary(
    /// The form's errors.
    errors: FormErrors,
    /// What precedes a field's name in its control's id (`register-`).
    id_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<leptos::html::Div>::new();
    // Each time errors are shown (every refused submit), focus moves to the summary.
    Effect::new(move || {
        if !errors.all().is_empty() {
            request_animation_frame(move || {
                if let Some(el) = summary.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    move || {
        let list = errors.all();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|e| {
                    let message = i18n.field_error(&e);
                    if e.field.is_empty() {
                        view! { <li>{message}</li> }.into_any()
                    } else {
                        let target = format!("{id_prefix}{}", e.field);
                        let href = format!("#{target}");
                        view! {
                            <li>
                                <a
                                    href=href
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_by_id(&target);
                                    }
                                >
                                    {message}
                                </a>
                            </li>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby="error-summary-title"
                    node_ref=summary
                >
                    <h2 id="error-summary-title" class="error-summary__title">
                        {tr("form.error_summary_title")}
                    </h2>
                    <ul class="error-summary__list">{items}</ul>
                </div>
            }
        })
    }
}
