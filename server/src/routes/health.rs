//! Liveness: answers 200 when the process runs and the database answers, 503 otherwise.

use aftercare_core::api::Health;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::AppState;

/// `GET /health`: the server's version and the database's state.
#[utoipa::path(get, path = "/health", tag = "meta", responses((status = 200, description = "The server and its database are up", body = aftercare_core::api::Health), (status = 503, description = "The database does not answer", body = aftercare_core::api::Health)))]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let ok = crate::db::ping(&state.db).await;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if ok { "ok" } else { "database unavailable" }.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (status, Json(body))
}
