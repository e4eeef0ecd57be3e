//! `/products`: "My products", each with where its coverage stands.

use aftercare_core::api::RegisteredProduct;
use leptos::prelude::*;

use crate::api;
use crate::components::common::{EmptyState, FlashBanner, LoadError, PageHeading, Skeleton};
use crate::components::layout::SignedIn;
use crate::components::offline::InstallOffer;
use crate::components::products::ProductCard;
use crate::routes::Page;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// The primary action of the page.
#[component]
fn RegisterButton() -> impl IntoView {
    view! {
        <a href=Page::NewProduct.path() class="button">
            {tr("products.register")}
        </a>
    }
}

/// The cards, or the empty state when there are none.
#[component]
fn ProductList(products: Vec<RegisteredProduct>) -> impl IntoView {
    if products.is_empty() {
        return view! {
            <EmptyState title=tr("products.empty_title") body=tr("products.empty_body")>
                <RegisterButton />
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <ul class="cards">
            {products.into_iter().map(|product| view! { <ProductCard product /> }).collect_view()}
        </ul>
        <div class="sticky-action">
            <RegisterButton />
        </div>
    }
    .into_any()
}

/// The list, loaded from the server.
#[component]
fn Products() -> impl IntoView {
    let session = use_session();
    let products = LocalResource::new(move || async move { session.watch(api::products().await) });
    let retry = Callback::new(move |()| products.refetch());
    move || match products.get() {
        None => view! { <Skeleton blocks=3 /> }.into_any(),
        // The install offer comes after the list has its height: shown earlier, the list
        // arriving pushed it down (Lighthouse measured a 0.2 layout shift).
        Some(Ok(list)) => view! {
            <ProductList products=list />
            <InstallOffer />
        }
        .into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}

/// The "My products" page.
#[component]
pub fn ProductsPage() -> impl IntoView {
    view! {
        <SignedIn>
            <FlashBanner />
            <PageHeading text=tr("products.title") />
            <Products />
        </SignedIn>
    }
}
