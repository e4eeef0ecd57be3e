//! Table mappings. Each module is one table; the schema itself (constraints, indexes)
//! lives in the migrations, which are the source of truth.

/// Accounts: customers, agents and admins.
pub mod user {
    use sea_orm::entity::prelude::*;

    /// One account.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub email: String,
        pub name: String,
        pub password_hash: String,
        pub language: String,
        pub role: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Server-side sessions; the cookie holds a random token, the table its SHA-256.
pub mod session {
    use sea_orm::entity::prelude::*;

    /// One signed-in browser.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub user_id: i64,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Failed sign-ins, for throttling across server processes.
pub mod sign_in_failure {
    use sea_orm::entity::prelude::*;

    /// One failed attempt.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sign_in_failures")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub email: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The product catalogue.
pub mod product_model {
    use sea_orm::entity::prelude::*;

    /// One catalogue entry.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "product_models")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub sku: String,
        /// The trade item number on the unit's label, as 14 digits, if known.
        pub gtin: Option<String>,
        pub brand: String,
        pub name: String,
        pub category: String,
        pub serial_pattern: String,
        pub release_date: Date,
        pub parts_months: i32,
        pub labour_months: i32,
        pub registration_bonus_months: i32,
        pub registration_window_days: i32,
        pub popularity: i32,
        /// Lower-cased brand, name and SKU, for case-insensitive search on any backend.
        pub search_text: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Units customers registered.
pub mod registered_product {
    use sea_orm::entity::prelude::*;

    /// One physical unit and its owner.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "registered_products")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub model_id: i64,
        pub serial: String,
        pub purchase_date: Date,
        pub registered_on: Date,
        pub retailer: String,
        pub country: String,
        pub nickname: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::product_model::Entity",
            from = "Column::ModelId",
            to = "super::product_model::Column::Id"
        )]
        ProductModel,
    }

    impl Related<super::product_model::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::ProductModel.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// Answers to create requests, kept by `Idempotency-Key` so a retry creates nothing new.
pub mod idempotency_key {
    use sea_orm::entity::prelude::*;

    /// One remembered answer.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_keys")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub key: String,
        pub status: i32,
        pub body: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Proofs of purchase: one file per registration, stored under the uploads folder.
pub mod proof {
    use sea_orm::entity::prelude::*;

    /// One uploaded proof.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "proofs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub product_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub bytes: i64,
        /// The random name of the file in the uploads folder.
        pub stored_name: String,
        pub uploaded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Extended plans recorded on a registration.
pub mod product_plan {
    use sea_orm::entity::prelude::*;

    /// One plan.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "product_plans")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub product_id: i64,
        pub code: String,
        pub bought_on: Date,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A unit's service history: repairs and replacements, recorded by agents.
pub mod service_event {
    use sea_orm::entity::prelude::*;

    /// One repair (`kind = "repair"`) or replacement (`kind = "replacement"`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "service_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub product_id: i64,
        pub kind: String,
        pub defect: Option<String>,
        /// Repair: hand-over day; replacement: the day the new unit was handed over.
        pub on_date: Date,
        pub returned_on: Option<Date>,
        pub parts_wait_days: i32,
        /// `fixed` or `not_fixed` for repairs.
        pub outcome: Option<String>,
        /// Replacement: the old unit's serial (the registration now has the new one).
        pub old_serial: Option<String>,
        pub new_serial: Option<String>,
        pub recorded_by: i64,
        pub created_at: DateTimeUtc,
        /// The claim this repair or replacement settled, when it came through one.
        pub claim_id: Option<i64>,
        /// Repair: the parts used, `Vec<String>` as JSON.
        pub parts_json: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Service centres. Calendar rules and services are JSON documents of core's types.
pub mod centre {
    use sea_orm::entity::prelude::*;

    /// One centre.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "centres")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub name: String,
        pub address: String,
        pub city: String,
        pub postal_code: String,
        pub country: String,
        pub time_zone: String,
        pub latitude: f64,
        pub longitude: f64,
        /// `aftercare_core::slots::CentreRules` as JSON.
        pub rules_json: String,
        /// `Vec<aftercare_core::slots::ServiceOffer>` as JSON.
        pub services_json: String,
        /// Postal-code prefixes served on site, comma-separated.
        pub on_site_area: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Appointments: the customer's booking and its history.
pub mod appointment {
    use sea_orm::entity::prelude::*;

