//! Haven's integration tests: one crate, one module per area.

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]

mod a11y;
mod calculator_engine;
mod calculator_ui;
mod cards;
mod crash_support;
mod decoy;
mod decoy_evidence;
mod decoy_words;
mod directory;
mod directory_facts;
mod directory_fetch;
mod directory_props;
mod directory_ui;
mod evidence;
mod evidence_cli;
mod evidence_crash;
mod evidence_ui;
mod flows;
mod harness;
mod i18n;
mod link;
mod link_cli;
mod link_trust;
mod link_ui;
mod link_web;
mod names;
mod plan;
mod plan_more;
mod plan_sms;
mod platform;
mod platform_manifest;
mod publishing;
mod resources;
mod revocation;
mod scale;
mod search_table;
mod search_ui;
mod tidy;
mod vault;
mod vault_canary;
mod vault_crash;
mod vault_props;
mod vault_support;
mod vault_vectors;
mod vault_wycheproof;
