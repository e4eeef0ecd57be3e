//! Slot arithmetic for service appointments: free slots come from a centre's opening
//! hours in its own time zone, in steps of the service's duration, minus closures, blocked
//! time and bookings (up to the service's parallel capacity), and never sooner than the
//! centre's minimum notice. Time-zone rules come in as a function, so this module needs
//! no time-zone database (the server passes chrono-tz; the wasm stays small).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// What an appointment is for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceType {
    /// Bring the unit in for repair.
    DropOffRepair,
    /// Find out what is wrong.
    Diagnosis,
    /// Scheduled maintenance.
    Maintenance,
    /// Installation and set-up.
    Installation,
    /// Learning to use it.
    Training,
    /// A technician comes to the customer's address.
    OnSiteRepair,
}

impl ServiceType {
    /// Every service type.
    pub const ALL: [ServiceType; 6] = [
        ServiceType::DropOffRepair,
        ServiceType::Diagnosis,
        ServiceType::Maintenance,
        ServiceType::Installation,
        ServiceType::Training,
        ServiceType::OnSiteRepair,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::DropOffRepair => "drop_off_repair",
            ServiceType::Diagnosis => "diagnosis",
            ServiceType::Maintenance => "maintenance",
            ServiceType::Installation => "installation",
            ServiceType::Training => "training",
            ServiceType::OnSiteRepair => "on_site_repair",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<ServiceType> {
        ServiceType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether the visit happens at the customer's address.
    pub fn is_on_site(self) -> bool {
        self == ServiceType::OnSiteRepair
    }
}

/// Opening hours for one weekday (a centre may have several intervals a day).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Opening time, local.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{2}:\d{2}:\d{2}(\.\d+)?$"))]
    pub open: NaiveTime,
    /// Closing time, local (the last slot ends by then).
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{2}:\d{2}:\d{2}(\.\d+)?$"))]
    pub close: NaiveTime,
}

/// A service a centre offers: how long it takes and how many can run at once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceOffer {
    /// The service.
    pub service: ServiceType,
    /// Length of one appointment, in minutes (at least 5).
    pub duration_minutes: u32,
    /// Parallel technicians or bays.
    pub capacity: u32,
}

/// A centre's calendar rules.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CentreRules {
    /// Opening hours per weekday.
    pub hours: Vec<OpeningHours>,
    /// Days the centre is closed (holidays), local dates.
    #[serde(default)]
    pub closures: Vec<NaiveDate>,
    /// Hours of notice needed to book.
    pub min_notice_hours: u32,
    /// Hours of notice needed to reschedule or cancel.
    pub change_notice_hours: u32,
}

/// One bookable slot.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Start, UTC (what a booking sends back).
    pub start: DateTime<Utc>,
    /// End, UTC.
    pub end: DateTime<Utc>,
    /// Start in the centre's local time (what the customer reads, with the zone named).
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"))]
    pub local_start: NaiveDateTime,
    /// End in the centre's local time.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$"))]
    pub local_end: NaiveDateTime,
    /// Places still free.
    pub free: u32,
    /// Places in all.
    pub capacity: u32,
}

/// Time taken out of the calendar: blocked by an agent (the whole centre).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// First instant blocked.
    pub start: DateTime<Utc>,
    /// First instant free again.
    pub end: DateTime<Utc>,
}

/// What is already taken in a centre's calendar for one service.
#[derive(Debug, Clone, Copy)]
pub struct Taken<'a> {
    /// Places booked, by slot start.
    pub booked: &'a HashMap<DateTime<Utc>, u32>,
    /// Time blocked for the whole centre.
    pub blocks: &'a [Block],
}

/// The UTC instant of a local time in the centre's zone; `None` for a local time that
/// does not exist (skipped by a daylight-saving change).
pub type ToUtc<'a> = &'a dyn Fn(NaiveDateTime) -> Option<DateTime<Utc>>;

/// Longest range of days one request may ask for.
pub const MAX_DAYS: i64 = 62;

