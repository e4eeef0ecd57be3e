//! Policy sets: the per-market rules the engine applies, kept as JSON in `core/policies/`
//! and compiled into the binary, so the browser previews with exactly the server's rules.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::input::ClaimCause;
use super::outcome::RemedyKind;
use super::reasons::{remedy_reason, REASON_KEYS};

/// The shipped policy files, in the order they are listed.
const SHIPPED: [&str; 2] = [
    include_str!("../../policies/three-guarantees.json"),
    include_str!("../../policies/eu-legal-guarantee.json"),
];

/// Which policy set each market uses.
const MARKETS: &str = include_str!("../../policies/markets.json");

/// One market's rules, as data.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySet {
    /// Stable code, stored with decisions (`three-guarantees`).
    pub code: String,
    /// Translation key of the display name.
    pub name_key: String,
    /// Where cover starts when no proof of purchase is on file.
    pub no_proof_fallback: NoProofFallback,
    /// Days after the sale a faulty unit may be returned, and what that allows.
    #[serde(default)]
    pub return_window: Option<SaleWindow>,
    /// Days after the sale a faulty unit may be exchanged, and what that allows.
    #[serde(default)]
    pub exchange_window: Option<SaleWindow>,
    /// A legal guarantee running beside the manufacturer's warranty.
    #[serde(default)]
    pub legal_guarantee: Option<LegalGuarantee>,
    /// What opens when repairs of the same defect keep failing.
    #[serde(default)]
    pub repeat_failure: Option<RepeatFailure>,
    /// Whether days in repair and waiting for parts are added to the end date.
    pub repair_time_extends: bool,
    /// Causes the warranty and legal guarantee do not cover (plans have their own).
    pub exclusions: Vec<ClaimCause>,
    /// Per-country changes to the set.
    #[serde(default)]
    pub country_overrides: Vec<CountryOverride>,
}

/// Which date stands in for the invoice date when there is no proof of purchase.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FallbackDate {
    /// The manufacture date plus the grace days, but never later than the registration
    /// date; the declared purchase date when the manufacture date is unknown.
    ManufactureDate,
    /// The day the unit was registered in the portal.
    RegistrationDate,
    /// The purchase (invoice) date the customer declared: cover counts exactly as if the
    /// proof were on file (same windows, end dates and remedies), only provisionally.
    DeclaredPurchaseDate,
}

/// The provisional start used without proof of purchase.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoProofFallback {
    /// Which date to use.
    pub from: FallbackDate,
    /// Days added to the manufacture date (the usual time on a shelf).
    #[serde(default)]
    pub grace_days: u32,
}

/// A window counted from the sale (the invoice date).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleWindow {
    /// Its length in days; day 1 is the invoice date.
    pub days: u32,
    /// What a faulty unit may get within it, customer's choice.
    pub remedies: Vec<RemedyKind>,
}

/// Where the legal guarantee counts from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeAnchor {
    /// The delivery day (the invoice date when no delivery day is given).
    DeliveryDate,
    /// The invoice date.
    InvoiceDate,
}

/// A legal guarantee owed by the seller.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalGuarantee {
    /// Its length in months.
    pub months: u32,
    /// Where it counts from.
    pub from: GuaranteeAnchor,
    /// What it offers while it runs.
    pub remedies: Vec<RemedyKind>,
}

/// Remedies for a unit that keeps failing.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatFailure {
    /// Completed repairs of the same defect within cover after which a further failure
    /// opens the remedies.
    pub repairs: u32,
    /// What opens then.
    pub remedies: Vec<RemedyKind>,
}

/// A change to a policy set for one country.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryOverride {
    /// ISO 3166 alpha-2 code.
    pub country: String,
    /// Applies to goods delivered on or after this day (`None`: always).
    #[serde(default)]
    pub delivered_from: Option<NaiveDate>,
    /// A different legal-guarantee length in months.
    #[serde(default)]
    pub legal_guarantee_months: Option<u32>,
    /// A note shown to the customer when the override applies.
    #[serde(default)]
    pub note_key: Option<String>,
}

/// The market-to-policy mapping in `markets.json`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct Markets {
    default: String,
    markets: BTreeMap<String, String>,
}

