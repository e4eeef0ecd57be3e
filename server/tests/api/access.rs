//! Access control over the whole API, from one table of every route: with customer A's
//! things created, customer B gets 404 on every route naming one of them (exactly what a
//! missing id gets), a customer gets 403 on every agent route, an agent 403 on every
//! customer-only route, and a signed-out client 401 on everything but the public routes.
//! Then every JSON route is sent malformed, wrongly typed and oversized bodies, the upload
//! routes oversized files: always a problem+json 4xx, never a 500, and no error body ever
//! carries a stack trace, SQL or a filesystem path. Nothing of A's changes throughout.
//!
//! ADDING A ROUTE? Add it to `ROUTES` below (the test reads `server/src/routes/mod.rs`
//! and fails, naming it, until you do), and give it a body in `json_body` if it takes
//! JSON.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::privacy::{customer_with_everything, Everything};
use crate::support::{Reply, TestApp, PASSWORD};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Signed-in customers only (agents 403).
    Customer,
    /// Agents and admins only (customers 403).
    Agent,
}

/// What B gets when naming A's thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owned {
    /// Not about one customer's thing.
    No,
    /// The path names A's thing: 404, like a missing id.
    InPath,
    /// The body names A's product: the same answer as for a product that does not exist.
    InBody,
}

/// What the request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    None,
    Json,
    Upload,
}

struct Route {
    method: &'static str,
    path: &'static str,
    who: Who,
    owned: Owned,
    body: Body,
}

const fn route(
    method: &'static str,
    path: &'static str,
    who: Who,
    owned: Owned,
    body: Body,
) -> Route {
    Route {
        method,
        path,
        who,
        owned,
        body,
    }
}

use Body::{Json, None as NoBody, Upload};
use Owned::{InBody, InPath, No};
use Who::{Agent, Customer, Public, SignedIn};

