//! Claims through the real router: filing with photos, the photo checks, privacy between
//! customers, the back office's workflow with its timeline, audit and notifications,
//! quotes, repairs feeding the warranty, surveys, and the live view's ETag.

use aftercare_core::api::{NotificationList, ProductCoverage, RegisteredProduct};
use aftercare_core::claims::{
    Actor, Claim, ClaimFile, ClaimList, ClaimMessage, ClaimStatus, Queue, QuoteStatus, Resolution,
    SatisfactionReport, Stage, StepState,
};
use aftercare_core::problem::Problem;
use aftercare_server::db::entities::{audit_entry, outbox};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::support::{Reply, TestApp};

const WASHER_SKU: &str = "BSH-WAN28281";

fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

/// A small picture with some detail.
fn picture() -> RgbImage {
    RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, ((x + y) * 2) as u8])
    })
}

/// A JPEG as a phone writes it: with an EXIF block (here, a camera's name).
fn camera_jpeg() -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&picture())
        .expect("jpeg");
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08ACME-PHONE-GPS-52.2297N-21.0122E".to_vec();
    exif.resize(64, 0);
    let length = u16::try_from(exif.len() + 2).expect("segment length");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A JPEG carrying an HTML page in a comment segment.
fn polyglot_jpeg() -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&picture())
        .expect("jpeg");
    let page = b"<html><body><script>alert(document.cookie)</script></body></html>";
    let length = u16::try_from(page.len() + 2).expect("segment length");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(page);
    out.extend_from_slice(&plain[2..]);
    out
}

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let image = picture();
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

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len())
        .expect("chunk length")
        .to_be_bytes()
        .to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A tiny PNG whose header claims 50,000 × 50,000 pixels (a decompression bomb's opening).
fn png_declaring_fifty_thousand_square() -> Vec<u8> {
    let mut ihdr = 50_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    out.extend_from_slice(&png_chunk(b"IHDR", &ihdr));
    out.extend_from_slice(&png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    out.extend_from_slice(&png_chunk(b"IEND", &[]));
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Registers a washer bought `days` ago.
async fn washer(app: &TestApp, cookie: &String, serial: &str, days: i64) -> RegisteredProduct {
    let reply = app
        .register(cookie, WASHER_SKU, serial, &days_ago(days))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

/// Uploads a photo draft.
async fn photo(app: &TestApp, cookie: &String) -> ClaimFile {
    let reply = app
        .upload("/claims/uploads", "leak.png", &png(), Some(cookie))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

fn claim_body(product_id: i64, cause: &str, remedy: &str, photo_ids: &[i64]) -> Value {
    json!({
        "product_id": product_id,
        "cause": cause,
        "description": "Water collects at the bottom and it stops mid-cycle.",
        "started_on": days_ago(3),
        "remedy": remedy,
        "contact": "email",
        "photo_ids": photo_ids,
    })
}

/// Files a covered claim (a performance defect, free repair) on a new washer.
async fn covered_claim(app: &TestApp, cookie: &String, serial: &str) -> Claim {
    let product = washer(app, cookie, serial, 200).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "performance_defect",
                "free_repair",
                &[],
            )),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

/// Files a claim that is not covered (a drop, paid repair).
async fn paid_claim(app: &TestApp, cookie: &String, serial: &str) -> Claim {
    let product = washer(app, cookie, serial, 200).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "accidental_damage",
                "paid_repair",
                &[],
            )),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()
}

async fn agent_move(
    app: &TestApp,
    agent: &String,
    id: i64,
    to: &str,
    note: &str,
    resolution: Option<&str>,
) -> Reply {
    app.call(
        Method::POST,
        &format!("/agent/claims/{id}/transition"),
        Some(json!({"to": to, "note": note, "resolution": resolution})),
        Some(agent),
    )
    .await
}

async fn moved(
    app: &TestApp,
    agent: &String,
    id: i64,
    to: &str,
    resolution: Option<&str>,
) -> Claim {
    let reply = agent_move(app, agent, id, to, "", resolution).await;
    assert_eq!(reply.status, StatusCode::OK, "{to}: {}", reply.body);
    reply.json()
}

async fn customer_view(app: &TestApp, cookie: &String, id: i64) -> Claim {
    let reply = app
        .call(Method::GET, &format!("/claims/{id}"), None, Some(cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

async fn notifications(app: &TestApp, cookie: &String) -> NotificationList {
    app.call(Method::GET, "/notifications", None, Some(cookie))
        .await
        .json()
}

async fn audit_count(app: &TestApp, id: i64, action: &str) -> u64 {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Subject.eq(format!("claim:{id}")))
        .filter(audit_entry::Column::Action.eq(action))
        .count(&app.state.db)
        .await
        .expect("audit log")
}

fn problem_code(reply: &Reply) -> String {
    reply.json::<Problem>().code
}

#[tokio::test]
async fn a_customer_files_a_claim_with_a_photo_and_a_retry_files_it_once() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product = washer(&app, &ana, "WM-61006100", 200).await;
    let coverage: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert!(
        coverage
            .coverage
            .offers(aftercare_core::warranty::RemedyKind::FreeRepair),
        "{:?}",
        coverage.coverage.remedies
    );
    let leak = photo(&app, &ana).await;
    let body = claim_body(product.id, "performance_defect", "free_repair", &[leak.id]);
    let (first, retry) = app.post_twice(&ana, "/claims", body, "claim-key-1").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(retry.status, StatusCode::CREATED);
    assert_eq!(retry.header("idempotent-replayed"), "true");
    let claim: Claim = first.json();
    assert_eq!(retry.json::<Claim>().summary.id, claim.summary.id);

    assert_eq!(claim.summary.status, ClaimStatus::Submitted);
    assert_eq!(
        claim.summary.reference,
        format!("CL-{:06}", claim.summary.id)
    );
    assert!(claim.covered);
    assert_eq!(claim.photos.len(), 1);
    assert_eq!(claim.photos[0].id, leak.id);
    assert_eq!(claim.events.len(), 1);
    assert_eq!(claim.events[0].from, None);
    assert_eq!(claim.events[0].actor, Actor::Customer);
    assert_eq!(
        claim.summary.centre_name.as_deref(),
        Some("Aftercare Warszawa Mokotów"),
        "the first centre in the product's country that repairs"
    );
    assert!(
        claim.next.is_empty(),
        "the customer waits: {:?}",
        claim.next
    );
    assert!(claim.coverage.is_none());

    let list: ClaimList = app
        .call(Method::GET, "/claims", None, Some(&ana))
        .await
        .json();
    assert_eq!(list.claims.len(), 1);
    let received = notifications(&app, &ana).await;
    assert_eq!(
        received.notifications[0].title_key,
        "notification.claim_received"
    );
    assert_eq!(
        received.notifications[0].params["reference"],
        claim.summary.reference
    );
    assert_eq!(audit_count(&app, claim.summary.id, "claim.create").await, 1);
    let emails = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq("ana@example.com"))
        .filter(outbox::Column::Subject.contains(&claim.summary.reference))
        .all(&app.state.db)
        .await
        .expect("outbox");
    assert_eq!(emails.len(), 1);
    assert!(emails[0].subject.contains(&claim.summary.reference));

    // The photo is spent: it cannot be attached to a second claim.
    let again = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "performance_defect",
                "free_repair",
                &[leak.id],
            )),
            Some(&ana),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.json::<Problem>().errors[0].field, "photos");
}

