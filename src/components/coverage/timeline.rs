//! "Your cover over time": the coverage segments as labelled bars on one time axis, drawn
//! as SVG by the app. It scales to any width (a `viewBox`, `width="100%"`), puts each
//! label above its bar so nothing runs off a 360 px screen, and reads out as one sentence
//! plus a list of the segments for screen readers.

use aftercare_core::warranty::{Coverage, CoverageSegment, SegmentKind};
use aftercare_core::NaiveDate;
use chrono::{Datelike, Days};
use leptos::prelude::*;

use crate::state::i18n::{tr, use_i18n, I18n};

/// The drawing's width in SVG units (about one CSS pixel on a phone).
pub const WIDTH: f64 = 340.0;
const PAD: f64 = 10.0;
const LINE: f64 = 16.0;
const BAR: f64 = 12.0;
const GAP: f64 = 14.0;
/// Roughly how many characters of 13-unit text fit on one line of the drawing.
const CHARS_PER_LINE: usize = 44;

/// The colour class fragment of a segment's kind (the label always says it in words).
pub fn kind_slug(kind: SegmentKind) -> &'static str {
    match kind {
        SegmentKind::ReturnWindow => "return-window",
        SegmentKind::ExchangeWindow => "exchange-window",
        SegmentKind::LegalGuarantee => "legal-guarantee",
        SegmentKind::Warranty => "warranty",
        SegmentKind::RegistrationBonus => "registration-bonus",
        SegmentKind::RepairExtension => "repair-extension",
        SegmentKind::Plan => "plan",
        SegmentKind::ReplacedUnit => "replaced-unit",
    }
}

/// Splits `text` into lines of at most `max` characters, at spaces (a longer word gets a
/// line of its own).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Maps days to x positions across the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The first day drawn (at the left padding).
    pub from: NaiveDate,
    /// The day after the last day drawn (at the right padding).
    pub to: NaiveDate,
}

impl Scale {
    /// From the earliest segment (or today) to the day after the latest (or today).
    pub fn for_coverage(coverage: &Coverage, today: NaiveDate) -> Scale {
        let first = coverage.segments.iter().map(|s| s.start).min();
        let last = coverage.segments.iter().map(|s| s.end).max();
        let from = first.unwrap_or(coverage.start).min(today);
        let to = last.unwrap_or(coverage.end).max(today);
        let to = to.checked_add_days(Days::new(1)).unwrap_or(to);
        Scale {
            from,
            to: to.max(from.succ_opt().unwrap_or(from)),
        }
    }

    /// The x of the start of `day`, clamped to the drawing.
    pub fn x(self, day: NaiveDate) -> f64 {
        let total = (self.to - self.from).num_days().max(1) as f64;
        let offset = (day - self.from).num_days() as f64;
        PAD + (offset / total).clamp(0.0, 1.0) * (WIDTH - 2.0 * PAD)
    }

    /// The bar of a segment: its x and width (at least 3 units, so a week shows).
    pub fn bar(self, segment: &CoverageSegment) -> (f64, f64) {
        let start = self.x(segment.start);
        let after = segment.end.succ_opt().unwrap_or(segment.end);
        let width = (self.x(after) - start).max(3.0);
        (start.min(WIDTH - PAD - width), width)
    }
}

/// `text-anchor` for a label at `x`, so it never runs off either side.
fn anchor(x: f64) -> &'static str {
    if x < 60.0 {
        "start"
    } else if x > WIDTH - 60.0 {
        "end"
    } else {
        "middle"
    }
}

/// One segment's row: its label lines, then its bar.
#[component]
fn SegmentRow(segment: CoverageSegment, label: String, scale: Scale, top: f64) -> impl IntoView {
    let lines = wrap(&label, CHARS_PER_LINE);
    let bar_y = top + lines.len() as f64 * LINE + 4.0;
    let (x, width) = scale.bar(&segment);
    let class = format!("timeline__bar timeline__bar--{}", kind_slug(segment.kind));
    view! {
        <g
            class="timeline__row"
            data-kind=kind_slug(segment.kind)
            data-start=segment.start.to_string()
            data-end=segment.end.to_string()
        >
            <text class="timeline__label" x=PAD y=top + LINE - 3.0>
                {lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| {
                        view! {
                            <tspan x=PAD dy=if i == 0 { "0" } else { "16" }>
                                {line}
                            </tspan>
                        }
                    })
                    .collect_view()}
            </text>
            <rect class=class x=x y=bar_y width=width height=BAR rx="3" />
        </g>
    }
}

/// The rows' tops and the height they take.
fn row_tops(labels: &[String], first: f64) -> (Vec<f64>, f64) {
    let mut y = first;
    let tops = labels
        .iter()
        .map(|label| {
            let top = y;
            y += wrap(label, CHARS_PER_LINE).len() as f64 * LINE + 4.0 + BAR + GAP;
            top
        })
        .collect();
    (tops, y)
}

