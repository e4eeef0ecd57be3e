//! What the engine answers: a unit's coverage timeline and the remedies open on a day,
//! each with a translation key and the values its sentence needs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::coverage::{CoverageStatus, CoverageSummary, ENDS_SOON_DAYS};

/// A value to put into a translated sentence, typed so the app can format it for the
/// customer's locale.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamValue {
    /// A calendar day, formatted in the customer's locale.
    Date(NaiveDate),
    /// A count (days, months, repairs).
    Number(i64),
    /// Text shown as is (a plan code, a defect code, a serial number).
    Text(String),
    /// A translation key whose translation goes in (e.g. `cause.accidental_damage`).
    Key(String),
}

/// Named values for a sentence: `{until}` in the text takes `params["until"]`.
pub type Params = BTreeMap<String, ParamValue>;

/// What a stretch of the timeline is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Days after the sale when a faulty unit may be returned.
    ReturnWindow,
    /// Days after the sale when a faulty unit may be exchanged.
    ExchangeWindow,
    /// The legal guarantee the seller owes.
    LegalGuarantee,
    /// The manufacturer's warranty.
    Warranty,
    /// Months added for registering in time.
    RegistrationBonus,
    /// Days added for time spent in repair or waiting for parts.
    RepairExtension,
    /// An extended or accidental-damage plan.
    Plan,
    /// A unit that was replaced; its cover ended on the replacement day.
    ReplacedUnit,
}

/// What a segment pays for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cover {
    /// Replacement parts.
    Parts,
    /// The technician's work.
    Labour,
    /// Repairs after an accident (drops, spills).
    AccidentalDamage,
}

/// One stretch of the coverage timeline. Segments may overlap (a plan runs beside the
/// warranty; parts and labour may end on different days).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageSegment {
    /// What this stretch is.
    pub kind: SegmentKind,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive; never before `start`).
    pub end: NaiveDate,
    /// What it pays for.
    pub covers: Vec<Cover>,
    /// Translation key of the sentence describing it.
    pub rule: String,
    /// Values for that sentence.
    pub params: Params,
}

/// A remedy a customer may ask for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemedyKind {
    /// Money back, the unit returned.
    Refund,
    /// A new unit at the shop, within the sale windows.
    Exchange,
    /// A new unit after repeated failures or under the legal guarantee.
    Replacement,
    /// Part of the price back, keeping the unit.
    PriceReduction,
    /// Repair at no charge.
    FreeRepair,
    /// Repair for a price quoted and accepted before any work starts.
    PaidRepair,
}

impl RemedyKind {
    /// The key fragment used in reason keys and policy files (`free_repair`).
    pub fn key(self) -> &'static str {
        match self {
            RemedyKind::Refund => "refund",
            RemedyKind::Exchange => "exchange",
            RemedyKind::Replacement => "replacement",
            RemedyKind::PriceReduction => "price_reduction",
            RemedyKind::FreeRepair => "free_repair",
            RemedyKind::PaidRepair => "paid_repair",
        }
    }
}

/// A remedy open on the evaluated day, and the rule that grants it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedy {
    /// What the customer may ask for.
    pub kind: RemedyKind,
    /// Translation key of the sentence saying why (`remedy.refund.return_window`).
    pub reason: String,
    /// Values for that sentence.
    pub params: Params,
    /// Last day this remedy is open on these grounds (`None` for paid repair).
    pub until: Option<NaiveDate>,
}

/// Something the customer should know about how the coverage was worked out.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageNote {
    /// Translation key of the sentence.
    pub key: String,
    /// Values for that sentence.
    pub params: Params,
}

/// A unit's coverage as it stands on one day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Code of the policy set applied (`three-guarantees`).
    pub policy: String,
    /// Translation key of the policy set's display name.
    pub policy_name_key: String,
    /// The day this was evaluated for.
    pub on: NaiveDate,
    /// True when no proof of purchase is on file and the start is the policy's fallback.
    pub provisional_start: bool,
    /// First day of cover for this registration (the invoice date, or the fallback).
    pub start: NaiveDate,
    /// First day of the current unit's cover: the latest replacement day, or `start`.
    pub unit_start: NaiveDate,
    /// Last day anything is covered for the current unit.
    pub end: NaiveDate,
    /// Whole days from `on` to `end`; 0 on the last day and after.
    pub days_left: i64,
    /// Months the registration bonus added (0 when none).
    pub bonus_months: u32,
    /// Days the current unit's warranty gained from repairs and waiting for parts.
    pub repair_extension_days: i64,
    /// The timeline, ordered by start day.
    pub segments: Vec<CoverageSegment>,
    /// Remedies open on `on`, most generous first; a paid repair only when nothing free is.
    pub remedies: Vec<Remedy>,
    /// Things to tell the customer about how this was worked out.
    pub notes: Vec<CoverageNote>,
}

impl Coverage {
    /// The summary a product card and the product page show, for every product: the
    /// current unit's start, the last days parts and labour are covered (by the warranty,
    /// its extensions, the legal guarantee or a plan), the last day anything is, days left
    /// and status on [`Coverage::on`]. It has the same meaning as
    /// [`crate::coverage::summarize`]: for a unit with no history and no plans, with proof
    /// of purchase or under a policy that falls back to the declared purchase date, under a
    /// policy whose guarantee and windows are not longer than the model's warranty, both
    /// agree.
    pub fn summary(&self) -> CoverageSummary {
        let last_day_covering = |cover: Cover| {
            self.segments
                .iter()
                .filter(|s| s.kind != SegmentKind::ReplacedUnit && s.covers.contains(&cover))
                .map(|s| s.end)
                .max()
                .unwrap_or_else(|| self.unit_start.pred_opt().unwrap_or(self.unit_start))
        };
        let parts_end = last_day_covering(Cover::Parts);
        let labour_end = last_day_covering(Cover::Labour);
        let status = if self.on > self.end {
            CoverageStatus::Expired
        } else if self.days_left <= ENDS_SOON_DAYS {
            CoverageStatus::EndsSoon
        } else {
            CoverageStatus::Active
        };
        CoverageSummary {
            start: self.unit_start,
            parts_end,
            labour_end,
            end: self.end,
            days_left: self.days_left,
            status,
            bonus_months: self.bonus_months,
        }
    }

    /// Whether a remedy of this kind is open on the evaluated day.
    pub fn offers(&self, kind: RemedyKind) -> bool {
        self.remedies.iter().any(|r| r.kind == kind)
    }
}
