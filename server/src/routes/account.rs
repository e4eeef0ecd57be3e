//! Account life (issue 10): verifying the email address, resetting a forgotten
//! password, changing the password and changing the email. Every link carries a random
//! single-use token of which only the sha256 is stored (`account_tokens`).

use aftercare_core::account::{
    self, ChangeEmail, ChangePassword, ResetConfirm, ResetRequest, Verification, Verified,
    VerifyRequest, CHANGE_EMAIL_HOURS, RESETS_PER_HOUR, RESET_PASSWORD_HOURS, VERIFY_EMAIL_HOURS,
};
use aftercare_core::passkeys::{Reauthenticated, REAUTH_MINUTES};
use aftercare_core::problem::FieldError;
use aftercare_core::validate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::auth::{self, hash_password, start_session, verify_password, with_cookie, CurrentUser};
use crate::db::entities::{account_token, user};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::notify::{queue_email, Email};
use crate::routes::passkeys::has_password;
use crate::wording;
use crate::AppState;

/// A link that verifies the account's address.
pub const VERIFY_EMAIL: &str = "verify_email";
/// A link that sets a new password.
pub const RESET_PASSWORD: &str = "reset_password";
/// A link that confirms a new address.
pub const CHANGE_EMAIL: &str = "change_email";
/// Proof of a fresh passkey confirmation (no link: the answer to `POST /me/reauth/finish`).
pub const REAUTH: &str = "reauth";

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn invalid_token() -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "token",
        "error.token_invalid",
        "This link does not work (any more): ask for a new one",
    )])
}

fn reauth_required() -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "passkey_token",
        "error.reauth_required",
        "Confirm it is you with your passkey first",
    )])
}

fn wrong_password(field: &str) -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        field,
        "error.password_wrong",
        "This is not your current password",
    )])
}

/// The app's address for links in emails: `--public-url`, else relative.
fn app_link(state: &AppState, path: &str, token: &str) -> String {
    let base = state
        .config
        .public_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    format!("{base}{path}?token={token}")
}

