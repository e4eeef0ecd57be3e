//! Following a claim from the link in its emails, without signing in (issue 10).

use aftercare_core::tracking::{TrackedClaim, TrackingLink};
use aftercare_server::db::entities::{claim, claim_track_link};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::support::TestApp;

const WASHER_SKU: &str = "BSH-WAN28281";

fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

/// Files a claim for a new washer of `cookie`'s, answered by email; its id.
async fn file_claim(app: &TestApp, cookie: &String, serial: &str) -> i64 {
    let reply = app
        .register(cookie, WASHER_SKU, serial, &days_ago(30))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let product = reply.json::<Value>()["id"].as_i64().expect("product id");
    let claim = app
        .call(
            Method::POST,
            "/claims",
            Some(json!({
                "product_id": product, "cause": "performance_defect",
                "description": "It leaks from the door seal after every wash.",
                "started_on": days_ago(2), "remedy": "free_repair", "contact": "email",
                "phone": "", "photo_ids": []
            })),
            Some(cookie),
        )
        .await;
    assert_eq!(claim.status, StatusCode::CREATED, "{}", claim.body);
    claim.json::<Value>()["summary"]["id"]
        .as_i64()
        .expect("claim id")
}

/// The tracking link in the newest email to `to`.
async fn link_in_email(app: &TestApp, to: &str) -> (String, String) {
    let email = app.last_email(to).await;
    let token = email
        .body
        .split_whitespace()
        .find_map(|word| word.strip_prefix("/track/"))
        .map(|t| t.trim_end_matches(['.', ',', ')']).to_owned())
        .unwrap_or_else(|| panic!("a tracking link in {}", email.body));
    (token, email.body)
}

async fn track(app: &TestApp, token: &str) -> (StatusCode, String) {
    let reply = app
        .call(Method::GET, &format!("/track/{token}"), None, None)
        .await;
    (reply.status, reply.body)
}

#[tokio::test]
async fn the_claim_email_carries_a_link_that_shows_that_claim_only_signed_out() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let ana_claim = file_claim(&app, &ana, "WM-81818181").await;
    let (token, body) = link_in_email(&app, "ana@example.com").await;
    assert!(body.contains(&format!("/track/{token}")), "{body}");
    // 32 random bytes, base64url without padding.
    assert_eq!(token.len(), 43, "{token}");
    let bob_claim = file_claim(&app, &bob, "WM-82828282").await;
    let (bob_token, _) = link_in_email(&app, "bob@example.com").await;
    assert_ne!(token, bob_token);

    // Only the hash is stored.
    let stored = claim_track_link::Entity::find()
        .all(&app.state.db)
        .await
        .expect("links");
    assert!(stored.iter().all(|l| !l.token_hash.contains(&token)));

    let reply = app
        .call(Method::GET, &format!("/track/{token}"), None, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header("referrer-policy"), "no-referrer");
    assert_eq!(reply.header("cache-control"), "no-store");
    assert!(reply.header("x-robots-tag").contains("noindex"));
    let seen: TrackedClaim = reply.json();
    assert_eq!(seen.reference, format!("CL-{ana_claim:06}"));
    assert_eq!(seen.events.len(), 1);
    assert!(!seen.progress.is_empty());
    assert!(
        !reply.body.contains("door seal"),
        "no description: {}",
        reply.body
    );
    assert!(!reply.body.contains("ana@example.com"));
    let theirs: TrackedClaim = app
        .call(Method::GET, &format!("/track/{bob_token}"), None, None)
        .await
        .json();
    assert_eq!(theirs.reference, format!("CL-{bob_claim:06}"));

    // Nothing can be changed with the link: the claim's routes still want a session.
    let write = app
        .call(
            Method::POST,
            &format!("/claims/{ana_claim}/messages"),
            Some(json!({"body": "From the link", "attachment_ids": []})),
            None,
        )
        .await;
    assert_eq!(write.status, StatusCode::UNAUTHORIZED);
    let post = app
        .call(
            Method::POST,
            &format!("/track/{token}"),
            Some(json!({})),
            None,
        )
        .await;
    assert!(post.status.is_client_error(), "{}", post.status);
    // A made-up token is the same 404 as any other.
    let (status, _) = track(&app, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_customer_stops_the_links_and_can_make_a_new_one() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let id = file_claim(&app, &ana, "WM-83838383").await;
    let (token, _) = link_in_email(&app, "ana@example.com").await;
    let state: TrackingLink = app
        .call(
            Method::GET,
            &format!("/claims/{id}/tracking"),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert!(state.active && state.url.is_none());
    // Bob cannot stop Ana's links.
    let theirs = app
        .call(
            Method::DELETE,
            &format!("/claims/{id}/tracking"),
            None,
            Some(&bob),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(track(&app, &token).await.0, StatusCode::OK);

    let stopped: TrackingLink = app
        .call(
            Method::DELETE,
            &format!("/claims/{id}/tracking"),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert!(!stopped.active);
    let (status, gone) = track(&app, &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, unknown) = track(&app, "made-up").await;
    assert_eq!(gone, unknown, "a stopped link looks like any unknown one");

    let renewed = app
        .call(
            Method::POST,
            &format!("/claims/{id}/tracking"),
            None,
            Some(&ana),
        )
        .await;
    assert_eq!(renewed.status, StatusCode::CREATED, "{}", renewed.body);
    let renewed: TrackingLink = renewed.json();
    assert!(renewed.active);
    let url = renewed.url.expect("the new link, once");
    let new_token = url.strip_prefix("/track/").expect("a track path");
    assert_eq!(track(&app, new_token).await.0, StatusCode::OK);
    assert_eq!(track(&app, &token).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_link_expires_90_days_after_the_claims_last_change() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let id = file_claim(&app, &ana, "WM-84848484").await;
    let (token, _) = link_in_email(&app, "ana@example.com").await;
    let age = |days: i64| Utc::now() - Duration::days(days);
    for (days, expected) in [(89, StatusCode::OK), (91, StatusCode::NOT_FOUND)] {
        claim::Entity::update_many()
            .col_expr(claim::Column::UpdatedAt, Expr::value(age(days)))
            .filter(claim::Column::Id.eq(id))
            .exec(&app.state.db)
            .await
            .expect("age the claim");
        claim_track_link::Entity::update_many()
            .col_expr(claim_track_link::Column::CreatedAt, Expr::value(age(days)))
            .filter(claim_track_link::Column::ClaimId.eq(id))
            .exec(&app.state.db)
            .await
            .expect("age the link");
        assert_eq!(track(&app, &token).await.0, expected, "{days} days");
    }
    let state: TrackingLink = app
        .call(
            Method::GET,
            &format!("/claims/{id}/tracking"),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert!(!state.active);
}
