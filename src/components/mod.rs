//! Reusable widgets (`common/`), the page frame (`layout/`) and feature pieces grouped by
//! what they are about.

pub mod account;
pub mod agent;
pub mod agent_claims;
pub mod appointments;
pub mod auth;
pub mod claims;
pub mod common;
pub mod coverage;
pub mod help;
pub mod layout;
pub mod new_claim;
pub mod notifications;
pub mod offline;
pub mod products;
