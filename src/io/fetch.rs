//! Directory download over HTTPS (reqwest + rustls), then the pure core pipeline.
//!
//! The client is strict: HTTPS only, the bundled webpki roots, connect timeout 5 s, total
//! 15 s, no redirects, no cookies (the reqwest `cookies` feature is off), no proxy from the
//! environment, no `User-Agent` (reqwest sends none unless asked) — the only headers sent
//! are `Host`, `Accept: */*` and `If-None-Match` when the bundle last downloaded from the
//! same address carries an ETag that is its content hash
//! ([`crate::core::directory::content_etag`]); never `If-Modified-Since`. The body is
//! capped on `Content-Length` and again while streaming.
//!
//! A request only exists if [`DownloadSettings::request`] made one (downloads on, source
//! confirmed). [`refresh`] stores the new trust state and the publisher's bundle only after
//! every check passed; any failure leaves the stored directory untouched. Refreshes that
//! could run at the same time are serialized by a [`RefreshGate`].
//!
//! The tests run this client against nginx (`tests/it/publishing.rs`); the hand-written
//! server in `tests/it/directory_fetch.rs` is kept only for what nginx cannot be made to do:
//! cut a body mid-stream, send a lying `Content-Length`, and stall.

use std::time::Duration;

use futures_util::StreamExt as _;
use reqwest::header::{HeaderValue, ETAG, IF_NONE_MATCH};
use reqwest::StatusCode;
use time::OffsetDateTime;

use crate::core::directory::{
    accept_update, load_directory, CachedBundle, Directory, DirectoryStore, DownloadRefused,
    DownloadSettings, FetchRequest, UpdateError,
};
use crate::core::trust::{RevocationList, Roots, TrustError, REVOCATIONS_FILE};

/// Time and size limits of a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    /// TCP + TLS connect timeout.
    pub connect_timeout: Duration,
    /// Whole request, body included.
    pub total_timeout: Duration,
    /// Largest body accepted.
    pub max_bytes: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(15),
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// 304: the cached bundle is current.
    NotModified,
    /// 200 with a body within the size cap.
    Body {
        /// The bytes.
        bytes: Vec<u8>,
        /// The response's ETag, if any.
        etag: Option<String>,
    },
}

/// Why a download failed. Messages carry no addresses or contents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The HTTP client could not be set up.
    #[error("download client could not be set up")]
    Client,
    /// Not an https address.
    #[error("only https downloads are allowed")]
    NotHttps,
    /// Connect or total timeout.
    #[error("the download timed out")]
    Timeout,
    /// Could not connect or TLS failed.
    #[error("could not connect to the download address")]
    Connect,
    /// The server answered with a redirect (not followed).
    #[error("the server answered with a redirect, which is not followed")]
    Redirect,
    /// Any other non-success status.
    #[error("the server answered with status {0}")]
    Status(u16),
    /// Larger than the cap (by Content-Length or while streaming).
    #[error("the download is too large")]
    TooLarge,
    /// The connection broke before the body was complete.
    #[error("the download was cut off")]
    Truncated,
}

fn classify(e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        FetchError::Timeout
    } else if e.is_connect() {
        FetchError::Connect
    } else if e.is_body() || e.is_decode() {
        FetchError::Truncated
    } else if e.is_redirect() {
        FetchError::Redirect
    } else {
        FetchError::Connect
    }
}

/// The HTTPS client for directory downloads.
pub struct Fetcher {
    client: reqwest::Client,
    limits: FetchLimits,
}

impl Fetcher {
    /// The production client: bundled webpki roots, default limits.
    pub fn new() -> Result<Fetcher, FetchError> {
        Fetcher::build(FetchLimits::default(), None)
    }

    /// **Tests only**: the same strict client, but it also trusts `root_der` (a self-signed
    /// certificate made by the test) and uses `limits` (short timeouts). The app never
    /// calls this.
    #[doc(hidden)]
    pub fn for_tests(root_der: &[u8], limits: FetchLimits) -> Result<Fetcher, FetchError> {
        let cert = reqwest::Certificate::from_der(root_der).map_err(|_| FetchError::Client)?;
        Fetcher::build(limits, Some(cert))
    }

