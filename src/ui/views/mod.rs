//! One module per screen.

pub mod calculator;
pub mod directory;
pub mod evidence;
pub mod home;
pub mod import;
pub mod notes;
pub mod plan;
pub mod resources;
pub mod settings;
pub mod setup;
pub mod share;
pub mod signs;
