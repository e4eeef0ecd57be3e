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
