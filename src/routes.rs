//! Every place in the app, as a value: the one owner of route paths, so no component
//! spells out a URL.

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`: the welcome page (or a redirect to the products when signed in).
    Home,
    /// `/signin`.
    SignIn,
    /// `/signup`.
    SignUp,
    /// `/products`: "My products".
    Products,
    /// `/products/new`: register a product.
    NewProduct,
    /// `/products/{id}`: one registered product and its coverage.
    Product(i64),
    /// `/account`: the customer's details and preferences.
    Account,
}

impl Page {
    /// The page's path, to link or navigate to.
    pub fn path(self) -> String {
        match self {
            Page::Home => "/".into(),
            Page::SignIn => "/signin".into(),
            Page::SignUp => "/signup".into(),
            Page::Products => "/products".into(),
            Page::NewProduct => "/products/new".into(),
            Page::Product(id) => format!("/products/{id}"),
            Page::Account => "/account".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn paths_are_absolute_and_a_product_path_carries_its_id() {
        assert_eq!(Page::Product(42).path(), "/products/42");
        for page in [Page::Home, Page::SignIn, Page::Products, Page::Account] {
            assert!(page.path().starts_with('/'));
        }
    }
}
