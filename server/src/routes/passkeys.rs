//! Passkeys (WebAuthn, with webauthn-rs): sign up without a password, sign in with a
//! discoverable credential (no email needed), and manage an account's passkeys.
//!
//! Every ceremony is two requests: `.../start` answers the browser's options and a
//! random ceremony id; `.../finish` brings the credential back. The webauthn-rs state
//! between the two lives in the `webauthn_ceremonies` table (several server processes
//! share one database), is single-use (the finish deletes it, and only the request that
//! deleted it may go on) and expires after [`CEREMONY_MINUTES`].
//!
//! The relying party is the host of `--public-url`; without one, the request's `Host`.

use aftercare_core::api::{Me, Role};
use aftercare_core::passkeys::{
    name_or_default, validate_name, CeremonyFinish, CeremonyStart, PasskeyInfo, PasskeyRename,
    PasskeySignUpStart, Reauthenticated,
};
use aftercare_core::problem::FieldError;
use aftercare_core::validate;
use argon2::password_hash::PasswordHash;
use axum::extract::State;
use axum::http::header::HOST;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use base64::Engine;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{
    AuthenticationResult, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    Url, Uuid, Webauthn, WebauthnBuilder,
};

use crate::auth::{self, start_session, with_cookie, CurrentUser};
use crate::db::entities::{passkey, user, webauthn_ceremony};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::AppState;

/// How long a started ceremony may be finished.
pub const CEREMONY_MINUTES: i64 = 5;

/// The `password_hash` of an account created with a passkey: not a PHC string, so no
/// password ever verifies against it. A password can be set later on the account page
/// (`POST /me/password` after `POST /me/reauth/finish`) or by a reset.
pub const NO_PASSWORD: &str = "!no-password:passkey-only";

const SIGN_UP: &str = "signup";
const SIGN_IN: &str = "signin";
const ADD: &str = "add";
const REAUTH: &str = "reauth";

/// Whether the account can sign in with a password.
pub fn has_password(account: &user::Model) -> bool {
    PasswordHash::new(&account.password_hash).is_ok()
}

/// The relying party for this request: `--public-url`, or `http://<Host>` without one.
fn relying_party(state: &AppState, headers: &HeaderMap) -> ApiResult<Webauthn> {
    let origin = match &state.config.public_url {
        Some(url) => url.clone(),
        None => {
            let host = headers
                .get(HOST)
                .and_then(|h| h.to_str().ok())
                .filter(|h| !h.is_empty())
                .ok_or_else(|| ApiError::BadRequest("passkeys need a Host header".to_owned()))?;
            format!("http://{host}")
        }
    };
    let origin =
        Url::parse(&origin).map_err(|e| ApiError::BadRequest(format!("origin {origin:?}: {e}")))?;
    let rp_id = origin
        .host_str()
        .ok_or_else(|| ApiError::BadRequest(format!("origin {origin} has no host")))?
        .to_owned();
    WebauthnBuilder::new(&rp_id, &origin)
        .and_then(|b| b.rp_name("Aftercare").build())
        .map_err(|e| ApiError::BadRequest(format!("relying party {rp_id}: {e}")))
}

fn internal(what: &str) -> impl Fn(serde_json::Error) -> ApiError + '_ {
    move |e| ApiError::Internal(format!("{what}: {e}"))
}

fn expired() -> ApiError {
    ApiError::Refused {
        code: "error.passkey_expired",
        message: "This passkey request has expired or was already used: try again".to_owned(),
    }
}

fn failed(e: impl std::fmt::Display) -> ApiError {
    tracing::info!("passkey refused: {e}");
    ApiError::Validation(vec![FieldError::new(
        "credential",
        "error.passkey_failed",
        "The passkey could not be verified: try again",
    )])
}

fn credential_id(pk: &Passkey) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(pk.cred_id().as_ref())
}

