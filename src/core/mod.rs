//! Sans-IO core: plain Rust, no UI, no files, no network. Tested without a window.

pub mod calculator;
