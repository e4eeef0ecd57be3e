//! Telling customers things: in-app notifications (one row each; a unique dedupe key
//! makes a reminder happen once even with several server processes) and email through
//! a transactional outbox. `notify` writes both on the caller's connection, so they
//! commit or roll back with the change that caused them; the dispatcher sends the
//! outbox later, through SMTP when `--smtp-url` is set and as `.eml` files under
//! `--outbox` otherwise.

use std::collections::BTreeMap;
use std::path::PathBuf;

use aftercare_core::api::AppointmentStatus;
use chrono::{DateTime, Duration, Utc};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::db::entities::{appointment, notification, outbox, user};
use crate::error::{ApiError, ApiResult};
use crate::routes::appointments;
use crate::wording;
use crate::AppState;

/// An email to send with a notification.
#[derive(Debug, Clone)]
pub struct Email {
    /// Its subject line.
    pub subject: String,
    /// Its plain-text body.
    pub body: String,
}

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
    /// The email to send the user as well, if any.
    pub email: Option<Email>,
}

/// Records a notification for the user and queues its email in the outbox, both on
/// `db` (pass a transaction to make them part of it); `false`, and no email, when its
/// dedupe key was used already. Call [`AppState::wake_outbox`] after committing to
/// send the email at once rather than at the dispatcher's next round.
pub async fn notify<C: ConnectionTrait>(db: &C, user_id: i64, notice: &Notice) -> ApiResult<bool> {
    let params =
        serde_json::to_string(&notice.params).map_err(|e| ApiError::Internal(e.to_string()))?;
    let row = notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(notice.kind.to_owned()),
        title_key: Set(notice.title_key.to_owned()),
        params_json: Set(params),
        link: Set(notice.link.clone()),
        dedupe_key: Set(notice.dedupe_key.clone()),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    };
    // ON CONFLICT DO NOTHING rather than catching the unique violation: on PostgreSQL a
    // failed statement would abort the caller's whole transaction.
    let inserted = notification::Entity::insert(row)
        .on_conflict(
            OnConflict::column(notification::Column::DedupeKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 0 {
        return Ok(false);
    }
    if let Some(email) = &notice.email {
        let recipient = user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::Internal(format!("notify: no user {user_id}")))?;
        queue_email(db, &recipient.email, email).await?;
    }
    Ok(true)
}

/// Queues an email to any address in the outbox, on `db`.
pub async fn queue_email<C: ConnectionTrait>(db: &C, to: &str, email: &Email) -> ApiResult<()> {
    outbox::ActiveModel {
        recipient: Set(to.to_owned()),
        subject: Set(email.subject.clone()),
        body: Set(email.body.clone()),
        created_at: Set(Utc::now()),
        attempts: Set(0),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Attempts after which an email is given up on (and left in the outbox, logged).
pub const MAX_ATTEMPTS: i32 = 10;

/// Emails one round of the dispatcher takes on.
const BATCH: u64 = 50;

/// How long a sender holds a claimed email: longer than one SMTP exchange may take, so a
/// sender that died lets its emails go to another after this.
const LEASE_SECONDS: i64 = 120;

/// SMTP's own timeout, kept well inside the lease.
const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// How long to wait after the `attempts`-th failure: 30 s doubling, at most an hour.
fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::seconds((30_i64 << doublings).min(3600))
}

/// Where emails go.
enum Sender {
    /// An SMTP relay.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in this folder.
    Files(PathBuf),
}

impl Sender {
    fn from_config(config: &crate::Config) -> Result<Self, String> {
        match config.smtp_url.as_deref().filter(|url| !url.is_empty()) {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| Sender::Smtp(builder.timeout(Some(SMTP_TIMEOUT)).build()))
                .map_err(|e| format!("--smtp-url: {e}")),
            None => Ok(Sender::Files(config.outbox.clone())),
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Sender::Smtp(transport) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| format!("smtp: {e}")),
            Sender::Files(folder) => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(|e| format!("outbox folder {}: {e}", folder.display()))?;
                let name = format!(
                    "{}-{}.eml",
                    Utc::now().format("%Y%m%dT%H%M%S%.6f"),
                    uuid::Uuid::new_v4()
                );
                tokio::fs::write(folder.join(name), message.formatted())
                    .await
                    .map_err(|e| format!("outbox file: {e}"))
            }
        }
    }
}