/// Asks authenticators for a discoverable credential (a resident key), so that sign-in
/// needs no email: webauthn-rs's passkey registration only prefers one.
fn discoverable(mut options: serde_json::Value) -> serde_json::Value {
    if let Some(sel) = options
        .get_mut("publicKey")
        .and_then(|pk| pk.as_object_mut())
        .map(|pk| {
            pk.entry("authenticatorSelection")
                .or_insert_with(|| serde_json::json!({}))
        })
        .and_then(|sel| sel.as_object_mut())
    {
        sel.insert("residentKey".to_owned(), "required".into());
        sel.insert("requireResidentKey".to_owned(), true.into());
    }
    options
}

/// A ceremony being started: its kind, the account it is for (if known yet), its state
/// (webauthn-rs's, kept until it finishes) and what it will create (a sign-up's details,
/// a new passkey's user handle).
struct NewCeremony<'a, S> {
    kind: &'a str,
    user_id: Option<i64>,
    state: &'a S,
    pending: Option<String>,
}

/// Stores a new ceremony and answers its id with the options for the browser. Clears
/// expired ceremonies on the way.
async fn start_ceremony<S: serde::Serialize>(
    state: &AppState,
    ceremony: NewCeremony<'_, S>,
    options: serde_json::Value,
) -> ApiResult<JsonBody<CeremonyStart>> {
    let NewCeremony {
        kind,
        user_id,
        state: ceremony_state,
        pending,
    } = ceremony;
    let ceremony_state = serde_json::to_string(ceremony_state).map_err(internal("ceremony"))?;
    let now = Utc::now();
    webauthn_ceremony::Entity::delete_many()
        .filter(webauthn_ceremony::Column::ExpiresAt.lt(now))
        .exec(&state.db)
        .await?;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    webauthn_ceremony::ActiveModel {
        id: Set(id.clone()),
        kind: Set(kind.to_owned()),
        user_id: Set(user_id),
        state: Set(ceremony_state),
        pending: Set(pending),
        expires_at: Set(now + Duration::minutes(CEREMONY_MINUTES)),
    }
    .insert(&state.db)
    .await?;
    Ok(JsonBody(CeremonyStart {
        ceremony: id,
        options,
    }))
}

/// Takes (deletes and returns) a live ceremony of this kind. Only the request whose
/// delete removed the row gets it, so a ceremony finishes at most once.
async fn take_ceremony(
    state: &AppState,
    id: &str,
    kind: &str,
) -> ApiResult<webauthn_ceremony::Model> {
    let row = webauthn_ceremony::Entity::find_by_id(id.to_owned())
        .filter(webauthn_ceremony::Column::Kind.eq(kind))
        .one(&state.db)
        .await?
        .ok_or_else(expired)?;
    let deleted = webauthn_ceremony::Entity::delete_by_id(id.to_owned())
        .exec(&state.db)
        .await?;
    if deleted.rows_affected != 1 || row.expires_at <= Utc::now() {
        return Err(expired());
    }
    Ok(row)
}

fn info(row: &passkey::Model) -> PasskeyInfo {
    PasskeyInfo {
        id: row.id,
        name: row.name.clone(),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        backup_eligible: row.backup_eligible,
    }
}

fn new_passkey(
    user_id: i64,
    handle: Uuid,
    name: String,
    pk: &Passkey,
) -> ApiResult<passkey::ActiveModel> {
    let stored = serde_json::to_value(pk).map_err(internal("passkey"))?;
    // The serialised credential carries the flag (`{"cred": {"backup_eligible": ...}}`).
    let backup_eligible = stored
        .pointer("/cred/backup_eligible")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    Ok(passkey::ActiveModel {
        user_id: Set(user_id),
        credential_id: Set(credential_id(pk)),
        user_handle: Set(handle.to_string()),
        name: Set(name),
        credential: Set(stored.to_string()),
        backup_eligible: Set(backup_eligible),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    })
}

/// What a passkey sign-up remembers between start and finish.
#[derive(Serialize, Deserialize)]
struct PendingSignUp {
    name: String,
    email: String,
    language: String,
    handle: Uuid,
}