/// Makes a new link of `purpose` for the user, working until `expires_at` (earlier
/// unused ones of that purpose stop working), and returns its token.
async fn issue<C: ConnectionTrait>(
    db: &C,
    purpose: &str,
    user_id: i64,
    email: Option<String>,
    expires_at: DateTime<Utc>,
) -> ApiResult<String> {
    let now = Utc::now();
    // Revoked by expiring, not by `used_at`, which means "opened".
    account_token::Entity::update_many()
        .col_expr(account_token::Column::ExpiresAt, Expr::value(now))
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = fresh_token();
    account_token::ActiveModel {
        purpose: Set(purpose.to_owned()),
        token_hash: Set(digest(&token)),
        user_id: Set(user_id),
        email: Set(email),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Uses up a live link of one of `purposes` (of `owner`'s, when given): exactly once,
/// even when two requests race.
async fn consume<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purposes: &[&str],
    owner: Option<i64>,
) -> ApiResult<account_token::Model> {
    let now = Utc::now();
    let mut mine = account_token::Entity::find();
    if let Some(user_id) = owner {
        mine = mine.filter(account_token::Column::UserId.eq(user_id));
    }
    let row = mine
        .filter(account_token::Column::TokenHash.eq(digest(token.trim())))
        .filter(account_token::Column::Purpose.is_in(purposes.iter().copied()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .ok_or_else(invalid_token)?;
    let taken = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::Id.eq(row.id))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Err(invalid_token());
    }
    Ok(row)
}

fn letter(
    state: &AppState,
    u: &user::Model,
    key: &str,
    params: &[(&str, &str)],
    link: &str,
) -> Email {
    let _ = state;
    let language = wording::language(&u.language);
    Email {
        subject: wording::say(language, &format!("email.{key}.subject"), params),
        body: wording::letter(
            language,
            &u.name,
            &[wording::say(language, &format!("email.{key}.body"), params)],
            link,
        ),
    }
}

/// Issues the proof of a passkey confirmation the user just made (earlier unused ones
/// stop working): single-use, for [`REAUTH_MINUTES`].
pub async fn issue_reauth<C: ConnectionTrait>(db: &C, user_id: i64) -> ApiResult<Reauthenticated> {
    let expires_at = Utc::now() + Duration::minutes(REAUTH_MINUTES);
    let passkey_token = issue(db, REAUTH, user_id, None, expires_at).await?;
    Ok(Reauthenticated {
        passkey_token,
        expires_at,
    })
}

/// Uses up the user's proof of a passkey confirmation: 422 `error.reauth_required` on
/// `passkey_token` when there is none, or it is used, expired or someone else's.
pub async fn confirm_with_passkey<C: ConnectionTrait>(
    db: &C,
    u: &user::Model,
    token: Option<&str>,
) -> ApiResult<()> {
    let token = token.map(str::trim).unwrap_or_default();
    if token.is_empty() {
        return Err(reauth_required());
    }
    match consume(db, token, &[REAUTH], Some(u.id)).await {
        Ok(_) => Ok(()),
        Err(ApiError::Validation(_)) => Err(reauth_required()),
        Err(e) => Err(e),
    }
}

/// Sends the user a link that verifies their current address (at sign-up, and on
/// request from the account page).
pub async fn send_verification(state: &AppState, u: &user::Model) -> ApiResult<()> {
    let token = issue(
        &state.db,
        VERIFY_EMAIL,
        u.id,
        Some(u.email.clone()),
        Utc::now() + Duration::hours(VERIFY_EMAIL_HOURS),
    )
    .await?;
    let link = app_link(state, "/verify-email", &token);
    let hours = VERIFY_EMAIL_HOURS.to_string();
    let email = letter(state, u, "verify", &[("hours", &hours)], &link);
    queue_email(&state.db, &u.email, &email).await?;
    state.wake_outbox();
    Ok(())
}

/// Whether a link sent to the user's current address was opened.
pub async fn is_verified<C: ConnectionTrait>(db: &C, u: &user::Model) -> ApiResult<bool> {
    let opened = account_token::Entity::find()
        .filter(account_token::Column::UserId.eq(u.id))
        .filter(account_token::Column::Purpose.is_in([VERIFY_EMAIL, CHANGE_EMAIL]))
        .filter(account_token::Column::Email.eq(&u.email))
        .filter(account_token::Column::UsedAt.is_not_null())
        .count(db)
        .await?;
    Ok(opened > 0)
}

/// `POST /auth/verify`: opens a link from an email: verifies the address, or for a
/// change of address makes the new address the account's.
#[utoipa::path(post, path = "/auth/verify", tag = "account", request_body = VerifyRequest, responses((status = 200, description = "The address is verified (and, for a change of address, now the account's)", body = Verified), (status = 400, response = crate::openapi::BadRequest), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn verify(
    State(state): State<AppState>,
    Json(req): Json<VerifyRequest>,
) -> ApiResult<Response> {
    if req.token.trim().is_empty() {
        return Err(invalid_token());
    }
    let txn = state.db.begin().await?;
    let row = consume(&txn, &req.token, &[VERIFY_EMAIL, CHANGE_EMAIL], None).await?;
    let account = user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .ok_or_else(invalid_token)?;
    let address = row.email.clone().unwrap_or_default();
    let changed = row.purpose == CHANGE_EMAIL && address != account.email;
    if changed {
        let mut active = account.into_active_model();
        active.email = Set(address.clone());
        active.update(&txn).await.map_err(ApiError::on_unique(
            "email",
            "error.email_taken",
            "An account with this email already exists: sign in instead",
        ))?;
    } else if address != account.email {
        // A verification link for an address the account no longer uses.
        return Err(invalid_token());
    }
    txn.commit().await?;
    Ok(JsonBody(Verified {
        email: address,
        changed,
    })
    .into_response())
}

/// `POST /auth/reset/request`: emails a reset link if the address has an account. The
/// answer is the same either way, and at most [`RESETS_PER_HOUR`] emails go to one
/// address an hour (more requests are silently ignored).
#[utoipa::path(post, path = "/auth/reset/request", tag = "account", request_body = ResetRequest, responses((status = 202, description = "If the address has an account, a reset link is on its way (the same answer either way)"), (status = 400, response = crate::openapi::BadRequest), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn reset_request(
    State(state): State<AppState>,
    Json(req): Json<ResetRequest>,
) -> ApiResult<Response> {
    account::reset_request(&req).map_err(ApiError::Validation)?;
    let email = validate::normalize_email(&req.email);
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&state.db)
        .await?;
    // The same work whatever the address: a token is always made and hashed, and the
    // recent requests always counted.
    let since = Utc::now() - Duration::hours(1);
    let recent = account_token::Entity::find()
        .filter(account_token::Column::UserId.eq(found.as_ref().map_or(-1, |u| u.id)))
        .filter(account_token::Column::Purpose.eq(RESET_PASSWORD))
        .filter(account_token::Column::CreatedAt.gt(since))
        .count(&state.db)
        .await?;
    let decoy = digest(&fresh_token());
    match found {
        Some(u) if recent < RESETS_PER_HOUR => {
            let until = Utc::now() + Duration::hours(RESET_PASSWORD_HOURS);
            let token = issue(&state.db, RESET_PASSWORD, u.id, None, until).await?;
            let link = app_link(&state, "/reset-password", &token);
            let minutes = (RESET_PASSWORD_HOURS * 60).to_string();
            let mail = letter(&state, &u, "reset", &[("minutes", &minutes)], &link);
            queue_email(&state.db, &u.email, &mail).await?;
            state.wake_outbox();
        }
        _ => {
            std::hint::black_box(decoy);
        }
    }
    Ok(StatusCode::ACCEPTED.into_response())
}

