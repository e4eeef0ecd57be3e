//! The warranty engine's first rules: coverage starts on the invoice date, runs for the
//! model's parts and labour months, and gains the brand's registration bonus when the
//! unit was registered in time. Dates are whole days; an end date is the last day covered.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days before the end at which a product is flagged "ends soon".
pub const ENDS_SOON_DAYS: i64 = 60;

/// The manufacturer's warranty terms for a model.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarrantyTerms {
    /// Months of parts cover from the start.
    pub parts_months: u32,
    /// Months of labour cover from the start.
    pub labour_months: u32,
    /// Months added when the unit is registered within the window (0: no bonus).
    #[serde(default)]
    pub registration_bonus_months: u32,
    /// Days after purchase within which registering earns the bonus.
    #[serde(default)]
    pub registration_window_days: u32,
}

/// Where a product stands on a day, in one word (and colour) for its card.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// Covered, with more than [`ENDS_SOON_DAYS`] left.
    Active,
    /// Covered, ending within [`ENDS_SOON_DAYS`].
    EndsSoon,
    /// No longer covered.
    Expired,
}

/// A unit's coverage on one day: the dates a product card and page show.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageSummary {
    /// The first covered day (the invoice date).
    pub start: NaiveDate,
    /// Last day parts are covered.
    pub parts_end: NaiveDate,
    /// Last day labour is covered.
    pub labour_end: NaiveDate,
    /// Last day anything is covered.
    pub end: NaiveDate,
    /// Whole days from the given day to `end` (0 on the last day and after).
    pub days_left: i64,
    /// Active, ending soon or expired.
    pub status: CoverageStatus,
    /// Months the registration bonus added (0 when none).
    pub bonus_months: u32,
}

/// The last day covered by `months` of cover starting on `start`; `None` only for dates
/// beyond the calendar's range.
pub fn last_covered_day(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))?.pred_opt()
}

/// Whether registering on `registered_on` earns the model's bonus.
pub fn earns_registration_bonus(
    terms: &WarrantyTerms,
    purchase: NaiveDate,
    registered_on: NaiveDate,
) -> bool {
    terms.registration_bonus_months > 0
        && (registered_on - purchase).num_days() <= i64::from(terms.registration_window_days)
}

/// Computes the summary for a unit bought on `purchase`, registered on `registered_on`,
/// as it stands on `today`.
pub fn summarize(
    terms: &WarrantyTerms,
    purchase: NaiveDate,
    registered_on: NaiveDate,
    today: NaiveDate,
) -> CoverageSummary {
    let bonus_months = if earns_registration_bonus(terms, purchase, registered_on) {
        terms.registration_bonus_months
    } else {
        0
    };
    let parts_end =
        last_covered_day(purchase, terms.parts_months + bonus_months).unwrap_or(NaiveDate::MAX);
    let labour_end =
        last_covered_day(purchase, terms.labour_months + bonus_months).unwrap_or(NaiveDate::MAX);
    let end = parts_end.max(labour_end);
    let days_left = (end - today).num_days().max(0);
    let status = if today > end {
        CoverageStatus::Expired
    } else if days_left <= ENDS_SOON_DAYS {
        CoverageStatus::EndsSoon
    } else {
        CoverageStatus::Active
    };
    CoverageSummary {
        start: purchase,
        parts_end,
        labour_end,
        end,
        days_left,
        status,
        bonus_months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    const TWO_YEARS: WarrantyTerms = WarrantyTerms {
        parts_months: 24,
        labour_months: 24,
        registration_bonus_months: 0,
        registration_window_days: 0,
    };

    #[test]
    fn rule_start_two_years_from_the_invoice_date_end_the_day_before_the_anniversary() {
        let s = summarize(&TWO_YEARS, d(2024, 3, 10), d(2024, 3, 10), d(2024, 6, 18));
        assert_eq!(s.start, d(2024, 3, 10));
        assert_eq!(s.end, d(2026, 3, 9));
        assert_eq!(s.days_left, (d(2026, 3, 9) - d(2024, 6, 18)).num_days());
        assert_eq!(s.status, CoverageStatus::Active);
    }

    #[test]
    fn a_leap_day_purchase_ends_at_the_end_of_february() {
        let s = summarize(&TWO_YEARS, d(2024, 2, 29), d(2024, 2, 29), d(2024, 3, 1));
        // 29 Feb 2026 does not exist: the anniversary is 28 Feb, so cover ends on 27 Feb.
        assert_eq!(s.end, d(2026, 2, 27));
    }

    #[test]
    fn parts_and_labour_can_differ_and_the_later_one_is_the_end() {
        let terms = WarrantyTerms {
            parts_months: 60,
            labour_months: 12,
            ..TWO_YEARS
        };
        let s = summarize(&terms, d(2025, 1, 1), d(2025, 1, 1), d(2025, 1, 1));
        assert_eq!(s.labour_end, d(2025, 12, 31));
        assert_eq!(s.parts_end, d(2029, 12, 31));
        assert_eq!(s.end, s.parts_end);
    }

    #[test]
    fn rule_registration_bonus_only_when_registered_within_the_window() {
        let terms = WarrantyTerms {
            registration_bonus_months: 12,
            registration_window_days: 30,
            ..TWO_YEARS
        };
        let in_time = summarize(&terms, d(2025, 1, 1), d(2025, 1, 31), d(2025, 2, 1));
        assert_eq!(in_time.bonus_months, 12);
        assert_eq!(in_time.end, d(2027, 12, 31));
        let late = summarize(&terms, d(2025, 1, 1), d(2025, 2, 1), d(2025, 2, 1));
        assert_eq!(late.bonus_months, 0);
        assert_eq!(late.end, d(2026, 12, 31));
    }

    #[test]
    fn status_is_ends_soon_within_sixty_days_and_expired_after_the_last_day() {
        let buy = d(2024, 1, 1);
        let end = d(2025, 12, 31);
        let at = |day| summarize(&TWO_YEARS, buy, buy, day);
        assert_eq!(
            at(end - chrono::Duration::days(61)).status,
            CoverageStatus::Active
        );
        assert_eq!(
            at(end - chrono::Duration::days(60)).status,
            CoverageStatus::EndsSoon
        );
        assert_eq!(at(end).status, CoverageStatus::EndsSoon);
        assert_eq!(at(end).days_left, 0);
        assert_eq!(at(d(2026, 1, 1)).status, CoverageStatus::Expired);
        assert_eq!(at(d(2026, 1, 1)).days_left, 0);
    }

    proptest::proptest! {
        #[test]
        fn days_left_is_never_negative_and_end_never_precedes_start(
            buy in 0i64..40_000, reg in 0i64..2_000, today in 0i64..60_000,
            parts in 0u32..240, labour in 0u32..240, bonus in 0u32..60, window in 0u32..400,
        ) {
            let base = d(1990, 1, 1);
            let purchase = base + chrono::Duration::days(buy);
            let terms = WarrantyTerms { parts_months: parts, labour_months: labour,
                registration_bonus_months: bonus, registration_window_days: window };
            let s = summarize(&terms, purchase, purchase + chrono::Duration::days(reg),
                base + chrono::Duration::days(today));
            proptest::prop_assert!(s.days_left >= 0);
            proptest::prop_assert!(s.end >= s.start.pred_opt().unwrap_or(s.start));
        }
    }
}
