//! The built app's files: precompressed twins served as they are, cached for a year when
//! their name carries a content hash.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::TestApp;

async fn get(
    app: &TestApp,
    path: &str,
    accept: &str,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = Request::builder()
        .uri(path)
        .header("accept-encoding", accept)
        .body(Body::empty())
        .expect("request");
    let response = app.router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

fn header(headers: &axum::http::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_hashed_asset_is_served_from_its_brotli_twin_and_cached_for_a_year() {
    let app = TestApp::init().await.with_dist(&[
        ("index.html", "<!doctype html><title>Aftercare</title>"),
        ("aftercare-0123456789abcdef.js", "export default 'plain';"),
        ("aftercare-0123456789abcdef.js.br", "BROTLI-TWIN"),
        ("aftercare-0123456789abcdef.js.gz", "GZIP-TWIN"),
    ]);
    let path = "/aftercare-0123456789abcdef.js";

    let (status, headers, body) = get(&app, path, "gzip, deflate, br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "content-encoding"), "br");
    assert_eq!(
        body, b"BROTLI-TWIN",
        "the twin's bytes, not a fresh compression"
    );
    assert!(header(&headers, "content-type").starts_with("text/javascript"));
    assert_eq!(
        header(&headers, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert!(header(&headers, "vary")
        .to_ascii_lowercase()
        .contains("accept-encoding"));

    let (_, headers, body) = get(&app, path, "gzip").await;
    assert_eq!(header(&headers, "content-encoding"), "gzip");
    assert_eq!(body, b"GZIP-TWIN");

    let (_, headers, body) = get(&app, path, "identity").await;
    assert!(headers.get("content-encoding").is_none());
    assert_eq!(body, b"export default 'plain';");
    assert!(header(&headers, "vary")
        .to_ascii_lowercase()
        .contains("accept-encoding"));

    // The page itself is revalidated on every load, whatever its encoding.
    let (status, headers, _) = get(&app, "/", "br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "cache-control"), "no-cache");
}
