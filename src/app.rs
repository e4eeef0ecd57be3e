//! The app's root: contexts, the page frame and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::account::ConfirmEmailReminder;
use crate::components::common::focus_heading;
use crate::components::layout::{BottomNav, Header, SkipLink};
use crate::components::offline::{ConnectionNotice, OutboxPanel, UpdateBanner};
use crate::pages::{
    AccountPage, AgentCalendarPage, AppointmentPage, AppointmentsPage, BookCentrePage,
    BookCheckPage, BookProductPage, BookServicePage, BookTimePage, BookedPage, HomePage,
    NewProductPage, NotFoundPage, NotificationsPage, ProductPage, ProductsPage, SignInPage,
    SignUpPage,
};
use crate::pages::{AgentClaimPage, AgentClaimsPage, AgentSatisfactionPage};
use crate::pages::{ClaimPage, ClaimsPage, NewClaimPage};
use crate::pages::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
use crate::pages::{HelpArticlePage, HelpPage, TrackPage};
use crate::state::booking::provide_booking;
use crate::state::flash::provide_flash;
use crate::state::i18n::provide_i18n;
use crate::state::notifications::provide_notifications;
use crate::state::offline::provide_offline;
use crate::state::session::provide_session;

/// After each client-side navigation (not the first load), moves focus to the new page's
/// `h1` so screen readers announce where the customer is.
#[component]
pub fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path) {
            request_animation_frame(focus_heading);
        }
        path
    });
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let session = provide_session(i18n);
    provide_notifications(session);
    provide_offline(session);
    provide_flash();
    provide_booking();
    view! {
        <Router>
            <SkipLink />
            <Header />
            <UpdateBanner />
            <main id="main" class="main" tabindex="-1">
                <ConnectionNotice />
                <OutboxPanel />
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/signup") view=SignUpPage />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/reset-password") view=ResetPasswordPage />
                    <Route path=path!("/verify-email") view=VerifyEmailPage />
                    <Route path=path!("/products") view=ProductsPage />
                    <Route path=path!("/products/new") view=NewProductPage />
                    <Route path=path!("/products/:id") view=ProductPage />
                    <Route path=path!("/products/:id/claim") view=NewClaimPage />
                    <Route path=path!("/appointments") view=AppointmentsPage />
                    <Route path=path!("/appointments/new") view=BookProductPage />
                    <Route path=path!("/appointments/new/service") view=BookServicePage />
                    <Route path=path!("/appointments/new/centre") view=BookCentrePage />
                    <Route path=path!("/appointments/new/time") view=BookTimePage />
                    <Route path=path!("/appointments/new/check") view=BookCheckPage />
                    <Route path=path!("/appointments/:id") view=AppointmentPage />
                    <Route path=path!("/appointments/:id/booked") view=BookedPage />
                    <Route path=path!("/account") view=AccountPage />
                    <Route path=path!("/agent/calendar") view=AgentCalendarPage />
                    <Route path=path!("/agent/claims") view=AgentClaimsPage />
                    <Route path=path!("/agent/claims/:id") view=AgentClaimPage />
                    <Route path=path!("/agent/satisfaction") view=AgentSatisfactionPage />
                    <Route path=path!("/claims") view=ClaimsPage />
                    <Route path=path!("/claims/:id") view=ClaimPage />
                    <Route path=path!("/notifications") view=NotificationsPage />
                    <Route path=path!("/help") view=HelpPage />
                    <Route path=path!("/help/:slug") view=HelpArticlePage />
                    <Route path=path!("/track/:token") view=TrackPage />
                </Routes>
                // After the page, not above it: it appears once `/me/verification`
                // answers, and above the page it would push everything down (layout shift).
                <ConfirmEmailReminder />
            </main>
            <BottomNav />
            <FocusOnNavigate />
        </Router>
    }
}
