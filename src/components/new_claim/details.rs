//! Step 2: the description (started from the few words of step 1), since when, photos
//! (each uploaded as soon as it is chosen), and how to contact the customer.

use aftercare_core::claims::{ContactPreference, MAX_PHOTOS, MIN_DESCRIPTION_LEN};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{use_filing, TextAreaField};
use crate::components::appointments::step_frame::{Radio, RadioGroup};
use crate::components::claims::file_upload::{FileUpload, PHOTO_TYPES};
use crate::components::common::TextField;
use crate::dates;
use crate::routes::ClaimStep;
use crate::state::i18n::{tr, use_i18n};

/// The translation key of a contact preference's label.
pub fn contact_key(contact: ContactPreference) -> &'static str {
    match contact {
        ContactPreference::Email => "claim.contact.email",
        ContactPreference::Phone => "claim.contact.phone",
        ContactPreference::App => "claim.contact.app",
    }
}

/// How to contact: radios, and the phone number when that is how.
#[component]
fn ContactChoice() -> impl IntoView {
    let filing = use_filing();
    let form = filing.form;
    let radios = ContactPreference::ALL
        .into_iter()
        .enumerate()
        .map(|(i, contact)| {
            let id = if i == 0 {
                "claim-contact".to_owned()
            } else {
                format!("claim-contact-{}", contact.as_str())
            };
            let checked = Signal::derive(move || form.contact.get() == contact);
            let choose = Callback::new(move |()| form.contact.set(contact));
            view! { <Radio id name="contact" label=tr(contact_key(contact)) checked on_choose=choose /> }
        })
        .collect_view();
    view! {
        <h2 class="heading-s">{tr("claim_new.contact_legend")}</h2>
        <RadioGroup id="claim-contact" legend="claim_new.contact_legend" error=filing.errors.message("contact")>
            {radios}
        </RadioGroup>
        {move || (form.contact.get() == ContactPreference::Phone).then(|| view! {
            <TextField
                id="claim-phone"
                label=tr("claim_new.phone")
                hint=tr("claim_new.phone_hint")
                value=form.phone
                error=filing.errors.message("phone")
                input_type="tel"
                autocomplete="tel"
            />
        })}
    }
}

/// Step 2's body.
#[component]
pub fn DetailsStep() -> impl IntoView {
    let i18n = use_i18n();
    let filing = use_filing();
    let navigate = use_navigate();
    let form = filing.form;
    let bought = filing.product.with_value(|p| p.purchase_date);
    let today = filing.today();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = filing.errors_for(ClaimStep::Details);
        if !found.is_empty() {
            filing.errors.set(found);
            return;
        }
        filing.errors.clear();
        navigate(&filing.path(ClaimStep::Remedy), NavigateOptions::default());
    };
    let description_hint = move || {
        i18n.t_with(
            "claim_new.description_hint",
            &[("min", &MIN_DESCRIPTION_LEN.to_string())],
        )
    };
    let date_hint = move || {
        i18n.t_with(
            "claim_new.started_on_hint",
            &[("example", &dates::format_like_date_input(today))],
        )
    };
    let photos_hint =
        move || i18n.t_with("claim_new.photos_hint", &[("max", &MAX_PHOTOS.to_string())]);
    view! {
        <form novalidate class="form" on:submit=submit>
            <TextAreaField
                id="claim-description"
                label=tr("claim_new.description")
                hint=Signal::derive(description_hint)
                value=form.description
                error=filing.errors.message("description")
            />
            <TextField
                id="claim-started_on"
                label=tr("claim_new.started_on")
                hint=Signal::derive(date_hint)
                value=form.started_on
                error=filing.errors.message("started_on")
                input_type="date"
                class="input--date"
                max=today.to_string()
                min=bought.to_string()
            />
            <FileUpload
                id="claim-photos"
                label=tr("claim_new.photos")
                hint=Signal::derive(photos_hint)
                files=form.photos
                max=MAX_PHOTOS
                accept=PHOTO_TYPES
                error=filing.errors.message("photos")
            />
            <ContactChoice />
            <button type="submit" class="button">{tr("claim_new.continue")}</button>
        </form>
    }
}