/// Every route of `server/src/routes/mod.rs`, relative to `/api/v1`. Keep it complete:
/// `the_table_lists_every_route_the_server_has` fails otherwise.
const ROUTES: &[Route] = &[
    route("GET", "/health", Public, No, NoBody),
    route("GET", "/openapi.json", Public, No, NoBody),
    route("POST", "/auth/signup", Public, No, Json),
    route("POST", "/auth/signin", Public, No, Json),
    route("POST", "/auth/signout", Public, No, NoBody),
    route("POST", "/auth/verify", Public, No, Json),
    route("POST", "/auth/reset/request", Public, No, Json),
    route("POST", "/auth/reset/confirm", Public, No, Json),
    route("GET", "/me/verification", SignedIn, No, NoBody),
    route("POST", "/me/verification", SignedIn, No, NoBody),
    route("POST", "/me/password", SignedIn, No, Json),
    route("POST", "/me/email", SignedIn, No, Json),
    route("POST", "/auth/passkey/signup/start", Public, No, Json),
    route("POST", "/auth/passkey/signup/finish", Public, No, Json),
    route("POST", "/auth/passkey/signin/start", Public, No, NoBody),
    route("POST", "/auth/passkey/signin/finish", Public, No, Json),
    route("POST", "/me/reauth/start", SignedIn, No, NoBody),
    route("POST", "/me/reauth/finish", SignedIn, No, Json),
    route("GET", "/me/passkeys", SignedIn, No, NoBody),
    route("POST", "/me/passkeys/start", SignedIn, No, NoBody),
    route("POST", "/me/passkeys/finish", SignedIn, No, Json),
    route("PATCH", "/me/passkeys/{id}", SignedIn, InPath, Json),
    route("DELETE", "/me/passkeys/{id}", SignedIn, InPath, NoBody),
    route("GET", "/me", SignedIn, No, NoBody),
    route("PATCH", "/me", SignedIn, No, Json),
    route("DELETE", "/me", Customer, No, Json),
    route("GET", "/me/export", SignedIn, No, NoBody),
    route("GET", "/catalog/models", Public, No, NoBody),
    route("GET", "/catalog/models/{id}", Public, No, NoBody),
    route("GET", "/products", Customer, No, NoBody),
    route("POST", "/products", Customer, No, Json),
    route("GET", "/products/{id}", Customer, InPath, NoBody),
    route("PATCH", "/products/{id}", Customer, InPath, Json),
    route("DELETE", "/products/{id}", Customer, InPath, NoBody),
    route("GET", "/products/{id}/coverage", Customer, InPath, NoBody),
    route("POST", "/products/{id}/proof", Customer, InPath, Upload),
    route("GET", "/products/{id}/proof", SignedIn, InPath, NoBody),
    route("POST", "/products/{id}/plans", Customer, InPath, Json),
    route("POST", "/labels/scan", Customer, No, Upload),
    route("POST", "/agent/products/{id}/repairs", Agent, No, Json),
    route("POST", "/agent/products/{id}/replacements", Agent, No, Json),
    route("GET", "/centres", Public, No, NoBody),
    route("GET", "/centres/{id}/slots", Public, No, NoBody),
    route("GET", "/appointments", Customer, No, NoBody),
    route("POST", "/appointments", Customer, InBody, Json),
    route("GET", "/appointments/{id}", Customer, InPath, NoBody),
    route("PATCH", "/appointments/{id}", Customer, InPath, Json),
    route("DELETE", "/appointments/{id}", Customer, InPath, NoBody),
    route("GET", "/appointments/{id}/ics", Customer, InPath, NoBody),
    route("GET", "/agent/centres/{id}/appointments", Agent, No, NoBody),
    route("POST", "/agent/centres/{id}/blocks", Agent, No, Json),
    route("POST", "/agent/appointments/{id}/status", Agent, No, Json),
    route("GET", "/claims", Customer, No, NoBody),
    route("POST", "/claims", Customer, InBody, Json),
    route("POST", "/claims/uploads", SignedIn, No, Upload),
    route("GET", "/claims/files/{id}", SignedIn, InPath, NoBody),
    route("GET", "/claims/files/{id}/thumb", SignedIn, InPath, NoBody),
    route("GET", "/claims/{id}", Customer, InPath, NoBody),
    route("GET", "/claims/{id}/tracking", Customer, InPath, NoBody),
    route("POST", "/claims/{id}/tracking", Customer, InPath, NoBody),
    route("DELETE", "/claims/{id}/tracking", Customer, InPath, NoBody),
    route("GET", "/track/{token}", Public, No, NoBody),
    route("POST", "/claims/{id}/messages", Customer, InPath, Json),
    route(
        "POST",
        "/claims/{id}/quote/decision",
        Customer,
        InPath,
        Json,
    ),
    route("POST", "/claims/{id}/survey", Customer, InPath, Json),
    route("GET", "/agent/claims", Agent, No, NoBody),
    route("GET", "/agent/claims/{id}", Agent, No, NoBody),
    route("POST", "/agent/claims/{id}/transition", Agent, No, Json),
    route("POST", "/agent/claims/{id}/messages", Agent, No, Json),
    route("POST", "/agent/claims/{id}/quote", Agent, No, Json),
    route("POST", "/agent/claims/{id}/repair", Agent, No, Json),
    route("POST", "/agent/claims/{id}/replacement", Agent, No, Json),
    route("GET", "/agent/satisfaction", Agent, No, NoBody),
    route("GET", "/notifications", SignedIn, No, NoBody),
    route("POST", "/notifications/read", SignedIn, No, Json),
    route("GET", "/articles", Public, No, NoBody),
    route("GET", "/articles/{slug}", Public, No, NoBody),
    route("POST", "/articles/{slug}/feedback", SignedIn, No, Json),
];

/// The ids the table's paths are filled with.
struct Ids {
    product: i64,
    appointment: i64,
    claim: i64,
    file: i64,
    centre: i64,
    model: i64,
    slug: String,
}

impl Ids {
    fn of(a: &Everything, model: i64) -> Ids {
        Ids {
            product: a.product_id,
            appointment: a.appointment_id,
            claim: a.claim_id,
            file: a.photo_id,
            centre: a.centre_id,
            model,
            slug: a.article_slug.clone(),
        }
    }

    /// Ids of nothing at all.
    fn missing(&self) -> Ids {
        Ids {
            product: 987_654,
            appointment: 987_654,
            claim: 987_654,
            file: 987_654,
            centre: self.centre,
            model: self.model,
            slug: self.slug.clone(),
        }
    }

    fn path(&self, template: &str) -> String {
        let id = if template.starts_with("/products/") || template.starts_with("/agent/products/") {
            self.product
        } else if template.starts_with("/appointments/")
            || template.starts_with("/agent/appointments/")
        {
            self.appointment
        } else if template.starts_with("/claims/files/") {
            self.file
        } else if template.starts_with("/claims/") || template.starts_with("/agent/claims/") {
            self.claim
        } else if template.starts_with("/centres/") || template.starts_with("/agent/centres/") {
            self.centre
        } else {
            self.model
        };
        template
            .replace("{id}", &id.to_string())
            .replace("{slug}", &self.slug)
    }
}

fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

