//! A one-time message carried to the next page ("Product registered"), shown once there
//! as a success banner.

use leptos::prelude::*;

/// The message waiting for the next page, already translated, and the banner's title
/// key when it is not "Success".
#[derive(Debug, Clone, Copy)]
pub struct Flash(RwSignal<Option<String>>, RwSignal<Option<&'static str>>);

/// Creates the context.
pub fn provide_flash() -> Flash {
    let flash = Flash(RwSignal::new(None), RwSignal::new(None));
    provide_context(flash);
    flash
}

/// The flash context provided by the app.
pub fn use_flash() -> Flash {
    expect_context::<Flash>()
}

impl Flash {
    /// Leaves a message for the next page.
    pub fn show(self, message: String) {
        self.1.set(None);
        self.0.set(Some(message));
    }

    /// Leaves a message under another title than "Success" (a translation key).
    pub fn show_titled(self, message: String, title: &'static str) {
        self.1.set(Some(title));
        self.0.set(Some(message));
    }

    /// The title key of the waiting message, if it has its own.
    pub fn title(self) -> Option<&'static str> {
        self.1.get_untracked()
    }

    /// Takes the waiting message, if any, so it shows only once.
    pub fn take(self) -> Option<String> {
        let message = self.0.get_untracked();
        if message.is_some() {
            self.0.set(None);
        }
        message
    }
}