    fn build(
        limits: FetchLimits,
        extra_root: Option<reqwest::Certificate>,
    ) -> Result<Fetcher, FetchError> {
        let mut b = reqwest::Client::builder()
            .use_rustls_tls()
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.total_timeout)
            .referer(false)
            .pool_max_idle_per_host(0);
        if let Some(cert) = extra_root {
            b = b.add_root_certificate(cert);
        }
        let client = b.build().map_err(|_| FetchError::Client)?;
        Ok(Fetcher { client, limits })
    }

    /// The limits in force.
    pub fn limits(&self) -> FetchLimits {
        self.limits
    }

    /// Send `req` (a conditional GET when it carries an ETag).
    pub async fn fetch(&self, req: &FetchRequest) -> Result<FetchOutcome, FetchError> {
        if req.url().scheme() != "https" {
            return Err(FetchError::NotHttps);
        }
        let mut r = self.client.get(req.url().clone());
        if let Some(tag) = req.if_none_match() {
            if let Ok(v) = HeaderValue::from_str(tag) {
                r = r.header(IF_NONE_MATCH, v);
            }
        }
        let resp = r.send().await.map_err(|e| classify(&e))?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(FetchOutcome::NotModified);
        }
        if status.is_redirection() {
            return Err(FetchError::Redirect);
        }
        if status != StatusCode::OK {
            return Err(FetchError::Status(status.as_u16()));
        }
        if resp
            .content_length()
            .is_some_and(|n| n > self.limits.max_bytes as u64)
        {
            return Err(FetchError::TooLarge);
        }
        let expected = resp.content_length();
        let etag = resp
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::with_capacity(
            expected
                .map_or(0, |n| usize::try_from(n).unwrap_or(0))
                .min(self.limits.max_bytes),
        );
        let mut stream = resp.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| classify(&e))?;
            if body.len() + chunk.len() > self.limits.max_bytes {
                return Err(FetchError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        if expected.is_some_and(|n| n != body.len() as u64) {
            return Err(FetchError::Truncated);
        }
        Ok(FetchOutcome::Body { bytes: body, etag })
    }
}

/// Result of a manual refresh.
#[derive(Debug, Clone)]
pub enum RefreshOutcome {
    /// The server said the cached bundle is current (304).
    Unchanged,
    /// A new verified directory (the bundled list with every stored publisher's download
    /// over it); the trust state and this publisher's bundle were stored.
    Updated(Box<Directory>),
}

