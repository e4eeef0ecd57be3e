//! The `/api/v1` routes, one module per resource.

pub mod auth;
pub mod catalog;
pub mod health;
pub mod me;
pub mod products;

use axum::routing::{get, post};
use axum::Router;

use crate::error::ApiError;
use crate::AppState;

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
        .fallback(|| async { ApiError::NotFound })
}
