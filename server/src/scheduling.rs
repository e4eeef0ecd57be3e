//! Appointments as the server runs them: centres' calendars from the database, free
//! slots through core's slot arithmetic with the centre's real time zone (chrono-tz),
//! and booking that takes one place of a slot through the unique slot-claim index —
//! so of two customers racing for the last place exactly one wins.

use std::collections::HashMap;

use aftercare_core::api::{Appointment, AppointmentStatus, Centre};
use aftercare_core::slots::{self, Block, CentreRules, ServiceOffer, ServiceType, Slot, Taken};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, SqlErr, TransactionTrait,
};

use crate::db::entities::{appointment, centre, centre_block, slot_claim};
use crate::error::{ApiError, ApiResult};

/// A centre row with its parsed calendar.
#[derive(Debug, Clone)]
pub struct CentreCalendar {
    /// The row.
    pub row: centre::Model,
    /// Opening hours, closures, notice.
    pub rules: CentreRules,
    /// Services with duration and capacity.
    pub services: Vec<ServiceOffer>,
    /// The centre's zone.
    pub tz: Tz,
}

impl CentreCalendar {
    /// Parses a centre row (its JSON columns and zone name).
    pub fn from_row(row: centre::Model) -> ApiResult<Self> {
        let rules = serde_json::from_str(&row.rules_json)
            .map_err(|e| ApiError::Internal(format!("centre {} rules: {e}", row.id)))?;
        let services = serde_json::from_str(&row.services_json)
            .map_err(|e| ApiError::Internal(format!("centre {} services: {e}", row.id)))?;
        let tz = row
            .time_zone
            .parse::<Tz>()
            .map_err(|e| ApiError::Internal(format!("centre {} zone: {e}", row.id)))?;
        Ok(Self {
            row,
            rules,
            services,
            tz,
        })
    }

    /// Loads one centre, or 404.
    pub async fn load(db: &DatabaseConnection, id: i64) -> ApiResult<Self> {
        let row = centre::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(ApiError::NotFound)?;
        Self::from_row(row)
    }

    /// The offer for a service, or a 422 on `service` when the centre does not offer it.
    pub fn offer(&self, service: ServiceType) -> ApiResult<ServiceOffer> {
        self.services
            .iter()
            .copied()
            .find(|o| o.service == service)
            .ok_or_else(|| {
                ApiError::Validation(vec![aftercare_core::problem::FieldError::new(
                    "service",
                    "error.service_not_offered",
                    "This centre does not offer that service: choose another service or centre",
                )])
            })
    }

