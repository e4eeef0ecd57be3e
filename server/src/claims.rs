//! Claims on the server: the API views of a claim (for the customer who filed it and
//! for agents), and the writes every claim route shares — a status move with its
//! timeline row, audit entry and customer notification, all on the caller's
//! transaction — and the version stamp (`updated_at`) the app's live view polls by.

use std::collections::{BTreeMap, HashMap, HashSet};

use aftercare_core::claims::{
    check_transition, next_statuses, progress, reference, Actor, Claim, ClaimEvent, ClaimFacts,
    ClaimFile, ClaimMessage, ClaimStatus, ClaimSummary, ContactPreference, Move, Quote, QuoteLine,
    QuoteStatus, Resolution, Survey, TransitionError,
};
use aftercare_core::problem::FieldError;
use aftercare_core::slots::{ServiceOffer, ServiceType};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::db::entities::{
    audit_entry, centre, claim, claim_event, claim_file, claim_message, product_model, quote,
    registered_product, survey, user,
};
use crate::error::{ApiError, ApiResult};
use crate::notify::{self, Email, Notice};
use crate::wording;

/// The URL a claim file is downloaded from.
pub fn file_url(id: i64) -> String {
    format!("/api/v1/claims/files/{id}")
}

/// A value's wire name (`"performance_defect"`), for the columns that store core enums.
pub fn wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Parses a stored wire name back into its core enum.
pub fn from_wire<T: DeserializeOwned>(stored: &str) -> ApiResult<T> {
    serde_json::from_value(Value::String(stored.to_owned()))
        .map_err(|e| ApiError::Internal(format!("stored value {stored:?}: {e}")))
}

/// A claim's status.
pub fn status_of(row: &claim::Model) -> ApiResult<ClaimStatus> {
    ClaimStatus::parse(&row.status)
        .ok_or_else(|| ApiError::Internal(format!("claim {} status {:?}", row.id, row.status)))
}

/// What the state machine weighs besides the status.
pub fn facts_of(row: &claim::Model) -> ClaimFacts {
    ClaimFacts {
        covered: row.covered,
    }
}

/// The audit log's name for a claim.
pub fn subject(id: i64) -> String {
    format!("claim:{id}")
}

/// Now, to the millisecond: the precision of the ETag, and exact on both backends.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}

/// The claim's next version stamp: now, but always at least a millisecond after the
/// last one, so two changes within a millisecond still make two versions.
pub fn next_version(previous: DateTime<Utc>) -> DateTime<Utc> {
    now().max(previous + Duration::milliseconds(1))
}

/// The claim's weak entity tag: its id and version.
pub fn etag(row: &claim::Model) -> String {
    format!(
        "W/\"claim-{}-{}\"",
        row.id,
        row.updated_at.timestamp_millis()
    )
}

/// A refused workflow step as the API answers it: 422 on the field a note or a
/// resolution was missing from, 409 with the rule's code otherwise.
pub fn transition_error(error: TransitionError) -> ApiError {
    let field = |name: &str| {
        ApiError::Validation(vec![FieldError::new(name, error.code(), error.message())])
    };
    match error {
        TransitionError::NoteRequired => field("note"),
        TransitionError::ResolutionRequired | TransitionError::ResolutionNotAllowed => {
            field("resolution")
        }
        TransitionError::NotAllowed { .. }
        | TransitionError::NotYourMove
        | TransitionError::QuoteNotAccepted => ApiError::Refused {
            code: error.code(),
            message: error.message(),
        },
    }
}

/// Who is acting on a claim.
#[derive(Debug, Clone, Copy)]
pub struct By<'a> {
    /// Their account.
    pub user: &'a user::Model,
    /// The side they act for.
    pub actor: Actor,
}

