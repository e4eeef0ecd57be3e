//! App-wide state, each piece behind a `provide_*` function called once by the app and a
//! `use_*` function any component calls to read it.

pub mod booking;
pub mod claim_draft;
pub mod flash;
pub mod i18n;
pub mod notifications;
pub mod offline;
pub mod session;
