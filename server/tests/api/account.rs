//! Account life: email verification, password reset, password and email changes.

use aftercare_core::account::Verification;
use aftercare_core::problem::Problem;
use aftercare_server::db::entities::{account_token, outbox, session, user};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::support::{TestApp, PASSWORD};

const NEW_PASSWORD: &str = "harbour-violet-compass";

/// The token in the newest email to `to`, and that email's subject.
async fn link_token(app: &TestApp, to: &str) -> (String, String) {
    let email = app.last_email(to).await;
    let token = email
        .body
        .split("token=")
        .nth(1)
        .expect("a link with a token")
        .split_whitespace()
        .next()
        .expect("token")
        .to_owned();
    (token, email.subject)
}

async fn emails_to(app: &TestApp, to: &str) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(to))
        .count(&app.state.db)
        .await
        .expect("outbox")
}

async fn sessions_of(app: &TestApp, email: &str) -> u64 {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("user");
    session::Entity::find()
        .filter(session::Column::UserId.eq(u.id))
        .count(&app.state.db)
        .await
        .expect("db")
}

async fn me_status(app: &TestApp, cookie: &String) -> StatusCode {
    app.call(Method::GET, "/me", None, Some(cookie))
        .await
        .status
}

async fn request_reset(app: &TestApp, email: &str) -> (StatusCode, String) {
    let reply = app
        .call(
            Method::POST,
            "/auth/reset/request",
            Some(json!({ "email": email })),
            None,
        )
        .await;
    (reply.status, reply.body)
}

