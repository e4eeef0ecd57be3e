//! Following a claim from a link, without signing in (issue 10). Every claim email the
//! customer gets carries a fresh link `/track/{token}`: 32 random bytes, base64url,
//! of which only the sha256 is stored. A link shows one claim, read-only, in a reduced
//! view (status, progress, timeline, product, dates: no address, messages, notes,
//! names or files). It works until [`TRACKING_DAYS`] after the claim's last change (or
//! the link's making, if later), so a closed claim's links end 90 days after it closed,
//! and until the customer stops the claim's links from the claim page. Unknown, expired
//! and stopped links all get the same 404. Changing anything needs signing in.

use aftercare_core::claims::{progress, reference, ClaimStatus, Resolution};
use aftercare_core::tracking::{TrackedClaim, TrackedEvent, TrackingLink, TRACKING_DAYS};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore as _;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use crate::auth::Customer;
use crate::db::entities::{
    claim, claim_event, claim_track_link, product_model, registered_product, user,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::Path;
use crate::AppState;

/// The stored form of a token: its sha256, hex. Links are looked up by this hash, so
/// no comparison of secrets happens in the server's code.
fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// When a link made at `made` for a claim last changed at `changed` stops working.
pub fn expiry(changed: DateTime<Utc>, made: DateTime<Utc>) -> DateTime<Utc> {
    changed.max(made) + Duration::days(TRACKING_DAYS)
}

/// Makes a new tracking link for the claim, on `db` (the caller's transaction), and
/// returns its path, `/track/{token}`. The token is not kept.
pub async fn issue<C: ConnectionTrait>(db: &C, claim_id: i64) -> ApiResult<String> {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    claim_track_link::ActiveModel {
        claim_id: Set(claim_id),
        token_hash: Set(digest(&token)),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(format!("/track/{token}"))
}

/// The link's answer must not be cached, indexed, nor leak its address onwards.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

/// `GET /track/{token}`: the claim's progress for whoever holds a working link.
#[utoipa::path(get, path = "/track/{token}", tag = "claims", params(("token" = String, Path, description = "The token from the link in a claim email")), responses((status = 200, description = "The claim's progress, read-only", body = TrackedClaim), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Response> {
    let link = claim_track_link::Entity::find()
        .filter(claim_track_link::Column::TokenHash.eq(digest(&token)))
        .filter(claim_track_link::Column::RevokedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let row = claim::Entity::find_by_id(link.claim_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let expires = expiry(row.updated_at, link.created_at);
    if Utc::now() >= expires {
        return Err(ApiError::NotFound);
    }
    let events = claim_event::Entity::find()
        .filter(claim_event::Column::ClaimId.eq(row.id))
        .order_by_asc(claim_event::Column::At)
        .order_by_asc(claim_event::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|e| {
            Some(TrackedEvent {
                at: e.at,
                from: e.from_status.as_deref().and_then(ClaimStatus::parse),
                to: ClaimStatus::parse(&e.to_status)?,
            })
        })
        .collect::<Vec<_>>();
    let history: Vec<_> = events.iter().map(|e| (e.to, e.at)).collect();
    let product_name = product_name(&state, row.product_id).await?;
    let view = TrackedClaim {
        reference: reference(row.id),
        product_name,
        status: crate::claims::status_of(&row)?,
        resolution: row.resolution.as_deref().and_then(Resolution::parse),
        created_at: row.created_at,
        updated_at: row.updated_at,
        link_expires_at: expires,
        progress: progress(&history),
        events,
    };
    Ok(private(JsonBody(view).into_response()))
}

/// The product's catalogue name (never the customer's own nickname for it).
async fn product_name(state: &AppState, product_id: i64) -> ApiResult<String> {
    let found = registered_product::Entity::find_by_id(product_id)
        .find_also_related(product_model::Entity)
        .one(&state.db)
        .await?;
    Ok(found
        .and_then(|(_, model)| model)
        .map(|m| format!("{} {}", m.brand, m.name))
        .unwrap_or_default())
}

async fn find_own(state: &AppState, me: &user::Model, id: i64) -> ApiResult<claim::Model> {
    claim::Entity::find_by_id(id)
        .filter(claim::Column::UserId.eq(me.id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Whether the claim's links work now, and until when the newest does.
async fn link_state(state: &AppState, row: &claim::Model) -> ApiResult<TrackingLink> {
    let newest = claim_track_link::Entity::find()
        .filter(claim_track_link::Column::ClaimId.eq(row.id))
        .filter(claim_track_link::Column::RevokedAt.is_null())
        .order_by_desc(claim_track_link::Column::CreatedAt)
        .one(&state.db)
        .await?;
    let expires_at = newest
        .map(|link| expiry(row.updated_at, link.created_at))
        .filter(|at| *at > Utc::now());
    Ok(TrackingLink {
        active: expires_at.is_some(),
        expires_at,
        url: None,
    })
}

/// `GET /claims/{id}/tracking`: whether the claim's tracking links work.
#[utoipa::path(get, path = "/claims/{id}/tracking", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), responses((status = 200, description = "Whether its links work", body = TrackingLink), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn status(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<TrackingLink>> {
    let row = find_own(&state, &me, id).await?;
    Ok(JsonBody(link_state(&state, &row).await?))
}

/// `POST /claims/{id}/tracking`: a new link for the claim, its address given this once.
/// Earlier links keep working until stopped.
#[utoipa::path(post, path = "/claims/{id}/tracking", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), responses((status = 201, description = "A new link, `url` shown once", body = TrackingLink), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn renew(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let row = find_own(&state, &me, id).await?;
    let url = issue(&state.db, row.id).await?;
    let mut link = link_state(&state, &row).await?;
    link.url = Some(url);
    Ok(private(
        (axum::http::StatusCode::CREATED, JsonBody(link)).into_response(),
    ))
}

/// `DELETE /claims/{id}/tracking`: stops every link of the claim; they answer 404 from
/// now on. A new one can be made with `POST`.
#[utoipa::path(delete, path = "/claims/{id}/tracking", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), responses((status = 200, description = "Stopped", body = TrackingLink), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn stop(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<TrackingLink>> {
    let row = find_own(&state, &me, id).await?;
    claim_track_link::Entity::update_many()
        .col_expr(claim_track_link::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(claim_track_link::Column::ClaimId.eq(row.id))
        .filter(claim_track_link::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(JsonBody(link_state(&state, &row).await?))
}
