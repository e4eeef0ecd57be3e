//! The API contract: an OpenAPI 3.1 document generated from the handlers' `#[utoipa::path]`
//! annotations and the core wire types' `ToSchema` derives, served at
//! `GET /api/v1/openapi.json`. `cargo xtask test` fuzzes a live server against it with
//! Schemathesis, and `server/tests/api/openapi.rs` fails when a route the router
//! registers is missing from it.
//!
//! To document a new handler: annotate it with `#[utoipa::path(...)]` (the path relative
//! to `/api/v1`, `security(("session" = []))` when it needs a signed-in account, and
//! every answer: the body's schema for success, and `(status = 4xx, response = X)` with
//! one of the shared problem+json responses below for each error), then list it in
//! [`ApiDoc`]'s `paths(...)`.

use aftercare_core::problem::Problem;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToResponse, ToSchema};

use crate::error::PROBLEM_JSON;
use crate::routes;

/// The name of the security scheme every signed-in operation names.
pub const SESSION: &str = "session";

/// Declares one reusable problem+json response (a `components.responses` entry whose
/// body is the shared [`Problem`] schema).
macro_rules! problem_response {
    ($name:ident, $description:literal) => {
        #[doc = $description]
        pub struct $name;

        impl<'s> ToResponse<'s> for $name {
            fn response() -> (&'s str, RefOr<Response>) {
                let content = utoipa::openapi::content::ContentBuilder::new()
                    .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                    .build();
                (
                    stringify!($name),
                    ResponseBuilder::new()
                        .description($description)
                        .content(PROBLEM_JSON, content)
                        .into(),
                )
            }
        }
    };
}

problem_response!(
    BadRequest,
    "The request could not be read: malformed JSON, a wrong type, a missing or wrong Content-Type, a bad query string or header (code `error.bad_request`)."
);
problem_response!(
    Unauthenticated,
    "No valid session: sign in first (code `error.unauthenticated`)."
);
problem_response!(
    Credentials,
    "Sign-in refused: unknown email and wrong password alike (code `error.credentials`)."
);
problem_response!(
    Forbidden,
    "Signed in, but this account's role may not do this (code `error.forbidden`)."
);
problem_response!(
    NotFound,
    "No such thing, or not the signed-in account's: the two are indistinguishable on purpose (code `error.not_found`)."
);
problem_response!(
    Conflict,
    "Refused by a uniqueness rule (the field errors say which field), or by the thing's state (the code names the rule); a slot just taken lists `next_slots`."
);
problem_response!(
    PayloadTooLarge,
    "The body or the uploaded file is larger than allowed (10 MB for files)."
);
problem_response!(
    Invalid,
    "The input broke a rule; `errors` has one entry per field (code `error.validation`)."
);
problem_response!(
    Throttled,
    "Too many attempts; the `Retry-After` header says how many seconds to wait."
);

/// Raw bytes of a file (a download: proof of purchase, claim photo, ZIP, iCalendar).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(pub Vec<u8>);

/// A `multipart/form-data` upload: one part named `file` (any other part is a 400).
#[derive(ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileUpload {
    /// The file, with its name in the part's `filename`.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// Declares the session cookie as the `session` security scheme.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "aftercare_session",
                "The session cookie set by `POST /auth/signin` and `POST /auth/signup` \
                 (named `__Host-aftercare_session` when the server runs with secure cookies).",
            ))),
        );
    }
}

/// `GET /openapi.json`: this document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json", body = Object)))]
pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}

/// The whole API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Aftercare API",
        description = "The self-service after-sales portal's HTTP API. Every error is an RFC 9457 `application/problem+json` body (the `Problem` schema) whose `code` is a translation key.",
    ),
    servers((url = "/api/v1")),
    modifiers(&SessionCookie),
    components(
        schemas(Problem, FileBytes, FileUpload),
        responses(BadRequest, Unauthenticated, Credentials, Forbidden, NotFound, Conflict, PayloadTooLarge, Invalid, Throttled),
    ),
    paths(
        document,
        routes::health::health,
        routes::auth::sign_up,
        routes::auth::sign_in,
        routes::auth::sign_out,
        routes::account::verify,
        routes::account::reset_request,
        routes::account::reset_confirm,
        routes::account::verification,
        routes::account::resend_verification,
        routes::account::change_password,
        routes::account::change_email,
        routes::passkeys::signup_start,
        routes::passkeys::signup_finish,
        routes::passkeys::signin_start,
        routes::passkeys::signin_finish,
        routes::passkeys::list,
        routes::passkeys::add_start,
        routes::passkeys::add_finish,
        routes::passkeys::rename,
        routes::passkeys::remove,
        routes::passkeys::reauth_start,
        routes::passkeys::reauth_finish,
        routes::me::show,
        routes::me::update,
        routes::privacy::delete_account,
        routes::privacy::export,
        routes::catalog::search,
        routes::catalog::show,
        routes::products::list,
        routes::products::register,
        routes::products::show,
        routes::products::rename,
        routes::products::remove,
        routes::products::coverage_of,
        routes::products::upload_proof,
        routes::products::download_proof,
        routes::products::add_plan,
        routes::labels::scan,
        routes::agent::record_repair,
        routes::agent::record_replacement,
        routes::centres::list,
        routes::centres::slots_of,
        routes::appointments::list,
        routes::appointments::book,
        routes::appointments::show,
        routes::appointments::reschedule,
        routes::appointments::cancel,
        routes::appointments::ics,
        routes::agent::centre_appointments,
        routes::agent::block_time,
        routes::agent::set_appointment_status,
        routes::claims::list,
        routes::claims::create,
        routes::claims::upload,
        routes::claims::file,
        routes::claims::thumb,
        routes::claims::show,
        routes::track::status,
        routes::track::renew,
        routes::track::stop,
        routes::track::show,
        routes::claims::post_message,
        routes::claims::decide_quote,
        routes::claims::answer_survey,
        routes::agent_claims::queue,
        routes::agent_claims::show,
        routes::agent_claims::transition,
        routes::agent_claims::post_message,
        routes::agent_claims::send_quote,
        routes::agent_claims::record_repair,
        routes::agent_claims::record_replacement,
        routes::agent_claims::satisfaction,
        routes::notifications::list,
        routes::notifications::mark_read,
        routes::articles::search,
        routes::articles::show,
        routes::articles::feedback,
    ),
)]
pub struct ApiDoc;

/// The document with the server's version filled in.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
