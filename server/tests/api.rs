//! The server's integration tests: stories of use through the real router, on a real
//! database (a fresh SQLite file per test; PostgreSQL when `TEST_DATABASE_URL` names one).

mod support;

#[path = "api/articles.rs"]
mod articles;

#[path = "api/claims.rs"]
mod claims;

#[path = "api/labels.rs"]
mod labels;

#[path = "api/mail.rs"]
mod mail;

#[path = "api/track.rs"]
mod track;

#[path = "api/privacy.rs"]
mod privacy;

#[path = "api/passkeys.rs"]
mod passkeys;

#[path = "api/access.rs"]
mod access;

#[path = "api/account.rs"]
mod account;

#[path = "api/openapi.rs"]
mod openapi;

#[path = "api/static_files.rs"]
mod static_files;

use aftercare_core::api::{CatalogPage, Me, ProductList, RegisteredProduct};
use aftercare_core::coverage::CoverageStatus;
use aftercare_core::problem::Problem;
use axum::http::{Method, StatusCode};
use chrono::{Duration, Months, Utc};
use serde_json::{json, Value};
use support::TestApp;

const WASHER_SKU: &str = "BSH-WAN28281";

#[tokio::test]
async fn a_new_customer_signs_up_and_is_signed_in() {
    let app = TestApp::init().await;
    let reply = app
        .call(Method::POST, "/auth/signup", Some(json!({
            "name": "Ana Nowak", "email": " Ana@Example.com ", "password": "kettle-orbit-lantern", "language": "pl"
        })), None)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let cookie = reply.session_cookie().expect("a session cookie");
    let set_cookie = reply.header("set-cookie");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let me: Me = app
        .call(Method::GET, "/me", None, Some(&cookie))
        .await
        .json();
    assert_eq!(me.email, "ana@example.com");
    assert_eq!(me.language.tag(), "pl");
}

#[tokio::test]
async fn sign_up_with_a_short_or_common_password_is_refused_beside_the_field() {
    let app = TestApp::init().await;
    for (password, code) in [
        ("short", "error.password_short"),
        ("Password123", "error.password_common"),
    ] {
        let reply = app
            .call(
                Method::POST,
                "/auth/signup",
                Some(json!({
                    "name": "Ana", "email": "ana@example.com", "password": password
                })),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.header("content-type"), "application/problem+json");
        let problem: Problem = reply.json();
        assert_eq!(problem.errors[0].field, "password");
        assert_eq!(problem.errors[0].code, code);
    }
}

