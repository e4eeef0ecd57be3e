//! Backend-neutral migrations (sea-query's schema builder emits SQLite or PostgreSQL).
//! Invariants live here as constraints: one account per email, one registration per
//! physical unit (model + serial), foreign keys with the deletes they imply.

use sea_orm_migration::prelude::*;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(M0001Accounts),
            Box::new(M0002Products),
            Box::new(M0003Coverage),
            Box::new(M0004Appointments),
            Box::new(M0005Notifications),
            Box::new(M0006ArticleFeedback),
            Box::new(M0007Claims),
            Box::new(M0008Outbox),
            Box::new(M0011Passkeys),
            Box::new(M0012ClaimTrackLinks),
            Box::new(M0013AccountTokens),
            Box::new(M0014QueueOrder),
            Box::new(M0015ModelGtins),
        ]
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Language,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Id,
    Email,
    At,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Id,
    UserId,
    Key,
    Status,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProductModels {
    Table,
    Id,
    Sku,
    Brand,
    Name,
    Category,
    SerialPattern,
    ReleaseDate,
    PartsMonths,
    LabourMonths,
    RegistrationBonusMonths,
    RegistrationWindowDays,
    Popularity,
    SearchText,
    Gtin,
}

#[derive(DeriveIden)]
enum RegisteredProducts {
    Table,
    Id,
    UserId,
    ModelId,
    Serial,
    PurchaseDate,
    RegisteredOn,
    Retailer,
    Country,
    Nickname,
    CreatedAt,
}

fn id<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn text<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).string().not_null().to_owned()
}

fn instant<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn owner<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn cascade_to_user<T: IntoIden + 'static>(
    table: T,
    col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

struct M0001Accounts;

