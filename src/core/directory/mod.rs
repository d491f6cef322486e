//! Hotline and shelter directories: bundled list, signed updates, download opt-in, search.
//!
//! The app always has the bundled national directory ([`Directory::bundled`]); a verified
//! download is layered on top (a downloaded resource with the same id replaces the bundled
//! one, new ids are added). Everything after the bytes arrive is pure and sans-IO:
//!
//! ```text
//! DownloadSettings::request ─▶ (io::fetch) ─▶ accept_update ─▶ Update { layer, trust, cache }
//!   refuses unless enabled       bytes         verify → ratchet → parse     caller persists
//!   and the source confirmed                                                 only on Ok
//! ```
//!
//! The vault stores [`TrustState`] and one [`CachedBundle`] per publisher behind the small
//! [`DirectoryStore`] trait; nothing here touches storage. Several publishers (the national
//! list and a state coalition's, say) are kept side by side, each under its own ratchet
//! entry ([`TrustState::publisher_key`]): a bundle from one never replaces another's, and
//! the directory shown is the bundled list with every stored publisher's bundle over it.
//!
//! A conditional refresh echoes an ETag only when it is the bundle's content hash
//! ([`content_etag`]), so a server cannot use it to follow a phone across networks.

pub mod hsds;
pub mod packed;
pub mod payload;
pub mod search;

/// The payload codec under its former name (`directory::bundle::decode_payload` keeps
/// working); new code names [`payload`].
pub use payload as bundle;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use url::Url;

use crate::core::resource::Resource;
use crate::core::trust::{self, Domain, ExpiryPolicy, KeyId, Roots, TrustError, TrustState};
pub use search::{IndexBuilder, OpenFilter, SearchHit, SearchIndex, SearchQuery, SearchResults};

/// The bundled national directory (an unsigned payload: it ships inside the app).
pub const BUNDLED_NATIONAL_JSON: &[u8] = include_bytes!("../../../assets/directory/national.json");

/// Version of the [`CachedBundle`] record.
pub const CACHE_FORMAT: u32 = 1;

/// Where a directory layer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with the app (trusted like its code).
    Bundled,
    /// Downloaded and verified.
    Signed {
        /// Id of the delegated signing key.
        signer: KeyId,
    },
}

/// What the app knows about one directory layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryInfo {
    /// Bundled or signed.
    pub origin: Origin,
    /// Publisher: the delegation's organisation (signed) or the payload's `publisher`.
    pub publisher: Option<String>,
    /// Signed version.
    pub version: Option<u64>,
    /// When it was signed.
    pub issued: Option<OffsetDateTime>,
    /// Envelope expiry: after it, "may be out of date".
    pub expires: Option<OffsetDateTime>,
    /// Delegation expiry: after it, "may be out of date" too.
    pub delegation_expires: Option<OffsetDateTime>,
    /// Payload generation date.
    pub generated: Option<Date>,
    /// Payload review date (bundled list): after it, "may be out of date".
    pub review_by: Option<Date>,
    /// Records skipped as invalid while decoding.
    pub skipped: usize,
    /// Resources this layer holds.
    pub count: usize,
}

impl DirectoryInfo {
    /// True when the data may be out of date at `now` (it is still shown).
    pub fn is_stale(&self, now: OffsetDateTime) -> bool {
        self.expires.is_some_and(|e| now >= e)
            || self.delegation_expires.is_some_and(|e| now >= e)
            || self.review_by.is_some_and(|d| now.date() > d)
    }
}

/// One source of resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// Where it came from.
    pub info: DirectoryInfo,
    /// Its resources.
    pub resources: Vec<Resource>,
}

