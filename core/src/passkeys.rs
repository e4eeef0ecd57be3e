//! Passkeys (WebAuthn): the wire types of the sign-up, sign-in and account-page
//! ceremonies. The WebAuthn options and credentials themselves travel as the JSON the
//! browser's `PublicKeyCredential.parse*OptionsFromJSON` / `credential.toJSON()` speak;
//! the server (webauthn-rs) checks them.

use serde::{Deserialize, Serialize};

use crate::api::Language;
use crate::problem::{FieldError, FieldErrors};

/// Longest passkey name.
pub const MAX_PASSKEY_NAME_LEN: usize = 60;

/// The name a new passkey gets when the user gives none.
pub const DEFAULT_PASSKEY_NAME: &str = "Passkey";

/// `POST /auth/passkey/signup/start`: the account to create (no password).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PasskeySignUpStart {
    /// The name the portal addresses them by.
    pub name: String,
    /// Their email (for messages; passkeys sign in without it).
    pub email: String,
    /// Preferred language.
    #[serde(default)]
    pub language: Language,
}

/// The answer to every `.../start`: a single-use ceremony id (valid a few minutes) and
/// the WebAuthn options for the browser (`{"publicKey": {...}}`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CeremonyStart {
    /// Names this ceremony in the matching `.../finish`.
    pub ceremony: String,
    /// WebAuthn creation or request options, as JSON.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: serde_json::Value,
}

/// Every `.../finish`: the ceremony id and the browser's credential (`toJSON()`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CeremonyFinish {
    /// From the `.../start` answer.
    pub ceremony: String,
    /// The `PublicKeyCredential` as JSON.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
    /// The new passkey's name (registrations only; empty: "Passkey").
    #[serde(default)]
    pub name: String,
}

/// How long a passkey confirmation (`POST /me/reauth/finish`) may be used, in minutes.
pub const REAUTH_MINUTES: i64 = 5;

/// The answer to `POST /me/reauth/finish`: proof that the account's owner just used one
/// of its passkeys. An account without a password sends it as `passkey_token` with a
/// change of email or password or the deletion of the account; it works once, within
/// [`REAUTH_MINUTES`], for this account only.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reauthenticated {
    /// The single-use token.
    pub passkey_token: String,
    /// When it stops working.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// `PATCH /me/passkeys/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PasskeyRename {
    /// The new name.
    pub name: String,
}

/// One passkey as the account page lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasskeyInfo {
    /// The passkey's id.
    pub id: i64,
    /// The user's name for it.
    pub name: String,
    /// When it was added.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it last signed in, if ever.
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether it may be synced between devices (backup eligible).
    pub backup_eligible: bool,
}

/// Validates a passkey's name: required (after trimming), at most
/// [`MAX_PASSKEY_NAME_LEN`] characters. Returns the trimmed name.
pub fn validate_name(name: &str) -> Result<String, FieldErrors> {
    let trimmed = name.trim();
    let len = trimmed.chars().count();
    if len == 0 {
        Err(vec![FieldError::new(
            "name",
            "error.passkey_name_required",
            "Enter a name for the passkey",
        )])
    } else if len > MAX_PASSKEY_NAME_LEN {
        Err(vec![FieldError::new(
            "name",
            "error.text_long",
            format!("Enter at most {MAX_PASSKEY_NAME_LEN} characters"),
        )
        .with("max", MAX_PASSKEY_NAME_LEN)])
    } else {
        Ok(trimmed.to_owned())
    }
}

/// A new passkey's name: the given one if valid, else the default.
pub fn name_or_default(name: &str) -> String {
    validate_name(name).unwrap_or_else(|_| DEFAULT_PASSKEY_NAME.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_required_and_bounded() {
        assert_eq!(validate_name("  Phone ").as_deref(), Ok("Phone"));
        assert_eq!(
            validate_name("   ").expect_err("blank")[0].code,
            "error.passkey_name_required"
        );
        let long = "x".repeat(MAX_PASSKEY_NAME_LEN + 1);
        assert_eq!(
            validate_name(&long).expect_err("long")[0].code,
            "error.text_long"
        );
        assert_eq!(name_or_default(""), DEFAULT_PASSKEY_NAME);
    }
}
