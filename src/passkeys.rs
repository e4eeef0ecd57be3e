//! Passkeys in the browser: the WebAuthn ceremonies, each a `.../start` call to the
//! server, the browser's authenticator (through `public/passkeys.js`, loaded by
//! `index.html`: the CSP forbids inline scripts) and a `.../finish` call.

use aftercare_core::api::Me;
use aftercare_core::passkeys::{CeremonyFinish, PasskeyInfo, PasskeySignUpStart};
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

/// Creates an account with a passkey instead of a password, and signs in.
pub async fn sign_up(request: &PasskeySignUpStart) -> Result<Me, PasskeyError> {
    if !supported() {
        return Err(PasskeyError::Unsupported);
    }
    let start = api::passkey_sign_up_start(request)
        .await
        .map_err(PasskeyError::Api)?;
    let credential = authenticator(js_create(&start.options.to_string())).await?;
    api::passkey_sign_up_finish(&CeremonyFinish {
        ceremony: start.ceremony,
        credential,
        name: String::new(),
    })
    .await
    .map_err(PasskeyError::Api)
}

/// Signs in with any passkey of this site (no email needed).
pub async fn sign_in() -> Result<Me, PasskeyError> {
    if !supported() {
        return Err(PasskeyError::Unsupported);
    }
    let start = api::passkey_sign_in_start()
        .await
        .map_err(PasskeyError::Api)?;
    let credential = authenticator(js_get(&start.options.to_string())).await?;
    api::passkey_sign_in_finish(&CeremonyFinish {
        ceremony: start.ceremony,
        credential,
        name: String::new(),
    })
    .await
    .map_err(PasskeyError::Api)
}

/// Adds a passkey to the signed-in account under `name` (empty: "Passkey").
pub async fn add(name: String) -> Result<PasskeyInfo, PasskeyError> {
    if !supported() {
        return Err(PasskeyError::Unsupported);
    }
    let start = api::passkey_add_start().await.map_err(PasskeyError::Api)?;
    let credential = authenticator(js_create(&start.options.to_string())).await?;
    api::passkey_add_finish(&CeremonyFinish {
        ceremony: start.ceremony,
        credential,
        name,
    })
    .await
    .map_err(PasskeyError::Api)
}
