//! The customer's own details and preferences.

pub mod account_form;
pub mod confirm_reminder;
pub mod passkeys;
pub mod security;
pub mod your_data;

pub use account_form::AccountForm;
pub use confirm_reminder::ConfirmEmailReminder;
pub use passkeys::PasskeysSection;
pub use security::{EmailSection, PasswordSection};
pub use your_data::YourDataSection;
