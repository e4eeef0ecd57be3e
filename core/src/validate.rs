//! Form rules, shared: the browser runs them before sending (instant messages beside the
//! fields) and the server runs them again before storing (it decides). Each error's code
//! is a translation key; its English message says how to fix the input.

use chrono::NaiveDate;

use crate::api::{ProductModel, RegisterProductRequest, SignUpRequest, COUNTRIES};
use crate::problem::{FieldError, FieldErrors};
use crate::{passwords, serial};

/// Shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 8;
/// Longest password accepted (argon2 is fed at most this much).
pub const MAX_PASSWORD_LEN: usize = 128;
/// Longest name, retailer or nickname.
pub const MAX_TEXT_LEN: usize = 100;

/// A plausible email: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_plausible_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && email.len() <= 254
}

/// Normalises an email for storage and look-up.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn check_email(email: &str, errors: &mut FieldErrors) {
    if email.trim().is_empty() {
        errors.push(FieldError::new(
            "email",
            "error.email_required",
            "Enter your email address",
        ));
    } else if !is_plausible_email(email) {
        errors.push(FieldError::new(
            "email",
            "error.email_format",
            "Enter an email address in the correct format, like name@example.com",
        ));
    }
}

/// Checks a new password: length and the common-password list.
pub fn check_new_password(password: &str, errors: &mut FieldErrors) {
    let len = password.chars().count();
    if len < MIN_PASSWORD_LEN {
        errors.push(
            FieldError::new(
                "password",
                "error.password_short",
                format!("Enter a password of at least {MIN_PASSWORD_LEN} characters"),
            )
            .with("min", MIN_PASSWORD_LEN),
        );
    } else if len > MAX_PASSWORD_LEN {
        errors.push(
            FieldError::new(
                "password",
                "error.password_long",
                format!("Enter a password of at most {MAX_PASSWORD_LEN} characters"),
            )
            .with("max", MAX_PASSWORD_LEN),
        );
    } else if passwords::is_common(password) {
        errors.push(FieldError::new(
            "password",
            "error.password_common",
            "This password is one of the most common and easy to guess: choose another",
        ));
    }
}

fn check_text(field: &str, value: &str, required: bool, errors: &mut FieldErrors) {
    let len = value.trim().chars().count();
    if required && len == 0 {
        errors.push(FieldError::new(
            field,
            &format!("error.{field}_required"),
            format!("Enter the {field}"),
        ));
    } else if len > MAX_TEXT_LEN {
        errors.push(
            FieldError::new(
                field,
                "error.text_long",
                format!("Enter at most {MAX_TEXT_LEN} characters"),
            )
            .with("max", MAX_TEXT_LEN),
        );
    }
}

/// Validates a sign-up form.
pub fn sign_up(req: &SignUpRequest) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    check_text("name", &req.name, true, &mut errors);
    check_email(&req.email, &mut errors);
    check_new_password(&req.password, &mut errors);
    finish(errors)
}

/// Validates the passkey sign-up form: name and email as for [`sign_up`], no password.
pub fn passkey_sign_up(name: &str, email: &str) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    check_text("name", name, true, &mut errors);
    check_email(email, &mut errors);
    finish(errors)
}

/// Validates the sign-in form's shape (not the credentials).
pub fn sign_in(email: &str, password: &str) -> Result<(), FieldErrors> {
    let mut errors = Vec::new();
    check_email(email, &mut errors);
    if password.is_empty() {
        errors.push(FieldError::new(
            "password",
            "error.password_required",
            "Enter your password",
        ));
    }
    finish(errors)
}

/// Parses a date typed as `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A registration that passed every rule, normalised for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRegistration {
    /// Upper-cased, trimmed serial.
    pub serial: String,
    /// The invoice date.
    pub purchase_date: NaiveDate,
    /// Trimmed retailer.
    pub retailer: String,
    /// Upper-case country code.
    pub country: String,
    /// Trimmed nickname, `None` when blank.
    pub nickname: Option<String>,
}

/// Checks a nickname: optional, at most [`MAX_TEXT_LEN`] characters.
pub fn nickname(value: Option<&str>) -> Result<Option<String>, FieldErrors> {
    let mut errors = Vec::new();
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    if let Some(v) = value {
        check_text("nickname", v, false, &mut errors);
    }
    finish(errors).map(|()| value.map(str::to_owned))
}

