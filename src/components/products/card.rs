//! A product in "My products": icon, name, serial and where its coverage stands.

use aftercare_core::api::RegisteredProduct;
use leptos::prelude::*;

use super::{display_name, icon_src, model_name};
use crate::components::coverage::CoverageBadge;
use crate::routes::Page;
use crate::state::i18n::use_i18n;

/// One card; its title links to the product page.
#[component]
pub fn ProductCard(
    /// The product to show.
    product: RegisteredProduct,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = display_name(&product);
    let model = product
        .nickname
        .as_ref()
        .map(|_| model_name(&product.model));
    let serial = product.serial.clone();
    view! {
        <li class="card">
            <img
                class="card__icon"
                src=icon_src(&product.model.category)
                alt=""
                width="48"
                height="48"
            />
            <div class="card__body">
                <h2 class="card__title">
                    <a href=Page::Product(product.id).path() class="card__link">
                        {title}
                    </a>
                </h2>
                {model.map(|m| view! { <p class="card__meta">{m}</p> })}
                <p class="card__meta">
                    {move || i18n.t_with("products.serial_line", &[("serial", &serial)])}
                </p>
                <CoverageBadge summary=product.coverage />
            </div>
        </li>
    }
}
