//! Demo data: the catalogue (44+ models in 10 categories) and demo accounts with products,
//! embedded in the binary so `--demo` works wherever the server runs. Loading is
//! idempotent: what exists already is left alone.

use aftercare_core::claims::{
    Actor, ClaimStatus, ContactPreference, NewQuoteRequest, Resolution, SurveyRequest,
};
use aftercare_core::warranty::{ClaimCause, RemedyKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use crate::auth::hash_password;
use crate::claims;
use crate::db::entities::{
    account_token, centre, claim, claim_event, claim_message, product_model, quote,
    registered_product, service_event, survey, user,
};
use crate::error::{ApiError, ApiResult};
use crate::routes::account::VERIFY_EMAIL;

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
    /// The trade item number printed on its label (EAN-13), if the catalogue knows it.
    #[serde(default)]
    pub gtin: Option<String>,
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
    #[serde(default)]
    claims: Vec<DemoClaim>,
}

/// A claim on a demo product, filed some days ago and moved along `path`.
#[derive(Debug, Deserialize)]
struct DemoClaim {
    cause: ClaimCause,
    remedy: RemedyKind,
    description: String,
    started_days_ago: i64,
    filed_days_ago: i64,
    #[serde(default)]
    contact: ContactPreference,
    #[serde(default)]
    phone: String,
    /// A message from the customer, soon after filing.
    #[serde(default)]
    customer_message: Option<String>,
    /// The agents' steps after filing, spread evenly until now.
    #[serde(default)]
    path: Vec<DemoStep>,
    /// Sent at the quote-sent step.
    #[serde(default)]
    quote: Option<NewQuoteRequest>,
    /// The customer's answer, once resolved.
    #[serde(default)]
    survey: Option<SurveyRequest>,
}