/// Why a refresh did nothing. The stored directory is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError<E> {
    /// Downloads are off or the source is not confirmed: no request was made.
    #[error(transparent)]
    Refused(#[from] DownloadRefused),
    /// The download failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The bundle was rejected.
    #[error(transparent)]
    Rejected(#[from] UpdateError),
    /// A 304 arrived but there is no cached bundle to keep.
    #[error("the server said nothing changed, but no directory is stored")]
    NothingCached,
    /// The store failed.
    #[error("the directory could not be saved")]
    Store(E),
    /// The check was stopped before it finished (the app is closing).
    #[error("the directory check was interrupted")]
    Interrupted,
}

/// Lets one directory refresh run at a time. A refresh reads the stored state, downloads,
/// and writes; two at once could both pass against the same old state and the later save
/// would win (lowering the ratchet by one). Hold [`RefreshGate::enter`]'s guard from the
/// read to the write; the app keeps one gate in its services, not in a screen.
#[derive(Debug, Default)]
pub struct RefreshGate(tokio::sync::Mutex<()>);

impl RefreshGate {
    /// A new gate.
    pub fn new() -> RefreshGate {
        RefreshGate::default()
    }

    /// Wait for any refresh in progress to finish; the next one may run while the guard
    /// lives.
    pub async fn enter(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.0.lock().await
    }
}

/// Manual refresh: check the settings, download, verify, and store only on success.
/// `now` is the current time (UTC or local). The caller serializes refreshes of one store
/// (see [`RefreshGate`] and [`refresh_serialized`]).
pub async fn refresh<S: DirectoryStore>(
    fetcher: &Fetcher,
    settings: &DownloadSettings,
    store: &mut S,
    roots: &Roots,
    now: OffsetDateTime,
) -> Result<RefreshOutcome, RefreshError<S::Error>> {
    let stored = store.load().map_err(RefreshError::Store)?;
    let cached = settings
        .source
        .as_ref()
        .and_then(|s| stored.for_source(s.url()));
    let req = settings.request(cached)?;
    match fetcher.fetch(&req).await? {
        FetchOutcome::NotModified => {
            // Only a validator the phone sent can be answered with 304; an unasked 304
            // (or one for a bundle no longer stored) keeps nothing.
            if cached.is_some() && req.if_none_match().is_some() {
                Ok(RefreshOutcome::Unchanged)
            } else {
                Err(RefreshError::NothingCached)
            }
        }
        FetchOutcome::Body { bytes, etag } => {
            // Verifying and indexing a large directory takes a while: off the caller's
            // thread (the UI's), so a quick exit is never kept waiting.
            let (pinned, source) = (roots.clone(), req.url().clone());
            let (update, next) = tokio::task::spawn_blocking(move || {
                let cache = CachedBundle::new(bytes, etag).from_source(&source);
                let update = accept_update(cache, &pinned, &stored.trust, now)?;
                let next = stored.with_update(&update);
                Ok::<_, UpdateError>((update, next))
            })
            .await
            .map_err(|_| RefreshError::Interrupted)??;
            store
                .save(&update.trust, &update.publisher, &update.cache)
                .map_err(RefreshError::Store)?;
            let directory = if next.bundles.len() > 1 {
                // Other publishers' bundles are stored too: show them all.
                let roots = roots.clone();
                tokio::task::spawn_blocking(move || load_directory(&next, &roots, now).0)
                    .await
                    .map_err(|_| RefreshError::Interrupted)?
            } else {
                update.directory
            };
            Ok(RefreshOutcome::Updated(Box::new(directory)))
        }
    }
}

/// [`refresh`] inside `gate`: a second call waits until the first has stored its result,
/// then reads what the first stored.
pub async fn refresh_serialized<S: DirectoryStore>(
    gate: &RefreshGate,
    fetcher: &Fetcher,
    settings: &DownloadSettings,
    store: &mut S,
    roots: &Roots,
    now: OffsetDateTime,
) -> Result<RefreshOutcome, RefreshError<S::Error>> {
    let _one_at_a_time = gate.enter().await;
    refresh(fetcher, settings, store, roots, now).await
}

/// Download the root-signed revocation list published beside the bundle
/// (`revocations.json`, a plain GET with no validator) and check it against `roots`.
/// `Ok(None)`: the publisher has none (404) or it is not newer than `stored` (an old copy
/// in a cache never replaces a newer list). A list that fails its checks is an error. The
/// caller stores a returned list and refreshes with `roots.with_revocations(..)`.
pub async fn fetch_revocations(
    fetcher: &Fetcher,
    settings: &DownloadSettings,
    roots: &Roots,
    stored: Option<&RevocationList>,
) -> Result<Option<RevocationList>, RefreshError<std::convert::Infallible>> {
    let req = settings
        .request(None)?
        .beside(REVOCATIONS_FILE)
        .ok_or(RefreshError::Fetch(FetchError::Status(404)))?;
    let bytes = match fetcher.fetch(&req).await {
        Ok(FetchOutcome::Body { bytes, .. }) => bytes,
        Ok(FetchOutcome::NotModified) | Err(FetchError::Status(404)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let list = RevocationList::open(&bytes, roots).map_err(UpdateError::from)?;
    match list.replaces(stored) {
        Ok(true) => Ok(Some(list)),
        Ok(false) | Err(TrustError::StaleRevocations { .. }) => Ok(None),
        Err(e) => Err(UpdateError::from(e).into()),
    }
}
