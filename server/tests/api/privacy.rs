//! A customer's data rights through the real router: the export holds everything of
//! theirs and nothing of anyone else's; erasing the account leaves no trace of them in
//! the database or the uploads folder, keeps their claims as anonymous records, and
//! spares every other customer; a wrong password erases nothing.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

use aftercare_core::api::{AccountExport, ExportedFileKind, Me, ProductList};
use aftercare_core::claims::{Claim, ClaimFile, ClaimStatus};
use aftercare_core::problem::Problem;
use aftercare_server::db::entities::{
    appointment, article_feedback, audit_entry, claim, claim_event, claim_file, claim_message,
    idempotency_key, notification, outbox, product_plan, proof, quote, registered_product,
    service_event, session, sign_in_failure, slot_claim, survey, user,
};
use aftercare_server::routes::privacy::{ERASED, ERASED_NAME};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::support::{TestApp, PASSWORD};

const WASHER_SKU: &str = "BSH-WAN28281";

fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

/// A small PNG, as a phone photo would arrive.
pub(crate) fn png() -> Vec<u8> {
    let image = RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([(x * 5) as u8, (y * 7) as u8, ((x + y) * 3) as u8])
    });
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("png");
    out
}

/// A customer with one of everything the portal keeps, and the ids of it all.
pub(crate) struct Everything {
    pub cookie: String,
    pub name: String,
    pub email: String,
    pub serials: [String; 2],
    pub phone: String,
    /// The product with the claim.
    pub product_id: i64,
    /// A product with no claim (with a proof and a plan).
    pub spare_product_id: i64,
    pub appointment_id: i64,
    pub claim_id: i64,
    pub photo_id: i64,
    pub attachment_id: i64,
    pub agent_attachment_id: i64,
    pub proof_bytes: Vec<u8>,
    pub article_slug: String,
    pub centre_id: i64,
}

async fn created(reply: crate::support::Reply) -> Value {
    assert!(
        reply.status == StatusCode::CREATED || reply.status == StatusCode::OK,
        "{} {}",
        reply.status,
        reply.body
    );
    reply.json()
}

