//! Sans-IO core: plain Rust, no UI, no files, no network. Tested without a window.

pub mod backoff;
pub mod calculator;
pub mod crypto;
pub mod header;
pub mod link;
pub mod qr;
pub mod record;
pub mod store;
pub mod vault;