/// Errors loading or accepting a directory. None of them changes anything stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    /// Signature, delegation, scope, expiry or version check failed.
    #[error(transparent)]
    Trust(#[from] TrustError),
    /// A new download whose envelope had already expired (a stored one that expires later
    /// stays shown, marked "may be out of date").
    #[error("the downloaded directory has already expired")]
    Expired,
    /// The signed payload could not be decoded.
    #[error(transparent)]
    Payload(#[from] payload::PayloadError),
    /// The signed payload holds no usable record.
    #[error("directory has no usable records")]
    Empty,
    /// The index could not be built.
    #[error(transparent)]
    Index(#[from] search::IndexError),
}

/// A verified bundle as the vault stores it: the exact signed bytes plus the ETag.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedBundle {
    /// Record format ([`CACHE_FORMAT`]).
    pub format: u32,
    /// The exact bundle bytes (base64 in serde).
    #[serde(with = "b64")]
    pub bytes: Vec<u8>,
    /// ETag of the response that carried them. Echoed in `If-None-Match` only when it is
    /// the bytes' content hash ([`CachedBundle::validator`]).
    #[serde(default)]
    pub etag: Option<String>,
    /// The download address these bytes came from (to pick the validator of a refresh from
    /// that address). Absent in records written before several publishers were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl fmt::Debug for CachedBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedBundle")
            .field("bytes", &self.bytes.len())
            .field("etag", &self.etag.is_some())
            .field("source", &self.source.is_some())
            .finish()
    }
}

impl CachedBundle {
    /// A record for these bytes (ETag kept only if it is a plain visible-ASCII token).
    pub fn new(bytes: Vec<u8>, etag: Option<String>) -> CachedBundle {
        CachedBundle {
            format: CACHE_FORMAT,
            bytes,
            etag: etag.filter(|e| valid_etag(e)),
            source: None,
        }
    }

    /// The same record, noting the address it was downloaded from.
    pub fn from_source(mut self, url: &Url) -> CachedBundle {
        self.source = Some(url.to_string());
        self
    }

    /// The ETag to send in `If-None-Match`: the stored ETag only if it is exactly
    /// [`content_etag`] of these bytes (or that tag marked weak, `W/`). Any other ETag could
    /// have been made for this phone alone, so it is never sent back.
    pub fn validator(&self) -> Option<&str> {
        let tag = self.etag.as_deref()?;
        let strong = tag.strip_prefix("W/").unwrap_or(tag);
        (strong == content_etag(&self.bytes)).then_some(tag)
    }
}

/// The ETag a publisher gives a bundle so phones may revalidate it: the SHA-256 of the exact
/// file bytes, as `"sha256-<64 lowercase hex digits>"` (quotes included). Everyone who has
/// the same bundle has the same tag, so echoing it identifies no one.
pub fn content_etag(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let digest = crate::core::crypto::sha256(bytes);
    let mut out = String::with_capacity(73);
    out.push_str("\"sha256-");
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out.push('"');
    out
}

