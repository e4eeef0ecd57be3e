//! What the customer sees of working offline: the "as of" notice over data saved on the
//! device, the outbox ("waiting to send", or refused with the reason and a way back to
//! the form), the new-version banner and the install button.

use aftercare_core::problem::Problem;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::claims::browser_zone;
use crate::dates::Shape;
use crate::routes::{BookStep, ClaimStep, Page};
use crate::state::booking::{use_booking, BookingSnapshot};
use crate::state::claim_draft::{self, ClaimDraft};
use crate::state::i18n::{tr, use_i18n, I18n};
use crate::state::offline::{use_offline, OutboxEntry, OutboxKind};
use crate::state::session::use_session;

/// A moment (ms since the epoch) as "24 Nov 2026, 10:42" in the browser's zone.
fn moment(i18n: I18n, millis: f64) -> (String, String) {
    let at = chrono::DateTime::from_timestamp_millis(millis as i64).unwrap_or_default();
    let zone = browser_zone();
    (
        i18n.instant(at, &zone, Shape::Date),
        i18n.instant(at, &zone, Shape::Time),
    )
}

/// Says when the data on screen is from the device, and from when; or that the browser is
/// offline.
#[component]
pub fn ConnectionNotice() -> impl IntoView {
    let i18n = use_i18n();
    let offline = use_offline();
    // (the words, whether the connection is back so a refresh would help)
    let text = move || match (offline.as_of.get(), offline.online.get()) {
        (Some(at), online) => {
            let (date, time) = moment(i18n, at);
            let key = if online {
                "offline.back_online"
            } else {
                "offline.as_of"
            };
            Some((
                i18n.t_with(key, &[("date", &date), ("time", &time)]),
                online,
            ))
        }
        (None, false) => Some((i18n.t("offline.offline"), false)),
        (None, true) => None,
    };
    view! {
        <div role="status" class="connection-notice-slot">
            {move || text().map(|(words, online)| view! {
                <div class="connection-notice" data-offline=(!online).then_some("true")>
                    <span class="connection-notice__dot" aria-hidden="true"></span>
                    <p class="connection-notice__text">{words}</p>
                    {online.then(|| view! {
                        <button
                            type="button"
                            class="button button--secondary connection-notice__refresh"
                            on:click=|_| { let _ = window().location().reload(); }
                        >
                            {tr("offline.refresh")}
                        </button>
                    })}
                </div>
            })}
        </div>
    }
}