    /// Postal-code prefixes served on site.
    pub fn area(&self) -> Vec<String> {
        self.row
            .on_site_area
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A local time in the centre's zone as UTC (the earlier instant when ambiguous).
    pub fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.tz
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// A UTC instant in the centre's local time.
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.tz).naive_local()
    }

    /// The API form, without distance or next slot.
    pub fn view(&self) -> Centre {
        Centre {
            id: self.row.id,
            name: self.row.name.clone(),
            address: self.row.address.clone(),
            city: self.row.city.clone(),
            postal_code: self.row.postal_code.clone(),
            country: self.row.country.clone(),
            time_zone: self.row.time_zone.clone(),
            latitude: self.row.latitude,
            longitude: self.row.longitude,
            services: self.services.clone(),
            rules: self.rules.clone(),
            on_site_area: self.area(),
            distance_km: None,
            next_free: None,
        }
    }

    /// Every slot of a service between two local dates, with the places left.
    pub async fn slots<C: ConnectionTrait>(
        &self,
        db: &C,
        offer: &ServiceOffer,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> ApiResult<Vec<Slot>> {
        // A generous UTC window around the local dates: zones are at most ±14 h.
        let window_start = from.and_time(chrono::NaiveTime::MIN).and_utc() - Duration::days(1);
        let window_end = to.and_time(chrono::NaiveTime::MIN).and_utc() + Duration::days(2);
        let claims = slot_claim::Entity::find()
            .filter(slot_claim::Column::CentreId.eq(self.row.id))
            .filter(slot_claim::Column::Service.eq(offer.service.as_str()))
            .filter(slot_claim::Column::StartAt.gte(window_start))
            .filter(slot_claim::Column::StartAt.lt(window_end))
            .all(db)
            .await?;
        let mut booked: HashMap<DateTime<Utc>, u32> = HashMap::new();
        for claim in claims {
            *booked.entry(claim.start_at).or_default() += 1;
        }
        let blocks: Vec<Block> = centre_block::Entity::find()
            .filter(centre_block::Column::CentreId.eq(self.row.id))
            .filter(centre_block::Column::StartAt.lt(window_end))
            .filter(centre_block::Column::EndAt.gt(window_start))
            .all(db)
            .await?
            .into_iter()
            .map(|b| Block {
                start: b.start_at,
                end: b.end_at,
            })
            .collect();
        let to_utc = |local| self.to_utc(local);
        Ok(slots::slots(
            &self.rules,
            offer,
            from,
            to,
            now,
            Taken {
                booked: &booked,
                blocks: &blocks,
            },
            &to_utc,
        ))
    }

    /// The slot starting at `start`, as it stands now (`None`: no such slot).
    pub async fn slot_at<C: ConnectionTrait>(
        &self,
        db: &C,
        offer: &ServiceOffer,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> ApiResult<Option<Slot>> {
        let day = self.local(start).date();
        let all = self.slots(db, offer, day, day, now).await?;
        Ok(all.into_iter().find(|s| s.start == start))
    }

    /// The next free slots from `after`, for a refused booking to offer instead.
    pub async fn next_free(
        &self,
        db: &DatabaseConnection,
        offer: &ServiceOffer,
        after: DateTime<Utc>,
        now: DateTime<Utc>,
        count: usize,
    ) -> ApiResult<Vec<Slot>> {
        let from = self.local(after.max(now)).date();
        let all = self
            .slots(db, offer, from, from + Duration::days(30), now)
            .await?;
        Ok(all
            .into_iter()
            .filter(|s| s.free > 0 && s.start >= after)
            .take(count)
            .collect())
    }
}

/// Why a place could not be taken.
#[derive(Debug)]
pub enum TakeError {
    /// Every place of the slot is held.
    Full,
    /// Anything else.
    Api(ApiError),
}

impl From<DbErr> for TakeError {
    fn from(err: DbErr) -> Self {
        TakeError::Api(ApiError::from(err))
    }
}

/// Takes a place of the slot for an appointment written by `write` (which inserts or
/// updates the appointment row and returns it) in one transaction. The place is the
/// lowest unit not yet held; if another request takes it first, the unique index refuses
/// ours, the transaction rolls back, and the next unit is tried — until none is left.
pub async fn take_place<F>(
    db: &DatabaseConnection,
    calendar: &CentreCalendar,
    offer: &ServiceOffer,
    start: DateTime<Utc>,
    write: F,
) -> Result<appointment::Model, TakeError>
where
    F: Fn() -> appointment::ActiveModel,
{
    for _attempt in 0..=offer.capacity.saturating_mul(4).max(8) {
        let held: Vec<i32> = slot_claim::Entity::find()
            .filter(slot_claim::Column::CentreId.eq(calendar.row.id))
            .filter(slot_claim::Column::Service.eq(offer.service.as_str()))
            .filter(slot_claim::Column::StartAt.eq(start))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.unit)
            .collect();
        let capacity = i32::try_from(offer.capacity).unwrap_or(i32::MAX);
        let Some(unit) = (0..capacity).find(|u| !held.contains(u)) else {
            return Err(TakeError::Full);
        };
        let txn = db.begin().await?;
        // Writing first (not reading) makes SQLite take the write lock at once, so
        // concurrent bookings queue instead of failing to upgrade a read.
        let mut saved = write().save(&txn).await?;
        let appointment_id = saved.id.take().ok_or_else(|| {
            TakeError::Api(ApiError::Internal("saved appointment has no id".into()))
        })?;
        slot_claim::Entity::delete_many()
            .filter(slot_claim::Column::AppointmentId.eq(appointment_id))
            .exec(&txn)
            .await?;
        let claim = slot_claim::ActiveModel {
            appointment_id: Set(appointment_id),
            centre_id: Set(calendar.row.id),
            service: Set(offer.service.as_str().to_owned()),
            start_at: Set(start),
            unit: Set(unit),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        match claim {
            Ok(_) => {
                txn.commit().await?;
                let row = appointment::Entity::find_by_id(appointment_id)
                    .one(db)
                    .await?
                    .ok_or_else(|| {
                        TakeError::Api(ApiError::Internal("appointment vanished".into()))
                    })?;
                return Ok(row);
            }
            Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                txn.rollback().await?;
            }
            Err(err) => return Err(err.into()),
        }
    }
    Err(TakeError::Full)
}

