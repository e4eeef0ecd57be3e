//! The coverage rules of `DOMAIN.md`, one or more stories each, with concrete dates.

use chrono::NaiveDate;

use super::*;
use crate::coverage::{summarize, CoverageStatus, WarrantyTerms};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

const ONE_YEAR: WarrantyTerms = WarrantyTerms {
    parts_months: 12,
    labour_months: 12,
    registration_bonus_months: 0,
    registration_window_days: 0,
};

const NO_WARRANTY: WarrantyTerms = WarrantyTerms {
    parts_months: 0,
    labour_months: 0,
    registration_bonus_months: 0,
    registration_window_days: 0,
};

fn three_guarantees() -> &'static PolicySet {
    policy_for_country("VN")
}

fn bought(terms: WarrantyTerms, on: NaiveDate, country: &str) -> CoverageInput {
    CoverageInput {
        country: country.to_owned(),
        ..CoverageInput::new(terms, on, on)
    }
}

fn repair(
    defect: &str,
    handed_over: NaiveDate,
    returned_on: Option<NaiveDate>,
    parts_wait_days: u32,
    outcome: RepairOutcome,
) -> RepairRecord {
    RepairRecord {
        defect: defect.to_owned(),
        handed_over,
        returned_on,
        parts_wait_days,
        outcome,
    }
}

/// The unit swapped for a new one (`SN-2`) on `date`.
fn swapped_on(date: NaiveDate) -> super::Replacement {
    super::Replacement {
        date,
        new_serial: "SN-2".to_owned(),
    }
}

fn kinds(c: &Coverage) -> Vec<RemedyKind> {
    c.remedies.iter().map(|r| r.kind).collect()
}

fn remedy(c: &Coverage, kind: RemedyKind) -> &Remedy {
    c.remedies
        .iter()
        .find(|r| r.kind == kind)
        .unwrap_or_else(|| panic!("{kind:?} not offered: {:#?}", c.remedies))
}

