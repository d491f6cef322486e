//! Reusable pieces of the private screens.

pub mod pin;
pub mod shell;
