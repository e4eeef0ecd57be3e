//! Step 5: check your answers (each with Change), the cut-off stated, optional notes,
//! then Book appointment. A slot taken meanwhile sends the customer back to step 4 with
//! the next free times; a refused address back to step 3.

use aftercare_core::slots::change_cutoff;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{moment, service_keys, slot_when};
use crate::api::{self, ApiError};
use crate::components::common::ErrorSummary;
use crate::forms::FormErrors;
use crate::routes::{BookStep, Page};
use crate::state::booking::{use_booking, Booking};
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n, I18n};
use crate::state::offline::{use_offline, NewOutboxEntry, OutboxKind, OutboxMeta};
use crate::state::session::use_session;

/// One answer with its Change link back to its step.
#[component]
fn Answer(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    step: BookStep,
    /// What "Change" changes, for screen readers (" product").
    hidden: &'static str,
) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{tr(label)}</dt>
            <dd class="summary-list__value">{value}</dd>
            <dd class="summary-list__actions">
                <a href=Page::Book(step).path()>
                    {tr("common.change")}
                    <span class="visually-hidden">{tr(hidden)}</span>
                </a>
            </dd>
        </div>
    }
}

/// "You can change or cancel until …" for the chosen slot.
fn cutoff_sentence(i18n: I18n, booking: Booking) -> String {
    let (Some(centre), Some(slot)) = (booking.centre.get(), booking.slot.get()) else {
        return String::new();
    };
    let cutoff = change_cutoff(&centre.rules, slot.start);
    let until = moment(i18n, cutoff, &centre.time_zone);
    i18n.t_with(
        "book.cutoff_until",
        &[
            ("hours", &centre.rules.change_notice_hours.to_string()),
            ("until", &until),
        ],
    )
}

/// The answers as a summary list.
#[component]
fn Answers() -> impl IntoView {
    let i18n = use_i18n();
    let b = use_booking();
    let product = move || b.product.get().map(|p| p.1).unwrap_or_default();
    let service = move || {
        b.service
            .get()
            .map(|s| i18n.t(service_keys(s).0))
            .unwrap_or_default()
    };
    let centre = move || {
        b.centre
            .with(|c| {
                c.as_ref()
                    .map(|c| format!("{}, {}, {}", c.name, c.address, c.city))
            })
            .unwrap_or_default()
    };
    let place = move || format!("{}, {}", b.address.get().trim(), b.postal_code.get().trim());
    let time = move || {
        let zone = b
            .centre
            .with(|c| c.as_ref().map(|c| c.time_zone.clone()))
            .unwrap_or_default();
        b.slot
            .get()
            .map(|s| slot_when(i18n, &s, &zone))
            .unwrap_or_default()
    };
    view! {
        <dl class="summary-list">
            <Answer label="book.answer_product" value=Signal::derive(product) step=BookStep::Product hidden="book.change_product" />
            <Answer label="book.answer_service" value=Signal::derive(service) step=BookStep::Service hidden="book.change_service" />
            <Answer label="book.answer_centre" value=Signal::derive(centre) step=BookStep::Centre hidden="book.change_centre" />
            {b.on_site().then(|| view! {
                <Answer label="book.answer_address" value=Signal::derive(place) step=BookStep::Centre hidden="book.change_address" />
            })}
            <Answer label="book.answer_time" value=Signal::derive(time) step=BookStep::Time hidden="book.change_time" />
        </dl>
    }
}

/// Step 5's body.
#[component]
pub fn CheckAnswers() -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let session = use_session();
    let offline = use_offline();
    let flash = use_flash();
    let navigate = use_navigate();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(request) = booking.request() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        let key = booking.key_for(&request);
        pending.set(true);
        errors.clear();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = session.watch(api::book_appointment(&request, &key).await);
            // No connection: the request waits in the outbox, sent under the same key; if
            // the time has gone by then, it comes back with the answers as they were.
            let keep = || {
                Some(NewOutboxEntry {
                    account: session.me_untracked()?.id,
                    kind: OutboxKind::Booking,
                    url: "/appointments".into(),
                    body: serde_json::to_value(&request).ok()?,
                    meta: OutboxMeta {
                        title: booking.product.get_untracked()?.1,
                        product_id: Some(request.product_id),
                        form: serde_json::to_value(booking.snapshot()).ok()?,
                        ..OutboxMeta::default()
                    },
                    id: key.clone(),
                })
            };
            let result = offline.or_keep(result, keep, &[]).await;
            pending.set(false);
            let go = |step| navigate(&Page::Book(step).path(), NavigateOptions::default());
            match result {
                Err(ApiError::Kept) => {
                    flash.show_titled(i18n.t("offline.booking_kept"), "banner.saved_offline");
                    navigate(&Page::Appointments.path(), NavigateOptions::default());
                    // Once this step has gone: forgetting the answers here would send the
                    // customer back to step 1 first.
                    set_timeout(move || booking.reset(), std::time::Duration::ZERO);
                }
                Ok(appointment) => navigate(
                    &Page::Booked(appointment.id).path(),
                    NavigateOptions::default(),
                ),
                Err(ApiError::Problem(p)) if p.code == "error.slot_taken" => {
                    booking.taken.set(p.next_slots.clone());
                    go(BookStep::Time);
                }
                Err(e)
                    if e.form_errors()
                        .iter()
                        .any(|f| f.field == "address" || f.field == "postal_code") =>
                {
                    booking.place_errors.set(e.form_errors());
                    go(BookStep::Centre);
                }
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    view! {
        <ErrorSummary errors id_prefix="book-" />
        <Answers />
        <p class="inset-text">{move || cutoff_sentence(i18n, booking)}</p>
        <form novalidate class="form" on:submit=submit>
            <div class="form-group">
                <label class="label" for="book-notes">{tr("book.notes")}</label>
                <div id="book-notes-hint" class="hint">{tr("book.notes_hint")}</div>
                <textarea
                    id="book-notes"
                    class="textarea"
                    rows="4"
                    maxlength="1000"
                    aria-describedby="book-notes-hint"
                    prop:value=move || booking.notes.get()
                    on:input=move |ev| booking.notes.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="button" disabled=move || pending.get()>
                {tr("book.submit")}
            </button>
        </form>
    }
}