/// A well-formed body for each JSON route, so that what answers is the access check and
/// not the body's validation.
fn json_body(method: &str, path: &str, ids: &Ids) -> Value {
    let soon = (Utc::now() + Duration::days(3)).to_rfc3339();
    let later = (Utc::now() + Duration::days(3) + Duration::hours(1)).to_rfc3339();
    match (method, path) {
        ("POST", "/auth/signup") => {
            json!({"name": "Probe", "email": "probe@example.com", "password": PASSWORD})
        }
        ("POST", "/auth/signin") => {
            json!({"email": "probe@example.com", "password": PASSWORD})
        }
        ("PATCH", "/me") => json!({"name": "Renamed"}),
        ("POST", "/auth/verify") => json!({"token": "no-such-token"}),
        ("POST", "/auth/reset/request") => json!({"email": "probe@example.com"}),
        ("POST", "/auth/reset/confirm") => {
            json!({"token": "no-such-token", "password": PASSWORD})
        }
        ("POST", "/me/password") => {
            json!({"current_password": PASSWORD, "new_password": PASSWORD})
        }
        ("POST", "/me/email") => {
            json!({"password": PASSWORD, "new_email": "probe-new@example.com"})
        }
        ("POST", "/auth/passkey/signup/start") => {
            json!({"name": "Probe", "email": "probe-passkey@example.com", "language": "en"})
        }
        ("POST", "/auth/passkey/signup/finish")
        | ("POST", "/auth/passkey/signin/finish")
        | ("POST", "/me/passkeys/finish")
        | ("POST", "/me/reauth/finish") => {
            json!({"ceremony": "no-such-ceremony", "credential": {}, "name": "Probe"})
        }
        ("PATCH", "/me/passkeys/{id}") => json!({"name": "Taken over"}),
        ("DELETE", "/me") => json!({"password": PASSWORD}),
        ("POST", "/products") => json!({"model_id": ids.model, "serial": "WM-55550001",
            "purchase_date": days_ago(20), "retailer": "MediaMarkt", "country": "PL"}),
        ("PATCH", "/products/{id}") => json!({"nickname": "Taken over"}),
        ("POST", "/products/{id}/plans") => {
            json!({"code": "EXT-12", "purchase_date": days_ago(5)})
        }
        ("POST", "/agent/products/{id}/repairs") => json!({"defect": "pump",
            "handed_over": days_ago(4), "returned_on": days_ago(1), "outcome": "fixed"}),
        ("POST", "/agent/products/{id}/replacements")
        | ("POST", "/agent/claims/{id}/replacement") => {
            json!({"date": days_ago(1), "new_serial": "WM-55550009"})
        }
        ("POST", "/appointments") => json!({"product_id": ids.product, "centre_id": ids.centre,
            "service": "maintenance", "start": soon}),
        ("PATCH", "/appointments/{id}") => json!({"start": soon}),
        ("POST", "/agent/centres/{id}/blocks") => {
            json!({"start": soon, "end": later, "reason": "Training"})
        }
        ("POST", "/agent/appointments/{id}/status") => json!({"status": "arrived"}),
        ("POST", "/claims") => json!({"product_id": ids.product, "cause": "performance_defect",
            "description": "It stopped", "started_on": days_ago(2), "remedy": "free_repair",
            "contact": "email"}),
        ("POST", "/claims/{id}/messages") | ("POST", "/agent/claims/{id}/messages") => {
            json!({"body": "Hello?"})
        }
        ("POST", "/claims/{id}/quote/decision") => json!({"accept": true}),
        ("POST", "/claims/{id}/survey") => json!({"score": 5, "comment": "Fine"}),
        ("POST", "/agent/claims/{id}/transition") => json!({"to": "awaiting_parts", "note": ""}),
        ("POST", "/agent/claims/{id}/quote") => json!({"lines": [{"description": "Pump",
            "quantity": 1, "unit_price_cents": 4900}], "tax_rate_bp": 2300, "currency": "PLN",
            "note": ""}),
        ("POST", "/agent/claims/{id}/repair") => json!({"handed_over": days_ago(4),
            "returned_on": days_ago(1), "outcome": "fixed", "parts": []}),
        ("POST", "/notifications/read") => json!({"ids": []}),
        ("POST", "/articles/{slug}/feedback") => json!({"solved": false}),
        other => panic!("no body written for {other:?}: add one to json_body"),
    }
}

const PDF: &[u8] = b"%PDF-1.7\nprobe\n%%EOF";