fn segment(c: &Coverage, kind: SegmentKind) -> &CoverageSegment {
    c.segments
        .iter()
        .find(|s| s.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} segment: {:#?}", c.segments))
}

fn has_note(c: &Coverage, key: &str) -> bool {
    c.notes.iter().any(|n| n.key == key)
}

use RemedyKind::{Exchange, FreeRepair, PaidRepair, PriceReduction, Refund, Replacement};

// Rule 1: start.

#[test]
fn rule_1_start_cover_runs_from_the_invoice_date_when_proof_is_on_file() {
    let input = bought(ONE_YEAR, d(2024, 3, 10), "VN");
    let c = evaluate(&input, three_guarantees(), d(2024, 6, 18));
    assert!(!c.provisional_start);
    assert_eq!(c.start, d(2024, 3, 10));
    assert_eq!(c.end, d(2025, 3, 9));
    assert!(!has_note(&c, "note.provisional_start.manufacture_date"));
    assert!(has_note(&c, "note.stated_terms"));
}

#[test]
fn rule_1_start_without_proof_is_provisional_from_the_manufacture_date_plus_grace() {
    let input = CoverageInput {
        proof_of_purchase: false,
        manufactured_on: Some(d(2024, 1, 15)),
        registered_on: d(2024, 6, 3),
        ..bought(ONE_YEAR, d(2024, 6, 1), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2024, 6, 3));
    // 15 January 2024 plus 90 days, through a leap February.
    assert_eq!(c.start, d(2024, 4, 14));
    assert!(c.provisional_start);
    assert_eq!(c.end, d(2025, 4, 13));
    assert!(has_note(&c, "note.provisional_start.manufacture_date"));
    // Returns and exchanges need the invoice: only the repair is open.
    assert_eq!(kinds(&c), [FreeRepair]);
    assert!(c
        .segments
        .iter()
        .all(|s| s.kind != SegmentKind::ReturnWindow));
}

#[test]
fn rule_1_start_without_proof_never_later_than_registration_and_else_the_declared_purchase_date() {
    let table = [
        // (made, registered, expected start, expected note)
        (
            Some(d(2024, 5, 20)),
            d(2024, 6, 3),
            d(2024, 6, 3),
            "registration_date",
        ),
        // No manufacture date: the purchase date the customer typed.
        (None, d(2024, 6, 3), d(2024, 6, 1), "declared_purchase_date"),
        (
            Some(d(2023, 11, 30)),
            d(2024, 6, 3),
            d(2024, 2, 28),
            "manufacture_date",
        ),
    ];
    for (made, registered, start, note) in table {
        let input = CoverageInput {
            proof_of_purchase: false,
            manufactured_on: made,
            registered_on: registered,
            ..bought(ONE_YEAR, d(2024, 6, 1), "VN")
        };
        let c = evaluate(&input, three_guarantees(), registered);
        assert_eq!(c.start, start, "{made:?}");
        assert!(c.provisional_start, "{made:?}");
        assert!(
            has_note(&c, &format!("note.provisional_start.{note}")),
            "{made:?}"
        );
    }
}

#[test]
fn rule_1_start_declared_purchase_date_counts_exactly_as_if_proof_were_on_file() {
    let proven = bought(ONE_YEAR, d(2024, 6, 1), "VN");
    let declared = CoverageInput {
        proof_of_purchase: false,
        registered_on: d(2024, 6, 3),
        ..proven.clone()
    };
    let proven = CoverageInput {
        registered_on: d(2024, 6, 3),
        ..proven
    };
    let mut policy = three_guarantees().clone();
    policy.no_proof_fallback.from = FallbackDate::DeclaredPurchaseDate;
    // Under the shipped set too, when the manufacture date is unknown.
    for policy in [&policy, three_guarantees()] {
        for today in [d(2024, 6, 3), d(2024, 6, 10), d(2025, 5, 31), d(2025, 6, 1)] {
            let with_proof = evaluate(&proven, policy, today);
            let c = evaluate(&declared, policy, today);
            assert!(c.provisional_start);
            assert_eq!(c.start, d(2024, 6, 1));
            assert_eq!(c.segments, with_proof.segments, "{today}");
            assert_eq!(c.remedies, with_proof.remedies, "{today}");
            assert_eq!((c.end, c.days_left), (with_proof.end, with_proof.days_left));
            assert_eq!(c.summary(), with_proof.summary());
            let note = c
                .notes
                .iter()
                .find(|n| n.key == "note.provisional_start.declared_purchase_date")
                .unwrap_or_else(|| panic!("no note: {:#?}", c.notes));
            assert_eq!(note.params["start"], ParamValue::Date(d(2024, 6, 1)));
        }
    }
    // Within 7 days of the declared purchase: refund, exchange or repair, as with proof.
    let c = evaluate(&declared, &policy, d(2024, 6, 3));
    assert_eq!(kinds(&c), [Refund, Exchange, FreeRepair]);
}

#[test]
fn rule_1_start_registration_date_fallback_counts_from_the_day_it_was_registered() {
    let mut policy = three_guarantees().clone();
    policy.no_proof_fallback.from = FallbackDate::RegistrationDate;
    let input = CoverageInput {
        proof_of_purchase: false,
        manufactured_on: Some(d(2023, 11, 30)),
        registered_on: d(2024, 6, 3),
        ..bought(ONE_YEAR, d(2024, 6, 1), "VN")
    };
    let c = evaluate(&input, &policy, d(2024, 6, 3));
    assert_eq!((c.start, c.end), (d(2024, 6, 3), d(2025, 6, 2)));
    assert!(c.provisional_start);
    assert!(has_note(&c, "note.provisional_start.registration_date"));
    // Not an invoice date: the sale windows stay closed.
    assert_eq!(kinds(&c), [FreeRepair]);
}

#[test]
fn rule_1_start_eu_set_without_proof_counts_from_the_declared_purchase_date() {
    let input = CoverageInput {
        proof_of_purchase: false,
        registered_on: d(2024, 2, 1),
        delivered_on: Some(d(2024, 1, 12)),
        ..bought(ONE_YEAR, d(2024, 1, 10), "PL")
    };
    let c = evaluate(&input, policy_for_country("PL"), d(2024, 2, 1));
    assert_eq!((c.start, c.provisional_start), (d(2024, 1, 10), true));
    assert!(has_note(
        &c,
        "note.provisional_start.declared_purchase_date"
    ));
    // The legal guarantee counts from delivery, as it would with the invoice on file.
    assert_eq!(segment(&c, SegmentKind::LegalGuarantee).end, d(2026, 1, 11));
    // Proof arrives: the same dates, no longer provisional.
    let proven = CoverageInput {
        proof_of_purchase: true,
        ..input
    };
    let p = evaluate(&proven, policy_for_country("PL"), d(2024, 2, 1));
    assert_eq!((p.start, p.provisional_start), (d(2024, 1, 10), false));
    assert_eq!((p.segments, p.remedies), (c.segments, c.remedies));
    assert!(!p
        .notes
        .iter()
        .any(|n| n.key.starts_with("note.provisional")));
}

// Rule 2: manufacturer warranty.

#[test]
fn rule_2_manufacturer_warranty_months_end_the_day_before_the_monthiversary() {
    let table = [
        // (purchase, months, last covered day)
        (d(2024, 3, 10), 12, d(2025, 3, 9)),
        (d(2024, 2, 29), 12, d(2025, 2, 27)),
        (d(2024, 2, 29), 48, d(2028, 2, 28)),
        (d(2024, 1, 31), 1, d(2024, 2, 28)),
        (d(2023, 1, 31), 1, d(2023, 2, 27)),
        (d(2024, 12, 31), 6, d(2025, 6, 29)),
        (d(2025, 1, 1), 24, d(2026, 12, 31)),
    ];
    for (purchase, months, end) in table {
        let terms = WarrantyTerms {
            parts_months: months,
            labour_months: months,
            ..NO_WARRANTY
        };
        let c = evaluate(&bought(terms, purchase, "VN"), three_guarantees(), purchase);
        assert_eq!(c.end, end, "{purchase} + {months} months");
        assert_eq!(c.end, summarize(&terms, purchase, purchase, purchase).end);
    }
}

#[test]
fn rule_2_manufacturer_warranty_parts_and_labour_months_can_differ() {
    let terms = WarrantyTerms {
        parts_months: 24,
        labour_months: 12,
        ..NO_WARRANTY
    };
    let input = bought(terms, d(2024, 1, 31), "VN");
    let during_both = evaluate(&input, three_guarantees(), d(2024, 12, 1));
    assert_eq!(kinds(&during_both), [FreeRepair]);
    assert_eq!(remedy(&during_both, FreeRepair).until, Some(d(2025, 1, 30)));

    let parts_only = evaluate(&input, three_guarantees(), d(2025, 6, 1));
    assert_eq!(kinds(&parts_only), [PaidRepair]);
    let r = remedy(&parts_only, PaidRepair);
    assert_eq!(r.reason, "remedy.paid_repair.parts_covered");
    assert_eq!(r.until, Some(d(2026, 1, 30)));
    let s = parts_only.summary();
    assert_eq!(
        (s.labour_end, s.parts_end),
        (d(2025, 1, 30), d(2026, 1, 30))
    );
}

#[test]
fn rule_2_manufacturer_warranty_registration_bonus_only_within_the_window() {
    let terms = WarrantyTerms {
        registration_bonus_months: 6,
        registration_window_days: 30,
        ..ONE_YEAR
    };
    let in_time = CoverageInput {
        registered_on: d(2025, 1, 31),
        ..bought(terms, d(2025, 1, 1), "VN")
    };
    let c = evaluate(&in_time, three_guarantees(), d(2026, 3, 1));
    assert_eq!(c.bonus_months, 6);
    assert_eq!(c.end, d(2026, 6, 30));
    let bonus = segment(&c, SegmentKind::RegistrationBonus);
    assert_eq!((bonus.start, bonus.end), (d(2026, 1, 1), d(2026, 6, 30)));
    let r = remedy(&c, FreeRepair);
    assert_eq!(r.reason, "remedy.free_repair.registration_bonus");

    let late = CoverageInput {
        registered_on: d(2025, 2, 1),
        ..in_time
    };
    let c = evaluate(&late, three_guarantees(), d(2026, 3, 1));
    assert_eq!((c.bonus_months, c.end), (0, d(2025, 12, 31)));
    assert_eq!(kinds(&c), [PaidRepair]);
}

// Rule 3: return window.

#[test]
fn rule_3_return_window_offers_refund_exchange_repair_within_7_days() {
    let table = [
        // (purchase, day, refund open) — a leap February and an ordinary one.
        (d(2024, 2, 25), d(2024, 2, 25), true),
        (d(2024, 2, 25), d(2024, 2, 29), true),
        (d(2024, 2, 25), d(2024, 3, 2), true),
        (d(2024, 2, 25), d(2024, 3, 3), false),
        (d(2023, 2, 25), d(2023, 3, 3), true),
        (d(2023, 2, 25), d(2023, 3, 4), false),
        (d(2024, 12, 28), d(2025, 1, 3), true),
        (d(2024, 12, 28), d(2025, 1, 4), false),
    ];
    for (purchase, day, open) in table {
        let c = evaluate(&bought(ONE_YEAR, purchase, "VN"), three_guarantees(), day);
        assert_eq!(c.offers(Refund), open, "bought {purchase}, asked {day}");
        assert!(
            c.offers(Exchange) && c.offers(FreeRepair),
            "bought {purchase}, asked {day}"
        );
        if open {
            let r = remedy(&c, Refund);
            assert_eq!(r.reason, "remedy.refund.return_window");
            assert_eq!(r.params.get("days"), Some(&ParamValue::Number(7)));
            assert_eq!(r.until, Some(segment(&c, SegmentKind::ReturnWindow).end));
        }
    }
}

#[test]
fn rule_3_return_window_is_absent_from_the_eu_set() {
    let c = evaluate(
        &bought(ONE_YEAR, d(2024, 3, 1), "FR"),
        policy_for_country("FR"),
        d(2024, 3, 2),
    );
    assert_eq!(kinds(&c), [Replacement, FreeRepair]);
}

// Rule 4: exchange window.

#[test]
fn rule_4_exchange_window_offers_exchange_or_repair_until_day_15() {
    let purchase = d(2024, 12, 20);
    let table = [
        (d(2024, 12, 27), vec![Exchange, FreeRepair]),
        (d(2025, 1, 3), vec![Exchange, FreeRepair]),
        (d(2025, 1, 4), vec![FreeRepair]),
    ];
    for (day, expected) in table {
        let c = evaluate(&bought(ONE_YEAR, purchase, "VN"), three_guarantees(), day);
        assert_eq!(kinds(&c), expected, "{day}");
    }
    let c = evaluate(
        &bought(ONE_YEAR, purchase, "VN"),
        three_guarantees(),
        d(2025, 1, 3),
    );
    let r = remedy(&c, Exchange);
    assert_eq!(r.reason, "remedy.exchange.exchange_window");
    assert_eq!(r.until, Some(d(2025, 1, 3)));
}

#[test]
fn rule_4_exchange_window_grants_repair_itself_when_the_model_has_no_warranty() {
    let purchase = d(2024, 2, 20);
    let c = evaluate(
        &bought(NO_WARRANTY, purchase, "VN"),
        three_guarantees(),
        d(2024, 3, 1),
    );
    assert_eq!(kinds(&c), [Exchange, FreeRepair]);
    assert_eq!(
        remedy(&c, FreeRepair).reason,
        "remedy.free_repair.exchange_window"
    );
    assert_eq!(c.end, d(2024, 3, 5));
    let after = evaluate(
        &bought(NO_WARRANTY, purchase, "VN"),
        three_guarantees(),
        d(2024, 3, 6),
    );
    assert_eq!(
        remedy(&after, PaidRepair).reason,
        "remedy.paid_repair.out_of_warranty"
    );
}

// Rule 5: repair period.

#[test]
fn rule_5_repair_period_free_repair_until_the_warranty_ends() {
    let input = bought(ONE_YEAR, d(2024, 3, 10), "VN");
    for day in [d(2024, 3, 25), d(2024, 9, 1), d(2025, 3, 9)] {
        let c = evaluate(&input, three_guarantees(), day);
        assert_eq!(kinds(&c), [FreeRepair], "{day}");
        let r = remedy(&c, FreeRepair);
        assert_eq!(r.reason, "remedy.free_repair.warranty");
        assert_eq!(r.until, Some(d(2025, 3, 9)));
    }
    let last_day = evaluate(&input, three_guarantees(), d(2025, 3, 9));
    assert_eq!(last_day.days_left, 0);
    assert_eq!(last_day.summary().status, CoverageStatus::EndsSoon);
}

// Rule 6: repeat failure.

#[test]
fn rule_6_repeat_failure_two_repairs_of_the_same_defect_open_replacement_or_refund() {
    use RepairOutcome::{Fixed, NotFixed};
    let base = bought(ONE_YEAR, d(2024, 1, 10), "VN");
    let first = repair("E21", d(2024, 3, 1), Some(d(2024, 3, 5)), 0, Fixed);
    let table: [(Vec<RepairRecord>, Option<&str>, bool); 6] = [
        // Fails again with the same code after two fixes.
        (
            vec![
                first.clone(),
                repair("E21", d(2024, 6, 1), Some(d(2024, 6, 4)), 0, Fixed),
            ],
            Some(" e21 "),
            true,
        ),
        // The second repair came back still failing.
        (
            vec![
                first.clone(),
                repair("E21", d(2024, 6, 1), Some(d(2024, 6, 4)), 0, NotFixed),
            ],
            None,
            true,
        ),
        // Two fixes and nothing reported since.
        (
            vec![
                first.clone(),
                repair("E21", d(2024, 6, 1), Some(d(2024, 6, 4)), 0, Fixed),
            ],
            None,
            false,
        ),
        // Two different defects.
        (
            vec![
                first.clone(),
                repair("E22", d(2024, 6, 1), Some(d(2024, 6, 4)), 0, NotFixed),
            ],
            Some("E22"),
            false,
        ),
        // Only one repair.
        (vec![first.clone()], Some("E21"), false),
        // The second is still at the centre.
        (
            vec![
                first.clone(),
                repair("E21", d(2024, 8, 20), None, 0, NotFixed),
            ],
            Some("E21"),
            false,
        ),
    ];
    for (i, (repairs, defect, opens)) in table.into_iter().enumerate() {
        let input = CoverageInput {
            repairs,
            claim: ClaimContext {
                cause: ClaimCause::PerformanceDefect,
                defect: defect.map(str::to_owned),
            },
            ..base.clone()
        };
        let c = evaluate(&input, three_guarantees(), d(2024, 9, 1));
        assert_eq!(c.offers(Replacement), opens, "case {i}");
        assert_eq!(c.offers(Refund), opens, "case {i}");
        if opens {
            let r = remedy(&c, Replacement);
            assert_eq!(r.reason, "remedy.replacement.repeat_failure");
            assert_eq!(r.params.get("repairs"), Some(&ParamValue::Number(2)));
            assert_eq!(
                r.params.get("defect"),
                Some(&ParamValue::Text("E21".to_owned()))
            );
            // 2025-01-09 plus 4 + 3 days in repair.
            assert_eq!(r.until, Some(d(2025, 1, 16)));
            assert_eq!(remedy(&c, Refund).reason, "remedy.refund.repeat_failure");
        }
    }
}

#[test]
fn rule_6_repeat_failure_repairs_after_the_warranty_do_not_count() {
    let input = CoverageInput {
        repairs: vec![
            repair(
                "E21",
                d(2024, 3, 1),
                Some(d(2024, 3, 5)),
                0,
                RepairOutcome::Fixed,
            ),
            repair(
                "E21",
                d(2025, 2, 1),
                Some(d(2025, 2, 4)),
                0,
                RepairOutcome::NotFixed,
            ),
        ],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2025, 2, 5));
    assert_eq!(kinds(&c), [PaidRepair]);
}