    /// One appointment.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "appointments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub product_id: i64,
        pub centre_id: i64,
        pub service: String,
        pub start_at: DateTimeUtc,
        pub end_at: DateTimeUtc,
        pub status: String,
        pub address: Option<String>,
        pub postal_code: Option<String>,
        pub notes: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One place (capacity unit) of a slot held by an appointment. The unique index over
/// (centre, service, start, unit) is what makes double-booking impossible.
pub mod slot_claim {
    use sea_orm::entity::prelude::*;

    /// One held place.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "slot_claims")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub appointment_id: i64,
        pub centre_id: i64,
        pub service: String,
        pub start_at: DateTimeUtc,
        pub unit: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Time an agent took out of a centre's calendar.
pub mod centre_block {
    use sea_orm::entity::prelude::*;

    /// One block.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "centre_blocks")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub centre_id: i64,
        pub start_at: DateTimeUtc,
        pub end_at: DateTimeUtc,
        pub reason: String,
        pub created_by: i64,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// In-app notifications. `dedupe_key` is unique: a reminder is made once, however many
/// server processes run the reminder job.
pub mod notification {
    use sea_orm::entity::prelude::*;

    /// One notification.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub kind: String,
        pub title_key: String,
        /// `BTreeMap<String, String>` as JSON.
        pub params_json: String,
        pub link: Option<String>,
        #[sea_orm(unique)]
        pub dedupe_key: Option<String>,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Emails waiting to leave, written in the same transaction as what caused them so none
/// is lost or sent for something rolled back. `claimed_until` is a lease: a sender
/// claims a row by moving it into the future, and a failed row waits there out its
/// backoff.
pub mod outbox {
    use sea_orm::entity::prelude::*;

    /// One email.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub recipient: String,
        pub subject: String,
        pub body: String,
        pub created_at: DateTimeUtc,
        pub attempts: i32,
        pub claimed_until: Option<DateTimeUtc>,
        pub sent_at: Option<DateTimeUtc>,
        pub last_error: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// `article_feedback`: one answer per account and help article.
pub mod article_feedback {
    use sea_orm::entity::prelude::*;

    /// One account's answer to "Did this solve your problem?".
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "article_feedback")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub article_slug: String,
        pub user_id: i64,
        pub solved: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Claims: a customer's request for a remedy on one registered product. `updated_at`
/// moves on every change anyone could see (status, message, quote, survey, repair): it
/// is the claim's version, and its `ETag`.
pub mod claim {
    use sea_orm::entity::prelude::*;

    /// One claim.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "claims")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub product_id: i64,
        pub centre_id: Option<i64>,
        /// `aftercare_core::warranty::ClaimCause`, snake case.
        pub cause: String,
        pub description: String,
        pub started_on: Date,
        /// `aftercare_core::warranty::RemedyKind`, snake case.
        pub remedy: String,
        /// Whether the remedy asked for was free under the coverage when filed.
        pub covered: bool,
        /// `aftercare_core::claims::ContactPreference::as_str`.
        pub contact: String,
        pub phone: String,
        /// `aftercare_core::claims::ClaimStatus::as_str`.
        pub status: String,
        /// `aftercare_core::claims::Resolution::as_str`, once resolved.
        pub resolution: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::registered_product::Entity",
            from = "Column::ProductId",
            to = "super::registered_product::Column::Id"
        )]
        RegisteredProduct,
    }

    impl Related<super::registered_product::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::RegisteredProduct.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A claim's timeline: every status change, and notes such as a recorded repair (where
/// the status stays the same).
pub mod claim_event {
    use sea_orm::entity::prelude::*;

    /// One step.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "claim_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub claim_id: i64,
        pub at: DateTimeUtc,
        /// `None` for filing.
        pub from_status: Option<String>,
        pub to_status: String,
        /// `customer` or `agent`.
        pub actor: String,
        pub actor_user_id: i64,
        pub note: String,
        pub resolution: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Who did what, when: every status change and every decision, kept apart from the data
/// it is about (no foreign keys) so it outlives it.
pub mod audit_entry {
    use sea_orm::entity::prelude::*;

