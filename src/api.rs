//! The one typed HTTP client for `/api/v1`. Every call returns `Result<T, ApiError>`;
//! components never build URLs or read statuses themselves.

use aftercare_core::account::{
    ChangeEmail, ChangePassword, ResetConfirm, ResetRequest, Verification, Verified, VerifyRequest,
};
use aftercare_core::api::{
    AddPlanRequest, Appointment, AppointmentList, AppointmentStatus, AppointmentStatusRequest,
    BlockTimeRequest, BookAppointmentRequest, CatalogPage, Centre, CentreList,
    DeleteAccountRequest, Health, MarkReadRequest, Me, NotificationList, ProductCoverage,
    ProductList, ProductModel, RegisterProductRequest, RegisteredProduct, RescheduleRequest,
    SignInRequest, SignUpRequest, SlotList, UpdateMeRequest, UpdateProductRequest,
};
use aftercare_core::articles::{
    Article, ArticleFeedbackRequest, ArticleKind, ArticleList, ArticleSummary, FeedbackTally,
};
use aftercare_core::claims::{
    Claim, ClaimFile, ClaimList, ClaimMessage, ClaimRepairRequest, ClaimReplacementRequest,
    ClaimSummary, NewClaimRequest, NewMessageRequest, NewQuoteRequest, Queue, QueueFilter,
    QuoteDecisionRequest, SatisfactionReport, SurveyRequest, TransitionRequest,
};
use aftercare_core::labels::LabelScan;
use aftercare_core::problem::{FieldError, Problem};
use aftercare_core::slots::ServiceType;
use aftercare_core::tracking::{TrackedClaim, TrackingLink};
use aftercare_core::NaiveDate;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::RequestCredentials;

/// Where the API lives: same origin, so the session cookie goes along.
const BASE: &str = "/api/v1";

/// Why an API call did not give what was asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a problem+json body. On 429 the client adds one form-level
    /// field error (`field` empty, code `error.throttled`) carrying the `Retry-After`
    /// seconds as the `seconds` parameter. Boxed: a problem is large, and every `Result`
    /// of the client carries this type.
    #[error("{}", .0.title)]
    Problem(Box<Problem>),
    /// The request never got an answer (offline, DNS, connection reset, unreadable body).
    #[error("network: {0}")]
    Network(String),
    /// An answer that is neither success nor a problem body.
    #[error("unexpected status {0}")]
    Unexpected(u16),
    /// Not sent for want of a connection, but kept on the device: the outbox sends it
    /// when the connection returns (see [`crate::state::offline`]).
    #[error("kept on the device to send later")]
    Kept,
}

impl ApiError {
    /// The problem's translation key, when the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(&p.code),
            _ => None,
        }
    }

    /// Whether the session is gone (signed out elsewhere, expired).
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some("error.unauthenticated")
    }

    /// Whether the thing asked for does not exist (or is not the customer's).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Problem(p) if p.status == 404)
            || matches!(self, ApiError::Unexpected(404))
    }

    /// The errors a form shows: the problem's field errors, or one form-level error
    /// (empty `field`) naming what went wrong as a translation key.
    pub fn form_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Problem(p) if !p.errors.is_empty() => p.errors.clone(),
            ApiError::Problem(p) => vec![FieldError::new("", &p.code, p.title.clone())],
            ApiError::Network(why) => vec![FieldError::new("", "error.network", why.clone())],
            ApiError::Kept => vec![FieldError::new("", "offline.kept", "Kept on this device")],
            ApiError::Unexpected(status) => {
                vec![FieldError::new("", "error.unexpected", "Unexpected answer")
                    .with("status", status)]
            }
        }
    }
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

fn get(path: &str) -> RequestBuilder {
    Request::get(&url(path)).credentials(RequestCredentials::SameOrigin)
}

fn post(path: &str) -> RequestBuilder {
    Request::post(&url(path)).credentials(RequestCredentials::SameOrigin)
}

