//! Working without a connection: whether the browser is online, how old the data on
//! screen is when it came from the device ("as of"), a new version waiting, the install
//! offer, and the outbox — submissions kept on the device until they can be sent.
//!
//! The sending itself is `public/outbox.js` (shared with the service worker, so
//! Background Sync sends the same way); this module is the app's view of it.

use std::cell::Cell;

use aftercare_core::problem::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::state::session::{Session, SessionState};

/// Where the device remembers whose answers the service worker has saved.
const ACCOUNT_KEY: &str = "aftercare.saved_account";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = AftercareOutbox, js_name = add, catch)]
    fn outbox_add(json: &str, photos: &js_sys::Array) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercareOutbox, js_name = listJson, catch)]
    fn outbox_list(account: f64) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercareOutbox, js_name = discard, catch)]
    fn outbox_discard(id: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercareOutbox, js_name = clearAccount, catch)]
    fn outbox_clear_account(account: f64) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = AftercareOutbox, js_name = flush, catch)]
    fn outbox_flush() -> Result<js_sys::Promise, JsValue>;
}

/// What kind of submission waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// `POST /claims`.
    Claim,
    /// `POST /claims/{id}/messages`.
    Message,
    /// `POST /appointments`.
    Booking,
}

/// What the app shows about an entry and needs to give it back to the customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutboxMeta {
    /// What it is about, as the customer knows it: a product's name, a claim's reference.
    pub title: String,
    /// The product, for a claim or a booking.
    #[serde(default)]
    pub product_id: Option<i64>,
    /// The claim, for a message.
    #[serde(default)]
    pub claim_id: Option<i64>,
    /// The form as the customer left it (a claim draft, a booking's answers, a message's
    /// text), put back when the server refuses the submission.
    #[serde(default)]
    pub form: serde_json::Value,
}

/// A photo waiting to be uploaded with a claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OutboxPhoto {
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    #[serde(default)]
    pub size: f64,
}

/// One submission in the outbox.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OutboxEntry {
    /// Its `Idempotency-Key`, also its id on the device.
    pub id: String,
    /// What it is.
    pub kind: OutboxKind,
    /// Shown and restored from.
    pub meta: OutboxMeta,
    /// When it was made (ms since the epoch).
    pub created: f64,
    /// `waiting` or `refused`.
    pub state: String,
    /// The server's reason, when it refused.
    #[serde(default)]
    pub problem: Option<Problem>,
    /// Photos to upload first (a claim made offline).
    #[serde(default)]
    pub photos: Vec<OutboxPhoto>,
}

impl OutboxEntry {
    /// Whether the server refused it (it waits for the customer, not the network).
    pub fn refused(&self) -> bool {
        self.state == "refused"
    }
}

/// A submission to keep: sent to `url` (under `/api/v1`) with `body` as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct NewOutboxEntry {
    /// The `Idempotency-Key` it will be sent with.
    pub id: String,
    /// The signed-in account: only its own session ever sends it.
    pub account: i64,
    /// What it is.
    pub kind: OutboxKind,
    /// Where it goes, e.g. `/claims`.
    pub url: String,
    /// The request.
    pub body: serde_json::Value,
    /// Shown and restored from.
    pub meta: OutboxMeta,
}

/// The offline context.
#[derive(Debug, Clone, Copy)]
pub struct Offline {
    /// What the browser says about the network.
    pub online: RwSignal<bool>,
    /// When the oldest data on screen that came from the device was fetched (ms since the
    /// epoch); `None` while answers come from the server.
    pub as_of: RwSignal<Option<f64>>,
    /// A new version is installed and waits for the customer's go.
    pub update_ready: RwSignal<bool>,
    /// The browser offers to install the app.
    pub installable: RwSignal<bool>,
    /// The signed-in account's outbox, oldest first.
    pub outbox: RwSignal<Vec<OutboxEntry>>,
    /// Bumped each time an entry was sent, so lists that show its result reload.
    pub sent: RwSignal<u32>,
    /// A refused message's text, for its claim's compose box to take back.
    pub restore_message: RwSignal<Option<(i64, String)>>,
    session: Session,
}

thread_local! {
    /// The context, for the API client (which has no component to ask).
    static CURRENT: Cell<Option<Offline>> = const { Cell::new(None) };
}

/// The browser's `AftercarePwa` object (see `src/boot.js`).
fn pwa() -> Option<JsValue> {
    js_sys::Reflect::get(&window(), &JsValue::from_str("AftercarePwa"))
        .ok()
        .filter(|v| v.is_object())
}

fn pwa_field(name: &str) -> Option<JsValue> {
    pwa()
        .and_then(|p| js_sys::Reflect::get(&p, &JsValue::from_str(name)).ok())
        .filter(|v| !v.is_null() && !v.is_undefined())
}

fn call_pwa(name: &str) -> Option<JsValue> {
    let function = pwa_field(name)?.dyn_into::<js_sys::Function>().ok()?;
    function.call0(&pwa()?).ok()
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise?).await
}

