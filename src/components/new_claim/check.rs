//! Step 4: check your answers (each with Change), then Send claim. The claim goes with
//! the draft's `Idempotency-Key`, so a retry after a lost answer files it once. A refusal
//! goes back to the step whose answer it is about, with the server's words beside it.

use aftercare_core::claims::ContactPreference;
use aftercare_core::warranty::RemedyKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::details::contact_key;
use super::use_filing;
use crate::api::{self, ApiError};
use crate::components::claims::cause_keys;
use crate::components::coverage::remedies::remedy_title_key;
use crate::components::products::display_name;
use crate::routes::{ClaimStep, Page};
use crate::state::claim_draft::{self, step_of_field};
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
use crate::state::offline::{use_offline, NewOutboxEntry, OutboxKind, OutboxMeta};
use crate::state::session::use_session;

/// One answer with its Change link back to its step.
#[component]
fn Answer(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    step: ClaimStep,
    /// What "Change" changes, for screen readers (" description").
    hidden: &'static str,
) -> impl IntoView {
    let filing = use_filing();
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{tr(label)}</dt>
            <dd class="summary-list__value">{value}</dd>
            <dd class="summary-list__actions">
                <a href=filing.path(step)>
                    {tr("common.change")}
                    <span class="visually-hidden">{tr(hidden)}</span>
                </a>
            </dd>
        </div>
    }
}

/// The answers as a summary list.
#[component]
fn Answers() -> impl IntoView {
    let i18n = use_i18n();
    let filing = use_filing();
    let f = filing.form;
    let product = filing.product.with_value(display_name);
    let cause = move || {
        f.cause
            .get()
            .map(|c| i18n.t(cause_keys(c).0))
            .unwrap_or_default()
    };
    let started = move || {
        aftercare_core::validate::parse_date(&f.started_on.get())
            .map(|d| i18n.date(d))
            .unwrap_or_default()
    };
    let photos = move || match f.photos.with(Vec::len) {
        0 => i18n.t("claim_new.none"),
        n => i18n.count("claim_new.photos_count", i64::try_from(n).unwrap_or(0)),
    };
    let contact = move || match f.contact.get() {
        ContactPreference::Phone => i18n.t_with(
            "claim.contact_phone_value",
            &[("phone", f.phone.get().trim())],
        ),
        other => i18n.t(contact_key(other)),
    };
    let remedy = move || {
        f.remedy
            .get()
            .map(|r| i18n.t(remedy_title_key(r)))
            .unwrap_or_default()
    };
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">{tr("claim.answer_product")}</dt>
                <dd class="summary-list__value">{product}</dd>
            </div>
            <Answer label="claim.answer_cause" value=Signal::derive(cause) step=ClaimStep::Problem hidden="claim_new.change_cause" />
            <Answer label="claim_new.answer_symptom" value=f.symptom step=ClaimStep::Problem hidden="claim_new.change_symptom" />
            <Answer label="claim.answer_description" value=f.description step=ClaimStep::Details hidden="claim_new.change_description" />
            <Answer label="claim.answer_started" value=Signal::derive(started) step=ClaimStep::Details hidden="claim_new.change_started" />
            <Answer label="claim_new.answer_photos" value=Signal::derive(photos) step=ClaimStep::Details hidden="claim_new.change_photos" />
            <Answer label="claim.answer_contact" value=Signal::derive(contact) step=ClaimStep::Details hidden="claim_new.change_contact" />
            <Answer label="claim.answer_remedy" value=Signal::derive(remedy) step=ClaimStep::Remedy hidden="claim_new.change_remedy" />
        </dl>
    }
}

/// Step 4's body.
#[component]
pub fn CheckStep() -> impl IntoView {
    let i18n = use_i18n();
    let filing = use_filing();
    let session = use_session();
    let offline = use_offline();
    let flash = use_flash();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let found = filing.errors_for(ClaimStep::Check);
        if let Some(first) = found.iter().map(|e| step_of_field(&e.field)).min() {
            filing.errors.set(found);
            navigate(&filing.path(first), NavigateOptions::default());
            return;
        }
        filing.errors.clear();
        let request = filing.request();
        let key = filing.form.key.get_untracked();
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = session.watch(api::file_claim(&request, &key).await);
            // No connection: the claim waits in the outbox, sent under the same key.
            let keep = || {
                Some(NewOutboxEntry {
                    account: session.me_untracked()?.id,
                    kind: OutboxKind::Claim,
                    url: "/claims".into(),
                    body: serde_json::to_value(&request).ok()?,
                    meta: OutboxMeta {
                        title: filing.product.with_value(display_name),
                        product_id: Some(request.product_id),
                        form: serde_json::to_value(filing.form.draft_untracked()).ok()?,
                        ..OutboxMeta::default()
                    },
                    id: key.clone(),
                })
            };
            let result = offline.or_keep(result, keep, &[]).await;
            pending.set(false);
            match result {
                Err(ApiError::Kept) => {
                    filing.sent.set_value(true);
                    filing.storage_key.with_value(|k| claim_draft::clear(k));
                    flash.show_titled(i18n.t("offline.claim_kept"), "banner.saved_offline");
                    navigate(&Page::Claims.path(), NavigateOptions::default());
                }
                Ok(claim) => {
                    filing.sent.set_value(true);
                    filing.storage_key.with_value(|k| claim_draft::clear(k));
                    flash.show(
                        i18n.t_with("claim.filed", &[("reference", &claim.summary.reference)]),
                    );
                    navigate(
                        &Page::Claim(claim.summary.id).path(),
                        NavigateOptions::default(),
                    );
                }
                Err(e) => {
                    let errors = e.form_errors();
                    let first = errors
                        .iter()
                        .map(|e| step_of_field(&e.field))
                        .min()
                        .unwrap_or(ClaimStep::Check);
                    filing.errors.set(errors);
                    if first != ClaimStep::Check {
                        navigate(&filing.path(first), NavigateOptions::default());
                    }
                }
            }
        });
    };
    let paid = move || filing.form.remedy.get() == Some(RemedyKind::PaidRepair);
    view! {
        <Answers />
        {move || paid().then(|| view! { <p class="inset-text">{tr("claim_new.paid_repair_note")}</p> })}
        <p>{tr("claim_new.check_note")}</p>
        <form novalidate class="form" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t("claim_new.sending") } else { i18n.t("claim_new.submit") }}
            </button>
        </form>
    }
}
