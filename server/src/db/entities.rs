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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
