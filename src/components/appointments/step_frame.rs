//! What every booking step shares: Back, "Step N of 5", the question as the page's
//! heading, and a redirect to the first unanswered step when one is skipped (a reload).

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::NavigateOptions;

use crate::components::common::PageHeading;
use crate::routes::{BookStep, Page};
use crate::state::booking::use_booking;
use crate::state::i18n::{tr, use_i18n};

/// One step's page frame around its form.
#[component]
pub fn StepFrame(
    /// Which step this is.
    step: BookStep,
    /// The question, as a translation key.
    title: &'static str,
    /// The step's form.
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let back = step
        .previous()
        .map_or_else(|| Page::Appointments.path(), |s| Page::Book(s).path());
    let progress = move || {
        i18n.t_with(
            "book.step",
            &[
                ("number", &step.number().to_string()),
                ("total", &BookStep::ALL.len().to_string()),
            ],
        )
    };
    let missing = Memo::new(move |_| booking.missing_before(step));
    view! {
        <div class="narrow">
            <a href=back class="back-link">
                {tr("common.back")}
            </a>
            <p class="caption step-caption">{progress}</p>
            <PageHeading text=tr(title) />
            {move || match missing.get() {
                Some(first) => {
                    let options = NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    };
                    view! { <Redirect path=Page::Book(first).path() options /> }.into_any()
                }
                None => children().into_any(),
            }}
        </div>
    }
}

/// One radio of a step's list: a large tap target, its label, and a hint tied to it.
#[component]
pub fn Radio(
    /// The input's id (the first of a list is the error summary's target).
    #[prop(into)]
    id: String,
    /// The group's name.
    name: &'static str,
    /// The visible label (the radio's accessible name).
    #[prop(into)]
    label: Signal<String>,
    /// Whether it is the chosen one.
    #[prop(into)]
    checked: Signal<bool>,
    /// Runs when the customer chooses it.
    on_choose: Callback<()>,
    /// Details under the label (tied with `aria-describedby`).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = children.is_some().then(|| hint_id.clone());
    view! {
        <div class="radio">
            <input
                id=id.clone()
                class="radio__input"
                type="radio"
                name=name
                prop:checked=checked
                aria-describedby=described
                on:change=move |_| on_choose.run(())
            />
            <label class="radio__label" for=id>
                {label}
            </label>
            {children.map(|c| view! { <div id=hint_id class="radio__hint">{c()}</div> })}
        </div>
    }
}

/// A fieldset of radios with its legend and, when refused, the error above the choices,
/// tied to the fieldset so that screen readers read it on entering the group.
#[component]
pub fn RadioGroup(
    /// The first radio's id (the error summary's target); the error is `{id}-error`.
    id: &'static str,
    /// The question, as a translation key (read by screen readers; the page's heading
    /// already shows it).
    legend: &'static str,
    /// The message shown above the radios, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The radios.
    children: Children,
) -> impl IntoView {
    let error_prefix = tr("form.error_prefix");
    let error_id = format!("{id}-error");
    let has_error = move || error.with(Option::is_some);
    let described = {
        let error_id = error_id.clone();
        move || has_error().then(|| error_id.clone())
    };
    view! {
        <fieldset class="fieldset form-group" class:form-group--error=has_error aria-describedby=described>
            <legend class="visually-hidden">{tr(legend)}</legend>
            {move || {
                error
                    .get()
                    .map(|m| {
                        view! {
                            <p id=error_id.clone() class="error-message">
                                <span class="visually-hidden">{error_prefix}</span>
                                {m}
                            </p>
                        }
                    })
            }}
            <div class="radios">{children()}</div>
        </fieldset>
    }
}
