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
    }
}
