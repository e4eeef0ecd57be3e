//! Measures slot generation: 60 days of 15-minute slots at a busy centre with 10,000
//! bookings, with a UTC offset function standing in for the time-zone database. Prints
//! the figure (`cargo run --release -p aftercare-core --example slots_bench`); the
//! benchmark task folds it into its report.

use std::collections::HashMap;
use std::time::Instant;

use aftercare_core::slots::{slots, CentreRules, OpeningHours, ServiceOffer, ServiceType, Taken};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};

fn main() {
    let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
    let rules = CentreRules {
        hours: (1..=7)
            .map(|weekday| OpeningHours {
                weekday,
                open: time(7),
                close: time(21),
            })
            .collect(),
        closures: vec![],
        min_notice_hours: 0,
        change_notice_hours: 24,
    };
    let offer = ServiceOffer {
        service: ServiceType::DropOffRepair,
        duration_minutes: 15,
        capacity: 6,
    };
    let from = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    let to = from + Duration::days(59);
    let offset =
        |local: chrono::NaiveDateTime| Some(Utc.from_utc_datetime(&(local - Duration::hours(1))));
    let start = Utc.from_utc_datetime(&from.and_time(time(6)));
    let mut booked = HashMap::new();
    for i in 0..10_000i64 {
        // Spread over the opening hours of the 60 days: 56 slots a day.
        let day = i % 60;
        let slot = (i / 60) % 56;
        *booked
            .entry(start + Duration::days(day) + Duration::minutes(15 * slot))
            .or_insert(0u32) += 1;
    }
    let now = start - Duration::days(1);
    let runs = 200;
    let began = Instant::now();
    let mut count = 0;
    for _ in 0..runs {
        count = slots(
            &rules,
            &offer,
            from,
            to,
            now,
            Taken {
                booked: &booked,
                blocks: &[],
            },
            &offset,
        )
        .len();
    }
    let each = began.elapsed() / runs;
    println!("slots: {count} slots over 60 days with 10,000 bookings: {each:?} per computation ({runs} runs)");
}
