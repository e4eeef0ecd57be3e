//! A customer's registered products. Every query is scoped by the session's customer id:
//! another customer's product id answers 404, exactly like an id that does not exist.

use aftercare_core::api::{
    AddPlanRequest, ProductCoverage, ProductList, RegisterProductRequest, RegisteredProduct, Role,
    UpdateProductRequest,
};
use aftercare_core::problem::FieldError;
use aftercare_core::{validate, warranty};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, ModelTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::auth::{CurrentUser, Customer};
use crate::coverage::{self, Facts};
use crate::db::entities::{product_model, product_plan, proof, registered_product, user};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Multipart, Path};
use crate::routes::catalog;
use crate::{idempotency, uploads, AppState};

/// The API form of a registration, with its coverage as of today (the engine's summary,
/// so the list's badge and the product page can never disagree).
pub fn to_api(
    unit: registered_product::Model,
    model: &product_model::Model,
    facts: &Facts,
) -> RegisteredProduct {
    let model = catalog::to_api(model);
    let input = coverage::input(&unit, &model, facts);
    let summary = coverage::evaluate(&input).summary();
    RegisteredProduct {
        id: unit.id,
        model,
        serial: unit.serial,
        purchase_date: unit.purchase_date,
        registered_on: unit.registered_on,
        retailer: unit.retailer,
        country: unit.country,
        nickname: unit.nickname,
        coverage: summary,
    }
}

/// One registration with its model and facts.
async fn with_facts(
    state: &AppState,
    unit: registered_product::Model,
    model: &product_model::Model,
) -> ApiResult<RegisteredProduct> {
    let mut facts = coverage::load_facts(&state.db, &[unit.id]).await?;
    let facts = facts.remove(&unit.id).unwrap_or_default();
    Ok(to_api(unit, model, &facts))
}

/// Loads one product with its model: the customer's own, or any for agents.
pub async fn find_visible(
    state: &AppState,
    viewer: &user::Model,
    id: i64,
) -> ApiResult<(registered_product::Model, product_model::Model)> {
    let mut query = registered_product::Entity::find_by_id(id);
    if Role::parse(&viewer.role) == Some(Role::Customer) {
        query = query.filter(registered_product::Column::UserId.eq(viewer.id));
    }
    let (unit, model) = query
        .find_also_related(product_model::Entity)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let model = model.ok_or_else(|| ApiError::Internal(format!("product {id} has no model")))?;
    Ok((unit, model))
}

/// Loads one of the customer's products with its model, or 404.
async fn find_owned(
    state: &AppState,
    customer: &user::Model,
    id: i64,
) -> ApiResult<(registered_product::Model, product_model::Model)> {
    find_visible(state, customer, id).await
}

/// The full coverage answer for a unit.
pub async fn product_coverage(
    state: &AppState,
    unit: &registered_product::Model,
    model: &product_model::Model,
) -> ApiResult<ProductCoverage> {
    let mut facts = coverage::load_facts(&state.db, &[unit.id]).await?;
    let facts = facts.remove(&unit.id).unwrap_or_default();
    let model = catalog::to_api(model);
    let input = coverage::input(unit, &model, &facts);
    Ok(ProductCoverage {
        product_id: unit.id,
        coverage: coverage::evaluate(&input),
        plans: input.plans.clone(),
        input,
        proof: facts.proof.as_ref().map(coverage::proof_view),
        plan_offers: warranty::plan_offers(&model.category),
    })
}

/// `GET /products`: the customer's products, newest first.
#[utoipa::path(get, path = "/products", tag = "products", security(("session" = [])), responses((status = 200, description = "The customer's products, newest first", body = ProductList), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden)))]
pub async fn list(
    State(state): State<AppState>,
    Customer(me): Customer,
) -> ApiResult<JsonBody<ProductList>> {
    let rows = registered_product::Entity::find()
        .filter(registered_product::Column::UserId.eq(me.id))
        .find_also_related(product_model::Entity)
        .order_by_desc(registered_product::Column::Id)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|(unit, _)| unit.id).collect();
    let facts = coverage::load_facts(&state.db, &ids).await?;
    let products = rows
        .into_iter()
        .filter_map(|(unit, model)| {
            let unit_facts = facts.get(&unit.id).cloned().unwrap_or_default();
            model.map(|m| to_api(unit, &m, &unit_facts))
        })
        .collect();
    Ok(JsonBody(ProductList { products }))
}

