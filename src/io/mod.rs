//! Input/output: the only layer that touches the file system, sled and the network.

pub mod clock;
pub mod evidence;
pub mod fetch;
pub mod files;
pub mod revocations;
pub mod sled_store;
pub mod vault_files;
pub mod vault_records;
