//! Route guards: pages for signed-in customers only, and pages (sign in, sign up) that a
//! signed-in customer skips.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::NavigateOptions;

use crate::components::common::{LoadError, PageHeading, Skeleton};
use crate::routes::Page;
use crate::state::i18n::tr;
use crate::state::session::{use_session, SessionState};

/// The session's state without the account's details, so a renamed account does not
/// re-render the page inside the guard.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Checking,
    In,
    Out,
    Unreachable,
}

/// Guards replace the history entry, so Back does not bounce off them.
fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    }
}

fn phase() -> Memo<Phase> {
    let session = use_session();
    Memo::new(move |_| match session.state() {
        SessionState::Checking => Phase::Checking,
        SessionState::SignedIn(_) => Phase::In,
        SessionState::SignedOut => Phase::Out,
        SessionState::Unreachable(_) => Phase::Unreachable,
    })
}

/// Why the session could not be checked, with Retry.
#[component]
fn SessionUnreachable() -> impl IntoView {
    let session = use_session();
    move || match session.state() {
        SessionState::Unreachable(error) => {
            let retry = Callback::new(move |()| session.check());
            view! { <LoadError error on_retry=retry /> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// Shows `children` to signed-in customers; sends everyone else to sign in.
#[component]
pub fn SignedIn(
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let phase = phase();
    move || match phase.get() {
        Phase::Checking => view! { <Skeleton /> }.into_any(),
        Phase::In => children().into_any(),
        Phase::Out => view! { <Redirect path=Page::SignIn.path() options=replace() /> }.into_any(),
        Phase::Unreachable => view! { <SessionUnreachable /> }.into_any(),
    }
}

/// Shows `children` to visitors; sends signed-in customers to their products and agents
/// to their calendar.
#[component]
pub fn SignedOut(
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let phase = phase();
    let session = use_session();
    move || match phase.get() {
        Phase::Checking => view! { <Skeleton /> }.into_any(),
        Phase::In => {
            let agent = session
                .me_untracked()
                .is_some_and(|me| super::is_agent(me.role));
            let home = if agent {
                Page::AgentCalendar
            } else {
                Page::Products
            };
            view! { <Redirect path=home.path() options=replace() /> }.into_any()
        }
        Phase::Out | Phase::Unreachable => children().into_any(),
    }
}

/// Shows `children` to signed-in agents (and admins); a customer who finds the address
/// is told the page is not for them; everyone else is sent to sign in.
#[component]
pub fn AgentOnly(
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let agent = Memo::new(move |_| session.me().is_some_and(|me| super::is_agent(me.role)));
    let children = StoredValue::new(children);
    view! {
        <SignedIn>
            {move || {
                if agent.get() {
                    children.with_value(|c| c()).into_any()
                } else {
                    view! {
                        <PageHeading text=tr("agent.not_allowed_title") />
                        <p>{tr("agent.not_allowed")}</p>
                    }
                    .into_any()
                }
            }}
        </SignedIn>
    }
}
