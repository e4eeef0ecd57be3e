//! Every place in the app, as a value: the one owner of route paths, so no component
//! spells out a URL.

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`: the welcome page (or a redirect to the products when signed in).
    Home,
    /// `/signin`.
    SignIn,
    /// `/signup`.
    SignUp,
    /// `/forgot-password`: asks for a reset link.
    ForgotPassword,
    /// `/products`: "My products".
    Products,
    /// `/products/new`: register a product.
    NewProduct,
    /// `/products/{id}`: one registered product and its coverage.
    Product(i64),
    /// `/account`: the customer's details and preferences.
    Account,
    /// `/appointments`: "My appointments".
    Appointments,
    /// `/appointments/new/...`: one step of booking an appointment.
    Book(BookStep),
    /// `/appointments/{id}`: one appointment, to reschedule or cancel.
    Appointment(i64),
    /// `/appointments/{id}/booked`: the confirmation after booking.
    Booked(i64),
    /// `/agent/calendar`: a centre's bookings, for agents.
    AgentCalendar,
    /// `/notifications`: the customer's notifications.
    Notifications,
    /// `/help`: the help articles, searched and filtered (see [`Page::help_article`] for
    /// one article).
    Help,
    /// `/agent/claims`: the agents' queue of claims (filters in the query string).
    AgentClaims,
    /// `/agent/claims/{id}`: one claim in the back office, with its actions.
    AgentClaim(i64),
    /// `/agent/satisfaction`: survey answers per centre.
    AgentSatisfaction,
    /// `/claims`: "My claims".
    Claims,
    /// `/claims/{id}`: one claim, its progress, quote, history and messages.
    Claim(i64),
    /// `/products/{id}/claim`: reporting a problem with a product (the first step; see
    /// [`Page::new_claim_step`] for the others).
    NewClaim(i64),
}

/// The steps of filing a claim, in order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStep {
    /// What happened: the cause and a few words (with self-help articles).
    Problem,
    /// The description, since when, photos, how to contact.
    Details,
    /// The remedy asked for, among those the coverage allows today.
    Remedy,
    /// Check your answers, then send.
    Check,
}

impl ClaimStep {
    /// Every step, in order.
    pub const ALL: [ClaimStep; 4] = [
        ClaimStep::Problem,
        ClaimStep::Details,
        ClaimStep::Remedy,
        ClaimStep::Check,
    ];

    /// The step's number, from 1.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    /// The step before this one, if any.
    pub fn previous(self) -> Option<ClaimStep> {
        Self::ALL.get(self.number().checked_sub(2)?).copied()
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<ClaimStep> {
        Self::ALL.get(self.number()).copied()
    }

    /// The name in the query string (`?step=details`).
    pub fn slug(self) -> &'static str {
        match self {
            ClaimStep::Problem => "problem",
            ClaimStep::Details => "details",
            ClaimStep::Remedy => "remedy",
            ClaimStep::Check => "check",
        }
    }

    /// The step a query string names; the first for anything else.
    pub fn from_slug(slug: &str) -> ClaimStep {
        Self::ALL
            .into_iter()
            .find(|s| s.slug() == slug)
            .unwrap_or(ClaimStep::Problem)
    }
}

/// The steps of booking an appointment, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BookStep {
    /// Which registered product.
    Product,
    /// Which service.
    Service,
    /// Which centre (and, on site, where).
    Centre,
    /// Which day and time.
    Time,
    /// Check your answers, then book.
    Check,
}

impl BookStep {
    /// Every step, in order.
    pub const ALL: [BookStep; 5] = [
        BookStep::Product,
        BookStep::Service,
        BookStep::Centre,
        BookStep::Time,
        BookStep::Check,
    ];

    /// The step's number, from 1.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    /// The step before this one, if any.
    pub fn previous(self) -> Option<BookStep> {
        Self::ALL.get(self.number().checked_sub(2)?).copied()
    }
}

impl Page {
    /// The page's path, to link or navigate to.
    pub fn path(self) -> String {
        match self {
            Page::Home => "/".into(),
            Page::SignIn => "/signin".into(),
            Page::SignUp => "/signup".into(),
            Page::ForgotPassword => "/forgot-password".into(),
            Page::Products => "/products".into(),
            Page::NewProduct => "/products/new".into(),
            Page::Product(id) => format!("/products/{id}"),
            Page::Account => "/account".into(),
            Page::Appointments => "/appointments".into(),
            Page::Book(step) => match step {
                BookStep::Product => "/appointments/new".into(),
                BookStep::Service => "/appointments/new/service".into(),
                BookStep::Centre => "/appointments/new/centre".into(),
                BookStep::Time => "/appointments/new/time".into(),
                BookStep::Check => "/appointments/new/check".into(),
            },
            Page::Appointment(id) => format!("/appointments/{id}"),
            Page::Booked(id) => format!("/appointments/{id}/booked"),
            Page::AgentCalendar => "/agent/calendar".into(),
            Page::Notifications => "/notifications".into(),
            Page::Help => "/help".into(),
            Page::AgentClaims => "/agent/claims".into(),
            Page::AgentClaim(id) => format!("/agent/claims/{id}"),
            Page::AgentSatisfaction => "/agent/satisfaction".into(),
            Page::Claims => "/claims".into(),
            Page::Claim(id) => format!("/claims/{id}"),
            Page::NewClaim(id) => format!("/products/{id}/claim"),
        }
    }

    /// `/help/{slug}`: one help article. Slugs come from the server and are made of
    /// lower-case letters, digits and dashes; anything else is dropped so a slug can
    /// never lead elsewhere.
    pub fn help_article(slug: &str) -> String {
        let slug: String = slug
            .chars()
            .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
            .collect();
        format!("{}/{slug}", Page::Help.path())
    }

    /// One step of filing a claim for a product: the first step's path is
    /// [`Page::NewClaim`]'s, the others add `?step=`.
    pub fn new_claim_step(product_id: i64, step: ClaimStep) -> String {
        let path = Page::NewClaim(product_id).path();
        match step {
            ClaimStep::Problem => path,
            other => format!("{path}?step={}", other.slug()),
        }
    }

    /// The first booking step with this product already chosen (`?product=ID`), for the
    /// product page's "Book a service appointment".
    pub fn book_for_product(product_id: i64) -> String {
        format!(
            "{}?product={product_id}",
            Page::Book(BookStep::Product).path()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{BookStep, Page};

    #[test]
    fn paths_are_absolute_and_a_product_path_carries_its_id() {
        assert_eq!(Page::Product(42).path(), "/products/42");
        for page in [Page::Home, Page::SignIn, Page::Products, Page::Account] {
            assert!(page.path().starts_with('/'));
        }
    }

    #[test]
    fn booking_steps_are_numbered_in_order_and_go_back_one_at_a_time() {
        assert_eq!(BookStep::Product.number(), 1);
        assert_eq!(BookStep::Check.number(), 5);
        assert_eq!(BookStep::Product.previous(), None);
        assert_eq!(BookStep::Check.previous(), Some(BookStep::Time));
        assert_eq!(Page::book_for_product(7), "/appointments/new?product=7");
        assert_eq!(Page::Booked(3).path(), "/appointments/3/booked");
        assert_eq!(Page::AgentCalendar.path(), "/agent/calendar");
        assert_eq!(Page::Notifications.path(), "/notifications");
        assert_eq!(Page::AgentClaims.path(), "/agent/claims");
        assert_eq!(Page::AgentClaim(9).path(), "/agent/claims/9");
        assert_eq!(Page::AgentSatisfaction.path(), "/agent/satisfaction");
    }

    #[test]
    fn claim_steps_are_numbered_in_order_and_named_in_the_query() {
        use super::ClaimStep;
        assert_eq!(Page::Claims.path(), "/claims");
        assert_eq!(Page::Claim(5).path(), "/claims/5");
        assert_eq!(Page::NewClaim(7).path(), "/products/7/claim");
        assert_eq!(
            Page::new_claim_step(7, ClaimStep::Problem),
            "/products/7/claim"
        );
        assert_eq!(
            Page::new_claim_step(7, ClaimStep::Remedy),
            "/products/7/claim?step=remedy"
        );
        assert_eq!(ClaimStep::Check.number(), 4);
        assert_eq!(ClaimStep::Details.previous(), Some(ClaimStep::Problem));
        assert_eq!(ClaimStep::Check.next(), None);
        assert_eq!(ClaimStep::from_slug("details"), ClaimStep::Details);
        assert_eq!(ClaimStep::from_slug("nonsense"), ClaimStep::Problem);
    }

    #[test]
    fn a_help_article_path_keeps_to_the_help_section() {
        assert_eq!(Page::Help.path(), "/help");
        assert_eq!(
            Page::help_article("washer-does-not-drain"),
            "/help/washer-does-not-drain"
        );
        assert_eq!(Page::help_article("../admin?x=1"), "/help/adminx1");
    }
}
