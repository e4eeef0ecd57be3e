//! The customer's own details and preferences.

pub mod account_form;
pub mod passkeys;
pub mod security;

pub use account_form::AccountForm;
pub use passkeys::PasskeysSection;
pub use security::{EmailSection, PasswordSection};
