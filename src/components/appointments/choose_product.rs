//! Step 1: which of the customer's registered products the visit is for (preselected when
//! coming from a product page with `?product=ID`).

use aftercare_core::api::RegisteredProduct;
use aftercare_core::problem::FieldError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::step_frame::{Radio, RadioGroup};
use crate::api;
use crate::components::common::{EmptyState, ErrorSummary, LoadError, Skeleton};
use crate::components::products::display_name;
use crate::forms::FormErrors;
use crate::routes::{BookStep, Page};
use crate::state::booking::use_booking;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// The radio list of products and Continue.
#[component]
fn ProductForm(products: Vec<RegisteredProduct>) -> impl IntoView {
    let i18n = use_i18n();
    let booking = use_booking();
    let navigate = use_navigate();
    let errors = FormErrors::new();
    let query = use_query_map();
    // Coming from a product page: that product, unless another was already chosen.
    let wanted = query.with_untracked(|q| q.get("product").and_then(|s| s.parse::<i64>().ok()));
    if let Some(p) = wanted.and_then(|id| products.iter().find(|p| p.id == id)) {
        booking.product.set(Some((p.id, display_name(p))));
    }
    let radios = products
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let id = if i == 0 {
                "book-product_id".to_owned()
            } else {
                format!("book-product-{}", p.id)
            };
            let name = display_name(&p);
            let chosen = (p.id, name.clone());
            let serial = p.serial.clone();
            let checked = Signal::derive(move || {
                booking
                    .product
                    .with(|c| c.as_ref().map(|c| c.0) == Some(p.id))
            });
            let choose = Callback::new(move |()| booking.product.set(Some(chosen.clone())));
            view! {
                <Radio id name="product" label=name checked on_choose=choose>
                    {move || i18n.t_with("products.serial_line", &[("serial", &serial)])}
                </Radio>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if booking.product.with_untracked(Option::is_none) {
            errors.set(vec![FieldError::new(
                "product_id",
                "error.product_required",
                "Choose one of your products",
            )]);
            return;
        }
        navigate(
            &Page::Book(BookStep::Service).path(),
            NavigateOptions::default(),
        );
    };
    view! {
        <ErrorSummary errors id_prefix="book-" />
        <form novalidate class="form" on:submit=submit>
            <RadioGroup id="book-product_id" legend="book.product_title" error=errors.message("product_id")>
                {radios}
            </RadioGroup>
            <button type="submit" class="button">{tr("book.continue")}</button>
        </form>
    }
}

/// Step 1's body: the customer's products, loaded.
#[component]
pub fn ChooseProduct() -> impl IntoView {
    let session = use_session();
    let products = LocalResource::new(move || async move { session.watch(api::products().await) });
    let retry = Callback::new(move |()| products.refetch());
    move || match products.get() {
        None => view! { <Skeleton blocks=3 /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <EmptyState title=tr("book.no_products_title") body=tr("book.no_products_body")>
                <a href=Page::NewProduct.path() class="button">{tr("products.register")}</a>
            </EmptyState>
        }
        .into_any(),
        Some(Ok(list)) => view! { <ProductForm products=list /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}
