//! A customer's claims: filing one (with photos uploaded first), following it, the
//! thread, answering a quote and the survey. Every query is scoped by the session's
//! customer: another customer's claim, file or thread answers 404, like one that does
//! not exist.

use aftercare_core::api::Role;
use aftercare_core::claims::{
    validate_message, validate_new_claim, validate_survey, Actor, Claim, ClaimFile, ClaimList,
    ClaimStatus, Move, NewClaimRequest, NewMessageRequest, QuoteDecisionRequest, SurveyRequest,
};
use aftercare_core::problem::FieldError;
use aftercare_core::warranty::RemedyKind;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, SqlErr, TransactionTrait,
};
use serde_json::json;

use crate::auth::{CurrentUser, Customer};
use crate::claims::{self, By, Tell};
use crate::db::entities::{
    claim, claim_event, claim_file, claim_message, product_model, quote, registered_product,
    survey, user,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Multipart, Path};
use crate::routes::catalog;
use crate::{coverage, idempotency, images, uploads, AppState};

/// How long a browser may keep a claim file: its bytes never change under its id.
const FILE_CACHE: &str = "private, max-age=86400";

/// How the polled claim is cached: kept, but checked with its ETag every time.
const CLAIM_CACHE: &str = "private, no-cache";

/// The display name of a re-encoded photo: the uploaded name, ending in `.jpg`.
fn jpeg_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => format!("{stem}.jpg"),
        _ => format!("{name}.jpg"),
    }
}