#[test]
fn rule_6_repeat_failure_eu_set_opens_price_reduction_or_refund_after_a_failed_repair() {
    let input = CoverageInput {
        repairs: vec![repair(
            "NOISE",
            d(2025, 5, 1),
            Some(d(2025, 5, 9)),
            0,
            RepairOutcome::NotFixed,
        )],
        ..bought(ONE_YEAR, d(2024, 3, 10), "DE")
    };
    let c = evaluate(&input, policy_for_country("DE"), d(2025, 6, 1));
    assert_eq!(kinds(&c), [Refund, Replacement, PriceReduction, FreeRepair]);
    assert_eq!(
        remedy(&c, PriceReduction).reason,
        "remedy.price_reduction.repeat_failure"
    );
    assert_eq!(
        remedy(&c, Replacement).reason,
        "remedy.replacement.legal_guarantee"
    );
    // The legal guarantee (to 2026-03-09) gained the 8 days in repair.
    assert_eq!(remedy(&c, Refund).until, Some(d(2026, 3, 17)));
}

// Rule 7: time in repair extends the warranty.

#[test]
fn rule_7_repair_time_days_in_repair_and_waiting_for_parts_extend_the_end_date() {
    let input = CoverageInput {
        repairs: vec![repair(
            "E1",
            d(2024, 5, 1),
            Some(d(2024, 5, 11)),
            5,
            RepairOutcome::Fixed,
        )],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2025, 1, 20));
    assert_eq!(c.end, d(2025, 1, 24));
    assert_eq!(c.repair_extension_days, 15);
    let ext = segment(&c, SegmentKind::RepairExtension);
    assert_eq!((ext.start, ext.end), (d(2025, 1, 10), d(2025, 1, 24)));
    assert_eq!(ext.params.get("days"), Some(&ParamValue::Number(15)));
    let r = remedy(&c, FreeRepair);
    assert_eq!(r.reason, "remedy.free_repair.repair_extension");
    assert_eq!(r.until, Some(d(2025, 1, 24)));
}