impl MigrationName for M0001Accounts {
    fn name(&self) -> &str {
        "m0001_accounts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0001Accounts {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(id(Users::Id))
                .col(text(Users::Email).unique_key())
                .col(text(Users::Name))
                .col(text(Users::PasswordHash))
                .col(text(Users::Language))
                .col(text(Users::Role))
                .col(instant(Users::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(
                    ColumnDef::new(Sessions::Id)
                        .string()
                        .not_null()
                        .primary_key(),
                )
                .col(owner(Sessions::UserId))
                .col(instant(Sessions::CreatedAt))
                .col(instant(Sessions::ExpiresAt))
                .foreign_key(&mut cascade_to_user(Sessions::Table, Sessions::UserId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SignInFailures::Table)
                .col(id(SignInFailures::Id))
                .col(text(SignInFailures::Email))
                .col(instant(SignInFailures::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sign_in_failures_email_at")
                .table(SignInFailures::Table)
                .col(SignInFailures::Email)
                .col(SignInFailures::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(id(IdempotencyKeys::Id))
                .col(owner(IdempotencyKeys::UserId))
                .col(text(IdempotencyKeys::Key))
                .col(ColumnDef::new(IdempotencyKeys::Status).integer().not_null())
                .col(ColumnDef::new(IdempotencyKeys::Body).text().not_null())
                .col(instant(IdempotencyKeys::CreatedAt))
                .foreign_key(&mut cascade_to_user(
                    IdempotencyKeys::Table,
                    IdempotencyKeys::UserId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_idempotency_user_key")
                .table(IdempotencyKeys::Table)
                .col(IdempotencyKeys::UserId)
                .col(IdempotencyKeys::Key)
                .unique()
                .to_owned(),
        )
        .await
    }
}

struct M0002Products;

impl MigrationName for M0002Products {
    fn name(&self) -> &str {
        "m0002_products"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0002Products {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let months = |col| {
            ColumnDef::new(col)
                .integer()
                .not_null()
                .default(0)
                .to_owned()
        };
        m.create_table(
            Table::create()
                .table(ProductModels::Table)
                .col(id(ProductModels::Id))
                .col(text(ProductModels::Sku).unique_key())
                .col(text(ProductModels::Brand))
                .col(text(ProductModels::Name))
                .col(text(ProductModels::Category))
                .col(text(ProductModels::SerialPattern))
                .col(ColumnDef::new(ProductModels::ReleaseDate).date().not_null())
                .col(months(ProductModels::PartsMonths))
                .col(months(ProductModels::LabourMonths))
                .col(months(ProductModels::RegistrationBonusMonths))
                .col(months(ProductModels::RegistrationWindowDays))
                .col(months(ProductModels::Popularity))
                .col(text(ProductModels::SearchText))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RegisteredProducts::Table)
                .col(id(RegisteredProducts::Id))
                .col(owner(RegisteredProducts::UserId))
                .col(owner(RegisteredProducts::ModelId))
                .col(text(RegisteredProducts::Serial))
                .col(
                    ColumnDef::new(RegisteredProducts::PurchaseDate)
                        .date()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(RegisteredProducts::RegisteredOn)
                        .date()
                        .not_null(),
                )
                .col(text(RegisteredProducts::Retailer))
                .col(text(RegisteredProducts::Country))
                .col(ColumnDef::new(RegisteredProducts::Nickname).string().null())
                .col(instant(RegisteredProducts::CreatedAt))
                .foreign_key(&mut cascade_to_user(
                    RegisteredProducts::Table,
                    RegisteredProducts::UserId,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(RegisteredProducts::Table, RegisteredProducts::ModelId)
                        .to(ProductModels::Table, ProductModels::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        // One physical unit is registered once: the same serial of the same model twice
        // is refused by the database, whichever request gets there first.
        m.create_index(
            Index::create()
                .name("uq_registered_products_model_serial")
                .table(RegisteredProducts::Table)
                .col(RegisteredProducts::ModelId)
                .col(RegisteredProducts::Serial)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_registered_products_user")
                .table(RegisteredProducts::Table)
                .col(RegisteredProducts::UserId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Proofs {
    Table,
    Id,
    ProductId,
    FileName,
    ContentType,
    Bytes,
    StoredName,
    UploadedAt,
}

#[derive(DeriveIden)]
enum ProductPlans {
    Table,
    Id,
    ProductId,
    Code,
    BoughtOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ServiceEvents {
    Table,
    Id,
    ProductId,
    Kind,
    Defect,
    OnDate,
    ReturnedOn,
    PartsWaitDays,
    Outcome,
    OldSerial,
    NewSerial,
    RecordedBy,
    CreatedAt,
}

fn cascade_to_product<T: IntoIden + 'static>(
    table: T,
    col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(RegisteredProducts::Table, RegisteredProducts::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// What coverage is computed from besides the registration: the proof of purchase,
/// extended plans, and the service history (repairs, replacements).
struct M0003Coverage;

impl MigrationName for M0003Coverage {
    fn name(&self) -> &str {
        "m0003_coverage"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0003Coverage {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Proofs::Table)
                .col(id(Proofs::Id))
                .col(owner(Proofs::ProductId).unique_key())
                .col(text(Proofs::FileName))
                .col(text(Proofs::ContentType))
                .col(ColumnDef::new(Proofs::Bytes).big_integer().not_null())
                .col(text(Proofs::StoredName))
                .col(instant(Proofs::UploadedAt))
                .foreign_key(&mut cascade_to_product(Proofs::Table, Proofs::ProductId))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProductPlans::Table)
                .col(id(ProductPlans::Id))
                .col(owner(ProductPlans::ProductId))
                .col(text(ProductPlans::Code))
                .col(ColumnDef::new(ProductPlans::BoughtOn).date().not_null())
                .col(instant(ProductPlans::CreatedAt))
                .foreign_key(&mut cascade_to_product(
                    ProductPlans::Table,
                    ProductPlans::ProductId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_product_plans_product")
                .table(ProductPlans::Table)
                .col(ProductPlans::ProductId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ServiceEvents::Table)
                .col(id(ServiceEvents::Id))
                .col(owner(ServiceEvents::ProductId))
                .col(text(ServiceEvents::Kind))
                .col(ColumnDef::new(ServiceEvents::Defect).string().null())
                .col(ColumnDef::new(ServiceEvents::OnDate).date().not_null())
                .col(ColumnDef::new(ServiceEvents::ReturnedOn).date().null())
                .col(
                    ColumnDef::new(ServiceEvents::PartsWaitDays)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(ColumnDef::new(ServiceEvents::Outcome).string().null())
                .col(ColumnDef::new(ServiceEvents::OldSerial).string().null())
                .col(ColumnDef::new(ServiceEvents::NewSerial).string().null())
                .col(owner(ServiceEvents::RecordedBy))
                .col(instant(ServiceEvents::CreatedAt))
                .foreign_key(&mut cascade_to_product(
                    ServiceEvents::Table,
                    ServiceEvents::ProductId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_service_events_product")
                .table(ServiceEvents::Table)
                .col(ServiceEvents::ProductId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Centres {
    Table,
    Id,
    Name,
    Address,
    City,
    PostalCode,
    Country,
    TimeZone,
    Latitude,
    Longitude,
    RulesJson,
    ServicesJson,
    OnSiteArea,
}

#[derive(DeriveIden)]
enum Appointments {
    Table,
    Id,
    UserId,
    ProductId,
    CentreId,
    Service,
    StartAt,
    EndAt,
    Status,
    Address,
    PostalCode,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SlotClaims {
    Table,
    Id,
    AppointmentId,
    CentreId,
    Service,
    StartAt,
    Unit,
}

#[derive(DeriveIden)]
enum CentreBlocks {
    Table,
    Id,
    CentreId,
    StartAt,
    EndAt,
    Reason,
    CreatedBy,
    CreatedAt,
}

fn to_centre<T: IntoIden + 'static>(table: T, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Centres::Table, Centres::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// Service centres, appointments, and the slot claims whose unique index settles races
/// for the last place.
struct M0004Appointments;

impl MigrationName for M0004Appointments {
    fn name(&self) -> &str {
        "m0004_appointments"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0004Appointments {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let float = |col| ColumnDef::new(col).double().not_null().to_owned();
        m.create_table(
            Table::create()
                .table(Centres::Table)
                .col(id(Centres::Id))
                .col(text(Centres::Name).unique_key())
                .col(text(Centres::Address))
                .col(text(Centres::City))
                .col(text(Centres::PostalCode))
                .col(text(Centres::Country))
                .col(text(Centres::TimeZone))
                .col(float(Centres::Latitude))
                .col(float(Centres::Longitude))
                .col(ColumnDef::new(Centres::RulesJson).text().not_null())
                .col(ColumnDef::new(Centres::ServicesJson).text().not_null())
                .col(text(Centres::OnSiteArea))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Appointments::Table)
                .col(id(Appointments::Id))
                .col(owner(Appointments::UserId))
                .col(owner(Appointments::ProductId))
                .col(owner(Appointments::CentreId))
                .col(text(Appointments::Service))
                .col(instant(Appointments::StartAt))
                .col(instant(Appointments::EndAt))
                .col(text(Appointments::Status))
                .col(ColumnDef::new(Appointments::Address).string().null())
                .col(ColumnDef::new(Appointments::PostalCode).string().null())
                .col(ColumnDef::new(Appointments::Notes).text().null())
                .col(instant(Appointments::CreatedAt))
                .foreign_key(&mut cascade_to_user(
                    Appointments::Table,
                    Appointments::UserId,
                ))
                .foreign_key(&mut cascade_to_product(
                    Appointments::Table,
                    Appointments::ProductId,
                ))
                .foreign_key(&mut to_centre(Appointments::Table, Appointments::CentreId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_appointments_user")
                .table(Appointments::Table)
                .col(Appointments::UserId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_appointments_centre_start")
                .table(Appointments::Table)
                .col(Appointments::CentreId)
                .col(Appointments::StartAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SlotClaims::Table)
                .col(id(SlotClaims::Id))
                .col(owner(SlotClaims::AppointmentId).unique_key())
                .col(owner(SlotClaims::CentreId))
                .col(text(SlotClaims::Service))
                .col(instant(SlotClaims::StartAt))
                .col(ColumnDef::new(SlotClaims::Unit).integer().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(SlotClaims::Table, SlotClaims::AppointmentId)
                        .to(Appointments::Table, Appointments::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One place of one slot is held by at most one appointment: the database, not
        // the code, decides who gets the last place.
        m.create_index(
            Index::create()
                .name("uq_slot_claims_place")
                .table(SlotClaims::Table)
                .col(SlotClaims::CentreId)
                .col(SlotClaims::Service)
                .col(SlotClaims::StartAt)
                .col(SlotClaims::Unit)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CentreBlocks::Table)
                .col(id(CentreBlocks::Id))
                .col(owner(CentreBlocks::CentreId))
                .col(instant(CentreBlocks::StartAt))
                .col(instant(CentreBlocks::EndAt))
                .col(text(CentreBlocks::Reason))
                .col(owner(CentreBlocks::CreatedBy))
                .col(instant(CentreBlocks::CreatedAt))
                .foreign_key(&mut to_centre(CentreBlocks::Table, CentreBlocks::CentreId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_centre_blocks_centre")
                .table(CentreBlocks::Table)
                .col(CentreBlocks::CentreId)
                .col(CentreBlocks::StartAt)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    TitleKey,
    ParamsJson,
    Link,
    DedupeKey,
    CreatedAt,
    ReadAt,
}

/// In-app notifications; a unique dedupe key makes each reminder happen once.
struct M0005Notifications;

impl MigrationName for M0005Notifications {
    fn name(&self) -> &str {
        "m0005_notifications"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0005Notifications {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(id(Notifications::Id))
                .col(owner(Notifications::UserId))
                .col(text(Notifications::Kind))
                .col(text(Notifications::TitleKey))
                .col(ColumnDef::new(Notifications::ParamsJson).text().not_null())
                .col(ColumnDef::new(Notifications::Link).string().null())
                .col(
                    ColumnDef::new(Notifications::DedupeKey)
                        .string()
                        .null()
                        .unique_key(),
                )
                .col(instant(Notifications::CreatedAt))
                .col(
                    ColumnDef::new(Notifications::ReadAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut cascade_to_user(
                    Notifications::Table,
                    Notifications::UserId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_notifications_user")
                .table(Notifications::Table)
                .col(Notifications::UserId)
                .col(Notifications::CreatedAt)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    Attempts,
    ClaimedUntil,
    SentAt,
    LastError,
}

/// The email outbox: rows written beside the change that caused them, sent later.
struct M0008Outbox;

impl MigrationName for M0008Outbox {
    fn name(&self) -> &str {
        "m0008_outbox"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0008Outbox {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let maybe_instant = |col| {
            ColumnDef::new(col)
                .timestamp_with_time_zone()
                .null()
                .to_owned()
        };
        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(id(Outbox::Id))
                .col(text(Outbox::Recipient))
                .col(text(Outbox::Subject))
                .col(ColumnDef::new(Outbox::Body).text().not_null())
                .col(instant(Outbox::CreatedAt))
                .col(
                    ColumnDef::new(Outbox::Attempts)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(maybe_instant(Outbox::ClaimedUntil))
                .col(maybe_instant(Outbox::SentAt))
                .col(ColumnDef::new(Outbox::LastError).text().null())
                .to_owned(),
        )
        .await?;
        // The sender's question, "what is still to go?", reads this index only.
        m.create_index(
            Index::create()
                .name("idx_outbox_pending")
                .table(Outbox::Table)
                .col(Outbox::SentAt)
                .col(Outbox::ClaimedUntil)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
    UserId,
    ProductId,
    CentreId,
    Cause,
    Description,
    StartedOn,
    Remedy,
    Covered,
    Contact,
    Phone,
    Status,
    Resolution,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ClaimEvents {
    Table,
    Id,
    ClaimId,
    At,
    FromStatus,
    ToStatus,
    Actor,
    ActorUserId,
    Note,
    Resolution,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    ActorRole,
    Action,
    Subject,
    DetailsJson,
}

#[derive(DeriveIden)]
enum ClaimMessages {
    Table,
    Id,
    ClaimId,
    At,
    AuthorUserId,
    Author,
    Body,
    RequestForInfo,
}

#[derive(DeriveIden)]
enum ClaimFiles {
    Table,
    Id,
    UserId,
    ClaimId,
    MessageId,
    Kind,
    FileName,
    ContentType,
    Bytes,
    StoredName,
    ThumbName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Quotes {
    Table,
    Id,
    ClaimId,
    LinesJson,
    TaxRateBp,
    Currency,
    Note,
    Status,
    SentAt,
    DecidedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Surveys {
    Table,
    Id,
    ClaimId,
    UserId,
    CentreId,
    Score,
    Comment,
    At,
}

#[derive(DeriveIden)]
enum ServiceEventsForClaims {
    #[sea_orm(iden = "service_events")]
    Table,
    ClaimId,
    PartsJson,
}

fn cascade_to_claim<T: IntoIden + 'static>(
    table: T,
    col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Claims::Table, Claims::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// Claims and everything around them: the timeline, the thread and its files, quotes,
/// surveys, and the audit log of every status change and decision. Service events learn
/// which claim a repair or replacement was for.
struct M0007Claims;

impl MigrationName for M0007Claims {
    fn name(&self) -> &str {
        "m0007_claims"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0007Claims {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        fn maybe<T: IntoIden>(col: T) -> ColumnDef {
            ColumnDef::new(col).big_integer().null().to_owned()
        }
        fn long_text<T: IntoIden>(col: T) -> ColumnDef {
            ColumnDef::new(col).text().not_null().to_owned()
        }
        m.create_table(
            Table::create()
                .table(Claims::Table)
                .col(id(Claims::Id))
                .col(owner(Claims::UserId))
                .col(owner(Claims::ProductId))
                .col(maybe(Claims::CentreId))
                .col(text(Claims::Cause))
                .col(long_text(Claims::Description))
                .col(ColumnDef::new(Claims::StartedOn).date().not_null())
                .col(text(Claims::Remedy))
                .col(ColumnDef::new(Claims::Covered).boolean().not_null())
                .col(text(Claims::Contact))
                .col(text(Claims::Phone))
                .col(text(Claims::Status))
                .col(ColumnDef::new(Claims::Resolution).string().null())
                .col(instant(Claims::CreatedAt))
                .col(instant(Claims::UpdatedAt))
                .foreign_key(&mut cascade_to_user(Claims::Table, Claims::UserId))
                .foreign_key(&mut cascade_to_product(Claims::Table, Claims::ProductId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Claims::Table, Claims::CentreId)
                        .to(Centres::Table, Centres::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        // The agents' queue: open statuses, oldest first.
        m.create_index(
            Index::create()
                .name("idx_claims_status_created")
                .table(Claims::Table)
                .col(Claims::Status)
                .col(Claims::CreatedAt)
                .to_owned(),
        )
        .await?;
        // "My claims".
        m.create_index(
            Index::create()
                .name("idx_claims_user_created")
                .table(Claims::Table)
                .col(Claims::UserId)
                .col(Claims::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_claims_centre")
                .table(Claims::Table)
                .col(Claims::CentreId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ClaimEvents::Table)
                .col(id(ClaimEvents::Id))
                .col(owner(ClaimEvents::ClaimId))
                .col(instant(ClaimEvents::At))
                .col(ColumnDef::new(ClaimEvents::FromStatus).string().null())
                .col(text(ClaimEvents::ToStatus))
                .col(text(ClaimEvents::Actor))
                .col(owner(ClaimEvents::ActorUserId))
                .col(long_text(ClaimEvents::Note))
                .col(ColumnDef::new(ClaimEvents::Resolution).string().null())
                .foreign_key(&mut cascade_to_claim(
                    ClaimEvents::Table,
                    ClaimEvents::ClaimId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_claim_events_claim")
                .table(ClaimEvents::Table)
                .col(ClaimEvents::ClaimId)
                .col(ClaimEvents::At)
                .to_owned(),
        )
        .await?;
        // No foreign keys: the log outlives what it names (a deleted account, a claim).
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(id(AuditLog::Id))
                .col(instant(AuditLog::At))
                .col(maybe(AuditLog::ActorUserId))
                .col(text(AuditLog::ActorRole))
                .col(text(AuditLog::Action))
                .col(text(AuditLog::Subject))
                .col(long_text(AuditLog::DetailsJson))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_log_subject")
                .table(AuditLog::Table)
                .col(AuditLog::Subject)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ClaimMessages::Table)
                .col(id(ClaimMessages::Id))
                .col(owner(ClaimMessages::ClaimId))
                .col(instant(ClaimMessages::At))
                .col(owner(ClaimMessages::AuthorUserId))
                .col(text(ClaimMessages::Author))
                .col(long_text(ClaimMessages::Body))
                .col(
                    ColumnDef::new(ClaimMessages::RequestForInfo)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .foreign_key(&mut cascade_to_claim(
                    ClaimMessages::Table,
                    ClaimMessages::ClaimId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_claim_messages_claim")
                .table(ClaimMessages::Table)
                .col(ClaimMessages::ClaimId)
                .col(ClaimMessages::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ClaimFiles::Table)
                .col(id(ClaimFiles::Id))
                .col(owner(ClaimFiles::UserId))
                .col(maybe(ClaimFiles::ClaimId))
                .col(maybe(ClaimFiles::MessageId))
                .col(text(ClaimFiles::Kind))
                .col(text(ClaimFiles::FileName))
                .col(text(ClaimFiles::ContentType))
                .col(ColumnDef::new(ClaimFiles::Bytes).big_integer().not_null())
                .col(text(ClaimFiles::StoredName))
                .col(ColumnDef::new(ClaimFiles::ThumbName).string().null())
                .col(instant(ClaimFiles::CreatedAt))
                .foreign_key(&mut cascade_to_user(ClaimFiles::Table, ClaimFiles::UserId))
                .foreign_key(&mut cascade_to_claim(
                    ClaimFiles::Table,
                    ClaimFiles::ClaimId,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(ClaimFiles::Table, ClaimFiles::MessageId)
                        .to(ClaimMessages::Table, ClaimMessages::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_claim_files_claim")
                .table(ClaimFiles::Table)
                .col(ClaimFiles::ClaimId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_claim_files_user")
                .table(ClaimFiles::Table)
                .col(ClaimFiles::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Quotes::Table)
                .col(id(Quotes::Id))
                .col(owner(Quotes::ClaimId))
                .col(long_text(Quotes::LinesJson))
                .col(ColumnDef::new(Quotes::TaxRateBp).integer().not_null())
                .col(text(Quotes::Currency))
                .col(long_text(Quotes::Note))
                .col(text(Quotes::Status))
                .col(instant(Quotes::SentAt))
                .col(
                    ColumnDef::new(Quotes::DecidedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(owner(Quotes::CreatedBy))
                .foreign_key(&mut cascade_to_claim(Quotes::Table, Quotes::ClaimId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_quotes_claim")
                .table(Quotes::Table)
                .col(Quotes::ClaimId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Surveys::Table)
                .col(id(Surveys::Id))
                // One answer per claim, however fast the second tap comes.
                .col(owner(Surveys::ClaimId).unique_key())
                .col(owner(Surveys::UserId))
                .col(maybe(Surveys::CentreId))
                .col(ColumnDef::new(Surveys::Score).integer().not_null())
                .col(long_text(Surveys::Comment))
                .col(instant(Surveys::At))
                .foreign_key(&mut cascade_to_claim(Surveys::Table, Surveys::ClaimId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_surveys_centre")
                .table(Surveys::Table)
                .col(Surveys::CentreId)
                .to_owned(),
        )
        .await?;
        // SQLite alters one column per statement.
        m.alter_table(
            Table::alter()
                .table(ServiceEventsForClaims::Table)
                .add_column(maybe(ServiceEventsForClaims::ClaimId))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ServiceEventsForClaims::Table)
                .add_column(
                    ColumnDef::new(ServiceEventsForClaims::PartsJson)
                        .text()
                        .null(),
                )
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ArticleFeedback {
    Table,
    Id,
    ArticleSlug,
    UserId,
    Solved,
    CreatedAt,
    UpdatedAt,
}

/// Answers to "Did this solve your problem?": one per account and article, so a second
/// answer replaces the first instead of counting twice. Articles live in the binary, so
/// the slug is plain text rather than a foreign key.
struct M0006ArticleFeedback;

impl MigrationName for M0006ArticleFeedback {
    fn name(&self) -> &str {
        "m0006_article_feedback"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0006ArticleFeedback {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ArticleFeedback::Table)
                .col(id(ArticleFeedback::Id))
                .col(text(ArticleFeedback::ArticleSlug))
                .col(owner(ArticleFeedback::UserId))
                .col(ColumnDef::new(ArticleFeedback::Solved).boolean().not_null())
                .col(instant(ArticleFeedback::CreatedAt))
                .col(instant(ArticleFeedback::UpdatedAt))
                .foreign_key(&mut cascade_to_user(
                    ArticleFeedback::Table,
                    ArticleFeedback::UserId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_article_feedback_user_article")
                .table(ArticleFeedback::Table)
                .col(ArticleFeedback::UserId)
                .col(ArticleFeedback::ArticleSlug)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_article_feedback_article")
                .table(ArticleFeedback::Table)
                .col(ArticleFeedback::ArticleSlug)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Passkeys {
    Table,
    Id,
    UserId,
    CredentialId,
    UserHandle,
    Name,
    Credential,
    BackupEligible,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum WebauthnCeremonies {
    Table,
    Id,
    Kind,
    UserId,
    State,
    Pending,
    ExpiresAt,
}

/// Passkeys (WebAuthn credentials, one account may have several; the serialised
/// webauthn-rs `Passkey` holds the public key and signature counter) and the state of
/// WebAuthn ceremonies in progress: kept in the database, not in a process's memory, so
/// that a ceremony started on one server process can finish on another. A ceremony row
/// is single-use (deleted by its finish) and short-lived (`expires_at`).
struct M0011Passkeys;

impl MigrationName for M0011Passkeys {
    fn name(&self) -> &str {
        "m0011_passkeys"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0011Passkeys {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Passkeys::Table)
                .col(id(Passkeys::Id))
                .col(owner(Passkeys::UserId))
                .col(text(Passkeys::CredentialId).unique_key())
                .col(text(Passkeys::UserHandle))
                .col(text(Passkeys::Name))
                .col(ColumnDef::new(Passkeys::Credential).text().not_null())
                .col(
                    ColumnDef::new(Passkeys::BackupEligible)
                        .boolean()
                        .not_null(),
                )
                .col(instant(Passkeys::CreatedAt))
                .col(
                    ColumnDef::new(Passkeys::LastUsedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut cascade_to_user(Passkeys::Table, Passkeys::UserId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_passkeys_user")
                .table(Passkeys::Table)
                .col(Passkeys::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebauthnCeremonies::Table)
                .col(
                    ColumnDef::new(WebauthnCeremonies::Id)
                        .string()
                        .not_null()
                        .primary_key(),
                )
                .col(text(WebauthnCeremonies::Kind))
                .col(
                    ColumnDef::new(WebauthnCeremonies::UserId)
                        .big_integer()
                        .null(),
                )
                .col(ColumnDef::new(WebauthnCeremonies::State).text().not_null())
                .col(ColumnDef::new(WebauthnCeremonies::Pending).text().null())
                .col(instant(WebauthnCeremonies::ExpiresAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_webauthn_ceremonies_expiry")
                .table(WebauthnCeremonies::Table)
                .col(WebauthnCeremonies::ExpiresAt)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ClaimTrackLinks {
    Table,
    Id,
    ClaimId,
    TokenHash,
    CreatedAt,
    RevokedAt,
}

/// Links that show one claim's progress without signing in (issue 10): only the
/// sha256 of each token is kept; a revoked link (`revoked_at`) never works again.
struct M0012ClaimTrackLinks;

impl MigrationName for M0012ClaimTrackLinks {
    fn name(&self) -> &str {
        "m0012_claim_track_links"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0012ClaimTrackLinks {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ClaimTrackLinks::Table)
                .col(id(ClaimTrackLinks::Id))
                .col(owner(ClaimTrackLinks::ClaimId))
                .col(text(ClaimTrackLinks::TokenHash).unique_key())
                .col(instant(ClaimTrackLinks::CreatedAt))
                .col(
                    ColumnDef::new(ClaimTrackLinks::RevokedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ClaimTrackLinks::Table, ClaimTrackLinks::ClaimId)
                        .to(Claims::Table, Claims::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_claim_track_links_claim")
                .table(ClaimTrackLinks::Table)
                .col(ClaimTrackLinks::ClaimId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum AccountTokens {
    Table,
    Id,
    Purpose,
    TokenHash,
    UserId,
    Email,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

/// Single-use links for account life (issue 10): `verify_email`, `reset_password` and
/// `change_email`. Only each token's sha256 (hex) is kept; `email` is the address the
/// link verifies (the new one for `change_email`); a used link has `used_at`.
struct M0013AccountTokens;

impl MigrationName for M0013AccountTokens {
    fn name(&self) -> &str {
        "m0013_account_tokens"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0013AccountTokens {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AccountTokens::Table)
                .col(id(AccountTokens::Id))
                .col(text(AccountTokens::Purpose))
                .col(text(AccountTokens::TokenHash).unique_key())
                .col(owner(AccountTokens::UserId))
                .col(ColumnDef::new(AccountTokens::Email).string().null())
                .col(instant(AccountTokens::CreatedAt))
                .col(instant(AccountTokens::ExpiresAt))
                .col(
                    ColumnDef::new(AccountTokens::UsedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut cascade_to_user(
                    AccountTokens::Table,
                    AccountTokens::UserId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_account_tokens_user")
                .table(AccountTokens::Table)
                .col(AccountTokens::UserId)
                .col(AccountTokens::Purpose)
                .to_owned(),
        )
        .await
    }
}

/// The agents' queue reads the oldest open claims first, a page at a time. With only
/// (status, created_at) SQLite sorted every open claim to find the oldest 100 (131 ms at
/// 54,000 open claims in the bench); walking (created_at, id) in order and stopping at
/// the hundredth open one takes 20 ms.
struct M0014QueueOrder;

impl MigrationName for M0014QueueOrder {
    fn name(&self) -> &str {
        "m0014_queue_order"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0014QueueOrder {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_claims_created_id")
                .table(Claims::Table)
                .col(Claims::CreatedAt)
                .col(Claims::Id)
                .to_owned(),
        )
        .await
    }
}

/// The trade item number (GTIN) of each catalogue model, so that a photo of a label's
/// barcode names its model.
struct M0015ModelGtins;

impl MigrationName for M0015ModelGtins {
    fn name(&self) -> &str {
        "m0015_model_gtins"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for M0015ModelGtins {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ProductModels::Table)
                .add_column(ColumnDef::new(ProductModels::Gtin).string().null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_product_models_gtin")
                .table(ProductModels::Table)
                .col(ProductModels::Gtin)
                .to_owned(),
        )
        .await
    }
}
