//! Directory publishing on real infrastructure: Debian's nginx, started by the test on
//! 127.0.0.1 with the configuration kept in the repository (`hosting/nginx.conf`),
//! serves signed bundles as static files over TLS with a certificate made here and trusted
//! only by the test client.
//!
//! Shown here: real conditional requests (an unchanged refresh is a 304 whose bytes on the
//! wire are counted; a changed bundle downloads anew), content-hash ETags only (nginx's own
//! `mtime-size` ETag is never sent back), several publishers side by side (cross-publisher
//! replay refused, each with its own ratchet), an expired envelope refused on the first
//! download, racing refreshes serialized, a bundle over the cap refused with nothing stored;
//! the root-signed `revocations.json` served beside the bundles (404, newer, stale, forged;
//! its one-minute Cache-Control) and a revoked publisher refused with the cache intact, by
//! the core+io refresh and by the app's own Refresh button; and the chunked vault storage
//! of bundles up to the download cap. The faults nginx
//! cannot produce (cut body, lying Content-Length, stall) stay on the hand-written server in
//! `directory_fetch.rs`.

use std::io::Read as _;
use std::net::{SocketAddr, TcpListener as StdListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use haven::core::directory::payload::{self, encode_payload, Payload};
use haven::core::directory::{
    content_etag, load_directory, CachedBundle, DirectoryStore, DownloadSettings, DownloadSource,
    MemoryDirectoryStore, StoredDirectory, UpdateError,
};
use haven::core::trust::{
    Delegation, EnvelopeMeta, RevocationList, Revoked, RootKey, Roots, Scope, SigningKey,
    TrustError, TrustState,
};
use haven::core::vault;
use haven::io::fetch::{
    fetch_revocations, refresh, refresh_serialized, FetchError, FetchLimits, FetchOutcome, Fetcher,
    RefreshError, RefreshGate, RefreshOutcome,
};
use haven::io::vault_records::{
    BundleIndex, VaultDirectoryStore, BUNDLE_CHUNK, DIR_BUNDLES, DIR_CACHE, DIR_TRUST,
};
use time::macros::datetime;
use time::OffsetDateTime;

use crate::directory::{sample_payload, Publisher};
use crate::vault_support::{kdf, pin, MemVault};

const NOW: OffsetDateTime = datetime!(2027-01-04 12:00 UTC);
const EXPIRES: OffsetDateTime = datetime!(2028-01-01 0:00 UTC);
const CAP: usize = 256 * 1024;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The nginx binary: `HAVEN_NGINX`, else Debian's. Missing is a failure, never a skip.
fn nginx_binary() -> PathBuf {
    let bin = std::env::var_os("HAVEN_NGINX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/sbin/nginx"));
    assert!(
        bin.exists(),
        "{} not found: the publishing tests run a real nginx. Install it with \
         `apt-get install nginx-light` (or run `bash .ci/setup`), or point HAVEN_NGINX at one.",
        bin.display()
    );
    bin
}

/// The repository's nginx configuration with the test's port, folders and certificate.
fn render_config(dir: &Path, port: u16) -> String {
    let template = std::fs::read_to_string(repo().join("hosting/nginx.conf")).unwrap();
    let p = |name: &str| dir.join(name).display().to_string();
    let mut text = template;
    for (key, value) in [
        ("@RUN@", p("run")),
        ("@LISTEN@", format!("127.0.0.1:{port}")),
        ("@SERVER_NAME@", "localhost".to_owned()),
        ("@CERT@", p("cert.pem")),
        ("@KEY@", p("key.pem")),
        ("@ROOT@", p("www")),
        ("@ETAGS@", p("etags.map")),
        ("@ACCESS_LOG@", p("run/access.log")),
    ] {
        assert!(text.contains(key), "the configuration lost {key}");
        text = text.replace(key, &value);
    }
    let left = text.split('@').skip(1).step_by(2).find(|w| {
        *w != "NAME" && !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    });
    assert_eq!(left, None, "a placeholder was left in the configuration");
    text
}

/// One line of the access log (`haven_noip` format).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Logged {
    request: String,
    status: u16,
    request_length: u64,
    bytes_sent: u64,
}

