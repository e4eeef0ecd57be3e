//! The one error envelope: RFC 9457 problem details, with per-field errors whose `code`
//! is a translation key so every client can say it in the customer's language.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A problem+json body, as every non-2xx answer of the API carries it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` or `/problems/<code>`).
    #[serde(rename = "type")]
    pub kind: String,
    /// A short, human summary in English.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// A longer English explanation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A stable machine code (a translation key) for the whole problem.
    pub code: String,
    /// Per-field errors, for forms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a slot that was just taken (409 `error.slot_taken`): the next free slots to
    /// offer instead (an RFC 9457 extension member).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_slots: Vec<crate::slots::Slot>,
}

/// One form field's error: which field, a translation key, and its parameters.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The request field's name, e.g. `serial`.
    pub field: String,
    /// A translation key, e.g. `error.serial_format`.
    pub code: String,
    /// Values the message needs, e.g. `{"example": "WM-12345678"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// The message in English, for clients that do not translate.
    pub message: String,
}

impl FieldError {
    /// A field error with no parameters.
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
            params: BTreeMap::new(),
            message: message.into(),
        }
    }

    /// Adds a parameter the translated message interpolates.
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }
}

/// The errors a validation found; empty means valid.
pub type FieldErrors = Vec<FieldError>;
