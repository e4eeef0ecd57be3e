//! `TestApp`: the real router on a real, fresh database, driven without a socket.

pub mod routes;

use aftercare_core::api::CatalogPage;
use aftercare_server::db::entities::user;
use aftercare_server::{app, AppState, Config};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tower::ServiceExt;

/// Today on the calendar of `zone` (a market's time zone: the server counts that market's
/// days from it).
pub fn today_in(zone: chrono_tz::Tz) -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&zone).date_naive()
}

/// The password every test account uses.
pub const PASSWORD: &str = "kettle-orbit-lantern";

/// A running application over its own database.
pub struct TestApp {
    /// The router, for tests that send requests concurrently.
    pub router: Router,
    /// Shared state, for tests that look at the database directly.
    pub state: AppState,
    /// The temporary folder holding the database, uploads and outbox.
    pub dir: tempfile::TempDir,
}

/// An answer, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// Asserts a 422 whose first field error is `code` beside `field`.
    #[track_caller]
    pub fn assert_refused_on(&self, field: &str, code: &str) {
        assert_eq!(
            self.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            self.body
        );
        let problem: aftercare_core::problem::Problem = self.json();
        assert_eq!(problem.errors[0].field, field, "{}", self.body);
        assert_eq!(problem.errors[0].code, code, "{}", self.body);
    }

    /// The body parsed as JSON of the expected type.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.body))
    }

    /// A header's value, or "" when absent.
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The `name=value` of the session cookie the answer set.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.trim_start_matches("__Host-"))
            .find(|v| v.starts_with("aftercare_session=") && !v.starts_with("aftercare_session=;"))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}

