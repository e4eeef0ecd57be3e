//! The `/api/v1` routes, one module per resource.

pub mod account;
pub mod agent;
pub mod agent_claims;
pub mod appointments;
pub mod articles;
pub mod auth;
pub mod catalog;
pub mod centres;
pub mod claims;
pub mod health;
pub mod labels;
pub mod me;
pub mod notifications;
pub mod passkeys;
pub mod privacy;
pub mod products;
pub mod track;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::error::ApiError;
use crate::AppState;

/// Largest upload body: the 10 MB file plus the multipart envelope.
pub const UPLOAD_BODY_LIMIT: usize = crate::uploads::MAX_PROOF_BYTES + 64 * 1024;

/// Every API route, relative to `/api/v1`.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(crate::openapi::document))
        .route("/auth/signup", post(auth::sign_up))
        .route("/auth/signin", post(auth::sign_in))
        .route("/auth/signout", post(auth::sign_out))
        .route("/auth/verify", post(account::verify))
        .route("/auth/reset/request", post(account::reset_request))
        .route("/auth/reset/confirm", post(account::reset_confirm))
        .route(
            "/me/verification",
            get(account::verification).post(account::resend_verification),
        )
        .route("/me/password", post(account::change_password))
        .route("/me/email", post(account::change_email))
        .route("/auth/passkey/signup/start", post(passkeys::signup_start))
        .route("/auth/passkey/signup/finish", post(passkeys::signup_finish))
        .route("/auth/passkey/signin/start", post(passkeys::signin_start))
        .route("/auth/passkey/signin/finish", post(passkeys::signin_finish))
        .route("/me/reauth/start", post(passkeys::reauth_start))
        .route("/me/reauth/finish", post(passkeys::reauth_finish))
        .route("/me/passkeys", get(passkeys::list))
        .route("/me/passkeys/start", post(passkeys::add_start))
        .route("/me/passkeys/finish", post(passkeys::add_finish))
        .route(
            "/me/passkeys/{id}",
            axum::routing::patch(passkeys::rename).delete(passkeys::remove),
        )
        .route(
            "/me",
            get(me::show)
                .patch(me::update)
                .delete(privacy::delete_account),
        )
        .route("/me/export", get(privacy::export))
        .route("/catalog/models", get(catalog::search))
        .route("/catalog/models/{id}", get(catalog::show))
        .route("/products", get(products::list).post(products::register))
        .route(
            "/products/{id}",
            get(products::show)
                .patch(products::rename)
                .delete(products::remove),
        )
        .route("/products/{id}/coverage", get(products::coverage_of))
        .route(
            "/products/{id}/proof",
            post(products::upload_proof)
                .get(products::download_proof)
                .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/labels/scan",
            post(labels::scan).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/products/{id}/plans", post(products::add_plan))
        .route("/agent/products/{id}/repairs", post(agent::record_repair))
        .route(
            "/agent/products/{id}/replacements",
            post(agent::record_replacement),
        )
        .route("/centres", get(centres::list))
        .route("/centres/{id}/slots", get(centres::slots_of))
        .route(
            "/appointments",
            get(appointments::list).post(appointments::book),
        )
        .route(
            "/appointments/{id}",
            get(appointments::show)
                .patch(appointments::reschedule)
                .delete(appointments::cancel),
        )
        .route("/appointments/{id}/ics", get(appointments::ics))
        .route(
            "/agent/centres/{id}/appointments",
            get(agent::centre_appointments),
        )
        .route("/agent/centres/{id}/blocks", post(agent::block_time))
        .route(
            "/agent/appointments/{id}/status",
            post(agent::set_appointment_status),
        )
        .route("/claims", get(claims::list).post(claims::create))
        .route(
            "/claims/uploads",
            post(claims::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/claims/files/{id}", get(claims::file))
        .route("/claims/files/{id}/thumb", get(claims::thumb))
        .route("/claims/{id}", get(claims::show))
        .route(
            "/claims/{id}/tracking",
            get(track::status).post(track::renew).delete(track::stop),
        )
        .route("/track/{token}", get(track::show))
        .route("/claims/{id}/messages", post(claims::post_message))
        .route("/claims/{id}/quote/decision", post(claims::decide_quote))
        .route("/claims/{id}/survey", post(claims::answer_survey))
        .route("/agent/claims", get(agent_claims::queue))
        .route("/agent/claims/{id}", get(agent_claims::show))
        .route(
            "/agent/claims/{id}/transition",
            post(agent_claims::transition),
        )
        .route(
            "/agent/claims/{id}/messages",
            post(agent_claims::post_message),
        )
        .route("/agent/claims/{id}/quote", post(agent_claims::send_quote))
        .route(
            "/agent/claims/{id}/repair",
            post(agent_claims::record_repair),
        )
        .route(
            "/agent/claims/{id}/replacement",
            post(agent_claims::record_replacement),
        )
        .route("/agent/satisfaction", get(agent_claims::satisfaction))
        .route("/notifications", get(notifications::list))
        .route("/notifications/read", post(notifications::mark_read))
        .route("/articles", get(articles::search))
        .route("/articles/{slug}", get(articles::show))
        .route("/articles/{slug}/feedback", post(articles::feedback))
        .fallback(|| async { ApiError::NotFound })
}