/// `POST /claims/uploads`: uploads one photo or attachment (customers and agents alike)
/// as a draft of the uploader, to name in a claim or a message. Photos (JPEG, PNG or
/// WebP) are checked and re-encoded, with a thumbnail; PDFs are kept as they are;
/// anything else is a 422 on `file`, and more than 10 MB a 413.
#[utoipa::path(post, path = "/claims/uploads", tag = "claims", security(("session" = [])), request_body(content = crate::openapi::FileUpload, content_type = "multipart/form-data"), responses((status = 201, description = "Stored as a draft of the uploader", body = ClaimFile), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn upload(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Multipart(multipart): Multipart,
) -> ApiResult<(StatusCode, JsonBody<ClaimFile>)> {
    let upload = uploads::read_file(multipart, images::MAX_PHOTO_BYTES, uploads::any_type).await?;
    let (kind, content_type, file_name, full, thumb) = if upload.bytes.starts_with(b"%PDF-") {
        (
            "attachment",
            "application/pdf",
            upload.file_name,
            upload.bytes,
            None,
        )
    } else {
        let bytes = upload.bytes;
        let photo = images::off_thread(move || images::process_photo(&bytes)).await?;
        (
            "photo",
            photo.content_type,
            jpeg_name(&upload.file_name),
            photo.full,
            Some(photo.thumb),
        )
    };
    let stored_name = uploads::store(&state.config.uploads, &full).await?;
    let thumb_name = match &thumb {
        Some(bytes) => Some(uploads::store(&state.config.uploads, bytes).await?),
        None => None,
    };
    let row = claim_file::ActiveModel {
        user_id: Set(me.id),
        claim_id: Set(None),
        message_id: Set(None),
        kind: Set(kind.to_owned()),
        file_name: Set(file_name),
        content_type: Set(content_type.to_owned()),
        bytes: Set(i64::try_from(full.len()).unwrap_or(i64::MAX)),
        stored_name: Set(stored_name),
        thumb_name: Set(thumb_name),
        created_at: Set(claims::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok((StatusCode::CREATED, JsonBody(claims::file_view(&row))))
}

/// Whether `viewer` may download the file: its uploader always; once attached, the
/// claim's customer and the agents.
async fn may_see(
    db: &DatabaseConnection,
    viewer: &user::Model,
    file: &claim_file::Model,
) -> ApiResult<bool> {
    if file.user_id == viewer.id {
        return Ok(true);
    }
    let Some(claim_id) = file.claim_id else {
        return Ok(false);
    };
    if matches!(Role::parse(&viewer.role), Some(Role::Agent | Role::Admin)) {
        return Ok(true);
    }
    Ok(claim::Entity::find_by_id(claim_id)
        .filter(claim::Column::UserId.eq(viewer.id))
        .one(db)
        .await?
        .is_some())
}

async fn serve_file(
    state: &AppState,
    viewer: &user::Model,
    id: i64,
    thumbnail: bool,
) -> ApiResult<Response> {
    let file = claim_file::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !may_see(&state.db, viewer, &file).await? {
        return Err(ApiError::NotFound);
    }
    let stored = if thumbnail {
        file.thumb_name.as_deref().ok_or(ApiError::NotFound)?
    } else {
        file.stored_name.as_str()
    };
    let bytes = tokio::fs::read(uploads::path(&state.config.uploads, stored))
        .await
        .map_err(|e| ApiError::Internal(format!("reading claim file {}: {e}", file.id)))?;
    let is_image = file.content_type.starts_with("image/");
    let disposition = format!(
        "{}; filename=\"{}\"",
        if is_image { "inline" } else { "attachment" },
        file.file_name.replace(
            |c: char| !c.is_ascii() || c.is_ascii_control() || c == '"',
            "_"
        )
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&file.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(FILE_CACHE));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `GET /claims/files/{id}`: a photo (shown inline) or a PDF (downloaded), to its
/// uploader, the claim's customer and agents.
#[utoipa::path(get, path = "/claims/files/{id}", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The file id")), responses((status = 200, description = "The photo (JPEG, inline) or PDF (a download)", content((crate::openapi::FileBytes = "image/jpeg"), (crate::openapi::FileBytes = "application/pdf"))), (status = 401, response = crate::openapi::Unauthenticated), (status = 404, response = crate::openapi::NotFound)))]
pub async fn file(
    State(state): State<AppState>,
    CurrentUser(viewer): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    serve_file(&state, &viewer, id, false).await
}

/// `GET /claims/files/{id}/thumb`: a photo's thumbnail (PDFs have none: 404).
#[utoipa::path(get, path = "/claims/files/{id}/thumb", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The file id")), responses((status = 200, description = "The photo's thumbnail (JPEG)", content_type = "image/jpeg", body = crate::openapi::FileBytes), (status = 401, response = crate::openapi::Unauthenticated), (status = 404, response = crate::openapi::NotFound)))]
pub async fn thumb(
    State(state): State<AppState>,
    CurrentUser(viewer): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    serve_file(&state, &viewer, id, true).await
}

/// `POST /claims`: files a claim on one of the customer's products. The remedy must be
/// one the coverage engine offers today for the claim's cause; photos are the
/// customer's uploaded drafts. The claim, its first timeline row, the audit entry, the
/// photos and the customer's notification are written together. `Idempotency-Key`: a
/// retry files once.
#[utoipa::path(post, path = "/claims", tag = "claims", security(("session" = [])), params(("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[ -~]+$", description = "1 to 200 ASCII characters; a retry with the same key gets the first answer instead of acting twice")), request_body = NewClaimRequest, responses((status = 201, description = "Filed", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn create(
    State(state): State<AppState>,
    Customer(me): Customer,
    headers: HeaderMap,
    Json(req): Json<NewClaimRequest>,
) -> ApiResult<Response> {
    let key = idempotency::key(&headers)?;
    if let Some(answer) = idempotency::replay(&state, me.id, key.as_deref()).await? {
        return Ok(answer);
    }
    let (unit, model) = registered_product::Entity::find_by_id(req.product_id)
        .filter(registered_product::Column::UserId.eq(me.id))
        .find_also_related(product_model::Entity)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let model =
        model.ok_or_else(|| ApiError::Internal(format!("product {} has no model", unit.id)))?;
    let valid = validate_new_claim(
        &req,
        Some(unit.purchase_date),
        coverage::today_in(&unit.country),
    )
    .map_err(ApiError::Validation)?;

    let mut facts = coverage::load_facts(&state.db, &[unit.id]).await?;
    let facts = facts.remove(&unit.id).unwrap_or_default();
    let mut input = coverage::input(&unit, &catalog::to_api(&model), &facts);
    input.claim.cause = req.cause;
    if !coverage::evaluate(&input).offers(valid.remedy) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "remedy",
            "error.claim_remedy_not_offered",
            "This remedy is not open for this product and cause today: choose one of those offered",
        )]));
    }
    let centre_id = claims::centre_for(&state.db, &unit.country).await?;

    let at = claims::now();
    let txn = state.db.begin().await?;
    let row = claim::ActiveModel {
        user_id: Set(me.id),
        product_id: Set(unit.id),
        centre_id: Set(centre_id),
        cause: Set(claims::wire(&req.cause)),
        description: Set(valid.description),
        started_on: Set(valid.started_on),
        remedy: Set(claims::wire(&valid.remedy)),
        covered: Set(valid.remedy != RemedyKind::PaidRepair),
        contact: Set(req.contact.as_str().to_owned()),
        phone: Set(valid.phone),
        status: Set(ClaimStatus::Submitted.as_str().to_owned()),
        resolution: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    claim_event::ActiveModel {
        claim_id: Set(row.id),
        at: Set(at),
        from_status: Set(None),
        to_status: Set(ClaimStatus::Submitted.as_str().to_owned()),
        actor: Set(Actor::Customer.as_str().to_owned()),
        actor_user_id: Set(me.id),
        note: Set(String::new()),
        resolution: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    claims::attach(&txn, me.id, &req.photo_ids, row.id, None, "photos").await?;
    claims::audit(
        &txn,
        &me,
        "claim.create",
        claims::subject(row.id),
        json!({
            "product_id": unit.id,
            "cause": row.cause,
            "remedy": row.remedy,
            "covered": row.covered,
            "photos": req.photo_ids.len(),
        }),
    )
    .await?;
    claims::tell_customer(&txn, &row, Tell::Received).await?;
    let body = claims::view(&txn, &row, Actor::Customer).await?;
    let answer = idempotency::commit(&state, txn, me.id, key, StatusCode::CREATED, &body).await?;
    state.wake_outbox();
    Ok(answer)
}

/// `GET /claims`: the customer's claims, open ones first, then newest first.
#[utoipa::path(get, path = "/claims", tag = "claims", security(("session" = [])), responses((status = 200, description = "The customer's claims", body = ClaimList), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden)))]
pub async fn list(
    State(state): State<AppState>,
    Customer(me): Customer,
) -> ApiResult<JsonBody<ClaimList>> {
    let rows = claim::Entity::find()
        .filter(claim::Column::UserId.eq(me.id))
        .order_by_desc(claim::Column::CreatedAt)
        .order_by_desc(claim::Column::Id)
        .all(&state.db)
        .await?;
    let mut claims = claims::summaries(&state.db, &rows, false).await?;
    claims.sort_by_key(|c| !c.status.is_open());
    Ok(JsonBody(ClaimList { claims }))
}

/// One of the customer's claims, or 404.
async fn find_own(state: &AppState, me: &user::Model, id: i64) -> ApiResult<claim::Model> {
    claim::Entity::find_by_id(id)
        .filter(claim::Column::UserId.eq(me.id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Whether an `If-None-Match` header names this entity tag (weakly compared).
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = bare(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim() == "*" || bare(tag) == ours)
}

/// Adds the claim's version headers to an answer.
fn versioned(mut response: Response, etag: &str) -> Response {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CLAIM_CACHE));
    response
}

/// `GET /claims/{id}`: the whole claim, with a weak `ETag` made of its id and version.
/// The app polls this; when `If-None-Match` names the current version the answer is an
/// empty 304 after reading only the claim's row (one primary-key lookup).
#[utoipa::path(get, path = "/claims/{id}", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id"), ("If-None-Match" = Option<String>, Header, description = "The `ETag` of a version the client has")), responses((status = 200, description = "The claim, with a weak `ETag`", body = Claim, headers(("ETag" = String, description = "The claim's id and version"))), (status = 304, description = "Not changed since the version named in `If-None-Match`"), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let row = find_own(&state, &me, id).await?;
    let etag = claims::etag(&row);
    if matches_etag(&headers, &etag) {
        return Ok(versioned(StatusCode::NOT_MODIFIED.into_response(), &etag));
    }
    let view = claims::view(&state.db, &row, Actor::Customer).await?;
    Ok(versioned(JsonBody(view).into_response(), &etag))
}

