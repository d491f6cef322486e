//! Directory download fault matrix against a hand-written TLS server on 127.0.0.1 started by
//! the test.
//!
//! The server is raw HTTP/1.1 over rustls with a CA and certificate made at run time. It is
//! kept for the faults a real web server cannot be made to produce: a body cut mid-stream
//! (`/truncated`), a lying `Content-Length` (`/oversize-length`), a stall (`/stall`), an
//! unbounded body with no length (`/oversize`), and the exact request headers it received.
//! Everything a static host really does (200, 304, ETags, changed bundles, several
//! publishers, racing refreshes, bytes on the wire) is tested against nginx in
//! `tests/it/publishing.rs`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use haven::core::directory::payload::{self, encode_payload};
use haven::core::directory::{
    content_etag, CachedBundle, DirectoryStore, DownloadRefused, DownloadSettings, DownloadSource,
    MemoryDirectoryStore, UpdateError,
};
use haven::core::trust::{Scope, TrustError};
use haven::io::fetch::{refresh, FetchError, FetchLimits, Fetcher, RefreshError, RefreshOutcome};
use time::macros::datetime;
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::directory::{sample_payload, Publisher};

const NOW: OffsetDateTime = datetime!(2027-01-04 12:00 UTC);
const CAP: usize = 64 * 1024;

#[derive(Clone)]
enum Route {
    /// 200 with this body and ETag; 304 when If-None-Match matches.
    Body(Vec<u8>, String),
    Status(u16),
    Stall,
    Truncated(Vec<u8>),
    Oversize,
    OversizeLength,
    Redirect,
}

