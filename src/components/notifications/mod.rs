//! Notifications: the header's bell with the unread count, and one notification's
//! sentence in the customer's language.

use aftercare_core::api::Notification;
use aftercare_core::slots::ServiceType;
use leptos::prelude::*;

use crate::components::appointments::service_keys;
use crate::routes::Page;
use crate::state::i18n::{use_i18n, I18n};
use crate::state::notifications::use_notifications;

/// The bell linking to the notifications, its unread count as a badge; the link's name
/// says the count in words ("Notifications, 2 unread").
#[component]
pub fn NotificationBell() -> impl IntoView {
    let i18n = use_i18n();
    let notifications = use_notifications();
    let unread = move || notifications.unread();
    let name = move || match unread() {
        0 => i18n.t("notifications.title"),
        n => i18n.t_with("notifications.bell_unread", &[("count", &n.to_string())]),
    };
    view! {
        <a href=Page::Notifications.path() class="header__bell" aria-label=name title=name>
            <svg class="header__bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M6 16V11a6 6 0 0112 0v5l2 2H4l2-2zm4 4a2 2 0 004 0" />
            </svg>
            {move || {
                (unread() > 0)
                    .then(|| {
                        view! {
                            <span class="header__badge" aria-hidden="true">
                                {unread()}
                            </span>
                        }
                    })
            }}
        </a>
    }
}

/// A notification's sentence: its `title_key` translated, with its parameters filled in
/// (a `service` given as a service code shown by the service's name, a claim's `status`
/// given as its key shown in words).
pub fn sentence(i18n: I18n, notification: &Notification) -> String {
    let params: Vec<(&str, String)> = notification
        .params
        .iter()
        .map(|(name, value)| {
            let shown = match (name.as_str(), ServiceType::parse(value)) {
                ("service", Some(service)) => i18n.t(service_keys(service).0),
                // A claim's status travels as its key (`claim.status.in_repair`).
                ("status", _) if value.starts_with("claim.status.") => i18n.t(value),
                _ => value.clone(),
            };
            (name.as_str(), shown)
        })
        .collect();
    let refs: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_str())).collect();
    i18n.t_with(&notification.title_key, &refs)
}
