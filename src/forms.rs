//! A form's errors, whether found in the browser (core's validation) or sent back by the
//! server: one list feeds both the error summary and the message above each field.

use std::future::Future;

use aftercare_core::problem::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::passkeys::PasskeyError;
use crate::state::i18n::use_i18n;
use crate::state::session::{use_session, Session};

/// The errors a form currently shows.
#[derive(Debug, Clone, Copy)]
pub struct FormErrors(RwSignal<Vec<FieldError>>);

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// Shows these errors (replacing any earlier ones).
    pub fn set(self, errors: Vec<FieldError>) {
        self.0.set(errors);
    }

    /// Clears every error.
    pub fn clear(self) {
        self.0.set(Vec::new());
    }

    /// Every error (tracked).
    pub fn all(self) -> Vec<FieldError> {
        self.0.get()
    }

    /// The translated message of the first error on `field`, if any (reactive).
    pub fn message(self, field: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.0.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| i18n.field_error(e))
            })
        })
    }
}

/// The value of a text field as an optional request field: `None` when blank.
pub fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Why a form's sending failed: the errors to show beside the fields, and whether the
/// session turned out to be gone (a 401).
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    errors: Vec<FieldError>,
    signed_out: bool,
}

impl From<Vec<FieldError>> for Refused {
    fn from(errors: Vec<FieldError>) -> Self {
        Self {
            errors,
            signed_out: false,
        }
    }
}

impl From<ApiError> for Refused {
    fn from(error: ApiError) -> Self {
        Self {
            errors: error.form_errors(),
            signed_out: error.is_unauthenticated(),
        }
    }
}

impl From<PasskeyError> for Refused {
    fn from(error: PasskeyError) -> Self {
        match error {
            PasskeyError::Api(e) => e.into(),
            other => other.form_errors().into(),
        }
    }
}

/// What every form does between Submit and the answer: one sending at a time; core's
/// errors shown without sending anything; then the answer handed on, or the server's
/// errors shown beside their fields (what was typed stays), and a lost session noted.
#[derive(Debug, Clone, Copy)]
pub struct Sender {
    /// The errors the form shows (its summary and fields read them).
    pub errors: FormErrors,
    pending: RwSignal<bool>,
    session: Session,
}

impl Default for Sender {
    fn default() -> Self {
        Self::new()
    }
}

impl Sender {
    /// A form with nothing sent yet.
    pub fn new() -> Self {
        Self {
            errors: FormErrors::new(),
            pending: RwSignal::new(false),
            session: use_session(),
        }
    }

    /// Whether an answer is awaited (tracked: the submit button's `disabled`).
    pub fn pending(self) -> bool {
        self.pending.get()
    }

    /// Sends the request `checked` holds (core's verdict on it) with `call`, unless an
    /// earlier sending is still on its way; `done` receives the answer.
    pub fn send<R, T, E, F>(
        self,
        checked: Result<R, Vec<FieldError>>,
        call: impl FnOnce(R) -> F + 'static,
        done: impl FnOnce(T) + 'static,
    ) where
        R: 'static,
        T: 'static,
        E: Into<Refused>,
        F: Future<Output = Result<T, E>> + 'static,
    {
        if self.pending.get_untracked() {
            return;
        }
        let request = match checked {
            Ok(request) => request,
            Err(list) => {
                self.errors.set(list);
                return;
            }
        };
        self.errors.clear();
        self.pending.set(true);
        spawn_local(async move {
            let result = call(request).await;
            self.pending.set(false);
            match result {
                Ok(answer) => done(answer),
                Err(e) => {
                    let refused = e.into();
                    if refused.signed_out {
                        self.session.signed_out();
                    }
                    self.errors.set(refused.errors);
                }
            }
        });
    }
}
