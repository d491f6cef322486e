//! Key files and delegations: `keygen`, `roots`, `delegate`, and the loaders the other
//! commands use. [`load_signer`] is the one place a signing key and its delegation are
//! checked against each other, the scope and the clock; [`load_roots`] the one place a
//! roots file (or a single root `.pub` file) is read.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use zeroize::Zeroizing;

use haven::core::trust::{Delegation, PublicKey, RootKey, Roots, Scope, SigningKey};

use crate::cli::{
    parse_future_date, read_text, write_new, write_out, DelegateArgs, Failure, KeygenArgs,
    RootsArgs,
};

/// A delegated key with its delegation, checked by [`load_signer`]: the delegation names
/// this key, grants the scope asked for, and had not expired at `now`.
pub struct Signer {
    /// The delegated private key.
    pub key: SigningKey,
    /// Its delegation.
    pub delegation: Delegation,
}

/// Load `key` and its `delegation` for signing `scope` data at `now`, checking once that the
/// delegation grants `scope`, names this key and has not expired.
pub fn load_signer(
    key: &Path,
    delegation: &Path,
    scope: Scope,
    now: OffsetDateTime,
) -> Result<Signer, Failure> {
    let key = load_private(key)?;
    let delegation = Delegation::from_text(&read_text(delegation)?)?;
    if delegation.scope() != scope {
        return Err(Failure(format!(
            "the delegation is not for the {scope} scope"
        )));
    }
    if delegation.key() != key.public_key() {
        return Err(Failure(
            "the key is not the one named in the delegation".into(),
        ));
    }
    if now >= delegation.expires() {
        return Err(Failure("the delegation has expired".into()));
    }
    Ok(Signer { key, delegation })
}

/// Roots to verify against: a roots file (`roots.json`), or one root key file (`.pub` or
/// private) taken as the only root.
pub fn load_roots(path: &Path) -> Result<Roots, Failure> {
    let text = read_text(path)?;
    match Roots::from_json(text.as_bytes()) {
        Ok(r) => Ok(r),
        Err(_) => Ok(Roots::new(vec![load_public(path)?])?),
    }
}

/// A private key file (PKCS#8 PEM); its text is wiped from memory after parsing.
pub fn load_private(path: &Path) -> Result<SigningKey, Failure> {
    let text = Zeroizing::new(read_text(path)?);
    SigningKey::from_pem(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// A public key from a .pub file (JSON root entry) or from a private key file.
pub fn load_public(path: &Path) -> Result<RootKey, Failure> {
    let text = Zeroizing::new(read_text(path)?);
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

/// `KEYFILE` → `KEYFILE.pub`.
fn pub_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".pub");
    PathBuf::from(s)
}

/// `keygen`: a new key pair, never over an existing file.
pub fn keygen(args: &KeygenArgs) -> Result<(), Failure> {
    let out = &args.out;
    let pub_out = pub_path(out);
    if pub_out.exists() {
        return Err(Failure(format!(
            "{} already exists; refusing to overwrite",
            pub_out.display()
        )));
    }
    let key = SigningKey::generate()?;
    write_new(out, key.to_pem().as_bytes(), true)?;
    let entry = RootKey::new(key.public_key(), args.name.as_str());
    let mut json = serde_json::to_string_pretty(&entry)?;
    json.push('\n');
    write_new(&pub_out, json.as_bytes(), false)?;
    println!("key id {}", entry.id);
    println!("private key: {} (keep it offline)", out.display());
    println!("public key:  {}", pub_out.display());
    Ok(())
}

/// `roots`: a pinned roots file from public key files.
pub fn roots(args: &RootsArgs) -> Result<(), Failure> {
    let entries = args
        .keys
        .iter()
        .map(|k| load_public(k))
        .collect::<Result<Vec<_>, _>>()?;
    let roots = Roots::new(entries)?;
    write_out(&args.out, roots.to_json().as_bytes())?;
    println!(
        "wrote {} root key(s) to {}",
        roots.keys().len(),
        args.out.display()
    );
    Ok(())
}

/// `delegate`: a root lets a key sign one scope for an organisation until a date.
pub fn delegate(args: &DelegateArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let root_key = load_private(&args.root)?;
    let delegated = load_public(&args.key)?;
    let scope: Scope = args
        .scope
        .parse()
        .map_err(|_| Failure("scope must be `directory` or `links`".into()))?;
    let expires = parse_future_date(&args.expires, now)?;
    let deleg = Delegation::issue(&root_key, &delegated.public_key, scope, &args.org, expires)?;
    let text = deleg.to_text();
    match &args.out {
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