/// ETags worth echoing back: 1–200 visible ASCII characters.
pub fn valid_etag(e: &str) -> bool {
    !e.is_empty() && e.len() <= 200 && e.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

mod b64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        STANDARD
            .decode(s.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

/// A verified update, ready to use and to persist.
#[derive(Debug, Clone)]
pub struct Update {
    /// The directory to show from now on: the bundled list with the update over it.
    pub directory: Directory,
    /// The update's layer (publisher, version, expiry, count).
    pub info: DirectoryInfo,
    /// Trust state to store (ratchet advanced).
    pub trust: TrustState,
    /// The publisher the bundle is stored under ([`TrustState::publisher_key`]).
    pub publisher: String,
    /// Bundle record to store.
    pub cache: CachedBundle,
}

/// Check a downloaded bundle and decode it. Pure: nothing is stored, `trust` is not
/// changed. Order: envelope + delegation signatures, scope, delegation expiry, envelope
/// expiry (a new download that has already expired is refused, first download included),
/// the publisher's own version ratchet, then the payload is decoded and indexed one service
/// at a time. A bundle that expires after it was stored stays shown, marked "may be out of
/// date" ([`open_cached`], [`load_directory`]).
pub fn accept_update(
    cache: CachedBundle,
    roots: &Roots,
    trust: &TrustState,
    now: OffsetDateTime,
) -> Result<Update, UpdateError> {
    let verified = trust::open_envelope(
        &cache.bytes,
        &Domain::DIRECTORY,
        roots,
        now,
        ExpiryPolicy::Enforce,
        payload::MAX_PAYLOAD_BYTES,
    )?;
    if verified.meta.expires <= now {
        return Err(UpdateError::Expired);
    }
    let next = trust.advanced(&verified)?;
    let publisher = TrustState::publisher_key(verified.scope, &verified.publisher);
    let mut b = DirectoryBuilder::new();
    b.add_layer(bundled_layer()?)?;
    let info = b.add_signed(&verified)?;
    drop(verified);
    Ok(Update {
        directory: b.finish(),
        info,
        trust: next,
        publisher,
        cache,
    })
}

/// Reopen a bundle that was verified before (from the vault), as a directory of its own.
/// Signatures and scope are checked again; an expired delegation or envelope only marks it
/// "may be out of date".
pub fn open_cached(
    cache: &CachedBundle,
    roots: &Roots,
    now: OffsetDateTime,
) -> Result<Directory, UpdateError> {
    let mut b = DirectoryBuilder::new();
    b.add_cached(cache, roots, now)?;
    Ok(b.finish())
}

/// The bundled national list as a layer.
pub fn bundled_layer() -> Result<Layer, UpdateError> {
    unsigned_layer(BUNDLED_NATIONAL_JSON)
}

/// An unsigned payload (the bundled list, or a test fixture) as a layer.
pub fn unsigned_layer(bytes: &[u8]) -> Result<Layer, UpdateError> {
    let decoded = payload::decode_payload(bytes)?;
    Ok(Layer {
        info: DirectoryInfo {
            origin: Origin::Bundled,
            publisher: decoded.payload.publisher,
            version: None,
            issued: None,
            expires: None,
            delegation_expires: None,
            generated: decoded.payload.generated,
            review_by: decoded.payload.review_by,
            skipped: decoded.skipped,
            count: decoded.payload.resources.len(),
        },
        resources: decoded.payload.resources,
    })
}

/// Builds a [`Directory`] layer by layer; a signed layer is decoded straight into the
/// index, one service at a time.
#[derive(Debug, Default)]
pub struct DirectoryBuilder {
    infos: Vec<DirectoryInfo>,
    index: IndexBuilder,
}

impl DirectoryBuilder {
    /// No layers yet.
    pub fn new() -> DirectoryBuilder {
        DirectoryBuilder::default()
    }

    fn next_tag(&self) -> Result<u8, UpdateError> {
        u8::try_from(self.infos.len()).map_err(|_| UpdateError::Index(search::IndexError::TooLarge))
    }

    /// Add a decoded layer.
    pub fn add_layer(&mut self, layer: Layer) -> Result<(), UpdateError> {
        let tag = self.next_tag()?;
        for r in &layer.resources {
            self.index.push(r, tag)?;
        }
        self.infos.push(layer.info);
        Ok(())
    }

    /// Add a verified signed payload. On error the builder may hold part of it: drop the
    /// builder. The payload is inflated and parsed by helper threads while this thread
    /// indexes (see [`payload::decode_each`]); neither the payload text nor the list of
    /// records is ever held whole.
    fn add_signed(&mut self, v: &trust::Verified<'_>) -> Result<DirectoryInfo, UpdateError> {
        let tag = self.next_tag()?;
        let index = &mut self.index;
        let mut index_error = None;
        // Terms are folded and hashed, and each resource's own keys worked out, on the
        // parse workers; this thread files them in order.
        let preparer = index.preparer();
        let meta = payload::decode_each_prepared(
            v.payload,
            payload::MAX_PAYLOAD_BYTES,
            &|r: &Resource, p: &mut search::Prepared| preparer.prepare(r, p),
            |r, p| match index.push_prepared(r, p, tag) {
                Ok(()) => true,
                Err(e) => {
                    index_error = Some(e);
                    false
                }
            },
        );
        if let Some(e) = index_error {
            return Err(e.into());
        }
        let meta = meta?;
        if meta.count == 0 {
            return Err(UpdateError::Empty);
        }
        let info = DirectoryInfo {
            origin: Origin::Signed { signer: v.signer },
            publisher: Some(v.publisher.clone()),
            version: Some(v.meta.version),
            issued: Some(v.meta.issued),
            expires: Some(v.meta.expires),
            delegation_expires: Some(v.delegation_expires),
            generated: meta.generated,
            review_by: None,
            skipped: meta.skipped,
            count: meta.count,
        };
        self.infos.push(info.clone());
        Ok(info)
    }

    /// Add a bundle verified before (see [`open_cached`]).
    pub fn add_cached(
        &mut self,
        cache: &CachedBundle,
        roots: &Roots,
        now: OffsetDateTime,
    ) -> Result<DirectoryInfo, UpdateError> {
        let verified = trust::open_envelope(
            &cache.bytes,
            &Domain::DIRECTORY,
            roots,
            now,
            ExpiryPolicy::Report,
            payload::MAX_PAYLOAD_BYTES,
        )?;
        self.add_signed(&verified)
    }

    /// The directory.
    pub fn finish(self) -> Directory {
        Directory {
            layers: self.infos,
            index: self.index.finish(),
        }
    }
}

/// The directory the app searches: one or more layers in one index.
#[derive(Debug, Clone)]
pub struct Directory {
    layers: Vec<DirectoryInfo>,
    index: SearchIndex,
}

impl Directory {
    /// Build from layers; a later layer's resource replaces an earlier one with the same id.
    pub fn build(layers: Vec<Layer>) -> Result<Directory, UpdateError> {
        let mut b = DirectoryBuilder::new();
        for layer in layers {
            b.add_layer(layer)?;
        }
        Ok(b.finish())
    }

    /// The bundled national directory alone.
    pub fn bundled() -> Result<Directory, UpdateError> {
        Directory::build(vec![bundled_layer()?])
    }

    /// Run a search; `now` is the device's local time.
    pub fn search(&self, q: &SearchQuery, now: OffsetDateTime) -> SearchResults {
        let stale: Vec<bool> = self.layers.iter().map(|l| l.is_stale(now)).collect();
        self.index.search_marked(q, now, &stale)
    }

    /// Number of resources.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// All resources, decoded one at a time (a later layer's copy replaces an earlier one).
    pub fn iter(&self) -> impl Iterator<Item = Resource> + '_ {
        self.index.iter()
    }

    /// The resources of the layer at `layer` in [`Directory::layers`].
    pub fn layer_resources(&self, layer: usize) -> impl Iterator<Item = Resource> + '_ {
        self.index
            .iter_layer(u8::try_from(layer).unwrap_or(u8::MAX))
    }

    /// The resource with this id (for "save to My resources").
    pub fn get(&self, id: &str) -> Option<Resource> {
        self.index.find(id)
    }

    /// The languages resources serve in, `(code, name)`, sorted by code.
    pub fn languages(&self) -> &[(String, String)] {
        self.index.languages()
    }

    /// The layers, bundled first.
    pub fn layers(&self) -> &[DirectoryInfo] {
        &self.layers
    }

    /// The most recent layer (the download if there is one, else the bundled list).
    pub fn info(&self) -> &DirectoryInfo {
        static EMPTY: DirectoryInfo = DirectoryInfo {
            origin: Origin::Bundled,
            publisher: None,
            version: None,
            issued: None,
            expires: None,
            delegation_expires: None,
            generated: None,
            review_by: None,
            skipped: 0,
            count: 0,
        };
        self.layers.last().unwrap_or(&EMPTY)
    }

    /// True when any layer may be out of date at `now`.
    pub fn is_stale(&self, now: OffsetDateTime) -> bool {
        self.layers.iter().any(|l| l.is_stale(now))
    }

    /// The index (for statistics and benchmarks).
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }
}

