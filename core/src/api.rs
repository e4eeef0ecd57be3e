//! The API's wire types under `/api/v1`, shared by the server and the app so neither can
//! drift from the other. Requests carry what a person typed (dates as text) so that
//! validation, not deserialisation, gives the message.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::coverage::{CoverageSummary, WarrantyTerms};

/// The languages the portal speaks.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// Polish.
    Pl,
    /// Vietnamese.
    Vi,
    /// Icelandic.
    Is,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Language {
    /// Every language, in the order the language menu lists them.
    pub const ALL: [Language; 6] = [
        Language::En,
        Language::Pl,
        Language::Vi,
        Language::Is,
        Language::Fr,
        Language::Es,
    ];

    /// The BCP 47 tag (`<html lang>`, Intl).
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Pl => "pl",
            Language::Vi => "vi",
            Language::Is => "is",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Pl => "Polski",
            Language::Vi => "Tiếng Việt",
            Language::Is => "Íslenska",
            Language::Fr => "Français",
            Language::Es => "Español",
        }
    }

    /// Parses a tag such as `pl` or `pl-PL`; unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.tag() == primary)
    }
}

/// What an account may do.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A customer: sees and changes only their own things.
    Customer,
    /// A service agent: the back office.
    Agent,
    /// An administrator.
    Admin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Agent => "agent",
            Role::Admin => "admin",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "customer" => Some(Role::Customer),
            "agent" => Some(Role::Agent),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// `POST /auth/signup`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SignUpRequest {
    /// The name the portal addresses them by.
    pub name: String,
    /// Their email, which is also the sign-in name.
    pub email: String,
    /// At least 8 characters, not among the most common passwords.
    pub password: String,
    /// Preferred language.
    #[serde(default)]
    pub language: Language,
}

/// `POST /auth/signin`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SignInRequest {
    /// The account's email.
    pub email: String,
    /// The account's password.
    pub password: String,
}

/// `GET /me`: the signed-in account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// The account id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Email (sign-in name).
    pub email: String,
    /// Preferred language.
    pub language: Language,
    /// What the account may do.
    pub role: Role,
    /// Whether the account has a password (false: it signs in with passkeys only, and
    /// confirms account changes with a passkey instead, see `POST /me/reauth/start`).
    #[serde(default)]
    pub has_password: bool,
}

/// `PATCH /me`: fields left out stay as they are.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateMeRequest {
    /// A new display name.
    #[serde(default)]
    pub name: Option<String>,
    /// A new preferred language.
    #[serde(default)]
    pub language: Option<Language>,
}

/// A catalogue entry.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductModel {
    /// The model id.
    pub id: i64,
    /// Stock-keeping unit, unique.
    pub sku: String,
    /// Brand name.
    pub brand: String,
    /// Model name.
    pub name: String,
    /// Category slug, e.g. `washing-machine`.
    pub category: String,
    /// The serial-number pattern (see [`crate::serial`]).
    pub serial_pattern: String,
    /// An example serial in that pattern, to show customers.
    pub serial_example: String,
    /// First day the model was sold; no purchase can be earlier.
    pub release_date: NaiveDate,
    /// The manufacturer's warranty terms.
    pub warranty: WarrantyTerms,
}

/// `GET /catalog/models?q=`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogPage {
    /// Matching models, best first.
    pub models: Vec<ProductModel>,
}

/// `POST /products`: register a unit. Dates are text as typed (`YYYY-MM-DD`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterProductRequest {
    /// The catalogue model (0 when none was chosen yet).
    #[serde(default)]
    pub model_id: i64,
    /// The serial number as printed on the label.
    #[serde(default)]
    pub serial: String,
    /// The invoice date, `YYYY-MM-DD`.
    #[serde(default)]
    pub purchase_date: String,
    /// Where it was bought.
    #[serde(default)]
    pub retailer: String,
    /// ISO 3166 alpha-2 code of the market it was bought in.
    #[serde(default)]
    pub country: String,
    /// An optional friendly name ("Kitchen washer").
    #[serde(default)]
    pub nickname: Option<String>,
}

/// `PATCH /products/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateProductRequest {
    /// The new nickname; empty or absent clears it.
    #[serde(default)]
    pub nickname: Option<String>,
}

/// A unit a customer owns, with its coverage today.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisteredProduct {
    /// The registration id.
    pub id: i64,
    /// The catalogue model.
    pub model: ProductModel,
    /// Serial number (normalised).
    pub serial: String,
    /// Invoice date.
    pub purchase_date: NaiveDate,
    /// The day it was registered here.
    pub registered_on: NaiveDate,
    /// Where it was bought.
    pub retailer: String,
    /// Market, ISO 3166 alpha-2.
    pub country: String,
    /// Friendly name, if any.
    pub nickname: Option<String>,
    /// Coverage on the server's today.
    pub coverage: CoverageSummary,
}