/// A running nginx, stopped (and its folder removed) on drop.
struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
    ca_der: Vec<u8>,
    /// Files published with a content-hash ETag (path → bytes).
    hashed: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    fn start() -> Nginx {
        let bin = nginx_binary();
        let dir = tempfile::tempdir().unwrap();
        for sub in ["run", "www"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        // A CA made now, trusted only by the test client; a leaf for 127.0.0.1.
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let leaf_key = rcgen::KeyPair::generate().unwrap();
        let leaf = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&leaf_key, &ca, &ca_key)
            .unwrap();
        std::fs::write(dir.path().join("cert.pem"), leaf.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), leaf_key.serialize_pem()).unwrap();
        std::fs::write(dir.path().join("etags.map"), "").unwrap();
        let mut last_error = String::new();
        // A free port is found by binding and releasing it; another process could take it
        // in between, so try a few.
        for _ in 0..5 {
            let port = StdListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let conf = dir.path().join("nginx.conf");
            std::fs::write(&conf, render_config(dir.path(), port)).unwrap();
            open_up(dir.path());
            let mut child = Command::new(&bin)
                .arg("-c")
                .arg(&conf)
                .arg("-e")
                .arg(dir.path().join("run/error.log"))
                .arg("-g")
                .arg("daemon off;")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                if let Some(status) = child.try_wait().unwrap() {
                    let mut err = String::new();
                    if let Some(mut e) = child.stderr.take() {
                        let _ = e.read_to_string(&mut err);
                    }
                    let log = std::fs::read_to_string(dir.path().join("run/error.log"))
                        .unwrap_or_default();
                    last_error = format!("nginx exited ({status}): {err}\n{log}");
                    break;
                }
                // Listening comes before the pid file is written, and `nginx -s reload`
                // reads the pid file: wait for both.
                let pid =
                    std::fs::read_to_string(dir.path().join("run/nginx.pid")).unwrap_or_default();
                if !pid.trim().is_empty() && TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Nginx {
                        child,
                        dir,
                        port,
                        ca_der: ca.der().to_vec(),
                        hashed: Mutex::default(),
                    };
                }
                assert!(Instant::now() < deadline, "nginx did not start listening");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        panic!("nginx would not start: {last_error}");
    }

    fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{}", self.port, path)
    }

    fn fetcher(&self) -> Fetcher {
        Fetcher::for_tests(
            &self.ca_der,
            FetchLimits {
                connect_timeout: Duration::from_secs(2),
                total_timeout: Duration::from_secs(5),
                max_bytes: CAP,
            },
        )
        .unwrap()
    }

    /// Publish `bytes` at `path` as a publisher following PUBLISHING.md does: the file, its
    /// line in the ETag map, then `nginx -s reload`. Waits until nginx serves the new tag.
    async fn publish(&self, path: &str, bytes: &[u8]) {
        std::fs::write(self.dir.path().join("www").join(&path[1..]), bytes).unwrap();
        {
            let mut hashed = self.hashed.lock().unwrap();
            hashed.retain(|(p, _)| p != path);
            hashed.push((path.to_owned(), bytes.to_vec()));
            let map: String = hashed
                .iter()
                .map(|(p, b)| format!("{p} \"{}\";\n", content_etag(b).replace('"', "\\\"")))
                .collect();
            std::fs::write(self.dir.path().join("etags.map"), map).unwrap();
        }
        open_up(self.dir.path());
        self.reload().await;
        // New workers pick up the new map after the reload, and the old ones stop taking
        // connections a moment later: wait until the new tag is served, several times over
        // a few hundred milliseconds, each on a new connection.
        let want = content_etag(bytes);
        let fetcher = Fetcher::for_tests(
            &self.ca_der,
            FetchLimits {
                max_bytes: 64 * 1024 * 1024,
                ..FetchLimits::default()
            },
        )
        .unwrap();
        let req = settings(&self.url(path)).request(None).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut in_a_row = 0;
        while in_a_row < 4 {
            match fetcher.fetch(&req).await {
                Ok(FetchOutcome::Body { etag, .. }) if etag.as_deref() == Some(want.as_str()) => {
                    in_a_row += 1;
                }
                _ => in_a_row = 0,
            }
            assert!(
                Instant::now() < deadline,
                "nginx never served {path}'s new ETag"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Put a file in place with no line in the ETag map (nginx's defaults apply where the
    /// configuration leaves them).
    fn put_plain(&self, path: &str, bytes: &[u8]) {
        let file = self.dir.path().join("www").join(&path[1..]);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
        open_up(self.dir.path());
    }

    async fn reload(&self) {
        let out = Command::new(nginx_binary())
            .arg("-c")
            .arg(self.dir.path().join("nginx.conf"))
            .arg("-e")
            .arg(self.dir.path().join("run/error.log"))
            .arg("-s")
            .arg("reload")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "nginx -s reload failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn log(&self) -> Vec<Logged> {
        let text =
            std::fs::read_to_string(self.dir.path().join("run/access.log")).unwrap_or_default();
        text.lines()
            .map(|l| {
                // 2027-...+00:00 "GET /x HTTP/1.1" 304 178 314
                let (_, rest) = l.split_once(" \"").unwrap();
                let (request, nums) = rest.split_once("\" ").unwrap();
                let n: Vec<u64> = nums
                    .split_whitespace()
                    .map(|x| x.parse().unwrap())
                    .collect();
                Logged {
                    request: request.to_owned(),
                    status: u16::try_from(n[0]).unwrap(),
                    request_length: n[1],
                    bytes_sent: n[2],
                }
            })
            .collect()
    }

    /// The log line of the last request, once nginx has written it.
    async fn last_logged(&self, count_before: usize) -> Logged {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let log = self.log();
            if log.len() > count_before {
                return log.last().unwrap().clone();
            }
            assert!(Instant::now() < deadline, "nginx logged nothing");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// When run as root, nginx's workers drop to an unprivileged user: let them read the
/// temporary folder (test files only).
fn open_up(dir: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let set = |p: &Path, mode| {
        let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    };
    set(dir, 0o755);
    for sub in ["www", "run"] {
        set(&dir.join(sub), 0o755);
    }
    let mut stack = vec![dir.join("www")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                set(&p, 0o755);
                stack.push(p);
            } else {
                set(&p, 0o644);
            }
        }
    }
}

/// A TCP relay in front of nginx that counts every byte each way, per connection.
struct CountingProxy {
    addr: SocketAddr,
    /// (client → server, server → client) of each finished connection.
    done: Arc<Mutex<Vec<(u64, u64)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl CountingProxy {
    async fn start(upstream: u16) -> CountingProxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let done: Arc<Mutex<Vec<(u64, u64)>>> = Arc::default();
        let d = done.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let d = d.clone();
                tokio::spawn(async move {
                    let Ok(mut server) =
                        tokio::net::TcpStream::connect(("127.0.0.1", upstream)).await
                    else {
                        return;
                    };
                    if let Ok(counts) =
                        tokio::io::copy_bidirectional(&mut client, &mut server).await
                    {
                        d.lock().unwrap().push(counts);
                    }
                });
            }
        });
        CountingProxy { addr, done, task }
    }

    fn url(&self, path: &str) -> String {
        format!("https://{}{}", self.addr, path)
    }

    async fn connection(&self, index: usize) -> (u64, u64) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(c) = self.done.lock().unwrap().get(index) {
                return *c;
            }
            assert!(Instant::now() < deadline, "the connection never closed");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

fn settings(url: &str) -> DownloadSettings {
    let mut source = DownloadSource::new(url).unwrap();
    source.confirm();
    DownloadSettings {
        enabled: true,
        source: Some(source),
    }
}

/// Several publishers under one pinned root (a national list and a state coalition).
fn publishers(orgs: &[&str]) -> (Roots, Vec<Publisher>) {
    let (_, roots, list) = publishers_with_root(orgs);
    (roots, list)
}

/// [`publishers`], with the root's signing key (to issue revocation lists).
fn publishers_with_root(orgs: &[&str]) -> (SigningKey, Roots, Vec<Publisher>) {
    let root = SigningKey::generate().unwrap();
    let roots = Roots::new(vec![RootKey::new(root.public_key(), "test root")]).unwrap();
    let list = orgs
        .iter()
        .map(|org| {
            let key = SigningKey::generate().unwrap();
            let delegation = Delegation::issue(
                &root,
                &key.public_key(),
                Scope::Directory,
                org,
                datetime!(2030-01-01 0:00 UTC),
            )
            .unwrap();
            Publisher {
                roots: roots.clone(),
                key,
                delegation,
            }
        })
        .collect();
    (root, roots, list)
}

/// A payload of one service with this id (so layers can be told apart).
fn one_service(id: &str) -> Vec<u8> {
    let d = payload::decode_payload(&sample_payload()).unwrap();
    let mut r = d.payload.resources[0].clone();
    r.id = id.to_owned();
    encode_payload(&Payload {
        resources: vec![r],
        ..Default::default()
    })
    .unwrap()
}

fn sign_at(p: &Publisher, version: u64, expires: OffsetDateTime, payload: &[u8]) -> Vec<u8> {
    let meta = EnvelopeMeta {
        version,
        issued: datetime!(2027-01-01 00:00 UTC),
        expires,
    };
    payload::seal(&meta, &p.delegation, payload, &p.key).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_serves_bundles_with_content_hash_etags_and_real_304s() {
    let nginx = Nginx::start();
    let p = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let v1 = p.sign(1, EXPIRES, &sample_payload());
    nginx.publish("/us.bundle", &v1).await;
    let proxy = CountingProxy::start(nginx.port).await;
    let fetcher = nginx.fetcher();
    let url = proxy.url("/us.bundle");

    // First download: the whole bundle, stored with its content-hash ETag.
    let mut store = MemoryDirectoryStore::default();
    let before = nginx.log().len();
    let out = refresh(&fetcher, &settings(&url), &mut store, &p.roots, NOW)
        .await
        .unwrap();
    assert!(matches!(out, RefreshOutcome::Updated(_)));
    let first = nginx.last_logged(before).await;
    assert_eq!(
        (first.request.as_str(), first.status),
        ("GET /us.bundle HTTP/1.1", 200)
    );
    assert!(first.bytes_sent > v1.len() as u64);
    let key = "directory:Example Coalition";
    assert_eq!(store.state.bundles[key].etag, Some(content_etag(&v1)));

    // Unchanged refresh: a real 304 from nginx; nothing stored; bytes on the wire counted.
    let stored = store.state.clone();
    let before = nginx.log().len();
    let out = refresh(&fetcher, &settings(&url), &mut store, &p.roots, NOW)
        .await
        .unwrap();
    assert!(matches!(out, RefreshOutcome::Unchanged));
    assert_eq!(store.state, stored);
    assert_eq!(store.saves, 1);
    let unchanged = nginx.last_logged(before).await;
    assert_eq!(unchanged.status, 304);
    let http = unchanged.request_length + unchanged.bytes_sent;
    let (up, down) = proxy.connection(1).await;
    let (full_up, full_down) = proxy.connection(0).await;
    eprintln!(
        "FIGURE unchanged refresh through nginx: HTTP request {} B + response {} B = {http} B; \
         on the wire with the TLS handshake {up} B up + {down} B down = {} B (first download: \
         {} B for a {} B bundle)",
        unchanged.request_length,
        unchanged.bytes_sent,
        up + down,
        full_up + full_down,
        v1.len()
    );
    assert!(http <= 1024, "an unchanged refresh cost {http} B of HTTP");
    // Everything on the wire, TLS handshake included, is the handshake plus that 304.
    assert!(up + down < full_up + full_down);
    assert!(
        up + down <= 4096,
        "an unchanged refresh cost {} B on the wire",
        up + down
    );

    // A changed bundle: downloaded anew and stored.
    let v2 = p.sign(2, EXPIRES, &sample_payload());
    nginx.publish("/us.bundle", &v2).await;
    let before = nginx.log().len();
    let out = refresh(&fetcher, &settings(&url), &mut store, &p.roots, NOW)
        .await
        .unwrap();
    let RefreshOutcome::Updated(d) = out else {
        panic!("the changed bundle was not downloaded")
    };
    assert_eq!(d.info().version, Some(2));
    let changed = nginx.last_logged(before).await;
    assert_eq!(changed.status, 200);
    assert!(changed.bytes_sent > v2.len() as u64);
    assert_eq!(store.state.bundles[key].bytes, v2);
    assert_eq!(store.state.bundles[key].etag, Some(content_etag(&v2)));

    // nginx's own ETag ("<mtime>-<size>", not a content hash): stored, never sent back,
    // so every refresh is a full download (200), never a 304.
    nginx.put_plain("/plain/us.bundle", &v1);
    let plain_url = nginx.url("/plain/us.bundle");
    let mut plain = MemoryDirectoryStore::default();
    refresh(&fetcher, &settings(&plain_url), &mut plain, &p.roots, NOW)
        .await
        .unwrap();
    let tag = plain.state.bundles[key].etag.clone().unwrap();
    assert!(!tag.contains("sha256-"), "nginx's own ETag: {tag}");
    let req = settings(&plain_url)
        .request(
            plain
                .state
                .for_source(&url::Url::parse(&plain_url).unwrap()),
        )
        .unwrap();
    assert_eq!(req.if_none_match(), None);
    let before = nginx.log().len();
    let err = refresh(&fetcher, &settings(&plain_url), &mut plain, &p.roots, NOW)
        .await
        .unwrap_err();
    // The same version again: downloaded in full, then refused by the ratchet.
    assert!(matches!(
        err,
        RefreshError::Rejected(UpdateError::Trust(TrustError::Rollback { .. }))
    ));
    assert_eq!(nginx.last_logged(before).await.status, 200);
    // ...while the same nginx answers a matching If-None-Match with 304 for hashed files.
    let req = settings(&nginx.url("/us.bundle"))
        .request(Some(&store.state.bundles[key]))
        .unwrap();
    assert_eq!(req.if_none_match(), Some(content_etag(&v2).as_str()));
    assert_eq!(fetcher.fetch(&req).await, Ok(FetchOutcome::NotModified));

    // Over the cap: refused by its Content-Length, nothing stored.
    let big = p.sign(
        3,
        EXPIRES,
        &vec![b' '; CAP + 1024]
            .into_iter()
            .chain(sample_payload())
            .collect::<Vec<u8>>(),
    );
    nginx.publish("/big.bundle", &big).await;
    let before = store.clone();
    let err = refresh(
        &fetcher,
        &settings(&nginx.url("/big.bundle")),
        &mut store,
        &p.roots,
        NOW,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, RefreshError::Fetch(FetchError::TooLarge)),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "the download is too large");
    assert_eq!(
        (store.state.clone(), store.saves),
        (before.state, before.saves)
    );
}

/// A list revoking `keys`, issued at `issued` by `root`.
fn revoke(root: &SigningKey, issued: OffsetDateTime, keys: &[&Publisher]) -> RevocationList {
    RevocationList::issue(
        root,
        issued,
        keys.iter()
            .map(|p| Revoked {
                key: p.key.public_key(),
                reason: "key leaked".into(),
                revoked_at: issued,
            })
            .collect(),
    )
    .unwrap()
}

/// What nginx sends with `path`: status and the headers a cache or the phone would see.
async fn headers_of(nginx: &Nginx, path: &str) -> (u16, Option<String>, Option<String>, bool) {
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .add_root_certificate(reqwest::Certificate::from_der(&nginx.ca_der).unwrap())
        .build()
        .unwrap();
    let resp = client.get(nginx.url(path)).send().await.unwrap();
    let h = |name: &str| {
        resp.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    (
        resp.status().as_u16(),
        h("cache-control"),
        h("content-type"),
        resp.headers().contains_key("etag"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_serves_revocations_beside_the_bundle_and_a_revoked_publisher_is_refused() {
    let nginx = Nginx::start();
    let (root, roots, ps) = publishers_with_root(&["National Hotline", "Ohio Coalition"]);
    let (national, coalition) = (&ps[0], &ps[1]);
    let fetcher = nginx.fetcher();
    let n5 = sign_at(national, 5, EXPIRES, &one_service("national-5"));
    let c3 = sign_at(coalition, 3, EXPIRES, &one_service("coalition-3"));
    nginx.publish("/national.bundle", &n5).await;
    nginx.publish("/coalition.bundle", &c3).await;
    let national_dl = settings(&nginx.url("/national.bundle"));
    let coalition_dl = settings(&nginx.url("/coalition.bundle"));
    let mut store = MemoryDirectoryStore::default();
    for dl in [&national_dl, &coalition_dl] {
        let out = refresh(&fetcher, dl, &mut store, &roots, NOW)
            .await
            .unwrap();
        assert!(matches!(out, RefreshOutcome::Updated(_)));
    }

    // No list published yet: nginx answers 404, which is "no list", not an error.
    let before = nginx.log().len();
    let got = fetch_revocations(&fetcher, &national_dl, &roots, None).await;
    assert_eq!(got.unwrap(), None);
    let logged = nginx.last_logged(before).await;
    assert_eq!(
        (logged.request.as_str(), logged.status),
        ("GET /revocations.json HTTP/1.1", 404)
    );

    // The root withdraws the national key: the list beside the bundles is fetched over
    // TLS, verified and returned, from either bundle's address.
    let list = revoke(&root, datetime!(2027-01-03 0:00 UTC), &[national]);
    nginx.put_plain("/revocations.json", list.to_json().as_bytes());
    for dl in [&national_dl, &coalition_dl] {
        let before = nginx.log().len();
        let got = fetch_revocations(&fetcher, dl, &roots, None).await;
        assert_eq!(got.unwrap(), Some(list.clone()));
        let logged = nginx.last_logged(before).await;
        assert_eq!(
            (logged.request.as_str(), logged.status),
            ("GET /revocations.json HTTP/1.1", 200)
        );
    }
    // Served as JSON, cached one minute at most (bundles: five), never with nginx's own
    // mtime-size ETag.
    assert_eq!(
        headers_of(&nginx, "/revocations.json").await,
        (
            200,
            Some("public, max-age=60".to_owned()),
            Some("application/json".to_owned()),
            false
        )
    );
    assert_eq!(
        headers_of(&nginx, "/coalition.bundle").await.1.as_deref(),
        Some("public, max-age=300")
    );

    // The same list again, or an older one (a stale cache, a replay): not newer, Ok(None).
    let got = fetch_revocations(&fetcher, &national_dl, &roots, Some(&list)).await;
    assert_eq!(got.unwrap(), None);
    let older = revoke(
        &root,
        datetime!(2027-01-02 0:00 UTC),
        &[national, coalition],
    );
    nginx.put_plain("/revocations.json", older.to_json().as_bytes());
    let got = fetch_revocations(&fetcher, &national_dl, &roots, Some(&list)).await;
    assert_eq!(got.unwrap(), None);

    // A list whose date was moved forward after signing: bad signature, an error.
    let text = list.to_json();
    let issued = format!("\"issued\": {}", list.issued().unix_timestamp());
    assert!(text.contains(&issued));
    let moved = text.replace(
        &issued,
        &format!("\"issued\": {}", list.issued().unix_timestamp() + 3600),
    );
    nginx.put_plain("/revocations.json", moved.as_bytes());
    let err = fetch_revocations(&fetcher, &national_dl, &roots, Some(&list))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            RefreshError::Rejected(UpdateError::Trust(TrustError::BadSignature))
        ),
        "{err:?}"
    );
    // Signed by a root the app does not pin: an error too.
    let stranger = revoke(
        &SigningKey::generate().unwrap(),
        datetime!(2027-01-03 12:00 UTC),
        &[national],
    );
    nginx.put_plain("/revocations.json", stranger.to_json().as_bytes());
    let err = fetch_revocations(&fetcher, &national_dl, &roots, None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            RefreshError::Rejected(UpdateError::Trust(TrustError::UnknownRoot))
        ),
        "{err:?}"
    );

    // A refresh checked against the list: the revoked publisher's newer bundle is
    // downloaded, then refused; what is stored is untouched.
    let revoked_roots = roots.with_revocations(&list);
    let n6 = sign_at(national, 6, EXPIRES, &one_service("national-6"));
    nginx.publish("/national.bundle", &n6).await;
    let before = store.clone();
    let err = refresh(&fetcher, &national_dl, &mut store, &revoked_roots, NOW)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            RefreshError::Rejected(UpdateError::Trust(TrustError::Revoked))
        ),
        "{err:?}"
    );
    assert_eq!(store.state, before.state, "the stored state changed");
    assert_eq!(store.saves, before.saves);
    assert_eq!(store.state.bundles["directory:National Hotline"].bytes, n5);
    // The other publisher, under the same root, still updates.
    let c4 = sign_at(coalition, 4, EXPIRES, &one_service("coalition-4"));
    nginx.publish("/coalition.bundle", &c4).await;
    let out = refresh(&fetcher, &coalition_dl, &mut store, &revoked_roots, NOW)
        .await
        .unwrap();
    assert!(matches!(out, RefreshOutcome::Updated(_)));
    assert_eq!(store.state.bundles["directory:Ohio Coalition"].bytes, c4);
    assert_eq!(store.state.bundles["directory:National Hotline"].bytes, n5);
    // What the revoked key signed before is kept but no longer shown; the other
    // publisher's bundle and the bundled list are.
    let (d, problem) = load_directory(&store.state, &revoked_roots, NOW);
    assert!(
        matches!(problem, Some(UpdateError::Trust(TrustError::Revoked))),
        "{problem:?}"
    );
    assert!(d.get("coalition-4").is_some());
    assert!(d.get("national-5").is_none());
    assert_eq!(d.layers().len(), 2);
}

