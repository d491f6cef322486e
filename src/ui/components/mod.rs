//! Reusable pieces of the private screens.

pub mod about;
pub mod limits;
pub mod pick;
pub mod pin;
pub mod resource_card;
pub mod shell;
pub mod status;
