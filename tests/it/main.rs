//! Haven's integration tests: one crate, one module per area.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

mod a11y;
mod calculator_engine;
mod calculator_ui;
mod decoy;
mod decoy_words;
mod directory;
mod directory_fetch;
mod directory_props;
mod directory_ui;
mod flows;
mod harness;
mod i18n;
mod link;
mod link_cli;
mod link_ui;
mod link_web;
mod names;
mod plan;
mod plan_more;
mod plan_sms;
mod platform;
mod platform_manifest;
mod resources;
mod revocation;
mod scale;
mod tidy;
mod vault;
mod vault_canary;
mod vault_crash;
mod vault_props;
mod vault_support;
mod vault_vectors;
mod vault_wycheproof;
