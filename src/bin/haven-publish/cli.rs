//! The command line: clap's raw arguments (one struct per command, checked by the command
//! that takes it), the error every command returns, and the date and file helpers they
//! share.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use time::OffsetDateTime;

/// `haven-publish` and its subcommand.
#[derive(Parser)]
#[command(
    name = "haven-publish",
    version,
    about = "Keys, delegations and signed directories for Haven"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// One subcommand each; the variant's doc comment is its `--help` line.
#[derive(Subcommand)]
pub enum Command {
    /// Make an Ed25519 key pair: KEYFILE (private, PKCS#8 PEM, 0600) and KEYFILE.pub.
    Keygen(KeygenArgs),
    /// Write a pinned roots file from public keys (KEYFILE.pub files).
    Roots(RootsArgs),
    /// Let KEY sign SCOPE data for ORG until DATE, signed with the root key ROOTKEY.
    Delegate(DelegateArgs),
    /// Convert HSDS 3.0 JSON or a tabular data package into a Haven directory payload.
    ImportHsds(ImportHsdsArgs),
    /// Sign a directory payload into a bundle.
    Sign(SignArgs),
    /// Check a bundle against a root public key (or a roots file) and print what it holds.
    Verify(VerifyArgs),
    /// Make a resource link (and optionally its QR code) from resource JSON files.
    Link(LinkArgs),
    /// Decode and verify a resource link and print what it holds.
    Inspect(InspectArgs),
    /// Check an evidence export ZIP: every hash, the chain, the signature (exit 0 when all check).
    VerifyEvidence(crate::evidence::VerifyEvidenceArgs),
    /// Search the directory with the app's own search; one JSON object per result.
    Search(crate::search::SearchArgs),
    /// Revoke a delegated key: write a root-signed revocation list (revocations.json).
    Revoke(RevokeArgs),
}

/// `keygen`.
#[derive(Args)]
pub struct KeygenArgs {
    /// Where to write the private key (refuses to overwrite).
    #[arg(long)]
    pub out: PathBuf,
    /// A label for the public key ("Haven root 1").
    #[arg(long, default_value = "")]
    pub name: String,
}

/// `roots`.
#[derive(Args)]
pub struct RootsArgs {
    /// Public key files written by keygen.
    #[arg(required = true)]
    pub keys: Vec<PathBuf>,
    /// Output file (usually assets/trust/roots.json).
    #[arg(long)]
    pub out: PathBuf,
}

/// `delegate`.
#[derive(Args)]
pub struct DelegateArgs {
    /// Root private key file.
    #[arg(long)]
    pub root: PathBuf,
    /// The key being delegated: its private key file or its .pub file.
    #[arg(long)]
    pub key: PathBuf,
    /// Organisation name shown to users as the publisher.
    #[arg(long)]
    pub org: String,
    /// `directory` or `links`.
    #[arg(long)]
    pub scope: String,
    /// Expiry date of the delegation.
    #[arg(long)]
    pub expires: String,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `import-hsds`.
#[derive(Args)]
pub struct ImportHsdsArgs {
    /// HSDS JSON file (service list, single service, array…) or a directory with
    /// datapackage.json and CSV files.
    pub path: PathBuf,
    /// Output payload file (directory.json).
    #[arg(long)]
    pub out: PathBuf,
    /// Source text stored on each resource that has none.
    #[arg(long)]
    pub source: Option<String>,
    /// Verified date stored on each resource that has none (YYYY-MM-DD).
    #[arg(long)]
    pub verified: Option<String>,
    /// Publisher name written into the payload.
    #[arg(long)]
    pub publisher: Option<String>,
}

/// `sign`.
#[derive(Args)]
pub struct SignArgs {
    /// Delegated private key file.
    #[arg(long)]
    pub key: PathBuf,
    /// Delegation file for that key (scope directory).
    #[arg(long)]
    pub delegation: PathBuf,
    /// Bundle version: must grow with every release.
    #[arg(long)]
    pub version: u64,
    /// Date after which the app shows "may be out of date".
    #[arg(long)]
    pub expires: String,
    /// The payload (directory.json).
    pub payload: PathBuf,
    /// Output bundle file.
    #[arg(long)]
    pub out: PathBuf,
    /// Sign the JSON document exactly as it is (payload format 1) instead of a streamed,
    /// compressed form (which phones decode without holding it all in memory).
    #[arg(long, conflicts_with = "payload_format")]
    pub plain: bool,
    /// The streamed form: 3 (the default: binary records, the smallest and the quickest
    /// for a phone to import) or 2 (one HSDS service per line, for copies of the app
    /// that predate payload version 3).
    #[arg(long, value_parser = clap::value_parser!(u32).range(2..=3), default_value_t = 3)]
    pub payload_format: u32,
}

/// `verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// Root public key file (.pub) or roots.json.
    #[arg(long)]
    pub root: PathBuf,
    /// The bundle file.
    pub bundle: PathBuf,
    /// Root-signed revocation list (revocations.json): keys on it are refused.
    #[arg(long)]
    pub revocations: Option<PathBuf>,
}