fn patch(path: &str) -> RequestBuilder {
    Request::patch(&url(path)).credentials(RequestCredentials::SameOrigin)
}

fn delete(path: &str) -> RequestBuilder {
    Request::delete(&url(path)).credentials(RequestCredentials::SameOrigin)
}

fn network(err: gloo_net::Error) -> ApiError {
    ApiError::Network(err.to_string())
}

async fn send(request: RequestBuilder) -> Result<Response, ApiError> {
    request
        .header("Accept", "application/json")
        .send()
        .await
        .map(noted)
        .map_err(network)
}

async fn send_json(request: RequestBuilder, body: &impl Serialize) -> Result<Response, ApiError> {
    request
        .header("Accept", "application/json")
        .json(body)
        .map_err(network)?
        .send()
        .await
        .map(noted)
        .map_err(network)
}

/// Tells the offline state whether the answer came from the server or, saved earlier,
/// from the device (the service worker marks those with the moment they were fetched).
fn noted(response: Response) -> Response {
    let saved_at = response
        .headers()
        .get("x-aftercare-saved-at")
        .and_then(|v| v.parse::<f64>().ok());
    crate::state::offline::note_answer(saved_at);
    response
}

/// Turns a non-success answer into the typed error.
async fn failure(response: Response) -> ApiError {
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok());
    match response.json::<Problem>().await {
        Ok(mut problem) => {
            if let (Some(seconds), true) = (retry_after, problem.errors.is_empty()) {
                let message = problem.title.clone();
                problem
                    .errors
                    .push(FieldError::new("", &problem.code, message).with("seconds", seconds));
            }
            ApiError::Problem(Box::new(problem))
        }
        Err(_) => ApiError::Unexpected(status),
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json::<T>().await.map_err(network)
    } else {
        Err(failure(response).await)
    }
}