/// Releases the place an appointment holds.
pub async fn release_place<C: ConnectionTrait>(db: &C, appointment_id: i64) -> ApiResult<()> {
    slot_claim::Entity::delete_many()
        .filter(slot_claim::Column::AppointmentId.eq(appointment_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The API form of an appointment.
pub fn view(
    row: &appointment::Model,
    calendar: &CentreCalendar,
    product_name: String,
    now: DateTime<Utc>,
) -> Appointment {
    let service = ServiceType::parse(&row.service).unwrap_or(ServiceType::DropOffRepair);
    let status = AppointmentStatus::parse(&row.status).unwrap_or(AppointmentStatus::Booked);
    let cutoff = slots::change_cutoff(&calendar.rules, row.start_at);
    let place = match (&row.address, &row.postal_code) {
        (Some(address), Some(code)) if service.is_on_site() => format!("{address}, {code}"),
        _ => format!(
            "{}, {} {}",
            calendar.row.address, calendar.row.postal_code, calendar.row.city
        ),
    };
    Appointment {
        id: row.id,
        product_id: row.product_id,
        product_name,
        centre_id: calendar.row.id,
        centre_name: calendar.row.name.clone(),
        place,
        service,
        start: row.start_at,
        end: row.end_at,
        local_start: calendar.local(row.start_at),
        local_end: calendar.local(row.end_at),
        time_zone: calendar.row.time_zone.clone(),
        status,
        address: row.address.clone(),
        postal_code: row.postal_code.clone(),
        notes: row.notes.clone(),
        change_cutoff: cutoff,
        can_change: status == AppointmentStatus::Booked && now <= cutoff,
        customer_name: None,
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

/// Escapes an iCalendar text value.
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// An iCalendar (RFC 5545) file for the appointment, in the centre's time zone, with a
/// reminder the day before.
pub fn ics(a: &Appointment, calendar: &CentreCalendar, now: DateTime<Utc>) -> String {
    let local_fmt = "%Y%m%dT%H%M%S";
    let at = a.start.with_timezone(&calendar.tz);
    let offset = at.format("%z").to_string();
    let abbreviation = at.format("%Z").to_string();
    let status = if a.status == AppointmentStatus::Cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Aftercare//Appointments//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", calendar.row.time_zone),
        "BEGIN:STANDARD".to_owned(),
        "DTSTART:19700101T000000".to_owned(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        format!("TZNAME:{abbreviation}"),
        "END:STANDARD".to_owned(),
        "END:VTIMEZONE".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:appointment-{}@aftercare", a.id),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!(
            "DTSTART;TZID={}:{}",
            calendar.row.time_zone,
            a.local_start.format(local_fmt)
        ),
        format!(
            "DTEND;TZID={}:{}",
            calendar.row.time_zone,
            a.local_end.format(local_fmt)
        ),
        format!(
            "SUMMARY:{}",
            ics_text(&format!(
                "Aftercare: {} – {}",
                a.product_name, a.centre_name
            ))
        ),
        format!("LOCATION:{}", ics_text(&a.place)),
        format!("DESCRIPTION:{}", ics_text(a.notes.as_deref().unwrap_or(""))),
        format!("STATUS:{status}"),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        "DESCRIPTION:Aftercare appointment tomorrow".to_owned(),
        "TRIGGER:-P1D".to_owned(),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = lines.join("\r\n");
    out.push_str("\r\n");
    out
}
