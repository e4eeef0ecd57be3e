//! Reusable widgets (`common/`), the page frame (`layout/`) and feature pieces grouped by
//! what they are about.

pub mod account;
pub mod agent;
pub mod appointments;
pub mod auth;
pub mod common;
pub mod coverage;
pub mod layout;
pub mod notifications;
pub mod products;