/// The slots of `offer` between the local dates `from` and `to` (inclusive), with the
/// places left after what is `taken` (bookings by start, and blocked time), that start
/// at least the minimum notice after `now`. Full slots are kept (free 0) so a calendar
/// can show them as taken; filter on `free` for bookable ones.
pub fn slots(
    rules: &CentreRules,
    offer: &ServiceOffer,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    taken: Taken<'_>,
    to_utc: ToUtc<'_>,
) -> Vec<Slot> {
    let Taken { booked, blocks } = taken;
    let mut out = Vec::new();
    let step = Duration::minutes(i64::from(offer.duration_minutes.max(5)));
    let earliest = now + Duration::hours(i64::from(rules.min_notice_hours));
    let to = to.min(from + Duration::days(MAX_DAYS));
    let mut day = from;
    while day <= to {
        if !rules.closures.contains(&day) {
            let weekday = u8::try_from(day.weekday().number_from_monday()).unwrap_or(1);
            let mut intervals: Vec<&OpeningHours> = rules
                .hours
                .iter()
                .filter(|h| h.weekday == weekday)
                .collect();
            intervals.sort_by_key(|h| h.open);
            for hours in intervals {
                let close = day.and_time(hours.close);
                let mut local = day.and_time(hours.open);
                while local + step <= close {
                    let local_end = local + step;
                    if let (Some(start), Some(end)) = (to_utc(local), to_utc(local_end)) {
                        if start >= earliest && end > start {
                            let blocked = blocks.iter().any(|b| b.start < end && start < b.end);
                            let taken = booked.get(&start).copied().unwrap_or(0);
                            let free = if blocked {
                                0
                            } else {
                                offer.capacity.saturating_sub(taken)
                            };
                            out.push(Slot {
                                start,
                                end,
                                local_start: local,
                                local_end,
                                free,
                                capacity: offer.capacity,
                            });
                        }
                    }
                    local = local_end;
                }
            }
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    out
}

/// The local days that still have room, with how many places in all.
pub fn days_with_room(slots: &[Slot]) -> Vec<(NaiveDate, u32)> {
    let mut days: Vec<(NaiveDate, u32)> = Vec::new();
    for slot in slots.iter().filter(|s| s.free > 0) {
        let day = slot.local_start.date();
        match days.last_mut() {
            Some((d, n)) if *d == day => *n += slot.free,
            _ => days.push((day, slot.free)),
        }
    }
    days
}

/// The last instant an appointment starting at `start` may still be changed or cancelled.
pub fn change_cutoff(rules: &CentreRules, start: DateTime<Utc>) -> DateTime<Utc> {
    start - Duration::hours(i64::from(rules.change_notice_hours))
}

/// Whether an on-site address is in the area, served by postal-code prefixes (spaces
/// and case ignored).
pub fn in_area(prefixes: &[String], postal_code: &str) -> bool {
    let code: String = postal_code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    !code.is_empty()
        && prefixes.iter().any(|p| {
            let p: String = p
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            !p.is_empty() && code.starts_with(&p)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Tz;

    fn zone(tz: Tz) -> impl Fn(NaiveDateTime) -> Option<DateTime<Utc>> {
        move |local| {
            tz.from_local_datetime(&local)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    fn every_day(open: NaiveTime, close: NaiveTime) -> CentreRules {
        CentreRules {
            hours: (1..=7)
                .map(|weekday| OpeningHours {
                    weekday,
                    open,
                    close,
                })
                .collect(),
            closures: vec![],
            min_notice_hours: 0,
            change_notice_hours: 24,
        }
    }

    const REPAIR: ServiceOffer = ServiceOffer {
        service: ServiceType::DropOffRepair,
        duration_minutes: 60,
        capacity: 2,
    };

    fn long_ago() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
            .single()
            .expect("instant")
    }

    #[test]
    fn slots_follow_opening_hours_in_the_centres_zone() {
        let rules = every_day(t(9, 0), t(12, 0));
        let warsaw = zone(chrono_tz::Europe::Warsaw);
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 7, 1),
            d(2026, 7, 1),
            long_ago(),
            Taken {
                booked: &HashMap::new(),
                blocks: &[],
            },
            &warsaw,
        );
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].local_start, d(2026, 7, 1).and_time(t(9, 0)));
        // Warsaw is UTC+2 in summer.
        assert_eq!(
            s[0].start,
            Utc.with_ymd_and_hms(2026, 7, 1, 7, 0, 0)
                .single()
                .expect("i")
        );
        assert!(s.iter().all(|x| x.free == 2));
    }

    #[test]
    fn the_spring_forward_gap_has_no_slot_and_utc_times_stay_an_hour_apart() {
        // Europe/Warsaw: 29 Mar 2026, 02:00 → 03:00.
        let rules = every_day(t(0, 0), t(5, 0));
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 3, 29),
            d(2026, 3, 29),
            long_ago(),
            Taken {
                booked: &HashMap::new(),
                blocks: &[],
            },
            &zone(chrono_tz::Europe::Warsaw),
        );
        let locals: Vec<u32> = s
            .iter()
            .map(|x| chrono::Timelike::hour(&x.local_start))
            .collect();
        assert_eq!(locals, [0, 3, 4]);
        // 01:00–02:00 local does not exist as an end time, so the slot starting at 01:00 is dropped too.
        assert!(s.windows(2).all(|w| w[1].start > w[0].start));
    }

    #[test]
    fn the_fall_back_hour_gives_one_slot_per_local_hour_and_no_duplicates() {
        // Europe/Warsaw: 25 Oct 2026, 03:00 → 02:00.
        let rules = every_day(t(0, 0), t(5, 0));
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 10, 25),
            d(2026, 10, 25),
            long_ago(),
            Taken {
                booked: &HashMap::new(),
                blocks: &[],
            },
            &zone(chrono_tz::Europe::Warsaw),
        );
        assert_eq!(s.len(), 5);
        let mut starts: Vec<_> = s.iter().map(|x| x.start).collect();
        starts.dedup();
        assert_eq!(starts.len(), 5);
        // The 02:00 slot is 2 h long in real time (02:00 CEST → 03:00 CET).
        let two = s
            .iter()
            .find(|x| chrono::Timelike::hour(&x.local_start) == 2)
            .expect("slot");
        assert_eq!((two.end - two.start).num_hours(), 2);
    }

    #[test]
    fn closures_remove_whole_days_and_blocks_remove_the_slots_they_touch() {
        let mut rules = every_day(t(9, 0), t(12, 0));
        rules.closures.push(d(2026, 12, 25));
        let utc = zone(chrono_tz::UTC);
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 12, 24),
            d(2026, 12, 26),
            long_ago(),
            Taken {
                booked: &HashMap::new(),
                blocks: &[],
            },
            &utc,
        );
        assert!(s.iter().all(|x| x.local_start.date() != d(2026, 12, 25)));
        assert_eq!(s.len(), 6);
        let block = Block {
            start: Utc
                .with_ymd_and_hms(2026, 12, 24, 9, 30, 0)
                .single()
                .expect("i"),
            end: Utc
                .with_ymd_and_hms(2026, 12, 24, 10, 30, 0)
                .single()
                .expect("i"),
        };
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 12, 24),
            d(2026, 12, 24),
            long_ago(),
            Taken {
                booked: &HashMap::new(),
                blocks: &[block],
            },
            &utc,
        );
        let free: Vec<u32> = s.iter().map(|x| x.free).collect();
        assert_eq!(free, [0, 0, 2]);
    }

    #[test]
    fn capacity_counts_bookings_and_a_full_slot_has_no_room() {
        let rules = every_day(t(9, 0), t(11, 0));
        let utc = zone(chrono_tz::UTC);
        let nine = Utc
            .with_ymd_and_hms(2026, 5, 4, 9, 0, 0)
            .single()
            .expect("i");
        let ten = nine + Duration::hours(1);
        let booked = HashMap::from([(nine, 2), (ten, 1)]);
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 5, 4),
            d(2026, 5, 4),
            long_ago(),
            Taken {
                booked: &booked,
                blocks: &[],
            },
            &utc,
        );
        assert_eq!(s.iter().map(|x| x.free).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(days_with_room(&s), [(d(2026, 5, 4), 1)]);
    }

    #[test]
    fn minimum_notice_hides_slots_too_soon_and_the_change_cutoff_is_before_the_start() {
        let mut rules = every_day(t(9, 0), t(17, 0));
        rules.min_notice_hours = 24;
        let utc = zone(chrono_tz::UTC);
        let now = Utc
            .with_ymd_and_hms(2026, 5, 4, 12, 0, 0)
            .single()
            .expect("i");
        let s = slots(
            &rules,
            &REPAIR,
            d(2026, 5, 4),
            d(2026, 5, 5),
            now,
            Taken {
                booked: &HashMap::new(),
                blocks: &[],
            },
            &utc,
        );
        assert_eq!(
            s[0].start,
            Utc.with_ymd_and_hms(2026, 5, 5, 12, 0, 0)
                .single()
                .expect("i")
        );
        assert_eq!(
            change_cutoff(&rules, s[0].start),
            s[0].start - Duration::hours(24)
        );
    }

    #[test]
    fn on_site_area_is_a_postal_code_prefix() {
        let area = vec!["00-".to_owned(), "01".to_owned()];
        assert!(in_area(&area, "00-950"));
        assert!(in_area(&area, " 01 234"));
        assert!(!in_area(&area, "30-001"));
        assert!(!in_area(&area, ""));
    }

    proptest::proptest! {
        #[test]
        fn free_places_never_exceed_capacity_and_slots_never_overlap_in_utc(
            open in 0u32..12, len in 1u32..12, dur in 5u32..240, cap in 1u32..5, taken in 0u32..8, days in 0i64..10,
        ) {
            let rules = every_day(t(open, 0), t((open + len).min(23), 59));
            let offer = ServiceOffer { service: ServiceType::Diagnosis, duration_minutes: dur, capacity: cap };
            let warsaw = zone(chrono_tz::Europe::Warsaw);
            let first = slots(&rules, &offer, d(2026, 3, 27), d(2026, 3, 27) + Duration::days(days), long_ago(), Taken { booked: &HashMap::new(), blocks: &[] }, &warsaw);
            let booked: HashMap<_, _> = first.iter().map(|s| (s.start, taken)).collect();
            let s = slots(&rules, &offer, d(2026, 3, 27), d(2026, 3, 27) + Duration::days(days), long_ago(), Taken { booked: &booked, blocks: &[] }, &warsaw);
            for w in s.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start);
            }
            for slot in &s {
                proptest::prop_assert!(slot.free <= slot.capacity);
                proptest::prop_assert_eq!(slot.free, cap.saturating_sub(taken));
            }
        }
    }
}