/// Signs `name` up and gives them two products (proofs, a plan), an appointment, a claim
/// with a photo, a thread with attachments both ways, an agent's note, notifications and
/// an article answer. `tag` makes serials unique; `agent` is an agent's cookie.
pub(crate) async fn customer_with_everything(
    app: &TestApp,
    agent: &String,
    name: &str,
    email: &str,
    tag: u32,
) -> Everything {
    let signed_up = app
        .call(
            Method::POST,
            "/auth/signup",
            Some(json!({"name": name, "email": email, "password": PASSWORD})),
            None,
        )
        .await;
    assert_eq!(signed_up.status, StatusCode::CREATED, "{}", signed_up.body);
    let cookie = signed_up.session_cookie().expect("cookie");
    let serials = [format!("WM-{tag}0001"), format!("WM-{tag}0002")];

    let mut body = app
        .registration_body(WASHER_SKU, &serials[0], &days_ago(200))
        .await;
    body["nickname"] = json!(format!("{name}'s washer"));
    let product_id = created(
        app.call(Method::POST, "/products", Some(body), Some(&cookie))
            .await,
    )
    .await["id"]
        .as_i64()
        .expect("id");
    let proof_bytes = format!("%PDF-1.7\n{name}'s invoice, {email}\n%%EOF").into_bytes();
    created(
        app.upload(
            &format!("/products/{product_id}/proof"),
            "faktura 03.pdf",
            &proof_bytes,
            Some(&cookie),
        )
        .await,
    )
    .await;
    let spare_product_id = created(
        app.register(&cookie, WASHER_SKU, &serials[1], &days_ago(30))
            .await,
    )
    .await["id"]
        .as_i64()
        .expect("id");
    created(
        app.upload(
            &format!("/products/{spare_product_id}/proof"),
            "receipt.pdf",
            b"%PDF-1.7\nsecond receipt\n%%EOF",
            Some(&cookie),
        )
        .await,
    )
    .await;
    created(
        app.call(
            Method::POST,
            &format!("/products/{spare_product_id}/plans"),
            Some(json!({"code": "EXT-12", "purchase_date": days_ago(10)})),
            Some(&cookie),
        )
        .await,
    )
    .await;

    let centres = app
        .call(Method::GET, "/centres", None, None)
        .await
        .json::<Value>();
    let centre_id = centres["centres"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["city"] == "Chicago"))
        .expect("Chicago centre")["id"]
        .as_i64()
        .expect("id");
    let slots = app
        .call(
            Method::GET,
            &format!("/centres/{centre_id}/slots?service=maintenance"),
            None,
            None,
        )
        .await
        .json::<Value>();
    let start = slots["slots"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["free"].as_u64() > Some(0)))
        .expect("a free slot")["start"]
        .clone();
    let appointment_id = created(
        app.call(
            Method::POST,
            "/appointments",
            Some(json!({"product_id": product_id, "centre_id": centre_id,
                        "service": "maintenance", "start": start,
                        "notes": format!("Ring {name}'s bell twice")})),
            Some(&cookie),
        )
        .await,
    )
    .await["id"]
        .as_i64()
        .expect("id");

    let photo: ClaimFile = app
        .upload("/claims/uploads", "leak.png", &png(), Some(&cookie))
        .await
        .json();
    let phone = format!("+48 600 {tag} 200");
    let claim: Claim = app
        .call_with(
            Method::POST,
            "/claims",
            Some(json!({
                "product_id": product_id,
                "cause": "performance_defect",
                "description": format!("{name}'s washer leaks onto the kitchen floor"),
                "started_on": days_ago(3),
                "remedy": "free_repair",
                "contact": "phone",
                "phone": phone,
                "photo_ids": [photo.id],
            })),
            Some(&cookie),
            &[("idempotency-key", "claim-1")],
        )
        .await
        .json();
    let attachment: ClaimFile = app
        .upload(
            "/claims/uploads",
            "delivery note.pdf",
            b"%PDF-1.7\ndelivery note\n%%EOF",
            Some(&cookie),
        )
        .await
        .json();
    created(
        app.call(
            Method::POST,
            &format!("/claims/{}/messages", claim.summary.id),
            Some(
                json!({"body": format!("{name} writes: the note is attached"),
                        "attachment_ids": [attachment.id]}),
            ),
            Some(&cookie),
        )
        .await,
    )
    .await;
    let moved = app
        .call(
            Method::POST,
            &format!("/agent/claims/{}/transition", claim.summary.id),
            Some(json!({"to": "in_review", "note": format!("Called {name} on {phone}")})),
            Some(agent),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let agent_attachment: ClaimFile = app
        .upload(
            "/claims/uploads",
            "manual.pdf",
            b"%PDF-1.7\nservice manual page\n%%EOF",
            Some(agent),
        )
        .await
        .json();
    created(
        app.call(
            Method::POST,
            &format!("/agent/claims/{}/messages", claim.summary.id),
            Some(json!({"body": format!("Thank you {name}, see page 4"),
                        "attachment_ids": [agent_attachment.id]})),
            Some(agent),
        )
        .await,
    )
    .await;

    let articles = app
        .call(Method::GET, "/articles", None, None)
        .await
        .json::<Value>();
    let article_slug = articles["articles"][0]["slug"]
        .as_str()
        .expect("an article")
        .to_owned();
    created(
        app.call(
            Method::POST,
            &format!("/articles/{article_slug}/feedback"),
            Some(json!({"solved": true})),
            Some(&cookie),
        )
        .await,
    )
    .await;

    Everything {
        cookie,
        name: name.to_owned(),
        email: email.to_owned(),
        serials,
        phone,
        product_id,
        spare_product_id,
        appointment_id,
        claim_id: claim.summary.id,
        photo_id: photo.id,
        attachment_id: attachment.id,
        agent_attachment_id: agent_attachment.id,
        proof_bytes,
        article_slug,
        centre_id,
    }
}

/// Downloads the export and returns (export.json, every entry's bytes by path).
async fn export(app: &TestApp, cookie: &String) -> (AccountExport, HashMap<String, Vec<u8>>) {
    let (status, headers, bytes) = app.download("/me/export", Some(cookie)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(headers["content-type"], "application/zip");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"aftercare-export-"),
        "{disposition}"
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut entries = HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("inflate");
        entries.insert(entry.name().to_owned(), content);
    }
    let json = entries.get("export.json").expect("export.json");
    (
        serde_json::from_slice(json).expect("an AccountExport"),
        entries,
    )
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// What identifies the customer, for searching what is left.
fn traces(c: &Everything) -> Vec<String> {
    vec![
        c.name.clone(),
        c.email.clone(),
        c.serials[0].clone(),
        c.serials[1].clone(),
        c.phone.clone(),
    ]
}

