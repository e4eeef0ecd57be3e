//! The agents' back office: a centre's bookings with their status buttons, and the form
//! that blocks time in the centre's calendar.

pub mod block_form;
pub mod bookings;

pub use block_form::BlockTimeForm;
pub use bookings::Bookings;
