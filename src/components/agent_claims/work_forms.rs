//! What was done to the unit, for the warranty engine: "Record a repair" (defect code,
//! parts, when it was handed over and returned, days waiting for parts, fixed or not —
//! days at the centre extend cover) and "Record a replacement" (the day and the new
//! serial number — cover restarts).

use aftercare_core::claims::{Claim, ClaimRepairRequest, ClaimReplacementRequest};
use aftercare_core::problem::FieldError;
use aftercare_core::validate::parse_date;
use aftercare_core::warranty::RepairOutcome;
use aftercare_core::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Done;
use crate::api;
use crate::components::common::{focus_by_id, ErrorSummary, FieldNotes, TextField};
use crate::components::coverage::live::use_today;
use crate::dates;
use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// Most days waiting for parts that one repair may count.
const MAX_PARTS_WAIT_DAYS: u32 = 365;

/// A required date field: a real date, or the error to show beside it.
fn required_date(text: &str, field: &str, missing: (&str, &str)) -> Result<NaiveDate, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(field, missing.0, missing.1));
    }
    parse_date(text).ok_or_else(|| {
        FieldError::new(
            field,
            "error.date_format",
            "Enter a real date, like 2026-03-14",
        )
    })
}

/// The repair form as typed: `[defect, parts (one per line), handed over, returned on,
/// parts-wait days]` and the outcome.
pub fn repair_request(
    values: [&str; 5],
    outcome: Option<RepairOutcome>,
) -> Result<ClaimRepairRequest, Vec<FieldError>> {
    let [defect, parts, handed_over, returned_on, parts_wait] = values;
    let mut errors = Vec::new();
    if defect.trim().is_empty() {
        errors.push(FieldError::new(
            "defect",
            "error.defect_required",
            "Enter the defect code",
        ));
    }
    let handed_over = required_date(
        handed_over,
        "handed_over",
        (
            "error.repair_handed_over_required",
            "Enter the day the unit reached the centre",
        ),
    )
    .map_err(|e| errors.push(e))
    .ok();
    let returned_on = if returned_on.trim().is_empty() {
        None
    } else {
        match parse_date(returned_on) {
            None => {
                errors.push(FieldError::new(
                    "returned_on",
                    "error.date_format",
                    "Enter a real date, like 2026-03-14",
                ));
                None
            }
            Some(day) if handed_over.is_some_and(|h| day < h) => {
                errors.push(FieldError::new(
                    "returned_on",
                    "error.returned_before_handed_over",
                    "The return date must be on or after the hand-over date",
                ));
                None
            }
            Some(day) => Some(day),
        }
    };
    let parts_wait_days = if parts_wait.trim().is_empty() {
        0
    } else {
        match parts_wait.trim().parse::<u32>() {
            Ok(days) if days <= MAX_PARTS_WAIT_DAYS => days,
            _ => {
                errors.push(
                    FieldError::new(
                        "parts_wait_days",
                        "error.repair_parts_wait",
                        "Enter the days waiting for parts as a whole number from 0 to 365",
                    )
                    .with("max", MAX_PARTS_WAIT_DAYS),
                );
                0
            }
        }
    };
    if outcome.is_none() {
        errors.push(FieldError::new(
            "outcome",
            "error.repair_outcome_required",
            "Choose whether the defect is fixed",
        ));
    }
    match (handed_over, outcome) {
        (Some(handed_over), Some(outcome)) if errors.is_empty() => Ok(ClaimRepairRequest {
            parts: parts
                .lines()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            defect: defect.trim().to_owned(),
            handed_over,
            returned_on,
            parts_wait_days,
            outcome,
        }),
        _ => Err(errors),
    }
}

