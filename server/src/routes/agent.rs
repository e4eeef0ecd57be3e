//! The back office (role agent or admin): recording what happened to a unit at the
//! service centre, which the warranty engine then counts (repair days extend cover, a
//! second failed repair opens replacement, a replacement restarts cover).

use aftercare_core::api::{ProductCoverage, RecordRepairRequest, RecordReplacementRequest};
use aftercare_core::problem::FieldError;
use aftercare_core::serial;
use aftercare_core::warranty::RepairOutcome;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json as JsonBody;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set, TransactionTrait};

use crate::auth::Agent;
use crate::coverage;
use crate::db::entities::service_event;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::routes::products::{find_visible, product_coverage};
use crate::AppState;

fn event(
    product_id: i64,
    kind: &str,
    on_date: chrono::NaiveDate,
    agent_id: i64,
) -> service_event::ActiveModel {
    service_event::ActiveModel {
        product_id: Set(product_id),
        kind: Set(kind.to_owned()),
        on_date: Set(on_date),
        parts_wait_days: Set(0),
        recorded_by: Set(agent_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// `POST /agent/products/{id}/repairs`: records a repair (hand-over, return, parts wait,
/// outcome) and answers the unit's coverage after it.
pub async fn record_repair(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<RecordRepairRequest>,
) -> ApiResult<(StatusCode, JsonBody<ProductCoverage>)> {
    let (unit, model) = find_visible(&state, &agent, id).await?;
    let mut errors = Vec::new();
    if req.defect.trim().is_empty() {
        errors.push(FieldError::new(
            "defect",
            "error.defect_required",
            "Enter the defect code",
        ));
    }
    if req.returned_on.is_some_and(|r| r < req.handed_over) {
        errors.push(FieldError::new(
            "returned_on",
            "error.returned_before_handed_over",
            "The return date must be on or after the hand-over date",
        ));
    }
    if req.handed_over > coverage::today() {
        errors.push(FieldError::new(
            "handed_over",
            "error.date_future",
            "The date must be today or in the past",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut row = event(unit.id, "repair", req.handed_over, agent.id);
    row.defect = Set(Some(req.defect.trim().to_owned()));
    row.returned_on = Set(req.returned_on);
    row.parts_wait_days = Set(i32::try_from(req.parts_wait_days.min(3650)).unwrap_or(0));
    row.outcome = Set(Some(
        match req.outcome {
            RepairOutcome::Fixed => "fixed",
            RepairOutcome::NotFixed => "not_fixed",
        }
        .to_owned(),
    ));
    row.insert(&state.db).await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(product_coverage(&state, &unit, &model).await?),
    ))
}

/// `POST /agent/products/{id}/replacements`: records a replacement unit; the
/// registration takes the new serial (the old one stays in the history) and cover
/// restarts from the replacement date. Both happen in one transaction.
pub async fn record_replacement(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<RecordReplacementRequest>,
) -> ApiResult<(StatusCode, JsonBody<ProductCoverage>)> {
    let (unit, model) = find_visible(&state, &agent, id).await?;
    let new_serial = serial::normalize(&req.new_serial);
    if !serial::matches(&model.serial_pattern, &new_serial) {
        let example = serial::example(&model.serial_pattern);
        return Err(ApiError::Validation(vec![FieldError::new(
            "new_serial",
            "error.serial_format",
            format!("Enter the serial number as it is printed on the label, like {example}"),
        )
        .with("example", example)]));
    }
    if req.date > coverage::today() || req.date < unit.purchase_date {
        return Err(ApiError::Validation(vec![FieldError::new(
            "date",
            "error.replacement_date",
            "The replacement date must be between the purchase date and today",
        )]));
    }
    let txn = state.db.begin().await?;
    let mut row = event(unit.id, "replacement", req.date, agent.id);
    row.old_serial = Set(Some(unit.serial.clone()));
    row.new_serial = Set(Some(new_serial.clone()));
    row.insert(&txn).await?;
    let mut active = unit.into_active_model();
    active.serial = Set(new_serial);
    let unit = active.update(&txn).await.map_err(ApiError::on_unique(
        "new_serial",
        "error.serial_taken",
        "This serial number is already registered for this model",
    ))?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(product_coverage(&state, &unit, &model).await?),
    ))
}