/// `POST /auth/passkey/signup/start`: checks the new account's details and starts a
/// passkey registration for it.
#[utoipa::path(post, path = "/auth/passkey/signup/start", tag = "passkeys", request_body = PasskeySignUpStart, responses((status = 200, description = "The ceremony id and the WebAuthn creation options", body = CeremonyStart), (status = 400, response = crate::openapi::BadRequest), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn signup_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(req): Json<PasskeySignUpStart>,
) -> ApiResult<JsonBody<CeremonyStart>> {
    validate::passkey_sign_up(&req.name, &req.email).map_err(ApiError::Validation)?;
    let email = validate::normalize_email(&req.email);
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .count(&state.db)
        .await?;
    if taken > 0 {
        return Err(ApiError::conflict(
            "email",
            "error.email_taken",
            "An account with this email already exists: sign in instead",
        ));
    }
    let webauthn = relying_party(&state, &headers)?;
    let name = req.name.trim().to_owned();
    let handle = Uuid::new_v4();
    let (options, registration) = webauthn
        .start_passkey_registration(handle, &email, &name, None)
        .map_err(|e| ApiError::Internal(format!("passkey registration: {e}")))?;
    let pending = PendingSignUp {
        name,
        email,
        language: req.language.tag().to_owned(),
        handle,
    };
    start_ceremony(
        &state,
        NewCeremony {
            kind: SIGN_UP,
            user_id: None,
            state: &registration,
            pending: Some(serde_json::to_string(&pending).map_err(internal("sign-up"))?),
        },
        discoverable(serde_json::to_value(options).map_err(internal("options"))?),
    )
    .await
}

fn registration_of(
    row: &webauthn_ceremony::Model,
    finish: &CeremonyFinish,
) -> ApiResult<(PasskeyRegistration, RegisterPublicKeyCredential)> {
    let registration: PasskeyRegistration =
        serde_json::from_str(&row.state).map_err(internal("registration"))?;
    let credential: RegisterPublicKeyCredential =
        serde_json::from_value(finish.credential.clone()).map_err(failed)?;
    Ok((registration, credential))
}

