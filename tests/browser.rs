//! The app's pieces in a real browser (headless Chromium): dates and plurals through
//! `Intl`, and components rendering what a customer reads. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test -p aftercare --target wasm32-unknown-unknown --test browser`.

#![cfg(target_arch = "wasm32")]

use aftercare::components::common::ErrorSummary;
use aftercare::components::coverage::{
    CoverageBadge, CoverageDetails, CoverageTimeline, RemediesToday,
};
use aftercare::dates;
use aftercare::forms::FormErrors;
use aftercare::state::i18n::provide_i18n;
use aftercare_core::coverage::WarrantyTerms;
use aftercare_core::coverage::{CoverageStatus, CoverageSummary};
use aftercare_core::problem::FieldError;
use aftercare_core::warranty::{evaluate, policy_for_country, CoverageInput};
use aftercare_core::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn summary() -> CoverageSummary {
    CoverageSummary {
        start: day(2026, 8, 17),
        parts_end: day(2028, 8, 16),
        labour_end: day(2028, 8, 16),
        end: day(2028, 8, 16),
        days_left: 630,
        status: CoverageStatus::Active,
        bonus_months: 0,
    }
}

/// Renders `view` into a fresh element and returns that element.
fn render<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let host = document()
        .create_element("div")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(|| panic!("a div"));
    if let Some(body) = document().body() {
        let _ = body.append_child(&host);
    }
    leptos::mount::mount_to(host.clone(), move || {
        provide_i18n();
        view()
    })
    .forget();
    host
}

#[wasm_bindgen_test]
fn english_dates_read_day_first() {
    assert_eq!(dates::format(day(2028, 8, 16), "en-GB"), "16 Aug 2028");
}

#[wasm_bindgen_test]
fn plurals_follow_each_language_s_rules() {
    assert_eq!(dates::plural_category(1, "en"), "one");
    assert_eq!(dates::plural_category(630, "en"), "other");
    assert_eq!(dates::plural_category(3, "pl"), "few");
}

#[wasm_bindgen_test]
fn a_card_says_where_coverage_stands_in_words() {
    let host = render(|| view! { <CoverageBadge summary=summary() /> });
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Active"), "{text}");
    assert!(
        text.contains("Covered until 16 Aug 2028 · 630 days left"),
        "{text}"
    );
}

#[wasm_bindgen_test]
fn the_product_page_labels_the_end_date_and_days_left() {
    let host = render(|| view! { <CoverageDetails summary=summary() /> });
    // `dt` and `dd` are blocks: each label is followed by its value on the next line.
    let text = host.inner_text();
    assert!(
        text.contains("Covered until\n16 Aug 2028\nDays left\n630"),
        "{text}"
    );
    assert!(text.starts_with("Covered from\n17 Aug 2026"), "{text}");
}

#[wasm_bindgen_test]
fn an_error_summary_links_each_message_to_its_field() {
    let host = render(|| {
        let errors = FormErrors::new();
        errors
            .set(vec![FieldError::new("serial", "error.serial_format", "x")
                .with("example", "WM-12345678")]);
        view! { <ErrorSummary errors id_prefix="register-" /> }
    });
    let link = host
        .query_selector("a[href='#register-serial']")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("a link to the serial field"));
    assert_eq!(
        link.text_content().unwrap_or_default(),
        "Enter the serial number as it is printed on the label, like WM-12345678"
    );
    assert!(host.query_selector("[role=alert]").ok().flatten().is_some());
}

#[wasm_bindgen_test]
fn the_engine_in_the_browser_draws_the_timeline_and_lists_the_remedies() {
    let terms = WarrantyTerms {
        parts_months: 12,
        labour_months: 12,
        registration_bonus_months: 0,
        registration_window_days: 0,
    };
    let mut input = CoverageInput::new(terms, day(2025, 3, 1), day(2025, 3, 1));
    input.country = "VN".into();
    let today = day(2025, 3, 5);
    let coverage = evaluate(&input, policy_for_country("VN"), today);
    let segments = coverage.segments.len();
    let host = render(move || {
        let c = coverage.clone();
        view! {
            <CoverageTimeline coverage=c today />
            <RemediesToday coverage />
        }
    });
    let svg = host
        .query_selector("svg[role=img]")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the timeline"));
    assert_eq!(
        svg.get_attribute("aria-label").unwrap_or_default(),
        "Covered from 1 Mar 2025 until 28 Feb 2026; today is 5 Mar 2025."
    );
    let rows = svg.inner_html().matches("<g ").count();
    assert_eq!(rows, segments);
    let text = host.text_content().unwrap_or_default();
    for expected in [
        "Return window: 7 days from purchase",
        "Manufacturer's warranty: 12 months",
        "Today",
        "Ends 28 Feb 2026",
        "Refund",
        "Exchange",
        "Free repair",
        "Return it for a full refund: it's within 7 days of purchase (until 7 Mar 2025).",
        "Until 7 Mar 2025",
        "These are the seller's stated terms, not legal advice.",
        "Rules applied: Return, exchange and repair guarantee",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
}
