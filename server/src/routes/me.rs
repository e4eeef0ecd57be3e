//! The signed-in account.

use aftercare_core::api::{Me, UpdateMeRequest};
use aftercare_core::problem::FieldError;
use aftercare_core::validate::MAX_TEXT_LEN;
use axum::extract::State;
use axum::Json as JsonBody;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

use crate::auth::{self, CurrentUser};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::AppState;

/// `GET /me`: who is signed in (401 when nobody).
#[utoipa::path(get, path = "/me", tag = "account", security(("session" = [])), responses((status = 200, description = "The signed-in account", body = Me), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn show(user: CurrentUser) -> JsonBody<Me> {
    JsonBody(user.me())
}

/// `PATCH /me`: change the display name or preferred language.
#[utoipa::path(patch, path = "/me", tag = "account", security(("session" = [])), request_body = UpdateMeRequest, responses((status = 200, description = "The account after the change", body = Me), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(account): CurrentUser,
    Json(req): Json<UpdateMeRequest>,
) -> ApiResult<JsonBody<Me>> {
    let mut active = account.into_active_model();
    if let Some(name) = req.name {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_TEXT_LEN {
            return Err(ApiError::Validation(vec![FieldError::new(
                "name",
                "error.name_required",
                "Enter your name",
            )]));
        }
        active.name = Set(name.to_owned());
    }
    if let Some(language) = req.language {
        active.language = Set(language.tag().to_owned());
    }
    let saved = active.update(&state.db).await?;
    Ok(JsonBody(auth::me(&saved)))
}
