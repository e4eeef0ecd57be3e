//! The proof of purchase: what is on file with a download link, or why it matters and a
//! form to upload it. The file's type and size are checked in the browser first, then by
//! the server; a refusal keeps the page as it was and says how to fix it.

use aftercare_core::api::{ProductCoverage, ProofOfPurchase};
use aftercare_core::problem::FieldError;
use aftercare_core::warranty::CoverageNote;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::remedies::{NoteText, PROVISIONAL};
use crate::api;
use crate::components::common::{chosen_files, ErrorSummary, FieldNotes, SuccessBanner};
use crate::forms::FormErrors;
use crate::state::i18n::{tr, use_i18n, I18n};
use crate::state::session::use_session;

/// The largest file the server accepts.
pub const MAX_PROOF_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
/// The file types the server accepts.
const TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];
const EXTENSIONS: [&str; 4] = [".pdf", ".jpg", ".jpeg", ".png"];
/// The file input's id: the error summary links to `proof-file`.
const FIELD_ID: &str = "proof-file";

/// The browser's check of a chosen file (name, MIME type as the browser guessed it, size
/// in bytes), with the server's codes; `Ok` when it may be sent.
pub fn check_proof(name: &str, mime: &str, bytes: f64) -> Result<(), FieldError> {
    let lower = name.to_ascii_lowercase();
    let typed = if mime.is_empty() {
        EXTENSIONS.iter().any(|e| lower.ends_with(e))
    } else {
        TYPES.contains(&mime)
    };
    if !typed {
        Err(FieldError::new(
            "file",
            "error.file_type",
            "Upload a PDF, JPEG or PNG file",
        ))
    } else if bytes <= 0.0 {
        Err(FieldError::new(
            "file",
            "error.file_empty",
            "The selected file is empty",
        ))
    } else if bytes > MAX_PROOF_BYTES {
        Err(FieldError::new(
            "file",
            "error.file_too_large",
            "The file must be smaller than 10 MB",
        ))
    } else {
        Ok(())
    }
}

/// A size such as "840 KB" or "1.2 MB".
pub fn size_text(i18n: I18n, bytes: u64) -> String {
    if bytes < 1024 {
        i18n.t_with("proof.size_bytes", &[("size", &bytes.to_string())])
    } else if bytes < 1024 * 1024 {
        let kb = (bytes as f64 / 1024.0).round();
        i18n.t_with("proof.size_kb", &[("size", &kb.to_string())])
    } else {
        let mb = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        i18n.t_with("proof.size_mb", &[("size", &mb)])
    }
}

/// What is on file.
#[component]
fn ProofOnFile(id: i64, proof: ProofOfPurchase) -> impl IntoView {
    let i18n = use_i18n();
    let bytes = proof.bytes;
    let uploaded = proof.uploaded_on;
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">{tr("proof.file")}</dt>
                <dd class="summary-list__value" data-proof-name="">{proof.file_name.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{tr("proof.size")}</dt>
                <dd class="summary-list__value">{move || size_text(i18n, bytes)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">{tr("proof.uploaded_on")}</dt>
                <dd class="summary-list__value" data-iso=uploaded.to_string()>
                    {move || i18n.date(uploaded)}
                </dd>
            </div>
        </dl>
        <p>
            <a href=api::proof_url(id)>{tr("proof.download")}</a>
        </p>
    }
}

/// The upload form.
#[component]
fn ProofUpload(
    id: i64,
    /// Why proof matters for this unit (the engine's provisional-start note), if any.
    note: Option<CoverageNote>,
    on_uploaded: Callback<ProductCoverage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let error = errors.message("file");
    let has_error = move || error.with(Option::is_some);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some((blob, name)) = input
            .get_untracked()
            .and_then(|el| chosen_files(&el).into_iter().next())
        else {
            errors.set(vec![FieldError::new(
                "file",
                "error.file_required",
                "Select a file",
            )]);
            return;
        };
        if let Err(e) = check_proof(&name, &blob.type_(), blob.size()) {
            errors.set(vec![e]);
            return;
        }
        errors.clear();
        pending.set(true);
        spawn_local(async move {
            let result = session.watch(api::upload_proof(id, &blob, &name).await);
            pending.set(false);
            match result {
                Ok(pc) => on_uploaded.run(pc),
                Err(e) => errors.set(e.form_errors()),
            }
        });
    };
    let described = move || {
        if has_error() {
            format!("{FIELD_ID}-hint {FIELD_ID}-error")
        } else {
            format!("{FIELD_ID}-hint")
        }
    };
    view! {
        {note.map(|note| view! { <NoteText note /> })}
        <ErrorSummary errors id_prefix="proof-" />
        <form novalidate class="form" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <div class="form-group" class:form-group--error=has_error>
                <label class="label" for=FIELD_ID>
                    {tr("proof.label")}
                </label>
                <FieldNotes id=FIELD_ID hint=Some(Signal::derive(tr("proof.hint"))) error />
                <input
                    id=FIELD_ID
                    name="file"
                    type="file"
                    class="file-input"
                    class:input--error=has_error
                    accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-describedby=described
                    aria-invalid=move || has_error().then_some("true")
                    node_ref=input
                />
            </div>
            <button type="submit" class="button" disabled=move || pending.get()>
                {move || {
                    if pending.get() { i18n.t("proof.uploading") } else { i18n.t("proof.submit") }
                }}
            </button>
            <p class="visually-hidden" role="status">
                {move || pending.get().then(|| i18n.t("proof.uploading"))}
            </p>
        </form>
    }
}

/// The proof-of-purchase section of a product page.
#[component]
pub fn ProofSection(
    /// The product's id.
    id: i64,
    /// The proof on file, if any.
    proof: Option<ProofOfPurchase>,
    /// The engine's notes (the provisional-start one explains why proof matters).
    notes: Vec<CoverageNote>,
    /// Receives the coverage after an upload.
    on_uploaded: Callback<ProductCoverage>,
    /// Whether to say the upload just worked.
    just_uploaded: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let note = notes.into_iter().find(|n| n.key.starts_with(PROVISIONAL));
    view! {
        <section class="section" aria-labelledby="proof-heading">
            <h2 id="proof-heading" class="heading-m">
                {tr("proof.title")}
            </h2>
            {just_uploaded.then(|| view! { <SuccessBanner message=Signal::derive(move || i18n.t("proof.uploaded")) /> })}
            {match proof {
                Some(proof) => view! { <ProofOnFile id proof /> }.into_any(),
                None => {
                    view! {
                        {note.is_none().then(|| view! { <p>{tr("proof.why")}</p> })}
                        <ProofUpload id note on_uploaded />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_refuses_what_the_server_would() {
        assert!(check_proof("receipt.pdf", "application/pdf", 2048.0).is_ok());
        assert!(check_proof("IMG_1.JPG", "", 2048.0).is_ok());
        let code = |r: Result<(), FieldError>| r.err().map(|e| e.code);
        assert_eq!(
            code(check_proof("a.gif", "image/gif", 10.0)).as_deref(),
            Some("error.file_type")
        );
        assert_eq!(
            code(check_proof("a.pdf", "application/pdf", 0.0)).as_deref(),
            Some("error.file_empty")
        );
        assert_eq!(
            code(check_proof("a.png", "image/png", MAX_PROOF_BYTES + 1.0)).as_deref(),
            Some("error.file_too_large")
        );
    }
}
