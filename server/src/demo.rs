//! Demo data: the catalogue (44+ models in 10 categories) and demo accounts with products,
//! embedded in the binary so `--demo` works wherever the server runs. Loading is
//! idempotent: what exists already is left alone.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use crate::auth::hash_password;
use crate::db::entities::{centre, product_model, registered_product, service_event, user};
use crate::error::{ApiError, ApiResult};

const CATALOG: &str = include_str!("../demo/catalog.json");
const ACCOUNTS: &str = include_str!("../demo/demo.json");
const CENTRES: &str = include_str!("../demo/centres.json");

#[derive(Debug, Deserialize)]
struct DemoCentre {
    name: String,
    address: String,
    city: String,
    postal_code: String,
    country: String,
    time_zone: String,
    latitude: f64,
    longitude: f64,
    hours: Vec<aftercare_core::slots::OpeningHours>,
    closures: Vec<NaiveDate>,
    min_notice_hours: u32,
    change_notice_hours: u32,
    services: Vec<aftercare_core::slots::ServiceOffer>,
    on_site_area: Vec<String>,
}

fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(format!("demo centres: {e}")))
}

/// Inserts the demo service centres that are not there yet.
pub async fn load_centres(db: &DatabaseConnection) -> ApiResult<()> {
    let centres: Vec<DemoCentre> = serde_json::from_str(CENTRES)
        .map_err(|e| ApiError::Internal(format!("demo centres: {e}")))?;
    for c in centres {
        let exists = centre::Entity::find()
            .filter(centre::Column::Name.eq(&c.name))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let rules = aftercare_core::slots::CentreRules {
            hours: c.hours,
            closures: c.closures,
            min_notice_hours: c.min_notice_hours,
            change_notice_hours: c.change_notice_hours,
        };
        centre::ActiveModel {
            name: Set(c.name),
            address: Set(c.address),
            city: Set(c.city),
            postal_code: Set(c.postal_code),
            country: Set(c.country),
            time_zone: Set(c.time_zone),
            latitude: Set(c.latitude),
            longitude: Set(c.longitude),
            rules_json: Set(to_json(&rules)?),
            services_json: Set(to_json(&c.services)?),
            on_site_area: Set(c.on_site_area.join(",")),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// One catalogue entry as the demo file has it.
#[derive(Debug, Deserialize)]
pub struct CatalogEntry {
    /// Unique SKU.
    pub sku: String,
    /// Brand.
    pub brand: String,
    /// Model name.
    pub name: String,
    /// Category slug.
    pub category: String,
    /// Serial-number pattern.
    pub serial_pattern: String,
    /// First day on sale.
    pub release_date: NaiveDate,
    /// Months of parts cover.
    pub parts_months: i32,
    /// Months of labour cover.
    pub labour_months: i32,
    /// Bonus months for registering in time.
    #[serde(default)]
    pub registration_bonus_months: i32,
    /// Days within which registering earns the bonus.
    #[serde(default)]
    pub registration_window_days: i32,
    /// Orders an empty search.
    #[serde(default)]
    pub popularity: i32,
}

#[derive(Debug, Deserialize)]
struct Accounts {
    customers: Vec<DemoCustomer>,
    agents: Vec<DemoAgent>,
}

#[derive(Debug, Deserialize)]
struct DemoCustomer {
    name: String,
    email: String,
    password: String,
    language: String,
    products: Vec<DemoProduct>,
}

#[derive(Debug, Deserialize)]
struct DemoAgent {
    name: String,
    email: String,
    password: String,
}

#[derive(Debug, Deserialize)]
struct DemoProduct {
    sku: String,
    serial: String,
    purchase_days_ago: i64,
    retailer: String,
    country: String,
    nickname: Option<String>,
    #[serde(default)]
    repairs: Vec<DemoRepair>,
}

#[derive(Debug, Deserialize)]
struct DemoRepair {
    defect: String,
    handed_over_days_ago: i64,
    returned_days_ago: Option<i64>,
    outcome: String,
}

/// The demo catalogue, parsed.
pub fn catalog() -> ApiResult<Vec<CatalogEntry>> {
    serde_json::from_str(CATALOG).map_err(|e| ApiError::Internal(format!("demo catalogue: {e}")))
}

/// Inserts the catalogue models that are not there yet; returns how many were added.
pub async fn load_catalog(db: &DatabaseConnection) -> ApiResult<usize> {
    let mut added = 0;
    for entry in catalog()? {
        let exists = product_model::Entity::find()
            .filter(product_model::Column::Sku.eq(&entry.sku))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let search_text = format!("{} {} {}", entry.brand, entry.name, entry.sku).to_lowercase();
        product_model::ActiveModel {
            sku: Set(entry.sku),
            brand: Set(entry.brand),
            name: Set(entry.name),
            category: Set(entry.category),
            serial_pattern: Set(entry.serial_pattern),
            release_date: Set(entry.release_date),
            parts_months: Set(entry.parts_months),
            labour_months: Set(entry.labour_months),
            registration_bonus_months: Set(entry.registration_bonus_months),
            registration_window_days: Set(entry.registration_window_days),
            popularity: Set(entry.popularity),
            search_text: Set(search_text),
            ..Default::default()
        }
        .insert(db)
        .await?;
        added += 1;
    }
    Ok(added)
}

/// The demo sign-ins, to print at start-up: (role, email, password).
pub fn sign_ins() -> ApiResult<Vec<(&'static str, String, String)>> {
    let accounts: Accounts = serde_json::from_str(ACCOUNTS)
        .map_err(|e| ApiError::Internal(format!("demo accounts: {e}")))?;
    let customers = accounts
        .customers
        .into_iter()
        .map(|c| ("customer", c.email, c.password));
    let agents = accounts
        .agents
        .into_iter()
        .map(|a| ("agent", a.email, a.password));
    Ok(customers.chain(agents).collect())
}

/// Creates the demo accounts that do not exist yet, with their products.
pub async fn load_accounts(db: &DatabaseConnection) -> ApiResult<()> {
    let accounts: Accounts = serde_json::from_str(ACCOUNTS)
        .map_err(|e| ApiError::Internal(format!("demo accounts: {e}")))?;
    let today = Utc::now().date_naive();
    let mut agent_id = 0;
    for agent in accounts.agents {
        let (account, _) = ensure_user(
            db,
            &agent.name,
            &agent.email,
            &agent.password,
            "en",
            "agent",
        )
        .await?;
        agent_id = account.id;
    }
    for customer in accounts.customers {
        let (account, created) = ensure_user(
            db,
            &customer.name,
            &customer.email,
            &customer.password,
            &customer.language,
            "customer",
        )
        .await?;
        if !created {
            continue;
        }
        for p in customer.products {
            let Some(model) = product_model::Entity::find()
                .filter(product_model::Column::Sku.eq(&p.sku))
                .one(db)
                .await?
            else {
                tracing::warn!(sku = %p.sku, "demo product's model is not in the catalogue");
                continue;
            };
            let purchase = today - Duration::days(p.purchase_days_ago);
            let unit = registered_product::ActiveModel {
                user_id: Set(account.id),
                model_id: Set(model.id),
                serial: Set(p.serial),
                purchase_date: Set(purchase),
                registered_on: Set(purchase + Duration::days(p.purchase_days_ago.min(14))),
                retailer: Set(p.retailer),
                country: Set(p.country),
                nickname: Set(p.nickname),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            for r in p.repairs {
                service_event::ActiveModel {
                    product_id: Set(unit.id),
                    kind: Set("repair".into()),
                    defect: Set(Some(r.defect)),
                    on_date: Set(today - Duration::days(r.handed_over_days_ago)),
                    returned_on: Set(r.returned_days_ago.map(|d| today - Duration::days(d))),
                    parts_wait_days: Set(0),
                    outcome: Set(Some(r.outcome)),
                    recorded_by: Set(agent_id),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

async fn ensure_user(
    db: &DatabaseConnection,
    name: &str,
    email: &str,
    password: &str,
    language: &str,
    role: &str,
) -> ApiResult<(user::Model, bool)> {
    if let Some(existing) = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
    {
        return Ok((existing, false));
    }
    let created = user::ActiveModel {
        email: Set(email.to_owned()),
        name: Set(name.to_owned()),
        password_hash: Set(hash_password(password)?),
        language: Set(language.to_owned()),
        role: Set(role.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((created, true))
}