/// Validates a product registration against its model and today's date. `model` is
/// `None` when no model was chosen or it does not exist.
pub fn registration(
    req: &RegisterProductRequest,
    model: Option<&ProductModel>,
    today: NaiveDate,
) -> Result<ValidRegistration, FieldErrors> {
    let mut errors = Vec::new();
    let serial = serial::normalize(&req.serial);
    match model {
        None => errors.push(FieldError::new(
            "model_id",
            "error.model_required",
            "Choose your product's model from the catalogue",
        )),
        Some(model) => {
            if serial.is_empty() {
                errors.push(
                    FieldError::new(
                        "serial",
                        "error.serial_required",
                        format!(
                            "Enter the serial number as it is printed on the label, like {}",
                            model.serial_example
                        ),
                    )
                    .with("example", &model.serial_example),
                );
            } else if !serial::matches(&model.serial_pattern, &serial) {
                errors.push(
                    FieldError::new(
                        "serial",
                        "error.serial_format",
                        format!(
                            "Enter the serial number as it is printed on the label, like {}",
                            model.serial_example
                        ),
                    )
                    .with("example", &model.serial_example),
                );
            }
        }
    }
    let purchase_date = parse_date(&req.purchase_date);
    match purchase_date {
        None if req.purchase_date.trim().is_empty() => errors.push(FieldError::new(
            "purchase_date",
            "error.purchase_date_required",
            "Enter the date on your invoice",
        )),
        None => errors.push(FieldError::new(
            "purchase_date",
            "error.date_format",
            "Enter a real date, like 2025-03-27",
        )),
        Some(date) if date > today => errors.push(FieldError::new(
            "purchase_date",
            "error.purchase_date_future",
            "The purchase date must be today or in the past",
        )),
        Some(date) => {
            if let Some(model) = model.filter(|m| date < m.release_date) {
                errors.push(
                    FieldError::new(
                        "purchase_date",
                        "error.purchase_date_before_release",
                        format!(
                            "The purchase date must be on or after {}, when this model was released",
                            model.release_date
                        ),
                    )
                    .with("date", model.release_date),
                );
            }
        }
    }
    check_text("retailer", &req.retailer, true, &mut errors);
    let country = req.country.trim().to_ascii_uppercase();
    if !COUNTRIES.iter().any(|(code, _)| *code == country) {
        errors.push(FieldError::new(
            "country",
            "error.country_required",
            "Choose the country you bought it in",
        ));
    }
    let nickname = match nickname(req.nickname.as_deref()) {
        Ok(n) => n,
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    };
    match (errors.is_empty(), purchase_date) {
        (true, Some(purchase_date)) => Ok(ValidRegistration {
            serial,
            purchase_date,
            retailer: req.retailer.trim().to_owned(),
            country,
            nickname,
        }),
        _ => Err(errors),
    }
}

fn finish(errors: FieldErrors) -> Result<(), FieldErrors> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::WarrantyTerms;

    fn washer() -> ProductModel {
        ProductModel {
            id: 1,
            sku: "WM-8000".into(),
            brand: "Bosch".into(),
            name: "Serie 8".into(),
            category: "washing-machine".into(),
            serial_pattern: "WM-########".into(),
            serial_example: "WM-12345678".into(),
            release_date: NaiveDate::from_ymd_opt(2022, 1, 1).expect("date"),
            warranty: WarrantyTerms {
                parts_months: 24,
                labour_months: 24,
                registration_bonus_months: 0,
                registration_window_days: 0,
            },
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
    }

    fn request() -> RegisterProductRequest {
        RegisterProductRequest {
            model_id: 1,
            serial: " wm-12345678".into(),
            purchase_date: "2026-08-16".into(),
            retailer: "MediaMarkt ".into(),
            country: "pl".into(),
            nickname: Some("  ".into()),
        }
    }

    fn fields(errors: &FieldErrors) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_good_registration_is_normalised() {
        let ok = registration(&request(), Some(&washer()), today()).expect("valid");
        assert_eq!(ok.serial, "WM-12345678");
        assert_eq!(ok.country, "PL");
        assert_eq!(ok.retailer, "MediaMarkt");
        assert_eq!(ok.nickname, None);
    }

    #[test]
    fn a_wrong_serial_names_the_expected_format() {
        let req = RegisterProductRequest {
            serial: "12345".into(),
            ..request()
        };
        let errors = registration(&req, Some(&washer()), today()).expect_err("invalid");
        assert_eq!(fields(&errors), ["serial"]);
        assert!(errors[0].message.contains("WM-12345678"));
        assert_eq!(errors[0].params["example"], "WM-12345678");
    }

    #[test]
    fn purchase_dates_in_the_future_or_before_release_are_refused() {
        let future = RegisterProductRequest {
            purchase_date: "2026-11-25".into(),
            ..request()
        };
        let e = registration(&future, Some(&washer()), today()).expect_err("future");
        assert_eq!(e[0].code, "error.purchase_date_future");
        let early = RegisterProductRequest {
            purchase_date: "2021-12-31".into(),
            ..request()
        };
        let e = registration(&early, Some(&washer()), today()).expect_err("early");
        assert_eq!(e[0].code, "error.purchase_date_before_release");
        let garbage = RegisterProductRequest {
            purchase_date: "31/02/2025".into(),
            ..request()
        };
        let e = registration(&garbage, Some(&washer()), today()).expect_err("format");
        assert_eq!(e[0].code, "error.date_format");
    }

    #[test]
    fn every_missing_field_is_reported_at_once() {
        let e = registration(&RegisterProductRequest::default(), None, today()).expect_err("empty");
        assert_eq!(
            fields(&e),
            ["model_id", "purchase_date", "retailer", "country"]
        );
    }

    #[test]
    fn sign_up_refuses_short_and_common_passwords_and_bad_emails() {
        let base = SignUpRequest {
            name: "Ana".into(),
            email: "ana@example.com".into(),
            password: "correct horse battery".into(),
            language: Default::default(),
        };
        assert!(sign_up(&base).is_ok());
        let short = SignUpRequest {
            password: "abc".into(),
            ..base.clone()
        };
        assert_eq!(
            sign_up(&short).expect_err("short")[0].code,
            "error.password_short"
        );
        let common = SignUpRequest {
            password: "password1".into(),
            ..base.clone()
        };
        assert_eq!(
            sign_up(&common).expect_err("common")[0].code,
            "error.password_common"
        );
        let email = SignUpRequest {
            email: "ana@example".into(),
            ..base
        };
        assert_eq!(sign_up(&email).expect_err("email")[0].field, "email");
    }

    #[test]
    fn plausible_emails() {
        assert!(is_plausible_email("a.b+c@mail.example.pl"));
        for bad in [
            "",
            "a",
            "a@b",
            "@b.com",
            "a@.com",
            "a@b.",
            "a b@c.com",
            "a@b@c.com",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
