//! Aftercare's browser app: a Leptos client-side app that talks to the server's
//! `/api/v1` through [`api`] and shares its rules with it through `aftercare-core`.

pub mod api;
pub mod app;
pub mod components;
pub mod dates;
pub mod forms;
pub mod i18n;
pub mod pages;
pub mod passkeys;
pub mod routes;
pub mod state;
