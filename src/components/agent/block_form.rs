//! "Block time": a start and an end (date and time, in the centre's own clock) and a
//! reason; sent as UTC instants, so the block covers the same hours wherever the agent is.

use aftercare_core::api::BlockTimeRequest;
use aftercare_core::problem::FieldError;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{ErrorSummary, SuccessBanner, TextField};
use crate::dates;
use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// A date and a time field's values as a local date-time, or the error of the first
/// one that is missing or not real.
fn local_moment(
    date: &str,
    time: &str,
    date_field: &str,
    time_field: &str,
) -> Result<NaiveDateTime, FieldError> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(date_field, "error.block_date", "Enter a real date"))?;
    let at = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| FieldError::new(time_field, "error.block_time", "Enter a time, like 10:00"))?;
    Ok(day.and_time(at))
}

/// The request for the form's values, with `to_utc` turning a centre-local time into UTC;
/// every problem found as field errors.
pub fn block_request(
    values: [&str; 5],
    to_utc: impl Fn(NaiveDateTime) -> Option<chrono::DateTime<chrono::Utc>>,
) -> Result<BlockTimeRequest, Vec<FieldError>> {
    let [start_date, start_time, end_date, end_time, reason] = values;
    let start = local_moment(start_date, start_time, "start_date", "start_time");
    let end = local_moment(end_date, end_time, "end_date", "end_time");
    let (start, end) = match (start, end) {
        (Ok(s), Ok(e)) => (s, e),
        (s, e) => return Err([s.err(), e.err()].into_iter().flatten().collect()),
    };
    let zone_error = || {
        vec![FieldError::new(
            "",
            "error.block_zone",
            "The centre's time zone is unknown",
        )]
    };
    let start = to_utc(start).ok_or_else(zone_error)?;
    let end = to_utc(end).ok_or_else(zone_error)?;
    if end <= start {
        return Err(vec![FieldError::new(
            "end_date",
            "error.block_range",
            "The end must be after the start",
        )]);
    }
    Ok(BlockTimeRequest {
        start,
        end,
        reason: reason.trim().to_owned(),
    })
}

/// Puts the server's `end` errors on the end date field.
fn beside_fields(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            match e.field.as_str() {
                "end" => e.field = "end_date".into(),
                "start" => e.field = "start_date".into(),
                _ => {}
            }
            e
        })
        .collect()
}

/// The form for the chosen centre.
#[component]
pub fn BlockTimeForm(
    /// The centre.
    centre_id: i64,
    /// The centre's IANA time zone.
    zone: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let start_date = RwSignal::new(String::new());
    let start_time = RwSignal::new(String::new());
    let end_date = RwSignal::new(String::new());
    let end_time = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let hint_zone = zone.clone();
    let hint = Signal::derive(move || i18n.t_with("agent.block_hint", &[("zone", &hint_zone)]));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let values = [
            start_date.get_untracked(),
            start_time.get_untracked(),
            end_date.get_untracked(),
            end_time.get_untracked(),
            reason.get_untracked(),
        ];
        let refs = values.each_ref().map(String::as_str);
        let request = match block_request(refs, |local| dates::zone_local_to_utc(local, &zone)) {
            Ok(request) => request,
            Err(found) => return errors.set(found),
        };
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::block_time(centre_id, &request).await);
            pending.set(false);
            match result {
                Ok(()) => {
                    done.set(Some(i18n.t("agent.block_done")));
                    reason.set(String::new());
                }
                Err(e) => errors.set(beside_fields(e.form_errors())),
            }
        });
    };
    view! {
        <section class="section" aria-labelledby="block-heading">
            <h2 id="block-heading" class="heading-m">{tr("agent.block_title")}</h2>
            <p class="hint">{hint}</p>
            {move || done.get().map(|message| view! { <SuccessBanner message /> })}
            <ErrorSummary errors id_prefix="block-" />
            <form class="block-form" on:submit=submit novalidate>
                <div class="block-form__pair">
                    <TextField id="block-start_date" label=tr("agent.block_start_date") value=start_date
                        error=errors.message("start_date") input_type="date" />
                    <TextField id="block-start_time" label=tr("agent.block_start_time") value=start_time
                        error=errors.message("start_time") input_type="time" />
                </div>
                <div class="block-form__pair">
                    <TextField id="block-end_date" label=tr("agent.block_end_date") value=end_date
                        error=errors.message("end_date") input_type="date" />
                    <TextField id="block-end_time" label=tr("agent.block_end_time") value=end_time
                        error=errors.message("end_time") input_type="time" />
                </div>
                <TextField id="block-reason" label=tr("agent.block_reason") value=reason
                    error=errors.message("reason") />
                <button type="submit" class="button" disabled=move || pending.get()>
                    {tr("agent.block_submit")}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(local: NaiveDateTime) -> Option<chrono::DateTime<chrono::Utc>> {
        Some((local - chrono::Duration::hours(1)).and_utc())
    }

    #[test]
    fn a_block_is_sent_in_utc_and_a_backwards_one_is_refused() {
        let request = block_request(
            ["2026-11-27", "10:00", "2026-11-27", "11:00", " Staff "],
            utc,
        )
        .expect("valid");
        assert_eq!(request.start.to_rfc3339(), "2026-11-27T09:00:00+00:00");
        assert_eq!(request.end.to_rfc3339(), "2026-11-27T10:00:00+00:00");
        assert_eq!(request.reason, "Staff");
        let errors = block_request(["2026-11-27", "10:00", "2026-11-27", "09:00", ""], utc)
            .expect_err("backwards");
        assert_eq!(errors[0].field, "end_date");
        let errors = block_request(["", "10:00", "2026-11-27", "", ""], utc).expect_err("blank");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["start_date", "end_time"]);
    }
}
