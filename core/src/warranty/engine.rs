//! The evaluation itself: from a unit's paperwork, plans and service history to its
//! coverage timeline and the remedies open on one day. Every date step saturates at the
//! calendar's ends, so no input can make it panic.

use std::collections::BTreeMap;

use chrono::{Days, Months, NaiveDate};

use super::input::{
    ClaimCause, CoverageInput, ExtendedPlan, PlanKind, RepairOutcome, RepairRecord, Replacement,
};
use super::outcome::{
    Cover, Coverage, CoverageNote, CoverageSegment, ParamValue, Params, Remedy, RemedyKind,
    SegmentKind,
};
use super::policy::{CountryOverride, FallbackDate, GuaranteeAnchor, PolicySet};
use super::reasons::remedy_reason;
use crate::coverage::earns_registration_bonus;

/// Evaluates a unit's coverage under `policy` as it stands on `today`.
pub fn evaluate(input: &CoverageInput, policy: &PolicySet, today: NaiveDate) -> Coverage {
    let facts = Facts::gather(input, policy, today);
    let segments = facts.timeline(input);
    let end = segments
        .iter()
        .filter(|s| s.kind != SegmentKind::ReplacedUnit)
        .map(|s| s.end)
        .max()
        .unwrap_or_else(|| day_before(facts.unit_start));
    let remedies = facts.remedies(input, policy, today, end);
    let notes = facts.notes(today);
    let lines = [
        Some(&facts.parts),
        Some(&facts.labour),
        facts.legal.as_ref(),
    ];
    Coverage {
        policy: policy.code.clone(),
        policy_name_key: policy.name_key.clone(),
        on: today,
        provisional_start: !input.proof_of_purchase,
        start: facts.start,
        unit_start: facts.unit_start,
        end,
        days_left: (end - today).num_days().max(0),
        bonus_months: facts.bonus_months,
        repair_extension_days: lines
            .into_iter()
            .flatten()
            .map(|l| l.extension_days)
            .max()
            .unwrap_or(0),
        segments,
        remedies,
        notes,
    }
}

/// What the policy makes of one unit's paperwork and history, before looking at a day's
/// remedies.
struct Facts<'a> {
    /// First day of cover for the registration.
    start: NaiveDate,
    /// Why the start is provisional, when it is.
    start_note: Option<CoverageNote>,
    /// First day of the current unit's cover.
    unit_start: NaiveDate,
    /// Replacements, oldest first.
    replacements: Vec<&'a Replacement>,
    /// The current unit's repairs, by hand-over day.
    repairs: Vec<&'a RepairRecord>,
    bonus_months: u32,
    parts: CoverLine,
    labour: CoverLine,
    legal: Option<CoverLine>,
    country_override: Option<&'a CountryOverride>,
    windows: Vec<SaleWindowDays<'a>>,
    plans: Vec<PlanDays<'a>>,
}

/// A sale window placed on the calendar.
struct SaleWindowDays<'a> {
    kind: SegmentKind,
    /// The rule name in reason keys (`return_window`).
    source: &'static str,
    days: u32,
    remedies: &'a [RemedyKind],
    end: NaiveDate,
}

/// A plan placed on the calendar.
struct PlanDays<'a> {
    plan: &'a ExtendedPlan,
    start: NaiveDate,
    end: NaiveDate,
}

impl<'a> Facts<'a> {
    fn gather(input: &'a CoverageInput, policy: &'a PolicySet, today: NaiveDate) -> Facts<'a> {
        let CoverStart {
            start,
            note: start_note,
            as_invoice,
        } = cover_start(input, policy);

        let mut replacements: Vec<_> = input.replacements.iter().collect();
        replacements.sort_by_key(|r| r.date);
        // A replacement recorded before the start (a typing slip) cannot move cover earlier.
        let unit_start = replacements.last().map_or(start, |r| r.date.max(start));

        // Repairs belong to the unit in hand when it was handed over.
        let mut repairs: Vec<_> = input
            .repairs
            .iter()
            .filter(|r| r.handed_over >= unit_start)
            .collect();
        repairs.sort_by_key(|r| (r.handed_over, r.returned_on));

