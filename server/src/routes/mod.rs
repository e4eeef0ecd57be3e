//! The `/api/v1` routes, one module per resource.

pub mod agent;
pub mod auth;
pub mod catalog;
pub mod health;
pub mod me;
pub mod products;

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
        .route("/auth/signup", post(auth::sign_up))
        .route("/auth/signin", post(auth::sign_in))
        .route("/auth/signout", post(auth::sign_out))
        .route("/me", get(me::show).patch(me::update))
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
        .route("/products/{id}/plans", post(products::add_plan))
        .route("/agent/products/{id}/repairs", post(agent::record_repair))
        .route(
            "/agent/products/{id}/replacements",
            post(agent::record_replacement),
        )
        .fallback(|| async { ApiError::NotFound })
}
