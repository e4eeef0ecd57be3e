//! Registered products: cards for the list, the catalogue search, the registration form,
//! and the product page's pieces (details, rename, remove).

pub mod card;
pub mod catalog_search;
pub mod details;
pub mod label_scan;
pub mod register_form;
pub mod remove;
pub mod rename;

pub use card::ProductCard;
pub use catalog_search::CatalogSearch;
pub use details::ProductDetails;
pub use label_scan::LabelScanner;
pub use register_form::RegisterForm;
pub use remove::RemoveProduct;
pub use rename::RenameForm;

use aftercare_core::api::{ProductModel, RegisteredProduct};

use crate::state::i18n::I18n;

/// The catalogue's categories (one icon each under `/icons/`): the product-type filters
/// offer them all, even before a claim or article of that type is listed.
pub const CATALOGUE_CATEGORIES: [&str; 10] = [
    "coffee-machine",
    "dishwasher",
    "e-bike",
    "headphones",
    "laptop",
    "phone",
    "refrigerator",
    "television",
    "vacuum-cleaner",
    "washing-machine",
];

/// A catalogue category's name in the customer's language (`category.washing_machine`),
/// else its slug in words ("Washing machine").
pub fn category_name(i18n: I18n, slug: &str) -> String {
    let key = format!("category.{}", slug.replace('-', "_"));
    let name = i18n.t(&key);
    if name != key {
        return name;
    }
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The model as people say it: "Bosch Serie 8".
pub fn model_name(model: &ProductModel) -> String {
    format!("{} {}", model.brand, model.name)
}

/// What the customer calls the product: its nickname, else the model's name.
pub fn display_name(product: &RegisteredProduct) -> String {
    product
        .nickname
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| model_name(&product.model))
}

/// The category's icon under `/icons/`; anything but `a-z`, digits and `-` is dropped so
/// a category can never point elsewhere.
pub fn icon_src(category: &str) -> String {
    let slug: String = category
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .collect();
    format!("/icons/{slug}.svg")
}

#[cfg(test)]
mod tests {
    use super::icon_src;

    #[test]
    fn icon_paths_stay_inside_the_icons_folder() {
        assert_eq!(icon_src("e-bike"), "/icons/e-bike.svg");
        assert_eq!(icon_src("../../x"), "/icons/x.svg");
    }
}