        let terms = &input.terms;
        let bonus_months =
            if earns_registration_bonus(terms, input.purchase_date, input.registered_on) {
                terms.registration_bonus_months
            } else {
                0
            };
        let mut parts =
            CoverLine::warranty(unit_start, terms.parts_months, bonus_months, Cover::Parts);
        let mut labour =
            CoverLine::warranty(unit_start, terms.labour_months, bonus_months, Cover::Labour);

        let legal_anchor = policy.legal_guarantee.as_ref().map(|g| {
            if !replacements.is_empty() || !as_invoice {
                // Replacement units, and units whose start is not an invoice date (proven
                // or declared), count from the day cover starts for them.
                unit_start
            } else if g.from == GuaranteeAnchor::DeliveryDate {
                input.delivered_on.map_or(start, |d| d.max(start))
            } else {
                start
            }
        });
        let country_override =
            policy.override_for(&input.country, legal_anchor.unwrap_or(unit_start));
        let mut legal = policy
            .legal_guarantee
            .as_ref()
            .zip(legal_anchor)
            .map(|(g, anchor)| {
                let months = country_override
                    .and_then(|o| o.legal_guarantee_months)
                    .unwrap_or(g.months);
                CoverLine::legal(anchor, months)
            });

        let warranty_end_before_repairs = parts.bonus_end.max(labour.bonus_end);
        if policy.repair_time_extends {
            for line in [Some(&mut parts), Some(&mut labour), legal.as_mut()]
                .into_iter()
                .flatten()
            {
                line.extend_by_repairs(&repairs, today);
            }
        }
        let warranty_end = parts.end.max(labour.end);

        let windows = if as_invoice {
            [
                (
                    SegmentKind::ReturnWindow,
                    "return_window",
                    policy.return_window.as_ref(),
                ),
                (
                    SegmentKind::ExchangeWindow,
                    "exchange_window",
                    policy.exchange_window.as_ref(),
                ),
            ]
            .into_iter()
            .filter_map(|(kind, source, window)| {
                let window = window.filter(|w| w.days > 0)?;
                Some(SaleWindowDays {
                    kind,
                    source,
                    days: window.days,
                    remedies: &window.remedies,
                    end: plus_days(start, i64::from(window.days) - 1),
                })
            })
            .collect()
        } else {
            // The windows count from the invoice date: without one they do not open.
            Vec::new()
        };
        let plans = input
            .plans
            .iter()
            .filter_map(|plan| {
                let (first, last) =
                    plan_dates(plan, start, warranty_end, warranty_end_before_repairs)?;
                Some(PlanDays {
                    plan,
                    start: first,
                    end: last,
                })
            })
            .collect();

