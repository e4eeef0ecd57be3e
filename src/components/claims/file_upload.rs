//! Adding files to a claim or a message: choose one or more, each uploads at once
//! (`POST /claims/uploads`) showing "Uploading…", then its thumbnail (or name) with a
//! Remove button. A file the server refuses is named beside the field with the server's
//! reason; every change is announced to screen readers.

use aftercare_core::claims::ClaimFile;
use aftercare_core::problem::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{chosen_files, focus_by_id, FieldNotes};
use crate::state::i18n::{tr, use_i18n, I18n};
use crate::state::session::use_session;

/// Image types a photo may be (the server re-encodes them to JPEG).
pub const PHOTO_TYPES: &str = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp";
/// What a message may carry: photos and PDF documents.
pub const ATTACHMENT_TYPES: &str =
    "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf";

/// A file on its way up.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    token: u64,
    name: String,
}

/// The server's reason for refusing an upload, in words: its error on `file`, else its
/// first error.
pub fn file_refusal(i18n: I18n, error: &crate::api::ApiError) -> String {
    let errors = error.form_errors();
    errors
        .iter()
        .find(|e| e.field == "file")
        .or_else(|| errors.first())
        .map(|e| i18n.field_error(e))
        .unwrap_or_else(|| i18n.t("error.internal"))
}

/// A refused file, named, with the server's reason.
fn refusal(i18n: I18n, name: &str, error: &crate::api::ApiError) -> String {
    let reason = file_refusal(i18n, error);
    i18n.t_with("upload.refused", &[("name", name), ("reason", &reason)])
}

/// One uploaded file: its thumbnail (or a document icon), its name and Remove.
#[component]
fn Uploaded(file: ClaimFile, input_id: &'static str, on_remove: Callback<i64>) -> impl IntoView {
    let id = file.id;
    let name = file.file_name.clone();
    let preview = match file.thumb_url.clone() {
        Some(src) => {
            view! { <img class="upload-list__thumb" src=src alt="" width="56" height="56" /> }
                .into_any()
        }
        None => view! {
            <svg class="upload-list__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M6 2h9l5 5v15H6zM14 2v6h6" />
            </svg>
        }
        .into_any(),
    };
    view! {
        <li class="upload-list__item" data-file-id=id>
            {preview}
            <span class="upload-list__name">{file.file_name}</span>
            <button
                type="button"
                class="button button--secondary button--small"
                on:click=move |_| {
                    on_remove.run(id);
                    focus_by_id(input_id);
                }
            >
                {tr("upload.remove")}
                <span class="visually-hidden">" " {name}</span>
            </button>
        </li>
    }
}

/// The widget: label, hint, error, the file input and the list of files.
#[component]
pub fn FileUpload(
    /// The file input's id (an error summary links to it).
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Help under the label (what kinds, how many).
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The uploaded files, in order: the widget adds and removes, the form sends their ids.
    files: RwSignal<Vec<ClaimFile>>,
    /// Most files allowed.
    max: usize,
    /// The input's `accept` list ([`PHOTO_TYPES`] or [`ATTACHMENT_TYPES`]).
    #[prop(default = PHOTO_TYPES)]
    accept: &'static str,
    /// A message from the form about these files (validation, the server's 422), if any.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pending = RwSignal::new(Vec::<Pending>::new());
    let refused = RwSignal::new(None::<String>);
    let announce = RwSignal::new(String::new());
    let next_token = StoredValue::new(0u64);
    let outside = error;
    let shown_error =
        Signal::derive(move || refused.get().or_else(|| outside.and_then(|e| e.get())));
    let full = move || files.with(Vec::len) + pending.with(Vec::len) >= max;
    let upload = move |blob: web_sys::Blob, name: String| {
        let token = next_token.get_value() + 1;
        next_token.set_value(token);
        pending.update(|p| {
            p.push(Pending {
                token,
                name: name.clone(),
            })
        });
        announce.set(i18n.t_with("upload.uploading_named", &[("name", &name)]));
        spawn_local(async move {
            let result = session.watch(api::upload_claim_file(&blob, &name).await);
            pending.update(|p| p.retain(|f| f.token != token));
            match result {
                Ok(file) => {
                    announce.set(i18n.t_with("upload.added", &[("name", &file.file_name)]));
                    files.update(|f| f.push(file));
                }
                Err(e) => {
                    let message = refusal(i18n, &name, &e);
                    announce.set(message.clone());
                    refused.set(Some(message));
                }
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let chosen = chosen_files(&input);
        // Cleared so the same file can be chosen again after a refusal or a removal.
        input.set_value("");
        refused.set(None);
        let room =
            max.saturating_sub(files.with_untracked(Vec::len) + pending.with_untracked(Vec::len));
        if chosen.len() > room {
            let too_many = FieldError::new("photos", "error.photos_too_many", "Too many files")
                .with("max", max);
            refused.set(Some(i18n.field_error(&too_many)));
        }
        for (blob, name) in chosen.into_iter().take(room) {
            upload(blob, name);
        }
    };
    let remove = Callback::new(move |file_id: i64| {
        let name = files.with_untracked(|f| {
            f.iter()
                .find(|f| f.id == file_id)
                .map(|f| f.file_name.clone())
                .unwrap_or_default()
        });
        files.update(|f| f.retain(|f| f.id != file_id));
        refused.set(None);
        announce.set(i18n.t_with("upload.removed", &[("name", &name)]));
    });
    let several = max > 1;
    let has_hint = hint.is_some();
    let has_error = move || shown_error.with(Option::is_some);
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if has_error() {
            ids.push(format!("{id}-error"));
        }
        ids.push(format!("{id}-count"));
        ids.join(" ")
    };
    let count = move || {
        i18n.t_with(
            "upload.count",
            &[
                ("count", &files.with(Vec::len).to_string()),
                ("max", &max.to_string()),
            ],
        )
    };
    view! {
        <div class="form-group file-upload" class:form-group--error=has_error>
            <label class="label" for=id>{label}</label>
            <FieldNotes id hint error=shown_error />
            <input
                id=id
                type="file"
                class="file-input"
                class:input--error=has_error
                accept=accept
                multiple=several
                disabled=full
                aria-describedby=described
                aria-invalid=move || has_error().then_some("true")
                on:change=on_change
            />
            <p id=format!("{id}-count") class="hint file-upload__count">{count}</p>
            <ul class="upload-list" aria-label=tr("upload.list")>
                {move || {
                    files
                        .get()
                        .into_iter()
                        .map(|file| view! { <Uploaded file input_id=id on_remove=remove /> })
                        .collect_view()
                }}
                {move || {
                    pending
                        .get()
                        .into_iter()
                        .map(|p| view! {
                            <li class="upload-list__item upload-list__item--pending" aria-busy="true">
                                <span class="upload-list__spinner" aria-hidden="true"></span>
                                <span class="upload-list__name">{p.name}</span>
                                <span class="upload-list__state">{tr("upload.uploading")}</span>
                            </li>
                        })
                        .collect_view()
                }}
            </ul>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
        </div>
    }
}
