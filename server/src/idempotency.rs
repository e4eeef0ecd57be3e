//! `Idempotency-Key` on creating POSTs: the first answer is stored per account and key,
//! and a retry with the same key gets that answer back instead of creating again — what
//! lets a flaky mobile connection retry safely.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, SqlErr,
};
use serde::Serialize;

use crate::db::entities::idempotency_key;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// The request header's name.
pub const HEADER: &str = "idempotency-key";

/// The key the request carries, if any (at most 200 visible ASCII characters).
pub fn key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get(HEADER) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .map_err(|_| ApiError::BadRequest("Idempotency-Key must be ASCII".into()))?;
    if key.is_empty() || key.len() > 200 {
        return Err(ApiError::BadRequest(
            "Idempotency-Key must be 1 to 200 characters".into(),
        ));
    }
    Ok(Some(key.to_owned()))
}

/// The stored answer for this account and key, if the request was seen before.
pub async fn replay(
    state: &AppState,
    user_id: i64,
    key: Option<&str>,
) -> ApiResult<Option<Response>> {
    let Some(key) = key else { return Ok(None) };
    let found = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .one(&state.db)
        .await?;
    Ok(found.map(|row| {
        let status = u16::try_from(row.status)
            .ok()
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::OK);
        let mut response = json_response(status, row.body);
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        response
    }))
}

/// Stores the answer for the key (no-op without one) and returns it as a response.
pub async fn remember<T: Serialize>(
    state: &AppState,
    user_id: i64,
    key: Option<String>,
    status: StatusCode,
    body: &T,
) -> ApiResult<Response> {
    let json = to_json(body)?;
    if let Some(key) = key {
        store(&state.db, user_id, key, status, &json).await?;
    }
    Ok(json_response(status, json))
}

/// Stores the answer for the key inside `txn` and commits: what the transaction created
/// and the key that names it land together. When a twin request with the same key
/// committed first (two retries racing), the key's unique index refuses this one, the
/// transaction rolls back, and the twin's answer is returned instead — one creation, both
/// callers see it.
pub async fn commit<T: Serialize>(
    state: &AppState,
    txn: DatabaseTransaction,
    user_id: i64,
    key: Option<String>,
    status: StatusCode,
    body: &T,
) -> ApiResult<Response> {
    let json = to_json(body)?;
    if let Some(key) = key {
        match store(&txn, user_id, key.clone(), status, &json).await {
            Ok(()) => {}
            Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                txn.rollback().await?;
                return replay(state, user_id, Some(&key))
                    .await?
                    .ok_or_else(|| ApiError::Internal("idempotency key vanished".into()));
            }
            Err(err) => return Err(err.into()),
        }
    }
    txn.commit().await?;
    Ok(json_response(status, json))
}

fn to_json<T: Serialize>(body: &T) -> ApiResult<String> {
    serde_json::to_string(body).map_err(|e| ApiError::Internal(format!("serialising: {e}")))
}

async fn store<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    key: String,
    status: StatusCode,
    json: &str,
) -> Result<(), sea_orm::DbErr> {
    idempotency_key::ActiveModel {
        user_id: Set(user_id),
        key: Set(key),
        status: Set(i32::from(status.as_u16())),
        body: Set(json.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

fn json_response(status: StatusCode, json: String) -> Response {
    let mut response = (status, json).into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
