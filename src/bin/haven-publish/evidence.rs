//! `verify-evidence`: check an evidence export (the ZIP the app writes) the way an advocate
//! or a court would: every hash, the chain, the signature, the timeline and `SHA256SUMS`.
//! The checks live in `haven::core::evidence::verify_export`, shared with the app.

use std::path::PathBuf;

use clap::Args;

use crate::cli::{read_bytes, Failure};

/// `verify-evidence`.
#[derive(Args)]
pub struct VerifyEvidenceArgs {
    /// The export ZIP file.
    pub export: PathBuf,
}

/// Prints what checked and `OK`, or fails with the first problem named.
pub fn verify(args: &VerifyEvidenceArgs) -> Result<(), Failure> {
    let bytes = read_bytes(&args.export)?;
    match haven::core::evidence::verify_export(&bytes) {
        Ok(r) => {
            println!("links: {} (removed entries: {})", r.links, r.removed);
            println!("attachments: {}", r.attachments);
            println!("chain head: {}", r.head);
            println!("signing key fingerprint: {}", r.key_fingerprint);
            println!("OK: every hash, the chain, the signature, the timeline and SHA256SUMS check");
            Ok(())
        }
        Err(p) => Err(Failure(format!("verify-evidence: FAILED: {p}"))),
    }
}