#[tokio::test]
async fn the_export_holds_everything_of_the_customer_and_nothing_of_another() {
    let app = TestApp::init().await;
    let agent = app.agent("sam@example.com").await;
    let ana = customer_with_everything(&app, &agent, "Ana Nowak", "ana@example.com", 1111).await;
    let bo = customer_with_everything(&app, &agent, "Bo Berg", "bo@example.com", 2222).await;

    let (data, entries) = export(&app, &ana.cookie).await;
    assert_eq!(data.account.email, "ana@example.com");
    assert_eq!(data.account.name, "Ana Nowak");
    let serials: Vec<&str> = data
        .products
        .iter()
        .map(|p| p.product.serial.as_str())
        .collect();
    assert_eq!(serials, [ana.serials[0].as_str(), ana.serials[1].as_str()]);
    assert!(data.products.iter().all(|p| p.coverage.proof.is_some()));
    assert_eq!(data.products[1].coverage.plans.len(), 1, "the plan");
    assert_eq!(
        data.appointments.iter().map(|a| a.id).collect::<Vec<_>>(),
        [ana.appointment_id]
    );
    assert_eq!(
        data.appointments[0].notes.as_deref(),
        Some("Ring Ana Nowak's bell twice")
    );
    assert_eq!(data.claims.len(), 1);
    let claim = &data.claims[0];
    assert_eq!(claim.summary.id, ana.claim_id);
    assert!(claim.description.contains("kitchen floor"));
    assert_eq!(claim.photos.len(), 1);
    assert_eq!(claim.messages.len(), 2, "hers and the agent's");
    assert!(claim.events.iter().any(|e| e.to == ClaimStatus::InReview));
    assert!(!data.notifications.is_empty());
    assert_eq!(data.article_feedback.len(), 1);
    assert_eq!(data.article_feedback[0].article_slug, ana.article_slug);

    // Every file is listed, packed under files/, and byte for byte what is stored.
    let kinds: Vec<ExportedFileKind> = data.files.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ExportedFileKind::Proof)
            .count(),
        2
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ExportedFileKind::ClaimPhoto)
            .count(),
        1
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ExportedFileKind::MessageAttachment)
            .count(),
        2
    );
    for file in &data.files {
        let path = file.path.as_deref().expect("packed");
        assert!(path.starts_with("files/"), "{path}");
        assert_eq!(entries[path].len() as u64, file.bytes, "{path}");
    }
    let proof = data
        .files
        .iter()
        .find(|f| f.kind == ExportedFileKind::Proof && f.product_id == Some(ana.product_id))
        .expect("the first proof");
    assert_eq!(proof.file_name, "faktura 03.pdf");
    assert_eq!(
        entries[proof.path.as_deref().expect("path")],
        ana.proof_bytes
    );
    let photo = data
        .files
        .iter()
        .find(|f| f.kind == ExportedFileKind::ClaimPhoto)
        .expect("photo");
    let (_, _, stored) = app
        .download(
            &format!("/claims/files/{}", ana.photo_id),
            Some(&ana.cookie),
        )
        .await;
    assert_eq!(entries[photo.path.as_deref().expect("path")], stored);
    assert_eq!(entries.len(), data.files.len() + 1);

    // Nothing of Bo's, anywhere in the archive.
    for (path, content) in &entries {
        for trace in traces(&bo) {
            assert!(!contains(content, &trace), "{trace} in {path}");
        }
        assert!(!contains(content, "Bo Berg's invoice"), "{path}");
    }
    // And the other way round.
    let (bos, bos_entries) = export(&app, &bo.cookie).await;
    assert_eq!(bos.account.email, "bo@example.com");
    for (path, content) in &bos_entries {
        for trace in traces(&ana) {
            assert!(!contains(content, &trace), "{trace} in Bo's {path}");
        }
    }
}

/// The files on disk that belong to a customer: proofs of their products, their uploads
/// and every file on their claims, with thumbnails.
async fn files_of(app: &TestApp, c: &Everything) -> Vec<PathBuf> {
    let uploads = app.state.config.uploads.clone();
    let db = &app.state.db;
    let mut paths = Vec::new();
    for p in proof::Entity::find()
        .filter(proof::Column::ProductId.is_in([c.product_id, c.spare_product_id]))
        .all(db)
        .await
        .expect("proofs")
    {
        paths.push(uploads.join(p.stored_name));
    }
    for f in claim_file::Entity::find()
        .filter(claim_file::Column::Id.is_in([c.photo_id, c.attachment_id, c.agent_attachment_id]))
        .all(db)
        .await
        .expect("files")
    {
        paths.push(uploads.join(f.stored_name));
        if let Some(thumb) = f.thumb_name {
            paths.push(uploads.join(thumb));
        }
    }
    assert_eq!(
        paths.len(),
        6,
        "two proofs, a photo and its thumbnail, two attachments"
    );
    paths
}

