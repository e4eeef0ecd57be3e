//! The booking in progress: every answer of the five steps, kept in one context for the
//! whole app so moving between the steps (Back, Change) never loses one.

use aftercare_core::api::{BookAppointmentRequest, Centre};
use aftercare_core::slots::{ServiceType, Slot};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api;
use crate::forms::{optional, FormErrors};
use crate::routes::BookStep;

/// The chosen product: its id and the name the customer knows it by.
pub type ChosenProduct = (i64, String);

/// The answers so far.
#[derive(Debug, Clone, Copy)]
pub struct Booking {
    /// Step 1.
    pub product: RwSignal<Option<ChosenProduct>>,
    /// Step 2.
    pub service: RwSignal<Option<ServiceType>>,
    /// Step 3: the centre, as listed (with its rules and zone).
    pub centre: RwSignal<Option<Centre>>,
    /// Step 3, on site: the street address.
    pub address: RwSignal<String>,
    /// Step 3, on site: the postal code.
    pub postal_code: RwSignal<String>,
    /// Step 3: the place typed to sort centres by distance.
    pub near: RwSignal<String>,
    /// Step 4.
    pub slot: RwSignal<Option<Slot>>,
    /// Step 5: notes for the technician.
    pub notes: RwSignal<String>,
    /// The next free slots offered after the chosen one was just taken (step 4 shows them).
    pub taken: RwSignal<Vec<Slot>>,
    /// Errors on step 3's fields that came back from the server at booking.
    pub place_errors: FormErrors,
    /// The request last sent and its `Idempotency-Key`: a retry of the same request reuses
    /// the key, a changed answer gets a new one.
    attempt: StoredValue<Option<(BookAppointmentRequest, String)>>,
}

/// Every answer, as kept with a booking request waiting in the outbox, so a request the
/// server refuses (the slot went meanwhile) comes back with nothing to type again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingSnapshot {
    product: Option<ChosenProduct>,
    service: Option<ServiceType>,
    centre: Option<Centre>,
    address: String,
    postal_code: String,
    near: String,
    slot: Option<Slot>,
    notes: String,
}

/// Creates the context.
pub fn provide_booking() -> Booking {
    let booking = Booking {
        product: RwSignal::new(None),
        service: RwSignal::new(None),
        centre: RwSignal::new(None),
        address: RwSignal::new(String::new()),
        postal_code: RwSignal::new(String::new()),
        near: RwSignal::new(String::new()),
        slot: RwSignal::new(None),
        notes: RwSignal::new(String::new()),
        taken: RwSignal::new(Vec::new()),
        place_errors: FormErrors::new(),
        attempt: StoredValue::new(None),
    };
    provide_context(booking);
    booking
}

/// The booking context provided by the app.
pub fn use_booking() -> Booking {
    expect_context::<Booking>()
}

impl Booking {
    /// Whether the chosen service is a visit at the customer's address (untracked).
    pub fn on_site(self) -> bool {
        self.service
            .get_untracked()
            .is_some_and(ServiceType::is_on_site)
    }

    /// The first step still unanswered before `step`, where a customer who arrives on
    /// `step` (a reload, a bookmark) is sent instead.
    pub fn missing_before(self, step: BookStep) -> Option<BookStep> {
        let answered = [
            (BookStep::Product, self.product.with(Option::is_some)),
            (BookStep::Service, self.service.with(Option::is_some)),
            (BookStep::Centre, self.centre.with(Option::is_some)),
            (BookStep::Time, self.slot.with(Option::is_some)),
        ];
        answered
            .into_iter()
            .find(|(s, done)| *s < step && !done)
            .map(|(s, _)| s)
    }

    /// Chooses the service; a centre chosen for another service is forgotten, since it
    /// may not offer this one (and its times differ).
    pub fn choose_service(self, service: ServiceType) {
        if self.service.get_untracked() != Some(service) {
            self.service.set(Some(service));
            self.centre.set(None);
            self.slot.set(None);
            self.taken.set(Vec::new());
        }
    }

    /// Chooses the centre; a time chosen at another centre is forgotten.
    pub fn choose_centre(self, centre: Centre) {
        if self.centre.with_untracked(|c| c.as_ref().map(|c| c.id)) != Some(centre.id) {
            self.slot.set(None);
            self.taken.set(Vec::new());
        }
        self.centre.set(Some(centre));
    }

    /// The request for the answers given, if every step is answered (untracked).
    pub fn request(self) -> Option<BookAppointmentRequest> {
        let on_site = self.on_site();
        let on_site_text = |text: RwSignal<String>| {
            if on_site {
                optional(&text.get_untracked())
            } else {
                None
            }
        };
        Some(BookAppointmentRequest {
            product_id: self.product.get_untracked()?.0,
            centre_id: self.centre.with_untracked(|c| c.as_ref().map(|c| c.id))?,
            service: self.service.get_untracked()?,
            start: self.slot.get_untracked()?.start,
            address: on_site_text(self.address),
            postal_code: on_site_text(self.postal_code),
            notes: optional(&self.notes.get_untracked()),
        })
    }

    /// The `Idempotency-Key` for sending `request`: the same as last time when it is the
    /// same request (a retry), else a new one.
    pub fn key_for(self, request: &BookAppointmentRequest) -> String {
        if let Some((_, key)) = self.attempt.get_value().filter(|(last, _)| last == request) {
            return key;
        }
        let key = api::new_idempotency_key();
        self.attempt.set_value(Some((request.clone(), key.clone())));
        key
    }

    /// The answers as they stand (untracked).
    pub fn snapshot(self) -> BookingSnapshot {
        BookingSnapshot {
            product: self.product.get_untracked(),
            service: self.service.get_untracked(),
            centre: self.centre.get_untracked(),
            address: self.address.get_untracked(),
            postal_code: self.postal_code.get_untracked(),
            near: self.near.get_untracked(),
            slot: self.slot.get_untracked(),
            notes: self.notes.get_untracked(),
        }
    }

    /// Puts kept answers back.
    pub fn restore(self, snapshot: BookingSnapshot) {
        self.reset();
        self.product.set(snapshot.product);
        self.service.set(snapshot.service);
        self.centre.set(snapshot.centre);
        self.address.set(snapshot.address);
        self.postal_code.set(snapshot.postal_code);
        self.near.set(snapshot.near);
        self.slot.set(snapshot.slot);
        self.notes.set(snapshot.notes);
    }

    /// Forgets every answer, after a booking or to start again.
    pub fn reset(self) {
        self.product.set(None);
        self.service.set(None);
        self.centre.set(None);
        self.address.set(String::new());
        self.postal_code.set(String::new());
        self.slot.set(None);
        self.notes.set(String::new());
        self.taken.set(Vec::new());
        self.place_errors.clear();
        self.attempt.set_value(None);
    }
}