#[test]
fn rule_7_repair_time_a_repair_spanning_the_end_date_carries_cover_past_its_return() {
    // Warranty to 2025-01-09; in repair from 2025-01-06 to 2025-01-20.
    let input = CoverageInput {
        repairs: vec![repair(
            "E1",
            d(2025, 1, 6),
            Some(d(2025, 1, 20)),
            0,
            RepairOutcome::Fixed,
        )],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2025, 1, 20));
    assert_eq!(c.end, d(2025, 1, 23));
    assert_eq!(c.days_left, 3);
    assert!(c.offers(FreeRepair));
}

#[test]
fn rule_7_repair_time_still_at_the_centre_moves_the_end_day_by_day() {
    let input = CoverageInput {
        repairs: vec![repair(
            "E1",
            d(2024, 12, 30),
            None,
            0,
            RepairOutcome::NotFixed,
        )],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let on_15th = evaluate(&input, three_guarantees(), d(2025, 1, 15));
    assert_eq!(on_15th.end, d(2025, 1, 25));
    let on_20th = evaluate(&input, three_guarantees(), d(2025, 1, 20));
    assert_eq!(on_20th.end, d(2025, 1, 30));
    assert!(has_note(&on_20th, "note.repair_in_progress"));
}

#[test]
fn rule_7_repair_time_after_expiry_or_overlapping_records_count_right() {
    let base = bought(ONE_YEAR, d(2024, 1, 10), "VN");
    let late = CoverageInput {
        repairs: vec![repair(
            "E1",
            d(2025, 2, 1),
            Some(d(2025, 2, 20)),
            9,
            RepairOutcome::Fixed,
        )],
        ..base.clone()
    };
    assert_eq!(
        evaluate(&late, three_guarantees(), d(2025, 3, 1)).end,
        d(2025, 1, 9)
    );
    // Two records of the same stay (1–11 May and 5–15 May) count 14 days, not 20.
    let overlapping = CoverageInput {
        repairs: vec![
            repair(
                "E1",
                d(2024, 5, 1),
                Some(d(2024, 5, 11)),
                0,
                RepairOutcome::Fixed,
            ),
            repair(
                "E1",
                d(2024, 5, 5),
                Some(d(2024, 5, 15)),
                0,
                RepairOutcome::Fixed,
            ),
        ],
        ..base
    };
    assert_eq!(
        evaluate(&overlapping, three_guarantees(), d(2025, 3, 1)).end,
        d(2025, 1, 23)
    );
}

// Rule 8: replacement restarts.

#[test]
fn rule_8_replacement_restarts_the_warranty_from_the_replacement_date() {
    let input = CoverageInput {
        repairs: vec![
            repair(
                "E21",
                d(2024, 3, 1),
                Some(d(2024, 3, 5)),
                0,
                RepairOutcome::Fixed,
            ),
            repair(
                "E21",
                d(2024, 6, 1),
                Some(d(2024, 6, 4)),
                0,
                RepairOutcome::NotFixed,
            ),
        ],
        replacements: vec![swapped_on(d(2024, 8, 20))],
        claim: ClaimContext {
            cause: ClaimCause::PerformanceDefect,
            defect: Some("E21".to_owned()),
        },
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2024, 9, 1));
    assert_eq!(c.start, d(2024, 1, 10));
    assert_eq!(c.unit_start, d(2024, 8, 20));
    // A fresh year, without the old unit's repair days.
    assert_eq!(c.end, d(2025, 8, 19));
    assert_eq!(c.repair_extension_days, 0);
    // The old unit's repairs do not count against the new one.
    assert_eq!(kinds(&c), [FreeRepair]);
    let old = segment(&c, SegmentKind::ReplacedUnit);
    assert_eq!((old.start, old.end), (d(2024, 1, 10), d(2024, 8, 20)));
    assert_eq!(segment(&c, SegmentKind::Warranty).start, d(2024, 8, 20));
    assert_eq!(c.summary().start, d(2024, 8, 20));
}

