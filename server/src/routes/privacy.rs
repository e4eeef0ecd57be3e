//! A customer's rights over their data: a download of everything kept about them
//! (`GET /me/export`, one ZIP) and the erasure of their account (`DELETE /me`).
//!
//! Erasure keeps the claims, anonymised, for the business's warranty statistics: their
//! status, dates, timeline steps, product model, market, centre, resolution, quote
//! amounts and survey score stay; everything a person wrote or that names them — their
//! name, email, phone number, description, messages, notes, serial numbers, comments,
//! photos and attachments — is erased. Everything else about them is deleted.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use aftercare_core::api::{
    AccountExport, DeleteAccountRequest, ExportedAccount, ExportedFeedback, ExportedFile,
    ExportedFileKind, ExportedProduct, Language, Notification, Role, EXPORT_FORMAT,
};
use aftercare_core::claims::{reference, Actor};
use aftercare_core::problem::FieldError;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::{json, Value};

use crate::auth::{self, verify_password, CurrentUser, Customer};
use crate::db::entities::{
    appointment, article_feedback, audit_entry, claim, claim_event, claim_file, claim_message,
    idempotency_key, notification, outbox, passkey, product_model, proof, quote,
    registered_product, service_event, session, sign_in_failure, survey, user,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::routes::auth::THROTTLE_WINDOW_MINUTES;
use crate::routes::passkeys::has_password;
use crate::routes::{account, appointments, products};
use crate::{claims, coverage, uploads, AppState};

/// What replaces the words of an erased account's claims: descriptions, messages, notes.
pub const ERASED: &str = "(erased at the customer's request)";

/// The display name an erased account keeps on the claims that outlive it.
pub const ERASED_NAME: &str = "Erased customer";

/// Keys of audit details that may hold a person's words or a unit's serial number.
const FREE_TEXT_KEYS: [&str; 4] = ["note", "comment", "old_serial", "new_serial"];

// ---- Export ---------------------------------------------------------------------------

/// A file to put into the archive: how it is listed, and where its bytes are.
struct Packed {
    listed: ExportedFile,
    on_disk: PathBuf,
    archive_path: String,
}

/// A file name safe in any unzip tool: letters, digits, `.`, `-`, `_`; the rest `_`.
fn zip_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// Everything about `me` in the API's own shapes, and the files to pack beside it.
async fn gather(state: &AppState, me: &user::Model) -> ApiResult<(AccountExport, Vec<Packed>)> {
    let db = &state.db;
    let mut files = Vec::new();

    let units = registered_product::Entity::find()
        .filter(registered_product::Column::UserId.eq(me.id))
        .find_also_related(product_model::Entity)
        .order_by_asc(registered_product::Column::Id)
        .all(db)
        .await?;
    let unit_ids: Vec<i64> = units.iter().map(|(u, _)| u.id).collect();
    let facts = coverage::load_facts(db, &unit_ids).await?;
    let mut exported_products = Vec::new();
    for (unit, model) in units {
        let model =
            model.ok_or_else(|| ApiError::Internal(format!("product {} has no model", unit.id)))?;
        let unit_facts = facts.get(&unit.id).cloned().unwrap_or_default();
        if let Some(p) = &unit_facts.proof {
            files.push(Packed {
                archive_path: format!(
                    "files/proofs/product-{}-{}",
                    unit.id,
                    zip_name(&p.file_name)
                ),
                on_disk: uploads::path(&state.config.uploads, &p.stored_name),
                listed: ExportedFile {
                    path: None,
                    kind: ExportedFileKind::Proof,
                    file_name: p.file_name.clone(),
                    content_type: p.content_type.clone(),
                    bytes: u64::try_from(p.bytes).unwrap_or(0),
                    uploaded_at: p.uploaded_at,
                    product_id: Some(unit.id),
                    claim_id: None,
                    message_id: None,
                },
            });
        }
        let coverage = products::product_coverage(state, &unit, &model).await?;
        exported_products.push(ExportedProduct {
            product: products::to_api(unit, &model, &unit_facts),
            coverage,
        });
    }

    let mut exported_appointments = Vec::new();
    for row in appointment::Entity::find()
        .filter(appointment::Column::UserId.eq(me.id))
        .order_by_asc(appointment::Column::Id)
        .all(db)
        .await?
    {
        exported_appointments.push(appointments::to_api(state, &row).await?);
    }

    let claim_rows = claim::Entity::find()
        .filter(claim::Column::UserId.eq(me.id))
        .order_by_asc(claim::Column::Id)
        .all(db)
        .await?;
    let mut exported_claims = Vec::new();
    for row in &claim_rows {
        exported_claims.push(claims::view(db, row, Actor::Customer).await?);
    }
    let claim_ids: Vec<i64> = claim_rows.iter().map(|c| c.id).collect();
    // Their own uploads, and whatever an agent attached to their claims' threads.
    for f in claim_file::Entity::find()
        .filter(
            Condition::any()
                .add(claim_file::Column::UserId.eq(me.id))
                .add(claim_file::Column::ClaimId.is_in(claim_ids)),
        )
        .order_by_asc(claim_file::Column::Id)
        .all(db)
        .await?
    {
        let (kind, folder) = match (f.claim_id, f.message_id) {
            (Some(claim_id), Some(_)) => (
                ExportedFileKind::MessageAttachment,
                format!("files/claims/{}/messages", reference(claim_id)),
            ),
            (Some(claim_id), None) => (
                ExportedFileKind::ClaimPhoto,
                format!("files/claims/{}/photos", reference(claim_id)),
            ),
            (None, _) => (ExportedFileKind::Draft, "files/drafts".to_owned()),
        };
        files.push(Packed {
            archive_path: format!("{folder}/{}-{}", f.id, zip_name(&f.file_name)),
            on_disk: uploads::path(&state.config.uploads, &f.stored_name),
            listed: ExportedFile {
                path: None,
                kind,
                file_name: f.file_name.clone(),
                content_type: f.content_type.clone(),
                bytes: u64::try_from(f.bytes).unwrap_or(0),
                uploaded_at: f.created_at,
                product_id: None,
                claim_id: f.claim_id,
                message_id: f.message_id,
            },
        });
    }

    let exported_notifications = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| Notification {
            id: n.id,
            kind: n.kind,
            title_key: n.title_key,
            params: serde_json::from_str(&n.params_json).unwrap_or_default(),
            link: n.link,
            created_at: n.created_at,
            read: n.read_at.is_some(),
        })
        .collect();
    let feedback = article_feedback::Entity::find()
        .filter(article_feedback::Column::UserId.eq(me.id))
        .order_by_asc(article_feedback::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|f| ExportedFeedback {
            article_slug: f.article_slug,
            solved: f.solved,
            at: f.updated_at,
        })
        .collect();

    let export = AccountExport {
        format: EXPORT_FORMAT,
        exported_at: Utc::now(),
        account: ExportedAccount {
            id: me.id,
            name: me.name.clone(),
            email: me.email.clone(),
            language: Language::from_tag(&me.language).unwrap_or_default(),
            role: Role::parse(&me.role).unwrap_or(Role::Customer),
            created_at: me.created_at,
        },
        products: exported_products,
        appointments: exported_appointments,
        claims: exported_claims,
        notifications: exported_notifications,
        article_feedback: feedback,
        passkeys: passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(me.id))
            .order_by_asc(passkey::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| aftercare_core::passkeys::PasskeyInfo {
                id: p.id,
                name: p.name,
                created_at: p.created_at,
                last_used_at: p.last_used_at,
                backup_eligible: p.backup_eligible,
            })
            .collect(),
        files: Vec::new(),
    };
    Ok((export, files))
}