/// What the vault keeps for directories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDirectory {
    /// Ratchet state (one entry per publisher).
    pub trust: TrustState,
    /// The last accepted bundle of each publisher, by [`TrustState::publisher_key`].
    pub bundles: BTreeMap<String, CachedBundle>,
}

impl StoredDirectory {
    /// True when no download is stored.
    pub fn is_empty(&self) -> bool {
        self.bundles.is_empty()
    }

    /// The stored bundle a refresh from `url` may revalidate: the one bundle last
    /// downloaded from that address. None when there is none, or when several publishers'
    /// bundles came from it (then the refresh sends no validator and downloads in full).
    pub fn for_source(&self, url: &Url) -> Option<&CachedBundle> {
        let url = url.as_str();
        let mut from_here = self
            .bundles
            .values()
            .filter(|b| b.source.as_deref() == Some(url));
        match (from_here.next(), from_here.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// The state after storing `update` (its publisher's bundle replaced, the others kept).
    pub fn with_update(&self, update: &Update) -> StoredDirectory {
        let mut next = self.clone();
        next.trust = update.trust.clone();
        next.bundles
            .insert(update.publisher.clone(), update.cache.clone());
        next
    }
}

/// Persistence for directory state, implemented by the vault (encrypted records).
pub trait DirectoryStore {
    /// Storage error.
    type Error;
    /// Read the stored state (default state if none).
    fn load(&self) -> Result<StoredDirectory, Self::Error>;
    /// Store `publisher`'s bundle (replacing only that publisher's) and the trust state
    /// together, after an update passed every check.
    fn save(
        &mut self,
        trust: &TrustState,
        publisher: &str,
        cache: &CachedBundle,
    ) -> Result<(), Self::Error>;
}

/// An in-memory [`DirectoryStore`] for tests and for running without a vault.
#[derive(Debug, Clone, Default)]
pub struct MemoryDirectoryStore {
    /// Stored state.
    pub state: StoredDirectory,
    /// Number of successful saves.
    pub saves: usize,
}

impl DirectoryStore for MemoryDirectoryStore {
    type Error = std::convert::Infallible;
    fn load(&self) -> Result<StoredDirectory, Self::Error> {
        Ok(self.state.clone())
    }
    fn save(
        &mut self,
        trust: &TrustState,
        publisher: &str,
        cache: &CachedBundle,
    ) -> Result<(), Self::Error> {
        self.state.trust = trust.clone();
        self.state
            .bundles
            .insert(publisher.to_owned(), cache.clone());
        self.saves += 1;
        Ok(())
    }
}

/// The directory to show: the bundled list plus every stored publisher's download that
/// still verifies, in publisher-key order (a later layer's entry with the same id replaces
/// an earlier one). A stored bundle that no longer verifies is left out (the first such
/// error is returned alongside).
pub fn load_directory(
    stored: &StoredDirectory,
    roots: &Roots,
    now: OffsetDateTime,
) -> (Directory, Option<UpdateError>) {
    let bundled = bundled_layer();
    let base = |bundled: &Result<Layer, UpdateError>| {
        let mut b = DirectoryBuilder::new();
        let problem = match bundled {
            Ok(l) => b.add_layer(l.clone()).err(),
            Err(e) => Some(e.clone()),
        };
        (b, problem)
    };
    let (mut b, mut problem) = base(&bundled);
    let mut good: Vec<&CachedBundle> = Vec::new();
    for cache in stored.bundles.values() {
        if let Err(e) = b.add_cached(cache, roots, now) {
            // It may have been read in part: start again with the ones that verified.
            let (again, base_problem) = base(&bundled);
            b = again;
            for g in &good {
                // These verified a moment ago with the same roots and time.
                let _ = b.add_cached(g, roots, now);
            }
            problem = problem.or(base_problem).or(Some(e));
        } else {
            good.push(cache);
        }
    }
    (b.finish(), problem)
}

/// Why a download source was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// Not a URL.
    #[error("not a web address")]
    NotUrl,
    /// Not `https:`.
    #[error("only https addresses are allowed")]
    NotHttps,
    /// Has a user name or password, or no host, or is too long.
    #[error("this address cannot be used")]
    Unsupported,
}

/// A directory source URL the user added (https only). Must be confirmed before use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SourceRecord", into = "SourceRecord")]
pub struct DownloadSource {
    url: Url,
    confirmed: bool,
}

#[derive(Serialize, Deserialize)]
struct SourceRecord {
    url: String,
    confirmed: bool,
}

impl TryFrom<SourceRecord> for DownloadSource {
    type Error = SourceError;
    fn try_from(r: SourceRecord) -> Result<Self, Self::Error> {
        let mut s = DownloadSource::new(&r.url)?;
        s.confirmed = r.confirmed;
        Ok(s)
    }
}

impl From<DownloadSource> for SourceRecord {
    fn from(s: DownloadSource) -> Self {
        SourceRecord {
            url: s.url.to_string(),
            confirmed: s.confirmed,
        }
    }
}

impl DownloadSource {
    /// Check an address typed or pasted by the user (not yet confirmed).
    pub fn new(address: &str) -> Result<DownloadSource, SourceError> {
        let address = address.trim();
        if address.len() > 2048 {
            return Err(SourceError::Unsupported);
        }
        let url = Url::parse(address).map_err(|_| SourceError::NotUrl)?;
        if url.scheme() != "https" {
            return Err(SourceError::NotHttps);
        }
        if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
            return Err(SourceError::Unsupported);
        }
        let mut url = url;
        url.set_fragment(None);
        Ok(DownloadSource {
            url,
            confirmed: false,
        })
    }