/// `POST /products`: registers a unit after checking it against its model (serial
/// format, purchase date). The same model and serial twice is a 409 on `serial`.
#[utoipa::path(post, path = "/products", tag = "products", security(("session" = [])), params(("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[ -~]+$", description = "1 to 200 ASCII characters; a retry with the same key gets the first answer instead of acting twice")), request_body = RegisterProductRequest, responses((status = 201, description = "Registered", body = RegisteredProduct), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn register(
    State(state): State<AppState>,
    Customer(me): Customer,
    headers: HeaderMap,
    Json(req): Json<RegisterProductRequest>,
) -> ApiResult<Response> {
    let key = idempotency::key(&headers)?;
    if let Some(answer) = idempotency::replay(&state, me.id, key.as_deref()).await? {
        return Ok(answer);
    }
    let model = product_model::Entity::find_by_id(req.model_id)
        .one(&state.db)
        .await?;
    let api_model = model.as_ref().map(catalog::to_api);
    let today = coverage::today_in(&req.country);
    let valid =
        validate::registration(&req, api_model.as_ref(), today).map_err(ApiError::Validation)?;
    let model = model.ok_or_else(|| ApiError::Internal("validated without a model".into()))?;
    let unit = registered_product::ActiveModel {
        user_id: Set(me.id),
        model_id: Set(model.id),
        serial: Set(valid.serial),
        purchase_date: Set(valid.purchase_date),
        registered_on: Set(today),
        retailer: Set(valid.retailer),
        country: Set(valid.country),
        nickname: Set(valid.nickname),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(ApiError::on_unique(
        "serial",
        "error.serial_taken",
        "This serial number is already registered for this model",
    ))?;
    let body = to_api(unit, &model, &Facts::default());
    idempotency::remember(&state, me.id, key, StatusCode::CREATED, &body).await
}

/// `GET /products/{id}`.
#[utoipa::path(get, path = "/products/{id}", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), responses((status = 200, description = "The product", body = RegisteredProduct), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<RegisteredProduct>> {
    let (unit, model) = find_owned(&state, &me, id).await?;
    Ok(JsonBody(with_facts(&state, unit, &model).await?))
}

/// `PATCH /products/{id}`: sets or clears the nickname.
#[utoipa::path(patch, path = "/products/{id}", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), request_body = UpdateProductRequest, responses((status = 200, description = "The product after the change", body = RegisteredProduct), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn rename(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Json(req): Json<UpdateProductRequest>,
) -> ApiResult<JsonBody<RegisteredProduct>> {
    let nickname = validate::nickname(req.nickname.as_deref()).map_err(ApiError::Validation)?;
    let (unit, model) = find_owned(&state, &me, id).await?;
    let mut active = unit.into_active_model();
    active.nickname = Set(nickname);
    let saved = active.update(&state.db).await?;
    Ok(JsonBody(with_facts(&state, saved, &model).await?))
}

