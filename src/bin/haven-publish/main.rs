//! haven-publish: make keys, delegations and signed directory bundles for Haven.
//!
//! ```text
//! haven-publish keygen --out KEYFILE [--name LABEL]
//! haven-publish roots KEYFILE.pub... --out assets/trust/roots.json
//! haven-publish delegate --root ROOTKEY --key KEY --org NAME --scope directory|links --expires DATE [--out FILE]
//! haven-publish import-hsds PATH --out directory.json [--source TEXT] [--verified DATE]
//! haven-publish sign --key KEY --delegation DELEG --version N --expires DATE directory.json --out bundle
//! haven-publish verify --root ROOTPUB [--revocations FILE] bundle
//! haven-publish link --key KEY --delegation DELEG --expires DATE [--base-url URL] [--qr out.svg] RESOURCE.json...
//! haven-publish link --unsigned [--base-url URL] [--qr out.svg] RESOURCE.json...
//! haven-publish inspect [--roots ROOTS] [--revocations FILE] LINK
//! haven-publish verify-evidence EXPORT.zip
//! haven-publish search [--bundle FILE] [--lang en|es] [--zip ZIP] [--at RFC3339] [--filter NAME]... QUERY
//! haven-publish revoke --root ROOTKEY --key KEY.pub [--reason TEXT] [--list FILE] --out revocations.json
//! ```
//!
//! Private keys are PKCS#8 in PEM text, written with mode 0600 and never overwritten.
//! DATE is `YYYY-MM-DD` (midnight UTC starting that day) or an RFC 3339 timestamp.
//!
//! Layout (as in ripgrep: a thin `main`, then `run`):
//! - `cli`: clap's raw arguments, the error type, dates and file helpers every command shares;
//! - `keys`: key files, `load_roots` and `load_signer` (the one place a key and its
//!   delegation are checked), and the `keygen`, `roots` and `delegate` commands;
//! - `directory`: `import-hsds`, `sign` and `verify`;
//! - `link`: `link` and `inspect`;
//! - `evidence`: `verify-evidence`.
//! - `search`: `search` (the app's own search; exit 2 on a usage error).
//! - `revoke`: `revoke`, and `with_revocations` for `--revocations` of `verify`/`inspect`.

mod cli;
mod directory;
mod evidence;
mod keys;
mod link;
mod revoke;
mod search;

use std::process::ExitCode;

use clap::Parser as _;
use time::OffsetDateTime;

use cli::{Cli, Command, Failure};

fn main() -> ExitCode {
    let command = Cli::parse().command;
    if let Command::Search(args) = &command {
        return search::main(args);
    }
    match run(command, OffsetDateTime::now_utc()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("haven-publish: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Run one command. `now` is read once, in `main`, and used for every time check.
fn run(cmd: Command, now: OffsetDateTime) -> Result<(), Failure> {
    match cmd {
        Command::Keygen(args) => keys::keygen(&args),
        Command::Roots(args) => keys::roots(&args),
        Command::Delegate(args) => keys::delegate(&args, now),
        Command::ImportHsds(args) => directory::import_hsds(&args, now),
        Command::Sign(args) => directory::sign(&args, now),
        Command::Verify(args) => directory::verify(&args, now),
        Command::Link(args) => link::make(&args, now),
        Command::Inspect(args) => link::inspect(&args, now),
        Command::VerifyEvidence(args) => evidence::verify(&args),
        Command::Search(_) => Err(Failure("search runs from main".into())),
        Command::Revoke(args) => revoke::revoke(&args, now),
    }
}