#[tokio::test]
async fn a_remedy_the_coverage_does_not_offer_is_refused_on_the_remedy() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product = washer(&app, &ana, "WM-62006200", 200).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "accidental_damage",
                "free_repair",
                &[],
            )),
            Some(&ana),
        )
        .await;
    reply.assert_refused_on("remedy", "error.claim_remedy_not_offered");
    // The shared form rules answer first, each beside its field.
    let mut broken = claim_body(product.id, "performance_defect", "free_repair", &[]);
    broken["description"] = json!("broken");
    broken["started_on"] = json!(days_ago(-2));
    let reply = app
        .call(Method::POST, "/claims", Some(broken), Some(&ana))
        .await;
    let fields: Vec<String> = reply
        .json::<Problem>()
        .errors
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, vec!["description", "started_on"]);
    let list: ClaimList = app
        .call(Method::GET, "/claims", None, Some(&ana))
        .await
        .json();
    assert!(list.claims.is_empty());
}

#[tokio::test]
async fn claim_photos_are_checked_by_their_bytes_size_and_dimensions() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let refused = |reply: &Reply| reply.json::<Problem>().errors[0].clone();

    let text = app
        .upload(
            "/claims/uploads",
            "leak.jpg",
            b"Dear support, the washer leaks.",
            Some(&ana),
        )
        .await;
    assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (refused(&text).field.as_str(), refused(&text).code.as_str()),
        ("file", "error.photo_not_image")
    );

    let polyglot = app
        .upload("/claims/uploads", "leak.jpg", &polyglot_jpeg(), Some(&ana))
        .await;
    assert_eq!(polyglot.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused(&polyglot).code, "error.photo_markup");

    let mut huge = camera_jpeg();
    huge.resize(11 * 1024 * 1024, 0);
    let big = app
        .upload("/claims/uploads", "leak.jpg", &huge, Some(&ana))
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.header("content-type"), "application/problem+json");
    assert_eq!(
        (refused(&big).field.as_str(), refused(&big).code.as_str()),
        ("file", "error.file_too_large")
    );

    let started = std::time::Instant::now();
    let bomb = app
        .upload(
            "/claims/uploads",
            "leak.png",
            &png_declaring_fifty_thousand_square(),
            Some(&ana),
        )
        .await;
    assert_eq!(bomb.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused(&bomb).code, "error.photo_too_many_pixels");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "refused from the header, without decoding"
    );

    // A PDF is kept as it is (for a message), with no thumbnail.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
    let invoice = app
        .upload("/claims/uploads", "invoice.pdf", pdf, Some(&ana))
        .await;
    assert_eq!(invoice.status, StatusCode::CREATED, "{}", invoice.body);
    let invoice: ClaimFile = invoice.json();
    assert_eq!(invoice.content_type, "application/pdf");
    assert!(invoice.thumb_url.is_none());
    let (status, headers, bytes) = app
        .download(&format!("/claims/files/{}", invoice.id), Some(&ana))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, pdf);
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .starts_with("attachment"));
    // …and is no photo for a claim.
    let product = washer(&app, &ana, "WM-63006300", 200).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "performance_defect",
                "free_repair",
                &[invoice.id],
            )),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.json::<Problem>().errors[0].code,
        "error.photos_invalid"
    );
}