#[derive(Debug, Deserialize)]
struct DemoStep {
    to: ClaimStatus,
    #[serde(default)]
    note: String,
    #[serde(default)]
    resolution: Option<Resolution>,
    /// The agent's message at this step (a request for information when awaiting the
    /// customer).
    #[serde(default)]
    message: Option<String>,
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

/// Inserts the catalogue models that are not there yet, and fills in the GTIN of those
/// stored before the catalogue had one; returns how many were added.
pub async fn load_catalog(db: &DatabaseConnection) -> ApiResult<usize> {
    let mut added = 0;
    for entry in catalog()? {
        let gtin = entry
            .gtin
            .as_deref()
            .and_then(aftercare_core::labels::normalize_gtin);
        let existing = product_model::Entity::find()
            .filter(product_model::Column::Sku.eq(&entry.sku))
            .one(db)
            .await?;
        if let Some(model) = existing {
            if model.gtin.is_none() && gtin.is_some() {
                let mut active: product_model::ActiveModel = model.into();
                active.gtin = Set(gtin);
                active.update(db).await?;
            }
            continue;
        }
        let search_text = format!("{} {} {}", entry.brand, entry.name, entry.sku).to_lowercase();
        product_model::ActiveModel {
            sku: Set(entry.sku),
            gtin: Set(gtin),
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
            for c in &p.claims {
                load_claim(db, &account, agent_id, &unit, c).await?;
            }
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

/// Writes a demo claim as if it had been filed and moved through the app: its rows,
/// timeline, thread, quote and survey (without notifications or emails).
async fn load_claim(
    db: &DatabaseConnection,
    customer: &user::Model,
    agent_id: i64,
    unit: &registered_product::Model,
    c: &DemoClaim,
) -> ApiResult<()> {
    let now = claims::now();
    let filed = now - Duration::days(c.filed_days_ago) - Duration::hours(2);
    // The steps are spread evenly between filing and an hour ago.
    let gap = (now - Duration::hours(1) - filed) / i32::try_from(c.path.len() + 1).unwrap_or(1);
    let at = |step: usize| filed + gap * i32::try_from(step).unwrap_or(0);
    let status = c.path.last().map_or(ClaimStatus::Submitted, |s| s.to);
    let resolution = c.path.iter().rev().find_map(|s| s.resolution);
    let row = claim::ActiveModel {
        user_id: Set(customer.id),
        product_id: Set(unit.id),
        centre_id: Set(claims::centre_for(db, &unit.country).await?),
        cause: Set(claims::wire(&c.cause)),
        description: Set(c.description.clone()),
        started_on: Set(Utc::now().date_naive() - Duration::days(c.started_days_ago)),
        remedy: Set(claims::wire(&c.remedy)),
        covered: Set(c.remedy != RemedyKind::PaidRepair),
        contact: Set(c.contact.as_str().to_owned()),
        phone: Set(c.phone.clone()),
        status: Set(status.as_str().to_owned()),
        resolution: Set(resolution.map(|r| r.as_str().to_owned())),
        created_at: Set(filed),
        updated_at: Set(at(c.path.len()).max(filed)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let event = |from: Option<ClaimStatus>, to: ClaimStatus, by: (Actor, i64), when, note: &str| {
        claim_event::ActiveModel {
            claim_id: Set(row.id),
            at: Set(when),
            from_status: Set(from.map(|s| s.as_str().to_owned())),
            to_status: Set(to.as_str().to_owned()),
            actor: Set(by.0.as_str().to_owned()),
            actor_user_id: Set(by.1),
            note: Set(note.to_owned()),
            resolution: Set(None),
            ..Default::default()
        }
    };
    let message = |by: (Actor, i64), when: DateTime<Utc>, body: &str, request_for_info| {
        claim_message::ActiveModel {
            claim_id: Set(row.id),
            at: Set(when),
            author_user_id: Set(by.1),
            author: Set(by.0.as_str().to_owned()),
            body: Set(body.to_owned()),
            request_for_info: Set(request_for_info),
            ..Default::default()
        }
    };
    let customer_side = (Actor::Customer, customer.id);
    let agent_side = (Actor::Agent, agent_id);
    event(None, ClaimStatus::Submitted, customer_side, filed, "")
        .insert(db)
        .await?;
    if let Some(body) = &c.customer_message {
        message(customer_side, filed + Duration::minutes(20), body, false)
            .insert(db)
            .await?;
    }
    let mut from = ClaimStatus::Submitted;
    for (i, step) in c.path.iter().enumerate() {
        let when = at(i + 1);
        let mut moved = event(Some(from), step.to, agent_side, when, &step.note);
        moved.resolution = Set(step.resolution.map(|r| r.as_str().to_owned()));
        moved.insert(db).await?;
        if let Some(body) = &step.message {
            let asks = step.to == ClaimStatus::AwaitingCustomer;
            message(agent_side, when, body, asks).insert(db).await?;
        }
        if step.to == ClaimStatus::QuoteSent {
            if let Some(q) = &c.quote {
                let decided = c.path.iter().find_map(|s| match s.to {
                    ClaimStatus::QuoteAccepted => Some("accepted"),
                    ClaimStatus::QuoteDeclined => Some("declined"),
                    _ => None,
                });
                quote::ActiveModel {
                    claim_id: Set(row.id),
                    lines_json: Set(serde_json::to_string(&q.lines)
                        .map_err(|e| ApiError::Internal(format!("demo quote: {e}")))?),
                    tax_rate_bp: Set(i32::try_from(q.tax_rate_bp).unwrap_or(0)),
                    currency: Set(q.currency.clone()),
                    note: Set(q.note.clone()),
                    status: Set(decided.unwrap_or("pending").to_owned()),
                    sent_at: Set(when),
                    decided_at: Set(decided.map(|_| when + gap)),
                    created_by: Set(agent_id),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
        from = step.to;
    }
    if let Some(answer) = &c.survey {
        survey::ActiveModel {
            claim_id: Set(row.id),
            user_id: Set(customer.id),
            centre_id: Set(row.centre_id),
            score: Set(i32::from(answer.score)),
            comment: Set(answer.comment.clone()),
            at: Set(now - Duration::minutes(30)),
            ..Default::default()
        }
        .insert(db)
        .await?;
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
    // Demo addresses count as confirmed (a used verification link on file, whose hash
    // no real token has), so the demo shows no "confirm your address" reminder.
    account_token::ActiveModel {
        purpose: Set(VERIFY_EMAIL.to_owned()),
        token_hash: Set(format!("demo-confirmed-{}", created.id)),
        user_id: Set(created.id),
        email: Set(Some(created.email.clone())),
        created_at: Set(created.created_at),
        expires_at: Set(created.created_at),
        used_at: Set(Some(created.created_at)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((created, true))
}
