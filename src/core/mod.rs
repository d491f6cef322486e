//! Sans-IO core: plain Rust, no UI, no files, no network. Tested without a window.

pub mod backoff;
pub mod calculator;
pub mod crypto;
pub mod decoy;
pub mod directory;
pub mod header;
pub mod i18n;
pub mod link;
pub mod my_resources;
pub mod plan;
pub mod qr;
pub mod record;
pub mod resource;
pub mod settings;
pub mod store;
pub mod trust;
pub mod vault;