/// `GET /products`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductList {
    /// The customer's products, most recently registered first.
    pub products: Vec<RegisteredProduct>,
}

/// `GET /health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` when the database answered.
    pub status: String,
    /// The server's version.
    pub version: String,
}

/// Each market's time zone (an IANA name): the calendar its warranty days are counted in.
/// "Today", "days left" and "not in the future" are judged on the market's calendar by the
/// server and the browser alike, so both give the same answer whatever zone the customer's
/// device is in. Markets spanning several zones use the zone of their capital.
pub const MARKET_ZONES: [(&str, &str); 12] = [
    ("PL", "Europe/Warsaw"),
    ("VN", "Asia/Ho_Chi_Minh"),
    ("IS", "Atlantic/Reykjavik"),
    ("FR", "Europe/Paris"),
    ("ES", "Europe/Madrid"),
    ("DE", "Europe/Berlin"),
    ("GB", "Europe/London"),
    ("IE", "Europe/Dublin"),
    ("IT", "Europe/Rome"),
    ("NL", "Europe/Amsterdam"),
    ("SE", "Europe/Stockholm"),
    ("US", "America/New_York"),
];

/// The time zone a market counts its days in (any case); UTC for a market the portal
/// does not know.
pub fn market_zone(country: &str) -> &'static str {
    let wanted = country.trim();
    MARKET_ZONES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(wanted))
        .map_or("UTC", |(_, zone)| zone)
}

/// Markets the portal knows, ISO 3166 alpha-2, with their English names.
pub const COUNTRIES: [(&str, &str); 12] = [
    ("PL", "Poland"),
    ("VN", "Vietnam"),
    ("IS", "Iceland"),
    ("FR", "France"),
    ("ES", "Spain"),
    ("DE", "Germany"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("NL", "Netherlands"),
    ("SE", "Sweden"),
    ("US", "United States"),
];

/// `GET /products/{id}/coverage` (and the answer to every change that moves coverage):
/// the engine's full answer for today, with what it was computed from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCoverage {
    /// The registration id.
    pub product_id: i64,
    /// The engine's answer on the server's today (segments, remedies, notes, policy).
    pub coverage: crate::warranty::Coverage,
    /// The engine's input, so the app can recompute days left offline and preview.
    pub input: crate::warranty::CoverageInput,
    /// Whether a proof of purchase is on file (and downloadable).
    pub proof: Option<ProofOfPurchase>,
    /// Plans recorded on this unit.
    pub plans: Vec<crate::warranty::ExtendedPlan>,
    /// Plans the customer may add for this model.
    pub plan_offers: Vec<crate::warranty::PlanOffer>,
}

/// A proof of purchase on file.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofOfPurchase {
    /// The file name as uploaded.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`, as sniffed from the bytes.
    pub content_type: String,
    /// Size in bytes.
    pub bytes: u64,
    /// When it was uploaded.
    pub uploaded_on: NaiveDate,
}

/// `POST /products/{id}/plans`: a plan the customer bought. Dates as typed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddPlanRequest {
    /// A code from the model's [`ProductCoverage::plan_offers`].
    #[serde(default)]
    pub code: String,
    /// The day it was bought, `YYYY-MM-DD`.
    #[serde(default)]
    pub purchase_date: String,
}

/// `POST /agent/products/{id}/repairs`: an agent records a repair.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordRepairRequest {
    /// The defect code repaired.
    pub defect: String,
    /// The day the unit was handed over.
    pub handed_over: NaiveDate,
    /// The day it came back (`None` while still at the centre).
    #[serde(default)]
    pub returned_on: Option<NaiveDate>,
    /// Days waiting for parts outside the stay.
    #[serde(default)]
    pub parts_wait_days: u32,
    /// Whether the defect is gone.
    pub outcome: crate::warranty::RepairOutcome,
}

/// `POST /agent/products/{id}/replacements`: an agent records a replacement unit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordReplacementRequest {
    /// The day the new unit was handed over.
    pub date: NaiveDate,
    /// The new unit's serial number.
    pub new_serial: String,
}