impl PolicySet {
    /// The override for `country` that applies to goods delivered on `delivered`.
    pub fn override_for(&self, country: &str, delivered: NaiveDate) -> Option<&CountryOverride> {
        let country = country.trim();
        self.country_overrides.iter().find(|o| {
            o.country.eq_ignore_ascii_case(country)
                && o.delivered_from.is_none_or(|from| delivered >= from)
        })
    }

    /// What is wrong with this set, in words for the developer who wrote it; empty when
    /// it is sound. Every shipped set is checked by a test.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let known = |key: &str| REASON_KEYS.contains(&key);
        if self.code.is_empty()
            || !self
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
        {
            problems.push(format!(
                "code {:?} must be lowercase letters and dashes",
                self.code
            ));
        }
        if !known(&self.name_key) {
            problems.push(format!("name key {} is not in REASON_KEYS", self.name_key));
        }
        let mut check_remedies = |source: &str, remedies: &[RemedyKind]| {
            for &kind in remedies {
                let key = remedy_reason(kind, source);
                if !known(&key) {
                    problems.push(format!(
                        "{source} offers {kind:?}, but {key} is not a reason"
                    ));
                }
            }
        };
        if let Some(w) = &self.return_window {
            check_remedies("return_window", &w.remedies);
        }
        if let Some(w) = &self.exchange_window {
            check_remedies("exchange_window", &w.remedies);
        }
        if let Some(g) = &self.legal_guarantee {
            check_remedies("legal_guarantee", &g.remedies);
        }
        if let Some(r) = &self.repeat_failure {
            check_remedies("repeat_failure", &r.remedies);
            if r.repairs == 0 {
                problems.push("repeat failure needs at least one repair".to_owned());
            }
        }
        for window in [&self.return_window, &self.exchange_window]
            .into_iter()
            .flatten()
        {
            if window.days == 0 || window.remedies.is_empty() {
                problems.push("a window needs days and remedies (or leave it null)".to_owned());
            }
        }
        if let (Some(r), Some(e)) = (&self.return_window, &self.exchange_window) {
            if e.days < r.days {
                problems.push(
                    "the exchange window must not be shorter than the return window".to_owned(),
                );
            }
        }
        for o in &self.country_overrides {
            if o.country.len() != 2 || !o.country.chars().all(|c| c.is_ascii_uppercase()) {
                problems.push(format!(
                    "override country {:?} is not ISO alpha-2",
                    o.country
                ));
            }
            if o.legal_guarantee_months.is_some() && self.legal_guarantee.is_none() {
                problems.push(format!(
                    "{} overrides a legal guarantee the set lacks",
                    o.country
                ));
            }
            if let Some(key) = &o.note_key {
                if !known(key) {
                    problems.push(format!("note key {key} is not in REASON_KEYS"));
                }
            }
        }
        let unique: BTreeSet<_> = self.exclusions.iter().collect();
        if unique.len() != self.exclusions.len() {
            problems.push("exclusions repeat a cause".to_owned());
        }
        if self.exclusions.contains(&ClaimCause::PerformanceDefect) {
            problems.push("a set that excludes performance defects covers nothing".to_owned());
        }
        problems
    }

    /// The set used if a shipped file failed to parse: the manufacturer's warranty only.
    /// Never chosen while the shipped files are sound, which a test guarantees.
    fn manufacturer_warranty_only() -> PolicySet {
        PolicySet {
            code: "manufacturer-warranty".to_owned(),
            name_key: "policy.manufacturer_warranty.name".to_owned(),
            no_proof_fallback: NoProofFallback {
                from: FallbackDate::RegistrationDate,
                grace_days: 0,
            },
            return_window: None,
            exchange_window: None,
            legal_guarantee: None,
            repeat_failure: None,
            repair_time_extends: false,
            exclusions: ClaimCause::ALL
                .into_iter()
                .filter(|&c| c != ClaimCause::PerformanceDefect)
                .collect(),
            country_overrides: Vec::new(),
        }
    }
}

/// Parses one policy file.
pub fn parse_policy_set(json: &str) -> Result<PolicySet, serde_json::Error> {
    serde_json::from_str(json)
}

/// Every shipped policy set that parsed, parsed once.
pub fn shipped_policies() -> &'static [PolicySet] {
    static POLICIES: OnceLock<Vec<PolicySet>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        SHIPPED
            .iter()
            .filter_map(|json| parse_policy_set(json).ok())
            .collect()
    })
}

