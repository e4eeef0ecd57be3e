//! Shared widgets in the GOV.UK Design System's patterns: fields with their label, hint
//! and error message, the error summary, tags, skeletons, empty and error states.

pub mod banner;
pub mod empty_state;
pub mod error_summary;
pub mod field;
pub mod load_error;
pub mod page_heading;
pub mod skeleton;
pub mod status_tag;

pub use banner::{FlashBanner, SuccessBanner};
pub use empty_state::EmptyState;
pub use error_summary::ErrorSummary;
pub use field::{FieldNotes, NewPasswordField, SelectField, TextField};
pub use load_error::LoadError;
pub use page_heading::PageHeading;
pub use skeleton::Skeleton;
pub use status_tag::CoverageTag;

/// Moves keyboard focus to the page's `h1` (which has `tabindex="-1"`), if there is one.
pub fn focus_heading() {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    if let Some(h1) = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h1.focus();
    }
}

/// Moves keyboard focus to the element with this id, if it exists.
pub fn focus_by_id(id: &str) {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The files chosen in an `<input type="file">`, each as a `Blob` with its name.
pub fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<(web_sys::Blob, String)> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|file| {
            let name = file.name();
            (web_sys::Blob::from(file), name)
        })
        .collect()
}
