//! Accounts and sessions: argon2id password hashes, server-side sessions keyed by the
//! SHA-256 of a random cookie token (a stolen database does not yield live cookies), and
//! the extractors handlers use to learn who is asking.

use aftercare_core::api::{Language, Me, Role};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use base64::Engine;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::db::entities::{session, user};
use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// How long a session lasts without signing in again.
pub const SESSION_DAYS: i64 = 30;

/// Hashes a password with argon2id and a fresh salt.
pub fn hash_password(password: &str) -> ApiResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing: {e}")))
}

/// Whether the password matches the stored hash (a malformed hash never matches).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

fn token_digest(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a new session for the user and returns the `Set-Cookie` value. Always a new
/// id: a session id is never carried over from before sign-in (no fixation).
pub async fn start_session(state: &AppState, user_id: i64) -> ApiResult<HeaderValue> {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    session::ActiveModel {
        id: Set(token_digest(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(SESSION_DAYS)),
    }
    .insert(&state.db)
    .await?;
    cookie(state, &token, SESSION_DAYS * 24 * 3600)
}

/// Ends the session the request carries, if any, and returns a cookie that clears it.
pub async fn end_session(state: &AppState, parts_cookie: Option<&str>) -> ApiResult<HeaderValue> {
    if let Some(token) = parts_cookie {
        session::Entity::delete_by_id(token_digest(token))
            .exec(&state.db)
            .await?;
    }
    cookie(state, "", 0)
}

fn cookie(state: &AppState, token: &str, max_age: i64) -> ApiResult<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        state.config.session_cookie_name()
    ))
    .map_err(|e| ApiError::Internal(format!("cookie: {e}")))
}

/// The session token in the request's cookies, if any.
pub fn session_token<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v)
}

/// The signed-in account, for any role. Rejects with 401 when there is no live session.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub user::Model);

impl CurrentUser {
    /// The account as the API shows it.
    pub fn me(&self) -> Me {
        me(&self.0)
    }
}

/// The account as the API shows it.
pub fn me(u: &user::Model) -> Me {
    Me {
        id: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
        language: Language::from_tag(&u.language).unwrap_or_default(),
        role: Role::parse(&u.role).unwrap_or(Role::Customer),
        has_password: crate::routes::passkeys::has_password(u),
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(parts, state.config.session_cookie_name())
            .ok_or(ApiError::Unauthenticated)?;
        // One query, not two: every signed-in request pays for it (the bench showed each
        // round trip to SQLite's connection thread costs more than the lookup itself).
        let live = sea_orm::sea_query::Query::select()
            .column(session::Column::UserId)
            .from(session::Entity)
            .and_where(session::Column::Id.eq(token_digest(token)))
            .and_where(session::Column::ExpiresAt.gt(Utc::now()))
            .to_owned();
        let account = user::Entity::find()
            .filter(user::Column::Id.in_subquery(live))
            .one(&state.db)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        Ok(CurrentUser(account))
    }
}

/// The signed-in account when its role is one of `allowed`: 401 without a session, 403
/// for another role.
async fn with_role(
    parts: &mut Parts,
    state: &AppState,
    allowed: &[Role],
) -> Result<user::Model, ApiError> {
    let CurrentUser(account) = CurrentUser::from_request_parts(parts, state).await?;
    if Role::parse(&account.role).is_some_and(|role| allowed.contains(&role)) {
        Ok(account)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A signed-in customer: the id every customer-data query is scoped by.
#[derive(Debug, Clone)]
pub struct Customer(pub user::Model);

impl FromRequestParts<AppState> for Customer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        with_role(parts, state, &[Role::Customer])
            .await
            .map(Customer)
    }
}

/// A signed-in agent or admin: the back office. Customers get 403.
#[derive(Debug, Clone)]
pub struct Agent(pub user::Model);

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        with_role(parts, state, &[Role::Agent, Role::Admin])
            .await
            .map(Agent)
    }
}

/// Adds the `Set-Cookie` header to a response.
pub fn with_cookie(
    mut response: axum::response::Response,
    cookie: HeaderValue,
) -> axum::response::Response {
    response.headers_mut().append(SET_COOKIE, cookie);
    response
}

/// Deletes a user's other sessions, e.g. after a password change.
pub async fn end_all_sessions(state: &AppState, user_id: i64) -> ApiResult<()> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&state.db)
        .await?;
    Ok(())
}
