//! A claim being written, kept in the browser's `localStorage` so it survives closing the
//! tab: every answer, the photos already uploaded, the step reached and the
//! `Idempotency-Key` made once for this draft (so sending twice files one claim). One
//! draft per signed-in account and product; cleared after sending or on "Discard draft".

use aftercare_core::claims::{ClaimFile, ContactPreference, NewClaimRequest};
use aftercare_core::warranty::{ClaimCause, RemedyKind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api;
use crate::routes::ClaimStep;

/// Everything typed and chosen so far, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimDraft {
    /// The step the customer was on.
    pub step: ClaimStep,
    /// What happened.
    pub cause: Option<ClaimCause>,
    /// A few words about what is wrong (also what help articles are matched against).
    pub symptom: String,
    /// The description.
    pub description: String,
    /// Since when, as typed (`YYYY-MM-DD` from the date input).
    pub started_on: String,
    /// Photos uploaded so far.
    pub photos: Vec<ClaimFile>,
    /// How to contact.
    pub contact: ContactPreference,
    /// The phone number, when that is how.
    pub phone: String,
    /// The remedy asked for.
    pub remedy: Option<RemedyKind>,
    /// The `Idempotency-Key` for sending this draft.
    pub key: String,
}

impl ClaimDraft {
    /// A fresh draft with a new key.
    pub fn new() -> Self {
        Self::new_with_key(api::new_idempotency_key())
    }

    /// A fresh draft sent under `key`.
    pub fn new_with_key(key: impl Into<String>) -> Self {
        ClaimDraft {
            step: ClaimStep::Problem,
            cause: None,
            symptom: String::new(),
            description: String::new(),
            started_on: String::new(),
            photos: Vec::new(),
            contact: ContactPreference::Email,
            phone: String::new(),
            remedy: None,
            key: key.into(),
        }
    }

    /// Whether nothing has been answered yet (nothing worth keeping or restoring).
    pub fn is_blank(&self) -> bool {
        self.cause.is_none()
            && self.symptom.trim().is_empty()
            && self.description.trim().is_empty()
            && self.started_on.is_empty()
            && self.photos.is_empty()
            && self.phone.trim().is_empty()
            && self.remedy.is_none()
    }
}