/// The row as an RFC 5322 message.
fn message(from: &Mailbox, row: &outbox::Model) -> Result<Message, String> {
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|e| format!("recipient {:?}: {e}", row.recipient))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .date(row.created_at.into())
        .header(ContentType::TEXT_PLAIN)
        .body(row.body.clone())
        .map_err(|e| format!("message: {e}"))
}

/// Claims a row for this sender: only one of several processes racing for it gets
/// `true`, because the update re-checks that nobody sent or holds it. The lease starts
/// now, not when the round began, so a long round never sends on an expired lease.
async fn claim(state: &AppState, id: i64) -> ApiResult<bool> {
    let now = Utc::now();
    let claimed = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(now + Duration::seconds(LEASE_SECONDS)),
        )
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::SentAt.is_null())
        .filter(free_at(now))
        .exec(&state.db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Rows no sender holds and no backoff delays at `now`.
fn free_at(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(outbox::Column::ClaimedUntil.is_null())
        .add(outbox::Column::ClaimedUntil.lte(now))
}

/// Sends what the outbox holds that is due: claims each row, sends it, and marks it
/// sent, or counts the failure and sets it aside for a backoff. Returns how many left.
pub async fn deliver_pending(state: &AppState) -> ApiResult<usize> {
    let now = Utc::now();
    let due = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .filter(free_at(now))
        .order_by_asc(outbox::Column::Id)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let from: Mailbox = state
        .config
        .mail_from
        .parse()
        .map_err(|e| ApiError::Internal(format!("--mail-from: {e}")))?;
    let sender = Sender::from_config(&state.config).map_err(ApiError::Internal)?;
    let mut sent = 0;
    for row in due {
        if !claim(state, row.id).await? {
            continue;
        }
        let outcome = match message(&from, &row) {
            Ok(message) => sender.send(message).await,
            Err(why) => Err(why),
        };
        let mut active = outbox::ActiveModel {
            id: Set(row.id),
            ..Default::default()
        };
        match outcome {
            Ok(()) => {
                active.sent_at = Set(Some(Utc::now()));
                active.claimed_until = Set(None);
                sent += 1;
            }
            Err(why) => {
                let attempts = row.attempts + 1;
                if attempts >= MAX_ATTEMPTS {
                    tracing::error!(id = row.id, attempts, error = %why, "email given up on");
                } else {
                    tracing::warn!(id = row.id, attempts, error = %why, "email not sent; will retry");
                }
                active.attempts = Set(attempts);
                active.claimed_until = Set(Some(Utc::now() + backoff(attempts)));
                active.last_error = Set(Some(why));
            }
        }
        active.update(&state.db).await?;
    }
    Ok(sent)
}

/// Sends the outbox every few seconds, and at once when woken, until the process ends.
pub fn spawn_outbox_dispatcher(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = state.outbox_wake.notified() => {}
            }
            match deliver_pending(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(emails = n, "emails sent"),
                Err(err) => tracing::error!(%err, "outbox dispatcher failed"),
            }
        }
    });
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
        let Some(customer) = user::Entity::find_by_id(row.user_id).one(&state.db).await? else {
            continue;
        };
        let view = appointments::to_api(state, &row).await?;
        let time = view.local_start.format("%Y-%m-%d %H:%M").to_string();
        let lang = wording::language(&customer.language);
        let service = wording::say(lang, &format!("service.{}", view.service.as_str()), &[]);
        let paragraph = wording::say(
            lang,
            "email.reminder.body",
            &[
                ("product", &view.product_name),
                ("service", &service),
                ("time", &time),
                ("zone", &view.time_zone),
                ("place", &view.place),
            ],
        );
        let link = format!("/appointments/{}", row.id);
        let body = wording::letter(lang, &customer.name, &[paragraph], &link);
        let params = BTreeMap::from([
            ("service".to_owned(), view.service.as_str().to_owned()),
            ("centre".to_owned(), view.centre_name.clone()),
            ("time".to_owned(), time),
            ("zone".to_owned(), view.time_zone.clone()),
        ]);
        let notice = Notice {
            kind: "appointment_reminder",
            title_key: "notification.appointment_reminder",
            params,
            link: Some(format!("/appointments/{}", row.id)),
            dedupe_key: Some(format!("appointment-reminder:{}", row.id)),
            email: Some(Email {
                subject: wording::say(lang, "email.reminder.subject", &[]),
                body,
            }),
        };
        if notify(&state.db, row.user_id, &notice).await? {
            sent += 1;
        }
    }
    if sent > 0 {
        state.wake_outbox();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_email_waits_longer_each_time_but_never_more_than_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(9), Duration::seconds(3600));
    }
}
