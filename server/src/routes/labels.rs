//! Registering by photo: the customer photographs the product's rating label, the
//! server reads its barcodes and proposes the serial number (and the model, when a code
//! carries a GTIN the catalogue knows). Nothing is stored: the photo is read and dropped.

use aftercare_core::labels::{self, LabelScan};
use aftercare_core::serial;
use axum::extract::State;
use axum::Json as JsonBody;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;

use crate::auth::Customer;
use crate::db::entities::product_model;
use crate::error::ApiResult;
use crate::extract::{Multipart, Query};
use crate::routes::catalog;
use crate::{images, uploads, AppState};

/// `?model_id=` of a scan: the model the customer already chose, if any.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScanQuery {
    /// The chosen model: its serial format picks among several codes.
    #[serde(default)]
    pub model_id: Option<i64>,
}

/// `POST /labels/scan`: reads the barcodes on a photo of a label (multipart field
/// `file`: JPEG, PNG or WebP, at most 10 MB) → the codes, the serial and the model.
/// A photo without a readable code, or whose codes carry neither a serial nor a known
/// model, is a 422 on `file`; the photo is never stored.
#[utoipa::path(post, path = "/labels/scan", tag = "products", security(("session" = [])), params(ScanQuery), request_body(content = crate::openapi::FileUpload, content_type = "multipart/form-data"), responses((status = 200, description = "What the label's codes say", body = LabelScan), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn scan(
    State(state): State<AppState>,
    Customer(_me): Customer,
    Query(query): Query<ScanQuery>,
    Multipart(multipart): Multipart,
) -> ApiResult<JsonBody<LabelScan>> {
    let upload = uploads::read_file(multipart, images::MAX_PHOTO_BYTES, uploads::any_type).await?;
    let bytes = upload.bytes;
    let codes = images::off_thread(move || {
        images::grey_for_reading(&bytes, crate::labels::READ_SIDE)
            .map(|grey| crate::labels::read_codes(&grey))
    })
    .await?;
    if codes.is_empty() {
        return Err(uploads::file_error(
            "error.label_unreadable",
            "No barcode or QR code could be read on this photo",
        ));
    }
    let facts = labels::read_label(&codes);
    let mut model = match &facts.gtin {
        Some(gtin) => {
            product_model::Entity::find()
                .filter(product_model::Column::Gtin.eq(gtin))
                .one(&state.db)
                .await?
        }
        None => None,
    };
    if model.is_none() {
        if let Some(id) = query.model_id {
            model = product_model::Entity::find_by_id(id).one(&state.db).await?;
        }
    }
    if model.is_none() {
        model = model_by_format(&state, &facts.serials).await?;
    }
    let serial = facts.serial_for(model.as_ref().map(|m| m.serial_pattern.as_str()));
    if serial.is_none() && model.is_none() {
        return Err(uploads::file_error(
            "error.label_no_serial",
            "The codes on this label carry no serial number",
        ));
    }
    Ok(JsonBody(LabelScan {
        codes,
        serial,
        gtin: facts.gtin,
        model: model.as_ref().map(catalog::to_api),
    }))
}

/// The one catalogue model whose serial format matches the best candidate serial that
/// matches any; `None` when no format or several match it.
async fn model_by_format(
    state: &AppState,
    serials: &[String],
) -> ApiResult<Option<product_model::Model>> {
    if serials.is_empty() {
        return Ok(None);
    }
    let formats: Vec<(i64, String)> = product_model::Entity::find()
        .select_only()
        .column(product_model::Column::Id)
        .column(product_model::Column::SerialPattern)
        .into_tuple()
        .all(&state.db)
        .await?;
    for candidate in serials {
        let mut matching = formats
            .iter()
            .filter(|(_, p)| serial::matches(p, candidate));
        if let Some((id, _)) = matching.next() {
            if matching.next().is_some() {
                return Ok(None);
            }
            return Ok(product_model::Entity::find_by_id(*id)
                .one(&state.db)
                .await?);
        }
    }
    Ok(None)
}
