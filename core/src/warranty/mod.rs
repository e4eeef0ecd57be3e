//! The warranty engine: a unit's coverage timeline and the remedies open on a day,
//! computed by pure functions from the per-market policy sets in `core/policies/`.
//!
//! ```
//! use aftercare_core::coverage::WarrantyTerms;
//! use aftercare_core::warranty::{evaluate, policy_for_country, CoverageInput, RemedyKind};
//! use aftercare_core::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
//! let terms = WarrantyTerms {
//!     parts_months: 12,
//!     labour_months: 12,
//!     registration_bonus_months: 0,
//!     registration_window_days: 0,
//! };
//! let input = CoverageInput::new(terms, day(2025, 3, 1), day(2025, 3, 1));
//! let coverage = evaluate(&input, policy_for_country("VN"), day(2025, 3, 5));
//! assert!(coverage.offers(RemedyKind::Refund));
//! assert_eq!(coverage.end, day(2026, 2, 28));
//! ```

mod engine;
mod input;
mod outcome;
mod plans;
mod policy;
mod reasons;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod rule_tests;

pub use engine::evaluate;
pub use input::{
    ClaimCause, ClaimContext, CoverageInput, ExtendedPlan, PlanKind, RepairOutcome, RepairRecord,
    Replacement,
};
pub use outcome::{
    Cover, Coverage, CoverageNote, CoverageSegment, ParamValue, Params, Remedy, RemedyKind,
    SegmentKind,
};
pub use plans::{plan_from_offer, plan_offers, PlanOffer};
pub use policy::{
    market_policies, parse_policy_set, policy_by_code, policy_for_country, shipped_policies,
    CountryOverride, FallbackDate, GuaranteeAnchor, LegalGuarantee, NoProofFallback, PolicySet,
    RepeatFailure, SaleWindow,
};
pub use reasons::{english_reason, placeholders, remedy_reason, REASON_KEYS};