        Facts {
            start,
            start_note,
            unit_start,
            replacements,
            repairs,
            bonus_months,
            parts,
            labour,
            legal,
            country_override,
            windows,
            plans,
        }
    }

    /// Last day of free cover for defects on the current unit: warranty or legal guarantee.
    fn free_end(&self) -> NaiveDate {
        let warranty_end = self.parts.end.max(self.labour.end);
        self.legal
            .as_ref()
            .map_or(warranty_end, |l| l.end.max(warranty_end))
    }

    /// The segments, ordered by start day.
    fn timeline(&self, input: &CoverageInput) -> Vec<CoverageSegment> {
        let mut segments = Vec::new();
        for window in &self.windows {
            segments.push(CoverageSegment {
                kind: window.kind,
                start: self.start,
                end: window.end,
                covers: vec![Cover::Parts, Cover::Labour],
                rule: format!("segment.{}", window.source),
                params: params([("days", ParamValue::Number(i64::from(window.days)))]),
            });
        }
        for line in [Some(&self.parts), Some(&self.labour), self.legal.as_ref()]
            .into_iter()
            .flatten()
        {
            line.push_segments(&mut segments, input.terms.registration_window_days);
        }
        for p in &self.plans {
            let (covers, rule) = match p.plan.kind {
                PlanKind::ExtensionMonths => {
                    (vec![Cover::Parts, Cover::Labour], "segment.plan.extension")
                }
                PlanKind::AccidentalDamage => (
                    vec![Cover::AccidentalDamage],
                    "segment.plan.accidental_damage",
                ),
            };
            segments.push(CoverageSegment {
                kind: SegmentKind::Plan,
                start: p.start,
                end: p.end,
                covers,
                rule: rule.to_owned(),
                params: params([("plan", ParamValue::Text(p.plan.code.clone()))]),
            });
        }
        // Each replaced unit stays on the timeline, from its first day to its swap.
        let mut unit_from = self.start;
        let mut serial: Option<&str> = None;
        for replacement in &self.replacements {
            let replaced_on = replacement.date.max(self.start);
            let mut p = params([("replaced_on", ParamValue::Date(replaced_on))]);
            if let Some(serial) = serial {
                p.insert("serial".to_owned(), ParamValue::Text(serial.to_owned()));
            }
            segments.push(CoverageSegment {
                kind: SegmentKind::ReplacedUnit,
                start: unit_from,
                end: replaced_on,
                covers: Vec::new(),
                rule: "segment.replaced_unit".to_owned(),
                params: p,
            });
            unit_from = replaced_on;
            serial = Some(&replacement.new_serial);
        }
        merge_segments(segments)
    }

    /// The remedies open on `today`, each with the rule that grants it; a quote when
    /// nothing free is.
    fn remedies(
        &self,
        input: &CoverageInput,
        policy: &PolicySet,
        today: NaiveDate,
        end: NaiveDate,
    ) -> Vec<Remedy> {
        let cause = input.claim.cause;
        let excluded = policy.exclusions.contains(&cause);
        let mut offers = Vec::new();
        // Every stretch that would cover this cause, open today or not.
        let mut cause_cover: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        if !excluded {
            for window in &self.windows {
                cause_cover.push((self.start, window.end));
                if (self.start..=window.end).contains(&today) {
                    let p = [
                        ("days", ParamValue::Number(i64::from(window.days))),
                        ("until", ParamValue::Date(window.end)),
                    ];
                    offers.extend(grant(window.remedies, window.source, p, window.end));
                }
            }
            let free_end = self.free_end();
            let repeated = repeat_failure(policy, input, &self.repairs, free_end);
            if let (Some((defect, repairs)), Some(rule)) = (repeated, &policy.repeat_failure) {
                if (self.unit_start..=free_end).contains(&today) {
                    let p = [
                        ("defect", ParamValue::Text(defect)),
                        ("repairs", ParamValue::Number(repairs)),
                        ("until", ParamValue::Date(free_end)),
                    ];
                    offers.extend(grant(&rule.remedies, "repeat_failure", p, free_end));
                }
            }
            if let (Some(line), Some(g)) = (&self.legal, &policy.legal_guarantee) {
                cause_cover.push((line.start, line.end));
                if line.covers_day(today) {
                    let p = [("until", ParamValue::Date(line.end))];
                    offers.extend(grant(&g.remedies, "legal_guarantee", p, line.end));
                }
            }
            cause_cover.push((self.parts.start, self.parts.end));
            cause_cover.push((self.labour.start, self.labour.end));
            offers.extend(warranty_remedy(&self.parts, &self.labour, today));
        }
        for p in &self.plans {
            let covered = !p.plan.exclusions.contains(&cause)
                && match p.plan.kind {
                    PlanKind::ExtensionMonths => !excluded,
                    PlanKind::AccidentalDamage => cause.is_accidental(),
                };
            if !covered {
                continue;
            }
            cause_cover.push((p.start, p.end));
            if (p.start..=p.end).contains(&today) {
                let source = match p.plan.kind {
                    PlanKind::ExtensionMonths => "plan",
                    PlanKind::AccidentalDamage => "accidental_damage_plan",
                };
                let params = [
                    ("plan", ParamValue::Text(p.plan.code.clone())),
                    ("until", ParamValue::Date(p.end)),
                ];
                offers.extend(grant(&[RemedyKind::FreeRepair], source, params, p.end));
            }
        }
        let mut remedies = best_per_kind(offers);
        if remedies.is_empty() {
            remedies.push(paid_repair(&cause_cover, cause, excluded, today, end));
        }
        remedies
    }

    /// What to tell the customer about how this was worked out.
    fn notes(&self, today: NaiveDate) -> Vec<CoverageNote> {
        let mut notes = vec![CoverageNote {
            key: "note.stated_terms".to_owned(),
            params: Params::new(),
        }];
        notes.extend(self.start_note.clone());
        if let Some(o) = self.country_override {
            if let Some(key) = &o.note_key {
                let mut p = Params::new();
                if let Some(months) = o.legal_guarantee_months {
                    p.insert("months".to_owned(), ParamValue::Number(i64::from(months)));
                }
                if let Some(from) = o.delivered_from {
                    p.insert("from".to_owned(), ParamValue::Date(from));
                }
                notes.push(CoverageNote {
                    key: key.clone(),
                    params: p,
                });
            }
        }
        let in_repair_since = self
            .repairs
            .iter()
            .filter(|r| r.returned_on.is_none() && r.handed_over <= today)
            .map(|r| r.handed_over)
            .min();
        if let Some(since) = in_repair_since {
            notes.push(CoverageNote {
                key: "note.repair_in_progress".to_owned(),
                params: params([("since", ParamValue::Date(since))]),
            });
        }
        notes
    }
}

