//! "Follow without signing in" on the customer's claim page: whether the link in the
//! claim's emails works and until when, stopping every link at once, and making a new
//! one (its address is shown this once: only its hash is kept).

use aftercare_core::tracking::TrackingLink;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::state::i18n::{tr, use_i18n};

/// The tracking-link section for claim `claim_id`.
#[component]
pub fn TrackingLinkControl(claim_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let link = RwSignal::new(None::<TrackingLink>);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let stopped = RwSignal::new(false);
    spawn_local(async move {
        match api::claim_tracking(claim_id).await {
            Ok(state) => link.set(Some(state)),
            Err(error) => failed.set(Some(error)),
        }
    });
    let act = move |stop: bool| {
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            let answer = if stop {
                api::stop_claim_tracking(claim_id).await
            } else {
                api::new_claim_tracking(claim_id).await
            };
            busy.set(false);
            match answer {
                Ok(state) => {
                    stopped.set(stop);
                    link.set(Some(state));
                }
                Err(error) => failed.set(Some(error)),
            }
        });
    };
    let new_address = move || {
        let path = link.get()?.url?;
        let origin = window().location().origin().unwrap_or_default();
        Some(format!("{origin}{path}"))
    };
    let error_text = move || {
        failed.get().map(|error| {
            let first = error.form_errors().into_iter().next();
            first.map_or_else(String::new, |e| i18n.t(&e.code))
        })
    };
    view! {
        <section class="section" aria-labelledby="tracking-heading">
            <h2 id="tracking-heading" class="heading-m">{tr("track.control_title")}</h2>
            {move || link.get().map(|state| match state.expires_at.filter(|_| state.active) {
                Some(until) => view! {
                    <p data-tracking="active">
                        {move || i18n.t_with("track.control_active", &[("until", &i18n.date(until.date_naive()))])}
                    </p>
                }.into_any(),
                None => view! {
                    <p data-tracking="stopped">
                        {move || if stopped.get() { i18n.t("track.control_stopped") } else { i18n.t("track.control_inactive") }}
                    </p>
                }.into_any(),
            })}
            {move || new_address().map(|address| view! {
                <div class="field">
                    <label class="label" for="tracking-new-link">{tr("track.control_new_label")}</label>
                    <p id="tracking-new-hint" class="hint">{tr("track.control_new_hint")}</p>
                    <input id="tracking-new-link" class="input" type="url" readonly
                        aria-describedby="tracking-new-hint" prop:value=address />
                </div>
            })}
            {move || error_text().map(|text| view! { <p class="error-message" role="alert">{text}</p> })}
            <div class="button-group">
                {move || link.get().is_some_and(|state| state.active).then(|| view! {
                    <button type="button" class="button button--secondary" disabled=move || busy.get()
                        on:click=move |_| act(true)>
                        {tr("track.control_stop")}
                    </button>
                })}
                <button type="button" class="button button--secondary" disabled=move || busy.get() || link.get().is_none()
                    on:click=move |_| act(false)>
                    {tr("track.control_new")}
                </button>
            </div>
        </section>
    }
}
