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
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionTrait};

use crate::auth::Agent;
use crate::coverage;
use crate::db::entities::{product_model, registered_product, service_event};
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

/// A repair as an agent reports it, from the product's page or from a claim.
#[derive(Debug, Clone, Copy)]
pub struct RepairReport<'a> {
    /// The defect code repaired.
    pub defect: &'a str,
    /// The day the unit reached the centre.
    pub handed_over: NaiveDate,
    /// The day it left, if it has.
    pub returned_on: Option<NaiveDate>,
    /// Days waiting for parts outside the stay.
    pub parts_wait_days: u32,
    /// Whether the defect is gone.
    pub outcome: RepairOutcome,
}

/// Checks a repair report (a defect code, a return not before the hand-over, a hand-over
/// not in the future) and makes its service-event row, ready to insert.
pub fn repair_event(
    unit: &registered_product::Model,
    agent_id: i64,
    report: &RepairReport<'_>,
) -> ApiResult<service_event::ActiveModel> {
    let mut errors = Vec::new();
    if report.defect.trim().is_empty() {
        errors.push(FieldError::new(
            "defect",
            "error.defect_required",
            "Enter the defect code",
        ));
    }
    if report.returned_on.is_some_and(|r| r < report.handed_over) {
        errors.push(FieldError::new(
            "returned_on",
            "error.returned_before_handed_over",
            "The return date must be on or after the hand-over date",
        ));
    }
    if report.handed_over > coverage::today_in(&unit.country) {
        errors.push(FieldError::new(
            "handed_over",
            "error.date_future",
            "The date must be today or in the past",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut row = event(unit.id, "repair", report.handed_over, agent_id);
    row.defect = Set(Some(report.defect.trim().to_owned()));
    row.returned_on = Set(report.returned_on);
    row.parts_wait_days = Set(i32::try_from(report.parts_wait_days.min(3650)).unwrap_or(0));
    row.outcome = Set(Some(
        match report.outcome {
            RepairOutcome::Fixed => "fixed",
            RepairOutcome::NotFixed => "not_fixed",
        }
        .to_owned(),
    ));
    Ok(row)
}

/// `POST /agent/products/{id}/repairs`: records a repair (hand-over, return, parts wait,
/// outcome) and answers the unit's coverage after it.
#[utoipa::path(post, path = "/agent/products/{id}/repairs", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), request_body = RecordRepairRequest, responses((status = 201, description = "Recorded; the unit's coverage after it", body = ProductCoverage), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn record_repair(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<RecordRepairRequest>,
) -> ApiResult<(StatusCode, JsonBody<ProductCoverage>)> {
    let (unit, model) = find_visible(&state, &agent, id).await?;
    let report = RepairReport {
        defect: &req.defect,
        handed_over: req.handed_over,
        returned_on: req.returned_on,
        parts_wait_days: req.parts_wait_days,
        outcome: req.outcome,
    };
    repair_event(&unit, agent.id, &report)?
        .insert(&state.db)
        .await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(product_coverage(&state, &unit, &model).await?),
    ))
}

/// Checks a replacement (a serial that fits the model, a date between the purchase and
/// today), records it (for `claim_id`, when it settles a claim) and gives the
/// registration the new serial, so cover restarts from the replacement date. Pass a
/// transaction: the two writes belong together.
pub async fn replace_unit<C: ConnectionTrait>(
    db: &C,
    unit: registered_product::Model,
    model: &product_model::Model,
    agent_id: i64,
    req: &RecordReplacementRequest,
    claim_id: Option<i64>,
) -> ApiResult<registered_product::Model> {
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
    if req.date > coverage::today_in(&unit.country) || req.date < unit.purchase_date {
        return Err(ApiError::Validation(vec![FieldError::new(
            "date",
            "error.replacement_date",
            "The replacement date must be between the purchase date and today",
        )]));
    }
    let mut row = event(unit.id, "replacement", req.date, agent_id);
    row.old_serial = Set(Some(unit.serial.clone()));
    row.new_serial = Set(Some(new_serial.clone()));
    row.claim_id = Set(claim_id);
    row.insert(db).await?;
    let mut active = unit.into_active_model();
    active.serial = Set(new_serial);
    active.update(db).await.map_err(ApiError::on_unique(
        "new_serial",
        "error.serial_taken",
        "This serial number is already registered for this model",
    ))
}

