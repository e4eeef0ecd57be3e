//! A one-time message carried to the next page ("Product registered"), shown once there
//! as a success banner.

use leptos::prelude::*;

/// The message waiting for the next page, already translated.
#[derive(Debug, Clone, Copy)]
pub struct Flash(RwSignal<Option<String>>);

/// Creates the context.
pub fn provide_flash() -> Flash {
    let flash = Flash(RwSignal::new(None));
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
        self.0.set(Some(message));
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