    /// The user confirmed this source after reading what downloading means.
    pub fn confirm(&mut self) {
        self.confirmed = true;
    }

    /// Whether it was confirmed.
    pub fn is_confirmed(&self) -> bool {
        self.confirmed
    }

    /// The address.
    pub fn url(&self) -> &Url {
        &self.url
    }
}

/// Download settings (a vault record). Off by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadSettings {
    /// The user turned downloads on.
    pub enabled: bool,
    /// The source the user added or confirmed.
    pub source: Option<DownloadSource>,
}

/// The words shown before turning downloads on.
pub const DOWNLOAD_EXPLANATION: &str = "Downloading updates is off. If you turn it on, Haven \
fetches the directory from the address below only when you tap Refresh. Someone who can see \
your network (Wi-Fi owner, phone company) can see that something was downloaded from that \
address, but not what you search for. Nothing about you is sent.";

/// Why no request was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DownloadRefused {
    /// Downloads are off.
    #[error("downloads are turned off")]
    Disabled,
    /// No source was added.
    #[error("no download address has been added")]
    NoSource,
    /// The source has not been confirmed by the user.
    #[error("the download address has not been confirmed")]
    NotConfirmed,
}

/// A request the fetcher may send. Only [`DownloadSettings::request`] makes one, so no
/// request exists unless the user turned downloads on and confirmed the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    url: Url,
    if_none_match: Option<String>,
}