/// `POST /auth/passkey/signup/finish`: verifies the new passkey, creates the account
/// (without a password) and signs it in.
#[utoipa::path(post, path = "/auth/passkey/signup/finish", tag = "passkeys", request_body = CeremonyFinish, responses((status = 201, description = "Account created and signed in (the session cookie is set)", body = Me), (status = 400, response = crate::openapi::BadRequest), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn signup_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(req): Json<CeremonyFinish>,
) -> ApiResult<Response> {
    let webauthn = relying_party(&state, &headers)?;
    let row = take_ceremony(&state, &req.ceremony, SIGN_UP).await?;
    let pending: PendingSignUp = row
        .pending
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(internal("sign-up"))?
        .ok_or_else(expired)?;
    let (registration, credential) = registration_of(&row, &req)?;
    let pk = webauthn
        .finish_passkey_registration(&credential, &registration)
        .map_err(failed)?;
    let txn = state.db.begin().await?;
    let account = user::ActiveModel {
        email: Set(pending.email),
        name: Set(pending.name),
        password_hash: Set(NO_PASSWORD.to_owned()),
        language: Set(pending.language),
        role: Set(Role::Customer.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(ApiError::on_unique(
        "email",
        "error.email_taken",
        "An account with this email already exists: sign in instead",
    ))?;
    new_passkey(account.id, pending.handle, name_or_default(&req.name), &pk)?
        .insert(&txn)
        .await
        .map_err(ApiError::on_unique(
            "credential",
            "error.passkey_exists",
            "This passkey is already registered",
        ))?;
    txn.commit().await?;
    super::account::send_verification(&state, &account).await?;
    let cookie = start_session(&state, account.id).await?;
    Ok(with_cookie(
        (StatusCode::CREATED, JsonBody(auth::me(&account))).into_response(),
        cookie,
    ))
}

/// `POST /auth/passkey/signin/start`: starts a sign-in with any passkey of this site
/// (discoverable credentials: no email needed).
#[utoipa::path(post, path = "/auth/passkey/signin/start", tag = "passkeys", responses((status = 200, description = "The ceremony id and the WebAuthn request options", body = CeremonyStart), (status = 400, response = crate::openapi::BadRequest)))]
pub async fn signin_start(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<JsonBody<CeremonyStart>> {
    let webauthn = relying_party(&state, &headers)?;
    let (options, authentication) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| ApiError::Internal(format!("passkey authentication: {e}")))?;
    start_ceremony(
        &state,
        NewCeremony {
            kind: SIGN_IN,
            user_id: None,
            state: &authentication,
            pending: None,
        },
        serde_json::to_value(options).map_err(internal("options"))?,
    )
    .await
}

/// `POST /auth/passkey/signin/finish`: checks the passkey's signature, records its use
/// (time, signature counter) and starts a fresh session.
#[utoipa::path(post, path = "/auth/passkey/signin/finish", tag = "passkeys", request_body = CeremonyFinish, responses((status = 200, description = "Signed in (the session cookie is set)", body = Me), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Credentials), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn signin_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(req): Json<CeremonyFinish>,
) -> ApiResult<Response> {
    let webauthn = relying_party(&state, &headers)?;
    let row = take_ceremony(&state, &req.ceremony, SIGN_IN).await?;
    let authentication: DiscoverableAuthentication =
        serde_json::from_str(&row.state).map_err(internal("authentication"))?;
    let credential: PublicKeyCredential =
        serde_json::from_value(req.credential.clone()).map_err(failed)?;
    let (handle, cred_id) = webauthn
        .identify_discoverable_authentication(&credential)
        .map_err(|_| ApiError::Credentials)?;
    let cred_id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(cred_id);
    let stored = passkey::Entity::find()
        .filter(passkey::Column::CredentialId.eq(&cred_id))
        .filter(passkey::Column::UserHandle.eq(handle.to_string()))
        .one(&state.db)
        .await?
        .ok_or(ApiError::Credentials)?;
    let pk: Passkey =
        serde_json::from_str(&stored.credential).map_err(internal("stored passkey"))?;
    let result = webauthn
        .finish_discoverable_authentication(
            &credential,
            authentication,
            &[DiscoverableKey::from(&pk)],
        )
        .map_err(|e| {
            tracing::info!("passkey sign-in refused: {e}");
            ApiError::Credentials
        })?;
    let account = user::Entity::find_by_id(stored.user_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::Credentials)?;
    record_use(&state, stored, pk, &result).await?;
    let cookie = start_session(&state, account.id).await?;
    Ok(with_cookie(
        JsonBody(auth::me(&account)).into_response(),
        cookie,
    ))
}

/// Records a passkey's use: when, and its signature counter (a clone replaying an older
/// count is refused next time).
async fn record_use(
    state: &AppState,
    stored: passkey::Model,
    mut pk: Passkey,
    result: &AuthenticationResult,
) -> ApiResult<()> {
    pk.update_credential(result);
    let mut used: passkey::ActiveModel = stored.into();
    used.credential = Set(serde_json::to_string(&pk).map_err(internal("passkey"))?);
    used.last_used_at = Set(Some(Utc::now()));
    used.update(&state.db).await?;
    Ok(())
}

async fn passkeys_of(state: &AppState, user_id: i64) -> ApiResult<Vec<passkey::Model>> {
    Ok(passkey::Entity::find()
        .filter(passkey::Column::UserId.eq(user_id))
        .order_by_asc(passkey::Column::CreatedAt)
        .order_by_asc(passkey::Column::Id)
        .all(&state.db)
        .await?)
}

async fn own_passkey(state: &AppState, user_id: i64, id: i64) -> ApiResult<passkey::Model> {
    passkey::Entity::find_by_id(id)
        .filter(passkey::Column::UserId.eq(user_id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// `GET /me/passkeys`: the account's passkeys, oldest first.
#[utoipa::path(get, path = "/me/passkeys", tag = "passkeys", security(("session" = [])), responses((status = 200, description = "The account's passkeys, oldest first", body = Vec<PasskeyInfo>), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> ApiResult<JsonBody<Vec<PasskeyInfo>>> {
    let rows = passkeys_of(&state, me.id).await?;
    Ok(JsonBody(rows.iter().map(info).collect()))
}

/// `POST /me/passkeys/start`: starts adding a passkey to the signed-in account.
#[utoipa::path(post, path = "/me/passkeys/start", tag = "passkeys", security(("session" = [])), responses((status = 200, description = "The ceremony id and the WebAuthn creation options", body = CeremonyStart), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn add_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    CurrentUser(me): CurrentUser,
) -> ApiResult<JsonBody<CeremonyStart>> {
    let webauthn = relying_party(&state, &headers)?;
    let existing = passkeys_of(&state, me.id).await?;
    let handle = existing
        .first()
        .and_then(|p| Uuid::parse_str(&p.user_handle).ok())
        .unwrap_or_else(Uuid::new_v4);
    let exclude = existing
        .iter()
        .filter_map(|p| serde_json::from_str::<Passkey>(&p.credential).ok())
        .map(|pk| pk.cred_id().clone())
        .collect::<Vec<_>>();
    let (options, registration) = webauthn
        .start_passkey_registration(handle, &me.email, &me.name, Some(exclude))
        .map_err(|e| ApiError::Internal(format!("passkey registration: {e}")))?;
    start_ceremony(
        &state,
        NewCeremony {
            kind: ADD,
            user_id: Some(me.id),
            state: &registration,
            pending: Some(handle.to_string()),
        },
        discoverable(serde_json::to_value(options).map_err(internal("options"))?),
    )
    .await
}

/// `POST /me/passkeys/finish`: verifies and stores the new passkey under the given name
/// (empty: "Passkey").
#[utoipa::path(post, path = "/me/passkeys/finish", tag = "passkeys", security(("session" = [])), request_body = CeremonyFinish, responses((status = 201, description = "The passkey was added", body = PasskeyInfo), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn add_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    CurrentUser(me): CurrentUser,
    Json(req): Json<CeremonyFinish>,
) -> ApiResult<Response> {
    let name = if req.name.trim().is_empty() {
        name_or_default("")
    } else {
        validate_name(&req.name).map_err(ApiError::Validation)?
    };
    let webauthn = relying_party(&state, &headers)?;
    let row = take_ceremony(&state, &req.ceremony, ADD).await?;
    if row.user_id != Some(me.id) {
        return Err(expired());
    }
    let handle = row
        .pending
        .as_deref()
        .and_then(|h| Uuid::parse_str(h).ok())
        .ok_or_else(expired)?;
    let (registration, credential) = registration_of(&row, &req)?;
    let pk = webauthn
        .finish_passkey_registration(&credential, &registration)
        .map_err(failed)?;
    let added = new_passkey(me.id, handle, name, &pk)?
        .insert(&state.db)
        .await
        .map_err(ApiError::on_unique(
            "credential",
            "error.passkey_exists",
            "This passkey is already registered",
        ))?;
    Ok((StatusCode::CREATED, JsonBody(info(&added))).into_response())
}

/// `PATCH /me/passkeys/{id}`: renames one of the account's passkeys.
#[utoipa::path(patch, path = "/me/passkeys/{id}", tag = "passkeys", security(("session" = [])), params(("id" = i64, Path, description = "The passkey's id")), request_body = PasskeyRename, responses((status = 200, description = "The renamed passkey", body = PasskeyInfo), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 404, response = crate::openapi::NotFound), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn rename(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    Json(req): Json<PasskeyRename>,
) -> ApiResult<JsonBody<PasskeyInfo>> {
    let name = validate_name(&req.name).map_err(ApiError::Validation)?;
    let row = own_passkey(&state, me.id, id).await?;
    let mut active: passkey::ActiveModel = row.into();
    active.name = Set(name);
    let saved = active.update(&state.db).await?;
    Ok(JsonBody(info(&saved)))
}