impl Default for ClaimDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The storage key of the draft for this account and product.
pub fn storage_key(account_id: i64, product_id: i64) -> String {
    format!("aftercare.claim_draft.{account_id}.{product_id}")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The stored draft, if there is a readable one.
pub fn load(key: &str) -> Option<ClaimDraft> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Stores the draft (removes it when blank). Storage full or disabled: the draft lives
/// only as long as the page, which is what happened before drafts were kept at all.
pub fn save(key: &str, draft: &ClaimDraft) {
    let Some(storage) = storage() else { return };
    if draft.is_blank() {
        let _ = storage.remove_item(key);
    } else if let Ok(text) = serde_json::to_string(draft) {
        let _ = storage.set_item(key, &text);
    }
}

/// Forgets the draft.
pub fn clear(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The form's answers as signals, one per field, so each step binds to its own.
#[derive(Debug, Clone, Copy)]
pub struct DraftForm {
    /// See [`ClaimDraft::step`].
    pub step: RwSignal<ClaimStep>,
    /// See [`ClaimDraft::cause`].
    pub cause: RwSignal<Option<ClaimCause>>,
    /// See [`ClaimDraft::symptom`].
    pub symptom: RwSignal<String>,
    /// See [`ClaimDraft::description`].
    pub description: RwSignal<String>,
    /// See [`ClaimDraft::started_on`].
    pub started_on: RwSignal<String>,
    /// See [`ClaimDraft::photos`].
    pub photos: RwSignal<Vec<ClaimFile>>,
    /// See [`ClaimDraft::contact`].
    pub contact: RwSignal<ContactPreference>,
    /// See [`ClaimDraft::phone`].
    pub phone: RwSignal<String>,
    /// See [`ClaimDraft::remedy`].
    pub remedy: RwSignal<Option<RemedyKind>>,
    /// See [`ClaimDraft::key`].
    pub key: RwSignal<String>,
}

impl DraftForm {
    /// Signals holding `draft`.
    pub fn new(draft: ClaimDraft) -> Self {
        DraftForm {
            step: RwSignal::new(draft.step),
            cause: RwSignal::new(draft.cause),
            symptom: RwSignal::new(draft.symptom),
            description: RwSignal::new(draft.description),
            started_on: RwSignal::new(draft.started_on),
            photos: RwSignal::new(draft.photos),
            contact: RwSignal::new(draft.contact),
            phone: RwSignal::new(draft.phone),
            remedy: RwSignal::new(draft.remedy),
            key: RwSignal::new(draft.key),
        }
    }

    /// The answers as a draft (tracked: an effect that calls this re-runs on any change).
    pub fn draft(self) -> ClaimDraft {
        ClaimDraft {
            step: self.step.get(),
            cause: self.cause.get(),
            symptom: self.symptom.get(),
            description: self.description.get(),
            started_on: self.started_on.get(),
            photos: self.photos.get(),
            contact: self.contact.get(),
            phone: self.phone.get(),
            remedy: self.remedy.get(),
            key: self.key.get(),
        }
    }

    /// The answers as a draft, untracked.
    pub fn draft_untracked(self) -> ClaimDraft {
        untrack(|| self.draft())
    }

    /// Puts `draft`'s answers back into the signals.
    pub fn load(self, draft: ClaimDraft) {
        self.step.set(draft.step);
        self.cause.set(draft.cause);
        self.symptom.set(draft.symptom);
        self.description.set(draft.description);
        self.started_on.set(draft.started_on);
        self.photos.set(draft.photos);
        self.contact.set(draft.contact);
        self.phone.set(draft.phone);
        self.remedy.set(draft.remedy);
        self.key.set(draft.key);
    }

    /// The request the answers make (untracked). `cause` defaults to a fault in normal use
    /// only so that the shared rules can look at the other fields before one is chosen.
    pub fn request(self, product_id: i64) -> NewClaimRequest {
        NewClaimRequest {
            product_id,
            cause: self
                .cause
                .get_untracked()
                .unwrap_or(ClaimCause::PerformanceDefect),
            description: self.description.get_untracked().trim().to_owned(),
            started_on: self.started_on.get_untracked().trim().to_owned(),
            remedy: self.remedy.get_untracked(),
            contact: self.contact.get_untracked(),
            phone: if self.contact.get_untracked() == ContactPreference::Phone {
                self.phone.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
            photo_ids: self
                .photos
                .with_untracked(|p| p.iter().map(|f| f.id).collect()),
        }
    }
}

/// Which step asks for a field named in an error (core's or the server's field names).
pub fn step_of_field(field: &str) -> ClaimStep {
    match field {
        "cause" | "symptom" => ClaimStep::Problem,
        "description" | "started_on" | "photos" | "photo_ids" | "contact" | "phone" | "file" => {
            ClaimStep::Details
        }
        "remedy" => ClaimStep::Remedy,
        _ => ClaimStep::Check,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_s_errors_belong_to_the_step_that_asks_for_it() {
        assert_eq!(step_of_field("cause"), ClaimStep::Problem);
        assert_eq!(step_of_field("photos"), ClaimStep::Details);
        assert_eq!(step_of_field("phone"), ClaimStep::Details);
        assert_eq!(step_of_field("remedy"), ClaimStep::Remedy);
        assert_eq!(step_of_field(""), ClaimStep::Check);
    }

    #[test]
    fn a_draft_is_kept_only_once_something_is_answered() {
        let mut draft = ClaimDraft::new_with_key("k");
        assert!(draft.is_blank());
        draft.symptom = "It leaks".into();
        assert!(!draft.is_blank());
        let json = serde_json::to_string(&draft).unwrap_or_default();
        let back: Option<ClaimDraft> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(draft));
    }
}
