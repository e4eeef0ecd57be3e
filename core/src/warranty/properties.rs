//! The engine's invariants, over generated units, histories and days.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::coverage::{summarize, WarrantyTerms};

fn day_between(first: NaiveDate, last: NaiveDate) -> BoxedStrategy<NaiveDate> {
    (first.num_days_from_ce()..=last.num_days_from_ce())
        .prop_map(move |n| NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(first))
        .boxed()
}

/// Days around today, where real units live.
fn near_day() -> BoxedStrategy<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(2032, 12, 31).unwrap_or_default();
    day_between(first, last)
}

/// Any day the calendar holds, its very ends included.
fn any_day() -> BoxedStrategy<NaiveDate> {
    prop_oneof![
        1 => day_between(NaiveDate::MIN, NaiveDate::MAX),
        1 => day_between(NaiveDate::MIN, NaiveDate::MIN + chrono::Days::new(800)),
        1 => day_between(NaiveDate::MAX - chrono::Days::new(800), NaiveDate::MAX),
        3 => near_day(),
    ]
    .boxed()
}

fn terms() -> impl Strategy<Value = WarrantyTerms> {
    (0u32..72, 0u32..72, 0u32..24, 0u32..400).prop_map(|(parts, labour, bonus, window)| {
        WarrantyTerms {
            parts_months: parts,
            labour_months: labour,
            registration_bonus_months: bonus,
            registration_window_days: window,
        }
    })
}

fn cause() -> impl Strategy<Value = ClaimCause> {
    proptest::sample::select(ClaimCause::ALL.to_vec())
}

fn repair(day: BoxedStrategy<NaiveDate>) -> impl Strategy<Value = RepairRecord> {
    (
        proptest::sample::select(vec!["E1", "E2", " e1 ", ""]),
        day.clone(),
        proptest::option::of(day),
        0u32..60,
        any::<bool>(),
    )
        .prop_map(
            |(defect, handed_over, returned_on, parts_wait_days, fixed)| RepairRecord {
                defect: defect.to_owned(),
                handed_over,
                returned_on,
                parts_wait_days,
                outcome: if fixed {
                    RepairOutcome::Fixed
                } else {
                    RepairOutcome::NotFixed
                },
            },
        )
}

fn plan(day: BoxedStrategy<NaiveDate>) -> impl Strategy<Value = ExtendedPlan> {
    (
        any::<bool>(),
        proptest::option::of(day.clone()),
        proptest::option::of(day),
        0u32..60,
        proptest::collection::vec(cause(), 0..3),
    )
        .prop_map(|(extension, start, end, months, exclusions)| ExtendedPlan {
            code: "PLAN".to_owned(),
            kind: if extension {
                PlanKind::ExtensionMonths
            } else {
                PlanKind::AccidentalDamage
            },
            start,
            end,
            months,
            exclusions,
        })
}

fn replacement(day: BoxedStrategy<NaiveDate>) -> impl Strategy<Value = Replacement> {
    day.prop_map(|date| Replacement {
        date,
        new_serial: "SN".to_owned(),
    })
}

fn unit(day: BoxedStrategy<NaiveDate>) -> impl Strategy<Value = CoverageInput> {
    (
        (
            terms(),
            proptest::sample::select(vec!["VN", "ES", "PL", "US", "es", ""]),
            day.clone(),
            proptest::option::of(day.clone()),
            any::<bool>(),
            proptest::option::of(day.clone()),
            day.clone(),
        ),
        (
            proptest::collection::vec(plan(day.clone()), 0..3),
            proptest::collection::vec(repair(day.clone()), 0..5),
            proptest::collection::vec(replacement(day), 0..3),
            cause(),
            proptest::option::of(proptest::sample::select(vec!["E1", "E2"])),
        ),
    )
        .prop_map(
            |(
                (terms, country, purchase, delivered, proof, made, registered),
                (plans, repairs, replacements, cause, defect),
            )| CoverageInput {
                terms,
                country: country.to_owned(),
                purchase_date: purchase,
                delivered_on: delivered,
                proof_of_purchase: proof,
                manufactured_on: made,
                registered_on: registered,
                plans,
                repairs,
                replacements,
                claim: ClaimContext {
                    cause,
                    defect: defect.map(str::to_owned),
                },
            },
        )
}

