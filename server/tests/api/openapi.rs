//! The API contract: `GET /api/v1/openapi.json` is an OpenAPI 3.1 document that names
//! every route the router registers, and no route it does not have.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::support::routes::registered_routes;
use crate::support::TestApp;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

async fn document(app: &TestApp) -> Value {
    let reply = app.call(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        reply.header("content-type").starts_with("application/json"),
        "{}",
        reply.header("content-type")
    );
    reply.json()
}

#[tokio::test]
async fn the_document_is_openapi_3_1_served_to_anyone() {
    let app = TestApp::init().await;
    let doc = document(&app).await;
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1"), "openapi = {version:?}");
    assert_eq!(doc["info"]["title"], "Aftercare API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    // The session cookie is the one security scheme, and it names the real cookie.
    let scheme = &doc["components"]["securitySchemes"]["session"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "aftercare_session");
    // Errors share one problem+json schema.
    let unauthenticated = &doc["components"]["responses"]["Unauthenticated"];
    assert_eq!(
        unauthenticated["content"]["application/problem+json"]["schema"]["$ref"],
        "#/components/schemas/Problem"
    );
    let problem = &doc["components"]["schemas"]["Problem"]["properties"];
    for field in ["type", "title", "status", "detail", "code", "errors"] {
        assert!(problem.get(field).is_some(), "Problem lacks {field}");
    }
}

#[tokio::test]
async fn the_document_covers_every_route_and_marks_which_need_a_session() {
    let app = TestApp::init().await;
    let doc = document(&app).await;
    let mut documented = BTreeSet::new();
    let paths = doc["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            documented.insert((method.to_uppercase(), path.clone()));
            // Every operation documents its success and at least one error.
            let responses = operation["responses"].as_object().expect("responses");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} documents no success"
            );
            // An operation that needs a session says so, and documents the 401.
            if operation.get("security").is_some() {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} needs a session but documents no 401"
                );
            }
        }
    }
    let registered = registered_routes();
    let undocumented: Vec<_> = registered.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "routes without #[utoipa::path] (or not listed in server/src/openapi.rs): {undocumented:?}"
    );
    let extra: Vec<_> = documented.difference(&registered).collect();
    assert!(
        extra.is_empty(),
        "the document names routes the router does not have: {extra:?}"
    );

    // The security marks match the server's behaviour: what is documented as public
    // answers without a session, what needs one answers 401 without it.
    for (method, path) in [
        ("GET", "/health"),
        ("GET", "/catalog/models"),
        ("GET", "/centres"),
        ("GET", "/articles"),
    ] {
        assert!(
            doc["paths"][path][method.to_lowercase()]
                .get("security")
                .is_none(),
            "{method} {path} should be public"
        );
        let reply = app.call(Method::GET, path, None, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    }
    for (path, item) in paths {
        let Some(operation) = item.get("get") else {
            continue;
        };
        if operation.get("security").is_none() || path.contains('{') {
            continue;
        }
        let reply = app.call(Method::GET, path, None, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "GET {path} is documented as needing a session"
        );
    }
}
