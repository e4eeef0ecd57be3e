//! Sign-up, sign-in and sign-out.

use std::sync::OnceLock;

use aftercare_core::api::{Role, SignInRequest, SignUpRequest};
use aftercare_core::validate;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::auth::{self, end_session, hash_password, start_session, verify_password, with_cookie};
use crate::db::entities::{sign_in_failure, user};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::AppState;

/// How far back failed sign-ins count towards the throttle.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

/// `POST /auth/signup`: creates a customer account and signs it in.
#[utoipa::path(post, path = "/auth/signup", tag = "auth", request_body = SignUpRequest, responses((status = 201, description = "Account created and signed in (the session cookie is set)", body = aftercare_core::api::Me), (status = 400, response = crate::openapi::BadRequest), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn sign_up(
    State(state): State<AppState>,
    Json(req): Json<SignUpRequest>,
) -> ApiResult<Response> {
    validate::sign_up(&req).map_err(ApiError::Validation)?;
    let account = user::ActiveModel {
        email: Set(validate::normalize_email(&req.email)),
        name: Set(req.name.trim().to_owned()),
        password_hash: Set(hash_password(&req.password)?),
        language: Set(req.language.tag().to_owned()),
        role: Set(Role::Customer.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(ApiError::on_unique(
        "email",
        "error.email_taken",
        "An account with this email already exists: sign in instead",
    ))?;
    // The address is confirmed by opening the link this sends (the account works
    // meanwhile; the account page says it is not confirmed yet).
    super::account::send_verification(&state, &account).await?;
    let cookie = start_session(&state, account.id).await?;
    Ok(with_cookie(
        (StatusCode::CREATED, JsonBody(auth::me(&account))).into_response(),
        cookie,
    ))
}

/// A hash to verify against when the email is unknown, so that an unknown email and a
/// wrong password take the same time and get the same answer.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password for unknown emails").unwrap_or_default())
}

/// `POST /auth/signin`: checks the password and starts a fresh session. After
/// `signin_attempts` failures for one email within the window, answers 429 with
/// `Retry-After` until the oldest counted failure leaves the window.
#[utoipa::path(post, path = "/auth/signin", tag = "auth", request_body = SignInRequest, responses((status = 200, description = "Signed in (the session cookie is set)", body = aftercare_core::api::Me), (status = 400, response = crate::openapi::BadRequest), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid), (status = 401, response = crate::openapi::Credentials), (status = 429, response = crate::openapi::Throttled)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Json(req): Json<SignInRequest>,
) -> ApiResult<Response> {
    validate::sign_in(&req.email, &req.password).map_err(ApiError::Validation)?;
    let email = validate::normalize_email(&req.email);
    let since = Utc::now() - Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let recent = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Email.eq(&email))
        .filter(sign_in_failure::Column::At.gt(since));
    if recent.clone().count(&state.db).await? >= u64::from(state.config.signin_attempts) {
        let oldest = recent
            .order_by_asc(sign_in_failure::Column::At)
            .one(&state.db)
            .await?
            .map_or(since, |f| f.at);
        let wait = (oldest - since).num_seconds().max(1);
        return Err(ApiError::Throttled(wait.unsigned_abs()));
    }
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&state.db)
        .await?;
    let hash = account
        .as_ref()
        .map_or(decoy_hash(), |a| a.password_hash.as_str());
    let ok = verify_password(&req.password, hash);
    match account {
        Some(account) if ok => {
            let cookie = start_session(&state, account.id).await?;
            Ok(with_cookie(
                JsonBody(auth::me(&account)).into_response(),
                cookie,
            ))
        }
        _ => {
            sign_in_failure::ActiveModel {
                email: Set(email),
                at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&state.db)
            .await?;
            Err(ApiError::Credentials)
        }
    }
}

/// `POST /auth/signout`: ends this session and clears the cookie.
#[utoipa::path(post, path = "/auth/signout", tag = "auth", responses((status = 204, description = "Signed out; the session cookie is cleared (also when there was no session)")))]
pub async fn sign_out(State(state): State<AppState>, parts: Parts) -> ApiResult<Response> {
    let token = auth::session_token(&parts, state.config.session_cookie_name());
    let cookie = end_session(&state, token).await?;
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), cookie))
}