/// A service centre, as `GET /centres` lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Centre {
    /// The centre id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Street address.
    pub address: String,
    /// City.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166 alpha-2 country.
    pub country: String,
    /// IANA time zone; every time shown for a visit is in this zone, labelled.
    pub time_zone: String,
    /// Latitude, for sorting by distance.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
    /// Services offered, with duration and parallel capacity.
    pub services: Vec<crate::slots::ServiceOffer>,
    /// Opening hours, closures and notice rules.
    pub rules: crate::slots::CentreRules,
    /// Postal-code prefixes served on site (empty: no on-site visits).
    pub on_site_area: Vec<String>,
    /// Kilometres from the place the customer gave, when they gave one.
    pub distance_km: Option<f64>,
    /// The next free slot for the requested service, if one was requested.
    pub next_free: Option<crate::slots::Slot>,
}

/// `GET /centres`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreList {
    /// Centres, nearest first when a place was given, else by name.
    pub centres: Vec<Centre>,
}

/// A day that still has room.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRoom {
    /// The local date.
    pub date: NaiveDate,
    /// Free places that day.
    pub free: u32,
}

/// `GET /centres/{id}/slots?service=&from=&to=`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotList {
    /// The centre.
    pub centre_id: i64,
    /// The service.
    pub service: crate::slots::ServiceType,
    /// The centre's time zone, which `local_start` is in.
    pub time_zone: String,
    /// Every slot in the range, full ones with `free: 0`.
    pub slots: Vec<crate::slots::Slot>,
    /// The days with room, for a calendar.
    pub days: Vec<DayRoom>,
}

/// `POST /appointments`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookAppointmentRequest {
    /// The customer's registered product.
    pub product_id: i64,
    /// The centre.
    pub centre_id: i64,
    /// What for.
    pub service: crate::slots::ServiceType,
    /// The slot's start (UTC), as the slot list gave it.
    pub start: chrono::DateTime<chrono::Utc>,
    /// On-site visits: the street address.
    #[serde(default)]
    pub address: Option<String>,
    /// On-site visits: the postal code, which must be in the centre's area.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// Anything the technician should know.
    #[serde(default)]
    pub notes: Option<String>,
}

/// `PATCH /appointments/{id}`: move to another slot of the same centre and service.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescheduleRequest {
    /// The new slot's start (UTC).
    pub start: chrono::DateTime<chrono::Utc>,
}

/// Where an appointment stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// Booked and upcoming.
    Booked,
    /// Cancelled by the customer.
    Cancelled,
    /// The customer arrived (agent).
    Arrived,
    /// The customer did not come (agent).
    NoShow,
    /// The work is done (agent).
    Completed,
}

impl AppointmentStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::Arrived => "arrived",
            AppointmentStatus::NoShow => "no_show",
            AppointmentStatus::Completed => "completed",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            AppointmentStatus::Booked,
            AppointmentStatus::Cancelled,
            AppointmentStatus::Arrived,
            AppointmentStatus::NoShow,
            AppointmentStatus::Completed,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// A booked appointment.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    /// The appointment id.
    pub id: i64,
    /// The product it is for.
    pub product_id: i64,
    /// The product's display name.
    pub product_name: String,
    /// The centre's id.
    pub centre_id: i64,
    /// The centre's name.
    pub centre_name: String,
    /// The centre's address (carry-in) — or the customer's, on site.
    pub place: String,
    /// What for.
    pub service: crate::slots::ServiceType,
    /// Start, UTC.
    pub start: chrono::DateTime<chrono::Utc>,
    /// End, UTC.
    pub end: chrono::DateTime<chrono::Utc>,
    /// Start in the centre's local time.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"))]
    pub local_start: chrono::NaiveDateTime,
    /// End in the centre's local time.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"))]
    pub local_end: chrono::NaiveDateTime,
    /// The centre's time zone.
    pub time_zone: String,
    /// Where it stands.
    pub status: AppointmentStatus,
    /// On-site address, if on site.
    pub address: Option<String>,
    /// On-site postal code, if on site.
    pub postal_code: Option<String>,
    /// Notes for the technician.
    pub notes: Option<String>,
    /// Last moment to reschedule or cancel.
    pub change_cutoff: chrono::DateTime<chrono::Utc>,
    /// Whether it can still be rescheduled or cancelled now.
    pub can_change: bool,
    /// The customer's name (agents' views only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
}

/// `GET /appointments`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentList {
    /// Booked ones still to come, soonest first.
    pub upcoming: Vec<Appointment>,
    /// Past, cancelled or finished ones, newest first.
    pub past: Vec<Appointment>,
}

/// `POST /agent/appointments/{id}/status`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentStatusRequest {
    /// Arrived, no-show or completed.
    pub status: AppointmentStatus,
}

/// `POST /agent/centres/{id}/blocks`: take time out of the calendar.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockTimeRequest {
    /// First instant blocked (UTC).
    pub start: chrono::DateTime<chrono::Utc>,
    /// First instant free again (UTC).
    pub end: chrono::DateTime<chrono::Utc>,
    /// Why (shown to agents).
    #[serde(default)]
    pub reason: String,
}

