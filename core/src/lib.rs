//! Aftercare's shared vocabulary and rules. No I/O: the same code decides on the server
//! and previews in the browser, so it builds for wasm32 and native alike.

pub mod account;
pub mod api;
pub mod articles;
pub mod claims;
pub mod coverage;
pub mod labels;
pub mod passkeys;
pub mod passwords;
pub mod problem;
pub mod serial;
pub mod slots;
pub mod tracking;
pub mod validate;
pub mod warranty;

pub use chrono::NaiveDate;
