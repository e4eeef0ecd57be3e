//! The frame around every page: skip link, header, navigation, and the guard that keeps
//! signed-in pages for signed-in customers.

pub mod guard;
pub mod header;
pub mod nav;
pub mod skip_link;

pub use guard::{AgentOnly, SignedIn, SignedOut};
pub use header::Header;
pub use nav::{is_agent, BottomNav, TopNav};
pub use skip_link::SkipLink;
