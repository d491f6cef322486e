//! haven-publish: make keys, delegations and signed directory bundles for Haven.
//!
//! ```text
//! haven-publish keygen --out KEYFILE [--name LABEL]
//! haven-publish roots KEYFILE.pub... --out assets/trust/roots.json
//! haven-publish delegate --root ROOTKEY --key KEY --org NAME --scope directory|links --expires DATE [--out FILE]
//! haven-publish import-hsds PATH --out directory.json [--source TEXT] [--verified DATE]
//! haven-publish sign --key KEY --delegation DELEG --version N --expires DATE directory.json --out bundle
//! haven-publish verify --root ROOTPUB bundle
//! haven-publish link --key KEY --delegation DELEG --expires DATE [--base-url URL] [--qr out.svg] RESOURCE.json...
//! haven-publish link --unsigned [--base-url URL] [--qr out.svg] RESOURCE.json...
//! haven-publish inspect [--roots ROOTS] LINK
//! ```
//!
//! Private keys are PKCS#8 in PEM text, written with mode 0600 and never overwritten.
//! DATE is `YYYY-MM-DD` (midnight UTC starting that day) or an RFC 3339 timestamp.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use time::OffsetDateTime;

use haven::core::directory::{self, bundle, hsds};
use haven::core::trust::{
    Delegation, EnvelopeMeta, PublicKey, RootKey, Roots, Scope, SigningKey, TrustState,
};