/// `POST /agent/products/{id}/replacements`: records a replacement unit; the
/// registration takes the new serial (the old one stays in the history) and cover
/// restarts from the replacement date. Both happen in one transaction.
#[utoipa::path(post, path = "/agent/products/{id}/replacements", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The registration id")), request_body = RecordReplacementRequest, responses((status = 201, description = "Recorded; the unit's coverage after it", body = ProductCoverage), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn record_replacement(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<RecordReplacementRequest>,
) -> ApiResult<(StatusCode, JsonBody<ProductCoverage>)> {
    let (unit, model) = find_visible(&state, &agent, id).await?;
    let txn = state.db.begin().await?;
    let unit = replace_unit(&txn, unit, &model, agent.id, &req, None).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        JsonBody(product_coverage(&state, &unit, &model).await?),
    ))
}

/// `GET /agent/centres/{id}/appointments?from=&days=` query.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// First local date, `YYYY-MM-DD` (default: today in the centre's zone).
    pub from: Option<String>,
    /// 1 (a day) to 7 (a week); default 1.
    pub days: Option<i64>,
}

/// `GET /agent/centres/{id}/appointments`: a centre's day or week of bookings.
#[utoipa::path(get, path = "/agent/centres/{id}/appointments", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The centre id"), CalendarQuery), responses((status = 200, description = "The centre's bookings in the range", body = Vec<aftercare_core::api::Appointment>), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 422, response = crate::openapi::Invalid)))]
pub async fn centre_appointments(
    State(state): State<AppState>,
    Agent(_agent): Agent,
    Path(id): Path<i64>,
    crate::extract::Query(q): crate::extract::Query<CalendarQuery>,
) -> ApiResult<JsonBody<Vec<aftercare_core::api::Appointment>>> {
    let calendar = crate::scheduling::CentreCalendar::load(&state.db, id).await?;
    let today = calendar.local(Utc::now()).date();
    let from = match q.from.as_deref() {
        None => today,
        Some(t) => aftercare_core::validate::parse_date(t).ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "from",
                "error.date_format",
                "Enter a real date, like 2025-03-27",
            )])
        })?,
    };
    let days = q.days.unwrap_or(1).clamp(1, 7);
    let start = calendar
        .to_utc(from.and_time(chrono::NaiveTime::MIN))
        .unwrap_or_else(|| from.and_time(chrono::NaiveTime::MIN).and_utc());
    Ok(JsonBody(
        crate::routes::appointments::of_centre(&state, &calendar, start, days).await?,
    ))
}

/// `POST /agent/appointments/{id}/status`: marks arrived, no-show or completed.
#[utoipa::path(post, path = "/agent/appointments/{id}/status", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The appointment id")), request_body = aftercare_core::api::AppointmentStatusRequest, responses((status = 200, description = "The appointment after the change", body = aftercare_core::api::Appointment), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn set_appointment_status(
    State(state): State<AppState>,
    Agent(_agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<aftercare_core::api::AppointmentStatusRequest>,
) -> ApiResult<JsonBody<aftercare_core::api::Appointment>> {
    use aftercare_core::api::AppointmentStatus;
    use sea_orm::EntityTrait;
    if !matches!(
        req.status,
        AppointmentStatus::Arrived | AppointmentStatus::NoShow | AppointmentStatus::Completed
    ) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "status",
            "error.status_not_allowed",
            "Mark it arrived, no-show or completed",
        )]));
    }
    let row = crate::db::entities::appointment::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if row.status == AppointmentStatus::Cancelled.as_str() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "status",
            "error.appointment_not_booked",
            "This appointment was cancelled",
        )]));
    }
    let mut active = row.into_active_model();
    active.status = Set(req.status.as_str().to_owned());
    let saved = active.update(&state.db).await?;
    Ok(JsonBody(
        crate::routes::appointments::to_api(&state, &saved).await?,
    ))
}

/// `POST /agent/centres/{id}/blocks`: takes time out of the calendar (its slots vanish).
#[utoipa::path(post, path = "/agent/centres/{id}/blocks", tag = "agent", security(("session" = [])), params(("id" = i64, Path, description = "The centre id")), request_body = aftercare_core::api::BlockTimeRequest, responses((status = 201, description = "Blocked"), (status = 204, description = "Blocked"), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn block_time(
    State(state): State<AppState>,
    Agent(agent): Agent,
    Path(id): Path<i64>,
    Json(req): Json<aftercare_core::api::BlockTimeRequest>,
) -> ApiResult<StatusCode> {
    let calendar = crate::scheduling::CentreCalendar::load(&state.db, id).await?;
    if req.end <= req.start || req.end - req.start > chrono::Duration::days(31) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "end",
            "error.block_range",
            "The end must be after the start, at most 31 days later",
        )]));
    }
    crate::db::entities::centre_block::ActiveModel {
        centre_id: Set(calendar.row.id),
        start_at: Set(req.start),
        end_at: Set(req.end),
        reason: Set(req.reason.trim().chars().take(200).collect()),
        created_by: Set(agent.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(StatusCode::CREATED)
}
