//! Satisfaction per centre: how many answered, their average (one decimal) and how the
//! scores 1 to 5 are spread, as SVG bars beside the same numbers in a table.

use aftercare_core::claims::CentreSatisfaction;
use leptos::prelude::*;

use crate::state::i18n::{tr, use_i18n, I18n};

/// An average such as "4.3" (one decimal, in the viewer's locale).
#[cfg(target_arch = "wasm32")]
pub fn one_decimal(i18n: I18n, value: f64) -> String {
    use wasm_bindgen::JsValue;
    let options = js_sys::Object::new();
    for name in ["minimumFractionDigits", "maximumFractionDigits"] {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &name.into(), &JsValue::from_f64(1.0));
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(i18n.locale()));
    let formatter = js_sys::Intl::NumberFormat::new(&locales, &options);
    formatter
        .format()
        .call1(&formatter, &JsValue::from_f64(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{value:.1}"))
}

/// Native builds (tests): "4.3".
#[cfg(not(target_arch = "wasm32"))]
pub fn one_decimal(_i18n: I18n, value: f64) -> String {
    format!("{value:.1}")
}

/// The width of a score's bar, as a percentage of the most given score's.
pub fn bar_percent(count: u32, distribution: &[u32; 5]) -> u32 {
    let most = distribution.iter().copied().max().unwrap_or(0);
    if most == 0 {
        0
    } else {
        ((u64::from(count) * 100 + u64::from(most) / 2) / u64::from(most)) as u32
    }
}

/// The key naming a score ("5 — Very happy").
fn score_key(score: usize) -> &'static str {
    match score {
        1 => "satisfaction.score_1",
        2 => "satisfaction.score_2",
        3 => "satisfaction.score_3",
        4 => "satisfaction.score_4",
        _ => "satisfaction.score_5",
    }
}

/// One centre: the headline numbers, then the spread of scores, best first.
#[component]
pub fn CentreScores(
    /// The centre's answers.
    centre: CentreSatisfaction,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("centre-{}", centre.centre_id);
    let responses = i64::from(centre.responses);
    let average = centre.average;
    let distribution = centre.distribution;
    let headline = move || {
        let count = i18n.count("satisfaction.responses", responses);
        match average {
            Some(avg) if responses > 0 => i18n.t_with(
                "satisfaction.headline",
                &[("responses", &count), ("average", &one_decimal(i18n, avg))],
            ),
            _ => i18n.t("satisfaction.no_answers"),
        }
    };
    let rows = (1..=5usize)
        .rev()
        .map(|score| {
            let count = distribution[score - 1];
            let width = bar_percent(count, &distribution);
            view! {
                <tr>
                    <th scope="row" class="scores__score">{tr(score_key(score))}</th>
                    <td class="scores__bar-cell">
                        // An SVG bar: its width is geometry, which the Content-Security-Policy
                        // allows where an inline `style` would be refused.
                        <svg class="scores__svg" viewBox="0 0 100 14" preserveAspectRatio="none"
                            width="100%" height="14" aria-hidden="true" focusable="false">
                            <rect class="scores__track" x="0" y="0" width="100" height="14" rx="2" />
                            <rect class=format!("scores__bar scores__bar--{score}") x="0" y="0"
                                width=width.max(1) height="14" rx="2" />
                        </svg>
                    </td>
                    <td class="scores__count" data-score=score data-count=count>{count}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="satisfaction-card" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone() class="heading-m">{centre.centre_name.clone()}</h2>
            <p class="satisfaction-card__headline">
                {average.filter(|_| responses > 0).map(|avg| view! {
                    <span class="satisfaction-card__average" aria-hidden="true">
                        {move || one_decimal(i18n, avg)}
                    </span>
                })}
                <span>{headline}</span>
            </p>
            {(responses > 0).then(|| view! {
                <table class="scores">
                    <caption class="visually-hidden">
                        {move || i18n.t_with("satisfaction.table_caption", &[("centre", &centre.centre_name)])}
                    </caption>
                    <thead class="visually-hidden">
                        <tr>
                            <th scope="col">{tr("satisfaction.col_score")}</th>
                            <td></td>
                            <th scope="col">{tr("satisfaction.col_count")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_given_score_fills_its_bar_and_the_others_follow() {
        let spread = [0, 1, 2, 4, 8];
        assert_eq!(bar_percent(8, &spread), 100);
        assert_eq!(bar_percent(4, &spread), 50);
        assert_eq!(bar_percent(1, &spread), 13);
        assert_eq!(bar_percent(0, &spread), 0);
        assert_eq!(bar_percent(0, &[0; 5]), 0);
    }
}
