//! Aftercare's server: the `/api/v1` HTTP API over one data layer (SQLite or
//! PostgreSQL), and the host of the built app. `app(state)` builds the whole router so
//! tests drive it without a socket; `run(config)` serves it until Ctrl-C.

pub mod auth;
pub mod claims;
pub mod config;
pub mod coverage;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod images;
pub mod knowledge_base;
pub mod labels;
pub mod markdown;
pub mod notify;
pub mod openapi;
pub mod routes;
pub mod scheduling;
pub mod service_worker;
pub mod uploads;
pub mod web;
pub mod wording;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::middleware;
use axum::Router;
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

pub use config::Config;
use error::ApiError;

/// Largest JSON body accepted.
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// What every handler shares: the database pool and the configuration.
#[derive(Clone)]
pub struct AppState {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// The settings the server started with.
    pub config: Arc<Config>,
    /// The Content-Security-Policy for the app being served.
    pub csp: Arc<HeaderValue>,
    /// Wakes the outbox dispatcher: see [`AppState::wake_outbox`].
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// `/sw.js` for the app being served (none without a built app).
    pub service_worker: Arc<Option<service_worker::ServiceWorker>>,
}

impl AppState {
    /// Connects to the database (applying migrations) and reads the built app's
    /// index.html to derive the CSP.
    pub async fn new(config: Config) -> Result<Self, sea_orm::DbErr> {
        let db = db::connect(&config.database_url).await?;
        let index = web::read_index(&config.dist).unwrap_or_default();
        let csp = HeaderValue::from_str(&web::content_security_policy(&index))
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
        Ok(Self {
            db,
            service_worker: Arc::new(service_worker::build(&config.dist)),
            config: Arc::new(config),
            csp: Arc::new(csp),
            outbox_wake: Arc::new(tokio::sync::Notify::new()),
        })
    }

    /// Tells the outbox dispatcher that emails were committed, so they leave now rather
    /// than at its next round.
    pub fn wake_outbox(&self) {
        self.outbox_wake.notify_one();
    }
}

/// The whole application: the API under `/api/v1`, the built app with an SPA fallback,
/// and the layers every response passes through.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let dist = state.config.dist.clone();
    // `xtask build` writes `.br` and `.gz` twins of the text and wasm files: they are
    // served as they are when the browser accepts them (no compression per request).
    let spa = ServeDir::new(&dist)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let api = routes::api()
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(middleware::from_fn(web::csrf_guard));
    Router::new()
        .nest("/api/v1", api)
        .route("/sw.js", axum::routing::get(web::service_worker))
        .fallback_service(spa)
        .layer(middleware::from_fn_with_state(state.clone(), web::security_headers))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::Internal("handler panicked".into()))
        }))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Prepares the database (migrations, demo data with `--demo`).
pub async fn prepare(config: &Config) -> Result<AppState, Box<dyn std::error::Error>> {
    let state = AppState::new(config.clone()).await?;
    let articles = knowledge_base::knowledge_base().all().len();
    tracing::info!(articles, "help articles read");
    if config.demo {
        let added = demo::load_catalog(&state.db).await?;
        demo::load_centres(&state.db).await?;
        demo::load_accounts(&state.db).await?;
        tracing::info!(added, "demo data loaded");
    }
    Ok(state)
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let state = prepare(&config).await?;
    if web::read_index(&config.dist).is_none() {
        tracing::warn!(dist = %config.dist.display(), "no built app found: only the API is served");
    }
    if let Some(worker) = state.service_worker.as_ref() {
        tracing::info!(
            version = %worker.version,
            files = worker.files.len(),
            bytes = worker.bytes,
            "service worker precaches the build"
        );
    }
    notify::spawn_reminder_job(state.clone());
    notify::spawn_outbox_dispatcher(state.clone());
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let address = listener.local_addr()?;
    println!("Aftercare is running at http://{address}/");
    if config.demo {
        for (role, email, password) in demo::sign_ins()? {
            println!("  demo {role}: {email} / {password}");
        }
    }
    println!("Press Ctrl-C to stop.");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    println!("Aftercare stopped.");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
    // Give in-flight requests a moment; axum's graceful shutdown waits for them.
    tokio::time::sleep(Duration::from_millis(10)).await;
}
