//! The plans a customer may add to a product (rule 9), per category, kept as data in
//! `core/policies/plans.json`, and the [`ExtendedPlan`] a bought offer becomes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::input::{ClaimCause, ExtendedPlan, PlanKind};

/// The shipped offers, by category slug.
const PLANS: &str = include_str!("../../policies/plans.json");

/// A plan the customer may buy for a product of some category.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOffer {
    /// The plan's code, unique within a category (`EXT-12`); stored on the bought plan.
    pub code: String,
    /// What it adds.
    pub kind: PlanKind,
    /// Its length in months.
    pub months: u32,
    /// Translation key of its display name (`plan.ext_12`), one of the `REASON_KEYS`.
    pub name_key: String,
}

/// Causes an accidental-damage plan does not cover.
const ACCIDENTAL_DAMAGE_EXCLUSIONS: [ClaimCause; 3] = [
    ClaimCause::UnauthorisedRepair,
    ClaimCause::Consumable,
    ClaimCause::CosmeticWear,
];

fn offers_by_category() -> &'static BTreeMap<String, Vec<PlanOffer>> {
    static PARSED: OnceLock<BTreeMap<String, Vec<PlanOffer>>> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(PLANS).unwrap_or_default())
}

/// The plans offered for products of a category (its slug, e.g. `washing-machine`, in
/// any case); none for a category without offers.
pub fn plan_offers(category: &str) -> Vec<PlanOffer> {
    let wanted = category.trim().to_ascii_lowercase();
    offers_by_category()
        .get(&wanted)
        .cloned()
        .unwrap_or_default()
}

/// The plan an offer becomes when bought on `bought_on`. An extension has no start of its
/// own, so it follows the warranty (and the repair days added to it); the policy's
/// exclusions already apply to it. Accidental-damage cover runs `months` from the day it
/// was bought and excludes unauthorised repairs, consumables and cosmetic wear.
pub fn plan_from_offer(offer: &PlanOffer, bought_on: NaiveDate) -> ExtendedPlan {
    let (start, exclusions) = match offer.kind {
        PlanKind::ExtensionMonths => (None, Vec::new()),
        PlanKind::AccidentalDamage => (Some(bought_on), ACCIDENTAL_DAMAGE_EXCLUSIONS.to_vec()),
    };
    ExtendedPlan {
        code: offer.code.clone(),
        kind: offer.kind,
        start,
        end: None,
        months: offer.months,
        exclusions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::WarrantyTerms;
    use crate::warranty::{evaluate, policy_for_country, ClaimContext, CoverageInput, REASON_KEYS};
    use std::collections::BTreeSet;

    const CATEGORIES: [&str; 10] = [
        "washing-machine",
        "refrigerator",
        "dishwasher",
        "phone",
        "laptop",
        "television",
        "e-bike",
        "coffee-machine",
        "vacuum-cleaner",
        "headphones",
    ];

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn offer(category: &str, code: &str) -> PlanOffer {
        plan_offers(category)
            .into_iter()
            .find(|o| o.code == code)
            .unwrap_or_else(|| panic!("{category} has no {code}"))
    }

    #[test]
    fn plans_json_parses_and_every_category_has_a_sound_offer() {
        let parsed: BTreeMap<String, Vec<PlanOffer>> =
            serde_json::from_str(PLANS).expect("plans.json parses");
        let listed: BTreeSet<&str> = parsed.keys().map(String::as_str).collect();
        assert_eq!(listed, CATEGORIES.into_iter().collect::<BTreeSet<_>>());
        for category in CATEGORIES {
            let offers = plan_offers(category);
            assert!(!offers.is_empty(), "{category} has no offer");
            let codes: BTreeSet<_> = offers.iter().map(|o| &o.code).collect();
            assert_eq!(codes.len(), offers.len(), "{category} repeats a code");
            for o in &offers {
                assert!(o.months > 0, "{category} {}", o.code);
                assert!(
                    REASON_KEYS.contains(&o.name_key.as_str()),
                    "{category} {}: {} is not in REASON_KEYS",
                    o.code,
                    o.name_key
                );
            }
        }
        assert_eq!(plan_offers(" Phone "), plan_offers("phone"));
        assert!(plan_offers("spaceship").is_empty());
    }

    #[test]
    fn an_ext_12_plan_moves_the_end_by_twelve_months() {
        let terms = WarrantyTerms {
            parts_months: 12,
            labour_months: 12,
            registration_bonus_months: 0,
            registration_window_days: 0,
        };
        let input = CoverageInput::new(terms, d(2024, 3, 10), d(2024, 3, 10));
        let policy = policy_for_country("VN");
        let before = evaluate(&input, policy, d(2024, 6, 1));
        assert_eq!(before.end, d(2025, 3, 9));
        let plan = plan_from_offer(&offer("washing-machine", "EXT-12"), d(2024, 4, 1));
        assert_eq!((plan.start, plan.end, plan.months), (None, None, 12));
        let with_plan = CoverageInput {
            plans: vec![plan],
            ..input
        };
        let after = evaluate(&with_plan, policy, d(2024, 6, 1));
        assert_eq!(after.end, d(2026, 3, 9));
        assert_eq!(after.summary().end, d(2026, 3, 9));
    }

    #[test]
    fn an_adp_24_plan_covers_accidents_for_24_months_from_the_day_it_was_bought() {
        let plan = plan_from_offer(&offer("phone", "ADP-24"), d(2024, 4, 1));
        assert_eq!(plan.kind, PlanKind::AccidentalDamage);
        assert_eq!((plan.start, plan.months), (Some(d(2024, 4, 1)), 24));
        assert_eq!(plan.exclusions, ACCIDENTAL_DAMAGE_EXCLUSIONS);
        let terms = WarrantyTerms {
            parts_months: 12,
            labour_months: 12,
            registration_bonus_months: 0,
            registration_window_days: 0,
        };
        let dropped = CoverageInput {
            plans: vec![plan],
            claim: ClaimContext {
                cause: ClaimCause::AccidentalDamage,
                defect: None,
            },
            ..CoverageInput::new(terms, d(2024, 3, 10), d(2024, 3, 10))
        };
        let c = evaluate(&dropped, policy_for_country("VN"), d(2026, 3, 31));
        assert_eq!(
            c.remedies[0].reason,
            "remedy.free_repair.accidental_damage_plan"
        );
        assert_eq!(c.end, d(2026, 3, 31));
    }
}
