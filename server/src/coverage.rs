//! Coverage as the server decides it: the facts stored about a unit (proof of purchase,
//! plans, repairs, replacements) turned into the engine's input, evaluated with the
//! policy of the unit's market. The browser runs the same engine on the same input.

use std::collections::HashMap;

use aftercare_core::api::{market_zone, ProductModel, ProofOfPurchase};
use aftercare_core::warranty::{
    self, Coverage, CoverageInput, ExtendedPlan, RepairOutcome, RepairRecord, Replacement,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{product_plan, proof, registered_product, service_event};
use crate::error::ApiResult;

/// Today on the calendar of the market `country` (see [`market_zone`]): the day the
/// browser counts from too, wherever the customer's device is.
pub fn today_in(country: &str) -> NaiveDate {
    let zone = market_zone(country).parse().unwrap_or(chrono_tz::UTC);
    Utc::now().with_timezone(&zone).date_naive()
}

/// What is on file about one registration besides the registration itself.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The proof of purchase, if uploaded.
    pub proof: Option<proof::Model>,
    /// Plans recorded, oldest first.
    pub plans: Vec<product_plan::Model>,
    /// Repairs and replacements, oldest first.
    pub events: Vec<service_event::Model>,
}

/// Loads the facts of several registrations in three queries (not three per unit).
pub async fn load_facts(
    db: &DatabaseConnection,
    product_ids: &[i64],
) -> ApiResult<HashMap<i64, Facts>> {
    let mut facts: HashMap<i64, Facts> = product_ids
        .iter()
        .map(|id| (*id, Facts::default()))
        .collect();
    if product_ids.is_empty() {
        return Ok(facts);
    }
    let ids = product_ids.to_vec();
    for p in proof::Entity::find()
        .filter(proof::Column::ProductId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        if let Some(f) = facts.get_mut(&p.product_id) {
            f.proof = Some(p);
        }
    }
    for p in product_plan::Entity::find()
        .filter(product_plan::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(product_plan::Column::Id)
        .all(db)
        .await?
    {
        if let Some(f) = facts.get_mut(&p.product_id) {
            f.plans.push(p);
        }
    }
    for e in service_event::Entity::find()
        .filter(service_event::Column::ProductId.is_in(ids))
        .order_by_asc(service_event::Column::Id)
        .all(db)
        .await?
    {
        if let Some(f) = facts.get_mut(&e.product_id) {
            f.events.push(e);
        }
    }
    Ok(facts)
}

/// The plans on file as the engine understands them (unknown codes are skipped: a plan
/// withdrawn from the offer list keeps no cover we cannot describe).
pub fn plans(model: &ProductModel, facts: &Facts) -> Vec<ExtendedPlan> {
    let offers = warranty::plan_offers(&model.category);
    facts
        .plans
        .iter()
        .filter_map(|p| {
            offers
                .iter()
                .find(|o| o.code == p.code)
                .map(|o| warranty::plan_from_offer(o, p.bought_on))
        })
        .collect()
}

/// The engine's input for a registration.
pub fn input(
    unit: &registered_product::Model,
    model: &ProductModel,
    facts: &Facts,
) -> CoverageInput {
    let mut input = CoverageInput::new(model.warranty, unit.purchase_date, unit.registered_on);
    input.country = unit.country.clone();
    input.proof_of_purchase = facts.proof.is_some();
    input.plans = plans(model, facts);
    for e in &facts.events {
        match e.kind.as_str() {
            "repair" => input.repairs.push(RepairRecord {
                defect: e.defect.clone().unwrap_or_default(),
                handed_over: e.on_date,
                returned_on: e.returned_on,
                parts_wait_days: u32::try_from(e.parts_wait_days).unwrap_or(0),
                outcome: if e.outcome.as_deref() == Some("not_fixed") {
                    RepairOutcome::NotFixed
                } else {
                    RepairOutcome::Fixed
                },
            }),
            "replacement" => input.replacements.push(Replacement {
                date: e.on_date,
                new_serial: e.new_serial.clone().unwrap_or_default(),
            }),
            _ => {}
        }
    }
    input
}

/// Evaluates an input with its market's policy, on its market's today.
pub fn evaluate(input: &CoverageInput) -> Coverage {
    warranty::evaluate(
        input,
        warranty::policy_for_country(&input.country),
        today_in(&input.country),
    )
}

/// The proof as the API shows it.
pub fn proof_view(p: &proof::Model) -> ProofOfPurchase {
    ProofOfPurchase {
        file_name: p.file_name.clone(),
        content_type: p.content_type.clone(),
        bytes: u64::try_from(p.bytes).unwrap_or(0),
        uploaded_on: p.uploaded_at.date_naive(),
    }
}
