//! The signed-in account's in-app notifications.

use aftercare_core::api::{MarkReadRequest, Notification, NotificationList};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json as JsonBody;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::auth::CurrentUser;
use crate::db::entities::notification;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::AppState;

/// `GET /notifications`: the latest 50, newest first, and the unread count.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("session" = [])), responses((status = 200, description = "The latest notifications and the unread count", body = NotificationList), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> ApiResult<JsonBody<NotificationList>> {
    let mine = notification::Entity::find().filter(notification::Column::UserId.eq(me.id));
    let unread = mine
        .clone()
        .filter(notification::Column::ReadAt.is_null())
        .count(&state.db)
        .await?;
    let rows = mine
        .order_by_desc(notification::Column::Id)
        .limit(50)
        .all(&state.db)
        .await?;
    let notifications = rows
        .into_iter()
        .map(|n| Notification {
            id: n.id,
            kind: n.kind,
            title_key: n.title_key,
            params: serde_json::from_str(&n.params_json).unwrap_or_default(),
            link: n.link,
            created_at: n.created_at,
            read: n.read_at.is_some(),
        })
        .collect();
    Ok(JsonBody(NotificationList {
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
        notifications,
    }))
}

/// `POST /notifications/read`: marks these (or all) of the account's notifications read.
#[utoipa::path(post, path = "/notifications/read", tag = "notifications", security(("session" = [])), request_body = MarkReadRequest, responses((status = 204, description = "Marked read"), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 413, response = crate::openapi::PayloadTooLarge)))]
pub async fn mark_read(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Json(req): Json<MarkReadRequest>,
) -> ApiResult<StatusCode> {
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::ReadAt.is_null());
    if !req.ids.is_empty() {
        update = update.filter(notification::Column::Id.is_in(req.ids.into_iter().take(500)));
    }
    update.exec(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}