#[test]
fn rule_8_replacement_each_replaced_unit_stays_readable_on_the_timeline() {
    let input = CoverageInput {
        replacements: vec![
            super::Replacement {
                date: d(2024, 8, 20),
                new_serial: "SN-2".to_owned(),
            },
            super::Replacement {
                date: d(2024, 5, 1),
                new_serial: "SN-1".to_owned(),
            },
        ],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2024, 9, 1));
    let old: Vec<_> = c
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::ReplacedUnit)
        .map(|s| (s.start, s.end, s.params.get("serial").cloned()))
        .collect();
    assert_eq!(
        old,
        [
            (d(2024, 1, 10), d(2024, 5, 1), None),
            (
                d(2024, 5, 1),
                d(2024, 8, 20),
                Some(ParamValue::Text("SN-1".to_owned()))
            ),
        ]
    );
    assert_eq!(c.unit_start, d(2024, 8, 20));
}

#[test]
fn rule_8_replacement_inside_the_return_window_keeps_the_sale_windows() {
    let input = CoverageInput {
        replacements: vec![swapped_on(d(2024, 3, 3))],
        ..bought(ONE_YEAR, d(2024, 3, 1), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2024, 3, 5));
    assert_eq!(remedy(&c, Refund).until, Some(d(2024, 3, 7)));
    assert_eq!(c.end, d(2025, 3, 2));
    let after = evaluate(&input, three_guarantees(), d(2024, 3, 8));
    assert_eq!(kinds(&after), [Exchange, FreeRepair]);
    assert_eq!(remedy(&after, Exchange).until, Some(d(2024, 3, 15)));
}