/// An in-app notification.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    /// The notification id.
    pub id: i64,
    /// What it is about, e.g. `appointment_reminder`.
    pub kind: String,
    /// Translation key of its sentence.
    pub title_key: String,
    /// Values the sentence interpolates.
    pub params: std::collections::BTreeMap<String, String>,
    /// Where it leads in the app, if anywhere.
    pub link: Option<String>,
    /// When it was made.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Whether the customer has seen it.
    pub read: bool,
}

/// `GET /notifications`: newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationList {
    /// How many are unread.
    pub unread: u32,
    /// The latest notifications (at most 50).
    pub notifications: Vec<Notification>,
}

/// `POST /notifications/read`: these ids, or all when empty.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkReadRequest {
    /// Notification ids to mark read; empty marks all.
    #[serde(default)]
    pub ids: Vec<i64>,
}

/// `DELETE /me`: the account's password, typed again to confirm; an account without a
/// password sends a `passkey_token` from `POST /me/reauth/finish` instead.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteAccountRequest {
    /// The account's current password (empty for an account without one).
    #[serde(default)]
    pub password: String,
    /// Proof of a fresh passkey confirmation (accounts without a password only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey_token: Option<String>,
}

/// The version of [`AccountExport`]'s layout; raised when a field changes meaning.
pub const EXPORT_FORMAT: u32 = 1;

/// `GET /me/export`: `export.json` in the ZIP, beside the files it lists under `files/`.
/// Everything the portal keeps about the account, in the shapes the API shows them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountExport {
    /// [`EXPORT_FORMAT`].
    pub format: u32,
    /// When the export was made.
    pub exported_at: chrono::DateTime<chrono::Utc>,
    /// The account itself.
    pub account: ExportedAccount,
    /// Registered products, each with its coverage (proof of purchase on file, plans,
    /// repairs and replacements), oldest first.
    pub products: Vec<ExportedProduct>,
    /// Appointments, oldest first.
    pub appointments: Vec<Appointment>,
    /// Claims with their timeline, thread, photos, quote and survey, oldest first.
    pub claims: Vec<crate::claims::Claim>,
    /// In-app notifications, oldest first.
    pub notifications: Vec<Notification>,
    /// Answers to "Did this solve your problem?".
    pub article_feedback: Vec<ExportedFeedback>,
    /// Passkeys (name, added, last used; never key material), oldest first.
    #[serde(default)]
    pub passkeys: Vec<crate::passkeys::PasskeyInfo>,
    /// Every file in the archive, with what it belongs to.
    pub files: Vec<ExportedFile>,
}

/// The account as stored.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAccount {
    /// The account id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Email (sign-in name).
    pub email: String,
    /// Preferred language.
    pub language: Language,
    /// What the account may do.
    pub role: Role,
    /// When it was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A registered product and its full coverage answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedProduct {
    /// The product as `GET /products/{id}` shows it.
    pub product: RegisteredProduct,
    /// Its coverage as `GET /products/{id}/coverage` shows it.
    pub coverage: ProductCoverage,
}

/// One answer to an article's "Did this solve your problem?".
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFeedback {
    /// The article.
    pub article_slug: String,
    /// The answer.
    pub solved: bool,
    /// When it was last given.
    pub at: chrono::DateTime<chrono::Utc>,
}

/// What an exported file is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportedFileKind {
    /// A product's proof of purchase.
    Proof,
    /// A claim photo (as stored: re-encoded JPEG).
    ClaimPhoto,
    /// A file attached to a claim message.
    MessageAttachment,
    /// An upload never attached to anything.
    Draft,
}

/// A file in the archive.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// Its path inside the ZIP (`files/…`); `None` when the stored file could not be
    /// read (it is listed all the same).
    pub path: Option<String>,
    /// What it is.
    pub kind: ExportedFileKind,
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its media type.
    pub content_type: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was uploaded.
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    /// The product it belongs to (proofs).
    pub product_id: Option<i64>,
    /// The claim it belongs to (photos, attachments).
    pub claim_id: Option<i64>,
    /// The message it is attached to.
    pub message_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_market_has_a_real_time_zone() {
        for (code, _) in COUNTRIES {
            let zone = market_zone(code);
            assert_ne!(zone, "UTC", "{code} has no zone");
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{code}: {zone}");
        }
        assert_eq!(market_zone(" vn "), "Asia/Ho_Chi_Minh");
        assert_eq!(market_zone("ZZ"), "UTC");
    }
}
