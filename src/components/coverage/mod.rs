//! How a product's coverage is shown: a one-line badge for cards, the full summary list
//! for the product page with the engine's timeline, remedies, proof of purchase and plans,
//! and the live preview while registering.

pub mod badge;
pub mod details;
pub mod live;
pub mod plans;
pub mod preview;
pub mod proof;
pub mod remedies;
pub mod sections;
pub mod timeline;

pub use badge::CoverageBadge;
pub use details::CoverageDetails;
pub use plans::AddPlanForm;
pub use preview::CoveragePreview;
pub use proof::ProofSection;
pub use remedies::RemediesToday;
pub use sections::CoverageSections;
pub use timeline::CoverageTimeline;