/// The remedies a rule grants, each with the rule's reason and params.
fn grant<const N: usize>(
    kinds: &[RemedyKind],
    source: &str,
    p: [(&str, ParamValue); N],
    until: NaiveDate,
) -> Vec<Remedy> {
    let p = params(p);
    kinds
        .iter()
        .map(|&kind| Remedy {
            kind,
            reason: remedy_reason(kind, source),
            params: p.clone(),
            until: Some(until),
        })
        .collect()
}

/// One stretch of free cover (warranty parts, warranty labour, or the legal guarantee),
/// with the days repairs added to it.
struct CoverLine {
    kind: SegmentKind,
    covers: Vec<Cover>,
    months: u32,
    bonus_months: u32,
    start: NaiveDate,
    /// Last day before the registration bonus.
    base_end: NaiveDate,
    /// Last day with the bonus, before repair days.
    bonus_end: NaiveDate,
    /// Last day covered.
    end: NaiveDate,
    extension_days: i64,
}

impl CoverLine {
    fn warranty(start: NaiveDate, months: u32, bonus_months: u32, cover: Cover) -> CoverLine {
        let base_end = cover_end(start, months);
        let bonus_end = cover_end(start, months.saturating_add(bonus_months));
        CoverLine {
            kind: SegmentKind::Warranty,
            covers: vec![cover],
            months,
            bonus_months,
            start,
            base_end,
            bonus_end,
            end: bonus_end,
            extension_days: 0,
        }
    }

    fn legal(start: NaiveDate, months: u32) -> CoverLine {
        let base_end = cover_end(start, months);
        CoverLine {
            kind: SegmentKind::LegalGuarantee,
            covers: vec![Cover::Parts, Cover::Labour],
            months,
            bonus_months: 0,
            start,
            base_end,
            bonus_end: base_end,
            end: base_end,
            extension_days: 0,
        }
    }

    fn covers_day(&self, day: NaiveDate) -> bool {
        (self.start..=self.end).contains(&day)
    }

    /// Adds the days of every repair handed over while this line still covered the unit:
    /// the stay (hand-over to return, or to `today` while still there; overlapping stays
    /// count once) plus the days waiting for parts. A repair handed over on the last day
    /// still counts, so a stay spanning the end carries cover past the return.
    fn extend_by_repairs(&mut self, repairs: &[&RepairRecord], today: NaiveDate) {
        let mut counted_until: Option<NaiveDate> = None;
        for repair in repairs {
            if !self.covers_day(repair.handed_over) {
                continue;
            }
            let back = repair.returned_on.unwrap_or(today).max(repair.handed_over);
            let from = counted_until.map_or(repair.handed_over, |c| c.max(repair.handed_over));
            let stay = (back - from).num_days().max(0);
            counted_until = Some(counted_until.map_or(back, |c| c.max(back)));
            let days = stay.saturating_add(i64::from(repair.parts_wait_days));
            self.end = plus_days(self.end, days);
            self.extension_days = self.extension_days.saturating_add(days);
        }
    }