/// A mark on the axis: its x, and the year written under it (none when there is no room
/// or the year is already written at an end).
pub type YearMark = (f64, Option<i32>, &'static str);

/// The years along the axis: the first and last day's years at the ends, and a tick at
/// each 1 January in between, labelled when it has room and says something new.
pub fn year_marks(scale: Scale) -> Vec<YearMark> {
    let first = scale.from.year();
    let last = scale.to.pred_opt().unwrap_or(scale.to).year();
    let mut marks = vec![(PAD, Some(first), "start")];
    for year in first + 1..=last {
        let Some(jan) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let x = scale.x(jan);
        let room = x - PAD > 40.0 && WIDTH - PAD - x > 40.0;
        marks.push((x, (room && year != last).then_some(year), "middle"));
    }
    marks.push((WIDTH - PAD, (last != first).then_some(last), "end"));
    marks
}

/// The drawing itself, for one evaluation of the coverage.
fn drawing(i18n: I18n, coverage: &Coverage, today: NaiveDate) -> impl IntoView {
    let scale = Scale::for_coverage(coverage, today);
    let labels: Vec<String> = coverage
        .segments
        .iter()
        .map(|s| i18n.reason(&s.rule, &s.params))
        .collect();
    let (tops, axis_y) = row_tops(&labels, 26.0);
    let height = axis_y + 44.0;
    let today_x = scale.x(today);
    let end_x = scale.x(coverage.end.succ_opt().unwrap_or(coverage.end));
    let summary = i18n.t_with(
        "timeline.summary",
        &[
            ("start", &i18n.date(coverage.start)),
            ("end", &i18n.date(coverage.end)),
            ("today", &i18n.date(today)),
        ],
    );
    let end_label = i18n.t_with("timeline.end", &[("date", &i18n.date(coverage.end))]);
    let rows = coverage
        .segments
        .iter()
        .cloned()
        .zip(labels)
        .zip(tops)
        .map(|((segment, label), top)| view! { <SegmentRow segment label scale top /> })
        .collect_view();
    let years = year_marks(scale)
        .into_iter()
        .map(|(x, year, anchor)| {
            view! {
                <line class="timeline__tick" x1=x x2=x y1=axis_y y2=axis_y + 5.0 />
                {year
                    .map(|year| {
                        view! {
                            <text class="timeline__year" x=x y=axis_y + 18.0 text-anchor=anchor>
                                {year}
                            </text>
                        }
                    })}
            }
        })
        .collect_view();
    view! {
        <svg
            class="timeline__svg"
            viewBox=format!("0 0 {WIDTH} {height}")
            width="100%"
            role="img"
            aria-label=summary
            data-today=today.to_string()
            data-end=coverage.end.to_string()
        >
            <line class="timeline__today" x1=today_x x2=today_x y1="18" y2=axis_y />
            {rows}
            <line class="timeline__axis" x1=PAD x2=WIDTH - PAD y1=axis_y y2=axis_y />
            {years}
            <text class="timeline__today-label" x=today_x y="13" text-anchor=anchor(today_x)>
                {i18n.t("timeline.today")}
            </text>
            <text class="timeline__end-label" x=end_x y=axis_y + 36.0 text-anchor=anchor(end_x)>
                {end_label}
            </text>
        </svg>
    }
}

/// The same segments as a list, for screen readers.
fn segment_list(i18n: I18n, coverage: &Coverage) -> impl IntoView {
    coverage
        .segments
        .iter()
        .map(|s| {
            let text = i18n.t_with(
                "timeline.segment_range",
                &[
                    ("label", &i18n.reason(&s.rule, &s.params)),
                    ("start", &i18n.date(s.start)),
                    ("end", &i18n.date(s.end)),
                ],
            );
            view! { <li>{text}</li> }
        })
        .collect_view()
}

/// The section: heading, drawing and the screen-reader list.
#[component]
pub fn CoverageTimeline(
    /// The coverage as it stands today.
    #[prop(into)]
    coverage: Signal<Coverage>,
    /// The day the "Today" marker stands on.
    #[prop(into)]
    today: Signal<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="section timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" class="heading-m">
                {tr("timeline.title")}
            </h2>
            {move || coverage.with(|c| drawing(i18n, c, today.get()))}
            <ul class="visually-hidden">{move || coverage.with(|c| segment_list(i18n, c))}</ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn labels_wrap_at_spaces_within_the_budget() {
        let lines = wrap(
            "Registration bonus: 3 extra months for registering within 30 days",
            30,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Registration bonus: 3 extra months for registering within 30 days"
        );
    }

    #[test]
    fn the_scale_stays_inside_the_drawing_and_short_bars_still_show() {
        let scale = Scale {
            from: day(2025, 1, 1),
            to: day(2028, 1, 1),
        };
        assert!((scale.x(day(2025, 1, 1)) - PAD).abs() < 1e-9);
        assert!((scale.x(day(2030, 1, 1)) - (WIDTH - PAD)).abs() < 1e-9);
        assert!(scale.x(day(2020, 1, 1)) >= PAD);
        let week = CoverageSegment {
            kind: SegmentKind::ReturnWindow,
            start: day(2025, 1, 1),
            end: day(2025, 1, 7),
            covers: Vec::new(),
            rule: "segment.return_window".into(),
            params: Default::default(),
        };
        let (x, width) = scale.bar(&week);
        assert!(width >= 3.0 && x + width <= WIDTH - PAD + 1e-9);
    }

    #[test]
    fn the_axis_names_the_first_and_last_years() {
        let marks = year_marks(Scale {
            from: day(2025, 3, 1),
            to: day(2027, 3, 1),
        });
        let labels: Vec<i32> = marks.iter().filter_map(|m| m.1).collect();
        assert_eq!(labels, [2025, 2026, 2027]);
        // A 1 January close to the end is ticked, but its year is not written twice.
        let marks = year_marks(Scale {
            from: day(2026, 11, 20),
            to: day(2028, 11, 21),
        });
        assert_eq!(marks.len(), 4);
        let labels: Vec<i32> = marks.iter().filter_map(|m| m.1).collect();
        assert_eq!(labels, [2026, 2028]);
    }
}
