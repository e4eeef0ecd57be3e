//! What every response carries and how the built app is served: security headers (a CSP
//! that admits the app's own wasm and nothing inline but the hashed loader Trunk writes),
//! a CSRF check on state-changing requests, cache rules, and the SPA fallback.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::AppState;

/// The Content-Security-Policy for a build whose index.html has these inline scripts.
/// Inline scripts are allowed only by their SHA-256 (Trunk's module loader is one).
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

/// The bodies of the `<script>` elements written inline in an HTML page.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let open_end = rest.find('>')?;
        let attributes = &rest[..open_end];
        let body_and_after = &rest[open_end + 1..];
        let body = &body_and_after[..body_and_after.find("</script>")?];
        (!attributes.contains("src=") && !body.trim().is_empty()).then_some(body)
    })
}

/// Reads the built app's index.html, if there is one.
pub fn read_index(dist: &Path) -> Option<String> {
    std::fs::read_to_string(dist.join("index.html")).ok()
}

const STATIC_HEADERS: [(&str, &str); 6] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(self), geolocation=(self), microphone=()",
    ),
];

/// Adds the security headers to every response; API answers are never cached unless
/// they say otherwise, hashed build files are cached for a year, everything else is
/// revalidated.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, state.csp.as_ref().clone());
    for (name, value) in STATIC_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    // A claim's tracking link (its page and its API answer) carries a secret in the
    // address: never sent on as a referrer, never indexed.
    if path.starts_with("/track/") || path.starts_with("/api/v1/track/") {
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(
            HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex, nofollow"),
        );
    }
    let cache = if path.starts_with("/api/") {
        // An API answer that may be kept says so itself (a claim's photo; a claim the app
        // polls with its ETag); every other one is never stored.
        (!headers.contains_key(header::CACHE_CONTROL)).then_some("no-store")
    } else if is_hashed_asset(&path) {
        Some("public, max-age=31536000, immutable")
    } else {
        Some("no-cache")
    };
    if let Some(cache) = cache {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    // Build files come brotli, gzip or plain depending on the request: caches must key on it.
    if !path.starts_with("/api/") && !varies_on_encoding(headers) {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

fn varies_on_encoding(headers: &axum::http::HeaderMap) -> bool {
    headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    })
}

/// Whether a file name carries Trunk's content hash (`name-0123456789abcdef.ext`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        let hash = hash.trim_end_matches("_bg");
        hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// Refuses state-changing requests that a browser says come from another site. Requests
/// without the headers (non-browser clients) carry no ambient cookie risk and pass.
pub async fn csrf_guard(request: Request, next: Next) -> Result<Response, ApiError> {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(&request) {
        tracing::warn!(uri = %request.uri(), "cross-site request refused");
        return Err(ApiError::Forbidden);
    }
    Ok(next.run(request).await)
}

fn is_cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
            origin_host != host
        }
        (Some(_), None) => true,
        _ => false,
    }
}

/// `GET /sw.js`: the service worker with the build's precache list (404 without a built
/// app). Revalidated on every check (`no-cache`), so a new build is found at once.
pub async fn service_worker(State(state): State<AppState>) -> Response {
    match state.service_worker.as_ref() {
        Some(worker) => (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            worker.script.clone(),
        )
            .into_response(),
        None => ApiError::NotFound.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_loader_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script src="/a.js"></script><script type="module">import init from '/x.js';</script>"#;
        let csp = content_security_policy(html);
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn hashed_build_files_are_recognised() {
        assert!(is_hashed_asset("/aftercare-6f1e2d3c4b5a6978_bg.wasm"));
        assert!(is_hashed_asset("/aftercare-6f1e2d3c4b5a6978.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/icons/e-bike.svg"));
    }
}