fn policy() -> impl Strategy<Value = &'static PolicySet> {
    proptest::sample::select(shipped_policies().iter().collect::<Vec<_>>())
}

/// Every key is listed, and every `{placeholder}` of its English text has a param.
fn sentences_are_complete(c: &Coverage) -> Result<(), TestCaseError> {
    let sentences = c
        .segments
        .iter()
        .map(|s| (&s.rule, &s.params))
        .chain(c.remedies.iter().map(|r| (&r.reason, &r.params)))
        .chain(c.notes.iter().map(|n| (&n.key, &n.params)));
    for (key, params) in sentences {
        prop_assert!(
            REASON_KEYS.contains(&key.as_str()),
            "{key} is not in REASON_KEYS"
        );
        let text = english_reason(key).unwrap_or_default();
        for name in placeholders(text) {
            prop_assert!(
                params.contains_key(name),
                "{key} lacks {{{name}}}: {params:?}"
            );
        }
        for value in params.values() {
            if let ParamValue::Key(inner) = value {
                prop_assert!(REASON_KEYS.contains(&inner.as_str()), "{inner}");
            }
        }
    }
    prop_assert!(REASON_KEYS.contains(&c.policy_name_key.as_str()));
    Ok(())
}

fn window_open(c: &Coverage) -> bool {
    c.remedies.iter().any(|r| r.reason.ends_with("_window"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn evaluate_never_panics_and_always_answers_in_listed_sentences(
        input in unit(any_day()), policy in policy(), today in any_day(),
    ) {
        let c = evaluate(&input, policy, today);
        prop_assert!(c.days_left >= 0);
        prop_assert!(!c.remedies.is_empty(), "always at least a paid repair");
        for s in &c.segments {
            prop_assert!(s.start <= s.end, "{s:?}");
        }
        let mut kinds: Vec<_> = c.remedies.iter().map(|r| r.kind).collect();
        kinds.dedup();
        prop_assert_eq!(kinds.len(), c.remedies.len(), "one remedy per kind");
        if c.offers(RemedyKind::PaidRepair) {
            prop_assert_eq!(c.remedies.len(), 1, "a quote only when nothing is free");
        }
        sentences_are_complete(&c)?;
        let _ = c.summary();
    }

    #[test]
    fn days_left_is_never_negative(
        input in unit(near_day()), policy in policy(), today in any_day(),
    ) {
        let c = evaluate(&input, policy, today);
        prop_assert!(c.days_left >= 0);
        prop_assert!(c.summary().days_left >= 0);
    }

    #[test]
    fn recorded_repairs_never_shorten_coverage(
        input in unit(near_day()), policy in policy(), today in near_day(),
        extra in repair(near_day()),
    ) {
        let before = evaluate(&input, policy, today);
        let mut more = input.clone();
        more.repairs.push(extra);
        let after = evaluate(&more, policy, today);
        prop_assert!(after.end >= before.end, "{} < {}", after.end, before.end);
        let (b, a) = (before.summary(), after.summary());
        prop_assert!(a.parts_end >= b.parts_end);
        prop_assert!(a.labour_end >= b.labour_end);
        prop_assert!(after.days_left >= before.days_left);
    }

    #[test]
    fn a_replacements_cover_never_starts_before_its_replacement_date(
        input in unit(near_day()), policy in policy(), today in near_day(),
    ) {
        let c = evaluate(&input, policy, today);
        for replacement in &input.replacements {
            prop_assert!(c.unit_start >= replacement.date);
            for s in &c.segments {
                let unit_cover = matches!(
                    s.kind,
                    SegmentKind::Warranty
                        | SegmentKind::RegistrationBonus
                        | SegmentKind::RepairExtension
                        | SegmentKind::LegalGuarantee
                );
                if unit_cover {
                    prop_assert!(s.start >= replacement.date, "{s:?} before {}", replacement.date);
                }
            }
        }
    }

    #[test]
    fn a_closed_return_or_exchange_window_never_reopens(
        input in unit(near_day()), policy in policy(),
        first in near_day(), later_by in 1i64..60,
    ) {
        let later = first + chrono::Duration::days(later_by);
        let then = evaluate(&input, policy, first);
        let now = evaluate(&input, policy, later);
        if first >= then.start && !window_open(&then) {
            prop_assert!(!window_open(&now), "closed on {first}, open again on {later}");
        }
    }

    #[test]
    fn summary_agrees_with_summarize_when_there_is_no_history_or_plan(
        parts in 1u32..120, labour in 1u32..120, bonus in 0u32..36, window in 0u32..400,
        purchase in near_day(), registered_after in -30i64..400, today in near_day(),
    ) {
        let terms = WarrantyTerms {
            parts_months: parts,
            labour_months: labour,
            registration_bonus_months: bonus,
            registration_window_days: window,
        };
        let registered = purchase + chrono::Duration::days(registered_after);
        let input = CoverageInput::new(terms, purchase, registered);
        let expected = summarize(&terms, purchase, registered, today);
        prop_assert_eq!(evaluate(&input, policy_for_country("VN"), today).summary(), expected);
        // The legal guarantee changes nothing when the warranty already outlasts it.
        if parts.min(labour) >= 36 {
            for country in ["PL", "ES"] {
                let mut local = input.clone();
                local.country = country.to_owned();
                let c = evaluate(&local, policy_for_country(country), today);
                prop_assert_eq!(c.summary(), expected);
            }
        }
    }

    #[test]
    fn without_proof_the_summary_still_agrees_with_summarize_under_both_shipped_sets(
        parts in 1u32..120, labour in 1u32..120, bonus in 0u32..36, window in 0u32..400,
        purchase in near_day(), registered_after in -30i64..400, today in near_day(),
        country in proptest::sample::select(vec!["VN", "US", "PL", "FR", "GB", ""]),
    ) {
        let terms = WarrantyTerms {
            parts_months: parts,
            labour_months: labour,
            registration_bonus_months: bonus,
            registration_window_days: window,
        };
        let registered = purchase + chrono::Duration::days(registered_after);
        let input = CoverageInput {
            country: country.to_owned(),
            proof_of_purchase: false,
            ..CoverageInput::new(terms, purchase, registered)
        };
        let expected = summarize(&terms, purchase, registered, today);
        for policy in shipped_policies() {
            // The EU legal guarantee (24 months here) only lengthens a shorter warranty.
            if policy.legal_guarantee.is_some() && parts.min(labour) < 24 {
                continue;
            }
            let c = evaluate(&input, policy, today);
            prop_assert!(c.provisional_start);
            prop_assert_eq!(c.summary(), expected, "{}", policy.code);
        }
    }

    #[test]
    fn the_summary_is_consistent_with_the_coverage_it_sums_up(
        input in unit(near_day()), policy in policy(), today in near_day(),
    ) {
        let c = evaluate(&input, policy, today);
        let s = c.summary();
        prop_assert_eq!(s.start, c.unit_start);
        prop_assert_eq!(s.end, c.end);
        prop_assert_eq!(s.days_left, c.days_left);
        prop_assert_eq!(s.days_left, (s.end - today).num_days().max(0));
        prop_assert!(s.parts_end <= s.end && s.labour_end <= s.end);
        prop_assert_eq!(s.bonus_months, c.bonus_months);
        let expired = today > s.end;
        prop_assert_eq!(s.status == crate::coverage::CoverageStatus::Expired, expired);
    }
}