impl TestApp {
    /// A fresh database (SQLite file in a temporary folder, or the PostgreSQL database in
    /// `TEST_DATABASE_URL`, emptied first), migrated, with the demo catalogue.
    pub async fn init() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => fresh_postgres(&url).await,
            _ => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
        };
        let mut config = Config::for_database(url);
        config.dist = dir.path().join("dist");
        config.uploads = dir.path().join("uploads");
        config.outbox = dir.path().join("outbox");
        let state = AppState::new(config).await.expect("database");
        aftercare_server::demo::load_catalog(&state.db)
            .await
            .expect("catalogue");
        aftercare_server::demo::load_centres(&state.db)
            .await
            .expect("centres");
        Self {
            router: app(state.clone()),
            state,
            dir,
        }
    }

    /// Sends email through the SMTP relay at `url` instead of writing `.eml` files.
    pub fn with_smtp_url(mut self, url: &str) -> Self {
        let mut config = (*self.state.config).clone();
        config.smtp_url = Some(url.to_owned());
        self.state.config = std::sync::Arc::new(config);
        self.router = app(self.state.clone());
        self
    }

    /// Puts a built app into the served folder (`(path, content)` pairs) and serves it,
    /// as a server started on that build would (`/sw.js` is read at start-up).
    pub fn with_dist(mut self, files: &[(&str, &str)]) -> Self {
        let dist = self.state.config.dist.clone();
        for (path, content) in files {
            let file = dist.join(path);
            std::fs::create_dir_all(file.parent().expect("parent")).expect("dist folder");
            std::fs::write(file, content).expect("dist file");
        }
        self.state.service_worker =
            std::sync::Arc::new(aftercare_server::service_worker::build(&dist));
        self.router = app(self.state.clone());
        self
    }

    /// GETs a path of the site itself (not the API): the app's files, `/sw.js`.
    pub async fn site(&self, path: &str) -> Reply {
        let request = Request::builder()
            .uri(path)
            .body(Body::empty())
            .expect("request");
        let (status, headers, bytes) = self.answer(request).await;
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Sends a request through the router and reads the answer whole.
    async fn answer(&self, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, headers, bytes.to_vec())
    }

    /// Sends a JSON request to `/api/v1{path}`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        cookie: Option<&String>,
    ) -> Reply {
        self.call_with(method, path, body, cookie, &[]).await
    }

    /// Like [`call`](Self::call), with extra headers.
    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        cookie: Option<&String>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let text = body.map(|b| b.to_string());
        self.send(method, path, text, cookie, headers).await
    }

    /// POSTs the same body twice with the same `Idempotency-Key`, as a flaky network's
    /// retry would: (first answer, retried answer).
    pub async fn post_twice(
        &self,
        cookie: &String,
        path: &str,
        body: Value,
        key: &str,
    ) -> (Reply, Reply) {
        let headers = [("idempotency-key", key)];
        let first = self
            .call_with(
                Method::POST,
                path,
                Some(body.clone()),
                Some(cookie),
                &headers,
            )
            .await;
        let retry = self
            .call_with(Method::POST, path, Some(body), Some(cookie), &headers)
            .await;
        (first, retry)
    }

    /// Sends a raw body as JSON.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: &str,
        cookie: Option<&String>,
    ) -> Reply {
        self.send(method, path, Some(body.to_owned()), cookie, &[])
            .await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        cookie: Option<&String>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let body = body.map(|b| (b.into_bytes(), "application/json".to_owned()));
        self.exchange(method, path, body, cookie, headers).await
    }

    /// Sends a request with an optional (bytes, content type) body and reads the answer whole.
    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<(Vec<u8>, String)>,
        cookie: Option<&String>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let (status, headers, bytes) = self
            .exchange_bytes(method, path, body, cookie, headers)
            .await;
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// GETs `/api/v1{path}` and returns the answer's bytes as they are (a photo, a file).
    pub async fn download(
        &self,
        path: &str,
        cookie: Option<&String>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        self.exchange_bytes(Method::GET, path, None, cookie, &[])
            .await
    }

    async fn exchange_bytes(
        &self,
        method: Method,
        path: &str,
        body: Option<(Vec<u8>, String)>,
        cookie: Option<&String>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("/api/v1{path}"));
        if let Some((_, content_type)) = &body {
            request = request.header("content-type", content_type.as_str());
        }
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie.as_str());
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(body.map_or_else(Body::empty, |(bytes, _)| Body::from(bytes)))
            .expect("request");
        self.answer(request).await
    }

    /// Sends a multipart upload with one `file` field to `/api/v1{path}`.
    pub async fn upload(
        &self,
        path: &str,
        file_name: &str,
        bytes: &[u8],
        cookie: Option<&String>,
    ) -> Reply {
        let boundary = "aftercare-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.exchange(Method::POST, path, Some((body, content_type)), cookie, &[])
            .await
    }

    /// Drops every queued email (the sign-up confirmations), for a test about other
    /// emails that counts what was sent.
    pub async fn forget_emails(&self) {
        aftercare_server::db::entities::outbox::Entity::delete_many()
            .exec(&self.state.db)
            .await
            .expect("outbox");
    }

    /// The newest email queued for `to`.
    pub async fn last_email(&self, to: &str) -> aftercare_server::db::entities::outbox::Model {
        use aftercare_server::db::entities::outbox;
        outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq(to))
            .order_by_desc(outbox::Column::Id)
            .one(&self.state.db)
            .await
            .expect("outbox")
            .expect("an email")
    }

    /// Signs up a customer and returns their session cookie.
    pub async fn customer(&self, email: &str) -> String {
        let reply = self
            .call(
                Method::POST,
                "/auth/signup",
                Some(json!({"name": "Test Customer", "email": email, "password": PASSWORD})),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        reply.session_cookie().expect("session cookie")
    }

    /// Creates an agent account (agents do not sign up) and signs it in.
    pub async fn agent(&self, email: &str) -> String {
        let cookie = self.customer(email).await;
        let account = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&self.state.db)
            .await
            .expect("query")
            .expect("account");
        let mut active: user::ActiveModel = account.into();
        active.role = Set("agent".into());
        active.update(&self.state.db).await.expect("promote");
        cookie
    }

    /// Signs in.
    pub async fn sign_in(&self, email: &str, password: &str) -> Reply {
        self.call(
            Method::POST,
            "/auth/signin",
            Some(json!({"email": email, "password": password})),
            None,
        )
        .await
    }

    /// A registration body for the catalogue model with this SKU.
    pub async fn registration_body(&self, sku: &str, serial: &str, purchase_date: &str) -> Value {
        let page: CatalogPage = self
            .call(Method::GET, &format!("/catalog/models?q={sku}"), None, None)
            .await
            .json();
        let model = page
            .models
            .iter()
            .find(|m| m.sku == sku)
            .expect("model in catalogue");
        json!({"model_id": model.id, "serial": serial, "purchase_date": purchase_date, "retailer": "MediaMarkt", "country": "PL"})
    }

    /// Registers a product.
    pub async fn register(
        &self,
        cookie: &String,
        sku: &str,
        serial: &str,
        purchase_date: &str,
    ) -> Reply {
        let body = self.registration_body(sku, serial, purchase_date).await;
        self.call(Method::POST, "/products", Some(body), Some(cookie))
            .await
    }
}

/// Gives each test its own schema-free PostgreSQL database: a new database per test,
/// created through the server in `url`.
async fn fresh_postgres(url: &str) -> String {
    use sea_orm::{ConnectionTrait, Database};
    let admin = Database::connect(url).await.expect("postgres");
    let name = format!("t_{}", uuid_like());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create database");
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    format!("{base}/{name}")
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}