/// `POST /claims/{id}/messages`: writes in the claim's thread, with the customer's
/// uploaded drafts attached. An answer to a request for information puts the claim back
/// into review. `Idempotency-Key`: a retry (the app's outbox) writes once.
#[utoipa::path(post, path = "/claims/{id}/messages", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id"), ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[ -~]+$", description = "1 to 200 ASCII characters; a retry with the same key gets the first answer instead of acting twice")), request_body = NewMessageRequest, responses((status = 201, description = "Written", body = aftercare_core::claims::ClaimMessage), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn post_message(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(req): Json<NewMessageRequest>,
) -> ApiResult<Response> {
    let row = find_own(&state, &me, id).await?;
    let key = idempotency::key(&headers)?;
    if let Some(answer) = idempotency::replay(&state, me.id, key.as_deref()).await? {
        return Ok(answer);
    }
    validate_message(&req.body, req.attachment_ids.len()).map_err(ApiError::Validation)?;
    let txn = state.db.begin().await?;
    let message = claim_message::ActiveModel {
        claim_id: Set(row.id),
        at: Set(claims::now()),
        author_user_id: Set(me.id),
        author: Set(Actor::Customer.as_str().to_owned()),
        body: Set(req.body.trim().to_owned()),
        request_for_info: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    claims::attach(
        &txn,
        me.id,
        &req.attachment_ids,
        row.id,
        Some(message.id),
        "attachments",
    )
    .await?;
    if claims::status_of(&row)? == ClaimStatus::AwaitingCustomer {
        let back = Move {
            to: ClaimStatus::InReview,
            actor: Actor::Customer,
            note: "",
            resolution: None,
        };
        let by = By {
            user: &me,
            actor: Actor::Customer,
        };
        claims::move_claim(
            &txn,
            &row,
            by,
            &back,
            "claim.transition",
            json!({"message_id": message.id}),
        )
        .await?;
    } else {
        claims::touch(&txn, &row).await?;
    }
    let body = claims::message(&txn, &message).await?;
    idempotency::commit(&state, txn, me.id, key, StatusCode::CREATED, &body).await
}

/// `POST /claims/{id}/quote/decision`: accepts or declines the quote waiting for the
/// customer; only an accepted quote lets work start.
#[utoipa::path(post, path = "/claims/{id}/quote/decision", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = QuoteDecisionRequest, responses((status = 200, description = "The claim after the decision", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn decide_quote(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Json(req): Json<QuoteDecisionRequest>,
) -> ApiResult<JsonBody<Claim>> {
    let row = find_own(&state, &me, id).await?;
    let (to, decided) = if req.accept {
        (ClaimStatus::QuoteAccepted, "accepted")
    } else {
        (ClaimStatus::QuoteDeclined, "declined")
    };
    let pending = quote::Entity::find()
        .filter(quote::Column::ClaimId.eq(row.id))
        .filter(quote::Column::Status.eq("pending"))
        .order_by_desc(quote::Column::Id)
        .one(&state.db)
        .await?;
    let txn = state.db.begin().await?;
    let decision = Move {
        to,
        actor: Actor::Customer,
        note: "",
        resolution: None,
    };
    let by = By {
        user: &me,
        actor: Actor::Customer,
    };
    let details = json!({"quote_id": pending.as_ref().map(|q| q.id), "accepted": req.accept});
    let moved =
        claims::move_claim(&txn, &row, by, &decision, "claim.quote_decision", details).await?;
    // A claim waiting for an answer has its quote; answering one that is no longer
    // pending (withdrawn a moment ago) is refused like any stale step.
    let pending = pending.ok_or_else(|| ApiError::Refused {
        code: "error.claim_changed",
        message: "This quote is no longer waiting for an answer: look at the claim again"
            .to_owned(),
    })?;
    let answered = quote::Entity::update_many()
        .col_expr(quote::Column::Status, Expr::value(decided))
        .col_expr(
            quote::Column::DecidedAt,
            Expr::value(Some(moved.updated_at)),
        )
        .filter(quote::Column::Id.eq(pending.id))
        .filter(quote::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if answered.rows_affected != 1 {
        return Err(ApiError::Refused {
            code: "error.claim_changed",
            message: "This quote is no longer waiting for an answer: look at the claim again"
                .to_owned(),
        });
    }
    txn.commit().await?;
    Ok(JsonBody(
        claims::view(&state.db, &moved, Actor::Customer).await?,
    ))
}

fn survey_done() -> ApiError {
    ApiError::Refused {
        code: "error.survey_done",
        message: "You already answered the survey for this claim: thank you".to_owned(),
    }
}

/// `POST /claims/{id}/survey`: the one-tap satisfaction answer, once the claim is
/// settled (201). The comment may follow the tap in a second request (200); anything
/// after that is a 409 `error.survey_done`.
#[utoipa::path(post, path = "/claims/{id}/survey", tag = "claims", security(("session" = [])), params(("id" = i64, Path, description = "The claim id")), request_body = SurveyRequest, responses((status = 201, description = "The score is recorded", body = Claim), (status = 200, description = "The comment is added to the score", body = Claim), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn answer_survey(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Json(req): Json<SurveyRequest>,
) -> ApiResult<(StatusCode, JsonBody<Claim>)> {
    let row = find_own(&state, &me, id).await?;
    validate_survey(&req).map_err(ApiError::Validation)?;
    let answered = survey::Entity::find()
        .filter(survey::Column::ClaimId.eq(row.id))
        .one(&state.db)
        .await?;
    if let Some(answer) = answered {
        // The tap came first; the words may follow, once.
        let comment = req.comment.trim();
        if !answer.comment.is_empty() || comment.is_empty() {
            return Err(survey_done());
        }
        let txn = state.db.begin().await?;
        let mut active = answer.into_active_model();
        active.score = Set(i32::from(req.score));
        active.comment = Set(comment.to_owned());
        active.update(&txn).await?;
        claims::audit(
            &txn,
            &me,
            "claim.survey_comment",
            claims::subject(row.id),
            json!({"score": req.score}),
        )
        .await?;
        let row = claims::touch(&txn, &row).await?;
        txn.commit().await?;
        return Ok((
            StatusCode::OK,
            JsonBody(claims::view(&state.db, &row, Actor::Customer).await?),
        ));
    }
    if !claims::survey_open(&row, false) {
        return Err(ApiError::Refused {
            code: "error.survey_not_open",
            message: "The survey opens once the claim is resolved".to_owned(),
        });
    }
    let txn = state.db.begin().await?;
    survey::ActiveModel {
        claim_id: Set(row.id),
        user_id: Set(me.id),
        centre_id: Set(row.centre_id),
        score: Set(i32::from(req.score)),
        comment: Set(req.comment.trim().to_owned()),
        at: Set(claims::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Two taps at once: the database lets one through.
        Some(SqlErr::UniqueConstraintViolation(_)) => survey_done(),
        _ => ApiError::from(e),
    })?;
    claims::audit(
        &txn,
        &me,
        "claim.survey",
        claims::subject(row.id),
        json!({"score": req.score, "centre_id": row.centre_id}),
    )
    .await?;
    let row = claims::touch(&txn, &row).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(claims::view(&state.db, &row, Actor::Customer).await?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_re_encoded_photo_keeps_its_name_with_a_jpeg_ending() {
        assert_eq!(jpeg_name("IMG_0001.PNG"), "IMG_0001.jpg");
        assert_eq!(jpeg_name("leak"), "leak.jpg");
        assert_eq!(jpeg_name(".hidden"), ".hidden.jpg");
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_may_list_several_tags() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"other\", \"claim-4-1700\""),
        );
        assert!(matches_etag(&headers, "W/\"claim-4-1700\""));
        assert!(!matches_etag(&headers, "W/\"claim-4-1701\""));
        assert!(!matches_etag(&HeaderMap::new(), "W/\"claim-4-1700\""));
    }
}
