//! "Take a photo of the label": the camera on phones, the file picker on desktops. The
//! photo goes to the server, which reads its barcodes; what it found is shown for the
//! customer to check, and only "Use these" fills in the model and the serial. A photo
//! with nothing readable says so beside the control and leaves the form as it was.

use aftercare_core::api::ProductModel;
use aftercare_core::labels::LabelScan;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model_name;
use crate::api;
use crate::components::claims::file_upload::{file_refusal, PHOTO_TYPES};
use crate::components::common::{chosen_files, focus_by_id, FieldNotes};
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The file input's id (the error summary and focus moves name it).
const INPUT: &str = "register-label";
/// The "Use these" button, focused when a reading arrives.
const USE: &str = "register-label-use";

/// What the scan found, shown for the customer to confirm.
#[component]
fn Found(
    scan: LabelScan,
    chosen: Option<ProductModel>,
    on_use: Callback<()>,
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let other_model = match (&scan.model, &chosen) {
        (Some(read), Some(chosen)) if read.id != chosen.id => {
            Some(i18n.t_with("label.other_model", &[("model", &model_name(chosen))]))
        }
        _ => None,
    };
    let model = scan.model.as_ref().map(model_name);
    let serial = scan.serial.clone();
    view! {
        <div class="label-scan__found" role="group" aria-labelledby="register-label-found">
            <p id="register-label-found" class="label-scan__found-title">{tr("label.found")}</p>
            <dl class="summary-list">
                {model.map(|name| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{tr("register.model")}</dt>
                        <dd class="summary-list__value" data-found="model">{name}</dd>
                    </div>
                })}
                <div class="summary-list__row">
                    <dt class="summary-list__key">{tr("register.serial")}</dt>
                    {match serial {
                        Some(s) => view! {
                            <dd class="summary-list__value label-scan__serial" data-found="serial">{s}</dd>
                        }.into_any(),
                        None => view! {
                            <dd class="summary-list__value">{tr("label.no_serial_found")}</dd>
                        }.into_any(),
                    }}
                </div>
            </dl>
            {other_model.map(|text| view! { <p class="notice notice--warning">{text}</p> })}
            <p class="hint">{tr("label.check")}</p>
            <div class="button-group">
                <button id=USE type="button" class="button" on:click=move |_| on_use.run(())>
                    {tr("label.use")}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_dismiss.run(())>
                    {tr("label.dismiss")}
                </button>
            </div>
        </div>
    }
}

/// The control and its states: idle, reading (a spinner), a reading to confirm, or the
/// reason nothing could be read.
#[component]
pub fn LabelScanner(
    /// The form's model: read by the scan (its format picks the serial), filled on "Use".
    model: RwSignal<Option<ProductModel>>,
    /// The form's serial, filled on "Use".
    serial: RwSignal<String>,
    /// Where focus goes once the serial is filled (the next field to type in).
    next: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let reading = RwSignal::new(false);
    let found = RwSignal::new(None::<LabelScan>);
    let refused = RwSignal::new(None::<String>);
    let announce = RwSignal::new(String::new());

    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let Some((photo, name)) = chosen_files(&input).into_iter().next() else {
            return;
        };
        // Cleared so that the same photo can be chosen again.
        input.set_value("");
        refused.set(None);
        found.set(None);
        reading.set(true);
        announce.set(i18n.t("label.reading"));
        let model_id = model.with_untracked(|m| m.as_ref().map(|m| m.id));
        spawn_local(async move {
            let result = session.watch(api::scan_label(&photo, &name, model_id).await);
            reading.set(false);
            match result {
                Ok(scan) => {
                    announce.set(i18n.t("label.read"));
                    found.set(Some(scan));
                    request_animation_frame(|| focus_by_id(USE));
                }
                Err(e) => {
                    let message = file_refusal(i18n, &e);
                    announce.set(message.clone());
                    refused.set(Some(message));
                }
            }
        });
    };
    let use_reading = Callback::new(move |()| {
        let Some(scan) = found.get_untracked() else {
            return;
        };
        if let Some(m) = scan.model {
            model.set(Some(m));
        }
        let filled_serial = scan.serial.is_some();
        if let Some(s) = scan.serial {
            serial.set(s);
        }
        found.set(None);
        announce.set(i18n.t("label.filled"));
        let target = if filled_serial {
            next
        } else {
            "register-serial"
        };
        request_animation_frame(move || focus_by_id(target));
    });
    let dismiss = Callback::new(move |()| {
        found.set(None);
        announce.set(String::new());
        focus_by_id(INPUT);
    });
    let error = Signal::derive(move || refused.get());
    let has_error = move || refused.with(Option::is_some);
    let described = move || {
        if has_error() {
            format!("{INPUT}-hint {INPUT}-error")
        } else {
            format!("{INPUT}-hint")
        }
    };
    view! {
        <div class="form-group label-scan" class:form-group--error=has_error>
            <svg class="label-scan__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M4 7h3l2-3h6l2 3h3v13H4z" />
                <circle cx="12" cy="13" r="4" />
            </svg>
            <div class="label-scan__body">
                <label class="label" for=INPUT>{tr("label.take_photo")}</label>
                <FieldNotes id=INPUT hint=Some(Signal::derive(tr("label.hint"))) error />
                <input
                    id=INPUT
                    type="file"
                    class="file-input"
                    class:input--error=has_error
                    accept=PHOTO_TYPES
                    capture="environment"
                    disabled=move || reading.get()
                    aria-describedby=described
                    aria-invalid=move || has_error().then_some("true")
                    on:change=on_change
                />
                <Show when=move || reading.get()>
                    <p class="label-scan__reading" aria-busy="true">
                        <span class="upload-list__spinner" aria-hidden="true"></span>
                        {tr("label.reading")}
                    </p>
                </Show>
                {move || {
                    found
                        .get()
                        .map(|scan| view! {
                            <Found
                                scan
                                chosen=model.get_untracked()
                                on_use=use_reading
                                on_dismiss=dismiss
                            />
                        })
                }}
                <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
            </div>
        </div>
    }
}