/// Shares one store between concurrent refreshes (as the app's vault is shared).
#[derive(Clone, Default)]
struct SharedStore(Arc<Mutex<MemoryDirectoryStore>>);

impl DirectoryStore for SharedStore {
    type Error = std::convert::Infallible;
    fn load(&self) -> Result<StoredDirectory, Self::Error> {
        self.0.lock().unwrap().load()
    }
    fn save(
        &mut self,
        trust: &TrustState,
        publisher: &str,
        cache: &CachedBundle,
    ) -> Result<(), Self::Error> {
        self.0.lock().unwrap().save(trust, publisher, cache)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_publishers_each_keep_their_own_bundle_and_ratchet() {
    let nginx = Nginx::start();
    let (roots, ps) = publishers(&["National Hotline", "Ohio Coalition"]);
    let (national, coalition) = (&ps[0], &ps[1]);
    let fetcher = nginx.fetcher();
    let n5 = sign_at(national, 5, EXPIRES, &one_service("national-5"));
    let c3 = sign_at(coalition, 3, EXPIRES, &one_service("coalition-3"));
    nginx.publish("/national.bundle", &n5).await;
    nginx.publish("/coalition.bundle", &c3).await;

    let mut store = MemoryDirectoryStore::default();
    for path in ["/national.bundle", "/coalition.bundle"] {
        let out = refresh(
            &fetcher,
            &settings(&nginx.url(path)),
            &mut store,
            &roots,
            NOW,
        )
        .await
        .unwrap();
        assert!(matches!(out, RefreshOutcome::Updated(_)), "{path}");
    }
    // Both stored, each under its own key and ratchet; the directory shows both over the
    // bundled list.
    let (nk, ck) = ("directory:National Hotline", "directory:Ohio Coalition");
    assert_eq!(store.state.bundles.len(), 2);
    assert_eq!(store.state.bundles[nk].bytes, n5);
    assert_eq!(store.state.bundles[ck].bytes, c3);
    assert_eq!(
        store
            .state
            .trust
            .highest(Scope::Directory, "National Hotline"),
        Some(5)
    );
    assert_eq!(
        store
            .state
            .trust
            .highest(Scope::Directory, "Ohio Coalition"),
        Some(3)
    );
    let (d, problem) = load_directory(&store.state, &roots, NOW);
    assert!(problem.is_none());
    assert_eq!(d.layers().len(), 3);
    assert!(d.get("national-5").is_some() && d.get("coalition-3").is_some());

    // Fault matrix (the stored state intact after each): cross-publisher replays of older
    // bundles, expired envelopes on a first download and on a refresh.
    let c2 = sign_at(coalition, 2, EXPIRES, &one_service("coalition-2"));
    let n4 = sign_at(national, 4, EXPIRES, &one_service("national-4"));
    let n_expired = sign_at(
        national,
        9,
        datetime!(2027-01-02 0:00 UTC),
        &one_service("x"),
    );
    type Check = fn(&RefreshError<std::convert::Infallible>) -> bool;
    let rollback: Check = |e| {
        matches!(
            e,
            RefreshError::Rejected(UpdateError::Trust(TrustError::Rollback { .. }))
        )
    };
    let expired: Check = |e| matches!(e, RefreshError::Rejected(UpdateError::Expired));
    let cases: [(&str, &[u8], Check); 5] = [
        // Each address replaying its own publisher's older bundle.
        ("/coalition.bundle", &c2, rollback),
        ("/national.bundle", &n4, rollback),
        // Each address now serving the OTHER publisher's older bundle.
        ("/national.bundle", &c2, rollback),
        ("/coalition.bundle", &n4, rollback),
        // A newer version whose envelope has already expired.
        ("/national.bundle", &n_expired, expired),
    ];
    for (path, bytes, check) in cases {
        nginx.publish(path, bytes).await;
        let before = store.clone();
        let err = refresh(
            &fetcher,
            &settings(&nginx.url(path)),
            &mut store,
            &roots,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(check(&err), "{path}: {err:?}");
        assert_eq!(
            store.state, before.state,
            "{path}: the stored state changed"
        );
        assert_eq!(store.saves, before.saves, "{path}");
    }
    // The expired envelope on a FIRST download (fresh install, after a wipe): refused too.
    let mut fresh = MemoryDirectoryStore::default();
    let err = refresh(
        &fetcher,
        &settings(&nginx.url("/national.bundle")),
        &mut fresh,
        &roots,
        NOW,
    )
    .await
    .unwrap_err();
    assert!(expired(&err), "{err:?}");
    assert_eq!((fresh.saves, fresh.state.is_empty()), (0, true));

    // A newer coalition bundle replaces only the coalition's.
    let c4 = sign_at(coalition, 4, EXPIRES, &one_service("coalition-4"));
    nginx.publish("/coalition.bundle", &c4).await;
    let out = refresh(
        &fetcher,
        &settings(&nginx.url("/coalition.bundle")),
        &mut store,
        &roots,
        NOW,
    )
    .await
    .unwrap();
    let RefreshOutcome::Updated(d) = out else {
        panic!("expected an update")
    };
    assert_eq!(store.state.bundles[nk].bytes, n5);
    assert_eq!(store.state.bundles[ck].bytes, c4);
    assert!(d.get("national-5").is_some() && d.get("coalition-4").is_some());
    assert!(d.get("coalition-3").is_none());
    assert_eq!(d.layers().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_refreshes_are_serialized() {
    let nginx = Nginx::start();
    let p = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let v9 = p.sign(9, EXPIRES, &sample_payload());
    nginx.publish("/us.bundle", &v9).await;
    let shared = SharedStore::default();
    let gate = Arc::new(RefreshGate::new());
    let fetcher = Arc::new(nginx.fetcher());
    let url = nginx.url("/us.bundle");
    let in_flight = Arc::new(AtomicU64::new(0));
    let most = Arc::new(AtomicU64::new(0));
    let before = nginx.log().len();
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let (gate, fetcher, url, roots) =
            (gate.clone(), fetcher.clone(), url.clone(), p.roots.clone());
        let (in_flight, most, mut store) = (in_flight.clone(), most.clone(), shared.clone());
        tasks.push(tokio::spawn(async move {
            // Both start at once; the gate lets one in at a time.
            let _inside = gate.enter().await;
            let now_in = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now_in, Ordering::SeqCst);
            let out = refresh(&fetcher, &settings(&url), &mut store, &roots, NOW).await;
            in_flight.fetch_sub(1, Ordering::SeqCst);
            out
        }));
    }
    let mut updated = 0;
    let mut unchanged = 0;
    for t in tasks {
        match t.await.unwrap().unwrap() {
            RefreshOutcome::Updated(_) => updated += 1,
            RefreshOutcome::Unchanged => unchanged += 1,
        }
    }
    assert_eq!(most.load(Ordering::SeqCst), 1, "two refreshes ran at once");
    // The second read what the first stored: it revalidated (304) instead of passing the
    // same bundle against the same old ratchet and saving again.
    assert_eq!((updated, unchanged), (1, 1));
    assert_eq!(shared.0.lock().unwrap().saves, 1);
    let statuses: Vec<u16> = nginx.log()[before..].iter().map(|l| l.status).collect();
    assert_eq!(statuses, [200, 304]);

    // The same through refresh_serialized, with a newer bundle: again one save, one 304.
    let v10 = p.sign(10, EXPIRES, &sample_payload());
    nginx.publish("/us.bundle", &v10).await;
    let (a, b) = tokio::join!(
        {
            let mut s = shared.clone();
            let (gate, fetcher, url, roots) =
                (gate.clone(), fetcher.clone(), url.clone(), p.roots.clone());
            async move {
                refresh_serialized(&gate, &fetcher, &settings(&url), &mut s, &roots, NOW).await
            }
        },
        {
            let mut s = shared.clone();
            let (gate, fetcher, url, roots) =
                (gate.clone(), fetcher.clone(), url.clone(), p.roots.clone());
            async move {
                refresh_serialized(&gate, &fetcher, &settings(&url), &mut s, &roots, NOW).await
            }
        }
    );
    let outs = [a.unwrap(), b.unwrap()];
    assert_eq!(
        outs.iter()
            .filter(|o| matches!(o, RefreshOutcome::Updated(_)))
            .count(),
        1
    );
    let s = shared.0.lock().unwrap();
    assert_eq!(s.saves, 2);
    assert_eq!(
        s.state.trust.highest(Scope::Directory, "Example Coalition"),
        Some(10)
    );
}

#[test]
fn vault_stores_bundles_up_to_the_download_cap_in_chunks() {
    let m = MemVault::new();
    let v = vault::create(&m.env, kdf(), &pin("1111"), None).unwrap();
    let mut store = VaultDirectoryStore { vault: &v };
    // 14 MiB: more than one record could hold as base64 JSON (the old 12 MiB limit),
    // within the app's 16 MiB download cap.
    let big: Vec<u8> = (0..14 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let small = vec![7u8; 1000];
    let mut trust = TrustState::default();
    trust.publishers.insert(
        "directory:A".into(),
        haven::core::trust::PublisherState {
            highest_version: 3,
            expires_unix: 1,
        },
    );
    let a = CachedBundle::new(big.clone(), Some(content_etag(&big)))
        .from_source(&url::Url::parse("https://a.example/a.bundle").unwrap());
    store.save(&trust, "directory:A", &a).unwrap();
    store
        .save(
            &trust,
            "directory:B",
            &CachedBundle::new(small.clone(), None),
        )
        .unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.trust, trust);
    assert_eq!(loaded.bundles.len(), 2);
    assert_eq!(loaded.bundles["directory:A"], a);
    assert_eq!(loaded.bundles["directory:B"].bytes, small);
    let index: BundleIndex = v.get(DIR_BUNDLES).unwrap().unwrap();
    let entry = index
        .entries
        .iter()
        .find(|e| e.publisher == "directory:A")
        .unwrap();
    assert_eq!(entry.chunks as usize, big.len().div_ceil(BUNDLE_CHUNK));
    let names = v.list().unwrap();
    let chunks_of = |slot: u32| {
        names
            .iter()
            .filter(|n| n.starts_with(&format!("dir-bundle/{slot}/")))
            .count()
    };
    assert_eq!(chunks_of(entry.slot), 14);

    // A new bundle for A replaces A's chunks (old generation deleted); B is untouched.
    let newer = vec![9u8; 3 * BUNDLE_CHUNK + 5];
    store
        .save(
            &trust,
            "directory:A",
            &CachedBundle::new(newer.clone(), None),
        )
        .unwrap();
    let names = v.list().unwrap();
    let a_names: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(&format!("dir-bundle/{}/", entry.slot)))
        .collect();
    assert_eq!(a_names.len(), 4, "{a_names:?}");
    assert!(a_names
        .iter()
        .all(|n| n.contains(&format!("/{}/", entry.generation + 1))));
    let loaded = store.load().unwrap();
    assert_eq!(loaded.bundles["directory:A"].bytes, newer);
    assert_eq!(loaded.bundles["directory:B"].bytes, small);

    // A damaged chunk loses that download only, never the others'.
    v.put_bytes(&a_names[0].clone(), b"not the chunk").unwrap();
    let loaded = store.load().unwrap();
    assert!(!loaded.bundles.contains_key("directory:A"));
    assert_eq!(loaded.bundles["directory:B"].bytes, small);
    assert!(v.get::<TrustState>(DIR_TRUST).unwrap().is_some());
}

#[test]
fn the_single_bundle_of_earlier_versions_is_read_and_moved_into_chunks() {
    let m = MemVault::new();
    let v = vault::create(&m.env, kdf(), &pin("1111"), None).unwrap();
    let (roots, ps) = publishers(&["National Hotline", "Ohio Coalition"]);
    let old = sign_at(&ps[0], 5, EXPIRES, &one_service("national-5"));
    let up = haven::core::directory::accept_update(
        CachedBundle::new(old.clone(), None),
        &roots,
        &TrustState::default(),
        NOW,
    )
    .unwrap();
    // What earlier versions wrote: `dir-cache` + `dir-trust`.
    v.put(DIR_CACHE, &up.cache).unwrap();
    v.put(DIR_TRUST, &up.trust).unwrap();
    let mut store = VaultDirectoryStore { vault: &v };
    let loaded = store.load().unwrap();
    assert_eq!(loaded.bundles["directory:National Hotline"].bytes, old);
    // Storing another publisher's bundle keeps the old one, now in chunks.
    let c1 = sign_at(&ps[1], 1, EXPIRES, &one_service("coalition-1"));
    let up2 = haven::core::directory::accept_update(
        CachedBundle::new(c1.clone(), None),
        &roots,
        &up.trust,
        NOW,
    )
    .unwrap();
    store.save(&up2.trust, &up2.publisher, &up2.cache).unwrap();
    assert!(v.get::<CachedBundle>(DIR_CACHE).unwrap().is_none());
    let loaded = store.load().unwrap();
    assert_eq!(loaded.bundles.len(), 2);
    assert_eq!(loaded.bundles["directory:National Hotline"].bytes, old);
    assert_eq!(loaded.bundles["directory:Ohio Coalition"].bytes, c1);
    let (d, problem) = load_directory(&loaded, &roots, NOW);
    assert!(problem.is_none());
    assert!(d.get("national-5").is_some() && d.get("coalition-1").is_some());
}

#[test]
fn bundle_index_record_is_frozen() {
    let index = BundleIndex {
        format: 1,
        entries: vec![haven::io::vault_records::BundleEntry {
            publisher: "directory:Example Coalition".into(),
            slot: 0,
            generation: 2,
            len: 3,
            chunks: 1,
            sha256: content_etag(b"abc"),
            etag: Some(content_etag(b"abc")),
            source: Some("https://directory.example.org/us.bundle".into()),
        }],
    };
    let path = repo().join("tests/data/directory/bundle-index-v1.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(serde_json::from_str::<BundleIndex>(&text).unwrap(), index);
    let mut again = serde_json::to_string_pretty(&index).unwrap();
    again.push('\n');
    assert_eq!(again, text);
}

/// The app's own refresh (Find help → Refresh), headless, against nginx: the list beside
/// the bundle is fetched first and stored in the vault, the revoked publisher's newer
/// bundle is refused with the calm "revoked" message and the stored bundle kept, and an
/// older list served later never replaces the stored one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_apps_refresh_stores_the_list_and_refuses_the_revoked_publisher() {
    use crate::flows::{app_state, app_with, unlock, PIN};
    use haven::io::revocations::load_revocations;
    const WAIT: Duration = Duration::from_secs(20);

    let nginx = Nginx::start();
    let (root, roots, ps) = publishers_with_root(&["National Hotline"]);
    let national = &ps[0];
    let n5 = sign_at(national, 5, EXPIRES, &one_service("national-5"));
    nginx.publish("/national.bundle", &n5).await;
    let (ca, app_roots) = (nginx.ca_der.clone(), Arc::new(roots.clone()));
    let mut f = app_with(Some(None), move |s| {
        s.fetcher = Arc::new(move || {
            Fetcher::for_tests(
                &ca,
                FetchLimits {
                    connect_timeout: Duration::from_secs(2),
                    total_timeout: Duration::from_secs(5),
                    max_bytes: CAP,
                },
            )
        });
        s.roots = app_roots;
    })
    .await;
    // The bundles are dated 2027: the phone's clock reads NOW.
    let wall = i64::try_from(f.services.clock.now_unix_secs()).unwrap();
    f.clock.set_wall_by(NOW.unix_timestamp() - wall);
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"dir-updates\""))
            .await
    );
    f.t.change("dir-dl-enable", "true");
    f.t.input("dir-dl-url", &nginx.url("/national.bundle"));
    f.t.click("dir-dl-confirm");
    assert!(f.t.html().contains("This address is confirmed."));

    // No list yet (404): the bundle is taken.
    f.t.click("dir-refresh");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("The directory is updated."))
            .await,
        "{}",
        f.t.html()
    );
    assert!(
        f.t.exists("dir-national-5"),
        "the downloaded service is shown"
    );

    // The root revokes the national key; the publisher (or a thief with the key) serves a
    // newer bundle signed with it.
    let list = revoke(&root, datetime!(2027-01-03 0:00 UTC), &[national]);
    nginx.put_plain("/revocations.json", list.to_json().as_bytes());
    let n6 = sign_at(national, 6, EXPIRES, &one_service("national-6"));
    nginx.publish("/national.bundle", &n6).await;
    let before = nginx.log().len();
    f.t.click("dir-refresh");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("has been withdrawn"))
            .await,
        "{}",
        f.t.html()
    );
    // What that key signed before is no longer on screen either.
    assert!(
        f.t.wait_until(WAIT, |h| !h.contains("id=\"dir-national-5\""))
            .await,
        "the revoked publisher's service is gone from the screen"
    );
    let asked: Vec<(String, u16)> = nginx.log()[before..]
        .iter()
        .map(|l| (l.request.clone(), l.status))
        .collect();
    assert_eq!(
        asked,
        [
            ("GET /revocations.json HTTP/1.1".to_owned(), 200),
            ("GET /national.bundle HTTP/1.1".to_owned(), 200)
        ]
    );
    let session = app_state(&f).session().expect("an open session");
    let pinned = roots.clone();
    let (stored_list, stored) = session
        .run(move |v| {
            Ok((
                load_revocations(v, &pinned)?,
                VaultDirectoryStore { vault: v }.load()?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(stored_list, Some(list.clone()));
    assert_eq!(stored.bundles["directory:National Hotline"].bytes, n5);

    // An older list (issued before, revoking nothing) served from a stale cache: the
    // stored list stays, and the bundle is still refused.
    let older = RevocationList::issue(&root, datetime!(2027-01-02 0:00 UTC), vec![]).unwrap();
    nginx.put_plain("/revocations.json", older.to_json().as_bytes());
    let before = nginx.log().len();
    f.t.click("dir-refresh");
    assert!(refresh_button_busy(&f.t.html()));
    // Both files asked for, and the button enabled again: this refresh has finished.
    assert!(
        f.t.wait_until(WAIT, |h| nginx.log().len() >= before + 2
            && !refresh_button_busy(h))
            .await
    );
    assert!(f.t.html().contains("has been withdrawn"));
    let pinned = roots.clone();
    let (stored_list, stored) = session
        .run(move |v| {
            Ok((
                load_revocations(v, &pinned)?,
                VaultDirectoryStore { vault: v }.load()?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(stored_list, Some(list));
    assert_eq!(stored.bundles["directory:National Hotline"].bytes, n5);
}

/// Whether the Refresh button is disabled (a refresh is in progress).
fn refresh_button_busy(html: &str) -> bool {
    let at = html.find("id=\"dir-refresh\"").expect("the Refresh button");
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    html[start..end].contains("disabled")
}