async fn send(app: &TestApp, route: &Route, ids: &Ids, cookie: Option<&String>) -> (String, Reply) {
    let path = ids.path(route.path);
    let method = Method::from_bytes(route.method.as_bytes()).expect("method");
    let reply = match route.body {
        NoBody => app.call(method, &path, None, cookie).await,
        Json => {
            let body = json_body(route.method, route.path, ids);
            app.call(method, &path, Some(body), cookie).await
        }
        Upload => app.upload(&path, "invoice.pdf", PDF, cookie).await,
    };
    (format!("{} {path}", route.method), reply)
}

/// Error bodies that would tell an attacker how the server is built.
fn assert_tells_nothing(what: &str, reply: &Reply, temp_dir: &str) {
    if reply.status.as_u16() < 400 {
        return;
    }
    assert_eq!(
        reply.header("content-type"),
        "application/problem+json",
        "{what}: {} {}",
        reply.status,
        reply.body
    );
    let lower = reply.body.to_lowercase();
    for marker in [
        "panicked",
        "backtrace",
        "sqlx",
        "sqlite",
        "postgres",
        "select ",
        "insert into",
        "delete from",
        "constraint",
        ".rs:",
        "/tmp/",
        "/work/",
        "/home/",
        "/root/",
        "src/",
        "uploads",
    ] {
        assert!(
            !lower.contains(marker),
            "{what} leaks {marker:?}: {}",
            reply.body
        );
    }
    assert!(
        !reply.body.contains(temp_dir),
        "{what} leaks the data folder"
    );
}

/// What A can see of their own things, to prove nothing of it moved.
async fn snapshot(app: &TestApp, a: &Everything) -> Vec<String> {
    let mut out = Vec::new();
    for path in [
        "/me".to_owned(),
        "/products".to_owned(),
        "/appointments".to_owned(),
        "/claims".to_owned(),
        "/notifications".to_owned(),
        format!("/claims/{}", a.claim_id),
        format!("/products/{}/coverage", a.product_id),
    ] {
        let reply = app.call(Method::GET, &path, None, Some(&a.cookie)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        out.push(format!("{path}: {}", reply.body));
    }
    out
}

#[test]
fn the_table_lists_every_route_the_server_has() {
    let registered = crate::support::routes::registered_routes();
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(listed.len(), ROUTES.len(), "a route is listed twice");
    let unlisted: Vec<_> = registered.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "routes missing from ROUTES in server/tests/api/access.rs: {unlisted:?}"
    );
    let gone: Vec<_> = listed.difference(&registered).collect();
    assert!(
        gone.is_empty(),
        "ROUTES lists routes the server no longer has: {gone:?}"
    );
}

