//! Passkeys in the browser: the WebAuthn ceremonies, each a `.../start` call to the
//! server, the browser's authenticator (through `public/passkeys.js`, loaded by
//! `index.html`: the CSP forbids inline scripts) and a `.../finish` call.

use std::future::Future;

use aftercare_core::api::Me;
use aftercare_core::passkeys::{CeremonyFinish, CeremonyStart, PasskeyInfo, PasskeySignUpStart};
use aftercare_core::problem::FieldError;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = AftercarePasskeys, js_name = supported, catch)]
    fn js_supported() -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = AftercarePasskeys, js_name = create, catch)]
    fn js_create(options: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercarePasskeys, js_name = get, catch)]
    fn js_get(options: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercarePasskeys, js_name = autofillAvailable, catch)]
    fn js_autofill_available() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercarePasskeys, js_name = autofill, catch)]
    fn js_autofill(options: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercarePasskeys, js_name = stopAutofill, catch)]
    fn js_stop_autofill() -> Result<(), JsValue>;
}

/// Why a passkey ceremony did not finish.
#[derive(Debug, Clone, PartialEq)]
pub enum PasskeyError {
    /// The browser has no WebAuthn (or not its JSON helpers).
    Unsupported,
    /// The user cancelled (or let the prompt time out): nothing changed.
    Cancelled,
    /// This authenticator already holds a passkey for the account.
    AlreadyRegistered,
    /// The authenticator failed for another reason.
    Failed,
    /// The server refused.
    Api(ApiError),
}

impl PasskeyError {
    /// The errors a form shows: the server's field errors, or one form-level error.
    pub fn form_errors(&self) -> Vec<FieldError> {
        let one = |code: &str, message: &str| vec![FieldError::new("", code, message)];
        match self {
            PasskeyError::Unsupported => {
                one("passkey.unsupported", "This browser cannot use passkeys")
            }
            PasskeyError::Cancelled => one("passkey.cancelled", "Cancelled — nothing was changed"),
            PasskeyError::AlreadyRegistered => one(
                "passkey.already_registered",
                "This device already has a passkey for your account",
            ),
            PasskeyError::Failed => one("passkey.failed", "The passkey did not work: try again"),
            PasskeyError::Api(e) => e.form_errors(),
        }
    }
}

/// Whether this browser can create and use passkeys.
pub fn supported() -> bool {
    js_supported().unwrap_or(false)
}

async fn authenticator(
    promise: Result<js_sys::Promise, JsValue>,
) -> Result<serde_json::Value, PasskeyError> {
    let promise = promise.map_err(|_| PasskeyError::Unsupported)?;
    match JsFuture::from(promise).await {
        Ok(value) => value
            .as_string()
            .and_then(|text| serde_json::from_str(&text).ok())
            .ok_or(PasskeyError::Failed),
        Err(reason) => Err(match reason.as_string().as_deref() {
            Some("NotAllowedError" | "AbortError") => PasskeyError::Cancelled,
            Some("Unsupported" | "NotSupportedError" | "SecurityError") => {
                PasskeyError::Unsupported
            }
            Some("InvalidStateError") => PasskeyError::AlreadyRegistered,
            _ => PasskeyError::Failed,
        }),
    }
}

/// How the browser's authenticator is asked.
#[derive(Debug, Clone, Copy)]
enum Ask {
    /// Make a new passkey.
    Create,
    /// Use one, in the browser's own dialog.
    Get,
    /// Use one the user picks from a field's autofill (waits silently until then).
    Autofill,
}

/// One ceremony: the server's start, the browser's authenticator, the server's finish
/// (with `name` for a new passkey).
async fn ceremony<T, F>(
    start: impl Future<Output = Result<CeremonyStart, PasskeyError>>,
    ask: Ask,
    name: String,
    finish: impl FnOnce(CeremonyFinish) -> F,
) -> Result<T, PasskeyError>
where
    F: Future<Output = Result<T, ApiError>>,
{
    if !supported() {
        return Err(PasskeyError::Unsupported);
    }
    let start = start.await?;
    let options = start.options.to_string();
    let promise = match ask {
        Ask::Create => js_create(&options),
        Ask::Get => js_get(&options),
        Ask::Autofill => js_autofill(&options),
    };
    let credential = authenticator(promise).await?;
    finish(CeremonyFinish {
        ceremony: start.ceremony,
        credential,
        name,
    })
    .await
    .map_err(PasskeyError::Api)
}

/// Creates an account with a passkey instead of a password, and signs in.
pub async fn sign_up(request: &PasskeySignUpStart) -> Result<Me, PasskeyError> {
    let start = async {
        api::passkey_sign_up_start(request)
            .await
            .map_err(PasskeyError::Api)
    };
    ceremony(start, Ask::Create, String::new(), |f| async move {
        api::passkey_sign_up_finish(&f).await
    })
    .await
}

/// Signs in with any passkey of this site (no email needed).
pub async fn sign_in() -> Result<Me, PasskeyError> {
    let start = async {
        api::passkey_sign_in_start()
            .await
            .map_err(PasskeyError::Api)
    };
    ceremony(start, Ask::Get, String::new(), |f| async move {
        api::passkey_sign_in_finish(&f).await
    })
    .await
}

/// Offers this site's passkeys in the autofill of fields marked `autocomplete="… webauthn"`
/// and signs in with the one the user picks. Waits silently until then (or until
/// [`stop_autofill`]); `Unsupported` when the browser has no such autofill or the
/// request cannot start (nothing was asked of the user, so nothing is shown). Only a
/// refusal after the user picked a passkey is an `Api` error.
pub async fn sign_in_by_autofill() -> Result<Me, PasskeyError> {
    let available = match js_autofill_available() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    };
    if !available {
        return Err(PasskeyError::Unsupported);
    }
    let start = async {
        api::passkey_sign_in_start()
            .await
            .map_err(|_| PasskeyError::Unsupported)
    };
    ceremony(start, Ask::Autofill, String::new(), |f| async move {
        api::passkey_sign_in_finish(&f).await
    })
    .await
}

/// Withdraws the autofill offer of [`sign_in_by_autofill`] (the form is leaving).
pub fn stop_autofill() {
    let _ = js_stop_autofill();
}

/// Adds a passkey to the signed-in account under `name` (empty: "Passkey").
pub async fn add(name: String) -> Result<PasskeyInfo, PasskeyError> {
    let start = async { api::passkey_add_start().await.map_err(PasskeyError::Api) };
    ceremony(start, Ask::Create, name, |f| async move {
        api::passkey_add_finish(&f).await
    })
    .await
}

/// Confirms it is the account's owner with one of its passkeys: the single-use token
/// that an account without a password sends with a change of email or password.
pub async fn confirm() -> Result<String, PasskeyError> {
    let start = async { api::reauth_start().await.map_err(PasskeyError::Api) };
    ceremony(start, Ask::Get, String::new(), |f| async move {
        api::reauth_finish(&f)
            .await
            .map(|proof| proof.passkey_token)
    })
    .await
}
