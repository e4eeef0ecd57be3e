//! The customer's own details and preferences.

pub mod account_form;

pub use account_form::AccountForm;
