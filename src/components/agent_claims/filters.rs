//! The queue's filters — status, centre, category, minimum age — read from and written
//! to the page's address, so a filtered view can be shared or reloaded.

use aftercare_core::api::Centre;
use aftercare_core::claims::{ClaimStatus, QueueFilter};
use aftercare_core::problem::FieldError;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::common::{ErrorSummary, SelectField, TextField};
use crate::components::products::{category_name, CATALOGUE_CATEGORIES};
use crate::forms::FormErrors;
use crate::routes::Page;
use crate::state::i18n::{tr, use_i18n};

/// Most days the minimum age may ask for (ten years).
const MAX_AGE_DAYS: i64 = 3650;

/// The filter an address's query asks for; anything unreadable is left out rather than
/// refused, so a mangled link still shows the queue.
pub fn filter_from_query(query: &ParamsMap) -> QueueFilter {
    QueueFilter {
        status: query
            .get("status")
            .and_then(|s| ClaimStatus::parse(s.trim())),
        centre: query.get("centre").and_then(|s| s.trim().parse().ok()),
        category: query
            .get("category")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        min_age_days: query
            .get("min_age_days")
            .and_then(|s| s.trim().parse().ok())
            .filter(|d| (0..=MAX_AGE_DAYS).contains(d)),
    }
}

/// Whether the filter narrows the default queue (every open claim) at all.
pub fn is_filtered(filter: &QueueFilter) -> bool {
    *filter != QueueFilter::default()
}

/// The queue page's address for a filter.
pub fn queue_path(filter: &QueueFilter) -> String {
    format!("{}{}", Page::AgentClaims.path(), api::queue_query(filter))
}

/// The minimum age as typed: blank is no minimum; otherwise whole days from 0.
pub fn parse_min_age(text: &str) -> Result<Option<i64>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(days) if (0..=MAX_AGE_DAYS).contains(&days) => Ok(Some(days)),
        _ => Err(FieldError::new(
            "min_age_days",
            "error.queue_min_age",
            "Enter a whole number of days, like 5",
        )
        .with("max", MAX_AGE_DAYS)),
    }
}

/// The filter form. Apply puts the choice in the address (the queue follows it); Reset
/// goes back to every open claim.
#[component]
pub fn QueueFilters(
    /// The filter the address asks for now.
    #[prop(into)]
    current: Signal<QueueFilter>,
    /// Every centre, for the centre filter.
    #[prop(into)]
    centres: Signal<Vec<Centre>>,
    /// Categories seen in the queue, besides the catalogue's.
    #[prop(into)]
    seen_categories: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let status = RwSignal::new(String::new());
    let centre = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let min_age = RwSignal::new(String::new());
    let errors = FormErrors::new();
    // The form shows what the address asks for, also after Back, a shared link or Reset.
    Effect::new(move || {
        let filter = current.get();
        status.set(
            filter
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
        centre.set(filter.centre.map(|c| c.to_string()).unwrap_or_default());
        category.set(filter.category.unwrap_or_default());
        min_age.set(
            filter
                .min_age_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        errors.clear();
    });
    let status_options = Signal::derive(move || {
        ClaimStatus::ALL
            .into_iter()
            .map(|s| (s.as_str().to_owned(), i18n.t(&super::agent_status_key(s))))
            .collect::<Vec<_>>()
    });
    let centre_options = Signal::derive(move || {
        centres
            .get()
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect::<Vec<_>>()
    });
    let category_options = Signal::derive(move || {
        let mut slugs: Vec<String> = CATALOGUE_CATEGORIES
            .iter()
            .map(|s| (*s).to_owned())
            .chain(seen_categories.get())
            .chain(current.with(|f| f.category.clone()))
            .collect();
        slugs.sort();
        slugs.dedup();
        let mut options: Vec<(String, String)> = slugs
            .into_iter()
            .map(|slug| {
                let name = category_name(i18n, &slug);
                (slug, name)
            })
            .collect();
        options.sort_by(|a, b| a.1.cmp(&b.1));
        options
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let min_age_days = match parse_min_age(&min_age.get_untracked()) {
            Ok(days) => days,
            Err(error) => return errors.set(vec![error]),
        };
        errors.clear();
        let filter = QueueFilter {
            status: ClaimStatus::parse(&status.get_untracked()),
            centre: centre.get_untracked().parse().ok(),
            category: Some(category.get_untracked()).filter(|c| !c.is_empty()),
            min_age_days,
        };
        navigate(&queue_path(&filter), NavigateOptions::default());
    };
    view! {
        <ErrorSummary errors id_prefix="queue-" />
        <form class="queue-filters" role="search" aria-label=tr("agent_claims.filters") on:submit=submit novalidate>
            <div class="queue-filters__fields">
                <SelectField
                    id="queue-status"
                    label=tr("agent_claims.filter_status")
                    value=status
                    options=status_options
                    error=Signal::derive(|| None::<String>)
                    placeholder=tr("agent_claims.all_open")
                />
                <SelectField
                    id="queue-centre"
                    label=tr("agent_claims.filter_centre")
                    value=centre
                    options=centre_options
                    error=Signal::derive(|| None::<String>)
                    placeholder=tr("agent_claims.all_centres")
                />
                <SelectField
                    id="queue-category"
                    label=tr("agent_claims.filter_category")
                    value=category
                    options=category_options
                    error=Signal::derive(|| None::<String>)
                    placeholder=tr("agent_claims.all_categories")
                />
                <TextField
                    id="queue-min_age_days"
                    label=tr("agent_claims.filter_min_age")
                    value=min_age
                    error=errors.message("min_age_days")
                    class="input--short"
                />
            </div>
            <div class="button-group">
                <button type="submit" class="button">{tr("agent_claims.apply")}</button>
                {move || {
                    is_filtered(&current.get()).then(|| view! {
                        <a href=Page::AgentClaims.path() class="button button--secondary">
                            {tr("agent_claims.reset")}
                        </a>
                    })
                }}
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimum_age_is_whole_days_and_blank_means_none() {
        assert_eq!(parse_min_age(" "), Ok(None));
        assert_eq!(parse_min_age("5"), Ok(Some(5)));
        let refused = parse_min_age("five").expect_err("words");
        assert_eq!(refused.field, "min_age_days");
        assert!(parse_min_age("-1").is_err());
        assert!(parse_min_age("2.5").is_err());
    }

    #[test]
    fn no_filter_is_the_default_queue() {
        assert!(!is_filtered(&QueueFilter::default()));
        assert!(is_filtered(&QueueFilter {
            min_age_days: Some(0),
            ..QueueFilter::default()
        }));
    }
}
