//! `/notifications`: the customer's notifications, newest first, with "Mark all as read".

use aftercare_core::api::{Notification, NotificationList};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::common::{LoadError, PageHeading, Skeleton};
use crate::components::layout::SignedIn;
use crate::components::notifications::sentence;
use crate::dates::Shape;
use crate::state::i18n::{tr, use_i18n};
use crate::state::notifications::use_notifications;
use crate::state::session::use_session;

/// One notification: its sentence (a link when it leads somewhere) and when it came.
#[component]
fn Item(notification: Notification, read: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let text = {
        let notification = notification.clone();
        move || sentence(i18n, &notification)
    };
    let at = notification.created_at;
    let when = move || {
        format!(
            "{} {}",
            i18n.instant(at, "UTC", Shape::Date),
            i18n.instant(at, "UTC", Shape::Time)
        )
    };
    let body = match notification.link.clone() {
        Some(link) => view! { <a href=link class="notification__text">{text}</a> }.into_any(),
        None => view! { <span class="notification__text">{text}</span> }.into_any(),
    };
    view! {
        <li class="notification" class:notification--unread=move || !read.get()>
            {move || {
                (!read.get())
                    .then(|| view! { <strong class="tag tag--green">{tr("notifications.new")}</strong> })
            }}
            {body}
            <p class="hint">{when} " UTC"</p>
        </li>
    }
}

/// The list and its "Mark all as read".
#[component]
fn List(list: NotificationList) -> impl IntoView {
    let session = use_session();
    let notifications = use_notifications();
    notifications.set_unread(list.unread);
    let all_read = RwSignal::new(list.unread == 0);
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(false);
    if list.notifications.is_empty() {
        return view! {
            <div class="empty-state">
                <h2 class="heading-m">{tr("notifications.empty")}</h2>
            </div>
        }
        .into_any();
    }
    let mark_all = move |_| {
        pending.set(true);
        failed.set(false);
        spawn_local(async move {
            let result = session.watch(api::mark_notifications_read(Vec::new()).await);
            pending.set(false);
            match result {
                Ok(()) => {
                    all_read.set(true);
                    notifications.set_unread(0);
                }
                Err(_) => failed.set(true),
            }
        });
    };
    let items = list
        .notifications
        .into_iter()
        .map(|notification| {
            let was_read = notification.read;
            let read = Signal::derive(move || was_read || all_read.get());
            view! { <Item notification read /> }
        })
        .collect_view();
    view! {
        <div class="button-group">
            <button
                type="button"
                class="button button--secondary"
                on:click=mark_all
                disabled=move || pending.get() || all_read.get()
            >
                {tr("notifications.mark_all_read")}
            </button>
        </div>
        {move || {
            failed.get().then(|| view! { <p class="error-message" role="alert">{tr("notifications.mark_failed")}</p> })
        }}
        <ul class="notifications">{items}</ul>
    }
    .into_any()
}

/// The list, loaded from the server.
#[component]
fn Loaded() -> impl IntoView {
    let session = use_session();
    let loaded =
        LocalResource::new(move || async move { session.watch(api::notifications().await) });
    let retry = Callback::new(move |()| loaded.refetch());
    move || match loaded.get() {
        None => view! { <Skeleton blocks=3 /> }.into_any(),
        Some(Ok(list)) => view! { <List list /> }.into_any(),
        Some(Err(error)) => view! { <LoadError error on_retry=retry /> }.into_any(),
    }
}

/// The notifications page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <SignedIn>
            <PageHeading text=tr("notifications.title") />
            <Loaded />
        </SignedIn>
    }
}
