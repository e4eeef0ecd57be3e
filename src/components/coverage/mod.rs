//! How a product's coverage is shown: a one-line badge for cards, the full summary list
//! for the product page, and the live preview while registering.

pub mod badge;
pub mod details;
pub mod preview;

pub use badge::CoverageBadge;
pub use details::CoverageDetails;
pub use preview::CoveragePreview;