/// `POST /auth/reset/confirm`: sets a new password from a reset link, ends every
/// session of the account and signs this browser in afresh.
#[utoipa::path(post, path = "/auth/reset/confirm", tag = "account", request_body = ResetConfirm, responses((status = 200, description = "Password set; every other session ended; signed in (a new session cookie is set)", body = aftercare_core::api::Me), (status = 400, response = crate::openapi::BadRequest), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn reset_confirm(
    State(state): State<AppState>,
    Json(req): Json<ResetConfirm>,
) -> ApiResult<Response> {
    account::reset_confirm(&req).map_err(ApiError::Validation)?;
    let hash = hash_password(&req.password)?;
    let txn = state.db.begin().await?;
    let row = consume(&txn, &req.token, &[RESET_PASSWORD], None).await?;
    let account = user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .ok_or_else(invalid_token)?;
    let mut active = account.into_active_model();
    active.password_hash = Set(hash);
    let account = active.update(&txn).await?;
    txn.commit().await?;
    auth::end_all_sessions(&state, account.id).await?;
    let cookie = start_session(&state, account.id).await?;
    Ok(with_cookie(
        JsonBody(auth::me(&account)).into_response(),
        cookie,
    ))
}

/// `GET /me/verification`: whether the account's address is verified.
#[utoipa::path(get, path = "/me/verification", tag = "account", responses((status = 200, description = "The address and whether it is verified", body = Verification), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn verification(
    State(state): State<AppState>,
    CurrentUser(u): CurrentUser,
) -> ApiResult<JsonBody<Verification>> {
    let verified = is_verified(&state.db, &u).await?;
    Ok(JsonBody(Verification {
        email: u.email,
        verified,
    }))
}

