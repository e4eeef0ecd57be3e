//! A customer's service appointments: book, list, reschedule, cancel, and an .ics file.
//! Every query is scoped by the session's customer; another customer's id answers 404.

use aftercare_core::api::{
    Appointment, AppointmentList, AppointmentStatus, BookAppointmentRequest, RescheduleRequest,
};
use aftercare_core::problem::FieldError;
use aftercare_core::slots;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json as JsonBody;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use crate::auth::Customer;
use crate::db::entities::{appointment, product_model, registered_product, user};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::scheduling::{self, CentreCalendar, TakeError};
use crate::{idempotency, AppState};

/// Longest notes accepted.
pub const MAX_NOTES: usize = 1000;

/// The display name of a registered product.
async fn product_name(state: &AppState, product_id: i64) -> ApiResult<String> {
    let found = registered_product::Entity::find_by_id(product_id)
        .find_also_related(product_model::Entity)
        .one(&state.db)
        .await?;
    Ok(match found {
        Some((unit, Some(model))) => unit
            .nickname
            .unwrap_or_else(|| format!("{} {}", model.brand, model.name)),
        _ => String::new(),
    })
}

/// The API form of an appointment row.
pub async fn to_api(state: &AppState, row: &appointment::Model) -> ApiResult<Appointment> {
    let calendar = CentreCalendar::load(&state.db, row.centre_id).await?;
    let name = product_name(state, row.product_id).await?;
    Ok(scheduling::view(row, &calendar, name, Utc::now()))
}

