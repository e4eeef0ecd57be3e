//! How many notifications are unread: asked every 60 seconds while a customer is signed
//! in, and set straight away when the notifications page marks them read.

use aftercare_core::api::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

use crate::api;
use crate::state::session::Session;

/// How often the unread count is asked for.
const POLL: Duration = Duration::from_secs(60);

/// The notifications context: the unread count.
#[derive(Debug, Clone, Copy)]
pub struct Notifications {
    unread: RwSignal<u32>,
    session: Session,
}

/// Creates the context and polls while a customer is signed in.
pub fn provide_notifications(session: Session) -> Notifications {
    let notifications = Notifications {
        unread: RwSignal::new(0),
        session,
    };
    provide_context(notifications);
    let customer = Memo::new(move |_| {
        session
            .me()
            .map(|me| (me.id, me.role == Role::Customer))
            .filter(|(_, customer)| *customer)
            .map(|(id, _)| id)
    });
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    Effect::new(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
            timer.set_value(None);
        }
        if customer.get().is_some() {
            notifications.refresh();
            let handle = set_interval_with_handle(move || notifications.refresh(), POLL).ok();
            timer.set_value(handle);
        } else {
            notifications.unread.set(0);
        }
    });
    notifications
}

/// The notifications context provided by the app.
pub fn use_notifications() -> Notifications {
    expect_context::<Notifications>()
}

impl Notifications {
    /// How many are unread (tracked).
    pub fn unread(self) -> u32 {
        self.unread.get()
    }

    /// Sets the count (after loading the list or marking them read).
    pub fn set_unread(self, unread: u32) {
        self.unread.set(unread);
    }

    /// Asks the server for the count; a failed poll keeps the last count.
    pub fn refresh(self) {
        let session = self.session;
        spawn_local(async move {
            if let Ok(list) = session.watch(api::notifications().await) {
                self.unread.set(list.unread);
            }
        });
    }
}
