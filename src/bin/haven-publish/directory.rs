//! Directories: `import-hsds` (HSDS 3.0 → payload), `sign` (payload → bundle) and `verify`
//! (bundle → what the app would show).

use std::path::Path;

use time::OffsetDateTime;

use haven::core::directory::{self, bundle, hsds};
use haven::core::resource::iso_date;
use haven::core::trust::{EnvelopeMeta, Scope, TrustState};

use crate::cli::{
    parse_date, read_bytes, write_out, Failure, ImportHsdsArgs, SignArgs, VerifyArgs,
};
use crate::keys::{load_roots, load_signer};

/// Largest payload file `sign` reads (the pretty JSON of about 1 000 000 services).
const MAX_SIGN_INPUT_BYTES: usize = 1024 * 1024 * 1024;

/// `import-hsds`: convert, report each problem on standard error, write the payload.
pub fn import_hsds(args: &ImportHsdsArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let path = &args.path;
    let input = if path.is_dir() {
        hsds::Input::Tabular(read_package(path)?)
    } else {
        hsds::Input::Json {
            file: file_label(path),
            bytes: read_bytes(path)?,
        }
    };
    let verified = match &args.verified {
        Some(v) => Some(iso_date::parse(v).ok_or_else(|| Failure(format!("not a date: {v}")))?),
        None => None,
    };
    let opts = hsds::ImportOptions {
        default_source: args.source.clone(),
        default_verified: verified,
    };
    let report = hsds::import(&input, &opts);
    for p in &report.problems {
        eprintln!("{p}");
    }
    if report.resources.is_empty() {
        println!("{}", report.summary);
        return Err(Failure(
            "no service could be imported (see the problems above); nothing was written".into(),
        ));
    }
    let payload = bundle::Payload {
        publisher: args.publisher.clone(),
        generated: Some(now.date()),
        review_by: None,
        resources: report.resources,
    };
    let bytes = bundle::encode_payload(&payload)?;
    write_out(&args.out, &bytes)?;
    println!("{}", report.summary);
    Ok(())
}

/// The file name for problem reports (never the whole path).
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

/// `sign`: refuse a payload the app would not fully accept, then seal it (payload format 3
/// unless `--payload-format 2` or `--plain`).
pub fn sign(args: &SignArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let signer = load_signer(&args.key, &args.delegation, Scope::Directory, now)?;
    let expires = parse_date(&args.expires)?;
    let bytes = read_bytes(&args.payload)?;
    // Refuse to sign anything the app would not fully accept. The input may be the pretty
    // JSON import-hsds writes (about twice the compact size): it is read up to
    // MAX_SIGN_INPUT_BYTES; the signed body is held to the app's own cap below.
    let mut resources = Vec::new();
    let read = bundle::decode_each(&bytes, MAX_SIGN_INPUT_BYTES, |r| {
        resources.push(r.clone());
        true
    })?;
    drop(bytes);
    let decoded = bundle::Decoded {
        payload: bundle::Payload {
            publisher: read.publisher,
            generated: read.generated,
            review_by: read.review_by,
            resources,
        },
        skipped: read.skipped,
        inactive: read.inactive,
    };
    if decoded.skipped > 0 {
        return Err(Failure(format!(
            "{} record(s) in the payload are invalid; fix them before signing",
            decoded.skipped
        )));
    }
    if decoded.payload.resources.is_empty() {
        return Err(Failure(
            "the payload holds no service; the app would refuse it".into(),
        ));
    }
    let meta = EnvelopeMeta {
        version: args.version,
        issued: now,
        expires,
    };
    let count = decoded.payload.resources.len();
    let body = if args.plain {
        read_bytes(&args.payload)?
    } else if args.payload_format == bundle::STREAM_FORMAT {
        bundle::encode_payload_stream(&decoded.payload)?
    } else {
        bundle::encode_payload_records(&decoded.payload)?
    };
    if body.len() > bundle::MAX_PAYLOAD_BYTES {
        return Err(Failure(format!(
            "the signed payload would be {} MiB; the app refuses more than {} MiB: split the \
             directory (for example one bundle per state)",
            body.len() >> 20,
            bundle::MAX_PAYLOAD_BYTES >> 20
        )));
    }
    let download_cap = haven::io::fetch::FetchLimits::default().max_bytes;
    if body.len() > download_cap {
        eprintln!(
            "warning: the bundle is over {} MiB, the most a phone downloads; phones will refuse \
             it (\"too large\"): split the directory (for example one bundle per state)",
            download_cap >> 20
        );
    }
    let sealed = bundle::seal(&meta, &signer.delegation, &body, &signer.key)?;
    write_out(&args.out, &sealed)?;
    println!(
        "signed {} services as {} version {}, expires {}",
        count,
        signer.delegation.organisation(),
        args.version,
        expires.date()
    );
    Ok(())
}

/// `verify`: run the app's own update pipeline on the bundle and print what it holds.
pub fn verify(args: &VerifyArgs, now: OffsetDateTime) -> Result<(), Failure> {
    let roots =
        crate::revoke::with_revocations(load_roots(&args.root)?, args.revocations.as_deref())?;
    let bytes = read_bytes(&args.bundle)?;
    let update = directory::accept_update(
        directory::CachedBundle::new(bytes, None),
        &roots,
        &TrustState::default(),
        now,
    )?;
    let info = &update.info;
    println!("publisher: {}", info.publisher.as_deref().unwrap_or("-"));
    println!("version: {}", info.version.unwrap_or(0));
    match info.expires {
        Some(e) => println!("expires: {}", iso_date::format(e.date())),
        None => println!("expires: -"),
    }
    println!("count: {}", info.count);
    if info.is_stale(now) {
        println!("note: this bundle is past its expiry date (the app shows it as \"may be out of date\")");
    }
    Ok(())
}