    /// Which rule the line's cover on `day` comes from.
    fn phase(&self, day: NaiveDate) -> SegmentKind {
        if day <= self.base_end {
            self.kind
        } else if day <= self.bonus_end {
            SegmentKind::RegistrationBonus
        } else {
            SegmentKind::RepairExtension
        }
    }

    fn push_segments(&self, segments: &mut Vec<CoverageSegment>, window_days: u32) {
        let rule = match self.kind {
            SegmentKind::LegalGuarantee => "segment.legal_guarantee",
            _ => "segment.warranty",
        };
        let stretches = [
            (
                self.kind,
                self.start,
                self.base_end,
                rule,
                params([("months", ParamValue::Number(i64::from(self.months)))]),
            ),
            (
                SegmentKind::RegistrationBonus,
                next_day(self.base_end),
                self.bonus_end,
                "segment.registration_bonus",
                params([
                    ("months", ParamValue::Number(i64::from(self.bonus_months))),
                    ("window_days", ParamValue::Number(i64::from(window_days))),
                ]),
            ),
            (
                SegmentKind::RepairExtension,
                next_day(self.bonus_end),
                self.end,
                "segment.repair_extension",
                params([("days", ParamValue::Number(self.extension_days))]),
            ),
        ];
        let lengths = [
            self.base_end >= self.start,
            self.bonus_end > self.base_end,
            self.end > self.bonus_end,
        ];
        for ((kind, start, end, rule, params), has_days) in stretches.into_iter().zip(lengths) {
            // An empty stretch (no months, no bonus, no repairs) is left out.
            if has_days && end >= start {
                segments.push(CoverageSegment {
                    kind,
                    start,
                    end,
                    covers: self.covers.clone(),
                    rule: rule.to_owned(),
                    params,
                });
            }
        }
    }
}

/// Where cover starts, and why.
struct CoverStart {
    /// First day of cover.
    start: NaiveDate,
    /// The note explaining a provisional start.
    note: Option<CoverageNote>,
    /// Whether the start is the invoice date, proven or declared: then the sale windows
    /// and the legal guarantee count exactly as with proof on file.
    as_invoice: bool,
}

/// The first day of cover, and the note explaining a provisional one.
fn cover_start(input: &CoverageInput, policy: &PolicySet) -> CoverStart {
    if input.proof_of_purchase {
        return CoverStart {
            start: input.purchase_date,
            note: None,
            as_invoice: true,
        };
    }
    let provisional = |start: NaiveDate, key: &str, extra: Vec<(&str, ParamValue)>| {
        let mut p = params([("start", ParamValue::Date(start))]);
        p.extend(extra.into_iter().map(|(k, v)| (k.to_owned(), v)));
        CoverStart {
            start,
            note: Some(CoverageNote {
                key: format!("note.provisional_start.{key}"),
                params: p,
            }),
            as_invoice: false,
        }
    };
    let registration = || provisional(input.registered_on, "registration_date", Vec::new());
    let declared = || CoverStart {
        as_invoice: true,
        ..provisional(input.purchase_date, "declared_purchase_date", Vec::new())
    };
    match (policy.no_proof_fallback.from, input.manufactured_on) {
        (FallbackDate::ManufactureDate, Some(made)) => {
            let grace = policy.no_proof_fallback.grace_days;
            let start = plus_days(made, i64::from(grace));
            // The unit was in the customer's hands when they registered it, so cover
            // cannot start any later than that.
            if start > input.registered_on {
                return registration();
            }
            provisional(
                start,
                "manufacture_date",
                vec![
                    ("manufactured_on", ParamValue::Date(made)),
                    ("grace_days", ParamValue::Number(i64::from(grace))),
                ],
            )
        }
        (FallbackDate::ManufactureDate | FallbackDate::DeclaredPurchaseDate, _) => declared(),
        (FallbackDate::RegistrationDate, _) => registration(),
    }
}