/// `DELETE /me/passkeys/{id}`: removes one of the account's passkeys. An account
/// without a password keeps its last passkey (it could not sign in otherwise).
#[utoipa::path(delete, path = "/me/passkeys/{id}", tag = "passkeys", security(("session" = [])), params(("id" = i64, Path, description = "The passkey's id")), responses((status = 204, description = "The passkey was removed"), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict)))]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let row = own_passkey(&state, me.id, id).await?;
    if !has_password(&me) {
        let count = passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(me.id))
            .count(&state.db)
            .await?;
        if count <= 1 {
            return Err(ApiError::conflict(
                "passkey",
                "error.last_passkey",
                "This is your only way to sign in: add another passkey or set a password first",
            ));
        }
    }
    passkey::Entity::delete_by_id(row.id)
        .exec(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /me/reauth/start`: asks for one of the signed-in account's own passkeys, to
/// confirm it is the owner before a change of email or password or an erasure (how an
/// account without a password confirms them). 409 when the account has no passkey.
#[utoipa::path(post, path = "/me/reauth/start", tag = "passkeys", security(("session" = [])), responses((status = 200, description = "The ceremony id and the WebAuthn request options (this account's passkeys only)", body = CeremonyStart), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 409, response = crate::openapi::Conflict)))]
pub async fn reauth_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    CurrentUser(me): CurrentUser,
) -> ApiResult<JsonBody<CeremonyStart>> {
    let webauthn = relying_party(&state, &headers)?;
    let keys = passkeys_of(&state, me.id)
        .await?
        .iter()
        .filter_map(|p| serde_json::from_str::<Passkey>(&p.credential).ok())
        .collect::<Vec<_>>();
    if keys.is_empty() {
        return Err(ApiError::conflict(
            "passkey",
            "error.no_passkey",
            "This account has no passkey: confirm with your password",
        ));
    }
    let (options, authentication) = webauthn
        .start_passkey_authentication(&keys)
        .map_err(|e| ApiError::Internal(format!("passkey authentication: {e}")))?;
    start_ceremony(
        &state,
        NewCeremony {
            kind: REAUTH,
            user_id: Some(me.id),
            state: &authentication,
            pending: None,
        },
        serde_json::to_value(options).map_err(internal("options"))?,
    )
    .await
}

/// `POST /me/reauth/finish`: checks that one of the signed-in account's passkeys signed
/// the challenge and answers a single-use `passkey_token` (5 minutes, this account
/// only) that `POST /me/email`, `POST /me/password` and `DELETE /me` accept in place of
/// the password of an account that has none.
#[utoipa::path(post, path = "/me/reauth/finish", tag = "passkeys", security(("session" = [])), request_body = CeremonyFinish, responses((status = 200, description = "Confirmed: the token to send with the change", body = Reauthenticated), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn reauth_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    CurrentUser(me): CurrentUser,
    Json(req): Json<CeremonyFinish>,
) -> ApiResult<JsonBody<Reauthenticated>> {
    let webauthn = relying_party(&state, &headers)?;
    let row = take_ceremony(&state, &req.ceremony, REAUTH).await?;
    if row.user_id != Some(me.id) {
        return Err(expired());
    }
    let authentication: PasskeyAuthentication =
        serde_json::from_str(&row.state).map_err(internal("authentication"))?;
    let credential: PublicKeyCredential =
        serde_json::from_value(req.credential.clone()).map_err(failed)?;
    let result = webauthn
        .finish_passkey_authentication(&credential, &authentication)
        .map_err(failed)?;
    let cred_id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(result.cred_id());
    let stored = passkey::Entity::find()
        .filter(passkey::Column::UserId.eq(me.id))
        .filter(passkey::Column::CredentialId.eq(&cred_id))
        .one(&state.db)
        .await?
        .ok_or_else(|| failed("the passkey was removed meanwhile"))?;
    let pk: Passkey =
        serde_json::from_str(&stored.credential).map_err(internal("stored passkey"))?;
    record_use(&state, stored, pk, &result).await?;
    Ok(JsonBody(
        super::account::issue_reauth(&state.db, me.id).await?,
    ))
}