/// `link`.
#[derive(Args)]
pub struct LinkArgs {
    /// Delegated private key file (scope `links`).
    #[arg(long, required_unless_present = "unsigned")]
    pub key: Option<PathBuf>,
    /// Delegation file for that key (scope `links`).
    #[arg(long, required_unless_present = "unsigned")]
    pub delegation: Option<PathBuf>,
    /// Date after which the app and the web page refuse the link.
    #[arg(long, required_unless_present = "unsigned")]
    pub expires: Option<String>,
    /// Make an unsigned link (recipients see "Not verified").
    #[arg(long, conflicts_with_all = ["key", "delegation", "expires"])]
    pub unsigned: bool,
    /// `https://<host>/r` for the web page, or the app's own scheme (the default) for the app.
    #[arg(long, default_value = haven::core::link::APP_BASE)]
    pub base_url: String,
    /// Also write the link as a QR code (SVG) to this file.
    #[arg(long)]
    pub qr: Option<PathBuf>,
    /// Resource JSON files (one resource object or an array of them each).
    #[arg(required = true)]
    pub resources: Vec<PathBuf>,
}

/// The signing half of [`LinkArgs`], present unless `--unsigned`.
pub struct LinkSigning<'a> {
    /// Delegated private key file.
    pub key: &'a Path,
    /// Its delegation file.
    pub delegation: &'a Path,
    /// The link's expiry date, as typed.
    pub expires: &'a str,
}

impl LinkArgs {
    /// Key, delegation and expiry, or `None` for an unsigned link (clap requires all three
    /// unless `--unsigned`, and refuses them with it).
    pub fn signing(&self) -> Option<LinkSigning<'_>> {
        Some(LinkSigning {
            key: self.key.as_deref()?,
            delegation: self.delegation.as_deref()?,
            expires: self.expires.as_deref()?,
        })
    }
}

/// `inspect`.
#[derive(Args)]
pub struct InspectArgs {
    /// The link (whole URL, `#payload` or bare payload).
    pub link: String,
    /// Roots file (or root .pub file) to verify against; default: the pinned roots.
    #[arg(long)]
    pub roots: Option<PathBuf>,
    /// Root-signed revocation list (revocations.json): keys on it are refused.
    #[arg(long)]
    pub revocations: Option<PathBuf>,
}

/// `revoke`.
#[derive(Args)]
pub struct RevokeArgs {
    /// Root private key file (kept offline): signs the list.
    #[arg(long)]
    pub root: PathBuf,
    /// The delegated key to revoke: its .pub file (or its private key file).
    #[arg(long)]
    pub key: PathBuf,
    /// Why (shown by inspect/verify; at most 200 characters, one line).
    #[arg(long, default_value = "")]
    pub reason: String,
    /// When the key stopped being trustworthy (default: now).
    #[arg(long)]
    pub revoked_at: Option<String>,
    /// An existing revocations.json to add to (its entries are kept).
    #[arg(long)]
    pub list: Option<PathBuf>,
    /// Roots file to check `--list` against (default: the root given by --root).
    #[arg(long)]
    pub roots: Option<PathBuf>,
    /// Output file (revocations.json; replaced if it exists).
    #[arg(long)]
    pub out: PathBuf,
}

/// A failure reported to the user (no key material or record contents in it).
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// A DATE argument: `YYYY-MM-DD` (midnight UTC starting that day) or RFC 3339.
pub fn parse_date(s: &str) -> Result<OffsetDateTime, Failure> {
    if let Ok(t) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Ok(t);
    }
    haven::core::resource::iso_date::parse(s)
        .filter(|_| s.trim().len() == 10)
        .map(|d| d.midnight().assume_utc())
        .ok_or_else(|| Failure(format!("not a date (YYYY-MM-DD or RFC 3339): {s}")))
}

/// A DATE argument that must lie after `now`.
pub fn parse_future_date(s: &str, now: OffsetDateTime) -> Result<OffsetDateTime, Failure> {
    let date = parse_date(s)?;
    if date <= now {
        return Err(Failure("expiry date is in the past".into()));
    }
    Ok(date)
}

/// A whole text file.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// A whole file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// Create `path` (never overwrite), mode 0600 on Unix if `private`, and write `bytes`.
pub fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), Failure> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut f = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure(format!(
                "{} already exists; refusing to overwrite",
                path.display()
            ))
        } else {
            Failure(format!("cannot create {}: {e}", path.display()))
        }
    })?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

/// Write (or replace) a public output file.
pub fn write_out(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))
}