#[tokio::test]
async fn every_route_refuses_the_wrong_caller_and_bad_input_without_telling_anything() {
    let app = TestApp::init().await;
    let temp_dir = app.dir.path().display().to_string();
    let agent = app.agent("sam@example.com").await;
    let a = customer_with_everything(&app, &agent, "Ana Nowak", "ana@example.com", 1111).await;
    let b = app.customer("bo@example.com").await;
    let model = app
        .registration_body("BSH-WAN28281", "WM-00000000", "2025-01-01")
        .await["model_id"]
        .as_i64()
        .expect("model");
    let ids = Ids::of(&a, model);
    let missing = ids.missing();
    let before = snapshot(&app, &a).await;

    // B names A's things: the same answer as for things that do not exist.
    let mut owned = 0;
    for r in ROUTES.iter().filter(|r| r.owned != No) {
        let (what, theirs) = send(&app, r, &ids, Some(&b)).await;
        let (_, nothing) = send(&app, r, &missing, Some(&b)).await;
        if r.owned == InPath {
            assert_eq!(
                theirs.status,
                StatusCode::NOT_FOUND,
                "{what}: {}",
                theirs.body
            );
        }
        assert_eq!(theirs.status, nothing.status, "{what}: {}", theirs.body);
        assert_eq!(theirs.body, nothing.body, "{what}");
        assert_tells_nothing(&what, &theirs, &temp_dir);
        owned += 1;
    }
    // Marking A's notifications read as B touches none of them.
    let notifications = app
        .call(Method::GET, "/notifications", None, Some(&a.cookie))
        .await
        .json::<Value>();
    let ids_of_a: Vec<Value> = notifications["notifications"]
        .as_array()
        .expect("list")
        .iter()
        .map(|n| n["id"].clone())
        .collect();
    assert!(!ids_of_a.is_empty());
    let read = app
        .call(
            Method::POST,
            "/notifications/read",
            Some(json!({"ids": ids_of_a})),
            Some(&b),
        )
        .await;
    assert_eq!(read.status, StatusCode::NO_CONTENT);

    // Signed out: 401 on everything but the public routes.
    let (mut signed_out, mut public) = (0, 0);
    for r in ROUTES {
        let (what, reply) = send(&app, r, &ids, None).await;
        if r.who == Public {
            assert!(
                reply.status != StatusCode::UNAUTHORIZED
                    && reply.status != StatusCode::FORBIDDEN
                    && !reply.status.is_server_error(),
                "{what}: {} {}",
                reply.status,
                reply.body
            );
            public += 1;
        } else {
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{what}: {}",
                reply.body
            );
            assert_eq!(reply.json::<Value>()["code"], "error.unauthenticated");
            signed_out += 1;
        }
        assert_tells_nothing(&what, &reply, &temp_dir);
    }

    // The wrong role: customers on agent routes (even about their own things), agents on
    // customer-only routes.
    let (mut agent_only, mut customer_only) = (0, 0);
    for r in ROUTES.iter().filter(|r| r.who == Agent) {
        let (what, reply) = send(&app, r, &ids, Some(&a.cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{what}: {}",
            reply.body
        );
        assert_tells_nothing(&what, &reply, &temp_dir);
        agent_only += 1;
    }
    for r in ROUTES.iter().filter(|r| r.who == Customer) {
        let (what, reply) = send(&app, r, &ids, Some(&agent)).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{what}: {}",
            reply.body
        );
        assert_tells_nothing(&what, &reply, &temp_dir);
        customer_only += 1;
    }

    // Bad JSON from an allowed caller: malformed, wrongly typed, oversized.
    let mut json_routes = 0;
    for r in ROUTES.iter().filter(|r| r.body == Json) {
        let cookie = match r.who {
            Public => None,
            SignedIn | Customer => Some(&a.cookie),
            Agent => Some(&agent),
        };
        let path = ids.path(r.path);
        let method = Method::from_bytes(r.method.as_bytes()).expect("method");
        let valid = json_body(r.method, r.path, &ids);
        let mut wrong_types = valid.clone();
        for value in wrong_types.as_object_mut().expect("an object").values_mut() {
            *value = json!({"wrong": ["type"]});
        }
        let oversized = format!(
            r#"{{"padding": "{}"}}"#,
            "x".repeat(aftercare_server::JSON_BODY_LIMIT + 1)
        );
        for (kind, body, expected) in [
            ("malformed", "{\"not\": json".to_owned(), None),
            ("a string", "\"just text\"".to_owned(), None),
            ("null", "null".to_owned(), None),
            ("wrong types", wrong_types.to_string(), None),
            ("oversized", oversized, Some(StatusCode::PAYLOAD_TOO_LARGE)),
        ] {
            let reply = app.raw(method.clone(), &path, &body, cookie).await;
            let what = format!("{} {path} ({kind})", r.method);
            assert!(
                reply.status.is_client_error(),
                "{what}: {} {}",
                reply.status,
                reply.body
            );
            if let Some(expected) = expected {
                assert_eq!(reply.status, expected, "{what}: {}", reply.body);
            }
            assert_tells_nothing(&what, &reply, &temp_dir);
        }
        json_routes += 1;
    }

    // Uploads: over 10 MB is a 413 on both upload routes; a body that is no upload a 4xx.
    let big = vec![b'%'; 10 * 1024 * 1024 + 128 * 1024];
    let mut upload_routes = 0;
    for r in ROUTES.iter().filter(|r| r.body == Upload) {
        let path = ids.path(r.path);
        let reply = app.upload(&path, "huge.pdf", &big, Some(&a.cookie)).await;
        let what = format!("{} {path} (oversized)", r.method);
        assert_eq!(
            reply.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{what}: {}",
            reply.body
        );
        assert_tells_nothing(&what, &reply, &temp_dir);
        let reply = app
            .raw(
                Method::POST,
                &path,
                "{\"not\": \"multipart\"}",
                Some(&a.cookie),
            )
            .await;
        let what = format!("{} {path} (not multipart)", r.method);
        assert!(reply.status.is_client_error(), "{what}: {}", reply.status);
        assert_tells_nothing(&what, &reply, &temp_dir);
        upload_routes += 1;
    }

    // Through all of it, nothing of A's changed.
    assert_eq!(snapshot(&app, &a).await, before);

    println!(
        "access table: {} routes; B refused on {owned} naming A's things; signed out: 401 on \
         {signed_out}, {public} public; 403 for customers on {agent_only} agent routes and for \
         agents on {customer_only} customer routes; bad bodies on {json_routes} JSON and \
         {upload_routes} upload routes",
        ROUTES.len()
    );
    assert_eq!(signed_out + public, ROUTES.len());
    assert!(
        owned >= 16 && agent_only >= 13 && customer_only >= 20,
        "the passes ran"
    );
}