/// `POST /me/verification`: sends a new verification link (nothing when verified).
#[utoipa::path(post, path = "/me/verification", tag = "account", responses((status = 202, description = "A new link is on its way (unless the address is verified already)"), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn resend_verification(
    State(state): State<AppState>,
    CurrentUser(u): CurrentUser,
) -> ApiResult<StatusCode> {
    if !is_verified(&state.db, &u).await? {
        send_verification(&state, &u).await?;
    }
    Ok(StatusCode::ACCEPTED)
}

/// `POST /me/password`: changes the password (the current one is asked for), or sets
/// the first one of an account that signs in with passkeys only (`passkey_token` from
/// `POST /me/reauth/finish` instead); ends every other session and gives this one a new
/// id.
#[utoipa::path(post, path = "/me/password", tag = "account", request_body = ChangePassword, responses((status = 204, description = "Password changed; other sessions ended; this one has a new cookie"), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentUser(u): CurrentUser,
    Json(req): Json<ChangePassword>,
) -> ApiResult<Response> {
    let has_password = has_password(&u);
    account::change_password(&req, has_password).map_err(ApiError::Validation)?;
    if !has_password {
        confirm_with_passkey(&state.db, &u, req.passkey_token.as_deref()).await?;
    } else if !verify_password(&req.current_password, &u.password_hash) {
        return Err(wrong_password("current_password"));
    }
    let user_id = u.id;
    let mut active = u.into_active_model();
    active.password_hash = Set(hash_password(&req.new_password)?);
    active.update(&state.db).await?;
    // Rotating this session's id is ending it with the rest and starting a new one.
    auth::end_all_sessions(&state, user_id).await?;
    let cookie = start_session(&state, user_id).await?;
    Ok(with_cookie(StatusCode::NO_CONTENT.into_response(), cookie))
}

/// `POST /me/email`: asks to change the address (the password is asked for; an account
/// without one sends a `passkey_token` from `POST /me/reauth/finish`). A link goes to
/// the new address, which counts only once opened; the old one is told.
#[utoipa::path(post, path = "/me/email", tag = "account", request_body = ChangeEmail, responses((status = 202, description = "A confirmation link went to the new address"), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn change_email(
    State(state): State<AppState>,
    CurrentUser(u): CurrentUser,
    Json(req): Json<ChangeEmail>,
) -> ApiResult<StatusCode> {
    let has_password = has_password(&u);
    account::change_email(&req, has_password).map_err(ApiError::Validation)?;
    if !has_password {
        confirm_with_passkey(&state.db, &u, req.passkey_token.as_deref()).await?;
    } else if !verify_password(&req.password, &u.password_hash) {
        return Err(wrong_password("password"));
    }
    let new_email = validate::normalize_email(&req.new_email);
    if new_email == u.email {
        return Err(ApiError::Validation(vec![FieldError::new(
            "new_email",
            "error.email_same",
            "This is the address you use already",
        )]));
    }
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(&new_email))
        .count(&state.db)
        .await?;
    if taken > 0 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "new_email",
            "error.email_taken",
            "An account with this email already exists: sign in instead",
        )]));
    }
    let txn = state.db.begin().await?;
    let token = issue(
        &txn,
        CHANGE_EMAIL,
        u.id,
        Some(new_email.clone()),
        Utc::now() + Duration::hours(CHANGE_EMAIL_HOURS),
    )
    .await?;
    let link = app_link(&state, "/verify-email", &token);
    let hours = CHANGE_EMAIL_HOURS.to_string();
    let to_new = letter(
        &state,
        &u,
        "change_email",
        &[("hours", &hours), ("email", &new_email)],
        &link,
    );
    queue_email(&txn, &new_email, &to_new).await?;
    let account_link = app_link(&state, "/account", "")
        .trim_end_matches("?token=")
        .to_owned();
    let to_old = letter(
        &state,
        &u,
        "email_changing",
        &[("email", &new_email)],
        &account_link,
    );
    queue_email(&txn, &u.email, &to_old).await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(StatusCode::ACCEPTED)
}
