//! One module per route; each page composes feature components.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::ApiError;
use crate::state::session::use_session;

pub mod account;
pub mod account_links;
pub mod agent_calendar;
pub mod agent_claim;
pub mod agent_claims;
pub mod agent_satisfaction;
pub mod appointment;
pub mod appointments;
pub mod book;
pub mod booked;
pub mod claim;
pub mod claims;
pub mod help;
pub mod help_article;
pub mod home;
pub mod new_claim;
pub mod new_product;
pub mod not_found;
pub mod notifications;
pub mod product;
pub mod products;
pub mod sign_in;
pub mod sign_up;
pub mod track;

pub use account::AccountPage;
pub use account_links::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use agent_calendar::AgentCalendarPage;
pub use agent_claim::AgentClaimPage;
pub use agent_claims::AgentClaimsPage;
pub use agent_satisfaction::AgentSatisfactionPage;
pub use appointment::AppointmentPage;
pub use appointments::AppointmentsPage;
pub use book::{BookCentrePage, BookCheckPage, BookProductPage, BookServicePage, BookTimePage};
pub use booked::BookedPage;
pub use claim::ClaimPage;
pub use claims::ClaimsPage;
pub use help::HelpPage;
pub use help_article::HelpArticlePage;
pub use home::HomePage;
pub use new_claim::NewClaimPage;
pub use new_product::NewProductPage;
pub use not_found::NotFoundPage;
pub use notifications::NotificationsPage;
pub use product::ProductPage;
pub use products::ProductsPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;
pub use track::TrackPage;

/// The `{id}` in the page's path, as a number (`None` when it is not one).
pub fn path_id() -> impl Fn() -> Option<i64> + Copy + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()))
}

/// The record the path's `{id}` names, fetched with `fetch` (again when the id changes),
/// the session watching the answer; an id that is not a number is a 404.
pub fn load_by_path_id<T, F, Fut>(fetch: F) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(i64) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let session = use_session();
    let id = path_id();
    LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => session.watch(fetch(id).await),
                None => Err(ApiError::Unexpected(404)),
            }
        }
    })
}