impl FetchRequest {
    /// The https address.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The cached bundle's content-hash ETag, for a conditional GET (never any other ETag).
    pub fn if_none_match(&self) -> Option<&str> {
        self.if_none_match.as_deref()
    }

    /// A plain GET (no validator) for the file `name` beside the bundle, on the same
    /// confirmed host (e.g. `revocations.json`).
    pub fn beside(&self, name: &str) -> Option<FetchRequest> {
        let url = self.url.join(name).ok()?;
        (url.host_str() == self.url.host_str()).then_some(FetchRequest {
            url,
            if_none_match: None,
        })
    }
}

impl DownloadSettings {
    /// The request to send, or why none may be sent.
    pub fn request(&self, cached: Option<&CachedBundle>) -> Result<FetchRequest, DownloadRefused> {
        if !self.enabled {
            return Err(DownloadRefused::Disabled);
        }
        let source = self.source.as_ref().ok_or(DownloadRefused::NoSource)?;
        if !source.confirmed {
            return Err(DownloadRefused::NotConfirmed);
        }
        Ok(FetchRequest {
            url: source.url.clone(),
            if_none_match: cached
                .and_then(CachedBundle::validator)
                .filter(|e| valid_etag(e))
                .map(str::to_owned),
        })
    }
}

/// The publisher key ([`TrustState::publisher_key`]) a bundle names, read WITHOUT checking
/// any signature: only for filing a record stored before publishers were kept apart (the
/// bundle is verified again whenever it is opened). `None` if the bytes are not a
/// directory envelope.
pub fn unverified_publisher_key(bytes: &[u8]) -> Option<String> {
    let prefix = Domain::DIRECTORY.prefix();
    let rest = bytes.strip_prefix(prefix)?;
    // format (1) + version (8) + issued (8) + expires (8), then the delegation's length.
    let len_at = 1 + 8 + 8 + 8;
    let len = rest.get(len_at..len_at + 2)?;
    let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
    let deleg = rest.get(len_at + 2..len_at + 2 + len)?;
    let d = trust::Delegation::decode(deleg).ok()?;
    Some(TrustState::publisher_key(d.scope(), d.organisation()))
}