/// A plan's first and last day, or `None` when it covers no day at all. An extension
/// without its own start follows the warranty: one counted in months starts after the
/// repair days too, so they are not lost; one with a fixed end keeps all its days.
fn plan_dates(
    plan: &ExtendedPlan,
    start: NaiveDate,
    warranty_end: NaiveDate,
    warranty_end_before_repairs: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let plan_start = plan.start.unwrap_or(match (plan.kind, plan.end) {
        (PlanKind::ExtensionMonths, None) => next_day(warranty_end),
        (PlanKind::ExtensionMonths, Some(_)) => next_day(warranty_end_before_repairs),
        (PlanKind::AccidentalDamage, _) => start,
    });
    let plan_end = match plan.end {
        Some(end) => end,
        None if plan.months == 0 => return None,
        None => cover_end(plan_start, plan.months),
    };
    (plan_end >= plan_start).then_some((plan_start, plan_end))
}

/// The defect that opened the repeat-failure remedies, and how many repairs it took:
/// enough completed repairs of one defect within cover, and it still fails (the last of
/// them came back not fixed, or the customer reports the same defect again).
fn repeat_failure(
    policy: &PolicySet,
    input: &CoverageInput,
    repairs: &[&RepairRecord],
    free_end: NaiveDate,
) -> Option<(String, i64)> {
    let threshold = policy.repeat_failure.as_ref()?.repairs.max(1);
    let claimed = input.claim.defect.as_deref().map(normalize_defect);
    // Per defect: completed repairs, the last one's outcome, and the code as last written.
    let mut by_defect: BTreeMap<String, (i64, RepairOutcome, &str)> = BTreeMap::new();
    for repair in repairs {
        let defect = normalize_defect(&repair.defect);
        if defect.is_empty() || repair.returned_on.is_none() || repair.handed_over > free_end {
            continue;
        }
        let entry = by_defect.entry(defect).or_insert((0, repair.outcome, ""));
        entry.0 += 1;
        entry.1 = repair.outcome;
        entry.2 = repair.defect.trim();
    }
    by_defect
        .into_iter()
        .filter(|(defect, (count, last, _))| {
            *count >= i64::from(threshold)
                && (*last == RepairOutcome::NotFixed || claimed.as_deref() == Some(defect.as_str()))
        })
        .max_by_key(|(_, (count, _, _))| *count)
        .map(|(_, (count, _, shown))| (shown.to_owned(), count))
}

fn normalize_defect(code: &str) -> String {
    code.trim().to_lowercase()
}

/// Free repair while both parts and labour are covered; a repair with one of them paid
/// while only the other is.
fn warranty_remedy(parts: &CoverLine, labour: &CoverLine, today: NaiveDate) -> Option<Remedy> {
    match (parts.covers_day(today), labour.covers_day(today)) {
        (true, true) => {
            // Free repair lasts while both do: the line ending first decides.
            let line = if parts.end <= labour.end {
                parts
            } else {
                labour
            };
            let until = ParamValue::Date(line.end);
            let (source, p) = match line.phase(today) {
                SegmentKind::RegistrationBonus => (
                    "registration_bonus",
                    params([
                        ("months", ParamValue::Number(i64::from(line.bonus_months))),
                        ("until", until),
                    ]),
                ),
                SegmentKind::RepairExtension => (
                    "repair_extension",
                    params([
                        ("days", ParamValue::Number(line.extension_days)),
                        ("until", until),
                    ]),
                ),
                _ => ("warranty", params([("until", until)])),
            };
            Some(Remedy {
                kind: RemedyKind::FreeRepair,
                reason: remedy_reason(RemedyKind::FreeRepair, source),
                params: p,
                until: Some(line.end),
            })
        }
        (true, false) => Some(partly_paid("parts_covered", parts.end)),
        (false, true) => Some(partly_paid("labour_covered", labour.end)),
        (false, false) => None,
    }
}

