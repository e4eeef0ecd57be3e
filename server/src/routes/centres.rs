//! Service centres and their free slots.

use aftercare_core::api::{CentreList, DayRoom, SlotList};
use aftercare_core::slots::{self, ServiceType};
use aftercare_core::validate;
use axum::extract::State;
use axum::Json as JsonBody;
use chrono::{Duration, Utc};
use sea_orm::{EntityTrait, QueryOrder};
use serde::Deserialize;

use crate::db::entities::centre;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query};
use crate::scheduling::{distance_km, CentreCalendar};
use crate::AppState;

/// `GET /centres` filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CentreQuery {
    /// Only centres offering this service (and then each with its next free slot).
    pub service: Option<ServiceType>,
    /// Sort by distance from this point (the browser's location, with consent)…
    pub lat: Option<f64>,
    /// …and this longitude.
    pub lon: Option<f64>,
    /// …or from a city the customer typed (matched against the centres' cities).
    pub near: Option<String>,
}

/// `GET /centres`: centres, nearest first when a place is given, each with its next
/// free slot for the service asked about.
#[utoipa::path(get, path = "/centres", tag = "centres", params(CentreQuery), responses((status = 200, description = "Centres, nearest first when a place was given, else by name", body = CentreList), (status = 400, response = crate::openapi::BadRequest), (status = 422, response = crate::openapi::Invalid)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<CentreQuery>,
) -> ApiResult<JsonBody<CentreList>> {
    let rows = centre::Entity::find()
        .order_by_asc(centre::Column::Name)
        .all(&state.db)
        .await?;
    let calendars = rows
        .into_iter()
        .map(CentreCalendar::from_row)
        .collect::<ApiResult<Vec<_>>>()?;
    let origin = match (q.lat, q.lon, q.near.as_deref()) {
        (Some(lat), Some(lon), _) if lat.abs() <= 90.0 && lon.abs() <= 180.0 => Some((lat, lon)),
        (_, _, Some(place)) if !place.trim().is_empty() => {
            let wanted = place.trim().to_lowercase();
            calendars
                .iter()
                .find(|c| {
                    c.row.city.to_lowercase() == wanted
                        || c.row.postal_code.to_lowercase() == wanted
                })
                .map(|c| (c.row.latitude, c.row.longitude))
        }
        _ => None,
    };
    let now = Utc::now();
    let mut centres = Vec::new();
    for calendar in &calendars {
        let mut view = calendar.view();
        if let Some(service) = q.service {
            let Ok(offer) = calendar.offer(service) else {
                continue;
            };
            view.next_free = calendar
                .next_free(&state.db, &offer, now, now, 1)
                .await?
                .into_iter()
                .next();
        }
        view.distance_km = origin
            .map(|(lat, lon)| distance_km(lat, lon, calendar.row.latitude, calendar.row.longitude));
        centres.push(view);
    }
    if origin.is_some() {
        centres.sort_by(|a, b| {
            a.distance_km
                .unwrap_or(f64::MAX)
                .total_cmp(&b.distance_km.unwrap_or(f64::MAX))
        });
    }
    Ok(JsonBody(CentreList { centres }))
}

/// `GET /centres/{id}/slots` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotQuery {
    /// The service.
    pub service: ServiceType,
    /// First local date, `YYYY-MM-DD` (default: today in the centre's zone).
    pub from: Option<String>,
    /// Last local date (default: 30 days after `from`; at most 62).
    pub to: Option<String>,
}

/// `GET /centres/{id}/slots?service=&from=&to=`: the service's slots in the centre's
/// local time, each with the places left, and the days that have room.
#[utoipa::path(get, path = "/centres/{id}/slots", tag = "centres", params(("id" = i64, Path, description = "The centre id"), SlotQuery), responses((status = 200, description = "The slots and the days with room", body = SlotList), (status = 400, response = crate::openapi::BadRequest), (status = 404, response = crate::openapi::NotFound), (status = 422, response = crate::openapi::Invalid)))]
pub async fn slots_of(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<SlotQuery>,
) -> ApiResult<JsonBody<SlotList>> {
    let calendar = CentreCalendar::load(&state.db, id).await?;
    let offer = calendar.offer(q.service)?;
    let now = Utc::now();
    let today = calendar.local(now).date();
    let parse = |field: &str, text: &Option<String>, default| match text {
        None => Ok(default),
        Some(t) => validate::parse_date(t).ok_or_else(|| {
            ApiError::Validation(vec![aftercare_core::problem::FieldError::new(
                field,
                "error.date_format",
                "Enter a real date, like 2025-03-27",
            )])
        }),
    };
    let from = parse("from", &q.from, today)?;
    let to = parse("to", &q.to, from + Duration::days(30))?;
    if to < from || (to - from).num_days() > slots::MAX_DAYS {
        return Err(ApiError::Validation(vec![
            aftercare_core::problem::FieldError::new(
                "to",
                "error.slot_range",
                "Ask for at most 62 days, ending on or after the first day",
            ),
        ]));
    }
    let list = calendar.slots(&state.db, &offer, from, to, now).await?;
    let days = slots::days_with_room(&list)
        .into_iter()
        .map(|(date, free)| DayRoom { date, free })
        .collect();
    Ok(JsonBody(SlotList {
        centre_id: calendar.row.id,
        service: q.service,
        time_zone: calendar.row.time_zone.clone(),
        slots: list,
        days,
    }))
}
