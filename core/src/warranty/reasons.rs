//! Every translation key the engine can emit, and their English text (kept in
//! `core/policies/en-reasons.json`, where the app's translators pick it up). Placeholders
//! such as `{until}` name the params sent with the key.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::outcome::RemedyKind;

/// The English sentences, keyed like [`REASON_KEYS`].
const ENGLISH: &str = include_str!("../../policies/en-reasons.json");

/// Every key the engine emits: policy names, segment rules, remedy reasons, notes, the
/// names of the plans offered ([`super::plan_offers`]) and the claim causes put into
/// sentences. The app checks its translations cover them all.
pub const REASON_KEYS: &[&str] = &[
    "policy.three_guarantees.name",
    "policy.eu_legal_guarantee.name",
    "policy.manufacturer_warranty.name",
    "segment.return_window",
    "segment.exchange_window",
    "segment.legal_guarantee",
    "segment.warranty",
    "segment.registration_bonus",
    "segment.repair_extension",
    "segment.plan.extension",
    "segment.plan.accidental_damage",
    "segment.replaced_unit",
    "remedy.refund.return_window",
    "remedy.exchange.return_window",
    "remedy.free_repair.return_window",
    "remedy.exchange.exchange_window",
    "remedy.free_repair.exchange_window",
    "remedy.free_repair.legal_guarantee",
    "remedy.replacement.legal_guarantee",
    "remedy.replacement.repeat_failure",
    "remedy.refund.repeat_failure",
    "remedy.price_reduction.repeat_failure",
    "remedy.free_repair.warranty",
    "remedy.free_repair.registration_bonus",
    "remedy.free_repair.repair_extension",
    "remedy.free_repair.plan",
    "remedy.free_repair.accidental_damage_plan",
    "remedy.paid_repair.parts_covered",
    "remedy.paid_repair.labour_covered",
    "remedy.paid_repair.out_of_warranty",
    "remedy.paid_repair.excluded",
    "remedy.paid_repair.not_covered_yet",
    "note.stated_terms",
    "note.provisional_start.manufacture_date",
    "note.provisional_start.declared_purchase_date",
    "note.provisional_start.registration_date",
    "note.repair_in_progress",
    "note.legal_guarantee.es_three_years",
    "plan.ext_12",
    "plan.ext_24",
    "plan.adp_24",
    "cause.performance_defect",
    "cause.accidental_damage",
    "cause.liquid_damage",
    "cause.unauthorised_repair",
    "cause.consumable",
    "cause.cosmetic_wear",
];

/// The reason key for a remedy granted by a rule (`remedy.refund.return_window`).
pub fn remedy_reason(kind: RemedyKind, source: &str) -> String {
    format!("remedy.{}.{source}", kind.key())
}

fn english() -> &'static BTreeMap<String, String> {
    static PARSED: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(ENGLISH).unwrap_or_default())
}

/// The English sentence for a key, placeholders left in (`{until}`).
pub fn english_reason(key: &str) -> Option<&'static str> {
    english().get(key).map(String::as_str)
}

/// The placeholder names in a sentence: `"until {until}"` → `["until"]`.
pub fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_has_english_text_and_every_text_has_a_key() {
        let texts: BTreeMap<String, String> =
            serde_json::from_str(ENGLISH).expect("en-reasons.json parses");
        let in_file: BTreeSet<&str> = texts.keys().map(String::as_str).collect();
        let listed: BTreeSet<&str> = REASON_KEYS.iter().copied().collect();
        assert_eq!(listed.len(), REASON_KEYS.len(), "REASON_KEYS repeats a key");
        assert_eq!(in_file, listed);
        for key in REASON_KEYS {
            let text = english_reason(key).unwrap_or_default();
            assert!(!text.trim().is_empty(), "{key} has no English text");
        }
    }

    #[test]
    fn placeholders_are_read_from_braces() {
        assert_eq!(
            placeholders("until {until}, {days} days"),
            ["until", "days"]
        );
        assert!(placeholders("no params").is_empty());
    }
}