#[tokio::test]
async fn the_same_email_cannot_sign_up_twice() {
    let app = TestApp::init().await;
    app.customer("ana@example.com").await;
    let reply = app
        .call(
            Method::POST,
            "/auth/signup",
            Some(json!({
                "name": "Other", "email": "ANA@example.com", "password": "kettle-orbit-lantern"
            })),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    let problem: Problem = reply.json();
    assert_eq!(problem.code, "error.email_taken");
    assert_eq!(problem.errors[0].field, "email");
}

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let app = TestApp::init().await;
    app.customer("ana@example.com").await;
    let wrong = app.sign_in("ana@example.com", "not-the-password").await;
    let unknown = app.sign_in("nobody@example.com", "not-the-password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body, unknown.body);
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_throttled_with_retry_after() {
    let app = TestApp::init().await;
    app.customer("ana@example.com").await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in("ana@example.com", "guess-guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password waits now: the attacker learns nothing from a 6th try.
    let throttled = app.sign_in("ana@example.com", support::PASSWORD).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = throttled
        .header("retry-after")
        .parse()
        .expect("Retry-After seconds");
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    assert_eq!(throttled.json::<Problem>().code, "error.throttled");
    // Another account is not affected.
    app.customer("bob@example.com").await;
    assert_eq!(
        app.sign_in("bob@example.com", support::PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn signing_in_issues_a_new_session_id_and_signing_out_ends_it() {
    let app = TestApp::init().await;
    let first = app.customer("ana@example.com").await;
    let second = app
        .sign_in("ana@example.com", support::PASSWORD)
        .await
        .session_cookie()
        .expect("cookie");
    assert_ne!(first, second);
    let out = app
        .call(Method::POST, "/auth/signout", None, Some(&second))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(
        app.call(Method::GET, "/me", None, Some(&second))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // The other browser's session is untouched.
    assert_eq!(
        app.call(Method::GET, "/me", None, Some(&first))
            .await
            .status,
        StatusCode::OK
    );
    // A made-up cookie is no session.
    let forged = "aftercare_session=forged".to_owned();
    assert_eq!(
        app.call(Method::GET, "/me", None, Some(&forged))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn behind_tls_the_session_cookie_is_host_prefixed_and_secure() {
    let mut app = TestApp::init().await;
    let mut config = (*app.state.config).clone();
    config.secure_cookies = true;
    app.state.config = std::sync::Arc::new(config);
    app.router = aftercare_server::app(app.state.clone());
    let reply = app
        .call(
            Method::POST,
            "/auth/signup",
            Some(json!({
                "name": "Ana Nowak", "email": "ana@example.com", "password": support::PASSWORD
            })),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let set_cookie = reply.header("set-cookie");
    assert!(
        set_cookie.starts_with("__Host-aftercare_session="),
        "{set_cookie}"
    );
    for part in ["; Secure", "; HttpOnly", "; SameSite=Lax", "; Path=/"] {
        assert!(set_cookie.contains(part), "{part} in {set_cookie}");
    }
    assert!(
        !set_cookie.to_lowercase().contains("domain="),
        "{set_cookie}"
    );
    let token = set_cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_owned())
        .expect("a value");
    let prefixed = format!("__Host-aftercare_session={token}");
    assert_eq!(
        app.call(Method::GET, "/me", None, Some(&prefixed))
            .await
            .status,
        StatusCode::OK
    );
    // The unprefixed name (which a subdomain could set) is not read.
    let plain = format!("aftercare_session={token}");
    assert_eq!(
        app.call(Method::GET, "/me", None, Some(&plain))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_catalogue_is_searchable_by_brand_name_and_sku_in_any_case() {
    let app = TestApp::init().await;
    for q in ["bosch wan28281", "BSH-WAN", "serie 4"] {
        let page: CatalogPage = app
            .call(
                Method::GET,
                &format!("/catalog/models?q={}", q.replace(' ', "%20")),
                None,
                None,
            )
            .await
            .json();
        assert!(page.models.iter().any(|m| m.sku == WASHER_SKU), "{q}");
    }
    let all: CatalogPage = app
        .call(Method::GET, "/catalog/models", None, None)
        .await
        .json();
    assert_eq!(all.models.len(), 20);
    let none: CatalogPage = app
        .call(Method::GET, "/catalog/models?q=zzzzqqq", None, None)
        .await
        .json();
    assert!(none.models.is_empty());
}

#[tokio::test]
async fn a_washer_bought_100_days_ago_is_covered_for_24_months_from_the_invoice() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    // Poland's today: a day ahead of UTC's for an hour or two every night.
    let today = support::today_in(chrono_tz::Europe::Warsaw);
    let bought = today - Duration::days(100);
    let reply = app
        .register(&ana, WASHER_SKU, "wm-12345678", &bought.to_string())
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let product: RegisteredProduct = reply.json();
    let end = bought.checked_add_months(Months::new(24)).expect("date") - Duration::days(1);
    assert_eq!(product.serial, "WM-12345678");
    assert_eq!(product.coverage.start, bought);
    assert_eq!(product.coverage.end, end);
    assert_eq!(product.coverage.days_left, (end - today).num_days());
    assert_eq!(product.coverage.status, CoverageStatus::Active);
    let list: ProductList = app
        .call(Method::GET, "/products", None, Some(&ana))
        .await
        .json();
    assert_eq!(list.products, vec![product]);
}

/// Vietnam's calendar runs 7 hours ahead of UTC: for those hours a purchase made "today" in
/// Hanoi is dated tomorrow by UTC. The market's calendar decides, on the server as in the app.
#[tokio::test]
async fn days_are_counted_on_the_market_calendar_whatever_the_servers_zone() {
    let app = TestApp::init().await;
    let lan = app.customer("lan@example.com").await;
    let hanoi_today = support::today_in(chrono_tz::Asia::Ho_Chi_Minh);
    let mut body = app
        .registration_body(WASHER_SKU, "WM-70007000", &hanoi_today.to_string())
        .await;
    body["country"] = json!("VN");
    let reply = app
        .call(Method::POST, "/products", Some(body.clone()), Some(&lan))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let product: RegisteredProduct = reply.json();
    assert_eq!(product.registered_on, hanoi_today);
    assert_eq!(
        product.coverage.days_left,
        (product.coverage.end - hanoi_today).num_days()
    );

    body["serial"] = json!("WM-70007001");
    body["purchase_date"] = json!((hanoi_today + Duration::days(1)).to_string());
    let reply = app
        .call(Method::POST, "/products", Some(body), Some(&lan))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Problem = reply.json();
    assert_eq!(problem.errors[0].code, "error.purchase_date_future");
}

#[tokio::test]
async fn a_serial_that_does_not_fit_the_model_is_refused_with_the_expected_format() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let tomorrow = (support::today_in(chrono_tz::Europe::Warsaw) + Duration::days(1)).to_string();
    let reply = app.register(&ana, WASHER_SKU, "12345", &tomorrow).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Problem = reply.json();
    let fields: Vec<_> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("serial", "error.serial_format"),
            ("purchase_date", "error.purchase_date_future")
        ]
    );
    assert_eq!(problem.errors[0].params["example"], "WM-12345678");
}

#[tokio::test]
async fn the_same_serial_for_the_same_model_twice_is_a_conflict_on_the_serial() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    assert_eq!(
        app.register(&ana, WASHER_SKU, "WM-11112222", "2025-01-10")
            .await
            .status,
        StatusCode::CREATED
    );
    let again = app
        .register(&bob, WASHER_SKU, "wm-11112222", "2025-01-10")
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let problem: Problem = again.json();
    assert_eq!(problem.code, "error.serial_taken");
    assert_eq!(problem.errors[0].field, "serial");
}

#[tokio::test]
async fn a_retried_registration_with_the_same_idempotency_key_registers_once() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let body = app
        .registration_body(WASHER_SKU, "WM-55556666", "2025-05-05")
        .await;
    let (first, retry) = app.post_twice(&ana, "/products", body, "k-1").await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(retry.status, StatusCode::CREATED);
    assert_eq!(first.body, retry.body);
    let list: ProductList = app
        .call(Method::GET, "/products", None, Some(&ana))
        .await
        .json();
    assert_eq!(list.products.len(), 1);
}

#[tokio::test]
async fn customer_cannot_read_rename_or_delete_another_customers_product() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-87654321", "2025-02-01")
        .await
        .json();
    let path = format!("/products/{}", product.id);
    assert_eq!(
        app.call(Method::GET, &path, None, Some(&bob)).await.status,
        StatusCode::NOT_FOUND
    );
    let rename = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"nickname": "mine now"})),
            Some(&bob),
        )
        .await;
    assert_eq!(rename.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call(Method::DELETE, &path, None, Some(&bob))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let bobs: ProductList = app
        .call(Method::GET, "/products", None, Some(&bob))
        .await
        .json();
    assert!(bobs.products.is_empty());
    // Ana's product is exactly as it was.
    let still: RegisteredProduct = app.call(Method::GET, &path, None, Some(&ana)).await.json();
    assert_eq!(still, product);
}

#[tokio::test]
async fn a_customer_renames_and_removes_their_product() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-10203040", "2025-02-01")
        .await
        .json();
    let path = format!("/products/{}", product.id);
    let renamed: RegisteredProduct = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"nickname": " Kitchen washer "})),
            Some(&ana),
        )
        .await
        .json();
    assert_eq!(renamed.nickname.as_deref(), Some("Kitchen washer"));
    let long = app
        .call(
            Method::PATCH,
            &path,
            Some(json!({"nickname": "x".repeat(101)})),
            Some(&ana),
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.call(Method::DELETE, &path, None, Some(&ana))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call(Method::GET, &path, None, Some(&ana)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn products_need_a_signed_in_customer() {
    let app = TestApp::init().await;
    assert_eq!(
        app.call(Method::GET, "/products", None, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let agent = app.agent("sam@example.com").await;
    assert_eq!(
        app.call(Method::GET, "/products", None, Some(&agent))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn malformed_or_oversized_requests_get_problem_json_never_a_500() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let cases = [
        (
            app.raw(Method::POST, "/products", "{not json", Some(&ana))
                .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            app.raw(
                Method::POST,
                "/products",
                r#"{"model_id": "seven"}"#,
                Some(&ana),
            )
            .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            app.raw(Method::POST, "/auth/signin", &"x".repeat(100_000), None)
                .await,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            app.call(Method::GET, "/products/not-a-number", None, Some(&ana))
                .await,
            StatusCode::NOT_FOUND,
        ),
        (
            app.call(Method::GET, "/no/such/route", None, None).await,
            StatusCode::NOT_FOUND,
        ),
    ];
    for (reply, status) in cases {
        assert_eq!(reply.status, status, "{}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            "application/problem+json",
            "{}",
            reply.body
        );
        assert!(!reply.body.to_lowercase().contains("sql"), "{}", reply.body);
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_api_answers_are_not_cached() {
    let app = TestApp::init().await;
    let reply = app.call(Method::GET, "/health", None, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let csp = reply.header("content-security-policy");
    for part in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(reply.header("x-content-type-options"), "nosniff");
    assert_eq!(reply.header("cache-control"), "no-store");
    assert!(!reply.header("x-request-id").is_empty());
    assert!(reply.header("access-control-allow-origin").is_empty());
    assert_eq!(
        reply.header("referrer-policy"),
        "strict-origin-when-cross-origin"
    );
}

#[tokio::test]
async fn cors_stays_closed_to_other_origins() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    // A preflight from another site: nothing in the answer lets its script go on.
    let preflight = app
        .call_with(
            Method::OPTIONS,
            "/products",
            None,
            Some(&ana),
            &[
                ("origin", "https://evil.example"),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
        )
        .await;
    // A simple cross-origin read with the session cookie: the browser gets the answer
    // but, without these headers, never hands it to the other site's script.
    let read = app
        .call_with(
            Method::GET,
            "/me",
            None,
            Some(&ana),
            &[("origin", "https://evil.example")],
        )
        .await;
    for reply in [&preflight, &read] {
        for header in [
            "access-control-allow-origin",
            "access-control-allow-credentials",
            "access-control-allow-methods",
            "access-control-allow-headers",
        ] {
            assert!(
                reply.header(header).is_empty(),
                "{header}: {}",
                reply.header(header)
            );
        }
    }
    assert_ne!(preflight.status, StatusCode::NO_CONTENT);
    assert!(preflight.status.is_client_error(), "{}", preflight.status);
}

#[tokio::test]
async fn a_state_changing_request_from_another_site_is_refused() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let body = app
        .registration_body(WASHER_SKU, "WM-99990000", "2025-05-05")
        .await;
    let cross = app
        .call_with(
            Method::POST,
            "/products",
            Some(body.clone()),
            Some(&ana),
            &[
                ("origin", "https://evil.example"),
                ("host", "aftercare.example"),
            ],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    let fetch_meta = app
        .call_with(
            Method::POST,
            "/products",
            Some(body.clone()),
            Some(&ana),
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(fetch_meta.status, StatusCode::FORBIDDEN);
    let same = app
        .call_with(
            Method::POST,
            "/products",
            Some(body),
            Some(&ana),
            &[
                ("origin", "https://aftercare.example"),
                ("host", "aftercare.example"),
                ("sec-fetch-site", "same-origin"),
            ],
        )
        .await;
    assert_eq!(same.status, StatusCode::CREATED);
}

// ---- Coverage: the warranty engine on the server ------------------------------------

use aftercare_core::api::ProductCoverage;
use aftercare_core::warranty::RemedyKind;

fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

#[tokio::test]
async fn a_recorded_repair_moves_the_warranty_end_by_the_days_in_repair() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-20002000", &days_ago(200))
        .await
        .json();
    let before: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&ana),
        )
        .await
        .json();
    let repair = json!({
        "defect": "E21 drain pump", "handed_over": days_ago(50), "returned_on": days_ago(38),
        "parts_wait_days": 3, "outcome": "fixed"
    });
    let reply = app
        .call(
            Method::POST,
            &format!("/agent/products/{}/repairs", product.id),
            Some(repair),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let after: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert_eq!(
        (after.coverage.end - before.coverage.end).num_days(),
        12 + 3
    );
    // The list's badge says the same as the coverage page.
    let list: ProductList = app
        .call(Method::GET, "/products", None, Some(&ana))
        .await
        .json();
    assert_eq!(list.products[0].coverage.end, after.coverage.end);
    assert_eq!(
        list.products[0].coverage.days_left,
        after.coverage.days_left
    );
}

#[tokio::test]
async fn a_second_failed_repair_of_the_same_defect_offers_a_replacement_and_a_replacement_restarts_cover(
) {
    let app = TestApp::init().await;
    let lan = app.customer("lan@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let body = json!({
        "model_id": app.registration_body(WASHER_SKU, "WM-30003000", &days_ago(300)).await["model_id"],
        "serial": "WM-30003000", "purchase_date": days_ago(300), "retailer": "Dien May Xanh", "country": "VN"
    });
    let product: RegisteredProduct = app
        .call(Method::POST, "/products", Some(body), Some(&lan))
        .await
        .json();
    let repairs = format!("/agent/products/{}/repairs", product.id);
    for (handed, back) in [(120, 110), (60, 50)] {
        let repair = json!({"defect": "E21", "handed_over": days_ago(handed), "returned_on": days_ago(back), "outcome": "not_fixed"});
        assert_eq!(
            app.call(Method::POST, &repairs, Some(repair), Some(&agent))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let coverage: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&lan),
        )
        .await
        .json();
    assert_eq!(coverage.coverage.policy, "three-guarantees");
    assert!(
        coverage.coverage.offers(RemedyKind::Replacement),
        "{:?}",
        coverage.coverage.remedies
    );

    let replaced_on = days_ago(10);
    let replacement = json!({"date": replaced_on, "new_serial": "wm-30003001"});
    let reply = app
        .call(
            Method::POST,
            &format!("/agent/products/{}/replacements", product.id),
            Some(replacement),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let fresh: ProductCoverage = reply.json();
    let start = Utc::now().date_naive() - Duration::days(10);
    assert_eq!(fresh.coverage.unit_start, start);
    assert_eq!(
        fresh.coverage.end,
        start.checked_add_months(Months::new(24)).expect("date") - Duration::days(1)
    );
    let now: RegisteredProduct = app
        .call(
            Method::GET,
            &format!("/products/{}", product.id),
            None,
            Some(&lan),
        )
        .await
        .json();
    assert_eq!(now.serial, "WM-30003001");
}

#[tokio::test]
async fn a_customer_cannot_call_the_back_office() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-40004000", &days_ago(30))
        .await
        .json();
    let repair = json!({"defect": "E1", "handed_over": days_ago(5), "outcome": "fixed"});
    let reply = app
        .call(
            Method::POST,
            &format!("/agent/products/{}/repairs", product.id),
            Some(repair),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_proof_of_purchase_is_checked_by_its_bytes_and_served_only_to_its_owner_and_agents() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-50005000", &days_ago(30))
        .await
        .json();
    let path = format!("/products/{}/proof", product.id);
    let before: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert!(before.coverage.provisional_start && before.proof.is_none());

    let html = app
        .upload(
            &path,
            "invoice.pdf",
            b"<html><script>alert(1)</script></html>",
            Some(&ana),
        )
        .await;
    assert_eq!(html.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(html.json::<Problem>().errors[0].code, "error.file_type");
    let huge = vec![b'%'; 10 * 1024 * 1024 + 1];
    let big = app.upload(&path, "big.pdf", &huge, Some(&ana)).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.json::<Problem>().errors[0].field, "file");
    assert_eq!(
        app.upload(&path, "x.pdf", b"%PDF-1.4\n%%EOF", Some(&bob))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
    let ok = app.upload(&path, "../invoice.pdf", pdf, Some(&ana)).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let after: ProductCoverage = ok.json();
    let proof = after.proof.expect("proof on file");
    assert_eq!(
        (proof.file_name.as_str(), proof.content_type.as_str()),
        ("invoice.pdf", "application/pdf")
    );
    assert!(!after.coverage.provisional_start);

    let mine = app.call(Method::GET, &path, None, Some(&ana)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.body.as_bytes(), pdf);
    assert!(mine.header("content-disposition").starts_with("attachment"));
    assert_eq!(
        app.call(Method::GET, &path, None, Some(&bob)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(Method::GET, &path, None, Some(&agent))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.call(Method::GET, &path, None, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_plan_the_customer_bought_extends_cover_and_unknown_plans_are_refused() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-60006000", &days_ago(30))
        .await
        .json();
    let path = format!("/products/{}/plans", product.id);
    let before: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&ana),
        )
        .await
        .json();
    let offer = before
        .plan_offers
        .iter()
        .find(|o| o.code == "EXT-12")
        .expect("EXT-12 offered for washers");
    let bad = app
        .call(
            Method::POST,
            &path,
            Some(json!({"code": "FREE-99", "purchase_date": days_ago(60)})),
            Some(&ana),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = bad
        .json::<Problem>()
        .errors
        .into_iter()
        .map(|e| e.code)
        .collect();
    assert_eq!(fields, ["error.plan_unknown", "error.plan_before_purchase"]);
    let ok = app
        .call(
            Method::POST,
            &path,
            Some(json!({"code": offer.code, "purchase_date": days_ago(29)})),
            Some(&ana),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let after: ProductCoverage = ok.json();
    assert_eq!(after.plans.len(), 1);
    assert_eq!(
        after.coverage.end,
        before
            .coverage
            .end
            .checked_add_months(Months::new(12))
            .expect("date")
    );
}

#[tokio::test]
async fn another_customers_coverage_plans_and_proof_answer_404() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-70007000", &days_ago(30))
        .await
        .json();
    let coverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", product.id),
            None,
            Some(&bob),
        )
        .await;
    assert_eq!(coverage.status, StatusCode::NOT_FOUND);
    let plan = json!({"code": "EXT-12", "purchase_date": days_ago(1)});
    assert_eq!(
        app.call(
            Method::POST,
            &format!("/products/{}/plans", product.id),
            Some(plan),
            Some(&bob)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_demo_data_loads_twice_without_duplicates_and_its_customer_sees_her_products() {
    let app = TestApp::init().await;
    aftercare_server::demo::load_accounts(&app.state.db)
        .await
        .expect("demo");
    aftercare_server::demo::load_accounts(&app.state.db)
        .await
        .expect("demo again");
    let maja = app.sign_in("maja@example.com", "aftercare-demo").await;
    assert_eq!(maja.status, StatusCode::OK);
    let cookie = maja.session_cookie().expect("cookie");
    let list: ProductList = app
        .call(Method::GET, "/products", None, Some(&cookie))
        .await
        .json();
    assert_eq!(list.products.len(), 4);
    let statuses: Vec<CoverageStatus> = list.products.iter().map(|p| p.coverage.status).collect();
    for status in [
        CoverageStatus::Active,
        CoverageStatus::EndsSoon,
        CoverageStatus::Expired,
    ] {
        assert!(statuses.contains(&status), "{statuses:?}");
    }
    let washer = list
        .products
        .iter()
        .find(|p| p.model.sku == WASHER_SKU)
        .expect("washer");
    let coverage: ProductCoverage = app
        .call(
            Method::GET,
            &format!("/products/{}/coverage", washer.id),
            None,
            Some(&cookie),
        )
        .await
        .json();
    assert_eq!(coverage.coverage.repair_extension_days, 11);
    // Demo addresses count as confirmed: no reminder to confirm them.
    let verification: Value = app
        .call(Method::GET, "/me/verification", None, Some(&cookie))
        .await
        .json();
    assert_eq!(verification["verified"], true);
}

// ---- Appointments ----------------------------------------------------------------------

use aftercare_core::api::{Appointment, AppointmentList, AppointmentStatus, CentreList, SlotList};

/// The id of the demo centre with this city.
async fn centre_in(app: &TestApp, city: &str) -> i64 {
    let list: CentreList = app.call(Method::GET, "/centres", None, None).await.json();
    list.centres
        .iter()
        .find(|c| c.city == city)
        .expect("centre")
        .id
}

/// The first free slot of a service at a centre, with the free places it has.
async fn first_free(
    app: &TestApp,
    centre: i64,
    service: &str,
    skip: usize,
) -> aftercare_core::slots::Slot {
    let list: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{centre}/slots?service={service}"),
            None,
            None,
        )
        .await
        .json();
    *list
        .slots
        .iter()
        .filter(|s| s.free > 0)
        .nth(skip)
        .expect("a free slot within 30 days")
}

/// Registers a washer for the customer and books its first free slot of `service` at
/// the centre in `city`: (product, centre id, slot, appointment).
async fn book_washer(
    app: &TestApp,
    cookie: &String,
    serial: &str,
    city: &str,
    service: &str,
) -> (
    RegisteredProduct,
    i64,
    aftercare_core::slots::Slot,
    Appointment,
) {
    let product: RegisteredProduct = app
        .register(cookie, WASHER_SKU, serial, &days_ago(30))
        .await
        .json();
    let centre = centre_in(app, city).await;
    let slot = first_free(app, centre, service, 0).await;
    let reply = app
        .call(
            Method::POST,
            "/appointments",
            Some(booking(product.id, centre, service, slot.start)),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    (product, centre, slot, reply.json())
}

fn booking(
    product: i64,
    centre: i64,
    service: &str,
    start: chrono::DateTime<Utc>,
) -> serde_json::Value {
    json!({"product_id": product, "centre_id": centre, "service": service, "start": start})
}

#[tokio::test]
async fn a_customer_books_a_slot_in_the_centres_zone_and_gets_a_calendar_file() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-80008000", &days_ago(30))
        .await
        .json();
    let warsaw = centre_in(&app, "Warszawa").await;
    let slots: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{warsaw}/slots?service=drop_off_repair"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(slots.time_zone, "Europe/Warsaw");
    assert!(!slots.days.is_empty());
    let slot = first_free(&app, warsaw, "drop_off_repair", 0).await;
    let reply = app
        .call(
            Method::POST,
            "/appointments",
            Some(booking(product.id, warsaw, "drop_off_repair", slot.start)),
            Some(&ana),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let booked: Appointment = reply.json();
    assert_eq!(
        (booked.local_start, booked.time_zone.as_str()),
        (slot.local_start, "Europe/Warsaw")
    );
    let after = first_free(&app, warsaw, "drop_off_repair", 0).await;
    let same: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{warsaw}/slots?service=drop_off_repair"),
            None,
            None,
        )
        .await
        .json();
    let that = same
        .slots
        .iter()
        .find(|s| s.start == slot.start)
        .expect("slot");
    assert_eq!(that.free, slot.free - 1);
    assert!(after.start >= slot.start);
    let mine: AppointmentList = app
        .call(Method::GET, "/appointments", None, Some(&ana))
        .await
        .json();
    assert_eq!(mine.upcoming, vec![booked.clone()]);
    let ics = app
        .call(
            Method::GET,
            &format!("/appointments/{}/ics", booked.id),
            None,
            Some(&ana),
        )
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let dtstart = format!(
        "DTSTART;TZID=Europe/Warsaw:{}",
        slot.local_start.format("%Y%m%dT%H%M%S")
    );
    for line in [
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Warsaw",
        "BEGIN:VEVENT",
        dtstart.as_str(),
        "END:VCALENDAR",
    ] {
        assert!(ics.body.contains(line), "{line} in {}", ics.body);
    }
    assert!(ics.body.contains("\r\n"));
}

#[tokio::test]
async fn rescheduling_moves_the_place_and_cancelling_frees_it() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-81008100", &days_ago(30))
        .await
        .json();
    let krakow = centre_in(&app, "Kraków").await;
    let first = first_free(&app, krakow, "diagnosis", 0).await;
    let second = first_free(&app, krakow, "diagnosis", 1).await;
    let booked: Appointment = app
        .call(
            Method::POST,
            "/appointments",
            Some(booking(product.id, krakow, "diagnosis", first.start)),
            Some(&ana),
        )
        .await
        .json();
    let moved = app
        .call(
            Method::PATCH,
            &format!("/appointments/{}", booked.id),
            Some(json!({"start": second.start})),
            Some(&ana),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.json::<Appointment>().start, second.start);
    // Diagnosis in Kraków has one place: the first slot is free again, the second is not.
    let now: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{krakow}/slots?service=diagnosis"),
            None,
            None,
        )
        .await
        .json();
    let free_at = |start| now.slots.iter().find(|s| s.start == start).map(|s| s.free);
    assert_eq!(
        (free_at(first.start), free_at(second.start)),
        (Some(1), Some(0))
    );
    let cancelled = app
        .call(
            Method::DELETE,
            &format!("/appointments/{}", booked.id),
            None,
            Some(&ana),
        )
        .await;
    assert_eq!(
        cancelled.json::<Appointment>().status,
        AppointmentStatus::Cancelled
    );
    let again: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{krakow}/slots?service=diagnosis"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        again
            .slots
            .iter()
            .find(|s| s.start == second.start)
            .map(|s| s.free),
        Some(1)
    );
    let mine: AppointmentList = app
        .call(Method::GET, "/appointments", None, Some(&ana))
        .await
        .json();
    assert!(mine.upcoming.is_empty());
    assert_eq!(mine.past.len(), 1);
}

#[tokio::test]
async fn changes_after_the_centres_cutoff_are_refused_with_the_cutoff_named() {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-82008200", &days_ago(30))
        .await
        .json();
    let lyon = centre_in(&app, "Lyon").await;
    // Lyon asks 48 hours' notice for changes: a slot three days out can still change.
    let list: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{lyon}/slots?service=drop_off_repair"),
            None,
            None,
        )
        .await
        .json();
    let slot = *list
        .slots
        .iter()
        .find(|s| s.free > 0 && s.start > Utc::now() + Duration::hours(72))
        .expect("slot");
    let booked: Appointment = app
        .call(
            Method::POST,
            "/appointments",
            Some(booking(product.id, lyon, "drop_off_repair", slot.start)),
            Some(&ana),
        )
        .await
        .json();
    assert!(booked.can_change);
    // The centre now asks for 60 days' notice: this appointment is inside it.
    let row = aftercare_server::db::entities::centre::Entity::find_by_id(lyon)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("centre");
    let mut rules: aftercare_core::slots::CentreRules =
        serde_json::from_str(&row.rules_json).expect("rules");
    rules.change_notice_hours = 60 * 24;
    let mut active = row.into_active_model();
    active.rules_json = Set(serde_json::to_string(&rules).expect("json"));
    active.update(&app.state.db).await.expect("update");
    let refused = app
        .call(
            Method::DELETE,
            &format!("/appointments/{}", booked.id),
            None,
            Some(&ana),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Problem = refused.json();
    assert_eq!(problem.errors[0].code, "error.change_cutoff");
    assert!(problem.errors[0].params.contains_key("cutoff"));
    let shown: Appointment = app
        .call(
            Method::GET,
            &format!("/appointments/{}", booked.id),
            None,
            Some(&ana),
        )
        .await
        .json();
    assert!(!shown.can_change);
}

#[tokio::test]
async fn an_on_site_visit_outside_the_centres_area_is_refused_and_inside_it_is_booked() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-83008300", &days_ago(30))
        .await
        .json();
    let warsaw = centre_in(&app, "Warszawa").await;
    let slot = first_free(&app, warsaw, "on_site_repair", 0).await;
    let mut body = booking(product.id, warsaw, "on_site_repair", slot.start);
    body["address"] = json!("ul. Floriańska 1");
    body["postal_code"] = json!("31-019");
    let refused = app
        .call(
            Method::POST,
            "/appointments",
            Some(body.clone()),
            Some(&ana),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json::<Problem>().errors[0].code,
        "error.out_of_area"
    );
    body["postal_code"] = json!("02-677");
    let ok = app
        .call(Method::POST, "/appointments", Some(body), Some(&ana))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    assert!(ok.json::<Appointment>().place.contains("02-677"));
}

#[tokio::test]
async fn a_retried_booking_with_the_same_idempotency_key_books_once() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-84008400", &days_ago(30))
        .await
        .json();
    let madrid = centre_in(&app, "Madrid").await;
    let slot = first_free(&app, madrid, "diagnosis", 0).await;
    let body = booking(product.id, madrid, "diagnosis", slot.start);
    let (first, retry) = app.post_twice(&ana, "/appointments", body, "book-1").await;
    assert_eq!(
        (first.status, retry.status),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    assert_eq!(first.body, retry.body);
    let mine: AppointmentList = app
        .call(Method::GET, "/appointments", None, Some(&ana))
        .await
        .json();
    assert_eq!(mine.upcoming.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_customers_race_for_the_last_place_and_exactly_one_wins() {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = TestApp::init().await;
    let krakow = centre_in(&app, "Kraków").await;
    let slot = first_free(&app, krakow, "diagnosis", 0).await;
    assert_eq!(slot.free, 1, "diagnosis in Kraków has one place");
    let mut racers = Vec::new();
    for i in 0..200 {
        let cookie = app.customer(&format!("racer{i}@example.com")).await;
        let product: RegisteredProduct = app
            .register(&cookie, WASHER_SKU, &format!("WM-9{i:07}"), &days_ago(30))
            .await
            .json();
        racers.push((cookie, product.id));
    }
    let tasks: Vec<_> = racers
        .into_iter()
        .map(|(cookie, product)| {
            let router = app.router.clone();
            let body = booking(product, krakow, "diagnosis", slot.start).to_string();
            tokio::spawn(async move {
                use tower::ServiceExt;
                let request = axum::http::Request::post("/api/v1/appointments")
                    .header("content-type", "application/json")
                    .header("cookie", cookie)
                    .body(axum::body::Body::from(body))
                    .expect("request");
                router.oneshot(request).await.expect("response").status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    let won = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let lost = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 199), "{statuses:?}");
    let held = aftercare_server::db::entities::slot_claim::Entity::find()
        .filter(aftercare_server::db::entities::slot_claim::Column::CentreId.eq(krakow))
        .filter(aftercare_server::db::entities::slot_claim::Column::StartAt.eq(slot.start))
        .count(&app.state.db)
        .await
        .expect("count");
    assert_eq!(held, 1);
}

#[tokio::test]
async fn the_loser_of_the_last_place_is_offered_the_next_free_slots() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let a: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-85008500", &days_ago(30))
        .await
        .json();
    let b: RegisteredProduct = app
        .register(&bob, WASHER_SKU, "WM-85008501", &days_ago(30))
        .await
        .json();
    let krakow = centre_in(&app, "Kraków").await;
    let slot = first_free(&app, krakow, "diagnosis", 0).await;
    assert_eq!(
        app.call(
            Method::POST,
            "/appointments",
            Some(booking(a.id, krakow, "diagnosis", slot.start)),
            Some(&ana)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let lost = app
        .call(
            Method::POST,
            "/appointments",
            Some(booking(b.id, krakow, "diagnosis", slot.start)),
            Some(&bob),
        )
        .await;
    assert_eq!(lost.status, StatusCode::CONFLICT);
    let problem: Problem = lost.json();
    assert_eq!(problem.code, "error.slot_taken");
    assert!(!problem.next_slots.is_empty());
    assert!(problem
        .next_slots
        .iter()
        .all(|s| s.free > 0 && s.start > slot.start));
}

#[tokio::test]
async fn customer_cannot_see_change_or_cancel_another_customers_appointment() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    let (product, hanoi, _, booked) =
        book_washer(&app, &ana, "WM-86008600", "Hà Nội", "drop_off_repair").await;
    let path = format!("/appointments/{}", booked.id);
    assert_eq!(
        app.call(Method::GET, &path, None, Some(&bob)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(Method::GET, &format!("{path}/ics"), None, Some(&bob))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let later = first_free(&app, hanoi, "drop_off_repair", 3).await;
    assert_eq!(
        app.call(
            Method::PATCH,
            &path,
            Some(json!({"start": later.start})),
            Some(&bob)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(Method::DELETE, &path, None, Some(&bob))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Booking for someone else's product is refused too.
    let theirs = app
        .call(
            Method::POST,
            "/appointments",
            Some(booking(product.id, hanoi, "drop_off_repair", later.start)),
            Some(&bob),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::UNPROCESSABLE_ENTITY);
    let still: Appointment = app.call(Method::GET, &path, None, Some(&ana)).await.json();
    assert_eq!(still.status, AppointmentStatus::Booked);
}

#[tokio::test]
async fn agents_see_a_centres_day_mark_arrival_and_block_time_which_removes_slots() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let agent = app.agent("sam@example.com").await;
    let (_, chicago, slot, booked) =
        book_washer(&app, &ana, "WM-87008700", "Chicago", "maintenance").await;
    let day = slot.local_start.date();
    let calendar_path = format!("/agent/centres/{chicago}/appointments?from={day}&days=7");
    assert_eq!(
        app.call(Method::GET, &calendar_path, None, Some(&ana))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let week: Vec<Appointment> = app
        .call(Method::GET, &calendar_path, None, Some(&agent))
        .await
        .json();
    assert_eq!(week.iter().map(|a| a.id).collect::<Vec<_>>(), [booked.id]);
    assert_eq!(week[0].customer_name.as_deref(), Some("Test Customer"));
    let arrived = app
        .call(
            Method::POST,
            &format!("/agent/appointments/{}/status", booked.id),
            Some(json!({"status": "arrived"})),
            Some(&agent),
        )
        .await;
    assert_eq!(
        arrived.json::<Appointment>().status,
        AppointmentStatus::Arrived
    );
    let next = first_free(&app, chicago, "diagnosis", 0).await;
    let block = json!({"start": next.start, "end": next.end, "reason": "Staff training"});
    assert_eq!(
        app.call(
            Method::POST,
            &format!("/agent/centres/{chicago}/blocks"),
            Some(block),
            Some(&agent)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let after: SlotList = app
        .call(
            Method::GET,
            &format!("/centres/{chicago}/slots?service=diagnosis"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        after
            .slots
            .iter()
            .find(|s| s.start == next.start)
            .map(|s| s.free),
        Some(0)
    );
}

#[tokio::test]
async fn a_booked_customer_is_reminded_once_the_day_before_in_the_app_and_by_email() {
    use aftercare_core::api::NotificationList;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let bob = app.customer("bob@example.com").await;
    app.forget_emails().await;
    let (_, _, slot, booked) =
        book_washer(&app, &ana, "WM-88008800", "Warszawa", "drop_off_repair").await;
    let now = Utc::now();
    // Seen from a day and a bit before, nothing is due yet; from 20 hours before, it is.
    let early = slot.start - Duration::hours(30);
    assert_eq!(
        aftercare_server::notify::send_due_reminders(&app.state, early)
            .await
            .expect("job"),
        0
    );
    let row = aftercare_server::db::entities::appointment::Entity::find_by_id(booked.id)
        .one(&app.state.db)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.start_at = Set(now + Duration::hours(20));
    active.update(&app.state.db).await.expect("move");
    assert_eq!(
        aftercare_server::notify::send_due_reminders(&app.state, now)
            .await
            .expect("job"),
        1
    );
    assert_eq!(
        aftercare_server::notify::send_due_reminders(&app.state, now)
            .await
            .expect("job again"),
        0
    );

    let list: NotificationList = app
        .call(Method::GET, "/notifications", None, Some(&ana))
        .await
        .json();
    assert_eq!(list.unread, 1);
    let reminder = &list.notifications[0];
    assert_eq!(reminder.title_key, "notification.appointment_reminder");
    assert_eq!(
        reminder.link.as_deref(),
        Some(format!("/appointments/{}", booked.id).as_str())
    );
    assert_eq!(reminder.params["zone"], "Europe/Warsaw");
    assert_eq!(
        aftercare_server::notify::deliver_pending(&app.state)
            .await
            .expect("outbox"),
        1
    );
    let emails: Vec<_> = std::fs::read_dir(app.dir.path().join("outbox"))
        .expect("outbox")
        .collect();
    assert_eq!(emails.len(), 1);
    let email = std::fs::read_to_string(emails[0].as_ref().expect("entry").path()).expect("eml");
    assert!(
        email.contains("To: ana@example.com\r\n")
            && email.contains("Subject: Your Aftercare appointment is tomorrow")
    );

    let theirs: NotificationList = app
        .call(Method::GET, "/notifications", None, Some(&bob))
        .await
        .json();
    assert!(theirs.notifications.is_empty());
    // Bob cannot mark Ana's as read.
    app.call(
        Method::POST,
        "/notifications/read",
        Some(json!({"ids": [reminder.id]})),
        Some(&bob),
    )
    .await;
    let still: NotificationList = app
        .call(Method::GET, "/notifications", None, Some(&ana))
        .await
        .json();
    assert_eq!(still.unread, 1);
    let read = app
        .call(
            Method::POST,
            "/notifications/read",
            Some(json!({"ids": []})),
            Some(&ana),
        )
        .await;
    assert_eq!(read.status, StatusCode::NO_CONTENT);
    let after: NotificationList = app
        .call(Method::GET, "/notifications", None, Some(&ana))
        .await
        .json();
    assert_eq!(after.unread, 0);
    assert!(after.notifications[0].read);
}

#[tokio::test]
async fn the_service_worker_lists_the_build_it_is_served_with_and_is_always_revalidated() {
    let app = TestApp::init().await;
    assert_eq!(app.site("/sw.js").await.status, StatusCode::NOT_FOUND);
    let app = app.with_dist(&[
        ("index.html", "<!doctype html><title>Aftercare</title>"),
        ("sw.js", "self.addEventListener('fetch', () => {});"),
        ("aftercare-0123456789abcdef_bg.wasm", "\0asm"),
        ("aftercare-0123456789abcdef.js", "export default 1;"),
        ("outbox.js", "self.AftercareOutbox = {};"),
        ("screenshots/narrow.png", "png"),
    ]);
    let worker = app.site("/sw.js").await;
    assert_eq!(worker.status, StatusCode::OK);
    assert!(worker.header("content-type").starts_with("text/javascript"));
    assert_eq!(worker.header("cache-control"), "no-cache");
    let list = worker
        .body
        .lines()
        .find_map(|l| l.strip_prefix("const PRECACHE = "))
        .map(|l| l.trim_end_matches(';'))
        .and_then(|l| serde_json::from_str::<Vec<String>>(l).ok())
        .expect("a PRECACHE line");
    assert_eq!(
        list,
        [
            "/aftercare-0123456789abcdef.js",
            "/aftercare-0123456789abcdef_bg.wasm",
            "/index.html",
            "/outbox.js"
        ],
        "the hashed build files, never itself nor the install screenshots"
    );
    assert!(worker.body.contains("const VERSION = '"));
    assert!(worker
        .body
        .ends_with("self.addEventListener('fetch', () => {});"));
}

#[tokio::test]
async fn a_message_retried_with_its_idempotency_key_is_written_once() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-70707070", &days_ago(30))
        .await
        .json();
    let claim = app
        .call(
            Method::POST,
            "/claims",
            Some(json!({
                "product_id": product.id, "cause": "performance_defect",
                "description": "It leaks from the door seal after every wash.",
                "started_on": days_ago(2), "remedy": "free_repair", "contact": "email",
                "phone": "", "photo_ids": []
            })),
            Some(&ana),
        )
        .await;
    assert_eq!(claim.status, StatusCode::CREATED, "{}", claim.body);
    let id = claim.json::<Value>()["summary"]["id"].as_i64().expect("id");
    let path = format!("/claims/{id}/messages");
    let body = json!({ "body": "Sent from the basement, twice.", "attachment_ids": [] });
    let (first, retry) = app.post_twice(&ana, &path, body, "message-key-1").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(retry.status, StatusCode::CREATED);
    assert_eq!(retry.header("idempotent-replayed"), "true");
    assert_eq!(first.body, retry.body);
    let view: Value = app
        .call(Method::GET, &format!("/claims/{id}"), None, Some(&ana))
        .await
        .json();
    let messages = view["messages"].as_array().map_or(0, Vec::len);
    assert_eq!(messages, 1);
}

#[tokio::test]
async fn two_racing_retries_of_one_claim_file_it_once_and_both_get_its_answer() {
    let app = TestApp::init().await;
    let ana = app.customer("ana@example.com").await;
    let product: RegisteredProduct = app
        .register(&ana, WASHER_SKU, "WM-71717171", &days_ago(30))
        .await
        .json();
    let body = json!({
        "product_id": product.id, "cause": "performance_defect",
        "description": "The drum stops mid-cycle with a loud click.",
        "started_on": days_ago(1), "remedy": "free_repair", "contact": "email",
        "phone": "", "photo_ids": []
    });
    let headers = [("idempotency-key", "race-1")];
    let (a, b) = tokio::join!(
        app.call_with(
            Method::POST,
            "/claims",
            Some(body.clone()),
            Some(&ana),
            &headers
        ),
        app.call_with(Method::POST, "/claims", Some(body), Some(&ana), &headers),
    );
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.body);
    assert_eq!(a.body, b.body);
    let list: Value = app
        .call(Method::GET, "/claims", None, Some(&ana))
        .await
        .json();
    assert_eq!(list["claims"].as_array().map_or(0, Vec::len), 1);
}