#[test]
fn rule_8_replacement_the_eu_legal_guarantee_restarts_too() {
    let input = CoverageInput {
        replacements: vec![swapped_on(d(2025, 2, 1))],
        ..bought(ONE_YEAR, d(2024, 3, 10), "IT")
    };
    let c = evaluate(&input, policy_for_country("IT"), d(2025, 2, 1));
    let legal = segment(&c, SegmentKind::LegalGuarantee);
    assert_eq!((legal.start, legal.end), (d(2025, 2, 1), d(2027, 1, 31)));
}

// Rule 9: extended plans.

#[test]
fn rule_9_extended_plans_an_extension_starts_after_the_warranty_and_moves_the_end() {
    let plan = ExtendedPlan {
        code: "CARE+2".to_owned(),
        kind: PlanKind::ExtensionMonths,
        start: None,
        end: None,
        months: 24,
        exclusions: Vec::new(),
    };
    let input = CoverageInput {
        plans: vec![plan],
        repairs: vec![repair(
            "E1",
            d(2024, 5, 1),
            Some(d(2024, 5, 11)),
            5,
            RepairOutcome::Fixed,
        )],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2026, 1, 1));
    let p = segment(&c, SegmentKind::Plan);
    assert_eq!((p.start, p.end), (d(2025, 1, 25), d(2027, 1, 24)));
    assert_eq!(p.covers, [Cover::Parts, Cover::Labour]);
    assert_eq!(c.end, d(2027, 1, 24));
    let r = remedy(&c, FreeRepair);
    assert_eq!(r.reason, "remedy.free_repair.plan");
    assert_eq!(
        r.params.get("plan"),
        Some(&ParamValue::Text("CARE+2".to_owned()))
    );
}

