//! Warranty claims as both sides see them: the status chip, the progress stepper, the
//! dated timeline, the message thread and its compose box, the quote, the photos and the
//! one-file upload widget. Display pieces take core's wire types as props, so the
//! customer's claim page and the agents' back office draw a claim the same way.

pub mod card;
pub mod compose;
pub mod decision;
pub mod file_upload;
pub mod photos;
pub mod progress;
pub mod quote_card;
pub mod status_chip;
pub mod survey;
pub mod thread;
pub mod timeline;
pub mod tracking;

pub use card::ClaimCard;
pub use compose::MessageCompose;
pub use decision::QuoteDecision;
pub use file_upload::FileUpload;
pub use photos::PhotoGallery;
pub use progress::ClaimProgress;
pub use quote_card::{money, QuoteView};
pub use status_chip::StatusChip;
pub use survey::SatisfactionSurvey;
pub use thread::MessageThread;
pub use timeline::ClaimTimeline;
pub use tracking::TrackingLinkControl;

use aftercare_core::warranty::ClaimCause;
use chrono::{DateTime, Utc};

use crate::dates::Shape;
use crate::state::i18n::I18n;

/// The browser's own time zone (an IANA name), `UTC` when it cannot be read.
#[cfg(target_arch = "wasm32")]
pub fn browser_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Native builds (tests): UTC.
#[cfg(not(target_arch = "wasm32"))]
pub fn browser_zone() -> String {
    "UTC".to_owned()
}

/// A moment on the customer's own clock: "24 Nov 2026, 09:30".
pub fn moment(i18n: I18n, at: DateTime<Utc>) -> String {
    let zone = browser_zone();
    i18n.t_with(
        "claim.moment",
        &[
            ("date", &i18n.instant(at, &zone, Shape::Date)),
            ("time", &i18n.instant(at, &zone, Shape::Time)),
        ],
    )
}

/// The day of a moment on the customer's own clock: "24 Nov 2026".
pub fn day(i18n: I18n, at: DateTime<Utc>) -> String {
    i18n.instant(at, &browser_zone(), Shape::Date)
}

/// The plain-language name of a cause and a line saying what it covers.
pub fn cause_keys(cause: ClaimCause) -> (&'static str, &'static str) {
    match cause {
        ClaimCause::PerformanceDefect => (
            "claim.cause.performance_defect",
            "claim.cause.performance_defect_hint",
        ),
        ClaimCause::AccidentalDamage => (
            "claim.cause.accidental_damage",
            "claim.cause.accidental_damage_hint",
        ),
        ClaimCause::LiquidDamage => (
            "claim.cause.liquid_damage",
            "claim.cause.liquid_damage_hint",
        ),
        ClaimCause::UnauthorisedRepair => (
            "claim.cause.unauthorised_repair",
            "claim.cause.unauthorised_repair_hint",
        ),
        ClaimCause::Consumable => ("claim.cause.consumable", "claim.cause.consumable_hint"),
        ClaimCause::CosmeticWear => (
            "claim.cause.cosmetic_wear",
            "claim.cause.cosmetic_wear_hint",
        ),
    }
}
