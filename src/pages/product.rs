//! `/products/{id}`: one product, its coverage, and renaming or removing it.

use aftercare_core::api::RegisteredProduct;
use leptos::prelude::*;

use crate::api;
use crate::components::common::{LoadError, PageHeading, Skeleton, SuccessBanner};
use crate::components::layout::SignedIn;
use crate::components::products::{display_name, model_name, ProductDetails};
use crate::pages::load_by_path_id;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};

/// What the page shows when the product does not exist or is not the customer's.
#[component]
fn ProductNotFound() -> impl IntoView {
    view! {
        <p>{tr("product.not_found_body")}</p>
        <p>
            <a href=Page::Products.path()>{tr("product.go_to_list")}</a>
        </p>
    }
}

/// The product, loaded by the id in the path.
#[component]
fn Product() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = load_by_path_id(api::product);
    let notice = RwSignal::new(use_flash().take());
    let heading = move || match loaded.get() {
        Some(Ok(p)) => display_name(&p),
        Some(Err(e)) if e.is_not_found() => i18n.t("product.not_found_title"),
        _ => i18n.t("product.title"),
    };
    let renamed = Callback::new(move |product: RegisteredProduct| {
        notice.set(Some(i18n.t("product.nickname_saved")));
        loaded.set(Some(Ok(product)));
    });
    let retry = Callback::new(move |()| loaded.refetch());
    view! {
        <a href=Page::Products.path() class="back-link">
            {tr("product.back_to_list")}
        </a>
        {move || notice.get().map(|message| view! { <SuccessBanner message /> })}
        <PageHeading text=Signal::derive(heading) />
        {move || match loaded.get() {
            None => view! { <Skeleton blocks=4 /> }.into_any(),
            Some(Ok(product)) => {
                let caption = product.nickname.as_ref().map(|_| model_name(&product.model));
                let book = Page::book_for_product(product.id);
                view! {
                    {caption.map(|c| view! { <p class="caption">{c}</p> })}
                    <p class="button-group">
                        <a href=Page::NewClaim(product.id).path() class="button">
                            {tr("product.report_problem")}
                        </a>
                        <a href=book class="button button--secondary">
                            {tr("product.book_appointment")}
                        </a>
                    </p>
                    <ProductDetails product on_change=renamed />
                }
                    .into_any()
            }
            Some(Err(e)) if e.is_not_found() => view! { <ProductNotFound /> }.into_any(),
            Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
        }}
    }
}

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    view! {
        <SignedIn>
            <Product />
        </SignedIn>
    }
}