#[test]
fn rule_9_extended_plans_accidental_damage_cover_has_its_own_dates_and_exclusions() {
    let plan = ExtendedPlan {
        code: "DROP-1".to_owned(),
        kind: PlanKind::AccidentalDamage,
        start: None,
        end: None,
        months: 12,
        exclusions: vec![ClaimCause::LiquidDamage],
    };
    let base = CoverageInput {
        plans: vec![plan],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let claim = |cause| CoverageInput {
        claim: ClaimContext {
            cause,
            defect: None,
        },
        ..base.clone()
    };
    let dropped = evaluate(
        &claim(ClaimCause::AccidentalDamage),
        three_guarantees(),
        d(2024, 6, 1),
    );
    assert_eq!(kinds(&dropped), [FreeRepair]);
    assert_eq!(
        remedy(&dropped, FreeRepair).reason,
        "remedy.free_repair.accidental_damage_plan"
    );
    assert_eq!(remedy(&dropped, FreeRepair).until, Some(d(2025, 1, 9)));

    let spilled = evaluate(
        &claim(ClaimCause::LiquidDamage),
        three_guarantees(),
        d(2024, 6, 1),
    );
    assert_eq!(
        remedy(&spilled, PaidRepair).reason,
        "remedy.paid_repair.excluded"
    );

    let after = evaluate(
        &claim(ClaimCause::AccidentalDamage),
        three_guarantees(),
        d(2025, 2, 1),
    );
    let r = remedy(&after, PaidRepair);
    assert_eq!(r.reason, "remedy.paid_repair.out_of_warranty");
    assert_eq!(r.params.get("end"), Some(&ParamValue::Date(d(2025, 1, 9))));
}

#[test]
fn rule_9_extended_plans_one_with_its_own_end_keeps_its_days_when_repairs_extend_the_warranty() {
    let plan = ExtendedPlan {
        code: "TO-JUNE".to_owned(),
        kind: PlanKind::ExtensionMonths,
        start: None,
        end: Some(d(2025, 6, 30)),
        months: 0,
        exclusions: Vec::new(),
    };
    let input = CoverageInput {
        plans: vec![plan],
        repairs: vec![repair(
            "E1",
            d(2024, 5, 1),
            Some(d(2024, 5, 11)),
            0,
            RepairOutcome::Fixed,
        )],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2025, 1, 15));
    let p = segment(&c, SegmentKind::Plan);
    assert_eq!((p.start, p.end), (d(2025, 1, 10), d(2025, 6, 30)));
    assert_eq!(
        segment(&c, SegmentKind::RepairExtension).end,
        d(2025, 1, 19)
    );
    // The plan lasts longer, so it is the ground the free repair is offered on.
    assert_eq!(remedy(&c, FreeRepair).reason, "remedy.free_repair.plan");
}

#[test]
fn rule_9_extended_plans_with_a_reversed_range_add_nothing() {
    let plan = ExtendedPlan {
        code: "ODD".to_owned(),
        kind: PlanKind::ExtensionMonths,
        start: Some(d(2026, 1, 1)),
        end: Some(d(2025, 1, 1)),
        months: 0,
        exclusions: Vec::new(),
    };
    let input = CoverageInput {
        plans: vec![plan],
        ..bought(ONE_YEAR, d(2024, 1, 10), "VN")
    };
    let c = evaluate(&input, three_guarantees(), d(2024, 6, 1));
    assert!(c.segments.iter().all(|s| s.kind != SegmentKind::Plan));
    assert_eq!(c.end, d(2025, 1, 9));
}

// Rule 10: exclusions.

#[test]
fn rule_10_exclusions_an_excluded_cause_gets_a_quote_only_even_in_the_return_window() {
    let base = bought(ONE_YEAR, d(2024, 3, 1), "VN");
    for cause in ClaimCause::ALL {
        let input = CoverageInput {
            claim: ClaimContext {
                cause,
                defect: None,
            },
            ..base.clone()
        };
        for policy in shipped_policies() {
            let c = evaluate(&input, policy, d(2024, 3, 2));
            if cause == ClaimCause::PerformanceDefect {
                assert!(c.offers(FreeRepair), "{}", policy.code);
                continue;
            }
            assert_eq!(kinds(&c), [PaidRepair], "{cause:?} under {}", policy.code);
            let r = remedy(&c, PaidRepair);
            assert_eq!(r.reason, "remedy.paid_repair.excluded");
            assert_eq!(
                r.params.get("cause"),
                Some(&ParamValue::Key(cause.key().to_owned()))
            );
            assert_eq!(r.until, None);
        }
    }
}