/// Every row of every table, as text, for searching.
async fn whole_database(app: &TestApp) -> String {
    let db = &app.state.db;
    macro_rules! dump {
        ($($entity:ident),*) => {{
            let mut out = String::new();
            $(
                out.push_str(&format!("{:?}\n", $entity::Entity::find().all(db).await.expect("rows")));
            )*
            out
        }};
    }
    dump!(
        user,
        session,
        sign_in_failure,
        registered_product,
        idempotency_key,
        proof,
        product_plan,
        service_event,
        appointment,
        slot_claim,
        notification,
        outbox,
        article_feedback,
        claim,
        claim_event,
        audit_entry,
        claim_message,
        claim_file,
        quote,
        survey
    )
}

async fn status_of(app: &TestApp, path: &str, cookie: &String) -> StatusCode {
    app.call(Method::GET, path, None, Some(cookie)).await.status
}

#[tokio::test]
async fn erasing_the_account_leaves_no_trace_keeps_an_anonymous_claim_and_spares_others() {
    let app = TestApp::init().await;
    let agent = app.agent("sam@example.com").await;
    let ana = customer_with_everything(&app, &agent, "Ana Nowak", "ana@example.com", 1111).await;
    let bo = customer_with_everything(&app, &agent, "Bo Berg", "bo@example.com", 2222).await;
    let second_session = app
        .sign_in("ana@example.com", PASSWORD)
        .await
        .session_cookie()
        .expect("a second session");
    let anas_files = files_of(&app, &ana).await;
    let bos_files = files_of(&app, &bo).await;
    assert!(anas_files.iter().chain(&bos_files).all(|p| p.exists()));
    let claim_before: Claim = app
        .call(
            Method::GET,
            &format!("/agent/claims/{}", ana.claim_id),
            None,
            Some(&agent),
        )
        .await
        .json();
    let bos_claim_path = format!("/claims/{}", bo.claim_id);
    let bos_claim_before = app
        .call(Method::GET, &bos_claim_path, None, Some(&bo.cookie))
        .await
        .body;
    let bos_products_before = app
        .call(Method::GET, "/products", None, Some(&bo.cookie))
        .await
        .body;

    // The search below sees her: every trace is stored before.
    let stored = whole_database(&app).await;
    for trace in traces(&ana) {
        assert!(stored.contains(&trace), "{trace} was never stored");
    }

    let erased = app
        .call(
            Method::DELETE,
            "/me",
            Some(json!({"password": PASSWORD})),
            Some(&ana.cookie),
        )
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);
    assert!(
        erased.header("set-cookie").contains("Max-Age=0"),
        "the cookie is cleared"
    );

    // Not a trace of her in any table (before anything else is tried with her email).
    let everything = whole_database(&app).await;
    for trace in traces(&ana) {
        assert!(!everything.contains(&trace), "{trace} is still stored");
    }
    assert!(!everything.contains("Ana Nowak's washer leaks"));
    assert!(!everything.contains("Ring Ana"));
    let audit = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("account.erase"))
        .all(&app.state.db)
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1);

    // Signed out everywhere, and the account cannot be signed in to.
    for cookie in [&ana.cookie, &second_session] {
        assert_eq!(
            status_of(&app, "/me", cookie).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.sign_in("ana@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Her files are gone from the disk; Bo's are all there.
    for path in &anas_files {
        assert!(!path.exists(), "{} is still on disk", path.display());
    }
    assert!(bos_files.iter().all(|p| p.exists()));

    // The claim is kept, anonymous: facts stay, words and files go.
    let kept: Claim = app
        .call(
            Method::GET,
            &format!("/agent/claims/{}", ana.claim_id),
            None,
            Some(&agent),
        )
        .await
        .json();
    assert_eq!(kept.summary.status, ClaimStatus::InReview);
    assert_eq!(kept.summary.created_at, claim_before.summary.created_at);
    assert_eq!(kept.summary.centre_id, claim_before.summary.centre_id);
    assert_eq!(kept.summary.category, claim_before.summary.category);
    assert_eq!(kept.summary.product_name, "Bosch Serie 4 WAN28281 8 kg");
    assert_eq!(kept.summary.customer_name.as_deref(), Some(ERASED_NAME));
    assert_eq!(kept.started_on, claim_before.started_on);
    assert_eq!(kept.remedy, claim_before.remedy);
    assert_eq!(kept.description, ERASED);
    assert_eq!(kept.phone, "");
    assert!(kept.photos.is_empty());
    assert_eq!(kept.messages.len(), 2);
    assert!(kept
        .messages
        .iter()
        .all(|m| m.body == ERASED && m.attachments.is_empty()));
    assert_eq!(kept.events.len(), claim_before.events.len());
    assert!(kept
        .events
        .iter()
        .all(|e| e.note.is_empty() || e.note == ERASED));
    assert_eq!(
        app.download(&format!("/claims/files/{}", ana.photo_id), Some(&agent))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert!(
        registered_product::Entity::find_by_id(ana.spare_product_id)
            .one(&app.state.db)
            .await
            .expect("query")
            .is_none(),
        "a product no claim needs is deleted"
    );

    // Bo sees exactly what he saw before, and still signs in.
    assert_eq!(
        app.call(Method::GET, &bos_claim_path, None, Some(&bo.cookie))
            .await
            .body,
        bos_claim_before
    );
    assert_eq!(
        app.call(Method::GET, "/products", None, Some(&bo.cookie))
            .await
            .body,
        bos_products_before
    );
    assert_eq!(
        app.sign_in("bo@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    assert!(everything.contains("Bo Berg"));

    // The email is free again: signing up with it starts from nothing.
    let fresh = app.customer("ana@example.com").await;
    let products: ProductList = app
        .call(Method::GET, "/products", None, Some(&fresh))
        .await
        .json();
    assert!(products.products.is_empty());
    let (data, _) = export(&app, &fresh).await;
    assert!(data.claims.is_empty() && data.files.is_empty());
}

#[tokio::test]
async fn a_wrong_or_missing_password_erases_nothing_and_agents_cannot_erase_themselves() {
    let app = TestApp::init().await;
    let agent = app.agent("sam@example.com").await;
    let ana = customer_with_everything(&app, &agent, "Ana Nowak", "ana@example.com", 1111).await;
    let files = files_of(&app, &ana).await;
    let before = whole_database(&app).await;

    let wrong = app
        .call(
            Method::DELETE,
            "/me",
            Some(json!({"password": "not-my-password-at-all"})),
            Some(&ana.cookie),
        )
        .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert_eq!(wrong.header("content-type"), "application/problem+json");
    let problem: Problem = wrong.json();
    assert_eq!(problem.errors[0].field, "password");
    assert_eq!(problem.errors[0].code, "error.password_incorrect");
    for body in [json!({}), json!({"password": ""})] {
        let missing = app
            .call(Method::DELETE, "/me", Some(body), Some(&ana.cookie))
            .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            missing.json::<Problem>().errors[0].code,
            "error.password_required"
        );
    }
    let no_body = app
        .call(Method::DELETE, "/me", None, Some(&ana.cookie))
        .await;
    assert!(no_body.status.is_client_error(), "{}", no_body.status);
    let agents_own = app
        .call(
            Method::DELETE,
            "/me",
            Some(json!({"password": PASSWORD})),
            Some(&agent),
        )
        .await;
    assert_eq!(agents_own.status, StatusCode::FORBIDDEN);

    // Nothing changed but the failed attempt on record; she is still signed in.
    let me: Me = app
        .call(Method::GET, "/me", None, Some(&ana.cookie))
        .await
        .json();
    assert_eq!(me.email, "ana@example.com");
    assert!(files.iter().all(|p| p.exists()));
    let failures = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Email.eq("ana@example.com"))
        .all(&app.state.db)
        .await
        .expect("failures");
    assert_eq!(
        failures.len(),
        1,
        "the wrong password counts as a failed sign-in"
    );
    let after = whole_database(&app).await;
    let tables_except_failures = |dump: &str| -> Vec<String> {
        // Line 3 of the dump is the failures table (see `whole_database`).
        dump.lines()
            .enumerate()
            .filter(|(i, _)| *i != 2)
            .map(|(_, l)| l.to_owned())
            .collect()
    };
    assert_eq!(
        tables_except_failures(&before),
        tables_except_failures(&after)
    );

    // Past the sign-in limit, guessing is throttled like signing in.
    for _ in 0..10 {
        app.call(
            Method::DELETE,
            "/me",
            Some(json!({"password": "still-not-my-password"})),
            Some(&ana.cookie),
        )
        .await;
    }
    let throttled = app
        .call(
            Method::DELETE,
            "/me",
            Some(json!({"password": PASSWORD})),
            Some(&ana.cookie),
        )
        .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!throttled.header("retry-after").is_empty());
    assert_eq!(status_of(&app, "/me", &ana.cookie).await, StatusCode::OK);
}