/// The replacement form as typed: the day and the new serial number.
pub fn replacement_request(
    date: &str,
    serial: &str,
) -> Result<ClaimReplacementRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = required_date(
        date,
        "date",
        (
            "error.replacement_date_required",
            "Enter the day the new unit was handed over",
        ),
    )
    .map_err(|e| errors.push(e))
    .ok();
    if serial.trim().is_empty() {
        errors.push(FieldError::new(
            "new_serial",
            "error.replacement_serial_required",
            "Enter the new unit's serial number as printed on its label",
        ));
    }
    match date {
        Some(date) if errors.is_empty() => Ok(ClaimReplacementRequest {
            date,
            new_serial: serial.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

/// The day the claim's product's cover ends, as the server evaluated it.
pub fn cover_end(claim: &Claim) -> Option<NaiveDate> {
    claim.coverage.as_ref().map(|pc| pc.coverage.end)
}

/// The two radios of the repair's outcome.
#[component]
fn OutcomeChoice(
    value: RwSignal<Option<RepairOutcome>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let choice = |outcome: RepairOutcome, id: &'static str, label: &'static str| {
        view! {
            <div class="choice">
                <input
                    id=id
                    class="choice__input"
                    type="radio"
                    name="repair-outcome"
                    prop:checked=move || value.get() == Some(outcome)
                    on:change=move |_| value.set(Some(outcome))
                />
                <label class="choice__label" for=id>{tr(label)}</label>
            </div>
        }
    };
    view! {
        <fieldset
            class="fieldset form-group"
            class:form-group--error=move || error.with(Option::is_some)
            aria-describedby=move || error.with(Option::is_some).then_some("repair-outcome-group-error")
        >
            <legend class="label">{tr("agent_claim.repair_outcome")}</legend>
            <FieldNotes id="repair-outcome-group" hint=None error />
            <div class="choices">
                {choice(RepairOutcome::Fixed, "repair-outcome", "agent_claim.repair_fixed")}
                {choice(RepairOutcome::NotFixed, "repair-outcome-not-fixed", "agent_claim.repair_not_fixed")}
            </div>
        </fieldset>
    }
}

/// "Record a repair".
#[component]
fn RepairForm(
    claim_id: i64,
    before: Option<NaiveDate>,
    today: Signal<String>,
    on_done: Callback<Done>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let defect = RwSignal::new(String::new());
    let parts = RwSignal::new(String::new());
    let handed_over = RwSignal::new(String::new());
    let returned_on = RwSignal::new(String::new());
    let parts_wait = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<RepairOutcome>);
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = [
            defect.get_untracked(),
            parts.get_untracked(),
            handed_over.get_untracked(),
            returned_on.get_untracked(),
            parts_wait.get_untracked(),
        ];
        let request = match repair_request(
            values.each_ref().map(String::as_str),
            outcome.get_untracked(),
        ) {
            Ok(request) => request,
            Err(found) => return errors.set(found),
        };
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::record_claim_repair(claim_id, &request).await);
            pending.set(false);
            match result {
                Ok(claim) => {
                    let after = cover_end(&claim);
                    on_done.run(Done::Repair { before, after });
                }
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    let parts_error = errors.message("parts");
    let has_parts_error = move || parts_error.with(Option::is_some);
    view! {
        <form class="inline-form work-form" on:submit=submit novalidate aria-labelledby="repair-heading">
            <h3 id="repair-heading" class="heading-s">{tr("agent_claim.repair_title")}</h3>
            <p class="hint">{tr("agent_claim.repair_hint")}</p>
            <ErrorSummary errors id_prefix="repair-" />
            <TextField id="repair-defect" label=tr("agent_claim.repair_defect") hint=tr("agent_claim.repair_defect_hint")
                value=defect error=errors.message("defect") class="input--wide" />
            <div class="form-group" class:form-group--error=has_parts_error>
                <label class="label" for="repair-parts">{tr("agent_claim.repair_parts")}</label>
                <FieldNotes id="repair-parts" hint=Some(Signal::derive(tr("agent_claim.repair_parts_hint"))) error=parts_error />
                <textarea
                    id="repair-parts"
                    class="textarea"
                    rows="3"
                    aria-describedby=move || if has_parts_error() { "repair-parts-hint repair-parts-error" } else { "repair-parts-hint" }
                    prop:value=move || parts.get()
                    on:input=move |ev| parts.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="block-form__pair">
                <TextField id="repair-handed_over" label=tr("agent_claim.repair_handed_over") value=handed_over
                    error=errors.message("handed_over") input_type="date" class="input--date" max=today />
                <TextField id="repair-returned_on" label=tr("agent_claim.repair_returned_on")
                    hint=tr("agent_claim.repair_returned_on_hint") value=returned_on
                    error=errors.message("returned_on") input_type="date" class="input--date" max=today />
            </div>
            <TextField id="repair-parts_wait_days" label=tr("agent_claim.repair_parts_wait")
                hint=tr("agent_claim.repair_parts_wait_hint") value=parts_wait
                error=errors.message("parts_wait_days") class="input--short" />
            <OutcomeChoice value=outcome error=errors.message("outcome") />
            <div class="button-group">
                <button type="submit" class="button" disabled=move || pending.get()>{tr("agent_claim.repair_submit")}</button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>{tr("common.cancel")}</button>
            </div>
        </form>
    }
}

/// "Record a replacement".
#[component]
fn ReplacementForm(
    claim_id: i64,
    before: Option<NaiveDate>,
    today: Signal<String>,
    on_done: Callback<Done>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let date = RwSignal::new(String::new());
    let serial = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = match replacement_request(&date.get_untracked(), &serial.get_untracked()) {
            Ok(request) => request,
            Err(found) => return errors.set(found),
        };
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::record_claim_replacement(claim_id, &request).await);
            pending.set(false);
            match result {
                Ok(claim) => {
                    let after = cover_end(&claim);
                    on_done.run(Done::Replacement { before, after });
                }
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    view! {
        <form class="inline-form work-form" on:submit=submit novalidate aria-labelledby="replacement-heading">
            <h3 id="replacement-heading" class="heading-s">{tr("agent_claim.replacement_title")}</h3>
            <p class="hint">{tr("agent_claim.replacement_hint")}</p>
            <ErrorSummary errors id_prefix="replacement-" />
            <TextField id="replacement-date" label=tr("agent_claim.replacement_date") value=date
                error=errors.message("date") input_type="date" class="input--date" max=today />
            <TextField id="replacement-new_serial" label=tr("agent_claim.replacement_serial") value=serial
                error=errors.message("new_serial") class="input--wide" />
            <div class="button-group">
                <button type="submit" class="button" disabled=move || pending.get()>{tr("agent_claim.replacement_submit")}</button>
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>{tr("common.cancel")}</button>
            </div>
        </form>
    }
}

/// Which of the two forms is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Repair,
    Replacement,
}

/// The two buttons and the open form.
#[component]
pub fn WorkRecords(
    /// The claim as loaded.
    claim: Claim,
    /// Told what was recorded.
    on_done: Callback<Done>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<Open>);
    let id = claim.summary.id;
    let before = cover_end(&claim);
    // The latest day a form takes: today on the product's market calendar, as the server counts it.
    let today = claim.coverage.as_ref().map_or_else(
        || Signal::stored(dates::today()),
        |pc| use_today(&pc.input.country),
    );
    let today = Signal::derive(move || today.get().to_string());
    let cancel = Callback::new(move |()| open.set(None));
    let done = Callback::new(move |what: Done| {
        open.set(None);
        on_done.run(what);
    });
    let toggle = move |which: Open, focus: &'static str| {
        move |_| {
            if open.get_untracked() == Some(which) {
                open.set(None);
            } else {
                open.set(Some(which));
                request_animation_frame(move || focus_by_id(focus));
            }
        }
    };
    let expanded = move |which: Open| {
        move || {
            if open.get() == Some(which) {
                "true"
            } else {
                "false"
            }
        }
    };
    let current_end = move || {
        before.map(|end| i18n.t_with("agent_claim.cover_ends", &[("date", &i18n.date(end))]))
    };
    view! {
        {move || current_end().map(|line| view! { <p>{line}</p> })}
        <div class="button-group">
            <button type="button" class="button button--secondary" aria-expanded=expanded(Open::Repair)
                on:click=toggle(Open::Repair, "repair-defect")>
                {tr("agent_claim.repair_open")}
            </button>
            <button type="button" class="button button--secondary" aria-expanded=expanded(Open::Replacement)
                on:click=toggle(Open::Replacement, "replacement-date")>
                {tr("agent_claim.replacement_open")}
            </button>
        </div>
        {move || match open.get() {
            Some(Open::Repair) => view! { <RepairForm claim_id=id before today on_done=done on_cancel=cancel /> }.into_any(),
            Some(Open::Replacement) => view! { <ReplacementForm claim_id=id before today on_done=done on_cancel=cancel /> }.into_any(),
            None => ().into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repair_needs_a_defect_a_handover_day_and_an_outcome() {
        let sent = repair_request(
            [
                "E21",
                "Pump\n\n  Door seal ",
                "2026-03-02",
                "2026-03-09",
                "",
            ],
            Some(RepairOutcome::Fixed),
        )
        .expect("valid");
        assert_eq!(sent.parts, ["Pump", "Door seal"]);
        assert_eq!(sent.parts_wait_days, 0);
        assert_eq!(
            sent.returned_on.map(|d| d.to_string()).as_deref(),
            Some("2026-03-09")
        );
        let refused = repair_request(["", "", "", "", "x"], None).expect_err("empty");
        let fields: Vec<&str> = refused.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["defect", "handed_over", "parts_wait_days", "outcome"]
        );
        let backwards = repair_request(
            ["E21", "", "2026-03-09", "2026-03-02", "3"],
            Some(RepairOutcome::NotFixed),
        )
        .expect_err("backwards");
        assert_eq!(backwards[0].field, "returned_on");
    }

    #[test]
    fn a_replacement_needs_its_day_and_serial() {
        let sent = replacement_request("2026-04-01", " WM-87654321 ").expect("valid");
        assert_eq!(sent.new_serial, "WM-87654321");
        let refused = replacement_request("31/02", "").expect_err("refused");
        let fields: Vec<&str> = refused.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date", "new_serial"]);
    }
}
