//! A form field the GOV.UK way: label, optional hint, the error message above the
//! control, and the control tied to both with `aria-describedby`.

use aftercare_core::validate::MIN_PASSWORD_LEN;
use leptos::prelude::*;

use crate::state::i18n::use_i18n;

fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The hint and error lines shared by every kind of field (ids `{id}-hint` and
/// `{id}-error`, which the field's `aria-describedby` names).
#[component]
pub fn FieldNotes(
    id: &'static str,
    hint: Option<Signal<String>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_prefix = crate::state::i18n::tr("form.error_prefix");
    view! {
        {hint.map(|hint| view! { <div id=format!("{id}-hint") class="hint">{hint}</div> })}
        {move || {
            error
                .get()
                .map(|message| {
                    view! {
                        <p id=format!("{id}-error") class="error-message">
                            <span class="visually-hidden">{error_prefix}</span>
                            {message}
                        </p>
                    }
                })
        }}
    }
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextField(
    /// The input's id (the error summary links to it).
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The bound value; what was typed is never cleared by an error.
    value: RwSignal<String>,
    /// The message shown above the input, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The input type (`text`, `email`, `password`, `date` ...).
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token, if any.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Extra classes for the input (widths).
    #[prop(default = "")]
    class: &'static str,
    /// The `max` attribute (dates).
    #[prop(optional, into)]
    max: Option<Signal<String>>,
    /// The `min` attribute (dates).
    #[prop(optional, into)]
    min: Option<Signal<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=id>
                {label}
            </label>
            <FieldNotes id hint error />
            <input
                id=id
                name=id
                type=input_type
                class=format!("input {class}")
                class:input--error=has_error
                autocomplete=autocomplete
                spellcheck=(input_type == "email").then_some("false")
                max=max
                min=min
                aria-describedby=move || described_by(id, has_hint, has_error())
                aria-invalid=move || has_error().then_some("true")
                bind:value=value
            />
        </div>
    }
}

/// A labelled select bound to `value`; options are (value, label) pairs.
#[component]
pub fn SelectField(
    /// The select's id.
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The bound value.
    value: RwSignal<String>,
    /// The options as (value, visible label), in order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The message shown above the select, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// A first, empty option ("Choose a country"), if any.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=id>
                {label}
            </label>
            <FieldNotes id hint error />
            <select
                id=id
                name=id
                class="select"
                class:select--error=has_error
                aria-describedby=move || described_by(id, has_hint, has_error())
                aria-invalid=move || has_error().then_some("true")
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.get_untracked() == v;
                            view! {
                                <option value=v selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A field for choosing a password: masked, `autocomplete="new-password"` (so password
/// managers offer to make one), and the length rule core checks as its hint.
#[component]
pub fn NewPasswordField(
    /// The input's id.
    id: &'static str,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// What is typed.
    value: RwSignal<String>,
    /// The message shown beside the field.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint = move || {
        i18n.t_with(
            "auth.password_hint",
            &[("min", &MIN_PASSWORD_LEN.to_string())],
        )
    };
    view! {
        <TextField
            id
            label
            hint=hint
            value
            error
            input_type="password"
            autocomplete="new-password"
        />
    }
}
