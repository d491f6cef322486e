//! Resource links (`core::link`): `link` makes one (signed or not, optionally with its QR
//! code), `inspect` decodes and verifies one the way the app does.

use std::path::PathBuf;

use time::OffsetDateTime;

use haven::core::link::{self, LinkSigner, Signing, Verification};
use haven::core::qr;
use haven::core::resource::{iso_date, Resource};
use haven::core::trust::{Roots, Scope};

use crate::cli::{
    parse_future_date, read_bytes, write_out, Failure, InspectArgs, LinkArgs, LinkSigning,
};
use crate::keys::{load_roots, load_signer};

/// Resources from JSON files, each holding one resource object or an array of them.
fn read_resources(files: &[PathBuf]) -> Result<Vec<Resource>, Failure> {
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
    Ok(resources)
}

/// The link signer and the link's expiry: the key and delegation checked by
/// [`load_signer`] (scope `links`), the expiry after `now` and not after the delegation's.
fn link_signer(
    args: &LinkSigning<'_>,
    now: OffsetDateTime,
) -> Result<(LinkSigner, OffsetDateTime), Failure> {
    let signer = load_signer(args.key, args.delegation, Scope::Links, now)?;
    let expires = parse_future_date(args.expires, now)?;
    let delegation_expires = signer.delegation.expires();
    if expires > delegation_expires {
        return Err(Failure(format!(
            "expiry is after the delegation expires ({}); choose an earlier date",
            iso_date::format(delegation_expires.date())
        )));
    }
    Ok((LinkSigner::new(signer.key, signer.delegation)?, expires))
}

/// `link`: print the link on standard output and a summary on standard error.
pub fn make(args: &LinkArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let resources = read_resources(&args.resources)?;
    let signer = match args.signing() {
        None => None,
        Some(signing) => Some(link_signer(&signing, now)?),
    };
    let signing = match &signer {
        None => Signing::Unsigned,
        Some((signer, expires)) => Signing::Signed {
            signer,
            issued: now,
            expires: *expires,
        },
    };
    let url = link::encode_link(&resources, signing, &args.base_url)?;
    if let Some(path) = &args.qr {
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

/// `inspect`: decode and verify against `--roots` (default: the roots pinned in the app),
/// then print who vouches for the link and every resource in it.
pub fn inspect(args: &InspectArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let roots = match &args.roots {
        Some(path) => load_roots(path)?,
        None => Roots::bundled()?,
    };
    let roots = crate::revoke::with_revocations(roots, args.revocations.as_deref())?;
    let preview = link::decode_link(&args.link, &roots, now).map_err(|e| match e.problem() {
        link::LinkProblem::Revoked => Failure(format!("Not verified — revoked: {e}")),
        _ => Failure(format!("link rejected: {e}")),
    })?;
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
            println!("Not verified: this link is not signed; check with the person who sent it");
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
