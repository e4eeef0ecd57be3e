//! The product catalogue: search as you type, and one model.

use aftercare_core::api::{CatalogPage, ProductModel};
use aftercare_core::coverage::WarrantyTerms;
use aftercare_core::serial;
use axum::extract::State;
use axum::Json as JsonBody;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

use crate::db::entities::product_model;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query};
use crate::AppState;

/// Most models one search returns.
pub const PAGE_SIZE: u64 = 20;

/// `?q=` of the search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words that must all appear in the brand, name or SKU (any case).
    #[serde(default)]
    pub q: String,
}

/// The API form of a catalogue row.
pub fn to_api(m: &product_model::Model) -> ProductModel {
    let months = |v: i32| u32::try_from(v).unwrap_or(0);
    ProductModel {
        id: m.id,
        sku: m.sku.clone(),
        brand: m.brand.clone(),
        name: m.name.clone(),
        category: m.category.clone(),
        serial_pattern: m.serial_pattern.clone(),
        serial_example: serial::example(&m.serial_pattern),
        release_date: m.release_date,
        warranty: WarrantyTerms {
            parts_months: months(m.parts_months),
            labour_months: months(m.labour_months),
            registration_bonus_months: months(m.registration_bonus_months),
            registration_window_days: months(m.registration_window_days),
        },
    }
}

/// `GET /catalog/models?q=`: models whose brand, name or SKU contain every word typed,
/// most popular first; with no words, the most popular models.
#[utoipa::path(get, path = "/catalog/models", tag = "catalog", params(SearchQuery), responses((status = 200, description = "Matching models, most popular first", body = CatalogPage), (status = 400, response = crate::openapi::BadRequest)))]
pub async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> ApiResult<JsonBody<CatalogPage>> {
    let mut select = product_model::Entity::find();
    for word in query.q.to_lowercase().split_whitespace().take(8) {
        select = select.filter(product_model::Column::SearchText.contains(word));
    }
    let models = select
        .order_by_desc(product_model::Column::Popularity)
        .order_by_asc(product_model::Column::Id)
        .limit(PAGE_SIZE)
        .all(&state.db)
        .await?;
    Ok(JsonBody(CatalogPage {
        models: models.iter().map(to_api).collect(),
    }))
}

/// `GET /catalog/models/{id}`.
#[utoipa::path(get, path = "/catalog/models/{id}", tag = "catalog", params(("id" = i64, Path, description = "The model id")), responses((status = 200, description = "The model", body = ProductModel), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<ProductModel>> {
    let model = product_model::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(JsonBody(to_api(&model)))
}
