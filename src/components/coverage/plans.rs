//! "Add a plan you bought": choose one of the plans offered for the model and the day it
//! was bought; the server records it and the timeline gains the plan's segment.

use aftercare_core::api::{AddPlanRequest, ProductCoverage};
use aftercare_core::problem::FieldError;
use aftercare_core::validate::parse_date;
use aftercare_core::warranty::PlanOffer;
use aftercare_core::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::common::{ErrorSummary, SelectField, TextField};
use crate::dates;
use crate::forms::Sender;
use crate::state::i18n::{tr, use_i18n};

/// The browser's check of a plan request, with the server's codes.
pub fn check_plan(
    request: &AddPlanRequest,
    offers: &[PlanOffer],
    product_bought: NaiveDate,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !offers.iter().any(|o| o.code == request.code) {
        errors.push(FieldError::new(
            "code",
            "error.plan_unknown",
            "Choose one of the plans offered for this product",
        ));
    }
    match parse_date(&request.purchase_date) {
        None => errors.push(FieldError::new(
            "purchase_date",
            "error.date_format",
            "Enter a real date, like the one on your receipt",
        )),
        Some(d) if d > today => errors.push(FieldError::new(
            "purchase_date",
            "error.purchase_date_future",
            "The purchase date must be today or in the past",
        )),
        Some(d) if d < product_bought => errors.push(FieldError::new(
            "purchase_date",
            "error.plan_before_purchase",
            "The plan must be bought on or after the product's purchase date",
        )),
        Some(_) => {}
    }
    errors
}

/// The form; hidden when the model has no plans on offer.
#[component]
pub fn AddPlanForm(
    /// The product's id.
    id: i64,
    /// The plans offered for the model.
    offers: Vec<PlanOffer>,
    /// The product's purchase date (no plan is bought before it).
    product_bought: NaiveDate,
    /// Today on the product's market calendar.
    today: NaiveDate,
    /// Receives the coverage after the plan is recorded.
    on_added: Callback<ProductCoverage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Sender::new();
    let errors = form.errors;
    let code = RwSignal::new(String::new());
    let bought = RwSignal::new(String::new());
    let offers = StoredValue::new(offers);
    let options = Signal::derive(move || {
        offers.with_value(|list| {
            list.iter()
                .map(|o| (o.code.clone(), i18n.t(&o.name_key)))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = AddPlanRequest {
            code: code.get_untracked(),
            purchase_date: bought.get_untracked(),
        };
        let found = offers.with_value(|list| check_plan(&request, list, product_bought, today));
        let checked = if found.is_empty() {
            Ok(request)
        } else {
            Err(found)
        };
        form.send(
            checked,
            move |request| async move { api::add_plan(id, &request).await },
            move |pc| {
                code.set(String::new());
                bought.set(String::new());
                on_added.run(pc);
            },
        );
    };
    let hint = move || {
        i18n.t_with(
            "plans.date_hint",
            &[("example", &dates::format_like_date_input(product_bought))],
        )
    };
    view! {
        <section class="section" aria-labelledby="plans-heading">
            <h2 id="plans-heading" class="heading-m">
                {tr("plans.title")}
            </h2>
            <p>{tr("plans.lead")}</p>
            <ErrorSummary errors id_prefix="plan-" />
            <form novalidate class="form" on:submit=submit>
                <SelectField
                    id="plan-code"
                    label=tr("plans.plan")
                    value=code
                    options
                    error=errors.message("code")
                    placeholder=tr("plans.choose")
                />
                <TextField
                    id="plan-purchase_date"
                    label=tr("plans.purchase_date")
                    hint=hint
                    value=bought
                    error=errors.message("purchase_date")
                    input_type="date"
                    class="input--date"
                    max=today.to_string()
                    min=product_bought.to_string()
                />
                <button type="submit" class="button button--secondary" disabled=move || form.pending()>
                    {tr("plans.submit")}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aftercare_core::warranty::PlanKind;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_plan_needs_an_offered_code_and_a_date_after_the_purchase() {
        let offers = vec![PlanOffer {
            code: "EXT-12".into(),
            kind: PlanKind::ExtensionMonths,
            months: 12,
            name_key: "plan.ext_12".into(),
        }];
        let ok = AddPlanRequest {
            code: "EXT-12".into(),
            purchase_date: "2025-03-02".into(),
        };
        assert!(check_plan(&ok, &offers, day(2025, 3, 1), day(2025, 4, 1)).is_empty());
        let early = AddPlanRequest {
            code: "X".into(),
            purchase_date: "2025-02-01".into(),
        };
        let codes: Vec<String> = check_plan(&early, &offers, day(2025, 3, 1), day(2025, 4, 1))
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["error.plan_unknown", "error.plan_before_purchase"]);
    }
}
