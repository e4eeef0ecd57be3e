//! Telling customers things: in-app notifications (one row each; a unique dedupe key
//! makes a reminder happen once even with several server processes) and email through
//! an outbox — `.eml` files under `--outbox` in development and tests.

use std::collections::BTreeMap;
use std::path::Path;

use aftercare_core::api::AppointmentStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr};

use crate::db::entities::{appointment, notification, user};
use crate::error::{ApiError, ApiResult};
use crate::routes::appointments;
use crate::AppState;

/// A notification to make.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Its kind, e.g. `appointment_reminder`.
    pub kind: &'static str,
    /// Translation key of its sentence.
    pub title_key: &'static str,
    /// The sentence's values.
    pub params: BTreeMap<String, String>,
    /// Where it leads in the app.
    pub link: Option<String>,
    /// Makes it once only.
    pub dedupe_key: Option<String>,
}

/// Records a notification for the user; `false` when its dedupe key was used already.
pub async fn notify(state: &AppState, user_id: i64, notice: &Notice) -> ApiResult<bool> {
    let params =
        serde_json::to_string(&notice.params).map_err(|e| ApiError::Internal(e.to_string()))?;
    let inserted = notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(notice.kind.to_owned()),
        title_key: Set(notice.title_key.to_owned()),
        params_json: Set(params),
        link: Set(notice.link.clone()),
        dedupe_key: Set(notice.dedupe_key.clone()),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Ok(false)
        }
        Err(err) => Err(err.into()),
    }
}

/// Writes an email to the outbox folder as an RFC 5322 `.eml` file.
pub async fn send_email(outbox: &Path, to: &str, subject: &str, body: &str) -> ApiResult<()> {
    let now = Utc::now();
    let clean = |s: &str| s.replace(['\r', '\n'], " ");
    let message = format!(
        "From: Aftercare <no-reply@aftercare.example>\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}\r\n",
        clean(to),
        clean(subject),
        now.to_rfc2822(),
        body.replace('\n', "\r\n")
    );
    tokio::fs::create_dir_all(outbox)
        .await
        .map_err(|e| ApiError::Internal(format!("outbox folder: {e}")))?;
    let name = format!(
        "{}-{}.eml",
        now.format("%Y%m%dT%H%M%S%.6f"),
        uuid::Uuid::new_v4()
    );
    tokio::fs::write(outbox.join(name), message)
        .await
        .map_err(|e| ApiError::Internal(format!("outbox: {e}")))
}

/// Reminds customers of booked appointments starting within the next 24 hours: one
/// in-app notification and one email each, once. Returns how many were reminded.
pub async fn send_due_reminders(state: &AppState, now: DateTime<Utc>) -> ApiResult<usize> {
    let due = appointment::Entity::find()
        .filter(appointment::Column::Status.eq(AppointmentStatus::Booked.as_str()))
        .filter(appointment::Column::StartAt.gt(now))
        .filter(appointment::Column::StartAt.lte(now + Duration::hours(24)))
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for row in due {
        let view = appointments::to_api(state, &row).await?;
        let time = view.local_start.format("%Y-%m-%d %H:%M").to_string();
        let params = BTreeMap::from([
            ("service".to_owned(), view.service.as_str().to_owned()),
            ("centre".to_owned(), view.centre_name.clone()),
            ("time".to_owned(), time.clone()),
            ("zone".to_owned(), view.time_zone.clone()),
        ]);
        let notice = Notice {
            kind: "appointment_reminder",
            title_key: "notification.appointment_reminder",
            params,
            link: Some(format!("/appointments/{}", row.id)),
            dedupe_key: Some(format!("appointment-reminder:{}", row.id)),
        };
        if notify(state, row.user_id, &notice).await? {
            if let Some(customer) = user::Entity::find_by_id(row.user_id).one(&state.db).await? {
                let body = format!(
                    "Hello {},\n\nA reminder of your appointment tomorrow:\n\n{} ({})\n{} ({} time)\n{}\n\n\
                     To change or cancel it, open Aftercare: /appointments/{}\n",
                    customer.name,
                    view.product_name,
                    view.service.as_str().replace('_', " "),
                    time,
                    view.time_zone,
                    view.place,
                    row.id
                );
                send_email(
                    &state.config.outbox,
                    &customer.email,
                    "Your Aftercare appointment is tomorrow",
                    &body,
                )
                .await?;
            }
            sent += 1;
        }
    }
    Ok(sent)
}

/// Runs the reminder job every minute until the process ends.
pub fn spawn_reminder_job(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            match send_due_reminders(&state, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "appointment reminders sent"),
                Err(err) => tracing::error!(%err, "reminder job failed"),
            }
        }
    });
}
