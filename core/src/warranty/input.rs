//! What the engine is told about one registered unit: the model's terms, the dates on its
//! paperwork, the plans bought for it, its service history and the claim being considered.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::coverage::WarrantyTerms;

/// Everything the engine needs to know about one registered unit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageInput {
    /// The model's manufacturer warranty terms.
    pub terms: WarrantyTerms,
    /// Market the unit was bought in, ISO 3166 alpha-2 (for per-country overrides).
    #[serde(default)]
    pub country: String,
    /// The invoice date the customer gave.
    pub purchase_date: NaiveDate,
    /// When the goods reached the customer, if later than the invoice; `None`: that day.
    #[serde(default)]
    pub delivered_on: Option<NaiveDate>,
    /// Whether a proof of purchase (invoice, receipt) is on file.
    #[serde(default)]
    pub proof_of_purchase: bool,
    /// The manufacture date (from the serial or the label), used when proof is missing.
    #[serde(default)]
    pub manufactured_on: Option<NaiveDate>,
    /// The day the unit was registered in the portal.
    pub registered_on: NaiveDate,
    /// Extended plans bought or bundled with the unit.
    #[serde(default)]
    pub plans: Vec<ExtendedPlan>,
    /// Every repair recorded for this registration, old units' included.
    #[serde(default)]
    pub repairs: Vec<RepairRecord>,
    /// Every replacement of the unit, in any order.
    #[serde(default)]
    pub replacements: Vec<Replacement>,
    /// The claim being considered; by default a performance defect with no code yet.
    #[serde(default)]
    pub claim: ClaimContext,
}

impl CoverageInput {
    /// A unit with proof of purchase and no plans, history or claim details: the plain
    /// input [`crate::coverage::summarize`] also understands.
    pub fn new(terms: WarrantyTerms, purchase_date: NaiveDate, registered_on: NaiveDate) -> Self {
        CoverageInput {
            terms,
            country: String::new(),
            purchase_date,
            delivered_on: None,
            proof_of_purchase: true,
            manufactured_on: None,
            registered_on,
            plans: Vec::new(),
            repairs: Vec::new(),
            replacements: Vec::new(),
            claim: ClaimContext::default(),
        }
    }
}

/// What made the unit fail, as the customer or the agent describes it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimCause {
    /// It stopped working or misbehaves in normal use.
    PerformanceDefect,
    /// Dropped, knocked, cracked.
    AccidentalDamage,
    /// Spills, water, other liquids.
    LiquidDamage,
    /// Opened or repaired by someone not authorised by the brand.
    UnauthorisedRepair,
    /// Parts that wear out by design: batteries, filters, bulbs, brushes.
    Consumable,
    /// Scratches, fading and other wear that does not stop it working.
    CosmeticWear,
}

impl ClaimCause {
    /// Every cause, in the order a claim form lists them.
    pub const ALL: [ClaimCause; 6] = [
        ClaimCause::PerformanceDefect,
        ClaimCause::AccidentalDamage,
        ClaimCause::LiquidDamage,
        ClaimCause::UnauthorisedRepair,
        ClaimCause::Consumable,
        ClaimCause::CosmeticWear,
    ];

    /// The translation key naming the cause (`cause.accidental_damage`).
    pub fn key(self) -> &'static str {
        match self {
            ClaimCause::PerformanceDefect => "cause.performance_defect",
            ClaimCause::AccidentalDamage => "cause.accidental_damage",
            ClaimCause::LiquidDamage => "cause.liquid_damage",
            ClaimCause::UnauthorisedRepair => "cause.unauthorised_repair",
            ClaimCause::Consumable => "cause.consumable",
            ClaimCause::CosmeticWear => "cause.cosmetic_wear",
        }
    }

    /// Whether an accidental-damage plan is about this cause.
    pub fn is_accidental(self) -> bool {
        matches!(
            self,
            ClaimCause::AccidentalDamage | ClaimCause::LiquidDamage
        )
    }
}

/// The claim the remedies are computed for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimContext {
    /// What made it fail.
    pub cause: ClaimCause,
    /// The defect code, when known; the same code again after repairs opens the
    /// repeat-failure remedies.
    #[serde(default)]
    pub defect: Option<String>,
}

impl Default for ClaimContext {
    fn default() -> Self {
        ClaimContext {
            cause: ClaimCause::PerformanceDefect,
            defect: None,
        }
    }
}

/// What kind of cover a plan adds.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// More months of parts-and-labour cover, by default right after the warranty.
    ExtensionMonths,
    /// Cover for accidents (drops, spills), by default from the start of cover.
    AccidentalDamage,
}

/// A purchasable or bundled plan.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtendedPlan {
    /// The plan's code, shown as is (`CARE-3Y`).
    pub code: String,
    /// What it adds.
    pub kind: PlanKind,
    /// First covered day; `None`: the day after the warranty (extension) or the start of
    /// cover (accidental damage).
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// Last covered day; `None`: `months` after the start.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Length when no end is given.
    #[serde(default)]
    pub months: u32,
    /// Causes this plan does not cover.
    #[serde(default)]
    pub exclusions: Vec<ClaimCause>,
}

/// How a repair ended.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairOutcome {
    /// The defect is gone.
    Fixed,
    /// The unit came back still failing.
    NotFixed,
}

/// One visit to the service centre.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRecord {
    /// The defect repaired (the brand's code, compared ignoring case and spaces around).
    pub defect: String,
    /// The day the customer handed the unit over.
    pub handed_over: NaiveDate,
    /// The day it came back; `None` while it is still at the centre.
    #[serde(default)]
    pub returned_on: Option<NaiveDate>,
    /// Days waiting for parts outside the stay (e.g. sent home while a part is ordered);
    /// days waiting at the centre are already in the stay.
    #[serde(default)]
    pub parts_wait_days: u32,
    /// How it ended (ignored while the unit is still at the centre).
    pub outcome: RepairOutcome,
}

/// A unit swapped for a new one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// The day the new unit was handed over.
    pub date: NaiveDate,
    /// The new unit's serial number.
    pub new_serial: String,
}