struct Server {
    addr: SocketAddr,
    ca_der: Vec<u8>,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    async fn start() -> Server {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let leaf_key = rcgen::KeyPair::generate().unwrap();
        let leaf = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&leaf_key, &ca, &ca_key)
            .unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone(), ca.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
        )
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let (h, r, rt) = (hits.clone(), requests.clone(), routes.clone());
        let task = tokio::spawn(async move {
            // Bounded: the test process ends the task when the server is dropped.
            for _ in 0..10_000 {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                let (acceptor, h, r, rt) = (acceptor.clone(), h.clone(), r.clone(), rt.clone());
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 1024];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
                        match tls.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    h.fetch_add(1, Ordering::SeqCst);
                    let head = String::from_utf8_lossy(&buf).to_string();
                    r.lock().unwrap().push(head.clone());
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let inm = head.lines().find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("if-none-match:")
                            .map(|_| l[14..].trim().to_string())
                    });
                    let route = rt.lock().unwrap().get(&path).cloned();
                    let mut out: Vec<u8> = Vec::new();
                    // A cut-off body is a close without TLS close_notify.
                    let clean_close = !matches!(route, Some(Route::Truncated(_)));
                    match route {
                        Some(Route::Body(body, etag)) => {
                            if inm.as_deref() == Some(etag.as_str()) {
                                out.extend_from_slice(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\n\r\n");
                            } else {
                                out.extend_from_slice(
                                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nETag: {etag}\r\nSet-Cookie: track=1\r\nConnection: close\r\n\r\n", body.len()).as_bytes(),
                                );
                                out.extend_from_slice(&body);
                            }
                        }
                        Some(Route::Status(code)) => out.extend_from_slice(
                            format!("HTTP/1.1 {code} Oops\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno").as_bytes(),
                        ),
                        Some(Route::Stall) => {
                            tokio::time::sleep(Duration::from_secs(5)).await;
                            return;
                        }
                        Some(Route::Truncated(body)) => {
                            out.extend_from_slice(
                                format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).as_bytes(),
                            );
                            out.extend_from_slice(&body[..body.len() / 2]);
                        }
                        Some(Route::Oversize) => {
                            out.extend_from_slice(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
                            out.extend(std::iter::repeat_n(b'x', CAP * 2));
                        }
                        Some(Route::OversizeLength) => {
                            out.extend_from_slice(b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\nxx");
                        }
                        Some(Route::Redirect) => out.extend_from_slice(
                            b"HTTP/1.1 302 Found\r\nLocation: /ok\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                        ),
                        None => out.extend_from_slice(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                    }
                    let _ = tls.write_all(&out).await;
                    let _ = tls.flush().await;
                    if clean_close {
                        let _ = tls.shutdown().await;
                    }
                });
            }
        });
        Server {
            addr,
            ca_der: ca.der().to_vec(),
            hits,
            requests,
            routes,
            task,
        }
    }

    fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    fn url(&self, path: &str) -> String {
        format!("https://{}{}", self.addr, path)
    }

    fn fetcher(&self) -> Fetcher {
        Fetcher::for_tests(
            &self.ca_der,
            FetchLimits {
                connect_timeout: Duration::from_millis(500),
                total_timeout: Duration::from_millis(700),
                max_bytes: CAP,
            },
        )
        .unwrap()
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

/// A store holding an accepted version 5 from `p`.
fn seeded_store(p: &Publisher) -> MemoryDirectoryStore {
    let v5 = p.sign(5, datetime!(2028-01-01 0:00 UTC), &sample_payload());
    let up = haven::core::directory::accept_update(
        CachedBundle::new(v5, Some("\"v5\"".into())),
        &p.roots,
        &Default::default(),
        NOW,
    )
    .unwrap();
    let mut store = MemoryDirectoryStore::default();
    store.save(&up.trust, &up.publisher, &up.cache).unwrap();
    store.saves = 0;
    store
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_matrix_keeps_the_cache_intact() {
    let server = Server::start().await;
    let p = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let payload = sample_payload();
    let exp = datetime!(2028-01-01 0:00 UTC);
    let v6 = p.sign(6, exp, &payload);

    let mut wrong_sig = v6.clone();
    let n = wrong_sig.len();
    wrong_sig[n - 1] ^= 1;
    let stranger = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let expired = {
        // Same root as `p`, but a delegation that expired before NOW.
        let q = Publisher::new(
            "Example Coalition",
            Scope::Directory,
            datetime!(2027-01-02 0:00 UTC),
        );
        (q.sign(7, exp, &payload), q.roots)
    };
    let malformed = p.sign(8, exp, b"{\"haven_directory\": 1, \"services\": [");

    let v6_tag = content_etag(&v6);
    server.route("/ok", Route::Body(v6.clone(), v6_tag.clone()));
    server.route("/500", Route::Status(500));
    server.route("/stall", Route::Stall);
    server.route("/truncated", Route::Truncated(v6.clone()));
    server.route("/oversize", Route::Oversize);
    server.route("/oversize-length", Route::OversizeLength);
    server.route("/redirect", Route::Redirect);
    server.route("/wrong-signature", Route::Body(wrong_sig, "\"w\"".into()));
    server.route(
        "/unknown-key",
        Route::Body(stranger.sign(9, exp, &payload), "\"u\"".into()),
    );
    server.route(
        "/expired-delegation",
        Route::Body(expired.0.clone(), "\"e\"".into()),
    );
    server.route(
        "/rollback",
        Route::Body(p.sign(4, exp, &payload), "\"r\"".into()),
    );
    server.route("/malformed", Route::Body(malformed, "\"m\"".into()));
    let fetcher = server.fetcher();

    type Check = fn(&RefreshError<std::convert::Infallible>) -> bool;
    let cases: Vec<(&str, Check)> = vec![
        ("/stall", |e| {
            matches!(e, RefreshError::Fetch(FetchError::Timeout))
        }),
        ("/500", |e| {
            matches!(e, RefreshError::Fetch(FetchError::Status(500)))
        }),
        ("/truncated", |e| {
            matches!(e, RefreshError::Fetch(FetchError::Truncated))
        }),
        ("/oversize", |e| {
            matches!(e, RefreshError::Fetch(FetchError::TooLarge))
        }),
        ("/oversize-length", |e| {
            matches!(e, RefreshError::Fetch(FetchError::TooLarge))
        }),
        ("/redirect", |e| {
            matches!(e, RefreshError::Fetch(FetchError::Redirect))
        }),
        ("/wrong-signature", |e| {
            matches!(
                e,
                RefreshError::Rejected(UpdateError::Trust(TrustError::BadSignature))
            )
        }),
        ("/unknown-key", |e| {
            matches!(
                e,
                RefreshError::Rejected(UpdateError::Trust(TrustError::UnknownRoot))
            )
        }),
        ("/rollback", |e| {
            matches!(
                e,
                RefreshError::Rejected(UpdateError::Trust(TrustError::Rollback { .. }))
            )
        }),
        ("/malformed", |e| {
            matches!(e, RefreshError::Rejected(UpdateError::Payload(_)))
        }),
    ];
    for (path, check) in cases {
        let mut store = seeded_store(&p);
        let before = store.state.clone();
        let started = std::time::Instant::now();
        let err = refresh(
            &fetcher,
            &settings(&server.url(path)),
            &mut store,
            &p.roots,
            NOW,
        )
        .await
        .expect_err(path);
        assert!(check(&err), "{path}: unexpected {err:?}");
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{path} took too long"
        );
        assert_eq!(store.state, before, "{path}: cache changed");
        assert_eq!(store.saves, 0, "{path}: something was saved");
        // What the error shows names neither the address nor what was asked for.
        let shown = err.to_string();
        let url = server.url(path);
        assert!(
            !shown.contains(&url) && !shown.contains(path) && !shown.contains("127.0.0.1"),
            "{path}: {shown}"
        );
    }
    // Expired delegation, checked against its own roots.
    let mut store = MemoryDirectoryStore::default();
    let err = refresh(
        &fetcher,
        &settings(&server.url("/expired-delegation")),
        &mut store,
        &expired.1,
        NOW,
    )
    .await
    .unwrap_err();
    assert!(matches!(
        err,
        RefreshError::Rejected(UpdateError::Trust(TrustError::DelegationExpired))
    ));
    assert_eq!(store.saves, 0);

    // Valid update: accepted and stored with its ETag; then a 304 costs nothing.
    let mut store = seeded_store(&p);
    let out = refresh(
        &fetcher,
        &settings(&server.url("/ok")),
        &mut store,
        &p.roots,
        NOW,
    )
    .await
    .unwrap();
    let RefreshOutcome::Updated(layer) = out else {
        panic!("expected an update")
    };
    assert_eq!(layer.info().version, Some(6));
    assert_eq!(store.saves, 1);
    assert_eq!(
        store
            .state
            .trust
            .highest(Scope::Directory, "Example Coalition"),
        Some(6)
    );
    let key = "directory:Example Coalition";
    assert_eq!(
        store.state.bundles[key].etag.as_deref(),
        Some(v6_tag.as_str())
    );
    let before = store.state.clone();
    let out = refresh(
        &fetcher,
        &settings(&server.url("/ok")),
        &mut store,
        &p.roots,
        NOW,
    )
    .await
    .unwrap();
    assert!(matches!(out, RefreshOutcome::Unchanged));
    assert_eq!(store.state, before);
    let last = server.requests.lock().unwrap().last().cloned().unwrap();
    assert!(
        last.to_ascii_lowercase()
            .contains(&format!("if-none-match: {v6_tag}")),
        "{last}"
    );
    // The fetcher reports a matching ETag as NotModified.
    let req = settings(&server.url("/ok"))
        .request(Some(&CachedBundle::new(v6.clone(), Some(v6_tag.clone()))))
        .unwrap();
    assert_eq!(
        fetcher.fetch(&req).await,
        Ok(haven::io::fetch::FetchOutcome::NotModified)
    );

    // The strict production client does not trust the test CA.
    let prod = Fetcher::new().unwrap();
    let req = settings(&server.url("/ok")).request(None).unwrap();
    assert_eq!(prod.fetch(&req).await, Err(FetchError::Connect));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_request_unless_enabled_and_headers_are_anonymous() {
    let server = Server::start().await;
    let p = Publisher::new(
        "Example Coalition",
        Scope::Directory,
        datetime!(2030-01-01 0:00 UTC),
    );
    let v1 = p.sign(1, datetime!(2028-01-01 0:00 UTC), &sample_payload());
    server.route("/ok", Route::Body(v1.clone(), content_etag(&v1)));
    // The same bundle under a per-client ETag (could follow the phone across networks).
    server.route("/tagged", Route::Body(v1, "\"client-4711\"".into()));
    let fetcher = server.fetcher();
    let mut store = MemoryDirectoryStore::default();

    let mut off = settings(&server.url("/ok"));
    off.enabled = false;
    let err = refresh(&fetcher, &off, &mut store, &p.roots, NOW)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        RefreshError::Refused(DownloadRefused::Disabled)
    ));
    let mut unconfirmed = DownloadSettings {
        enabled: true,
        source: Some(DownloadSource::new(&server.url("/ok")).unwrap()),
    };
    let err = refresh(&fetcher, &unconfirmed, &mut store, &p.roots, NOW)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        RefreshError::Refused(DownloadRefused::NotConfirmed)
    ));
    unconfirmed.source = None;
    let err = refresh(&fetcher, &unconfirmed, &mut store, &p.roots, NOW)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        RefreshError::Refused(DownloadRefused::NoSource)
    ));
    // Give a stray connection time to arrive, then count.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        0,
        "a request was made while off"
    );
    assert_eq!(store.saves, 0);

    // Turned on: exactly one request, with nothing identifying in it.
    refresh(
        &fetcher,
        &settings(&server.url("/ok")),
        &mut store,
        &p.roots,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
    let head = server.requests.lock().unwrap()[0].clone();
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("GET /ok HTTP/1.1"));
    let names: Vec<String> = lines
        .filter(|l| !l.is_empty())
        .map(|l| l.split(':').next().unwrap().trim().to_ascii_lowercase())
        .collect();
    for n in &names {
        assert!(
            ["host", "accept"].contains(&n.as_str()),
            "unexpected header {n}: {head}"
        );
    }
    assert!(!head.to_ascii_lowercase().contains("user-agent"));
    // A cookie the server set is never sent back.
    refresh(
        &fetcher,
        &settings(&server.url("/ok")),
        &mut store,
        &p.roots,
        NOW,
    )
    .await
    .unwrap();
    let second = server.requests.lock().unwrap()[1].to_ascii_lowercase();
    assert!(!second.contains("cookie"), "{second}");
    assert!(second.contains("if-none-match"));
    assert!(!second.contains("if-modified-since"), "{second}");
    // An ETag that is not the content hash is stored but never sent back.
    let mut tagged = MemoryDirectoryStore::default();
    for _ in 0..2 {
        refresh(
            &fetcher,
            &settings(&server.url("/tagged")),
            &mut tagged,
            &p.roots,
            NOW,
        )
        .await
        .ok();
    }
    let requests = server.requests.lock().unwrap().clone();
    let third = requests[requests.len() - 1].to_ascii_lowercase();
    assert!(third.starts_with("get /tagged"), "{third}");
    assert!(!third.contains("if-none-match"), "{third}");
    assert!(!third.contains("client-4711"), "{third}");
}

#[test]
fn payload_helpers_used_by_the_server_fixtures_round_trip() {
    // The fixtures above sign the sample payload; make sure it decodes with no skips.
    let d = payload::decode_payload(&sample_payload()).unwrap();
    assert_eq!((d.payload.resources.len(), d.skipped), (2, 0));
    let again = encode_payload(&d.payload).unwrap();
    assert_eq!(payload::decode_payload(&again).unwrap().payload, d.payload);
}