async fn read_empty(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

/// `POST /auth/signup`: creates the account and signs in.
pub async fn sign_up(request: &SignUpRequest) -> Result<Me, ApiError> {
    read(send_json(post("/auth/signup"), request).await?).await
}

/// `POST /auth/signin`.
pub async fn sign_in(request: &SignInRequest) -> Result<Me, ApiError> {
    read(send_json(post("/auth/signin"), request).await?).await
}

/// `POST /auth/signout`.
pub async fn sign_out() -> Result<(), ApiError> {
    read_empty(send(post("/auth/signout")).await?).await
}

/// `GET /me`: the signed-in account; `error.unauthenticated` when signed out.
pub async fn me() -> Result<Me, ApiError> {
    read(send(get("/me")).await?).await
}

/// `PATCH /me`.
pub async fn update_me(request: &UpdateMeRequest) -> Result<Me, ApiError> {
    read(send_json(patch("/me"), request).await?).await
}

/// Where the browser downloads everything kept about the account, as one ZIP
/// (`GET /me/export`).
pub fn export_url() -> String {
    url("/me/export")
}

/// `DELETE /me`: erases the account (the password, or a passkey confirmation's token
/// for an account without one); every device is signed out.
pub async fn delete_account(request: &DeleteAccountRequest) -> Result<(), ApiError> {
    read_empty(send_json(delete("/me"), request).await?).await
}

/// `GET /catalog/models?q=`: at most 20 models matching name, brand or SKU.
pub async fn search_models(query: &str) -> Result<Vec<ProductModel>, ApiError> {
    let q = String::from(js_sys::encode_uri_component(query.trim()));
    let page: CatalogPage = read(send(get(&format!("/catalog/models?q={q}"))).await?).await?;
    Ok(page.models)
}

/// `GET /products`: the customer's products, newest first.
pub async fn products() -> Result<Vec<RegisteredProduct>, ApiError> {
    let list: ProductList = read(send(get("/products")).await?).await?;
    Ok(list.products)
}

/// `POST /products`. `idempotency_key` makes a retry of the same submission safe.
pub async fn register_product(
    request: &RegisterProductRequest,
    idempotency_key: &str,
) -> Result<RegisteredProduct, ApiError> {
    let builder = post("/products").header("Idempotency-Key", idempotency_key);
    read(send_json(builder, request).await?).await
}

/// `GET /products/{id}`.
pub async fn product(id: i64) -> Result<RegisteredProduct, ApiError> {
    read(send(get(&format!("/products/{id}"))).await?).await
}

/// `PATCH /products/{id}`: renames (or clears the nickname).
pub async fn update_product(
    id: i64,
    request: &UpdateProductRequest,
) -> Result<RegisteredProduct, ApiError> {
    read(send_json(patch(&format!("/products/{id}")), request).await?).await
}

/// `DELETE /products/{id}`.
pub async fn remove_product(id: i64) -> Result<(), ApiError> {
    read_empty(send(delete(&format!("/products/{id}"))).await?).await
}

/// `GET /products/{id}/coverage`: the engine's full answer, with what it was computed from.
pub async fn coverage(id: i64) -> Result<ProductCoverage, ApiError> {
    read(send(get(&format!("/products/{id}/coverage"))).await?).await
}

/// `POST /products/{id}/proof`: uploads the proof of purchase (a PDF, JPEG or PNG).
pub async fn upload_proof(
    id: i64,
    file: &web_sys::Blob,
    file_name: &str,
) -> Result<ProductCoverage, ApiError> {
    upload(&format!("/products/{id}/proof"), file, file_name).await
}

/// Sends one file as `multipart/form-data` (the field `file`, under `file_name`); the
/// browser sets the content type with its boundary. A 413 without a problem body (a
/// proxy's) still comes back as `error.file_too_large` on `file`.
async fn upload<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::Blob,
    file_name: &str,
) -> Result<T, ApiError> {
    let form =
        web_sys::FormData::new().map_err(|_| ApiError::Network("FormData unavailable".into()))?;
    form.append_with_blob_and_filename("file", file, file_name)
        .map_err(|_| ApiError::Network("FormData refused the file".into()))?;
    let request = post(path)
        .header("Accept", "application/json")
        .body(form)
        .map_err(network)?;
    match read(request.send().await.map_err(network)?).await {
        Err(ApiError::Unexpected(413)) => Err(too_large()),
        Err(ApiError::Problem(p)) if p.status == 413 && p.errors.is_empty() => Err(too_large()),
        other => other,
    }
}

/// `POST /labels/scan?model_id=`: reads the barcodes on a photo of the product's label
/// (the photo is not kept) → the serial and the model they name. `model_id` is the
/// model already chosen, whose serial format picks among several codes. Nothing
/// readable is a 422 on `file` (`error.label_unreadable`, `error.label_no_serial`).
pub async fn scan_label(
    photo: &web_sys::Blob,
    file_name: &str,
    model_id: Option<i64>,
) -> Result<LabelScan, ApiError> {
    let path = match model_id {
        Some(id) => format!("/labels/scan?model_id={id}"),
        None => "/labels/scan".to_owned(),
    };
    upload(&path, photo, file_name).await
}

/// The refusal of a file above the size limit, as the server words it.
fn too_large() -> ApiError {
    let message = "The file must be smaller than 10 MB";
    ApiError::Problem(Box::new(Problem {
        kind: "about:blank".into(),
        title: message.into(),
        status: 413,
        detail: None,
        code: "error.file_too_large".into(),
        errors: vec![FieldError::new("file", "error.file_too_large", message)],
        next_slots: Vec::new(),
    }))
}

/// Where the browser downloads the proof of purchase on file (`GET /products/{id}/proof`).
pub fn proof_url(id: i64) -> String {
    url(&format!("/products/{id}/proof"))
}

/// `POST /products/{id}/plans`: records a plan the customer bought.
pub async fn add_plan(id: i64, request: &AddPlanRequest) -> Result<ProductCoverage, ApiError> {
    read(send_json(post(&format!("/products/{id}/plans")), request).await?).await
}