fn partly_paid(source: &str, until: NaiveDate) -> Remedy {
    Remedy {
        kind: RemedyKind::PaidRepair,
        reason: remedy_reason(RemedyKind::PaidRepair, source),
        params: params([("until", ParamValue::Date(until))]),
        until: Some(until),
    }
}

/// The quote-only answer when nothing free is open, saying why in the customer's terms.
fn paid_repair(
    cause_cover: &[(NaiveDate, NaiveDate)],
    cause: ClaimCause,
    excluded: bool,
    today: NaiveDate,
    end: NaiveDate,
) -> Remedy {
    let real: Vec<_> = cause_cover.iter().filter(|(s, e)| e >= s).collect();
    let next_start = real.iter().map(|(s, _)| *s).filter(|s| *s > today).min();
    let last_end = real.iter().map(|(_, e)| *e).max();
    let (source, p) = if let Some(start) = next_start {
        (
            "not_covered_yet",
            params([("start", ParamValue::Date(start))]),
        )
    } else if let Some(ended) = last_end {
        (
            "out_of_warranty",
            params([("end", ParamValue::Date(ended))]),
        )
    } else if excluded {
        (
            "excluded",
            params([("cause", ParamValue::Key(cause.key().to_owned()))]),
        )
    } else {
        ("out_of_warranty", params([("end", ParamValue::Date(end))]))
    };
    Remedy {
        kind: RemedyKind::PaidRepair,
        reason: remedy_reason(RemedyKind::PaidRepair, source),
        params: p,
        until: None,
    }
}

/// One remedy per kind, on the grounds that last longest (the first listed on a tie);
/// a paid repair only when nothing free is open. Ordered most generous first.
fn best_per_kind(offers: Vec<Remedy>) -> Vec<Remedy> {
    let mut best: BTreeMap<RemedyKind, Remedy> = BTreeMap::new();
    for offer in offers {
        match best.get(&offer.kind) {
            Some(kept) if kept.until >= offer.until => {}
            _ => {
                best.insert(offer.kind, offer);
            }
        }
    }
    let any_free = best.keys().any(|k| *k != RemedyKind::PaidRepair);
    best.into_values()
        .filter(|r| !(any_free && r.kind == RemedyKind::PaidRepair))
        .collect()
}

/// Joins stretches that say the same thing over the same days (parts and labour ending
/// together become one bar) and orders the timeline.
fn merge_segments(segments: Vec<CoverageSegment>) -> Vec<CoverageSegment> {
    let mut merged: Vec<CoverageSegment> = Vec::new();
    for segment in segments {
        let same = merged.iter_mut().find(|m| {
            m.kind == segment.kind
                && m.start == segment.start
                && m.end == segment.end
                && m.rule == segment.rule
                && m.params == segment.params
        });
        match same {
            Some(m) => m.covers.extend(segment.covers),
            None => merged.push(segment),
        }
    }
    for segment in &mut merged {
        segment.covers.sort();
        segment.covers.dedup();
    }
    merged.sort_by_key(|s| (s.start, s.kind, s.end));
    merged
}

fn params<const N: usize>(pairs: [(&str, ParamValue); N]) -> Params {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The last day covered by `months` of cover from `start` (the day before the same date
/// `months` later, or the month's last day when that date does not exist).
fn cover_end(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .map_or(NaiveDate::MAX, day_before)
}

fn plus_days(day: NaiveDate, days: i64) -> NaiveDate {
    let step = Days::new(days.unsigned_abs());
    if days >= 0 {
        day.checked_add_days(step).unwrap_or(NaiveDate::MAX)
    } else {
        day.checked_sub_days(step).unwrap_or(NaiveDate::MIN)
    }
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(NaiveDate::MAX)
}

fn day_before(day: NaiveDate) -> NaiveDate {
    day.pred_opt().unwrap_or(NaiveDate::MIN)
}