/// Writes the archive: every readable file under `files/`, then `export.json` listing
/// them all (a file that could not be read is listed with no path).
fn pack(mut export: AccountExport, files: Vec<Packed>) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    // Photos and most proofs are compressed already.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for file in files {
        let mut listed = file.listed;
        match std::fs::read(&file.on_disk) {
            Ok(bytes) => {
                let options = if listed.content_type.starts_with("image/") {
                    stored
                } else {
                    deflated
                };
                zip.start_file(file.archive_path.as_str(), options)
                    .map_err(|e| e.to_string())?;
                zip.write_all(&bytes).map_err(|e| e.to_string())?;
                listed.path = Some(file.archive_path);
            }
            Err(e) => {
                tracing::warn!(path = %file.on_disk.display(), error = %e, "export: stored file unreadable");
            }
        }
        export.files.push(listed);
    }
    let json = serde_json::to_vec_pretty(&export).map_err(|e| e.to_string())?;
    zip.start_file("export.json", deflated)
        .map_err(|e| e.to_string())?;
    zip.write_all(&json).map_err(|e| e.to_string())?;
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

/// `GET /me/export`: everything kept about the signed-in account — the account, its
/// products with their coverage (proof of purchase, plans, service history),
/// appointments, claims with their timeline, thread, quote and survey, notifications and
/// article feedback — as `export.json`, with its files (proofs, claim photos,
/// attachments) under `files/`, in one ZIP download.
#[utoipa::path(get, path = "/me/export", tag = "account", security(("session" = [])), responses((status = 200, description = "A ZIP with `export.json` (the `AccountExport` schema) and the account's files under `files/`", content_type = "application/zip", body = crate::openapi::FileBytes), (status = 401, response = crate::openapi::Unauthenticated)))]
pub async fn export(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> ApiResult<Response> {
    let (export, files) = gather(&state, &me).await?;
    let bytes = tokio::task::spawn_blocking(move || pack(export, files))
        .await
        .map_err(|e| ApiError::Internal(format!("export task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("export archive: {e}")))?;
    tracing::info!(user_id = me.id, bytes = bytes.len(), "data export");
    let disposition = format!(
        "attachment; filename=\"aftercare-export-{}.zip\"",
        Utc::now().date_naive()
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

// ---- Erasure ----------------------------------------------------------------------------

/// Free text in an audit entry's details, blanked.
fn scrub_details(details_json: &str) -> Option<String> {
    let mut details: Value = serde_json::from_str(details_json).ok()?;
    let fields = details.as_object_mut()?;
    let mut changed = false;
    for key in FREE_TEXT_KEYS {
        if let Some(value) = fields.get_mut(key) {
            if value.as_str().is_some_and(|s| !s.is_empty()) {
                *value = Value::String(ERASED.to_owned());
                changed = true;
            }
        }
    }
    changed.then(|| details.to_string())
}

/// What the erasure did, for the audit log and the server's log.
struct Erased {
    claims_kept: usize,
    products_deleted: usize,
    files: Vec<PathBuf>,
}

/// Erases `me` on `db` (a transaction): see the module's documentation.
async fn erase<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    me: &user::Model,
) -> ApiResult<Erased> {
    let uploads_dir = &state.config.uploads;
    let kept_claims = claim::Entity::find()
        .filter(claim::Column::UserId.eq(me.id))
        .all(db)
        .await?;
    let claim_ids: Vec<i64> = kept_claims.iter().map(|c| c.id).collect();
    let kept_units: HashSet<i64> = kept_claims.iter().map(|c| c.product_id).collect();
    let units: Vec<i64> = registered_product::Entity::find()
        .filter(registered_product::Column::UserId.eq(me.id))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();

    // Files: proofs of every product; every upload of theirs and every file on their
    // claims (an agent's attachments in the thread too). Rows now, bytes after commit.
    let mut files = Vec::new();
    let proofs = proof::Entity::find()
        .filter(proof::Column::ProductId.is_in(units.clone()))
        .all(db)
        .await?;
    files.extend(
        proofs
            .iter()
            .map(|p| uploads::path(uploads_dir, &p.stored_name)),
    );
    proof::Entity::delete_many()
        .filter(proof::Column::ProductId.is_in(units.clone()))
        .exec(db)
        .await?;
    let their_files = Condition::any()
        .add(claim_file::Column::UserId.eq(me.id))
        .add(claim_file::Column::ClaimId.is_in(claim_ids.clone()));
    for f in claim_file::Entity::find()
        .filter(their_files.clone())
        .all(db)
        .await?
    {
        files.push(uploads::path(uploads_dir, &f.stored_name));
        if let Some(thumb) = &f.thumb_name {
            files.push(uploads::path(uploads_dir, thumb));
        }
    }
    claim_file::Entity::delete_many()
        .filter(their_files)
        .exec(db)
        .await?;

    // What is theirs alone goes (slot places with their appointments, by cascade).
    appointment::Entity::delete_many()
        .filter(appointment::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    notification::Entity::delete_many()
        .filter(notification::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    article_feedback::Entity::delete_many()
        .filter(article_feedback::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    passkey::Entity::delete_many()
        .filter(passkey::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Email.eq(&me.email))
        .exec(db)
        .await?;
    outbox::Entity::delete_many()
        .filter(outbox::Column::Recipient.eq(&me.email))
        .exec(db)
        .await?;
    // Products no claim needs go whole (plans and service history by cascade).
    let products_deleted = registered_product::Entity::delete_many()
        .filter(registered_product::Column::UserId.eq(me.id))
        .filter(registered_product::Column::Id.is_not_in(kept_units.iter().copied()))
        .exec(db)
        .await?
        .rows_affected;

    // Products a claim needs keep their model, market and dates; not what identifies
    // the unit or the customer.
    for id in &kept_units {
        registered_product::Entity::update_many()
            .col_expr(
                registered_product::Column::Serial,
                Expr::value(format!("erased-{id}")),
            )
            .col_expr(registered_product::Column::Retailer, Expr::value(""))
            .col_expr(
                registered_product::Column::Nickname,
                Expr::value(Option::<String>::None),
            )
            .filter(registered_product::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    service_event::Entity::update_many()
        .col_expr(
            service_event::Column::OldSerial,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            service_event::Column::NewSerial,
            Expr::value(Option::<String>::None),
        )
        .filter(service_event::Column::ProductId.is_in(kept_units.iter().copied()))
        .exec(db)
        .await?;

    // Claims keep their facts; their words go.
    claim::Entity::update_many()
        .col_expr(claim::Column::Description, Expr::value(ERASED))
        .col_expr(claim::Column::Phone, Expr::value(""))
        .filter(claim::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    claim_message::Entity::update_many()
        .col_expr(claim_message::Column::Body, Expr::value(ERASED))
        .filter(claim_message::Column::ClaimId.is_in(claim_ids.clone()))
        .exec(db)
        .await?;
    claim_event::Entity::update_many()
        .col_expr(claim_event::Column::Note, Expr::value(ERASED))
        .filter(claim_event::Column::ClaimId.is_in(claim_ids.clone()))
        .filter(claim_event::Column::Note.ne(""))
        .exec(db)
        .await?;
    quote::Entity::update_many()
        .col_expr(quote::Column::Note, Expr::value(ERASED))
        .filter(quote::Column::ClaimId.is_in(claim_ids.clone()))
        .filter(quote::Column::Note.ne(""))
        .exec(db)
        .await?;
    survey::Entity::update_many()
        .col_expr(survey::Column::Comment, Expr::value(""))
        .filter(survey::Column::ClaimId.is_in(claim_ids.clone()))
        .exec(db)
        .await?;
    // The audit log outlives everything, but not the words or serials in it.
    let subjects: Vec<String> = claim_ids.iter().map(|id| claims::subject(*id)).collect();
    for entry in audit_entry::Entity::find()
        .filter(
            Condition::any()
                .add(audit_entry::Column::Subject.is_in(subjects))
                .add(audit_entry::Column::ActorUserId.eq(me.id)),
        )
        .all(db)
        .await?
    {
        if let Some(scrubbed) = scrub_details(&entry.details_json) {
            let mut active = entry.into_active_model();
            active.details_json = Set(scrubbed);
            active.update(db).await?;
        }
    }

    // The account: gone, or — when claims outlive it — a nameless record nobody can
    // sign in to (no email, a password hash that never matches).
    if kept_claims.is_empty() {
        user::Entity::delete_by_id(me.id).exec(db).await?;
    } else {
        let mut active = me.clone().into_active_model();
        active.email = Set(format!("erased-{}@erased.invalid", me.id));
        active.name = Set(ERASED_NAME.to_owned());
        active.password_hash = Set("!".to_owned());
        active.language = Set(Language::default().tag().to_owned());
        active.update(db).await?;
    }
    Ok(Erased {
        claims_kept: kept_claims.len(),
        products_deleted: usize::try_from(products_deleted).unwrap_or(usize::MAX),
        files,
    })
}

/// Checks the password typed to confirm an erasure: 422 on `password` when it is
/// missing or not theirs (counted like a failed sign-in, 429 past the limit).
async fn check_password(state: &AppState, me: &user::Model, password: &str) -> ApiResult<()> {
    if password.is_empty() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "password",
            "error.password_required",
            "Enter your password",
        )]));
    }
    let since = Utc::now() - Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let recent = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Email.eq(&me.email))
        .filter(sign_in_failure::Column::At.gt(since))
        .count(&state.db)
        .await?;
    if recent >= u64::from(state.config.signin_attempts) {
        return Err(ApiError::Throttled(
            u64::try_from(THROTTLE_WINDOW_MINUTES * 60).unwrap_or(900),
        ));
    }
    if !verify_password(password, &me.password_hash) {
        sign_in_failure::ActiveModel {
            email: Set(me.email.clone()),
            at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
        return Err(ApiError::Validation(vec![FieldError::new(
            "password",
            "error.password_incorrect",
            "This is not your password",
        )]));
    }
    Ok(())
}

/// `DELETE /me`: erases the signed-in customer's account after checking their password
/// (`DeleteAccountRequest`): 422 on `password` when it is not theirs (counted like a
/// failed sign-in, 429 past the limit), 403 for agents (the business closes their
/// accounts). An account without a password sends a `passkey_token` from
/// `POST /me/reauth/finish` instead (422 `error.reauth_required` without a live one).
/// Everything is erased in one transaction; every session ends; files leave the disk
/// once it is committed. 204, with the cookie cleared.
#[utoipa::path(delete, path = "/me", tag = "account", security(("session" = [])), request_body = DeleteAccountRequest, responses((status = 204, description = "The account and everything about it is erased; the session cookie is cleared"), (status = 400, response = crate::openapi::BadRequest), (status = 401, response = crate::openapi::Unauthenticated), (status = 403, response = crate::openapi::Forbidden), (status = 413, response = crate::openapi::PayloadTooLarge), (status = 422, response = crate::openapi::Invalid), (status = 429, response = crate::openapi::Throttled)))]
pub async fn delete_account(
    State(state): State<AppState>,
    Customer(me): Customer,
    Json(req): Json<DeleteAccountRequest>,
) -> ApiResult<Response> {
    let passkey_only = !has_password(&me);
    if !passkey_only {
        check_password(&state, &me, &req.password).await?;
    }

    let txn = state.db.begin().await?;
    if passkey_only {
        // In the transaction: a failed erasure leaves the confirmation unused.
        account::confirm_with_passkey(&txn, &me, req.passkey_token.as_deref()).await?;
    }
    let erased = erase(&txn, &state, &me).await?;
    claims::audit(
        &txn,
        &me,
        "account.erase",
        format!("user:{}", me.id),
        json!({
            "claims_kept": erased.claims_kept,
            "products_deleted": erased.products_deleted,
            "files_deleted": erased.files.len(),
        }),
    )
    .await?;
    txn.commit().await?;

    for path in &erased.files {
        if let Err(e) = tokio::fs::remove_file(path).await {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::error!(path = %path.display(), error = %e, "erasure: file not deleted");
            }
        }
    }
    tracing::info!(
        user_id = me.id,
        claims_kept = erased.claims_kept,
        files = erased.files.len(),
        "account erased"
    );
    let cookie = auth::end_session(&state, None).await?;
    Ok(auth::with_cookie(
        StatusCode::NO_CONTENT.into_response(),
        cookie,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_names_keep_letters_and_lose_separators() {
        assert_eq!(zip_name("faktura 03.pdf"), "faktura_03.pdf");
        assert_eq!(zip_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(zip_name("żółw.jpg"), "żółw.jpg");
        assert_eq!(zip_name(""), "file");
    }

    #[test]
    fn audit_details_lose_their_words_and_serials_only() {
        let scrubbed =
            scrub_details(r#"{"from":"in_review","to":"rejected","note":"Ana said hi","new_serial":"X1","score":5}"#)
                .expect("changed");
        let v: Value = serde_json::from_str(&scrubbed).expect("json");
        assert_eq!(v["note"], ERASED);
        assert_eq!(v["new_serial"], ERASED);
        assert_eq!(v["to"], "rejected");
        assert_eq!(v["score"], 5);
        assert_eq!(scrub_details(r#"{"note":"","score":5}"#), None);
    }
}