#[derive(Parser)]
#[command(
    name = "haven-publish",
    version,
    about = "Keys, delegations and signed directories for Haven"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make an Ed25519 key pair: KEYFILE (private, PKCS#8 PEM, 0600) and KEYFILE.pub.
    Keygen {
        /// Where to write the private key (refuses to overwrite).
        #[arg(long)]
        out: PathBuf,
        /// A label for the public key ("Haven root 1").
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Write a pinned roots file from public keys (KEYFILE.pub files).
    Roots {
        /// Public key files written by keygen.
        #[arg(required = true)]
        keys: Vec<PathBuf>,
        /// Output file (usually assets/trust/roots.json).
        #[arg(long)]
        out: PathBuf,
    },
    /// Let KEY sign SCOPE data for ORG until DATE, signed with the root key ROOTKEY.
    Delegate {
        /// Root private key file.
        #[arg(long)]
        root: PathBuf,
        /// The key being delegated: its private key file or its .pub file.
        #[arg(long)]
        key: PathBuf,
        /// Organisation name shown to users as the publisher.
        #[arg(long)]
        org: String,
        /// `directory` or `links`.
        #[arg(long)]
        scope: String,
        /// Expiry date of the delegation.
        #[arg(long)]
        expires: String,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Convert HSDS 3.0 JSON or a tabular data package into a Haven directory payload.
    ImportHsds {
        /// HSDS JSON file (service list, single service, array…) or a directory with
        /// datapackage.json and CSV files.
        path: PathBuf,
        /// Output payload file (directory.json).
        #[arg(long)]
        out: PathBuf,
        /// Source text stored on each resource that has none.
        #[arg(long)]
        source: Option<String>,
        /// Verified date stored on each resource that has none (YYYY-MM-DD).
        #[arg(long)]
        verified: Option<String>,
        /// Publisher name written into the payload.
        #[arg(long)]
        publisher: Option<String>,
    },
    /// Sign a directory payload into a bundle.
    Sign {
        /// Delegated private key file.
        #[arg(long)]
        key: PathBuf,
        /// Delegation file for that key (scope directory).
        #[arg(long)]
        delegation: PathBuf,
        /// Bundle version: must grow with every release.
        #[arg(long)]
        version: u64,
        /// Date after which the app shows "may be out of date".
        #[arg(long)]
        expires: String,
        /// The payload (directory.json).
        payload: PathBuf,
        /// Output bundle file.
        #[arg(long)]
        out: PathBuf,
        /// Sign the JSON document exactly as it is (payload format 1) instead of the
        /// compressed one-service-per-line form (format 2, the default: about a fifth of
        /// the size, and phones decode it without holding it all in memory).
        #[arg(long)]
        plain: bool,
    },
    /// Check a bundle against a root public key (or a roots file) and print what it holds.
    Verify {
        /// Root public key file (.pub) or roots.json.
        #[arg(long)]
        root: PathBuf,
        /// The bundle file.
        bundle: PathBuf,
    },
    /// Make a resource link (and optionally its QR code) from resource JSON files.
    Link {
        /// Delegated private key file (scope `links`).
        #[arg(long, required_unless_present = "unsigned")]
        key: Option<PathBuf>,
        /// Delegation file for that key (scope `links`).
        #[arg(long, required_unless_present = "unsigned")]
        delegation: Option<PathBuf>,
        /// Date after which the app and the web page refuse the link.
        #[arg(long, required_unless_present = "unsigned")]
        expires: Option<String>,
        /// Make an unsigned link (recipients see "Not verified").
        #[arg(long, conflicts_with_all = ["key", "delegation", "expires"])]
        unsigned: bool,
        /// `https://<host>/r` for the web page, or the app's own scheme (the default) for the app.
        #[arg(long, default_value = haven::core::link::APP_BASE)]
        base_url: String,
        /// Also write the link as a QR code (SVG) to this file.
        #[arg(long)]
        qr: Option<PathBuf>,
        /// Resource JSON files (one resource object or an array of them each).
        #[arg(required = true)]
        resources: Vec<PathBuf>,
    },
    /// Decode and verify a resource link and print what it holds.
    Inspect {
        /// The link (whole URL, `#payload` or bare payload).
        link: String,
        /// Roots file (or root .pub file) to verify against; default: the pinned roots.
        #[arg(long)]
        roots: Option<PathBuf>,
    },
}

/// A failure reported to the user (no key material or record contents in it).
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("haven-publish: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cmd: Command) -> Result<(), Failure> {
    match cmd {
        Command::Keygen { out, name } => keygen(&out, &name),
        Command::Roots { keys, out } => roots(&keys, &out),
        Command::Delegate {
            root,
            key,
            org,
            scope,
            expires,
            out,
        } => delegate(&root, &key, &org, &scope, &expires, out.as_deref()),
        Command::ImportHsds {
            path,
            out,
            source,
            verified,
            publisher,
        } => import_hsds(&path, &out, source, verified.as_deref(), publisher),
        Command::Sign {
            key,
            delegation,
            version,
            expires,
            payload,
            out,
            plain,
        } => sign(&key, &delegation, version, &expires, &payload, &out, plain),
        Command::Verify { root, bundle } => verify(&root, &bundle),
        Command::Link {
            key,
            delegation,
            expires,
            unsigned: _,
            base_url,
            qr,
            resources,
        } => links::make(
            key.as_deref()
                .zip(delegation.as_deref())
                .zip(expires.as_deref()),
            &base_url,
            qr.as_deref(),
            &resources,
        ),
        Command::Inspect { link, roots } => links::inspect(&link, roots.as_deref()),
    }
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn parse_date(s: &str) -> Result<OffsetDateTime, Failure> {
    if let Ok(t) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Ok(t);
    }
    haven::core::resource::iso_date::parse(s)
        .filter(|_| s.trim().len() == 10)
        .map(|d| d.midnight().assume_utc())
        .ok_or_else(|| Failure(format!("not a date (YYYY-MM-DD or RFC 3339): {s}")))
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// Create `path` (never overwrite), mode 0600 on Unix, and write `bytes`.
fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), Failure> {
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
fn write_out(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))
}

fn pub_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".pub");
    PathBuf::from(s)
}

