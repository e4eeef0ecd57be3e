//! One module per route; each page composes feature components.

pub mod account;
pub mod agent_calendar;
pub mod appointment;
pub mod appointments;
pub mod book;
pub mod booked;
pub mod home;
pub mod new_product;
pub mod not_found;
pub mod notifications;
pub mod product;
pub mod products;
pub mod sign_in;
pub mod sign_up;

pub use account::AccountPage;
pub use agent_calendar::AgentCalendarPage;
pub use appointment::AppointmentPage;
pub use appointments::AppointmentsPage;
pub use book::{BookCentrePage, BookCheckPage, BookProductPage, BookServicePage, BookTimePage};
pub use booked::BookedPage;
pub use home::HomePage;
pub use new_product::NewProductPage;
pub use not_found::NotFoundPage;
pub use notifications::NotificationsPage;
pub use product::ProductPage;
pub use products::ProductsPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;
