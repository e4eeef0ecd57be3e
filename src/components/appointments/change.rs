//! Changing an appointment before the centre's cut-off: Reschedule (the day-and-time
//! picker for the same centre and service, then a confirmation) and Cancel (with a
//! confirmation step).

use aftercare_core::api::{Appointment, RescheduleRequest};
use aftercare_core::slots::Slot;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::slot_picker::NextSlots;
use super::{slot_when, SlotPicker};
use crate::api::{self, ApiError};
use crate::components::common::focus_by_id;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n, I18n};
use crate::state::session::use_session;

/// The first error of a failed call, in words.
fn first_error(i18n: I18n, error: &ApiError) -> String {
    error
        .form_errors()
        .first()
        .map(|e| i18n.field_error(e))
        .unwrap_or_default()
}

/// "Move it to …?" with Confirm and Choose again.
#[component]
fn ConfirmMove(
    choice: Slot,
    zone: String,
    pending: RwSignal<bool>,
    on_confirm: Callback<Slot>,
    on_back: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = choice;
    let question = move || {
        i18n.t_with(
            "reschedule.confirm",
            &[("when", &slot_when(i18n, &slot, &zone))],
        )
    };
    view! {
        <div class="confirm confirm--neutral">
            <h3 id="reschedule-confirm" class="heading-s" tabindex="-1">{question}</h3>
            <div class="button-group">
                <button type="button" class="button" disabled=move || pending.get() on:click=move |_| on_confirm.run(slot)>
                    {tr("reschedule.submit")}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_back.run(())>
                    {tr("reschedule.choose_again")}
                </button>
            </div>
        </div>
    }
}

/// Reschedule: pick a new time at the same centre for the same service.
#[component]
pub fn RescheduleAppointment(
    /// The appointment as last loaded.
    appointment: Appointment,
    /// Receives the moved appointment.
    on_change: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let open = RwSignal::new(false);
    let chosen = RwSignal::new(None::<Slot>);
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let taken = RwSignal::new(Vec::<Slot>::new());
    let a = StoredValue::new(appointment);
    let pick = Callback::new(move |slot: Slot| {
        chosen.set(Some(slot));
        taken.set(Vec::new());
        request_animation_frame(|| focus_by_id("reschedule-confirm"));
    });
    let confirm = Callback::new(move |slot: Slot| {
        let id = a.with_value(|a| a.id);
        pending.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = session.watch(
                api::reschedule_appointment(id, &RescheduleRequest { start: slot.start }).await,
            );
            pending.set(false);
            match result {
                Ok(moved) => on_change.run(moved),
                Err(ApiError::Problem(p)) if p.code == "error.slot_taken" => {
                    chosen.set(None);
                    taken.set(p.next_slots.clone());
                }
                Err(e) => failed.set(Some(first_error(i18n, &e))),
            }
        });
    });
    let back = Callback::new(move |()| chosen.set(None));
    let start_open = move |_| {
        open.set(true);
        request_animation_frame(|| focus_by_id("reschedule-heading"));
    };
    view! {
        <section class="section" aria-labelledby="reschedule-heading">
            <h2 id="reschedule-heading" class="heading-m" tabindex="-1">{tr("reschedule.title")}</h2>
            {move || failed.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
            {move || {
                let zone = a.with_value(|a| a.time_zone.clone());
                let list = taken.get();
                (!list.is_empty()).then(|| view! { <NextSlots slots=list zone on_pick=pick /> })
            }}
            {move || match (open.get(), chosen.get()) {
                (false, _) => view! {
                    <button type="button" class="button button--secondary" on:click=start_open>
                        {tr("reschedule.open")}
                    </button>
                }.into_any(),
                (true, Some(slot)) => {
                    let zone = a.with_value(|a| a.time_zone.clone());
                    view! { <ConfirmMove choice=slot zone pending on_confirm=confirm on_back=back /> }.into_any()
                }
                (true, None) => {
                    let (centre_id, service, current, day) =
                        a.with_value(|a| (a.centre_id, a.service, a.start, a.local_start.date()));
                    view! { <SlotPicker centre_id service current initial=day on_pick=pick /> }.into_any()
                }
            }}
        </section>
    }
}

/// Cancel: "Cancel appointment", then "Are you sure?", then back to the list.
#[component]
pub fn CancelAppointment(
    /// The appointment's id.
    id: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let cancel = move |_| {
        let navigate = navigate.clone();
        pending.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = session.watch(api::cancel_appointment(id).await);
            pending.set(false);
            match result {
                Ok(_) => {
                    flash.show(i18n.t("cancel.done"));
                    navigate(&Page::Appointments.path(), NavigateOptions::default());
                }
                Err(e) => failed.set(Some(first_error(i18n, &e))),
            }
        });
    };
    let ask = move |_| {
        confirming.set(true);
        request_animation_frame(|| focus_by_id("cancel-confirm-title"));
    };
    view! {
        <section class="section" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading" class="heading-m">{tr("cancel.title")}</h2>
            {move || if confirming.get() {
                view! {
                    <div class="confirm">
                        <h3 id="cancel-confirm-title" class="heading-s" tabindex="-1">{tr("cancel.confirm")}</h3>
                        <p>{tr("cancel.warning")}</p>
                        {move || failed.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
                        <div class="button-group">
                            <button type="button" class="button button--warning" on:click=cancel.clone() disabled=move || pending.get()>
                                {tr("cancel.yes")}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>
                                {tr("cancel.keep")}
                            </button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button--warning" on:click=ask>
                        {tr("cancel.open")}
                    </button>
                }.into_any()
            }}
        </section>
    }
}
