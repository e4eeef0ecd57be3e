//! Following a claim from a link in its emails, without signing in: the reduced,
//! read-only view a tracking link shows, and the customer's control over the link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::claims::{ClaimStatus, ProgressStep, Resolution};

/// Days a tracking link keeps working after the claim's last change (or after the
/// link was made, if later). A closed claim stops changing, so its links end 90 days
/// after it closed.
pub const TRACKING_DAYS: i64 = 90;

/// One step of a tracked claim's timeline: when, and from which status to which. No
/// names and no notes: whoever holds the link sees progress only.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// The status before (none for filing).
    pub from: Option<ClaimStatus>,
    /// The status after.
    pub to: ClaimStatus,
}

/// `GET /track/{token}`: a claim's progress, read-only, for whoever holds its link.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedClaim {
    /// The reference to quote (`CL-000042`).
    pub reference: String,
    /// The product's display name.
    pub product_name: String,
    /// Where it stands.
    pub status: ClaimStatus,
    /// How it was settled, once resolved.
    pub resolution: Option<Resolution>,
    /// When it was filed.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When this link stops working (unless the claim changes again first).
    pub link_expires_at: DateTime<Utc>,
    /// The progress picture.
    pub progress: Vec<ProgressStep>,
    /// The timeline, oldest first.
    pub events: Vec<TrackedEvent>,
}

/// `GET|POST|DELETE /claims/{id}/tracking`: whether the claim's tracking links work.
/// `url` is given once, in the answer to `POST` (a new link); only its hash is kept.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingLink {
    /// Whether at least one link works now.
    pub active: bool,
    /// When the newest working link stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// The new link's path (`/track/…`), in the answer to `POST` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
