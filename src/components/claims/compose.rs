//! Writing on a claim's thread: a message box, files attached through the same upload as
//! photos, and Send. Where the message goes is the caller's: an [`Action`] the page builds
//! over its endpoint (the customer's `POST /claims/{id}/messages`, or the agents' own),
//! whose value the page also watches to show the new message. Agents get a "this asks the
//! customer for information" checkbox.

use aftercare_core::claims::{
    validate_message, ClaimFile, ClaimMessage, NewMessageRequest, MAX_ATTACHMENTS,
};
use leptos::prelude::*;

use super::file_upload::{FileUpload, ATTACHMENT_TYPES};
use crate::api::ApiError;
use crate::components::common::{ErrorSummary, FieldNotes};
use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n};

/// What sends a message: dispatched with the request, resolving to the stored message.
pub type SendMessage = Action<NewMessageRequest, Result<ClaimMessage, ApiError>>;

/// The compose box.
#[component]
pub fn MessageCompose(
    /// Sends the message (see [`SendMessage`]). On success the box empties itself.
    send: SendMessage,
    /// Whether to offer "Ask the customer for information" (agents).
    #[prop(default = false)]
    allow_request_for_info: bool,
    /// The text the box starts with (a refused message opened again from the outbox).
    #[prop(optional)]
    initial: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new();
    let body = RwSignal::new(initial);
    // Sent (`compose.sent`) or kept on the device for later (`offline.kept`).
    let outcome = RwSignal::new(None::<&'static str>);
    let files = RwSignal::new(Vec::<ClaimFile>::new());
    let request_for_info = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let pending = send.pending();
    // One compose box per page: its fields have fixed ids, which the summary links to.
    let (body_id, files_id, rfi_id) = (
        "message-body",
        "message-attachments",
        "message-request_for_info",
    );
    let version = send.version();
    Effect::new(move |seen: Option<usize>| {
        let now = version.get();
        if seen.is_some_and(|v| v != now) {
            match send.value().get_untracked() {
                Some(result @ (Ok(_) | Err(ApiError::Kept))) => {
                    body.set(String::new());
                    files.set(Vec::new());
                    request_for_info.set(false);
                    errors.clear();
                    sent.set(true);
                    outcome.set(Some(if result.is_ok() {
                        "compose.sent"
                    } else {
                        "offline.kept"
                    }));
                }
                Some(Err(e)) => errors.set(e.form_errors()),
                None => {}
            }
        }
        now
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = NewMessageRequest {
            body: body.get_untracked().trim().to_owned(),
            attachment_ids: files.with_untracked(|f| f.iter().map(|f| f.id).collect()),
            request_for_info: allow_request_for_info && request_for_info.get_untracked(),
        };
        if let Err(found) = validate_message(&request.body, request.attachment_ids.len()) {
            errors.set(found);
            return;
        }
        errors.clear();
        sent.set(false);
        send.dispatch(request);
    };
    let body_error = errors.message("body");
    let files_error = errors.message("attachments");
    let has_body_error = move || body_error.with(Option::is_some);
    view! {
        <form novalidate class="form compose" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <ErrorSummary errors id_prefix="message-" />
            <div class="form-group" class:form-group--error=has_body_error>
                <label class="label" for=body_id>{tr("compose.label")}</label>
                <FieldNotes id=body_id hint=None error=body_error />
                <textarea
                    id=body_id
                    class="textarea"
                    rows="4"
                    aria-describedby=move || has_body_error().then(|| format!("{body_id}-error"))
                    aria-invalid=move || has_body_error().then_some("true")
                    prop:value=move || body.get()
                    on:input=move |ev| {
                        sent.set(false);
                        body.set(event_target_value(&ev));
                    }
                ></textarea>
            </div>
            <FileUpload
                id=files_id
                label=tr("compose.attach")
                hint=Signal::derive(move || i18n.t_with("compose.attach_hint", &[("max", &MAX_ATTACHMENTS.to_string())]))
                files
                max=MAX_ATTACHMENTS
                accept=ATTACHMENT_TYPES
                error=files_error
            />
            {allow_request_for_info.then(|| view! {
                <div class="form-group checkbox">
                    <input
                        id=rfi_id
                        type="checkbox"
                        class="checkbox__input"
                        prop:checked=move || request_for_info.get()
                        on:change=move |ev| request_for_info.set(event_target_checked(&ev))
                    />
                    <label class="checkbox__label" for=rfi_id>{tr("compose.request_for_info")}</label>
                </div>
            })}
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t("compose.sending") } else { i18n.t("compose.send") }}
            </button>
            <p
                class="compose__outcome"
                class:visually-hidden=move || outcome.get() != Some("offline.kept")
                role="status"
            >
                {move || sent.get().then(|| outcome.get().map(|key| i18n.t(key))).flatten()}
            </p>
        </form>
    }
}
