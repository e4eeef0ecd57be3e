//! Removing a product from the account, with a confirmation step first.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::common::focus_by_id;
use crate::routes::Page;
use crate::state::flash::use_flash;
use crate::state::i18n::{tr, use_i18n};
use crate::state::session::use_session;

/// "Remove this product", then "Are you sure?", then back to the list.
#[component]
pub fn RemoveProduct(
    /// The product's id.
    id: i64,
    /// What the customer calls it.
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let name = StoredValue::new(name);

    let remove = move |_| {
        let navigate = navigate.clone();
        pending.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = session.watch(api::remove_product(id).await);
            pending.set(false);
            match result {
                Ok(()) => {
                    flash.show(i18n.t_with("product.removed", &[("name", &name.get_value())]));
                    navigate(&Page::Products.path(), NavigateOptions::default());
                }
                Err(e) => {
                    let message = e
                        .form_errors()
                        .first()
                        .map(|fe| i18n.field_error(fe))
                        .unwrap_or_default();
                    failed.set(Some(message));
                }
            }
        });
    };
    let ask = move |_| {
        confirming.set(true);
        request_animation_frame(|| focus_by_id("remove-confirm-title"));
    };

    view! {
        <section class="section" aria-labelledby="remove-heading">
            <h2 id="remove-heading" class="heading-m">
                {tr("product.remove_heading")}
            </h2>
            {move || {
                if confirming.get() {
                    view! {
                        <div class="confirm">
                            <h3 id="remove-confirm-title" class="heading-s" tabindex="-1">
                                {move || i18n.t_with("product.remove_confirm", &[("name", &name.get_value())])}
                            </h3>
                            <p>{tr("product.remove_warning")}</p>
                            {move || failed.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
                            <div class="button-group">
                                <button
                                    type="button"
                                    class="button button--warning"
                                    on:click=remove.clone()
                                    disabled=move || pending.get()
                                >
                                    {tr("product.remove_yes")}
                                </button>
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    on:click=move |_| confirming.set(false)
                                >
                                    {tr("common.cancel")}
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <p>{tr("product.remove_intro")}</p>
                        <button type="button" class="button button--warning" on:click=ask>
                            {tr("product.remove")}
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
