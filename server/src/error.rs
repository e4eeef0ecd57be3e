//! The server's one error type. Every variant becomes an RFC 9457 problem+json answer;
//! internal failures are logged with their detail and answered with a generic 500 so no
//! SQL, path or stack trace ever reaches a client.

use aftercare_core::problem::{FieldError, FieldErrors, Problem};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, SqlErr};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What a handler can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read (malformed JSON, wrong types).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 401: no valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// 401: sign-in refused (unknown email and wrong password alike).
    #[error("wrong credentials")]
    Credentials,
    /// 403: signed in, but the role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 404: no such thing, or not yours (the two are indistinguishable on purpose).
    #[error("not found")]
    NotFound,
    /// 409: a uniqueness rule refused the request; the field errors say which field.
    #[error("conflict")]
    Conflict(FieldErrors),
    /// 409: the slot's last place was taken; here are the next free ones.
    #[error("slot taken")]
    SlotTaken(Vec<aftercare_core::slots::Slot>),
    /// 409: the thing is not in a state that allows this (a claim's workflow refusing a
    /// step, a survey already answered); `code` names the rule.
    #[error("refused: {code}")]
    Refused {
        /// The problem code (a translation key).
        code: &'static str,
        /// Why, in English.
        message: String,
    },
    /// 413: the body is larger than allowed.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 413: an uploaded file is larger than allowed (a field error on `file`).
    #[error("file too large")]
    FileTooLarge {
        /// The limit, in megabytes.
        max_mb: usize,
    },
    /// 422: the input broke a rule; one error per field.
    #[error("validation failed")]
    Validation(FieldErrors),
    /// 429: too many attempts; retry after this many seconds.
    #[error("throttled for {0} s")]
    Throttled(u64),
    /// 500: a failure of ours, logged with its detail.
    #[error("internal: {0}")]
    Internal(String),
}

/// The handlers' result type.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// The HTTP status this error answers with.
    pub fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::Credentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) | ApiError::SlotTaken(_) | ApiError::Refused { .. } => {
                StatusCode::CONFLICT
            }
            ApiError::PayloadTooLarge | ApiError::FileTooLarge { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A uniqueness conflict on one field.
    pub fn conflict(field: &str, code: &str, message: &str) -> Self {
        ApiError::Conflict(vec![FieldError::new(field, code, message)])
    }

    /// Turns a unique-constraint violation into the given field conflict, and any other
    /// database failure into an internal error. Backend-neutral: sea-orm classifies the
    /// violation for SQLite and PostgreSQL alike, so no message is string-matched.
    pub fn on_unique(
        field: &'static str,
        code: &'static str,
        message: &'static str,
    ) -> impl Fn(DbErr) -> ApiError {
        move |err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::conflict(field, code, message),
            _ => ApiError::from(err),
        }
    }

    fn problem(&self) -> Problem {
        let (code, title, detail, errors) = match self {
            ApiError::BadRequest(why) => (
                "error.bad_request",
                "The request could not be read",
                Some(why.clone()),
                Vec::new(),
            ),
            ApiError::Unauthenticated => (
                "error.unauthenticated",
                "Sign in to continue",
                None,
                Vec::new(),
            ),
            ApiError::Credentials => (
                "error.credentials",
                "Email or password is not right",
                None,
                Vec::new(),
            ),
            ApiError::Forbidden => ("error.forbidden", "You may not do this", None, Vec::new()),
            ApiError::NotFound => ("error.not_found", "Not found", None, Vec::new()),
            ApiError::Conflict(errors) => (
                "error.conflict",
                "This already exists",
                None,
                errors.clone(),
            ),
            ApiError::SlotTaken(_) => (
                "error.slot_taken",
                "That time was just taken",
                Some("Choose one of the next free times".to_owned()),
                Vec::new(),
            ),
            ApiError::Refused { code, message } => (
                *code,
                "This cannot be done now",
                Some(message.clone()),
                Vec::new(),
            ),
            ApiError::PayloadTooLarge => (
                "error.payload_too_large",
                "The request is too large",
                None,
                Vec::new(),
            ),
            ApiError::FileTooLarge { max_mb } => (
                "error.file_too_large",
                "The file is too large",
                None,
                vec![FieldError::new(
                    "file",
                    "error.file_too_large",
                    format!("The file must be smaller than {max_mb} MB"),
                )
                .with("max", max_mb)],
            ),
            ApiError::Validation(errors) => (
                "error.validation",
                "Some answers need correcting",
                None,
                errors.clone(),
            ),
            ApiError::Throttled(seconds) => (
                "error.throttled",
                "Too many attempts",
                Some(format!("Try again in {seconds} seconds")),
                Vec::new(),
            ),
            ApiError::Internal(_) => (
                "error.internal",
                "Something went wrong on our side",
                None,
                Vec::new(),
            ),
        };
        // A conflict on a single field carries that field's own code as the problem's.
        let code = match self {
            ApiError::Conflict(errors) if errors.len() == 1 => errors[0].code.clone(),
            _ => code.to_owned(),
        };
        Problem {
            kind: format!("/problems/{}", code.trim_start_matches("error.")),
            title: title.to_owned(),
            status: self.status_code().as_u16(),
            detail,
            code,
            errors,
            next_slots: match self {
                ApiError::SlotTaken(next) => next.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        ApiError::Internal(format!("database: {err}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        problem_response(
            &self.problem(),
            match self {
                ApiError::Throttled(seconds) => Some(seconds),
                _ => None,
            },
        )
    }
}

/// Renders a problem as a response, with `Retry-After` when given.
pub fn problem_response(problem: &Problem, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if let Some(seconds) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}
