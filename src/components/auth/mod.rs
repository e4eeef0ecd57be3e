//! Signing in and creating an account.

pub mod passkey_sign_in;
pub mod sign_in_form;
pub mod sign_up_form;

pub use passkey_sign_in::PasskeySignIn;
pub use sign_in_form::SignInForm;
pub use sign_up_form::SignUpForm;

use aftercare_core::api::Language;

/// The language menu's options: each language in its own name.
pub fn language_options() -> Vec<(String, String)> {
    Language::ALL
        .into_iter()
        .map(|l| (l.tag().to_owned(), l.native_name().to_owned()))
        .collect()
}
