//! Reusable pieces of the private screens.

pub mod about;
pub mod card_contacts;
pub mod card_facts;
pub mod limits;
pub mod pick;
pub mod pin;
pub mod resource_card;
pub mod shell;
pub mod status;
