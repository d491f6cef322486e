//! Sans-IO core: plain Rust, no UI, no files, no network. Tested without a window.

pub mod calculator;
pub mod clock;
pub mod crypto;
pub mod directory;
pub mod evidence;
pub mod i18n;
pub mod identity;
pub mod link;
pub mod my_resources;
pub mod notes;
pub mod plan;
pub mod qr;
pub mod resource;
pub mod settings;
pub mod setup_code;
pub mod share;
pub mod sms;
pub mod sources;
pub mod trust;
pub mod vault;
