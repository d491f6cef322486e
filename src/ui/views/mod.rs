//! One module per screen.

pub mod calculator;
pub mod home;
pub mod settings;
pub mod setup;