/// `GET /centres?service=&near=`: the centres offering `service`, each with its next free
/// slot; nearest first when `near` (a city or postal code) matches a centre's.
pub async fn centres(service: ServiceType, near: &str) -> Result<Vec<Centre>, ApiError> {
    let mut path = format!("/centres?service={}", service.as_str());
    if !near.trim().is_empty() {
        let near = String::from(js_sys::encode_uri_component(near.trim()));
        path.push_str(&format!("&near={near}"));
    }
    let list: CentreList = read(send(get(&path)).await?).await?;
    Ok(list.centres)
}

/// `GET /centres/{id}/slots?service=&from=&to=`: the slots between two local dates
/// (inclusive, at most 62 days), in the centre's time, with the days that have room.
pub async fn slots(
    centre_id: i64,
    service: ServiceType,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<SlotList, ApiError> {
    let path = format!(
        "/centres/{centre_id}/slots?service={}&from={from}&to={to}",
        service.as_str()
    );
    read(send(get(&path)).await?).await
}

/// `GET /appointments`: upcoming and past.
pub async fn appointments() -> Result<AppointmentList, ApiError> {
    read(send(get("/appointments")).await?).await
}

/// `POST /appointments`. `idempotency_key` makes a retry of the same booking safe; a
/// 409 `error.slot_taken` carries the next free slots in the problem's `next_slots`.
pub async fn book_appointment(
    request: &BookAppointmentRequest,
    idempotency_key: &str,
) -> Result<Appointment, ApiError> {
    let builder = post("/appointments").header("Idempotency-Key", idempotency_key);
    read(send_json(builder, request).await?).await
}

/// `GET /appointments/{id}`.
pub async fn appointment(id: i64) -> Result<Appointment, ApiError> {
    read(send(get(&format!("/appointments/{id}"))).await?).await
}

/// `PATCH /appointments/{id}`: moves it to another slot of the same centre and service.
pub async fn reschedule_appointment(
    id: i64,
    request: &RescheduleRequest,
) -> Result<Appointment, ApiError> {
    read(send_json(patch(&format!("/appointments/{id}")), request).await?).await
}

/// `DELETE /appointments/{id}`: cancels it (the answer is the cancelled appointment).
pub async fn cancel_appointment(id: i64) -> Result<Appointment, ApiError> {
    read(send(delete(&format!("/appointments/{id}"))).await?).await
}

/// Where the browser downloads the appointment as an iCalendar file.
pub fn ics_url(id: i64) -> String {
    url(&format!("/appointments/{id}/ics"))
}

/// `GET /centres`: every centre, by name (for the agents' calendar).
pub async fn all_centres() -> Result<Vec<Centre>, ApiError> {
    let list: CentreList = read(send(get("/centres")).await?).await?;
    Ok(list.centres)
}

/// `GET /agent/centres/{id}/appointments?from=&days=`: a centre's day (`days` 1) or week
/// (`days` 7) of bookings, with customer names. Agents only.
pub async fn agent_appointments(
    centre_id: i64,
    from: NaiveDate,
    days: u8,
) -> Result<Vec<Appointment>, ApiError> {
    let path = format!("/agent/centres/{centre_id}/appointments?from={from}&days={days}");
    read(send(get(&path)).await?).await
}

/// `POST /agent/appointments/{id}/status`: arrived, no-show or completed.
pub async fn set_appointment_status(
    id: i64,
    status: AppointmentStatus,
) -> Result<Appointment, ApiError> {
    let body = AppointmentStatusRequest { status };
    let path = format!("/agent/appointments/{id}/status");
    read(send_json(post(&path), &body).await?).await
}

/// `POST /agent/centres/{id}/blocks`: takes time out of the centre's calendar.
pub async fn block_time(centre_id: i64, request: &BlockTimeRequest) -> Result<(), ApiError> {
    let path = format!("/agent/centres/{centre_id}/blocks");
    read_empty(send_json(post(&path), request).await?).await
}

// ---- Agents' claims ------------------------------------------------------------------

/// The query string (`?status=in_review&centre=2`, or empty) of the agents' queue filter:
/// the same words in the API call and in the queue page's own address, so a filtered view
/// can be shared or reloaded.
pub fn queue_query(filter: &QueueFilter) -> String {
    let mut pairs: Vec<String> = Vec::new();
    if let Some(status) = filter.status {
        pairs.push(format!("status={}", status.as_str()));
    }
    if let Some(centre) = filter.centre {
        pairs.push(format!("centre={centre}"));
    }
    if let Some(category) = filter.category.as_deref().filter(|c| !c.trim().is_empty()) {
        let category = String::from(js_sys::encode_uri_component(category.trim()));
        pairs.push(format!("category={category}"));
    }
    if let Some(days) = filter.min_age_days {
        pairs.push(format!("min_age_days={days}"));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// `GET /agent/claims?status=&centre=&category=&min_age_days=`: the queue, oldest first
/// (every open status unless one is asked for). Agents only.
pub async fn agent_claims(filter: &QueueFilter) -> Result<Queue, ApiError> {
    let path = format!("/agent/claims{}", queue_query(filter));
    read(send(get(&path)).await?).await
}

/// `GET /agent/claims/{id}`: the whole claim with the product's coverage, the customer's
/// name and the statuses the agent may move it to.
pub async fn agent_claim(id: i64) -> Result<Claim, ApiError> {
    read(send(get(&format!("/agent/claims/{id}"))).await?).await
}

/// `POST /agent/claims/{id}/transition`: moves the claim (a 409 names the refused move's
/// `TransitionError` code; a missing note or resolution is a 422 on its field).
pub async fn transition_claim(id: i64, request: &TransitionRequest) -> Result<Claim, ApiError> {
    let path = format!("/agent/claims/{id}/transition");
    read(send_json(post(&path), request).await?).await
}

/// `POST /agent/claims/{id}/messages`: an agent's message, perhaps asking the customer
/// for information.
pub async fn send_agent_claim_message(
    id: i64,
    request: &NewMessageRequest,
) -> Result<ClaimMessage, ApiError> {
    let path = format!("/agent/claims/{id}/messages");
    read(send_json(post(&path), request).await?).await
}

/// `POST /agent/claims/{id}/quote`: sends a priced quote (from in review only).
pub async fn send_claim_quote(id: i64, request: &NewQuoteRequest) -> Result<Claim, ApiError> {
    let path = format!("/agent/claims/{id}/quote");
    read(send_json(post(&path), request).await?).await
}

/// `POST /agent/claims/{id}/repair`: records the repair done, which the warranty engine
/// counts (days at the centre extend cover).
pub async fn record_claim_repair(id: i64, request: &ClaimRepairRequest) -> Result<Claim, ApiError> {
    let path = format!("/agent/claims/{id}/repair");
    read(send_json(post(&path), request).await?).await
}

/// `POST /agent/claims/{id}/replacement`: records the new unit, which restarts cover.
pub async fn record_claim_replacement(
    id: i64,
    request: &ClaimReplacementRequest,
) -> Result<Claim, ApiError> {
    let path = format!("/agent/claims/{id}/replacement");
    read(send_json(post(&path), request).await?).await
}

/// `GET /agent/satisfaction`: survey answers per centre.
pub async fn satisfaction() -> Result<SatisfactionReport, ApiError> {
    read(send(get("/agent/satisfaction")).await?).await
}

/// `GET /notifications`: the latest notifications and how many are unread.
pub async fn notifications() -> Result<NotificationList, ApiError> {
    read(send(get("/notifications")).await?).await
}

/// `POST /notifications/read`: marks these as read (all of them when `ids` is empty).
pub async fn mark_notifications_read(ids: Vec<i64>) -> Result<(), ApiError> {
    read_empty(send_json(post("/notifications/read"), &MarkReadRequest { ids }).await?).await
}

// ---- Claims ---------------------------------------------------------------------------

/// `POST /claims/uploads`: uploads one photo or attachment as `multipart/form-data` (field
/// `file`) and gets back the draft file (images re-encoded to JPEG with a thumbnail). A
/// refused file is a 422 whose `errors` name `file` with the server's words.
pub async fn upload_claim_file(
    file: &web_sys::Blob,
    file_name: &str,
) -> Result<ClaimFile, ApiError> {
    upload("/claims/uploads", file, file_name).await
}

/// `POST /claims`: files a claim. `idempotency_key` (one per draft) makes a retry of the
/// same submission safe.
pub async fn file_claim(
    request: &NewClaimRequest,
    idempotency_key: &str,
) -> Result<Claim, ApiError> {
    let builder = post("/claims").header("Idempotency-Key", idempotency_key);
    read(send_json(builder, request).await?).await
}

/// `GET /claims`: the customer's claims, open ones first.
pub async fn claims() -> Result<Vec<ClaimSummary>, ApiError> {
    let list: ClaimList = read(send(get("/claims")).await?).await?;
    Ok(list.claims)
}

/// `GET /claims/{id}`.
pub async fn claim(id: i64) -> Result<Claim, ApiError> {
    read(send(get(&format!("/claims/{id}"))).await?).await
}

/// `GET /claims/{id}` with `If-None-Match: etag`: `None` when the claim has not changed
/// since (304), else the claim with its new `ETag`.
pub async fn claim_if_changed(
    id: i64,
    etag: Option<String>,
) -> Result<Option<(Claim, Option<String>)>, ApiError> {
    let mut builder = get(&format!("/claims/{id}"));
    if let Some(tag) = etag.as_deref() {
        builder = builder.header("If-None-Match", tag);
    }
    let response = send(builder).await?;
    if response.status() == 304 {
        return Ok(None);
    }
    let tag = response.headers().get("etag");
    let claim = read(response).await?;
    Ok(Some((claim, tag)))
}

/// `POST /claims/{id}/messages` under `idempotency_key` (a retry writes once).
pub async fn send_message(
    id: i64,
    request: &NewMessageRequest,
    idempotency_key: &str,
) -> Result<ClaimMessage, ApiError> {
    let builder =
        post(&format!("/claims/{id}/messages")).header("Idempotency-Key", idempotency_key);
    read(send_json(builder, request).await?).await
}

/// `POST /claims/{id}/quote/decision`: accepts or declines the quote.
pub async fn decide_quote(id: i64, accept: bool) -> Result<Claim, ApiError> {
    let body = QuoteDecisionRequest { accept };
    read(send_json(post(&format!("/claims/{id}/quote/decision")), &body).await?).await
}

/// `POST /claims/{id}/survey`: the satisfaction answer (409 `error.survey_done` once given).
pub async fn answer_survey(id: i64, request: &SurveyRequest) -> Result<Claim, ApiError> {
    read(send_json(post(&format!("/claims/{id}/survey")), request).await?).await
}

/// `GET /health`.
pub async fn health() -> Result<Health, ApiError> {
    read(send(get("/health")).await?).await
}

/// A fresh key for `Idempotency-Key`: random enough to never repeat for one customer.
pub fn new_idempotency_key() -> String {
    let part = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!(
        "{:08x}{:08x}{:08x}{:x}",
        part(),
        part(),
        part(),
        js_sys::Date::now() as u64
    )
}

/// What a help search asks for; every part may be left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleSearch {
    /// The words typed.
    pub q: String,
    /// Only this kind of article.
    pub kind: Option<ArticleKind>,
    /// Only this catalogue category.
    pub category: Option<String>,
    /// Only articles about this catalogue model (its own and its whole category's).
    pub model: Option<i64>,
}

/// The search's query string, `?q=...&kind=...`, or "" when it asks for nothing.
pub fn article_query(search: &ArticleSearch) -> String {
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s.trim()));
    let mut pairs: Vec<String> = Vec::new();
    if !search.q.trim().is_empty() {
        pairs.push(format!("q={}", encode(&search.q)));
    }
    if let Some(kind) = search.kind {
        pairs.push(format!("kind={}", kind.as_str()));
    }
    if let Some(category) = search.category.as_deref().filter(|c| !c.trim().is_empty()) {
        pairs.push(format!("category={}", encode(category)));
    }
    if let Some(model) = search.model {
        pairs.push(format!("model={model}"));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// `GET /articles?q=&kind=&category=&model=`: with words, the 20 best matches, best
/// first; without, every article passing the filters.
pub async fn search_articles(search: &ArticleSearch) -> Result<Vec<ArticleSummary>, ApiError> {
    let path = format!("/articles{}", article_query(search));
    let list: ArticleList = read(send(get(&path)).await?).await?;
    Ok(list.articles)
}

/// `GET /articles/{slug}`: one help article, whole.
pub async fn article(slug: &str) -> Result<Article, ApiError> {
    let slug = String::from(js_sys::encode_uri_component(slug));
    read(send(get(&format!("/articles/{slug}"))).await?).await
}

/// `POST /auth/reset/request`: asks for a reset link (202 whether or not the address has
/// an account).
pub async fn request_password_reset(request: &ResetRequest) -> Result<(), ApiError> {
    read_empty(send_json(post("/auth/reset/request"), request).await?).await
}

/// `POST /auth/reset/confirm`: the new password; signs in here and out everywhere else.
pub async fn confirm_password_reset(request: &ResetConfirm) -> Result<Me, ApiError> {
    read(send_json(post("/auth/reset/confirm"), request).await?).await
}

/// `POST /auth/verify`: opens a verification link.
pub async fn verify_email(request: &VerifyRequest) -> Result<Verified, ApiError> {
    read(send_json(post("/auth/verify"), request).await?).await
}

/// `GET /me/verification`: the account's address and whether it is confirmed.
pub async fn verification() -> Result<Verification, ApiError> {
    read(send(get("/me/verification")).await?).await
}

/// `POST /me/verification`: sends the confirmation link again.
pub async fn resend_verification() -> Result<(), ApiError> {
    read_empty(send(post("/me/verification")).await?).await
}

/// `POST /me/password`: a new password; this session goes on (with a new cookie), every
/// other one ends.
pub async fn change_password(request: &ChangePassword) -> Result<(), ApiError> {
    read_empty(send_json(post("/me/password"), request).await?).await
}

/// `POST /me/email`: sends a confirmation link to the new address, which counts once
/// that link is opened.
pub async fn change_email(request: &ChangeEmail) -> Result<(), ApiError> {
    read_empty(send_json(post("/me/email"), request).await?).await
}

/// `GET /track/{token}`: a claim's progress from the link in its emails, without a session
/// (404 when the link was stopped, has expired or never existed).
pub async fn tracked_claim(token: &str) -> Result<TrackedClaim, ApiError> {
    let token = String::from(js_sys::encode_uri_component(token));
    read(send(get(&format!("/track/{token}"))).await?).await
}

/// `GET /claims/{id}/tracking`: whether the link in the claim's emails works, and until when.
pub async fn claim_tracking(id: i64) -> Result<TrackingLink, ApiError> {
    read(send(get(&format!("/claims/{id}/tracking"))).await?).await
}

/// `POST /claims/{id}/tracking`: a new link, its address (`url`) given this once.
pub async fn new_claim_tracking(id: i64) -> Result<TrackingLink, ApiError> {
    read(send(post(&format!("/claims/{id}/tracking"))).await?).await
}

/// `DELETE /claims/{id}/tracking`: stops every link of the claim.
pub async fn stop_claim_tracking(id: i64) -> Result<TrackingLink, ApiError> {
    read(send(delete(&format!("/claims/{id}/tracking"))).await?).await
}

/// `POST /articles/{slug}/feedback`: whether the article solved the problem (one answer
/// per account; a new one replaces it). Needs a signed-in account.
pub async fn article_feedback(slug: &str, solved: bool) -> Result<FeedbackTally, ApiError> {
    let slug = String::from(js_sys::encode_uri_component(slug));
    let path = format!("/articles/{slug}/feedback");
    read(send_json(post(&path), &ArticleFeedbackRequest { solved }).await?).await
}

/// `POST /auth/passkey/signup/start`: checks the new account's details and returns the
/// passkey creation options.
pub async fn passkey_sign_up_start(
    request: &aftercare_core::passkeys::PasskeySignUpStart,
) -> Result<aftercare_core::passkeys::CeremonyStart, ApiError> {
    read(send_json(post("/auth/passkey/signup/start"), request).await?).await
}

/// `POST /auth/passkey/signup/finish`: creates the account (no password) and signs in.
pub async fn passkey_sign_up_finish(
    request: &aftercare_core::passkeys::CeremonyFinish,
) -> Result<Me, ApiError> {
    read(send_json(post("/auth/passkey/signup/finish"), request).await?).await
}

/// `POST /auth/passkey/signin/start`: the request options for any passkey of this site.
pub async fn passkey_sign_in_start() -> Result<aftercare_core::passkeys::CeremonyStart, ApiError> {
    read(send(post("/auth/passkey/signin/start")).await?).await
}

/// `POST /auth/passkey/signin/finish`: signs in with the passkey's answer.
pub async fn passkey_sign_in_finish(
    request: &aftercare_core::passkeys::CeremonyFinish,
) -> Result<Me, ApiError> {
    read(send_json(post("/auth/passkey/signin/finish"), request).await?).await
}

/// `GET /me/passkeys`.
pub async fn passkeys() -> Result<Vec<aftercare_core::passkeys::PasskeyInfo>, ApiError> {
    read(send(get("/me/passkeys")).await?).await
}

/// `POST /me/passkeys/start`: the creation options for another passkey.
pub async fn passkey_add_start() -> Result<aftercare_core::passkeys::CeremonyStart, ApiError> {
    read(send(post("/me/passkeys/start")).await?).await
}

/// `POST /me/passkeys/finish`: stores the new passkey.
pub async fn passkey_add_finish(
    request: &aftercare_core::passkeys::CeremonyFinish,
) -> Result<aftercare_core::passkeys::PasskeyInfo, ApiError> {
    read(send_json(post("/me/passkeys/finish"), request).await?).await
}

/// `PATCH /me/passkeys/{id}`.
pub async fn rename_passkey(
    id: i64,
    request: &aftercare_core::passkeys::PasskeyRename,
) -> Result<aftercare_core::passkeys::PasskeyInfo, ApiError> {
    read(send_json(patch(&format!("/me/passkeys/{id}")), request).await?).await
}

/// `DELETE /me/passkeys/{id}`.
pub async fn remove_passkey(id: i64) -> Result<(), ApiError> {
    read_empty(send(delete(&format!("/me/passkeys/{id}"))).await?).await
}

/// `POST /me/reauth/start`: the request options for one of the account's own passkeys.
pub async fn reauth_start() -> Result<aftercare_core::passkeys::CeremonyStart, ApiError> {
    read(send(post("/me/reauth/start")).await?).await
}

/// `POST /me/reauth/finish`: the single-use proof that the owner just confirmed.
pub async fn reauth_finish(
    request: &aftercare_core::passkeys::CeremonyFinish,
) -> Result<aftercare_core::passkeys::Reauthenticated, ApiError> {
    read(send_json(post("/me/reauth/finish"), request).await?).await
}
