//! Account life: verifying an email address, resetting a forgotten password, changing
//! the password or the email. Wire types and the shared checks both sides run.

use serde::{Deserialize, Serialize};

use crate::problem::{FieldError, FieldErrors};
use crate::validate;

/// How long a link that verifies an email address works, in hours.
pub const VERIFY_EMAIL_HOURS: i64 = 48;
/// How long a password-reset link works, in hours.
pub const RESET_PASSWORD_HOURS: i64 = 1;
/// How long a link that confirms a new email address works, in hours.
pub const CHANGE_EMAIL_HOURS: i64 = 24;
/// Reset emails sent to one address per hour at most (more requests are ignored).
pub const RESETS_PER_HOUR: u64 = 3;

/// `POST /auth/reset/request`: send a reset link to this address, if it has an account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResetRequest {
    /// The account's email address.
    pub email: String,
}

/// `POST /auth/reset/confirm`: the token from the link and the new password.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResetConfirm {
    /// The token from the emailed link.
    pub token: String,
    /// The new password.
    pub password: String,
}

/// `POST /auth/verify`: the token from a verification link.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VerifyRequest {
    /// The token from the emailed link.
    pub token: String,
}

/// `POST /me/password`: changes the password, or sets the first one of an account that
/// signs in with passkeys only (`current_password` empty, `passkey_token` given).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangePassword {
    /// The password in use now (empty for an account without one).
    #[serde(default)]
    pub current_password: String,
    /// The password to use from now on.
    pub new_password: String,
    /// Proof of a fresh passkey confirmation (`POST /me/reauth/finish`), for an account
    /// without a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey_token: Option<String>,
}

/// `POST /me/email`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeEmail {
    /// The account's password, to confirm it is the owner asking (empty for an account
    /// without one).
    #[serde(default)]
    pub password: String,
    /// The address to use from now on (once its link is opened).
    pub new_email: String,
    /// Proof of a fresh passkey confirmation (`POST /me/reauth/finish`), for an account
    /// without a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey_token: Option<String>,
}

/// Whether the account's email address is verified (`GET /me/verification`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The address in use.
    pub email: String,
    /// Whether a link sent to it was opened.
    pub verified: bool,
}

/// What opening a verification link did (`POST /auth/verify`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    /// The address now verified (the new one after an email change).
    pub email: String,
    /// Whether the link changed the account's address.
    pub changed: bool,
}

fn finish(errors: FieldErrors) -> Result<(), FieldErrors> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn required(field: &str, value: &str, code: &str, message: &str, errors: &mut FieldErrors) {
    if value.is_empty() {
        errors.push(FieldError::new(field, code, message));
    }
}

fn new_password(field: &str, password: &str, errors: &mut FieldErrors) {
    let mut found = Vec::new();
    validate::check_new_password(password, &mut found);
    for mut error in found {
        error.field = field.to_owned();
        errors.push(error);
    }
}

fn email(field: &str, value: &str, errors: &mut FieldErrors) {
    if let Err(found) = validate::sign_in(value, "-") {
        for mut error in found {
            error.field = field.to_owned();
            errors.push(error);
        }
    }
}

/// Checks the forgotten-password form.
pub fn reset_request(req: &ResetRequest) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    email("email", &req.email, &mut errors);
    finish(errors)
}

/// Checks the new-password form reached from a reset link.
pub fn reset_confirm(req: &ResetConfirm) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    required(
        "token",
        req.token.trim(),
        "error.token_invalid",
        "This link does not work (any more): ask for a new one",
        &mut errors,
    );
    new_password("password", &req.password, &mut errors);
    finish(errors)
}

/// The password that proves the owner asks for a change: required, unless the account
/// has none (a passkey confirms instead).
fn owners_password(field: &str, value: &str, has_password: bool, errors: &mut FieldErrors) {
    if has_password {
        required(
            field,
            value,
            "error.password_required",
            "Enter your password",
            errors,
        );
    }
}

/// Checks the change-password form. An account without a password (`has_password`
/// false) sets its first one: no current password is asked for (a passkey confirms).
pub fn change_password(req: &ChangePassword, has_password: bool) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    owners_password(
        "current_password",
        &req.current_password,
        has_password,
        &mut errors,
    );
    new_password("new_password", &req.new_password, &mut errors);
    finish(errors)
}

/// Checks the change-email form. An account without a password (`has_password` false)
/// confirms with a passkey instead, so no password is asked for.
pub fn change_email(req: &ChangeEmail, has_password: bool) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    owners_password("password", &req.password, has_password, &mut errors);
    email("new_email", &req.new_email, &mut errors);
    finish(errors)
}

/// Checks the erasure form: the password, unless the account has none (a passkey
/// confirms instead).
pub fn delete_account(
    req: &crate::api::DeleteAccountRequest,
    has_password: bool,
) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    owners_password("password", &req.password, has_password, &mut errors);
    finish(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_follow_the_sign_up_rules_under_their_own_field() {
        let errors = change_password(
            &ChangePassword {
                current_password: "x".into(),
                new_password: "short".into(),
                passkey_token: None,
            },
            true,
        )
        .expect_err("too short");
        assert_eq!(errors[0].field, "new_password");
        assert_eq!(errors[0].code, "error.password_short");
        let errors = change_email(
            &ChangeEmail {
                password: String::new(),
                new_email: "nope".into(),
                passkey_token: None,
            },
            true,
        )
        .expect_err("both wrong");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["password", "new_email"]);
        assert!(reset_request(&ResetRequest {
            email: "a@example.com".into()
        })
        .is_ok());
    }

    #[test]
    fn an_account_without_a_password_is_not_asked_for_one() {
        let first = ChangePassword {
            current_password: String::new(),
            new_password: "a long enough passphrase".into(),
            passkey_token: Some("t".into()),
        };
        assert!(change_password(&first, false).is_ok());
        let errors = change_password(&first, true).expect_err("asked for");
        assert_eq!(errors[0].field, "current_password");
        let move_to = ChangeEmail {
            password: String::new(),
            new_email: "new@example.com".into(),
            passkey_token: None,
        };
        assert!(change_email(&move_to, false).is_ok());
        assert!(change_email(&move_to, true).is_err());
    }
}