async fn find_owned(
    state: &AppState,
    customer: &user::Model,
    id: i64,
) -> ApiResult<appointment::Model> {
    appointment::Entity::find_by_id(id)
        .filter(appointment::Column::UserId.eq(customer.id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// A refused slot: 409 with the next free slots to choose from instead.
async fn slot_taken(
    state: &AppState,
    calendar: &CentreCalendar,
    offer: &slots::ServiceOffer,
    after: DateTime<Utc>,
) -> ApiError {
    let now = Utc::now();
    match calendar.next_free(&state.db, offer, after, now, 3).await {
        Ok(next) => ApiError::SlotTaken(next),
        Err(err) => err,
    }
}

/// `GET /appointments`: upcoming (soonest first) and past (newest first).
#[utoipa::path(get, path = "/appointments", tag = "appointments", security(("session" = [])), responses((status = 200, description = "Upcoming and past appointments", body = AppointmentList), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden)))]
pub async fn list(
    State(state): State<AppState>,
    Customer(me): Customer,
) -> ApiResult<JsonBody<AppointmentList>> {
    let rows = appointment::Entity::find()
        .filter(appointment::Column::UserId.eq(me.id))
        .order_by_asc(appointment::Column::StartAt)
        .all(&state.db)
        .await?;
    let now = Utc::now();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for row in &rows {
        let view = to_api(&state, row).await?;
        if view.status == AppointmentStatus::Booked && view.end > now {
            upcoming.push(view);
        } else {
            past.push(view);
        }
    }
    past.reverse();
    Ok(JsonBody(AppointmentList { upcoming, past }))
}

/// `POST /appointments`: books a slot for one of the customer's products. Carry-in, or
/// on site with an address in the centre's area. When the last place was just taken,
/// 409 with the next free slots. `Idempotency-Key`: a retry books once.
#[utoipa::path(post, path = "/appointments", tag = "appointments", security(("session" = [])), params(("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[ -~]+$", description = "1 to 200 ASCII characters; a retry with the same key gets the first answer instead of acting twice")), request_body = BookAppointmentRequest, responses((status = 201, description = "Booked", body = Appointment), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn book(
    State(state): State<AppState>,
    Customer(me): Customer,
    headers: HeaderMap,
    Json(req): Json<BookAppointmentRequest>,
) -> ApiResult<Response> {
    let key = idempotency::key(&headers)?;
    if let Some(answer) = idempotency::replay(&state, me.id, key.as_deref()).await? {
        return Ok(answer);
    }
    let product = registered_product::Entity::find_by_id(req.product_id)
        .filter(registered_product::Column::UserId.eq(me.id))
        .one(&state.db)
        .await?;
    let mut errors = Vec::new();
    if product.is_none() {
        errors.push(FieldError::new(
            "product_id",
            "error.product_required",
            "Choose one of your products",
        ));
    }
    let calendar = match CentreCalendar::load(&state.db, req.centre_id).await {
        Ok(c) => Some(c),
        Err(ApiError::NotFound) => {
            errors.push(FieldError::new(
                "centre_id",
                "error.centre_required",
                "Choose a service centre",
            ));
            None
        }
        Err(e) => return Err(e),
    };
    let notes = req
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    if notes
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NOTES)
    {
        errors.push(
            FieldError::new("notes", "error.text_long", "Enter at most 1000 characters")
                .with("max", MAX_NOTES),
        );
    }
    let (address, postal_code) = (
        req.address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned),
        req.postal_code
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned),
    );
    if let Some(calendar) = &calendar {
        if req.service.is_on_site() {
            if address.is_none() {
                errors.push(FieldError::new(
                    "address",
                    "error.address_required",
                    "Enter the address where the visit should be",
                ));
            }
            match &postal_code {
                None => errors.push(FieldError::new("postal_code", "error.postal_code_required", "Enter the postal code")),
                Some(code) if !slots::in_area(&calendar.area(), code) => errors.push(
                    FieldError::new(
                        "postal_code",
                        "error.out_of_area",
                        "This centre does not visit that postal code: choose a centre near you or bring the product in",
                    )
                    .with("centre", &calendar.row.name),
                ),
                Some(_) => {}
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (Some(product), Some(calendar)) = (product, calendar) else {
        return Err(ApiError::Internal(
            "validated without product or centre".into(),
        ));
    };
    let offer = calendar.offer(req.service)?;
    let now = Utc::now();
    let slot = calendar.slot_at(&state.db, &offer, req.start, now).await?;
    let Some(slot) = slot.filter(|s| s.free > 0) else {
        return Err(slot_taken(&state, &calendar, &offer, req.start).await);
    };
    let on_site = req.service.is_on_site();
    let write = || appointment::ActiveModel {
        user_id: Set(me.id),
        product_id: Set(product.id),
        centre_id: Set(calendar.row.id),
        service: Set(req.service.as_str().to_owned()),
        start_at: Set(slot.start),
        end_at: Set(slot.end),
        status: Set(AppointmentStatus::Booked.as_str().to_owned()),
        address: Set(address.clone().filter(|_| on_site)),
        postal_code: Set(postal_code.clone().filter(|_| on_site)),
        notes: Set(notes.clone()),
        created_at: Set(now),
        ..Default::default()
    };
    let row = match scheduling::take_place(&state.db, &calendar, &offer, slot.start, write).await {
        Ok(row) => row,
        Err(TakeError::Full) => return Err(slot_taken(&state, &calendar, &offer, slot.start).await),
        Err(TakeError::Api(e)) => return Err(e),
    };
    let body = scheduling::view(
        &row,
        &calendar,
        product_name(&state, product.id).await?,
        now,
    );
    idempotency::remember(&state, me.id, key, StatusCode::CREATED, &body).await
}

/// `GET /appointments/{id}`.
#[utoipa::path(get, path = "/appointments/{id}", tag = "appointments", security(("session" = [])), params(("id" = i64, Path, description = "The appointment id")), responses((status = 200, description = "The appointment", body = Appointment), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn show(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<Appointment>> {
    let row = find_owned(&state, &me, id).await?;
    Ok(JsonBody(to_api(&state, &row).await?))
}

/// Refuses a change after the centre's cut-off, naming it.
fn check_cutoff(view: &Appointment) -> ApiResult<()> {
    if view.status != AppointmentStatus::Booked {
        return Err(ApiError::Validation(vec![FieldError::new(
            "status",
            "error.appointment_not_booked",
            "This appointment can no longer be changed",
        )]));
    }
    if !view.can_change {
        return Err(ApiError::Validation(vec![FieldError::new(
            "start",
            "error.change_cutoff",
            format!(
                "Changes were possible until {} UTC: call the centre instead",
                view.change_cutoff.format("%Y-%m-%d %H:%M")
            ),
        )
        .with("cutoff", view.change_cutoff.to_rfc3339())]));
    }
    Ok(())
}

/// `PATCH /appointments/{id}`: moves it to another slot of the same centre and service,
/// before the cut-off; the same race rules as booking.
#[utoipa::path(patch, path = "/appointments/{id}", tag = "appointments", security(("session" = [])), params(("id" = i64, Path, description = "The appointment id")), request_body = RescheduleRequest, responses((status = 200, description = "Moved", body = Appointment), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid)))]
pub async fn reschedule(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
    Json(req): Json<RescheduleRequest>,
) -> ApiResult<JsonBody<Appointment>> {
    let row = find_owned(&state, &me, id).await?;
    let view = to_api(&state, &row).await?;
    check_cutoff(&view)?;
    let calendar = CentreCalendar::load(&state.db, row.centre_id).await?;
    let offer = calendar.offer(view.service)?;
    let now = Utc::now();
    let slot = calendar.slot_at(&state.db, &offer, req.start, now).await?;
    let Some(slot) = slot.filter(|s| s.free > 0 || s.start == row.start_at) else {
        return Err(slot_taken(&state, &calendar, &offer, req.start).await);
    };
    let write = || {
        let mut active = row.clone().into_active_model();
        active.start_at = Set(slot.start);
        active.end_at = Set(slot.end);
        active
    };
    let saved = match scheduling::take_place(&state.db, &calendar, &offer, slot.start, write).await
    {
        Ok(saved) => saved,
        Err(TakeError::Full) => return Err(slot_taken(&state, &calendar, &offer, slot.start).await),
        Err(TakeError::Api(e)) => return Err(e),
    };
    Ok(JsonBody(to_api(&state, &saved).await?))
}

/// `DELETE /appointments/{id}`: cancels before the cut-off and frees the place.
#[utoipa::path(delete, path = "/appointments/{id}", tag = "appointments", security(("session" = [])), params(("id" = i64, Path, description = "The appointment id")), responses((status = 200, description = "Cancelled", body = Appointment), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound), (status = 409, response = crate::openapi::Conflict)))]
pub async fn cancel(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<JsonBody<Appointment>> {
    let row = find_owned(&state, &me, id).await?;
    check_cutoff(&to_api(&state, &row).await?)?;
    scheduling::release_place(&state.db, row.id).await?;
    let mut active = row.into_active_model();
    active.status = Set(AppointmentStatus::Cancelled.as_str().to_owned());
    let saved = active.update(&state.db).await?;
    Ok(JsonBody(to_api(&state, &saved).await?))
}

/// `GET /appointments/{id}/ics`: the appointment as an iCalendar file.
#[utoipa::path(get, path = "/appointments/{id}/ics", tag = "appointments", security(("session" = [])), params(("id" = i64, Path, description = "The appointment id")), responses((status = 200, description = "The appointment as an iCalendar file", content_type = "text/calendar", body = String), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 404, response = crate::openapi::NotFound)))]
pub async fn ics(
    State(state): State<AppState>,
    Customer(me): Customer,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let row = find_owned(&state, &me, id).await?;
    let calendar = CentreCalendar::load(&state.db, row.centre_id).await?;
    let view = scheduling::view(
        &row,
        &calendar,
        product_name(&state, row.product_id).await?,
        Utc::now(),
    );
    let body = scheduling::ics(&view, &calendar, Utc::now());
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"aftercare-appointment-{}.ics\"",
        view.id
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Appointments of a centre between two instants (the agents' day and week views).
pub async fn of_centre(
    state: &AppState,
    calendar: &CentreCalendar,
    from: DateTime<Utc>,
    days: i64,
) -> ApiResult<Vec<Appointment>> {
    let rows = appointment::Entity::find()
        .filter(appointment::Column::CentreId.eq(calendar.row.id))
        .filter(appointment::Column::StartAt.gte(from))
        .filter(appointment::Column::StartAt.lt(from + Duration::days(days)))
        .order_by_asc(appointment::Column::StartAt)
        .all(&state.db)
        .await?;
    let now = Utc::now();
    let mut out = Vec::new();
    for row in rows {
        let mut view = scheduling::view(
            &row,
            calendar,
            product_name(state, row.product_id).await?,
            now,
        );
        view.customer_name = user::Entity::find_by_id(row.user_id)
            .one(&state.db)
            .await?
            .map(|u| u.name);
        out.push(view);
    }
    Ok(out)
}