#[tokio::test]
async fn a_photo_is_re_encoded_without_its_metadata_and_served_with_a_thumbnail() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let original = camera_jpeg();
    assert!(contains(&original, b"ACME-PHONE-GPS"));
    let reply = app
        .upload("/claims/uploads", "IMG_2041.JPG", &original, Some(&ana))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let file: ClaimFile = reply.json();
    assert_eq!(file.file_name, "IMG_2041.jpg");
    assert_eq!(file.content_type, "image/jpeg");

    let (status, headers, full) = app.download(&file.url["/api/v1".len()..], Some(&ana)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(full.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(!contains(&full, b"ACME-PHONE-GPS") && !contains(&full, b"Exif"));
    assert_eq!(u64::try_from(full.len()).ok(), Some(file.bytes));
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "image/jpeg");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(header("content-disposition").starts_with("inline"));
    assert!(header("cache-control").starts_with("private, max-age="));
    let decoded = image::load_from_memory(&full).expect("a real JPEG");
    assert_eq!((decoded.width(), decoded.height()), (64, 48));

    let thumb_url = file.thumb_url.expect("a thumbnail");
    let (status, _, thumb) = app
        .download(&thumb_url["/api/v1".len()..], Some(&ana))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(image::load_from_memory(&thumb).is_ok());

    // A draft is its uploader's alone, even for agents.
    let path = format!("/claims/files/{}", file.id);
    assert_eq!(
        app.download(&path, Some(&bob)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.download(&path, Some(&agent)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.download(&path, None).await.0, StatusCode::UNAUTHORIZED);
    // Once on a claim, the agents see it.
    let product = washer(&app, &ana, "WM-64006400", 200).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "performance_defect",
                "free_repair",
                &[file.id],
            )),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(app.download(&path, Some(&agent)).await.0, StatusCode::OK);
    assert_eq!(
        app.download(&path, Some(&bob)).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn customer_cannot_see_or_act_on_another_customers_claim() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let product = washer(&app, &bob, "WM-65006500", 200).await;
    let bobs_photo = photo(&app, &bob).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "performance_defect",
                "free_repair",
                &[bobs_photo.id],
            )),
            Some(&bob),
        )
        .await;
    let claim: Claim = reply.json();
    let id = claim.summary.id;
    // Bob's message with an attachment, and an agent's answer.
    let attachment = photo(&app, &bob).await;
    let reply = app
        .call(
            Method::POST,
            &format!("/claims/{id}/messages"),
            Some(json!({"body": "Another angle", "attachment_ids": [attachment.id]})),
            Some(&bob),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let message: ClaimMessage = reply.json();
    assert_eq!(message.attachments.len(), 1);

    for path in [
        format!("/claims/{id}"),
        format!("/claims/files/{}", bobs_photo.id),
        format!("/claims/files/{}/thumb", bobs_photo.id),
        format!("/claims/files/{}", attachment.id),
    ] {
        let reply = app.call(Method::GET, &path, None, Some(&ana)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    for (path, body) in [
        (
            format!("/claims/{id}/messages"),
            json!({"body": "Hello Bob"}),
        ),
        (
            format!("/claims/{id}/quote/decision"),
            json!({"accept": true}),
        ),
        (format!("/claims/{id}/survey"), json!({"score": 1})),
    ] {
        let reply = app.call(Method::POST, &path, Some(body), Some(&ana)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    // Nor can Ana put Bob's upload on her own claim.
    let hers = washer(&app, &ana, "WM-65006501", 200).await;
    let draft = photo(&app, &bob).await;
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                hers.id,
                "performance_defect",
                "free_repair",
                &[draft.id],
            )),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nor file one on Bob's product.
    let reply = app
        .call(
            Method::POST,
            "/claims",
            Some(claim_body(
                product.id,
                "performance_defect",
                "free_repair",
                &[],
            )),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let list: ClaimList = app
        .call(Method::GET, "/claims", None, Some(&ana))
        .await
        .json();
    assert!(list.claims.is_empty());
    // Bob's claim is untouched: one message, nothing from Ana.
    let seen: Claim = app
        .call(
            Method::GET,
            &format!("/agent/claims/{id}"),
            None,
            Some(&agent),
        )
        .await
        .json();
    assert_eq!(seen.messages.len(), 1);
    assert_eq!(seen.summary.status, ClaimStatus::Submitted);
    assert_eq!(seen.summary.customer_name.as_deref(), Some("Test Customer"));
}

#[tokio::test]
async fn a_customer_calling_the_claims_back_office_gets_403() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-66006600").await;
    let id = claim.summary.id;
    for path in [
        "/agent/claims".to_owned(),
        format!("/agent/claims/{id}"),
        "/agent/satisfaction".to_owned(),
    ] {
        let reply = app.call(Method::GET, &path, None, Some(&ana)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
    for (path, body) in [
        ("transition", json!({"to": "in_review"})),
        ("messages", json!({"body": "hi"})),
        (
            "quote",
            json!({"lines": [{"description": "Pump", "quantity": 1, "unit_price_minor": 100}], "tax_rate_bp": 0, "currency": "EUR"}),
        ),
        (
            "repair",
            json!({"defect": "E21", "handed_over": days_ago(2), "outcome": "fixed"}),
        ),
        (
            "replacement",
            json!({"date": days_ago(1), "new_serial": "WM-66006601"}),
        ),
    ] {
        let reply = app
            .call(
                Method::POST,
                &format!("/agent/claims/{id}/{path}"),
                Some(body),
                Some(&ana),
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        customer_view(&app, &ana, id).await.summary.status,
        ClaimStatus::Submitted
    );
}

#[tokio::test]
async fn a_covered_claim_goes_from_filing_through_repair_to_a_survey_the_report_counts() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-67006700").await;
    let id = claim.summary.id;

    let queue: Queue = app
        .call(Method::GET, "/agent/claims", None, Some(&agent))
        .await
        .json();
    assert_eq!(queue.items.len(), 1);
    assert_eq!(queue.items[0].claim.id, id);
    assert!(!queue.items[0].overdue);

    let seen = moved(&app, &agent, id, "in_review", None).await;
    assert!(
        seen.next.contains(&ClaimStatus::InRepair),
        "{:?}",
        seen.next
    );
    let before = seen.coverage.expect("agents see the coverage").coverage.end;
    moved(&app, &agent, id, "in_repair", None).await;

    let repair = json!({
        "parts": ["Drain pump 00145", "Hose clamp"], "defect": "E21 drain pump",
        "handed_over": days_ago(8), "returned_on": days_ago(2), "outcome": "fixed"
    });
    let reply = app
        .call(
            Method::POST,
            &format!("/agent/claims/{id}/repair"),
            Some(repair),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let repaired: Claim = reply.json();
    let after = repaired.coverage.expect("coverage").coverage.end;
    assert_eq!((after - before).num_days(), 6, "six days at the centre");
    let line = repaired.events.last().expect("a timeline line");
    assert_eq!(line.to, ClaimStatus::InRepair);
    assert!(line.note.contains("E21 drain pump"), "{}", line.note);
    assert_eq!(audit_count(&app, id, "claim.repair").await, 1);
    let product: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", claim.summary.product_id),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert_eq!(product.coverage.end, after);

    moved(&app, &agent, id, "ready_for_pickup", None).await;
    let mine = customer_view(&app, &ana, id).await;
    assert!(!mine.can_survey);
    let done = moved(&app, &agent, id, "resolved", Some("repaired")).await;
    assert_eq!(done.summary.resolution, Some(Resolution::Repaired));

    let mine = customer_view(&app, &ana, id).await;
    assert!(mine.can_survey);
    let stages: Vec<(Stage, StepState)> =
        mine.progress.iter().map(|s| (s.stage, s.state)).collect();
    assert_eq!(
        stages,
        vec![
            (Stage::Submitted, StepState::Done),
            (Stage::Review, StepState::Done),
            (Stage::Repair, StepState::Done),
            (Stage::Return, StepState::Done),
            (Stage::Done, StepState::Done),
        ]
    );
    let reply = app
        .call(
            Method::POST,
            &format!("/claims/{id}/survey"),
            Some(json!({"score": 5})),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let answered: Claim = reply.json();
    assert_eq!(answered.survey.as_ref().map(|s| s.score), Some(5));
    assert!(!answered.can_survey);
    // The one tap counted; the optional words follow it.
    let commented = app
        .call(
            Method::POST,
            &format!("/claims/{id}/survey"),
            Some(json!({"score": 5, "comment": "Quick and friendly"})),
            Some(&ana),
        )
        .await;
    assert_eq!(commented.status, StatusCode::OK, "{}", commented.body);
    let commented: Claim = commented.json();
    assert_eq!(
        commented.survey.map(|s| s.comment),
        Some("Quick and friendly".to_owned())
    );
    let again = app
        .call(
            Method::POST,
            &format!("/claims/{id}/survey"),
            Some(json!({"score": 1})),
            Some(&ana),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(problem_code(&again), "error.survey_done");

    let report: SatisfactionReport = app
        .call(Method::GET, "/agent/satisfaction", None, Some(&agent))
        .await
        .json();
    let centre = report
        .centres
        .iter()
        .find(|c| Some(c.centre_id) == claim.summary.centre_id)
        .expect("the claim's centre");
    assert_eq!(centre.responses, 1);
    assert_eq!(centre.average, Some(5.0));
    assert_eq!(centre.distribution, [0, 0, 0, 0, 1]);
    // Resolved claims leave the queue.
    let queue: Queue = app
        .call(Method::GET, "/agent/claims", None, Some(&agent))
        .await
        .json();
    assert!(queue.items.is_empty());
}

#[tokio::test]
async fn a_survey_waits_for_the_resolution() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-67106710").await;
    let reply = app
        .call(
            Method::POST,
            &format!("/claims/{}/survey", claim.summary.id),
            Some(json!({"score": 4})),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(problem_code(&reply), "error.survey_not_open");
}

#[tokio::test]
async fn work_on_a_claim_that_is_not_covered_waits_for_the_customers_accepted_quote() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = paid_claim(&app, &ana, "WM-68006800").await;
    let id = claim.summary.id;
    assert!(!claim.covered);
    moved(&app, &agent, id, "in_review", None).await;

    let early = agent_move(&app, &agent, id, "in_repair", "", None).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(problem_code(&early), "error.claim_quote_not_accepted");
    let via_transition = agent_move(&app, &agent, id, "quote_sent", "", None).await;
    assert_eq!(via_transition.status, StatusCode::CONFLICT);
    // Nor can a repair or a replacement be recorded before the quote is accepted.
    let early_work = [
        (
            "repair",
            json!({"parts": [], "defect": "E21", "handed_over": days_ago(1), "outcome": "fixed"}),
        ),
        (
            "replacement",
            json!({"date": days_ago(0), "new_serial": "WM-68006801"}),
        ),
    ];
    for (what, body) in early_work {
        let reply = app
            .call(
                Method::POST,
                &format!("/agent/claims/{id}/{what}"),
                Some(body),
                Some(&agent),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{what}: {}", reply.body);
        assert_eq!(problem_code(&reply), "error.claim_quote_not_accepted");
    }

    let lines = json!([
        {"description": "Drum bearing", "quantity": 1, "unit_price_minor": 18_999},
        {"description": "Labour (hour)", "quantity": 2, "unit_price_minor": 12_000}
    ]);
    let quote_path = format!("/agent/claims/{id}/quote");
    let send = |lines: Value| {
        let body = json!({"lines": lines, "tax_rate_bp": 2300, "currency": "PLN", "note": "Parts in stock"});
        app.call(Method::POST, &quote_path, Some(body), Some(&agent))
    };
    let empty = send(json!([])).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = send(lines.clone()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let quoted: Claim = reply.json();
    assert_eq!(quoted.summary.status, ClaimStatus::QuoteSent);
    let quote = quoted.quote.expect("the quote");
    assert_eq!(quote.totals.total_minor, 52_889);
    assert_eq!(quote.status, QuoteStatus::Pending);
    // A second quote needs the claim back in review.
    assert_eq!(send(lines).await.status, StatusCode::CONFLICT);

    let mine = customer_view(&app, &ana, id).await;
    assert_eq!(
        mine.next,
        vec![ClaimStatus::QuoteAccepted, ClaimStatus::QuoteDeclined]
    );
    let told = notifications(&app, &ana).await;
    assert_eq!(told.notifications[0].title_key, "notification.claim_quote");
    // Agents cannot answer for the customer.
    let forged = agent_move(&app, &agent, id, "quote_accepted", "", None).await;
    assert_eq!(problem_code(&forged), "error.claim_not_your_move");

    let reply = app
        .call(
            Method::POST,
            &format!("/claims/{id}/quote/decision"),
            Some(json!({"accept": true})),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let accepted: Claim = reply.json();
    assert_eq!(accepted.summary.status, ClaimStatus::QuoteAccepted);
    let quote = accepted.quote.expect("quote");
    assert_eq!(quote.status, QuoteStatus::Accepted);
    assert!(quote.decided_at.is_some());
    assert_eq!(audit_count(&app, id, "claim.quote_decision").await, 1);
    let twice = app
        .call(
            Method::POST,
            &format!("/claims/{id}/quote/decision"),
            Some(json!({"accept": false})),
            Some(&ana),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    let repairing = moved(&app, &agent, id, "in_repair", None).await;
    assert_eq!(repairing.summary.status, ClaimStatus::InRepair);
    // Not covered: no free replacement or refund at the end.
    let free = agent_move(&app, &agent, id, "resolved", "", Some("replaced")).await;
    assert_eq!(free.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(free.json::<Problem>().errors[0].field, "resolution");
}

#[tokio::test]
async fn an_illegal_step_is_a_conflict_naming_the_rule_and_a_rejection_needs_a_note() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-69006900").await;
    let id = claim.summary.id;

    let skip = agent_move(&app, &agent, id, "ready_for_pickup", "", None).await;
    assert_eq!(skip.status, StatusCode::CONFLICT);
    assert_eq!(skip.header("content-type"), "application/problem+json");
    let problem: Problem = skip.json();
    assert_eq!(problem.code, "error.claim_transition");
    assert!(problem
        .detail
        .unwrap_or_default()
        .contains("ready for pickup"));

    let silent = agent_move(&app, &agent, id, "rejected", "  ", None).await;
    assert_eq!(silent.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Problem = silent.json();
    assert_eq!(problem.errors[0].field, "note");
    assert_eq!(problem.errors[0].code, "error.claim_note_required");

    let unknown = agent_move(&app, &agent, 999_999, "in_review", "", None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let reply = agent_move(
        &app,
        &agent,
        id,
        "rejected",
        "The damage is from a fall, not a defect",
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mine = customer_view(&app, &ana, id).await;
    assert_eq!(mine.summary.status, ClaimStatus::Rejected);
    assert_eq!(
        mine.events.last().map(|e| e.note.as_str()),
        Some("The damage is from a fall, not a defect")
    );
    let closed = moved(&app, &agent, id, "closed", None).await;
    assert!(closed.next.is_empty());
    let reopen = agent_move(&app, &agent, id, "in_review", "", None).await;
    assert_eq!(reopen.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn every_status_change_leaves_a_timeline_row_an_audit_entry_and_a_notification() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-70007000").await;
    let id = claim.summary.id;
    let steps = [
        ("in_review", None),
        ("awaiting_parts", None),
        ("in_repair", None),
        ("shipped_back", None),
        ("resolved", Some("repaired")),
        ("closed", None),
    ];
    for (to, resolution) in steps {
        moved(&app, &agent, id, to, resolution).await;
    }
    let mine = customer_view(&app, &ana, id).await;
    assert_eq!(mine.events.len(), 1 + steps.len());
    let path: Vec<ClaimStatus> = mine.events.iter().map(|e| e.to).collect();
    assert_eq!(
        path,
        vec![
            ClaimStatus::Submitted,
            ClaimStatus::InReview,
            ClaimStatus::AwaitingParts,
            ClaimStatus::InRepair,
            ClaimStatus::ShippedBack,
            ClaimStatus::Resolved,
            ClaimStatus::Closed,
        ]
    );
    assert!(mine.events[1..]
        .iter()
        .all(|e| e.actor == Actor::Agent && e.actor_name == "Test Customer"));
    assert_eq!(
        audit_count(&app, id, "claim.transition").await,
        steps.len() as u64
    );
    let told = notifications(&app, &ana).await;
    let statuses: Vec<&str> = told
        .notifications
        .iter()
        .filter(|n| n.title_key == "notification.claim_status")
        .map(|n| n.params["status"].as_str())
        .collect();
    assert_eq!(statuses.len(), steps.len());
    assert!(statuses.contains(&"claim.status.shipped_back"));
    assert!(told
        .notifications
        .iter()
        .all(|n| n.link.as_deref() == Some(format!("/claims/{id}").as_str())));
    // A closed claim after a resolution still takes its survey.
    assert!(mine.can_survey);
}

#[tokio::test]
async fn a_customer_answering_a_request_for_information_puts_the_claim_back_in_review() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-71007100").await;
    let id = claim.summary.id;

    // An agent's request for information on a claim nobody reviewed yet.
    let reply = app
        .call(
            Method::POST,
            &format!("/agent/claims/{id}/messages"),
            Some(json!({"body": "Please send a photo of the rating plate", "request_for_info": true})),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let asked: ClaimMessage = reply.json();
    assert!(asked.request_for_info);
    assert_eq!(asked.author, Actor::Agent);
    let mine = customer_view(&app, &ana, id).await;
    assert_eq!(mine.summary.status, ClaimStatus::AwaitingCustomer);
    assert!(mine.summary.status.waits_for_customer());
    assert_eq!(
        mine.events.last().map(|e| e.note.as_str()),
        Some("Please send a photo of the rating plate")
    );

    let plate = photo(&app, &ana).await;
    let reply = app
        .call(
            Method::POST,
            &format!("/claims/{id}/messages"),
            Some(json!({"body": "", "attachment_ids": [plate.id], "request_for_info": true})),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let answer: ClaimMessage = reply.json();
    assert!(
        !answer.request_for_info,
        "customers do not ask for information"
    );
    assert_eq!(answer.attachments[0].id, plate.id);
    let mine = customer_view(&app, &ana, id).await;
    assert_eq!(mine.summary.status, ClaimStatus::InReview);
    let back = mine.events.last().expect("event");
    assert_eq!(
        (back.from, back.to, back.actor),
        (
            Some(ClaimStatus::AwaitingCustomer),
            ClaimStatus::InReview,
            Actor::Customer
        )
    );
    assert_eq!(mine.messages.len(), 2);
    assert_eq!(mine.photos.len(), 0, "attachments are not claim photos");

    // An agent's transition to awaiting customer shows in the thread too.
    let reply = agent_move(
        &app,
        &agent,
        id,
        "awaiting_customer",
        "Is the door seal torn?",
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mine = customer_view(&app, &ana, id).await;
    let last = mine.messages.last().expect("message");
    assert!(last.request_for_info && last.body == "Is the door seal torn?");

    // A plain message from an agent notifies the customer.
    app.call(
        Method::POST,
        &format!("/agent/claims/{id}/messages"),
        Some(json!({"body": "Thanks, we have what we need"})),
        Some(&agent),
    )
    .await;
    let told = notifications(&app, &ana).await;
    assert_eq!(
        told.notifications[0].title_key,
        "notification.claim_message"
    );
}

#[tokio::test]
async fn the_claim_page_polls_with_an_etag_and_gets_304_until_something_changes() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-72007200").await;
    let path = format!("/claims/{}", claim.summary.id);

    let first = app.call(Method::GET, &path, None, Some(&ana)).await;
    assert_eq!(first.status, StatusCode::OK);
    let etag = first.header("etag");
    assert!(etag.starts_with("W/\"claim-"), "{etag}");
    assert_eq!(first.header("cache-control"), "private, no-cache");

    let unchanged = app
        .call_with(
            Method::GET,
            &path,
            None,
            Some(&ana),
            &[("if-none-match", etag.as_str())],
        )
        .await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
    assert!(unchanged.body.is_empty());
    assert_eq!(unchanged.header("etag"), etag);

    // Each kind of change moves the version: a message, then a status change.
    let mut seen = etag;
    for change in ["message", "status"] {
        let reply = if change == "message" {
            app.call(
                Method::POST,
                &format!("/agent/claims/{}/messages", claim.summary.id),
                Some(json!({"body": "We are on it"})),
                Some(&agent),
            )
            .await
        } else {
            agent_move(&app, &agent, claim.summary.id, "in_review", "", None).await
        };
        assert!(reply.status.is_success(), "{}", reply.body);
        let changed = app
            .call_with(
                Method::GET,
                &path,
                None,
                Some(&ana),
                &[("if-none-match", seen.as_str())],
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "after a {change}");
        let next = changed.header("etag");
        assert_ne!(next, seen);
        seen = next;
    }
    let now: Claim = app.call(Method::GET, &path, None, Some(&ana)).await.json();
    assert_eq!(now.summary.status, ClaimStatus::InReview);
    assert_eq!(now.messages.len(), 1);

    // Another customer's guess at the tag still gets 404, not 304.
    let bob = app.customer("bob@example.com").await;
    let probe = app
        .call_with(
            Method::GET,
            &path,
            None,
            Some(&bob),
            &[("if-none-match", "*")],
        )
        .await;
    assert_eq!(probe.status, StatusCode::NOT_FOUND);
}

/// The ids the agents' queue lists for a query string.
async fn queue_ids(app: &TestApp, agent: &String, query: String) -> Vec<i64> {
    let reply = app
        .call(
            Method::GET,
            &format!("/agent/claims?{query}"),
            None,
            Some(agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
    reply
        .json::<Queue>()
        .items
        .iter()
        .map(|i| i.claim.id)
        .collect()
}

#[tokio::test]
async fn the_queue_shows_open_claims_oldest_first_and_filters_them() {
    use aftercare_server::db::entities::claim;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let old = covered_claim(&app, &ana, "WM-73007300").await;
    let new = covered_claim(&app, &ana, "WM-73007301").await;
    let row = claim::Entity::find_by_id(old.summary.id)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.created_at = Set(Utc::now() - Duration::days(9));
    active.update(&app.state.db).await.expect("age the claim");
    moved(&app, &agent, new.summary.id, "in_review", None).await;

    let queue: Queue = app
        .call(Method::GET, "/agent/claims", None, Some(&agent))
        .await
        .json();
    let ids: Vec<i64> = queue.items.iter().map(|i| i.claim.id).collect();
    assert_eq!(ids, vec![old.summary.id, new.summary.id]);
    assert_eq!(queue.items[0].age_days, 9);
    assert!(queue.items[0].overdue && !queue.items[1].overdue);
    assert_eq!(
        queue.items[0].claim.customer_name.as_deref(),
        Some("Test Customer")
    );
    let only = |query: String| queue_ids(&app, &agent, query);
    assert_eq!(only("status=in_review".into()).await, vec![new.summary.id]);
    assert_eq!(only("min_age_days=5".into()).await, vec![old.summary.id]);
    assert_eq!(
        only("category=washing-machine&status=&centre=".into())
            .await
            .len(),
        2
    );
    assert!(only("category=e-bike".into()).await.is_empty());
    let centre = old.summary.centre_id.expect("centre");
    assert_eq!(only(format!("centre={centre}")).await.len(), 2);
    let bad = app
        .call(Method::GET, "/agent/claims?status=lost", None, Some(&agent))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!((queue.total, queue.overdue_total), (2, 1));

    // One page at a time, oldest first; the counts are the whole queue's.
    let page = |query: &'static str| {
        let (app, agent) = (&app, &agent);
        async move {
            app.call(
                Method::GET,
                &format!("/agent/claims?{query}"),
                None,
                Some(agent),
            )
            .await
            .json::<Queue>()
        }
    };
    let first = page("limit=1").await;
    let second = page("limit=1&offset=1").await;
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.items[0].claim.id, old.summary.id);
    assert_eq!(second.items[0].claim.id, new.summary.id);
    assert_eq!((first.total, second.total), (2, 2));
    assert!(page("offset=2").await.items.is_empty());
    let refused = app
        .call(Method::GET, "/agent/claims?limit=-3", None, Some(&agent))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_replacement_for_a_claim_restarts_cover_and_shows_on_the_timeline() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let claim = covered_claim(&app, &ana, "WM-74007400").await;
    let id = claim.summary.id;
    moved(&app, &agent, id, "in_review", None).await;
    let reply = app
        .call(
            Method::POST,
            &format!("/agent/claims/{id}/replacement"),
            Some(json!({"date": days_ago(1), "new_serial": "wm-74007401"})),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let replaced: Claim = reply.json();
    let coverage = replaced.coverage.expect("coverage").coverage;
    assert_eq!(
        coverage.unit_start,
        Utc::now().date_naive() - Duration::days(1)
    );
    assert!(replaced
        .events
        .last()
        .is_some_and(|e| e.note.contains("WM-74007401")));
    assert_eq!(audit_count(&app, id, "claim.replacement").await, 1);
    let bad = app
        .call(
            Method::POST,
            &format!("/agent/claims/{id}/replacement"),
            Some(json!({"date": days_ago(1), "new_serial": "nope"})),
            Some(&agent),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = moved(&app, &agent, id, "resolved", Some("replaced")).await;
    assert_eq!(done.summary.resolution, Some(Resolution::Replaced));
}

#[tokio::test]
async fn the_demo_has_claims_in_several_states_for_the_queue_and_my_claims() {
    let app = TestApp::init().await;
    aftercare_server::demo::load_accounts(&app.state.db)
        .await
        .expect("demo accounts");
    aftercare_server::demo::load_accounts(&app.state.db)
        .await
        .expect("demo accounts again");
    let maja = app
        .sign_in("maja@example.com", "aftercare-demo")
        .await
        .session_cookie()
        .expect("maja signs in");
    let agent = app
        .sign_in("agent@example.com", "aftercare-demo")
        .await
        .session_cookie()
        .expect("the agent signs in");
    let mine: ClaimList = app
        .call(Method::GET, "/claims", None, Some(&maja))
        .await
        .json();
    assert!(mine.claims.len() >= 2, "{:?}", mine.claims);
    let queue: Queue = app
        .call(Method::GET, "/agent/claims", None, Some(&agent))
        .await
        .json();
    let states: std::collections::BTreeSet<ClaimStatus> =
        queue.items.iter().map(|i| i.claim.status).collect();
    for status in [
        ClaimStatus::Submitted,
        ClaimStatus::InReview,
        ClaimStatus::QuoteSent,
        ClaimStatus::InRepair,
    ] {
        assert!(states.contains(&status), "{status} in {states:?}");
    }
    let quoted = queue
        .items
        .iter()
        .find(|i| i.claim.status == ClaimStatus::QuoteSent)
        .expect("a quoted claim");
    let quoted: Claim = app
        .call(
            Method::GET,
            &format!("/agent/claims/{}", quoted.claim.id),
            None,
            Some(&agent),
        )
        .await
        .json();
    assert!(quoted.quote.is_some() && quoted.events.len() >= 3);
    let report: SatisfactionReport = app
        .call(Method::GET, "/agent/satisfaction", None, Some(&agent))
        .await
        .json();
    assert!(report.centres.iter().any(|c| c.responses > 0));
}