fn load_private(path: &Path) -> Result<SigningKey, Failure> {
    let text = zeroize::Zeroizing::new(read_text(path)?);
    SigningKey::from_pem(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// A public key from a .pub file (JSON root entry) or from a private key file.
fn load_public(path: &Path) -> Result<RootKey, Failure> {
    let text = zeroize::Zeroizing::new(read_text(path)?);
    if let Ok(entry) = serde_json::from_str::<RootKey>(&text) {
        if entry.public_key.id() != entry.id {
            return Err(Failure(format!(
                "{}: key id does not match the key",
                path.display()
            )));
        }
        return Ok(entry);
    }
    if let Ok(pk) = PublicKey::from_base64(&text) {
        return Ok(RootKey::new(pk, ""));
    }
    let key = SigningKey::from_pem(&text).map_err(|_| {
        Failure(format!(
            "{}: not a public or private key file",
            path.display()
        ))
    })?;
    Ok(RootKey::new(key.public_key(), ""))
}

fn keygen(out: &Path, name: &str) -> Result<(), Failure> {
    let pub_out = pub_path(out);
    if pub_out.exists() {
        return Err(Failure(format!(
            "{} already exists; refusing to overwrite",
            pub_out.display()
        )));
    }
    let key = SigningKey::generate()?;
    write_new(out, key.to_pem().as_bytes(), true)?;
    let entry = RootKey::new(key.public_key(), name);
    let mut json = serde_json::to_string_pretty(&entry)?;
    json.push('\n');
    write_new(&pub_out, json.as_bytes(), false)?;
    println!("key id {}", entry.id);
    println!("private key: {} (keep it offline)", out.display());
    println!("public key:  {}", pub_out.display());
    Ok(())
}

fn roots(keys: &[PathBuf], out: &Path) -> Result<(), Failure> {
    let entries = keys
        .iter()
        .map(|k| load_public(k))
        .collect::<Result<Vec<_>, _>>()?;
    let roots = Roots::new(entries)?;
    write_out(out, roots.to_json().as_bytes())?;
    println!(
        "wrote {} root key(s) to {}",
        roots.keys().len(),
        out.display()
    );
    Ok(())
}

fn delegate(
    root: &Path,
    key: &Path,
    org: &str,
    scope: &str,
    expires: &str,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let root_key = load_private(root)?;
    let delegated = load_public(key)?;
    let scope: Scope = scope
        .parse()
        .map_err(|_| Failure("scope must be `directory` or `links`".into()))?;
    let expires = parse_date(expires)?;
    if expires <= now() {
        return Err(Failure("expiry date is in the past".into()));
    }
    let deleg = Delegation::issue(&root_key, &delegated.public_key, scope, org, expires)?;
    let text = deleg.to_text();
    match out {
        Some(p) => {
            write_out(p, text.as_bytes())?;
            eprintln!(
                "delegated key {} for scope {scope} by root {} until {}",
                delegated.id,
                deleg.root(),
                expires.date()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn import_hsds(
    path: &Path,
    out: &Path,
    source: Option<String>,
    verified: Option<&str>,
    publisher: Option<String>,
) -> Result<(), Failure> {
    let input = if path.is_dir() {
        hsds::Input::Tabular(read_package(path)?)
    } else {
        hsds::Input::Json {
            file: file_label(path),
            bytes: read_bytes(path)?,
        }
    };
    let verified = match verified {
        Some(v) => Some(
            haven::core::resource::iso_date::parse(v)
                .ok_or_else(|| Failure(format!("not a date: {v}")))?,
        ),
        None => None,
    };
    let opts = hsds::ImportOptions {
        default_source: source,
        default_verified: verified,
    };
    let report = hsds::import(&input, &opts);
    for p in &report.problems {
        eprintln!("{p}");
    }
    let payload = bundle::Payload {
        publisher,
        generated: Some(now().date()),
        review_by: None,
        resources: report.resources,
    };
    let bytes = bundle::encode_payload(&payload)?;
    write_out(out, &bytes)?;
    println!("{}", report.summary);
    Ok(())
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Read datapackage.json and the CSV files of a tabular data package.
fn read_package(dir: &Path) -> Result<hsds::Package, Failure> {
    let mut pkg = hsds::Package::default();
    let dp = dir.join("datapackage.json");
    match std::fs::read(&dp) {
        Ok(b) => pkg.datapackage = Some(b),
        Err(_) => {
            return Err(Failure(format!(
                "{} has no datapackage.json",
                dir.display()
            )))
        }
    }
    for name in hsds::package_paths(pkg.datapackage.as_deref()) {
        let p = dir.join(&name);
        // Only files inside the package directory are read.
        if name.contains("..") || Path::new(&name).is_absolute() {
            continue;
        }
        if let Ok(bytes) = std::fs::read(&p) {
            pkg.files.insert(name, bytes);
        }
    }
    Ok(pkg)
}

fn sign(
    key: &Path,
    delegation: &Path,
    version: u64,
    expires: &str,
    payload: &Path,
    out: &Path,
    plain: bool,
) -> Result<(), Failure> {
    let key = load_private(key)?;
    let deleg = Delegation::from_text(&read_text(delegation)?)?;
    if deleg.scope() != Scope::Directory {
        return Err(Failure(
            "the delegation is not for the directory scope".into(),
        ));
    }
    if deleg.key() != key.public_key() {
        return Err(Failure(
            "the key is not the one named in the delegation".into(),
        ));
    }
    let issued = now();
    if issued >= deleg.expires() {
        return Err(Failure("the delegation has expired".into()));
    }
    let expires = parse_date(expires)?;
    let bytes = read_bytes(payload)?;
    // Refuse to sign anything the app would not fully accept.
    let decoded = bundle::decode_payload(&bytes)?;
    if decoded.skipped > 0 {
        return Err(Failure(format!(
            "{} record(s) in the payload are invalid; fix them before signing",
            decoded.skipped
        )));
    }
    let meta = EnvelopeMeta {
        version,
        issued,
        expires,
    };
    let count = decoded.payload.resources.len();
    let body = if plain {
        bytes
    } else {
        bundle::encode_payload_stream(&decoded.payload)?
    };
    let sealed = bundle::seal(&meta, &deleg, &body, &key)?;
    write_out(out, &sealed)?;
    println!(
        "signed {} services as {} version {version}, expires {}",
        count,
        deleg.organisation(),
        expires.date()
    );
    Ok(())
}

fn verify(root: &Path, bundle_path: &Path) -> Result<(), Failure> {
    let text = read_text(root)?;
    let roots = match Roots::from_json(text.as_bytes()) {
        Ok(r) => r,
        Err(_) => Roots::new(vec![load_public(root)?])?,
    };
    let bytes = read_bytes(bundle_path)?;
    let update = directory::accept_update(
        directory::CachedBundle::new(bytes, None),
        &roots,
        &TrustState::default(),
        now(),
    )?;
    let info = &update.info;
    println!("publisher: {}", info.publisher.as_deref().unwrap_or("-"));
    println!("version: {}", info.version.unwrap_or(0));
    match info.expires {
        Some(e) => println!(
            "expires: {}",
            haven::core::resource::iso_date::format(e.date())
        ),
        None => println!("expires: -"),
    }
    println!("count: {}", info.count);
    if info.is_stale(now()) {
        println!("note: this bundle is past its expiry date (the app shows it as \"may be out of date\")");
    }
    Ok(())
}

/// The `link` and `inspect` subcommands (resource links, `core::link`).
mod links {
    use std::path::Path;

    use haven::core::link::{self, LinkSigner, Signing, Verification};
    use haven::core::qr;
    use haven::core::resource::{iso_date, Resource};
    use haven::core::trust::{Roots, Scope};

    use super::{
        load_private, load_public, now, parse_date, read_bytes, read_text, write_out, Failure,
    };

    type SignArgs<'a> = Option<((&'a Path, &'a Path), &'a str)>;

    pub(super) fn make(
        sign: SignArgs<'_>,
        base: &str,
        qr_out: Option<&Path>,
        files: &[std::path::PathBuf],
    ) -> Result<(), Failure> {
        let mut resources: Vec<Resource> = Vec::new();
        for f in files {
            let bytes = read_bytes(f)?;
            let value: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| Failure(format!("{}: not JSON: {e}", f.display())))?;
            let list = match value {
                serde_json::Value::Array(items) => items,
                one => vec![one],
            };
            for item in list {
                let r: Resource = serde_json::from_value(item)
                    .map_err(|e| Failure(format!("{}: not a resource: {e}", f.display())))?;
                resources.push(r);
            }
        }
        let issued = now();
        let signer = match sign {
            None => None,
            Some(((key, deleg), expires)) => {
                let key = load_private(key)?;
                let deleg = haven::core::trust::Delegation::from_text(&read_text(deleg)?)?;
                if deleg.scope() != Scope::Links {
                    return Err(Failure("the delegation is not for the links scope".into()));
                }
                if deleg.key() != key.public_key() {
                    return Err(Failure(
                        "the key is not the one named in the delegation".into(),
                    ));
                }
                if issued >= deleg.expires() {
                    return Err(Failure("the delegation has expired".into()));
                }
                let expires = parse_date(expires)?;
                if expires <= issued {
                    return Err(Failure("expiry date is in the past".into()));
                }
                if expires > deleg.expires() {
                    return Err(Failure(format!(
                        "expiry is after the delegation expires ({}); choose an earlier date",
                        iso_date::format(deleg.expires().date())
                    )));
                }
                Some((LinkSigner::new(key, deleg)?, expires))
            }
        };
        let signing = match &signer {
            None => Signing::Unsigned,
            Some((signer, expires)) => Signing::Signed {
                signer,
                issued,
                expires: *expires,
            },
        };
        let url = link::encode_link(&resources, signing, base)?;
        if let Some(path) = qr_out {
            let svg = qr::svg(&url, 512)?;
            write_out(path, svg.as_bytes())?;
        }
        println!("{url}");
        match &signer {
            Some((s, expires)) => eprintln!(
                "signed link: {} resource(s) as {}, expires {}, {} characters",
                resources.len(),
                s.organisation(),
                iso_date::format(expires.date()),
                url.len()
            ),
            None => eprintln!(
                "unsigned link: {} resource(s), {} characters (recipients see \"Not verified\")",
                resources.len(),
                url.len()
            ),
        }
        if url.len() > link::TYPICAL_LINK_BUDGET {
            eprintln!(
                "warning: longer than {} characters; it may not fit one QR code or SMS",
                link::TYPICAL_LINK_BUDGET
            );
        }
        Ok(())
    }

    fn load_roots(path: Option<&Path>) -> Result<Roots, Failure> {
        match path {
            None => Ok(Roots::bundled()?),
            Some(p) => {
                let text = read_text(p)?;
                match Roots::from_json(text.as_bytes()) {
                    Ok(r) => Ok(r),
                    Err(_) => Ok(Roots::new(vec![load_public(p)?])?),
                }
            }
        }
    }

    pub(super) fn inspect(input: &str, roots: Option<&Path>) -> Result<(), Failure> {
        let roots = load_roots(roots)?;
        let preview = link::decode_link(input, &roots, now())
            .map_err(|e| Failure(format!("link rejected: {e}")))?;
        match &preview.verification {
            Verification::Verified {
                organisation,
                issued,
                expires,
                signer,
                root,
            } => {
                println!("Verified: {organisation}");
                println!(
                    "  signed {} by key {signer} (root {root})",
                    iso_date::format(issued.date())
                );
                println!("  expires {}", iso_date::format(expires.date()));
            }
            Verification::Unsigned => {
                println!(
                    "Not verified: this link is not signed; check with the person who sent it"
                );
            }
        }
        println!("resources: {}", preview.resources.len());
        for (i, r) in preview.resources.iter().enumerate() {
            println!("{}. {} ({})", i + 1, r.name, r.kind.label());
            for c in &r.contacts {
                match c.action_uri() {
                    Some(uri) => println!("   {}  <{uri}>", c.summary()),
                    None => println!("   {}  (not actionable)", c.summary()),
                }
                if let Some(l) = &c.label {
                    println!("     {l}");
                }
            }
            if !r.languages.is_empty() {
                let names: Vec<&str> = r
                    .languages
                    .iter()
                    .map(|l| {
                        if l.name.is_empty() {
                            l.code.as_str()
                        } else {
                            l.name.as_str()
                        }
                    })
                    .collect();
                println!("   languages: {}", names.join(", "));
            }
            if let Some(n) = &r.notes {
                println!("   note: {n}");
            }
        }
        Ok(())
    }
}