/// "A new version is ready — Reload", until the customer agrees or puts it off.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let offline = use_offline();
    let later = RwSignal::new(false);
    move || {
        (offline.update_ready.get() && !later.get()).then(|| {
            view! {
                <div class="update-banner" role="alert">
                    <p class="update-banner__text">{tr("update.ready")}</p>
                    <div class="update-banner__actions">
                        <button type="button" class="button" on:click=move |_| offline.apply_update()>
                            {tr("update.reload")}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| later.set(true)>
                            {tr("update.later")}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// "Install app", where the browser offers it (gone once installed, or where it does not).
#[component]
pub fn InstallOffer() -> impl IntoView {
    let offline = use_offline();
    move || {
        offline.installable.get().then(|| {
            view! {
                <section class="install-offer" aria-labelledby="install-heading">
                    <h2 id="install-heading" class="heading-m">{tr("install.heading")}</h2>
                    <p>{tr("install.text")}</p>
                    <button type="button" class="button" on:click=move |_| offline.install()>
                        {tr("install.button")}
                    </button>
                </section>
            }
        })
    }
}

/// The entry's title: what it is and what about.
fn entry_title(i18n: I18n, entry: &OutboxEntry) -> String {
    let key = match entry.kind {
        OutboxKind::Claim => "outbox.claim",
        OutboxKind::Message => "outbox.message",
        OutboxKind::Booking => "outbox.booking",
    };
    i18n.t_with(key, &[("title", &entry.meta.title)])
}

/// The server's reason, in the customer's language.
fn reason(i18n: I18n, problem: &Problem) -> String {
    problem
        .errors
        .first()
        .map(|e| i18n.field_error(e))
        .or_else(|| {
            let text = i18n.t(&problem.code);
            (text != problem.code).then_some(text)
        })
        .unwrap_or_else(|| problem.title.clone())
}

/// Puts a refused entry's form back as the customer left it and opens it.
fn reopen(entry: &OutboxEntry, account: i64) -> Option<String> {
    let form = entry.meta.form.clone();
    match entry.kind {
        OutboxKind::Claim => {
            let product = entry.meta.product_id?;
            let mut draft: ClaimDraft = serde_json::from_value(form).ok()?;
            draft.step = ClaimStep::Check;
            claim_draft::save(&claim_draft::storage_key(account, product), &draft);
            Some(Page::new_claim_step(product, ClaimStep::Check))
        }
        OutboxKind::Booking => {
            let snapshot: BookingSnapshot = serde_json::from_value(form).ok()?;
            let booking = use_booking();
            booking.restore(snapshot);
            let taken = entry
                .problem
                .as_ref()
                .map(|p| p.next_slots.clone())
                .unwrap_or_default();
            let step = if taken.is_empty() {
                BookStep::Check
            } else {
                booking.slot.set(None);
                BookStep::Time
            };
            booking.taken.set(taken);
            Some(Page::Book(step).path())
        }
        OutboxKind::Message => {
            let claim = entry.meta.claim_id?;
            let text = form.get("body")?.as_str()?.to_owned();
            use_offline().restore_message.set(Some((claim, text)));
            Some(Page::Claim(claim).path())
        }
    }
}

#[component]
fn OutboxItem(entry: OutboxEntry) -> impl IntoView {
    let i18n = use_i18n();
    let offline = use_offline();
    let session = use_session();
    let navigate = use_navigate();
    let title = entry_title(i18n, &entry);
    let (date, time) = moment(i18n, entry.created);
    let made = i18n.t_with("outbox.made", &[("date", &date), ("time", &time)]);
    let photos =
        (!entry.photos.is_empty()).then(|| i18n.count("outbox.photos", entry.photos.len() as i64));
    let status = match &entry.problem {
        Some(problem) if entry.refused() => {
            i18n.t_with("outbox.refused", &[("reason", &reason(i18n, problem))])
        }
        _ => i18n.t("outbox.waiting"),
    };
    let refused = entry.refused();
    let id = entry.id.clone();
    // The form now holds everything the entry did: it leaves the outbox.
    let open = move |_| {
        let Some(account) = session.me_untracked().map(|me| me.id) else {
            return;
        };
        if let Some(path) = reopen(&entry, account) {
            offline.discard(entry.id.clone());
            navigate(&path, NavigateOptions::default());
        }
    };
    let discard = move |_| {
        let sure = window()
            .confirm_with_message(&i18n.t("outbox.discard_confirm"))
            .unwrap_or(false);
        if sure {
            offline.discard(id.clone());
        }
    };
    view! {
        <li class="outbox__item" class:outbox__item--refused=refused data-state=if refused { "refused" } else { "waiting" }>
            <p class="outbox__title">{title}</p>
            <p class="outbox__status">{status}</p>
            <p class="outbox__meta">{made}{photos.map(|p| format!(" · {p}"))}</p>
            <div class="outbox__actions">
                {refused.then(|| view! {
                    <button type="button" class="button" on:click=open>{tr("outbox.open")}</button>
                })}
                <button type="button" class="button button--secondary" on:click=discard>
                    {tr("outbox.discard")}
                </button>
            </div>
        </li>
    }
}

/// What waits to be sent from this device, and what the server refused when it arrived.
#[component]
pub fn OutboxPanel() -> impl IntoView {
    let i18n = use_i18n();
    let offline = use_offline();
    move || {
        let entries = offline.outbox.get();
        (!entries.is_empty()).then(|| {
            let heading = i18n.count("outbox.heading", entries.len() as i64);
            view! {
                <section class="outbox" aria-labelledby="outbox-heading">
                    <h2 id="outbox-heading" class="outbox__heading">{heading}</h2>
                    <ul class="outbox__list">
                        {entries.into_iter().map(|entry| view! { <OutboxItem entry /> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
