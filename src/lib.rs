//! Haven: safety plans and resource lists for survivors, behind a working calculator.
//!
//! Layers (see `ARCHITECTURE.md`):
//! - [`core`]: sans-IO logic — calculator engine, crypto, vault, models, codecs.
//! - [`io`]: the only place that touches files, sled and the network.
//! - [`ui`]: Dioxus components; renders state and dispatches events.
//! - [`platform`]: the per-OS seam (key storage, lifecycle, links); the only `unsafe`.

#![deny(unsafe_code)]
// allowed only inside `platform`, each use with a SAFETY comment
// `missing_docs` (warn) and `clippy::unwrap_used` (deny) come from `[lints]` in Cargo.toml;
// unit tests (`#[cfg(test)]`) may unwrap.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod core;
pub mod io;
pub mod platform;
pub mod ui;
