//! The main navigation: across the top on wide screens, a bar at the bottom on phones.
//! Only sections that exist are listed. Agents see their claims queue, calendar,
//! satisfaction report and account instead of the customer's sections.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use aftercare_core::api::Role;

use crate::routes::Page;
use crate::state::i18n::tr;
use crate::state::session::use_session;

/// A section of the navigation.
#[derive(Clone, Copy)]
struct Section {
    page: Page,
    label: &'static str,
    icon: &'static str,
}

/// Agents' calendar icon.
const CALENDAR_ICON: &str =
    "M5 5h14a1 1 0 011 1v13a1 1 0 01-1 1H5a1 1 0 01-1-1V6a1 1 0 011-1zm-1 5h16M8 3v4m8-4v4";

/// Agents' claims queue icon: a clipboard with lines.
const QUEUE_ICON: &str =
    "M9 4h6v3H9zM7 5H6a1 1 0 00-1 1v14a1 1 0 001 1h12a1 1 0 001-1V6a1 1 0 00-1-1h-1M9 12h6m-6 4h4";

/// Agents' satisfaction icon: a smiling face.
const SATISFACTION_ICON: &str =
    "M12 21a9 9 0 100-18 9 9 0 000 18zM8.5 14.5c1.8 2 5.2 2 7 0M9 9.5h.01M15 9.5h.01";

/// The sections an agent (or admin) sees, in order.
const AGENT_SECTIONS: [Section; 4] = [
    Section {
        page: Page::AgentClaims,
        label: "nav.agent_claims",
        icon: QUEUE_ICON,
    },
    Section {
        page: Page::AgentCalendar,
        label: "nav.calendar",
        icon: CALENDAR_ICON,
    },
    Section {
        page: Page::AgentSatisfaction,
        label: "nav.satisfaction",
        icon: SATISFACTION_ICON,
    },
    Section {
        page: Page::Account,
        label: "nav.account",
        icon: "M12 12a4 4 0 100-8 4 4 0 000 8zm-8 9c0-4 4-6 8-6s8 2 8 6",
    },
];

/// Customers' claims icon: a wrench.
const CLAIMS_ICON: &str =
    "M14.7 6.3a4 4 0 00-5.4 5.1L4 16.7V20h3.3l5.3-5.3a4 4 0 005.1-5.4l-2.5 2.5-2.4-.6-.6-2.4z";

/// Customers' help icon: a question mark in a circle.
const HELP_ICON: &str =
    "M12 21a9 9 0 100-18 9 9 0 000 18zM9.5 9.5a2.5 2.5 0 115 0c0 1.5-2.5 2-2.5 3.5M12 17h.01";

/// The sections a customer sees, in order. Icons are SVG path data on a 24-unit grid.
const SECTIONS: [Section; 5] = [
    Section {
        page: Page::Products,
        label: "nav.products",
        icon: "M4 7l8-4 8 4v10l-8 4-8-4V7zm8 5l8-5M12 12L4 7m8 5v9",
    },
    Section {
        page: Page::Appointments,
        label: "nav.appointments",
        icon:
            "M5 5h14a1 1 0 011 1v13a1 1 0 01-1 1H5a1 1 0 01-1-1V6a1 1 0 011-1zm-1 5h16M8 3v4m8-4v4",
    },
    Section {
        page: Page::Claims,
        label: "nav.claims",
        icon: CLAIMS_ICON,
    },
    Section {
        page: Page::Help,
        label: "nav.help",
        icon: HELP_ICON,
    },
    Section {
        page: Page::Account,
        label: "nav.account",
        icon: "M12 12a4 4 0 100-8 4 4 0 000 8zm-8 9c0-4 4-6 8-6s8 2 8 6",
    },
];

/// Whether the role works the back office (agents and admins).
pub fn is_agent(role: Role) -> bool {
    matches!(role, Role::Agent | Role::Admin)
}

/// The links, marking the current section with `aria-current`.
#[component]
fn NavLinks(with_icons: bool, agent: bool) -> impl IntoView {
    let location = use_location();
    let sections: &[Section] = if agent { &AGENT_SECTIONS } else { &SECTIONS };
    sections
        .iter()
        .copied()
        .map(|section| {
            let path = section.page.path();
            let prefix = path.clone();
            let current = move || {
                location
                    .pathname
                    .with(|p| p.starts_with(&prefix))
                    .then_some("page")
            };
            view! {
                <li class="nav__item">
                    <a href=path class="nav__link" aria-current=current>
                        {with_icons
                            .then(|| {
                                view! {
                                    <svg
                                        class="nav__icon"
                                        viewBox="0 0 24 24"
                                        aria-hidden="true"
                                        focusable="false"
                                    >
                                        <path d=section.icon />
                                    </svg>
                                }
                            })}
                        <span>{tr(section.label)}</span>
                    </a>
                </li>
            }
        })
        .collect_view()
}

/// The top navigation (wide screens), for signed-in customers.
#[component]
pub fn TopNav() -> impl IntoView {
    let session = use_session();
    move || {
        session.me().map(|me| {
            let agent = is_agent(me.role);
            view! {
                <nav class="top-nav" aria-label=tr("nav.label")>
                    <ul class="nav__list">
                        <NavLinks with_icons=false agent />
                    </ul>
                </nav>
            }
        })
    }
}

/// The bottom bar (phones), for signed-in customers.
#[component]
pub fn BottomNav() -> impl IntoView {
    let session = use_session();
    move || {
        session.me().map(|me| {
            let agent = is_agent(me.role);
            view! {
                <nav class="bottom-nav" aria-label=tr("nav.label")>
                    <ul class="nav__list">
                        <NavLinks with_icons=true agent />
                    </ul>
                </nav>
            }
        })
    }
}
