//! `revoke`: a root-signed revocation list (`revocations.json`), and the `--revocations`
//! option of `verify` and `inspect`.

use std::path::Path;

use haven::core::trust::{RevocationList, Revoked, RootKey, Roots};
use time::OffsetDateTime;

use crate::cli::{parse_date, read_bytes, write_out, Failure, RevokeArgs};
use crate::keys::{load_private, load_public, load_roots};

/// `roots` with the keys of the list at `path` revoked (the list must verify against them).
pub fn with_revocations(roots: Roots, path: Option<&Path>) -> Result<Roots, Failure> {
    let Some(path) = path else {
        return Ok(roots);
    };
    let list = RevocationList::open(&read_bytes(path)?, &roots)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    eprintln!(
        "revocation list issued {}: {} key(s) revoked",
        list.issued().date(),
        list.keys().len()
    );
    Ok(roots.with_revocations(&list))
}

/// `revoke`: add `--key` to the list (a new one, or `--list`), issued now, signed by `--root`.
pub fn revoke(args: &RevokeArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let root = load_private(&args.root)?;
    let key = load_public(&args.key)?.public_key;
    let revoked_at = match &args.revoked_at {
        Some(s) => parse_date(s)?,
        None => now,
    };
    if revoked_at > now {
        return Err(Failure("--revoked-at is in the future".into()));
    }
    let entry = Revoked {
        key,
        reason: args.reason.trim().to_owned(),
        revoked_at,
    };
    let list = match &args.list {
        Some(path) => {
            let roots = match &args.roots {
                Some(r) => load_roots(r)?,
                None => Roots::new(vec![RootKey::new(root.public_key(), "")])?,
            };
            let old = RevocationList::open(&read_bytes(path)?, &roots)
                .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            if old.is_revoked(key.id()) {
                return Err(Failure(format!("key {} is already revoked", key.id())));
            }
            if now.unix_timestamp() <= old.issued().unix_timestamp() {
                return Err(Failure(
                    "the existing list is not older than now; check the clock".into(),
                ));
            }
            old.extended(&root, now, entry)?
        }
        None => RevocationList::issue(&root, now, vec![entry])?,
    };
    write_out(&args.out, list.to_json().as_bytes())?;
    println!(
        "revoked key {}; the list now names {} key(s), issued {}",
        key.id(),
        list.keys().len(),
        list.issued()
    );
    Ok(())
}