/// Writes an audit entry on `db`.
pub async fn audit<C: ConnectionTrait>(
    db: &C,
    by: &user::Model,
    action: &str,
    subject: String,
    details: Value,
) -> ApiResult<()> {
    audit_entry::ActiveModel {
        at: Set(now()),
        actor_user_id: Set(Some(by.id)),
        actor_role: Set(by.role.clone()),
        action: Set(action.to_owned()),
        subject: Set(subject),
        details_json: Set(details.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Moves the claim's version on (a message, a quote, a survey, a repair changed what
/// its viewers see) and returns the claim as it now is.
pub async fn touch<C: ConnectionTrait>(db: &C, row: &claim::Model) -> ApiResult<claim::Model> {
    let version = next_version(row.updated_at);
    claim::Entity::update_many()
        .col_expr(claim::Column::UpdatedAt, Expr::value(version))
        .filter(claim::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(claim::Model {
        updated_at: version,
        ..row.clone()
    })
}

/// Adds a line to the timeline that changes no status (a repair recorded, a replacement).
pub async fn note<C: ConnectionTrait>(
    db: &C,
    row: &claim::Model,
    by: By<'_>,
    text: String,
) -> ApiResult<()> {
    let status = status_of(row)?;
    claim_event::ActiveModel {
        claim_id: Set(row.id),
        at: Set(now()),
        from_status: Set(Some(status.as_str().to_owned())),
        to_status: Set(status.as_str().to_owned()),
        actor: Set(by.actor.as_str().to_owned()),
        actor_user_id: Set(by.user.id),
        note: Set(text),
        resolution: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Moves a claim, if the workflow allows it: the status (and resolution), a timeline
/// row and an audit entry (`action`, with `details` added to the move's own), on `db`.
/// The update only applies to the status it was checked against, so of two agents
/// moving the same claim at once the second is refused instead of skipping a step.
/// Telling the customer is the caller's: see [`tell_customer`].
pub async fn move_claim<C: ConnectionTrait>(
    db: &C,
    row: &claim::Model,
    by: By<'_>,
    mv: &Move<'_>,
    action: &str,
    details: Value,
) -> ApiResult<claim::Model> {
    let from = status_of(row)?;
    check_transition(from, facts_of(row), mv).map_err(transition_error)?;
    let version = next_version(row.updated_at);
    let resolution = mv
        .resolution
        .map(|r| r.as_str().to_owned())
        .or_else(|| row.resolution.clone());
    let moved = claim::Entity::update_many()
        .col_expr(claim::Column::Status, Expr::value(mv.to.as_str()))
        .col_expr(claim::Column::Resolution, Expr::value(resolution.clone()))
        .col_expr(claim::Column::UpdatedAt, Expr::value(version))
        .filter(claim::Column::Id.eq(row.id))
        .filter(claim::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if moved.rows_affected != 1 {
        return Err(ApiError::Refused {
            code: "error.claim_changed",
            message: "Someone changed this claim a moment ago: look at it again".to_owned(),
        });
    }
    let note = mv.note.trim().to_owned();
    claim_event::ActiveModel {
        claim_id: Set(row.id),
        at: Set(version),
        from_status: Set(Some(from.as_str().to_owned())),
        to_status: Set(mv.to.as_str().to_owned()),
        actor: Set(by.actor.as_str().to_owned()),
        actor_user_id: Set(by.user.id),
        note: Set(note.clone()),
        resolution: Set(mv.resolution.map(|r| r.as_str().to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut record = json!({
        "from": from.as_str(),
        "to": mv.to.as_str(),
        "note": note,
        "resolution": mv.resolution.map(Resolution::as_str),
    });
    if let (Some(fields), Value::Object(extra)) = (record.as_object_mut(), details) {
        fields.extend(extra);
    }
    audit(db, by.user, action, subject(row.id), record).await?;
    Ok(claim::Model {
        status: mv.to.as_str().to_owned(),
        resolution,
        updated_at: version,
        ..row.clone()
    })
}

/// The centre a new claim goes to: the first in the product's country that takes
/// units in for repair, else the first anywhere that does, else none.
pub async fn centre_for<C: ConnectionTrait>(db: &C, country: &str) -> ApiResult<Option<i64>> {
    let centres = centre::Entity::find()
        .order_by_asc(centre::Column::Id)
        .all(db)
        .await?;
    let repairs = |c: &&centre::Model| {
        serde_json::from_str::<Vec<ServiceOffer>>(&c.services_json).is_ok_and(|offers| {
            offers
                .iter()
                .any(|o| o.service == ServiceType::DropOffRepair)
        })
    };
    Ok(centres
        .iter()
        .filter(repairs)
        .find(|c| c.country.eq_ignore_ascii_case(country))
        .or_else(|| centres.iter().find(repairs))
        .map(|c| c.id))
}

/// What the customer is told about their claim.
#[derive(Debug, Clone, Copy)]
pub enum Tell<'a> {
    /// It was filed.
    Received,
    /// It moved, with the agent's note.
    Status(ClaimStatus, &'a str),
    /// An agent wrote in the thread.
    Message,
    /// A quote waits for their answer.
    Quote,
}

/// Notifies the claim's customer in the app, and by email when that is how they want
/// to hear, on `db` (the caller's transaction). Wake the outbox after committing.
pub async fn tell_customer<C: ConnectionTrait>(
    db: &C,
    row: &claim::Model,
    what: Tell<'_>,
) -> ApiResult<()> {
    let customer = user::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("claim {} has no customer", row.id)))?;
    let reference = reference(row.id);
    let link = format!("/claims/{}", row.id);
    let mut params = BTreeMap::from([("reference".to_owned(), reference.clone())]);
    // The email is written in the customer's language; the in-app notice is translated by
    // the app from its key and parameters.
    let lang = wording::language(&customer.language);
    let say = |key: &str, extra: &[(&str, &str)]| {
        let mut all = vec![("reference", reference.as_str())];
        all.extend_from_slice(extra);
        wording::say(lang, key, &all)
    };
    let (kind, title_key, subject, mut text) = match what {
        Tell::Received => (
            "claim_received",
            "notification.claim_received",
            say("email.claim_received.subject", &[]),
            vec![say("email.claim_received.body", &[])],
        ),
        Tell::Status(status, note) => {
            params.insert("status".to_owned(), status.key());
            let words = wording::say(lang, &status.key(), &[]);
            let mut text = vec![say("email.claim_status.body", &[("status", &words)])];
            if !note.trim().is_empty() {
                text.push(say("email.claim_status.note", &[("note", note.trim())]));
            }
            (
                "claim_status",
                "notification.claim_status",
                say("email.claim_status.subject", &[("status", &words)]),
                text,
            )
        }
        Tell::Message => (
            "claim_message",
            "notification.claim_message",
            say("email.claim_message.subject", &[]),
            vec![say("email.claim_message.body", &[])],
        ),
        Tell::Quote => (
            "claim_quote",
            "notification.claim_quote",
            say("email.claim_quote.subject", &[]),
            vec![say("email.claim_quote.body", &[])],
        ),
    };
    text.retain(|t| !t.is_empty());
    let wants_email = ContactPreference::parse(&row.contact) == Some(ContactPreference::Email);
    if wants_email {
        // Each email carries its own link to follow the claim without signing in.
        let track = crate::routes::track::issue(db, row.id).await?;
        text.push(wording::say(lang, "email.track", &[("link", &track)]));
    }
    let notice = Notice {
        kind,
        title_key,
        params,
        link: Some(link.clone()),
        dedupe_key: None,
        email: wants_email.then(|| Email {
            subject,
            body: wording::letter(lang, &customer.name, &text, &link),
        }),
    };
    notify::notify(db, row.user_id, &notice).await?;
    Ok(())
}

/// Attaches the uploader's drafts to a claim (photos: `message` empty) or a message, on
/// `db`. Every id must be an unattached draft of `owner` (of kind photo when
/// `photos_only`), or nothing is attached and the answer is a 422 on `field`.
pub async fn attach<C: ConnectionTrait>(
    db: &C,
    owner: i64,
    ids: &[i64],
    claim_id: i64,
    message: Option<i64>,
    field: &'static str,
) -> ApiResult<()> {
    let unique: HashSet<i64> = ids.iter().copied().collect();
    if unique.is_empty() {
        return Ok(());
    }
    let mut update = claim_file::Entity::update_many()
        .col_expr(claim_file::Column::ClaimId, Expr::value(Some(claim_id)))
        .col_expr(claim_file::Column::MessageId, Expr::value(message))
        .filter(claim_file::Column::Id.is_in(unique.iter().copied()))
        .filter(claim_file::Column::UserId.eq(owner))
        .filter(claim_file::Column::ClaimId.is_null());
    if message.is_none() {
        update = update.filter(claim_file::Column::Kind.eq("photo"));
    }
    let attached = update.exec(db).await?;
    if attached.rows_affected == unique.len() as u64 {
        return Ok(());
    }
    let (code, text) = if message.is_none() {
        (
            "error.photos_invalid",
            "Upload the photos again: one of them is not a photo of yours waiting to be sent",
        )
    } else {
        (
            "error.attachments_invalid",
            "Upload the files again: one of them is not a file of yours waiting to be sent",
        )
    };
    Err(ApiError::Validation(vec![FieldError::new(
        field, code, text,
    )]))
}

/// A stored file as the API shows it.
pub fn file_view(row: &claim_file::Model) -> ClaimFile {
    ClaimFile {
        id: row.id,
        file_name: row.file_name.clone(),
        content_type: row.content_type.clone(),
        bytes: u64::try_from(row.bytes).unwrap_or(0),
        url: file_url(row.id),
        thumb_url: row
            .thumb_name
            .as_ref()
            .map(|_| format!("{}/thumb", file_url(row.id))),
    }
}

/// Display names of accounts, in one query.
async fn names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
) -> ApiResult<HashMap<i64, String>> {
    let ids: HashSet<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// List entries for claims, with their products, centres and (for agents) customers
/// loaded in one query each rather than one per claim.
pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    rows: &[claim::Model],
    with_customer: bool,
) -> ApiResult<Vec<ClaimSummary>> {
    let product_ids: HashSet<i64> = rows.iter().map(|r| r.product_id).collect();
    let products: HashMap<i64, (String, String)> = if product_ids.is_empty() {
        HashMap::new()
    } else {
        registered_product::Entity::find()
            .filter(registered_product::Column::Id.is_in(product_ids))
            .find_also_related(product_model::Entity)
            .all(db)
            .await?
            .into_iter()
            .map(|(unit, model)| {
                let (name, category) = model.map_or_else(Default::default, |m| {
                    (format!("{} {}", m.brand, m.name), m.category)
                });
                (unit.id, (unit.nickname.unwrap_or(name), category))
            })
            .collect()
    };
    let centre_ids: HashSet<i64> = rows.iter().filter_map(|r| r.centre_id).collect();
    let centres: HashMap<i64, String> = if centre_ids.is_empty() {
        HashMap::new()
    } else {
        centre::Entity::find()
            .filter(centre::Column::Id.is_in(centre_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect()
    };
    let customers = if with_customer {
        names(db, rows.iter().map(|r| r.user_id)).await?
    } else {
        HashMap::new()
    };
    rows.iter()
        .map(|row| {
            let (product_name, category) =
                products.get(&row.product_id).cloned().unwrap_or_default();
            Ok(ClaimSummary {
                id: row.id,
                reference: reference(row.id),
                product_id: row.product_id,
                product_name,
                category,
                cause: from_wire(&row.cause)?,
                status: status_of(row)?,
                resolution: row.resolution.as_deref().and_then(Resolution::parse),
                created_at: row.created_at,
                updated_at: row.updated_at,
                centre_id: row.centre_id,
                centre_name: row.centre_id.and_then(|id| centres.get(&id).cloned()),
                customer_name: customers.get(&row.user_id).cloned(),
            })
        })
        .collect()
}

fn quote_status(stored: &str) -> QuoteStatus {
    match stored {
        "accepted" => QuoteStatus::Accepted,
        "declined" => QuoteStatus::Declined,
        "withdrawn" => QuoteStatus::Withdrawn,
        _ => QuoteStatus::Pending,
    }
}

/// A quote row as the API shows it.
pub fn quote_view(row: &quote::Model) -> ApiResult<Quote> {
    let lines: Vec<QuoteLine> = serde_json::from_str(&row.lines_json)
        .map_err(|e| ApiError::Internal(format!("quote {} lines: {e}", row.id)))?;
    let tax_rate_bp = u32::try_from(row.tax_rate_bp).unwrap_or(0);
    Ok(Quote {
        id: row.id,
        totals: aftercare_core::claims::quote_totals(&lines, tax_rate_bp),
        lines,
        tax_rate_bp,
        currency: row.currency.clone(),
        note: row.note.clone(),
        status: quote_status(&row.status),
        sent_at: row.sent_at,
        decided_at: row.decided_at,
    })
}

/// Whether the survey is open: the claim was settled (resolved, or closed after a
/// resolution) and not answered yet.
pub fn survey_open(row: &claim::Model, answered: bool) -> bool {
    let settled = match ClaimStatus::parse(&row.status) {
        Some(ClaimStatus::Resolved) => true,
        Some(ClaimStatus::Closed) => row.resolution.is_some(),
        _ => false,
    };
    settled && !answered
}

/// One message with its files, as the API shows it.
fn message_view(
    row: &claim_message::Model,
    files: &[claim_file::Model],
    names: &HashMap<i64, String>,
) -> ApiResult<ClaimMessage> {
    Ok(ClaimMessage {
        id: row.id,
        at: row.at,
        author: Actor::parse(&row.author)
            .ok_or_else(|| ApiError::Internal(format!("message {} author", row.id)))?,
        author_name: names.get(&row.author_user_id).cloned().unwrap_or_default(),
        body: row.body.clone(),
        attachments: files
            .iter()
            .filter(|f| f.message_id == Some(row.id))
            .map(file_view)
            .collect(),
        request_for_info: row.request_for_info,
    })
}

/// One message of a claim, as the API shows it (the answer to posting it).
pub async fn message<C: ConnectionTrait>(
    db: &C,
    row: &claim_message::Model,
) -> ApiResult<ClaimMessage> {
    let files = claim_file::Entity::find()
        .filter(claim_file::Column::MessageId.eq(row.id))
        .order_by_asc(claim_file::Column::Id)
        .all(db)
        .await?;
    let names = names(db, [row.author_user_id]).await?;
    message_view(row, &files, &names)
}

/// The whole claim as `viewer` sees it: timeline, progress, thread, photos, quote,
/// survey and the moves open to them. (The agents' coverage is added by their route.)
pub async fn view<C: ConnectionTrait>(
    db: &C,
    row: &claim::Model,
    viewer: Actor,
) -> ApiResult<Claim> {
    let summary = summaries(db, std::slice::from_ref(row), viewer == Actor::Agent)
        .await?
        .pop()
        .ok_or_else(|| ApiError::Internal(format!("claim {} summary", row.id)))?;
    let events = claim_event::Entity::find()
        .filter(claim_event::Column::ClaimId.eq(row.id))
        .order_by_asc(claim_event::Column::At)
        .order_by_asc(claim_event::Column::Id)
        .all(db)
        .await?;
    let messages = claim_message::Entity::find()
        .filter(claim_message::Column::ClaimId.eq(row.id))
        .order_by_asc(claim_message::Column::At)
        .order_by_asc(claim_message::Column::Id)
        .all(db)
        .await?;
    let files = claim_file::Entity::find()
        .filter(claim_file::Column::ClaimId.eq(row.id))
        .order_by_asc(claim_file::Column::Id)
        .all(db)
        .await?;
    let latest_quote = quote::Entity::find()
        .filter(quote::Column::ClaimId.eq(row.id))
        .order_by_desc(quote::Column::Id)
        .one(db)
        .await?;
    let answer = survey::Entity::find()
        .filter(survey::Column::ClaimId.eq(row.id))
        .one(db)
        .await?;
    let names = names(
        db,
        events
            .iter()
            .map(|e| e.actor_user_id)
            .chain(messages.iter().map(|m| m.author_user_id)),
    )
    .await?;

    let events = events
        .iter()
        .map(|e| {
            Ok(ClaimEvent {
                at: e.at,
                from: e.from_status.as_deref().and_then(ClaimStatus::parse),
                to: ClaimStatus::parse(&e.to_status)
                    .ok_or_else(|| ApiError::Internal(format!("claim event {} status", e.id)))?,
                actor: Actor::parse(&e.actor).unwrap_or(Actor::Agent),
                actor_name: names.get(&e.actor_user_id).cloned().unwrap_or_default(),
                note: e.note.clone(),
                resolution: e.resolution.as_deref().and_then(Resolution::parse),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let history: Vec<(ClaimStatus, DateTime<Utc>)> = events.iter().map(|e| (e.to, e.at)).collect();
    let messages = messages
        .iter()
        .map(|m| message_view(m, &files, &names))
        .collect::<ApiResult<Vec<_>>>()?;
    let status = summary.status;
    Ok(Claim {
        description: row.description.clone(),
        started_on: row.started_on,
        remedy: from_wire(&row.remedy)?,
        covered: row.covered,
        contact: ContactPreference::parse(&row.contact).unwrap_or_default(),
        phone: row.phone.clone(),
        photos: files
            .iter()
            .filter(|f| f.message_id.is_none())
            .map(file_view)
            .collect(),
        progress: progress(&history),
        events,
        messages,
        quote: latest_quote.as_ref().map(quote_view).transpose()?,
        can_survey: viewer == Actor::Customer && survey_open(row, answer.is_some()),
        survey: answer.map(|s| Survey {
            score: u8::try_from(s.score).unwrap_or(0),
            comment: s.comment,
            at: s.at,
        }),
        next: next_statuses(status, facts_of(row), viewer),
        coverage: None,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aftercare_core::warranty::{ClaimCause, RemedyKind};

    #[test]
    fn core_enums_are_stored_by_their_wire_names() {
        assert_eq!(wire(&ClaimCause::LiquidDamage), "liquid_damage");
        assert_eq!(wire(&RemedyKind::PaidRepair), "paid_repair");
        assert_eq!(
            from_wire::<RemedyKind>("free_repair").ok(),
            Some(RemedyKind::FreeRepair)
        );
        assert!(from_wire::<RemedyKind>("gift").is_err());
    }

    #[test]
    fn each_change_makes_a_new_version_even_within_a_millisecond() {
        let later = now() + Duration::seconds(5);
        assert_eq!(next_version(later), later + Duration::milliseconds(1));
        assert!(next_version(now() - Duration::seconds(5)) > now() - Duration::seconds(1));
    }

    #[test]
    fn a_missing_note_or_resolution_is_a_field_error_and_other_refusals_a_conflict() {
        let status = |e| transition_error(e).status_code().as_u16();
        assert_eq!(status(TransitionError::NoteRequired), 422);
        assert_eq!(status(TransitionError::ResolutionRequired), 422);
        assert_eq!(status(TransitionError::QuoteNotAccepted), 409);
        assert_eq!(
            status(TransitionError::NotAllowed {
                from: ClaimStatus::Closed,
                to: ClaimStatus::InReview
            }),
            409
        );
    }
}