// Rule 11: out of warranty.

#[test]
fn rule_11_out_of_warranty_service_is_still_offered_as_a_paid_repair() {
    let input = bought(ONE_YEAR, d(2024, 3, 10), "VN");
    let c = evaluate(&input, three_guarantees(), d(2025, 3, 10));
    assert_eq!(kinds(&c), [PaidRepair]);
    let r = remedy(&c, PaidRepair);
    assert_eq!(r.reason, "remedy.paid_repair.out_of_warranty");
    assert_eq!(r.params.get("end"), Some(&ParamValue::Date(d(2025, 3, 9))));
    assert_eq!(r.until, None);
    assert_eq!(c.days_left, 0);
    assert_eq!(c.summary().status, CoverageStatus::Expired);
}

#[test]
fn rule_11_out_of_warranty_before_cover_starts_says_when_it_starts() {
    let input = bought(ONE_YEAR, d(2024, 3, 10), "VN");
    let c = evaluate(&input, three_guarantees(), d(2024, 3, 1));
    let r = remedy(&c, PaidRepair);
    assert_eq!(r.reason, "remedy.paid_repair.not_covered_yet");
    assert_eq!(
        r.params.get("start"),
        Some(&ParamValue::Date(d(2024, 3, 10)))
    );
}

// The EU-style set.

#[test]
fn eu_legal_guarantee_runs_two_years_from_delivery_beside_the_warranty() {
    let input = CoverageInput {
        delivered_on: Some(d(2024, 3, 14)),
        ..bought(ONE_YEAR, d(2024, 3, 10), "PL")
    };
    let c = evaluate(&input, policy_for_country("PL"), d(2025, 6, 1));
    let legal = segment(&c, SegmentKind::LegalGuarantee);
    assert_eq!((legal.start, legal.end), (d(2024, 3, 14), d(2026, 3, 13)));
    assert_eq!(segment(&c, SegmentKind::Warranty).end, d(2025, 3, 9));
    assert_eq!(c.end, d(2026, 3, 13));
    assert_eq!(kinds(&c), [Replacement, FreeRepair]);
    assert_eq!(
        remedy(&c, FreeRepair).reason,
        "remedy.free_repair.legal_guarantee"
    );
}

#[test]
fn eu_legal_guarantee_is_three_years_in_spain_for_goods_delivered_since_2022() {
    let table = [
        ("ES", d(2021, 12, 31), d(2023, 12, 30), false),
        ("ES", d(2022, 1, 1), d(2024, 12, 31), true),
        ("es", d(2024, 2, 29), d(2027, 2, 27), true),
        ("FR", d(2022, 1, 1), d(2023, 12, 31), false),
    ];
    for (country, delivered, end, note) in table {
        let input = bought(ONE_YEAR, delivered, country);
        let c = evaluate(&input, policy_for_country(country), delivered);
        assert_eq!(
            segment(&c, SegmentKind::LegalGuarantee).end,
            end,
            "{country} {delivered}"
        );
        assert_eq!(
            has_note(&c, "note.legal_guarantee.es_three_years"),
            note,
            "{country}"
        );
    }
}

// The summary the product cards use.

#[test]
fn summary_agrees_with_summarize_for_a_plain_unit() {
    let terms = WarrantyTerms {
        parts_months: 24,
        labour_months: 12,
        registration_bonus_months: 12,
        registration_window_days: 30,
    };
    let table = [
        (d(2024, 2, 29), d(2024, 3, 10), d(2024, 6, 1)),
        (d(2024, 1, 31), d(2024, 5, 1), d(2026, 1, 30)),
        (d(2023, 12, 31), d(2023, 12, 31), d(2030, 1, 1)),
    ];
    for (purchase, registered, today) in table {
        let input = CoverageInput::new(terms, purchase, registered);
        let c = evaluate(&input, three_guarantees(), today);
        assert_eq!(
            c.summary(),
            summarize(&terms, purchase, registered, today),
            "{purchase}"
        );
    }
}

#[test]
fn coverage_travels_as_json_and_back() {
    let input = CoverageInput {
        repairs: vec![repair(
            "E1",
            d(2024, 5, 1),
            None,
            2,
            RepairOutcome::NotFixed,
        )],
        ..bought(ONE_YEAR, d(2024, 1, 10), "ES")
    };
    let json = serde_json::to_string(&input).expect("input serialises");
    let back: CoverageInput = serde_json::from_str(&json).expect("input parses");
    assert_eq!(back, input);
    let c = evaluate(&input, policy_for_country("ES"), d(2024, 6, 1));
    let json = serde_json::to_string(&c).expect("coverage serialises");
    assert!(json.contains(r#""until":{"date":"#), "{json}");
    let back: Coverage = serde_json::from_str(&json).expect("coverage parses");
    assert_eq!(back, c);
}