/// The shipped set with this code.
pub fn policy_by_code(code: &str) -> Option<&'static PolicySet> {
    shipped_policies().iter().find(|p| p.code == code)
}

fn markets() -> &'static Markets {
    static PARSED: OnceLock<Markets> = OnceLock::new();
    PARSED.get_or_init(|| {
        serde_json::from_str(MARKETS).unwrap_or_else(|_| Markets {
            default: String::new(),
            markets: BTreeMap::new(),
        })
    })
}

/// The market-to-policy mapping: `(country, policy code)` pairs, and the code used for
/// every other market.
pub fn market_policies() -> (Vec<(&'static str, &'static str)>, &'static str) {
    let m = markets();
    let pairs = m
        .markets
        .iter()
        .map(|(country, code)| (country.as_str(), code.as_str()))
        .collect();
    (pairs, m.default.as_str())
}

/// The policy set for a market, by ISO 3166 alpha-2 code (any case); markets without
/// their own mapping get the default set.
pub fn policy_for_country(code: &str) -> &'static PolicySet {
    static FALLBACK: OnceLock<PolicySet> = OnceLock::new();
    let m = markets();
    let wanted = code.trim().to_ascii_uppercase();
    m.markets
        .get(&wanted)
        .and_then(|code| policy_by_code(code))
        .or_else(|| policy_by_code(&m.default))
        .unwrap_or_else(|| FALLBACK.get_or_init(PolicySet::manufacturer_warranty_only))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::COUNTRIES;

    #[test]
    fn every_shipped_policy_file_parses_and_is_sound() {
        for json in SHIPPED {
            let policy = parse_policy_set(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
            assert_eq!(policy.problems(), Vec::<String>::new(), "{}", policy.code);
        }
        assert_eq!(shipped_policies().len(), SHIPPED.len());
        let codes: BTreeSet<_> = shipped_policies().iter().map(|p| &p.code).collect();
        assert_eq!(codes.len(), SHIPPED.len(), "policy codes must be unique");
    }

    #[test]
    fn the_built_in_fallback_is_sound_too() {
        assert_eq!(
            PolicySet::manufacturer_warranty_only().problems(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn every_market_maps_to_a_shipped_policy() {
        let parsed: Markets = serde_json::from_str(MARKETS).expect("markets.json parses");
        assert!(
            policy_by_code(&parsed.default).is_some(),
            "default {}",
            parsed.default
        );
        for (country, code) in &parsed.markets {
            assert!(policy_by_code(code).is_some(), "{country} → {code}");
            assert_eq!(country.len(), 2);
            assert_eq!(country, &country.to_ascii_uppercase());
        }
    }

    #[test]
    fn every_market_the_portal_knows_has_an_explicit_policy() {
        let (pairs, _) = market_policies();
        for (country, _) in COUNTRIES {
            assert!(
                pairs.iter().any(|(c, _)| *c == country),
                "{country} is not mapped"
            );
        }
    }

    #[test]
    fn markets_get_the_documented_sets_and_unknown_ones_the_default() {
        let table = [
            ("VN", "three-guarantees"),
            ("US", "three-guarantees"),
            ("vn", "three-guarantees"),
            ("", "three-guarantees"),
            ("ZZ", "three-guarantees"),
            ("PL", "eu-legal-guarantee"),
            ("FR", "eu-legal-guarantee"),
            (" es ", "eu-legal-guarantee"),
            ("DE", "eu-legal-guarantee"),
            ("IE", "eu-legal-guarantee"),
            ("IT", "eu-legal-guarantee"),
            ("NL", "eu-legal-guarantee"),
            ("SE", "eu-legal-guarantee"),
            ("IS", "eu-legal-guarantee"),
            ("GB", "eu-legal-guarantee"),
        ];
        for (country, code) in table {
            assert_eq!(policy_for_country(country).code, code, "{country:?}");
        }
    }

    #[test]
    fn a_policy_offering_a_remedy_without_a_reason_is_refused() {
        let mut policy = policy_for_country("VN").clone();
        if let Some(w) = policy.exchange_window.as_mut() {
            w.remedies.push(RemedyKind::PriceReduction);
        }
        policy.repeat_failure = Some(RepeatFailure {
            repairs: 0,
            remedies: vec![RemedyKind::Replacement],
        });
        let problems = policy.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
