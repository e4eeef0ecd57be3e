//! Coverage that stays current without the network: the engine re-run in the browser on
//! the input the server sent, for the market's today, which moves on at its midnight.

use std::time::Duration;

use aftercare_core::api::ProductCoverage;
use aftercare_core::warranty::{evaluate, policy_for_country, Coverage};
use aftercare_core::NaiveDate;
use leptos::prelude::*;

use crate::dates;

/// How often the page checks whether the day has changed.
const TICK: Duration = Duration::from_secs(60);

/// The engine's answer for `today`, from what the server's answer was computed from: the
/// same code and the same policy file as on the server, so it can only differ from the
/// server's answer by the day it is evaluated for.
pub fn recompute(pc: &ProductCoverage, today: NaiveDate) -> Coverage {
    evaluate(&pc.input, policy_for_country(&pc.input.country), today)
}

/// Today on the calendar of the market `country` (the day the server counts from too),
/// updated once a minute while the component lives (a page left open overnight shows
/// tomorrow's days left).
pub fn use_today(country: &str) -> Signal<NaiveDate> {
    let country = country.to_owned();
    let today = RwSignal::new(dates::market_today(&country));
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let now = dates::market_today(&country);
            if today.get_untracked() != now {
                today.set(now);
            }
        },
        TICK,
    ) {
        on_cleanup(move || handle.clear());
    }
    today.into()
}