/// `DELETE /products/{id}`: removes the registration.
#[utoipa::path(delete, path = "/products/{id}", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), responses((status = 204, description = "Removed"), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict)))]
pub async fn remove(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let (unit, _) = find_owned(&state, &me, id).await?;
    let proof = proof::Entity::find()
        .filter(proof::Column::ProductId.eq(unit.id))
        .one(&state.db)
        .await?;
    unit.delete(&state.db).await?;
    if let Some(p) = proof {
        // The row went with the registration (cascade); the file goes too.
        let _ = tokio::fs::remove_file(uploads::path(&state.config.uploads, &p.stored_name)).await;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /products/{id}/coverage`: the timeline, the remedies open today and the policy,
/// with the input they were computed from.
#[utoipa::path(get, path = "/products/{id}/coverage", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), responses((status = 200, description = "The coverage answer for today", body = ProductCoverage), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn coverage_of(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<ProductCoverage>> {
    let (unit, model) = find_owned(&state, &me, id).await?;
    Ok(JsonBody(product_coverage(&state, &unit, &model).await?))
}

/// `POST /products/{id}/proof`: uploads the proof of purchase (PDF, JPEG or PNG, at most
/// 10 MB, typed from its bytes), replacing any earlier one.
#[utoipa::path(post, path = "/products/{id}/proof", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), request_body(content = crate::openapi::FileUpload, content_type = "multipart/form-data"), responses((status = 201, description = "Stored; the coverage with the proof on file", body = ProductCoverage), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn upload_proof(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Multipart(multipart): Multipart,
) -> ApiResult<(StatusCode, JsonBody<ProductCoverage>)> {
    let (unit, model) = find_owned(&state, &me, id).await?;
    let upload =
        uploads::read_file(multipart, uploads::MAX_PROOF_BYTES, uploads::sniff_document).await?;
    let stored_name = uploads::store(&state.config.uploads, &upload.bytes).await?;
    let earlier = proof::Entity::find()
        .filter(proof::Column::ProductId.eq(unit.id))
        .one(&state.db)
        .await?;
    let row = proof::ActiveModel {
        product_id: Set(unit.id),
        file_name: Set(upload.file_name),
        content_type: Set(upload.content_type.to_owned()),
        bytes: Set(i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX)),
        stored_name: Set(stored_name),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    };
    match earlier {
        Some(old) => {
            let old_file = uploads::path(&state.config.uploads, &old.stored_name);
            let mut active = row;
            active.id = Set(old.id);
            active.update(&state.db).await?;
            let _ = tokio::fs::remove_file(old_file).await;
        }
        None => {
            row.insert(&state.db).await?;
        }
    }
    Ok((
        StatusCode::CREATED,
        JsonBody(product_coverage(&state, &unit, &model).await?),
    ))
}

/// `GET /products/{id}/proof`: the file, to its owner and to agents only, as a download.
#[utoipa::path(get, path = "/products/{id}/proof", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), responses((status = 200, description = "The proof of purchase as uploaded (PDF, JPEG or PNG), as a download", content((crate::openapi::FileBytes = "application/pdf"), (crate::openapi::FileBytes = "image/jpeg"), (crate::openapi::FileBytes = "image/png"))), (status = 401, response = crate::openapi::Unauthenticated), (status = 404, response = crate::openapi::NotFound)))]
pub async fn download_proof(
    State(state): State<AppState>,
    CurrentUser(viewer): CurrentUser,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let (unit, _) = find_visible(&state, &viewer, id).await?;
    let p = proof::Entity::find()
        .filter(proof::Column::ProductId.eq(unit.id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let bytes = tokio::fs::read(uploads::path(&state.config.uploads, &p.stored_name))
        .await
        .map_err(|e| ApiError::Internal(format!("reading proof {}: {e}", p.id)))?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        p.file_name
            .replace(|c: char| !c.is_ascii() || c == '"', "_")
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&p.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `POST /products/{id}/plans`: records an extended plan the customer bought.
#[utoipa::path(post, path = "/products/{id}/plans", tag = "products", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), request_body = AddPlanRequest, responses((status = 201, description = "Recorded; the coverage with the plan", body = ProductCoverage), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn add_plan(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Json(req): Json<AddPlanRequest>,
) -> ApiResult<(StatusCode, JsonBody<ProductCoverage>)> {
    let (unit, model) = find_owned(&state, &me, id).await?;
    let offers = warranty::plan_offers(&model.category);
    let mut errors = Vec::new();
    if !offers.iter().any(|o| o.code == req.code) {
        errors.push(FieldError::new(
            "code",
            "error.plan_unknown",
            "Choose one of the plans offered for this product",
        ));
    }
    let bought = validate::parse_date(&req.purchase_date);
    match bought {
        None => errors.push(FieldError::new(
            "purchase_date",
            "error.date_format",
            "Enter a real date, like 2025-03-27",
        )),
        Some(d) if d > coverage::today_in(&unit.country) => errors.push(FieldError::new(
            "purchase_date",
            "error.purchase_date_future",
            "The purchase date must be today or in the past",
        )),
        Some(d) if d < unit.purchase_date => errors.push(FieldError::new(
            "purchase_date",
            "error.plan_before_purchase",
            "The plan must be bought on or after the product's purchase date",
        )),
        Some(_) => {}
    }
    let Some(bought_on) = bought.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    product_plan::ActiveModel {
        product_id: Set(unit.id),
        code: Set(req.code),
        bought_on: Set(bought_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(product_coverage(&state, &unit, &model).await?),
    ))
}
