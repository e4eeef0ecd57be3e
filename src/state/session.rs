//! Who is signed in: checked once at start (`GET /me`), set by sign-in and sign-up,
//! cleared by sign-out or by any answer saying the session is gone.

use aftercare_core::api::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::state::i18n::I18n;

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server who we are.
    Checking,
    /// Signed in as this account.
    SignedIn(Me),
    /// Nobody is signed in.
    SignedOut,
    /// The server could not be asked (offline, server down).
    Unreachable(ApiError),
}

/// The session context.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    i18n: I18n,
}

/// Creates the context and starts the first check.
pub fn provide_session(i18n: I18n) -> Session {
    let session = Session {
        state: RwSignal::new(SessionState::Checking),
        i18n,
    };
    provide_context(session);
    session.check();
    session
}

/// The session context provided by the app.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// The current state (tracked).
    pub fn state(self) -> SessionState {
        self.state.get()
    }

    /// The signed-in account, if any (tracked).
    pub fn me(self) -> Option<Me> {
        self.state.with(|s| match s {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// The signed-in account, if any (not tracked).
    pub fn me_untracked(self) -> Option<Me> {
        self.state.with_untracked(|s| match s {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// Asks the server who is signed in.
    pub fn check(self) {
        self.state.set(SessionState::Checking);
        spawn_local(async move {
            match api::me().await {
                Ok(me) => self.signed_in(me),
                Err(e) if e.is_unauthenticated() => self.signed_out(),
                Err(e) => self.state.set(SessionState::Unreachable(e)),
            }
        });
    }

    /// Records a successful sign-in (or an updated account) and adopts its language.
    pub fn signed_in(self, me: Me) {
        self.i18n.set_language(me.language);
        self.state.set(SessionState::SignedIn(me));
    }

    /// Records that nobody is signed in.
    pub fn signed_out(self) {
        self.state.set(SessionState::SignedOut);
    }

    /// Passes a result through, noting on the way when it says the session is gone.
    pub fn watch<T>(self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(e) = &result {
            if e.is_unauthenticated() {
                self.signed_out();
            }
        }
        result
    }
}
