//! One module per screen.

pub mod calculator;