    /// One entry.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor_user_id: Option<i64>,
        /// `customer`, `agent` or `admin`.
        pub actor_role: String,
        /// What was done, e.g. `claim.transition`.
        pub action: String,
        /// What it was done to, e.g. `claim:42`.
        pub subject: String,
        /// The particulars, a JSON object.
        pub details_json: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Messages in a claim's thread.
pub mod claim_message {
    use sea_orm::entity::prelude::*;

    /// One message.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "claim_messages")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub claim_id: i64,
        pub at: DateTimeUtc,
        pub author_user_id: i64,
        /// `customer` or `agent`.
        pub author: String,
        pub body: String,
        pub request_for_info: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Claim photos and message attachments. Uploaded first as drafts of their uploader
/// (`claim_id` empty), then attached to a claim (photos) or a message (attachments).
pub mod claim_file {
    use sea_orm::entity::prelude::*;

    /// One file.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "claim_files")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// The uploader.
        pub user_id: i64,
        pub claim_id: Option<i64>,
        pub message_id: Option<i64>,
        /// `photo` (re-encoded JPEG with a thumbnail) or `attachment` (PDF).
        pub kind: String,
        pub file_name: String,
        pub content_type: String,
        pub bytes: i64,
        /// The random name of the file in the uploads folder.
        pub stored_name: String,
        /// The thumbnail's, for photos.
        pub thumb_name: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Quotes for work a claim's coverage does not pay for.
pub mod quote {
    use sea_orm::entity::prelude::*;

    /// One quote.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "quotes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub claim_id: i64,
        /// `Vec<aftercare_core::claims::QuoteLine>` as JSON.
        pub lines_json: String,
        pub tax_rate_bp: i32,
        pub currency: String,
        pub note: String,
        /// `pending`, `accepted`, `declined` or `withdrawn`.
        pub status: String,
        pub sent_at: DateTimeUtc,
        pub decided_at: Option<DateTimeUtc>,
        pub created_by: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Satisfaction answers, one per claim (unique `claim_id`).
pub mod survey {
    use sea_orm::entity::prelude::*;

    /// One answer.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "surveys")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        #[sea_orm(unique)]
        pub claim_id: i64,
        pub user_id: i64,
        /// The centre that handled the claim, for the per-centre report.
        pub centre_id: Option<i64>,
        pub score: i32,
        pub comment: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// `passkeys`: an account's WebAuthn credentials.
pub mod passkey {
    use sea_orm::entity::prelude::*;

    /// One passkey. `credential` is the serialised webauthn-rs `Passkey` (public key,
    /// counter); `credential_id` its id, base64url, for the sign-in lookup; `user_handle`
    /// the account's WebAuthn user id (a UUID shared by all its passkeys).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "passkeys")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        #[sea_orm(unique)]
        pub credential_id: String,
        pub user_handle: String,
        pub name: String,
        #[sea_orm(column_type = "Text")]
        pub credential: String,
        pub backup_eligible: bool,
        pub created_at: DateTimeUtc,
        pub last_used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// `webauthn_ceremonies`: WebAuthn ceremonies in progress (single-use, short-lived).
pub mod webauthn_ceremony {
    use sea_orm::entity::prelude::*;

    /// One ceremony: its kind (`signup`, `signin`, `add`), the serialised webauthn-rs
    /// state, the account adding a passkey or the pending sign-up's details.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webauthn_ceremonies")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub kind: String,
        pub user_id: Option<i64>,
        #[sea_orm(column_type = "Text")]
        pub state: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub pending: Option<String>,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Links that show one claim's progress without signing in; only each token's sha256
/// (hex) is stored.
pub mod claim_track_link {
    use sea_orm::entity::prelude::*;

    /// One link.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "claim_track_links")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub claim_id: i64,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Single-use account links (verify an email, reset a password, confirm a new email);
/// only each token's sha256 (hex) is stored.
pub mod account_token {
    use sea_orm::entity::prelude::*;

    /// One link.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub purpose: String,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub user_id: i64,
        pub email: Option<String>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
