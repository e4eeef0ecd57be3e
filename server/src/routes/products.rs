//! A customer's registered products. Every query is scoped by the session's customer id:
//! another customer's product id answers 404, exactly like an id that does not exist.

use aftercare_core::api::{
    ProductList, RegisterProductRequest, RegisteredProduct, UpdateProductRequest,
};
use aftercare_core::{coverage, validate};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json as JsonBody;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, ModelTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::auth::Customer;
use crate::db::entities::{product_model, registered_product};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::routes::catalog;
use crate::{idempotency, AppState};

/// The API form of a registration, with its coverage as of today.
fn to_api(unit: registered_product::Model, model: &product_model::Model) -> RegisteredProduct {
    let model = catalog::to_api(model);
    let today = Utc::now().date_naive();
    let coverage = coverage::summarize(
        &model.warranty,
        unit.purchase_date,
        unit.registered_on,
        today,
    );
    RegisteredProduct {
        id: unit.id,
        model,
        serial: unit.serial,
        purchase_date: unit.purchase_date,
        registered_on: unit.registered_on,
        retailer: unit.retailer,
        country: unit.country,
        nickname: unit.nickname,
        coverage,
    }
}

/// Loads one of the customer's products with its model, or 404.
async fn find_owned(
    state: &AppState,
    customer_id: i64,
    id: i64,
) -> ApiResult<(registered_product::Model, product_model::Model)> {
    let (unit, model) = registered_product::Entity::find_by_id(id)
        .filter(registered_product::Column::UserId.eq(customer_id))
        .find_also_related(product_model::Entity)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let model = model.ok_or_else(|| ApiError::Internal(format!("product {id} has no model")))?;
    Ok((unit, model))
}

/// `GET /products`: the customer's products, newest first.
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
    let products = rows
        .into_iter()
        .filter_map(|(unit, model)| model.map(|m| to_api(unit, &m)))
        .collect();
    Ok(JsonBody(ProductList { products }))
}

/// `POST /products`: registers a unit after checking it against its model (serial
/// format, purchase date). The same model and serial twice is a 409 on `serial`.
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
    let today = Utc::now().date_naive();
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
    let body = to_api(unit, &model);
    idempotency::remember(&state, me.id, key, StatusCode::CREATED, &body).await
}

/// `GET /products/{id}`.
pub async fn show(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<RegisteredProduct>> {
    let (unit, model) = find_owned(&state, me.id, id).await?;
    Ok(JsonBody(to_api(unit, &model)))
}

/// `PATCH /products/{id}`: sets or clears the nickname.
pub async fn rename(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Json(req): Json<UpdateProductRequest>,
) -> ApiResult<JsonBody<RegisteredProduct>> {
    let nickname = validate::nickname(req.nickname.as_deref()).map_err(ApiError::Validation)?;
    let (unit, model) = find_owned(&state, me.id, id).await?;
    let mut active = unit.into_active_model();
    active.nickname = Set(nickname);
    let saved = active.update(&state.db).await?;
    Ok(JsonBody(to_api(saved, &model)))
}

/// `DELETE /products/{id}`: removes the registration.
pub async fn remove(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let (unit, _) = find_owned(&state, me.id, id).await?;
    unit.delete(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}