#[tokio::test]
async fn a_reset_answers_alike_for_any_address_and_ends_every_session() {
    let app = TestApp::init().await;
    let laptop = app.customer("ana@example.com").await;
    let phone = app
        .sign_in("ana@example.com", PASSWORD)
        .await
        .session_cookie()
        .expect("phone");
    assert_eq!(sessions_of(&app, "ana@example.com").await, 2);

    let known = request_reset(&app, "Ana@Example.com").await;
    let unknown = request_reset(&app, "nobody@example.com").await;
    assert_eq!(known, unknown);
    assert_eq!(known.0, StatusCode::ACCEPTED);
    assert_eq!(emails_to(&app, "nobody@example.com").await, 0);
    let (token, subject) = link_token(&app, "ana@example.com").await;
    assert!(subject.contains("password"), "{subject}");
    // Only the hash is stored.
    let stored = account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(token.clone()))
        .count(&app.state.db)
        .await
        .expect("db");
    assert_eq!(stored, 0);

    // The new password follows the sign-up rules.
    let weak = app
        .call(
            Method::POST,
            "/auth/reset/confirm",
            Some(json!({ "token": token, "password": "short" })),
            None,
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(weak.json::<Problem>().errors[0].field, "password");

    let done = app
        .call(
            Method::POST,
            "/auth/reset/confirm",
            Some(json!({ "token": token, "password": NEW_PASSWORD })),
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let fresh = done.session_cookie().expect("signed in afresh");
    assert_ne!(fresh, laptop);
    assert_eq!(me_status(&app, &laptop).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me_status(&app, &phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me_status(&app, &fresh).await, StatusCode::OK);
    assert_eq!(
        app.sign_in("ana@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("ana@example.com", NEW_PASSWORD).await.status,
        StatusCode::OK
    );

    // Single use.
    let again = app
        .call(
            Method::POST,
            "/auth/reset/confirm",
            Some(json!({ "token": token, "password": "another-long-passphrase" })),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        again.json::<Problem>().errors[0].code,
        "error.token_invalid"
    );
}

#[tokio::test]
async fn reset_links_expire_and_requests_are_limited_per_address() {
    let app = TestApp::init().await;
    app.customer("ana@example.com").await;
    request_reset(&app, "ana@example.com").await;
    let (token, _) = link_token(&app, "ana@example.com").await;
    account_token::Entity::update_many()
        .col_expr(
            account_token::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.state.db)
        .await
        .expect("expire");
    let late = app
        .call(
            Method::POST,
            "/auth/reset/confirm",
            Some(json!({ "token": token, "password": NEW_PASSWORD })),
            None,
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(late.json::<Problem>().errors[0].code, "error.token_invalid");

    for _ in 0..5 {
        assert_eq!(
            request_reset(&app, "ana@example.com").await.0,
            StatusCode::ACCEPTED
        );
    }
    // The confirmation link sent at sign-up, and three resets.
    assert_eq!(emails_to(&app, "ana@example.com").await, 4);
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_only() {
    let app = TestApp::init().await;
    let laptop = app.customer("ana@example.com").await;
    let phone = app
        .sign_in("ana@example.com", PASSWORD)
        .await
        .session_cookie()
        .expect("phone");

    let wrong = app
        .call(
            Method::POST,
            "/me/password",
            Some(json!({ "current_password": "not-my-password", "new_password": NEW_PASSWORD })),
            Some(&laptop),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = wrong.json::<Problem>();
    assert_eq!(problem.errors[0].field, "current_password");
    assert_eq!(problem.errors[0].code, "error.password_wrong");
    assert_eq!(me_status(&app, &phone).await, StatusCode::OK);

    let changed = app
        .call(
            Method::POST,
            "/me/password",
            Some(json!({ "current_password": PASSWORD, "new_password": NEW_PASSWORD })),
            Some(&laptop),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
    let rotated = changed.session_cookie().expect("a new id for this session");
    assert_ne!(rotated, laptop);
    assert_eq!(me_status(&app, &rotated).await, StatusCode::OK);
    assert_eq!(me_status(&app, &phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me_status(&app, &laptop).await, StatusCode::UNAUTHORIZED);
    assert_eq!(sessions_of(&app, "ana@example.com").await, 1);
    assert_eq!(
        app.sign_in("ana@example.com", NEW_PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn verification_links_verify_once() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    // Signing up sends the first link.
    assert_eq!(emails_to(&app, "ana@example.com").await, 1);
    let status = |reply: crate::support::Reply| reply.json::<Verification>();
    let before = status(
        app.call(Method::GET, "/me/verification", None, Some(&ana))
            .await,
    );
    assert!(!before.verified);
    let sent = app
        .call(Method::POST, "/me/verification", None, Some(&ana))
        .await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    let (token, _) = link_token(&app, "ana@example.com").await;
    let opened = app
        .call(
            Method::POST,
            "/auth/verify",
            Some(json!({ "token": token })),
            None,
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let after = status(
        app.call(Method::GET, "/me/verification", None, Some(&ana))
            .await,
    );
    assert!(after.verified);
    let twice = app
        .call(
            Method::POST,
            "/auth/verify",
            Some(json!({ "token": token })),
            None,
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Verified: asking again sends nothing (the sign-up's link and the one asked for).
    app.call(Method::POST, "/me/verification", None, Some(&ana))
        .await;
    assert_eq!(emails_to(&app, "ana@example.com").await, 2);
}

#[tokio::test]
async fn a_new_email_counts_only_once_its_link_is_opened() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let wrong = app
        .call(
            Method::POST,
            "/me/email",
            Some(json!({ "password": "not-my-password", "new_email": "ana@new.example" })),
            Some(&ana),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json::<Problem>().errors[0].field, "password");

    let asked = app
        .call(
            Method::POST,
            "/me/email",
            Some(json!({ "password": PASSWORD, "new_email": "Ana@New.example" })),
            Some(&ana),
        )
        .await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.body);
    // The old address is told (beside the sign-up's confirmation link); the account
    // keeps it until the link is opened.
    assert_eq!(emails_to(&app, "ana@example.com").await, 2);
    assert_eq!(
        app.sign_in("ana@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    let (token, _) = link_token(&app, "ana@new.example").await;
    let opened = app
        .call(
            Method::POST,
            "/auth/verify",
            Some(json!({ "token": token })),
            None,
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert_eq!(
        app.sign_in("ana@new.example", PASSWORD).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in("ana@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    let now = app
        .call(Method::GET, "/me/verification", None, Some(&ana))
        .await
        .json::<Verification>();
    assert_eq!(now.email, "ana@new.example");
    assert!(now.verified);
}

#[tokio::test]
async fn an_account_with_a_password_is_still_asked_for_it_whatever_else_comes() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let me: serde_json::Value = app.call(Method::GET, "/me", None, Some(&ana)).await.json();
    assert_eq!(me["has_password"], true);
    let refused = |reply: crate::support::Reply, field: &str| {
        reply.assert_refused_on(field, "error.password_required");
    };
    let token = Some(json!("a-passkey-token"));
    refused(
        app.call(
            Method::POST,
            "/me/password",
            Some(json!({"current_password": "", "new_password": NEW_PASSWORD, "passkey_token": token})),
            Some(&ana),
        )
        .await,
        "current_password",
    );
    refused(
        app.call(
            Method::POST,
            "/me/email",
            Some(
                json!({"password": "", "new_email": "ana.new@example.com", "passkey_token": token}),
            ),
            Some(&ana),
        )
        .await,
        "password",
    );
    refused(
        app.call(
            Method::DELETE,
            "/me",
            Some(json!({"passkey_token": token})),
            Some(&ana),
        )
        .await,
        "password",
    );
    let changed = app
        .call(
            Method::POST,
            "/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD})),
            Some(&ana),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
}