/// Creates the context and follows the browser's events.
pub fn provide_offline(session: Session) -> Offline {
    let offline = Offline {
        online: RwSignal::new(window().navigator().on_line()),
        as_of: RwSignal::new(None),
        update_ready: RwSignal::new(pwa_field("update").is_some()),
        installable: RwSignal::new(pwa_field("install").is_some()),
        outbox: RwSignal::new(Vec::new()),
        sent: RwSignal::new(0),
        restore_message: RwSignal::new(None),
        session,
    };
    CURRENT.with(|c| c.set(Some(offline)));
    provide_context(offline);
    let _ = window_event_listener_untyped("online", move |_| {
        offline.online.set(true);
        offline.flush();
    });
    let _ = window_event_listener_untyped("offline", move |_| offline.online.set(false));
    let _ = window_event_listener_untyped("aftercare-update", move |_| {
        offline.update_ready.set(pwa_field("update").is_some());
    });
    let _ = window_event_listener_untyped("aftercare-installable", move |_| {
        offline.installable.set(pwa_field("install").is_some());
    });
    let _ = window_event_listener_untyped("aftercare-outbox", move |event| {
        let sent = js_sys::Reflect::get(&event, &JsValue::from_str("detail"))
            .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str("type")))
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "sent");
        if sent {
            offline.sent.update(|n| *n += 1);
        }
        offline.reload();
    });
    // The outbox shown is the signed-in account's.
    Effect::new(move || {
        let _ = session.me().map(|me| me.id);
        offline.reload();
    });
    // Saved answers belong to one account: forgotten once nobody is signed in, or when
    // another account signs in on this device, so they are never shown to someone else.
    Effect::new(move || {
        let storage = window().local_storage().ok().flatten();
        let saved_for = storage
            .as_ref()
            .and_then(|s| s.get_item(ACCOUNT_KEY).ok().flatten())
            .and_then(|v| v.parse::<i64>().ok());
        let now = match session.state() {
            SessionState::SignedIn(me) => Some(me.id),
            SessionState::SignedOut => None,
            SessionState::Checking | SessionState::Unreachable(_) => return,
        };
        if saved_for == now {
            return;
        }
        if let Some(storage) = storage {
            let _ = match now {
                Some(id) => storage.set_item(ACCOUNT_KEY, &id.to_string()),
                None => storage.remove_item(ACCOUNT_KEY),
            };
        }
        leptos::task::spawn_local(offline.forget(None, false));
    });
    offline
}

/// The offline context provided by the app.
pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

/// Notes where an API answer came from: `saved_at` (ms) when the service worker answered
/// from the device, `None` when it came from the server.
pub fn note_answer(saved_at: Option<f64>) {
    let Some(offline) = CURRENT.with(Cell::get) else {
        return;
    };
    match saved_at {
        Some(at) => offline
            .as_of
            .update(|old| *old = Some(old.map_or(at, |o| o.min(at)))),
        None => {
            if offline.as_of.get_untracked().is_some() {
                offline.as_of.set(None);
            }
        }
    }
}

impl Offline {
    /// Reads the signed-in account's entries again.
    pub fn reload(self) {
        let Some(account) = self.session.me_untracked().map(|me| me.id) else {
            self.outbox.set(Vec::new());
            return;
        };
        leptos::task::spawn_local(async move {
            let text = settle(outbox_list(account as f64))
                .await
                .ok()
                .and_then(|v| v.as_string());
            let entries: Vec<OutboxEntry> = text
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default();
            self.outbox.set(entries);
        });
    }

    /// Keeps a submission (and photos to upload first) and tries to send it at once.
    pub async fn keep(
        self,
        entry: &NewOutboxEntry,
        photos: &[(web_sys::Blob, String)],
    ) -> Result<(), String> {
        let json = serde_json::to_string(entry).map_err(|e| e.to_string())?;
        let list = js_sys::Array::new();
        for (blob, name) in photos {
            let photo = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&photo, &"blob".into(), blob);
            let _ = js_sys::Reflect::set(&photo, &"name".into(), &JsValue::from_str(name));
            list.push(&photo);
        }
        settle(outbox_add(&json, &list))
            .await
            .map_err(|e| format!("{e:?}"))?;
        self.reload();
        Ok(())
    }

    /// Passes `result` through, unless it failed for want of a connection: then the
    /// submission `entry` describes is kept in the outbox (with `photos` to upload first)
    /// and the answer is [`ApiError::Kept`]. Nothing to keep (`None`), or a device that
    /// cannot keep it: the network error stands, and the form keeps what was typed.
    pub async fn or_keep<T>(
        self,
        result: Result<T, ApiError>,
        entry: impl FnOnce() -> Option<NewOutboxEntry>,
        photos: &[(web_sys::Blob, String)],
    ) -> Result<T, ApiError> {
        match result {
            Err(ApiError::Network(why)) => match entry() {
                Some(entry) if self.keep(&entry, photos).await.is_ok() => Err(ApiError::Kept),
                _ => Err(ApiError::Network(why)),
            },
            other => other,
        }
    }

    /// Forgets an entry.
    pub fn discard(self, id: String) {
        leptos::task::spawn_local(async move {
            let _ = settle(outbox_discard(&id)).await;
            self.reload();
        });
    }

    /// Tries to send what waits now.
    pub fn flush(self) {
        leptos::task::spawn_local(async move {
            let _ = settle(outbox_flush()).await;
        });
    }

    /// Entries still waiting for the network (not refused), tracked.
    pub fn waiting(self) -> usize {
        self.outbox
            .with(|entries| entries.iter().filter(|e| !e.refused()).count())
    }

    /// Lets the waiting version take over; the page reloads with it.
    pub fn apply_update(self) {
        let _ = call_pwa("applyUpdate");
    }

    /// Shows the browser's install dialog.
    pub fn install(self) {
        let _ = call_pwa("promptInstall");
        self.installable.set(false);
    }

    /// Forgets everything of `account` kept on this device: the saved answers and, when
    /// `outbox` is true, what waits to be sent (at sign-out).
    pub async fn forget(self, account: Option<i64>, outbox: bool) {
        if let Some(promise) = call_pwa("forgetData").and_then(|p| p.dyn_into().ok()) {
            let _ = settle(Ok(promise)).await;
        }
        if let (Some(account), true) = (account, outbox) {
            let _ = settle(outbox_clear_account(account as f64)).await;
        }
        self.as_of.set(None);
        self.reload();
    }
}
