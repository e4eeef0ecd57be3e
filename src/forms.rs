//! A form's errors, whether found in the browser (core's validation) or sent back by the
//! server: one list feeds both the error summary and the message above each field.

use aftercare_core::problem::FieldError;
use leptos::prelude::*;

use crate::state::i18n::use_i18n;

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
