//! The directory payload (an HSDS 3.0 subset + the Haven profile) and its signed envelope.
//!
//! Payload version 1: UTF-8 JSON, `{"haven_directory": 1, "hsds_version": "3.0",
//! "services": [...]}` where each service is an HSDS 3.0 `service` object using the subset
//! of fields listed in `assets/directory/FORMAT.md`, plus `haven_*` profile fields (text
//! keywords, chat URLs, populations, "no police contact required", confidential location,
//! verified date…). Version 2 ([`STREAM_FORMAT`], what signed bundles carry): gzip of a
//! header line and one such service per line, decoded one service at a time
//! ([`decode_each`]).
//!
//! Decoding is lenient per record and strict per file: unknown fields are ignored, a value
//! of the wrong type is treated as absent, a record without id or name (or over the
//! limits) is skipped and counted; a file that is not such a JSON object is an error.
//! Nothing here panics on any input.
//!
//! Envelope: [`crate::core::trust`] with [`Domain::DIRECTORY`].

use std::borrow::Cow;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use time::Date;

use crate::core::resource::{
    iso_date, Clock, Confidence, ContactKind, ContactPoint, Day, Hours, Language, OpeningSpan,
    Place, Population, Provenance, Resource, ResourceKind, ServiceArea,
};
use crate::core::trust::{self, Delegation, Domain, EnvelopeMeta, SigningKey, TrustError};

/// Version of the payload profile (`haven_directory`).
pub const PAYLOAD_FORMAT: u32 = 1;
/// HSDS version the payload follows.
pub const HSDS_VERSION: &str = "3.0";
/// Largest payload the app accepts (bytes).
pub const MAX_PAYLOAD_BYTES: usize = 96 * 1024 * 1024;
/// Most services in one payload.
pub const MAX_SERVICES: usize = 1_000_000;

/// Why a payload could not be decoded at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// Not JSON, or not an object with a `services` array.
    #[error("directory payload is not valid JSON of the expected shape")]
    Malformed,
    /// `haven_directory` is missing or a version this build does not know.
    #[error("unsupported directory payload version")]
    UnsupportedVersion,
    /// Larger than [`MAX_PAYLOAD_BYTES`] or more than [`MAX_SERVICES`] services.
    #[error("directory payload is too large")]
    TooLarge,
    /// Encoding failed (only for invalid resources given to the encoder).
    #[error("directory payload could not be encoded")]
    Encode,
}

/// A decoded directory: metadata and resources.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Payload {
    /// Publisher name written by the publisher tool (informative; the signed publisher is
    /// the delegation's organisation).
    pub publisher: Option<String>,
    /// When the payload was generated.
    pub generated: Option<Date>,
    /// For unsigned (bundled) payloads: after this date the app shows "may be out of date".
    pub review_by: Option<Date>,
    /// The resources, in file order.
    pub resources: Vec<Resource>,
}

/// Result of [`decode_payload`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The valid records.
    pub payload: Payload,
    /// Records skipped as invalid.
    pub skipped: usize,
    /// Records skipped because their HSDS status is not active.
    pub inactive: usize,
}

#[derive(Deserialize)]
struct FileIn<'a> {
    #[serde(default)]
    haven_directory: Option<u32>,
    #[serde(default, deserialize_with = "lenient_string")]
    publisher: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    generated: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    review_by: Option<String>,
    #[serde(borrow)]
    services: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    haven_directory: u32,
    hsds_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_by: Option<String>,
    services: Vec<Service<'a>>,
}

/// Decode a payload (either encoding). Invalid records are skipped and counted, never
/// fatal. Large directories go through [`decode_each`] instead, which keeps no list.
pub fn decode_payload(bytes: &[u8]) -> Result<Decoded, PayloadError> {
    let mut resources = Vec::new();
    let meta = decode_each(bytes, MAX_PAYLOAD_BYTES, |r| {
        resources.push(r.clone());
        true
    })?;
    Ok(Decoded {
        payload: Payload {
            publisher: meta.publisher,
            generated: meta.generated,
            review_by: meta.review_by,
            resources,
        },
        skipped: meta.skipped,
        inactive: meta.inactive,
    })
}

/// What a payload says about itself, and how its records went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PayloadMeta {
    /// Which encoding it used: [`PAYLOAD_FORMAT`] or [`STREAM_FORMAT`].
    pub format: u32,
    /// Publisher name written by the publisher tool.
    pub publisher: Option<String>,
    /// When the payload was generated.
    pub generated: Option<Date>,
    /// Review date (bundled payloads).
    pub review_by: Option<Date>,
    /// Records handed to the caller.
    pub count: usize,
    /// Records skipped as invalid.
    pub skipped: usize,
    /// Records skipped because their HSDS status is not active.
    pub inactive: usize,
}

/// Decode a payload record by record, handing each valid resource to `each` (in file
/// order, on the caller's thread) and keeping none: a large directory is never held as
/// text and as records at the same time. `each` returns `false` to stop (the payload is
/// then reported [`PayloadError::TooLarge`]). A [`STREAM_FORMAT`] payload is inflated and
/// parsed by helper threads while `each` runs.
///
/// A payload starting with the gzip magic bytes is a [`STREAM_FORMAT`] payload (gzip of
/// JSON lines); anything else must be a [`PAYLOAD_FORMAT`] JSON document.
pub fn decode_each(
    bytes: &[u8],
    max_bytes: usize,
    mut each: impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    if bytes.len() > max_bytes {
        return Err(PayloadError::TooLarge);
    }
    if bytes.starts_with(&GZIP_MAGIC) {
        return decode_stream(bytes, &mut each);
    }
    let file: FileIn<'_> = serde_json::from_slice(bytes).map_err(|_| PayloadError::Malformed)?;
    if file.haven_directory != Some(PAYLOAD_FORMAT) {
        return Err(PayloadError::UnsupportedVersion);
    }
    if file.services.len() > MAX_SERVICES {
        return Err(PayloadError::TooLarge);
    }
    let mut meta = PayloadMeta {
        format: PAYLOAD_FORMAT,
        publisher: file.publisher,
        generated: file.generated.as_deref().and_then(iso_date::parse),
        review_by: file.review_by.as_deref().and_then(iso_date::parse),
        ..PayloadMeta::default()
    };
    for raw in file.services {
        match serde_json::from_str::<Service>(raw.get()) {
            Ok(s) => meta.record(s, &mut each)?,
            Err(_) => meta.skipped += 1,
        }
    }
    Ok(meta)
}

impl PayloadMeta {
    fn record(
        &mut self,
        s: Service,
        each: &mut impl FnMut(&Resource) -> bool,
    ) -> Result<(), PayloadError> {
        match s.into_resource() {
            Ok(r) => {
                if self.count >= MAX_SERVICES || !each(&r) {
                    return Err(PayloadError::TooLarge);
                }
                self.count += 1;
            }
            Err(RecordError::Inactive) => self.inactive += 1,
            Err(_) => self.skipped += 1,
        }
        Ok(())
    }
}

/// The first two bytes of a gzip stream (RFC 1952).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Version of the streamed payload (`haven_directory` in its first line).
pub const STREAM_FORMAT: u32 = 2;
/// Most bytes a streamed payload may expand to.
pub const MAX_EXPANDED_BYTES: u64 = 640 * 1024 * 1024;
/// Longest line (one service) in a streamed payload.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

#[derive(Deserialize)]
struct StreamHeader {
    #[serde(default)]
    haven_directory: Option<u32>,
    #[serde(default, deserialize_with = "lenient_string")]
    publisher: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    generated: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    review_by: Option<String>,
}

/// Reads at most `left` bytes from `inner`; one more is an error.
struct Capped<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: std::io::Read> std::io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(l) => {
                self.left = l;
                Ok(n)
            }
            None => {
                self.over = true;
                Err(std::io::Error::other("expanded payload over its cap"))
            }
        }
    }
}

/// Next line into `line` (without the newline); `Ok(false)` at the end.
fn next_line(
    r: &mut impl std::io::BufRead,
    line: &mut Vec<u8>,
) -> Result<bool, Option<std::io::Error>> {
    line.clear();
    append_line(r, line)
}

/// Append the next line (without the newline) to `out`; `Ok(false)` at the end. A line
/// over [`MAX_LINE_BYTES`] is `Err(None)`.
fn append_line(
    r: &mut impl std::io::BufRead,
    out: &mut Vec<u8>,
) -> Result<bool, Option<std::io::Error>> {
    let start = out.len();
    loop {
        let buf = r.fill_buf().map_err(Some)?;
        if buf.is_empty() {
            return Ok(out.len() > start);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i, true),
            None => (buf.len(), false),
        };
        if out.len() - start + take > MAX_LINE_BYTES {
            return Err(None);
        }
        out.extend_from_slice(buf.get(..take).unwrap_or(&[]));
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(true);
        }
    }
}

/// Lines handed to a parse worker at a time.
const CHUNK_LINES: usize = 128;

/// Some lines of a streamed payload, one after another.
struct Chunk {
    text: Vec<u8>,
    ends: Vec<usize>,
}

/// What a parse worker counted.
#[derive(Default)]
struct Counts {
    skipped: usize,
    inactive: usize,
}

type StreamReader<'a> = std::io::BufReader<Capped<flate2::read::GzDecoder<&'a [u8]>>>;

fn fail(input: &StreamReader<'_>, e: Option<std::io::Error>) -> PayloadError {
    if e.is_none() || input.get_ref().over {
        PayloadError::TooLarge
    } else {
        PayloadError::Malformed
    }
}

/// Open a streamed payload and read its header line.
fn open_stream(bytes: &[u8]) -> Result<(StreamReader<'_>, PayloadMeta), PayloadError> {
    let mut input = std::io::BufReader::with_capacity(
        64 * 1024,
        Capped {
            inner: flate2::read::GzDecoder::new(bytes),
            left: MAX_EXPANDED_BYTES,
            over: false,
        },
    );
    let mut line = Vec::with_capacity(4096);
    if !next_line(&mut input, &mut line).map_err(|e| fail(&input, e))? {
        return Err(PayloadError::Malformed);
    }
    let head: StreamHeader = serde_json::from_slice(&line).map_err(|_| PayloadError::Malformed)?;
    if head.haven_directory != Some(STREAM_FORMAT) {
        return Err(PayloadError::UnsupportedVersion);
    }
    let meta = PayloadMeta {
        format: STREAM_FORMAT,
        publisher: head.publisher,
        generated: head.generated.as_deref().and_then(iso_date::parse),
        review_by: head.review_by.as_deref().and_then(iso_date::parse),
        ..PayloadMeta::default()
    };
    Ok((input, meta))
}

/// The same decode on the caller's thread alone (when helper threads cannot be started).
fn decode_stream_here(
    bytes: &[u8],
    each: &mut impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    let (mut input, mut meta) = open_stream(bytes)?;
    let mut line = Vec::with_capacity(4096);
    while next_line(&mut input, &mut line).map_err(|e| fail(&input, e))? {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Service>(&line) {
            Ok(s) => meta.record(s, each)?,
            Err(_) => meta.skipped += 1,
        }
        if meta.count + meta.skipped + meta.inactive > MAX_SERVICES {
            return Err(PayloadError::TooLarge);
        }
    }
    Ok(meta)
}

fn decode_stream(
    bytes: &[u8],
    each: &mut impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};

    let (mut input, mut meta) = open_stream(bytes)?;

    // One thread inflates and cuts lines into chunks, dealt alternately to two parse
    // workers; this thread takes their batches back in the same alternation (so in file
    // order) and hands each resource to `each`. Batches go back to the worker that made
    // them to be freed there (the allocator frees without locks on its own thread).
    let outcome = std::thread::scope(|scope| {
        let mut chunk_txs: Vec<SyncSender<Chunk>> = Vec::new();
        let mut batch_rxs: Vec<Option<Receiver<Vec<Resource>>>> = Vec::new();
        let mut back_txs: Vec<Sender<Vec<Resource>>> = Vec::new();
        let mut workers = Vec::new();
        for _ in 0..2 {
            let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(2);
            let (batch_tx, batch_rx) = sync_channel::<Vec<Resource>>(2);
            let (back_tx, back_rx) = channel::<Vec<Resource>>();
            chunk_txs.push(chunk_tx);
            batch_rxs.push(Some(batch_rx));
            back_txs.push(back_tx);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut counts = Counts::default();
                for chunk in chunk_rx.iter() {
                    let mut batch = back_rx.try_recv().unwrap_or_default();
                    batch.clear();
                    // UTF-8 is checked once for the chunk rather than string by string;
                    // a chunk that fails is read line by line, as bytes.
                    let valid = std::str::from_utf8(&chunk.text).ok();
                    let mut start = 0;
                    for &end in &chunk.ends {
                        let parsed = match valid.and_then(|t| t.get(start..end)) {
                            Some(line) => serde_json::from_str::<Service>(line),
                            None => serde_json::from_slice::<Service>(
                                chunk.text.get(start..end).unwrap_or(&[]),
                            ),
                        };
                        start = end;
                        match parsed {
                            Ok(s) => match s.into_resource() {
                                Ok(r) => batch.push(r),
                                Err(RecordError::Inactive) => counts.inactive += 1,
                                Err(_) => counts.skipped += 1,
                            },
                            Err(_) => counts.skipped += 1,
                        }
                    }
                    if batch_tx.send(batch).is_err() {
                        break;
                    }
                }
                drop(batch_tx);
                while back_rx.recv().is_ok() {}
                counts
            });
            // No thread (out of resources): hang up on the ones started, decode here.
            workers.push(spawned.ok()?);
        }
        let splitter =
            std::thread::Builder::new().spawn_scoped(scope, move || -> Result<(), PayloadError> {
                let mut lines = 0usize;
                for k in 0usize.. {
                    let mut chunk = Chunk {
                        text: Vec::with_capacity(CHUNK_LINES * 1536),
                        ends: Vec::with_capacity(CHUNK_LINES),
                    };
                    let mut more = true;
                    while chunk.ends.len() < CHUNK_LINES {
                        let start = chunk.text.len();
                        let got = append_line(&mut input, &mut chunk.text);
                        if !got.map_err(|e| fail(&input, e))? {
                            more = false;
                            break;
                        }
                        let blank = chunk
                            .text
                            .get(start..)
                            .is_none_or(|l| l.iter().all(u8::is_ascii_whitespace));
                        if blank {
                            chunk.text.truncate(start);
                            continue;
                        }
                        chunk.ends.push(chunk.text.len());
                    }
                    lines += chunk.ends.len();
                    if lines > MAX_SERVICES {
                        return Err(PayloadError::TooLarge);
                    }
                    if !chunk.ends.is_empty() {
                        let tx = chunk_txs.get(k % 2).ok_or(PayloadError::Malformed)?;
                        if tx.send(chunk).is_err() {
                            // The reader stopped; it reports why.
                            return Ok(());
                        }
                    }
                    if !more {
                        break;
                    }
                }
                Ok(())
            });
        let splitter = splitter.ok()?;
        let mut stopped = false;
        'batches: for k in 0usize.. {
            let Some(Some(rx)) = batch_rxs.get(k % 2) else {
                break;
            };
            let Ok(batch) = rx.recv() else {
                break;
            };
            for r in &batch {
                if meta.count >= MAX_SERVICES || !each(r) {
                    stopped = true;
                    break 'batches;
                }
                meta.count += 1;
            }
            if let Some(back) = back_txs.get(k % 2) {
                let _ = back.send(batch);
            }
        }
        // Hang up: workers and the splitter stop at their next send.
        batch_rxs.clear();
        back_txs.clear();
        let split = splitter.join().unwrap_or(Err(PayloadError::Malformed));
        let mut counts = Counts::default();
        for w in workers {
            let c = w.join().unwrap_or_default();
            counts.skipped += c.skipped;
            counts.inactive += c.inactive;
        }
        Some((stopped, split, counts))
    });
    let Some((stopped, split, counts)) = outcome else {
        return decode_stream_here(bytes, each);
    };
    if stopped {
        return Err(PayloadError::TooLarge);
    }
    split?;
    meta.skipped = counts.skipped;
    meta.inactive = counts.inactive;
    Ok(meta)
}

/// Encode a payload as pretty JSON ([`PAYLOAD_FORMAT`]; what `import-hsds` writes for
/// people to read). Resources are validated.
pub fn encode_payload(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    encode(p, true)
}

/// Encode a payload as compact JSON ([`PAYLOAD_FORMAT`]).
pub fn encode_payload_compact(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    encode(p, false)
}

/// Encode a payload as [`STREAM_FORMAT`]: gzip of one JSON header line, then one compact
/// HSDS service per line. This is what `haven-publish sign` puts in a bundle: a fifth of
/// the size of the JSON document, and the app decodes it one service at a time.
pub fn encode_payload_stream(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    use std::io::Write as _;
    #[derive(Serialize)]
    struct HeadOut<'a> {
        haven_directory: u32,
        hsds_version: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        publisher: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        generated: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        review_by: Option<String>,
    }
    let head = HeadOut {
        haven_directory: STREAM_FORMAT,
        hsds_version: HSDS_VERSION,
        publisher: p.publisher.as_deref(),
        generated: p.generated.map(iso_date::format),
        review_by: p.review_by.map(iso_date::format),
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let mut line = serde_json::to_vec(&head).map_err(|_| PayloadError::Encode)?;
    line.push(b'\n');
    gz.write_all(&line).map_err(|_| PayloadError::Encode)?;
    for r in &p.resources {
        let mut r = r.clone();
        r.normalize();
        r.validate().map_err(|_| PayloadError::Encode)?;
        line.clear();
        serde_json::to_writer(&mut line, &Service::from_resource(&r))
            .map_err(|_| PayloadError::Encode)?;
        line.push(b'\n');
        gz.write_all(&line).map_err(|_| PayloadError::Encode)?;
    }
    gz.finish().map_err(|_| PayloadError::Encode)
}

fn encode(p: &Payload, pretty: bool) -> Result<Vec<u8>, PayloadError> {
    let mut normal = Vec::with_capacity(p.resources.len());
    for r in &p.resources {
        let mut r = r.clone();
        r.normalize();
        r.validate().map_err(|_| PayloadError::Encode)?;
        normal.push(r);
    }
    let services = normal.iter().map(Service::from_resource).collect();
    let file = FileOut {
        haven_directory: PAYLOAD_FORMAT,
        hsds_version: HSDS_VERSION,
        publisher: p.publisher.as_deref(),
        generated: p.generated.map(iso_date::format),
        review_by: p.review_by.map(iso_date::format),
        services,
    };
    let mut out = if pretty {
        serde_json::to_vec_pretty(&file)
    } else {
        serde_json::to_vec(&file)
    }
    .map_err(|_| PayloadError::Encode)?;
    out.push(b'\n');
    Ok(out)
}

/// Sign a payload into a directory bundle (see [`trust::seal_envelope`]).
pub fn seal(
    meta: &EnvelopeMeta,
    delegation: &Delegation,
    payload: &[u8],
    key: &SigningKey,
) -> Result<Vec<u8>, TrustError> {
    trust::seal_envelope(&Domain::DIRECTORY, meta, delegation, payload, key)
}

// ---------------------------------------------------------------------------------------
// HSDS subset + profile, shared with the HSDS importer.

#[derive(Debug)]
pub(crate) enum RecordError {
    MissingId,
    MissingName,
    Inactive,
    Limits,
}

impl RecordError {
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            RecordError::MissingId => "missing id",
            RecordError::MissingName => "missing name",
            RecordError::Inactive => "status is not active",
            RecordError::Limits => "a field is over its size limit",
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Service<'a> {
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    pub id: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    pub name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub alternate_name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub organization: Option<Organization<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub phones: Vec<Phone<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub languages: Vec<Lang<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub schedules: Vec<Schedule<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub service_areas: Vec<Area<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub service_at_locations: Vec<ServiceAtLocation<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attributes: Vec<Attribute<'a>>,

    // Haven profile.
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_kind: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub haven_services: Vec<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub haven_contacts: Vec<ExtraContact<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub haven_populations: Vec<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    pub haven_no_police_contact_required: bool,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    pub haven_confidential_location: bool,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    pub haven_open_24_7: bool,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_hours_note: Option<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "is_false"
    )]
    pub haven_national: bool,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub haven_states: Vec<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_verified: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_source: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_confidence: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_notes: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Organization<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub website: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Phone<'a> {
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    pub number: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub extension: Option<Text<'a>>,
    #[serde(
        rename = "type",
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_keyword: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub haven_confidence: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Lang<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Schedule<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub freq: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub byday: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub opens_at: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub closes_at: Option<Text<'a>>,
    #[serde(
        default,
        deserialize_with = "lenient_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub timezone: Option<f64>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Area<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ServiceAtLocation<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub location: Option<Location<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Location<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub location_type: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub addresses: Vec<Address<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Address<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_1: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_2: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub city: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub state_province: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub postal_code: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub country: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_type: Option<Text<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Attribute<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_one",
        skip_serializing_if = "Option::is_none"
    )]
    pub taxonomy_term: Option<TaxonomyTerm<'a>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct TaxonomyTerm<'a> {
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Text<'a>>,
}

/// A contact HSDS cannot express with confidence: chat, extra websites, e-mail.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ExtraContact<'a> {
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    pub kind: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "lenient_text")]
    pub value: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub label: Option<Text<'a>>,
    #[serde(
        default,
        borrow,
        deserialize_with = "lenient_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub confidence: Option<Text<'a>>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A profile confidence name; absent or unknown reads as [`Confidence::Official`].
fn confidence_from(s: Option<&str>) -> Confidence {
    s.and_then(|s| Confidence::from_name(s.trim()))
        .unwrap_or_default()
}

/// The profile's confidence field: absent for [`Confidence::Official`].
fn confidence_code(c: Confidence) -> Option<Text<'static>> {
    (c != Confidence::Official).then(|| c.name().into())
}

/// HSDS phone type → contact kind. Fax and pager are not ways to reach help here.
fn phone_kind(t: Option<&str>) -> Option<ContactKind> {
    let t = t.map_or("", str::trim);
    let is = |names: &[&str]| names.iter().any(|n| t.eq_ignore_ascii_case(n));
    if is(&["", "voice", "cell"]) {
        Some(ContactKind::Call)
    } else if is(&["text", "sms"]) {
        Some(ContactKind::Text)
    } else if is(&["textphone", "tty"]) {
        Some(ContactKind::Tty)
    } else if is(&["video"]) {
        Some(ContactKind::Videophone)
    } else {
        None
    }
}

fn phone_type(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Text => "text",
        ContactKind::Tty => "textphone",
        ContactKind::Videophone => "video",
        _ => "voice",
    }
}

/// Trim an HSDS phone number (the official examples wrap numbers in quotes).
fn clean_number(n: &str) -> String {
    n.trim().trim_matches('"').trim().to_owned()
}

/// The trimmed text, owned; `None` when empty. An owned string with nothing to trim is
/// kept as it is (no copy).
fn opt_nonempty(s: Option<Text<'_>>) -> Option<String> {
    let v = s?;
    let t = v.trim();
    if t.is_empty() {
        None
    } else if t.len() == v.len() {
        Some(owned(v))
    } else {
        Some(t.to_owned())
    }
}

/// The text, owned (copied only when it was borrowed).
fn owned(s: Text<'_>) -> String {
    match s {
        Cow::Borrowed(b) => b.to_owned(),
        Cow::Owned(o) => o,
    }
}

/// The trimmed text, owned; `None` when empty.
fn opt_str(s: Option<&str>) -> Option<String> {
    let t = s?.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A borrowed field for the encoder.
fn lend(s: &Option<String>) -> Option<Text<'_>> {
    s.as_deref().map(Cow::Borrowed)
}

/// Two-letter US state / territory code from a code or a name.
pub(crate) fn state_code(s: &str) -> Option<String> {
    let t = s.trim();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return US_STATES
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(t))
            .map(|(c, _)| (*c).to_owned());
    }
    US_STATES
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(t))
        .map(|(c, _)| (*c).to_owned())
}

/// US states and territories: code and name.
pub const US_STATES: [(&str, &str); 56] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "Northern Mariana Islands"),
];

fn hours_from(schedules: &[Schedule<'_>], always: bool, note: Option<String>) -> Hours {
    let mut hours = Hours {
        always_open: always,
        note,
        ..Hours::default()
    };
    let mut notes: Vec<String> = Vec::new();
    for s in schedules {
        let freq = s.freq.as_deref().map(str::trim);
        let daily = freq.is_some_and(|f| f.eq_ignore_ascii_case("DAILY"));
        let opens = s.opens_at.as_deref().and_then(Clock::parse);
        let closes = s.closes_at.as_deref().and_then(Clock::parse);
        let usable = freq.is_none_or(|f| daily || f.eq_ignore_ascii_case("WEEKLY"));
        match (usable, opens, closes) {
            (true, Some(o), Some(c)) => {
                let listed = s
                    .byday
                    .as_deref()
                    .filter(|b| !b.trim().is_empty() && !daily);
                let days = listed
                    .into_iter()
                    .flat_map(|b| b.split(',').filter_map(Day::from_ical))
                    .chain(Day::ALL.iter().copied().filter(|_| listed.is_none()));
                for day in days {
                    if hours.weekly.len() < crate::core::resource::limits::LIST {
                        hours.weekly.push(OpeningSpan {
                            day,
                            opens: o,
                            closes: c,
                        });
                    }
                }
                if let Some(tz) = s.timezone {
                    if tz.is_finite() && (-14.0..=14.0).contains(&tz) {
                        // Bounded above, so the cast cannot overflow.
                        hours.utc_offset_minutes = Some((tz * 60.0).round() as i16);
                    }
                }
            }
            _ => {
                if let Some(d) = opt_str(s.description.as_deref()) {
                    notes.push(d);
                }
            }
        }
    }
    if hours.note.is_none() && !notes.is_empty() {
        hours.note = Some(notes.join(" "));
    }
    if hours.always_open {
        hours.weekly.clear();
    }
    hours
}

impl<'a> Service<'a> {
    /// Convert to a [`Resource`], applying the profile and the safety invariants.
    pub(crate) fn into_resource(self) -> Result<Resource, RecordError> {
        let id = opt_nonempty(self.id).ok_or(RecordError::MissingId)?;
        let name = opt_nonempty(self.name).ok_or(RecordError::MissingName)?;
        if let Some(status) = self.status.as_deref() {
            let s = status.trim();
            if !s.is_empty() && !s.eq_ignore_ascii_case("active") {
                return Err(RecordError::Inactive);
            }
        }
        let mut r = Resource::new(
            id,
            name,
            self.haven_kind
                .as_deref()
                .and_then(|k| ResourceKind::from_name(k.trim()))
                .unwrap_or_default(),
        );
        let org = self.organization.unwrap_or_default();
        r.organization = opt_nonempty(org.name).filter(|o| *o != r.name);
        r.description = opt_nonempty(self.description).unwrap_or_default();
        if let Some(alt) = opt_nonempty(self.alternate_name) {
            if r.organization.is_none() && alt != r.name {
                r.organization = Some(alt);
            }
        }
        // Contacts: phones first (HSDS order), then the profile's extra contacts, then url.
        for p in self.phones {
            let Some(kind) = phone_kind(p.kind.as_deref()) else {
                continue;
            };
            let Some(number) = p
                .number
                .as_deref()
                .map(clean_number)
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            // The extension goes into the label so the number stays dialable.
            let label = match (opt_nonempty(p.extension), opt_nonempty(p.description)) {
                (Some(ext), Some(d)) => Some(format!("Extension {ext}. {d}")),
                (Some(ext), None) => Some(format!("Extension {ext}")),
                (None, d) => d,
            };
            r.contacts.push(ContactPoint {
                kind,
                value: number,
                keyword: opt_nonempty(p.haven_keyword),
                label,
                confidence: confidence_from(p.haven_confidence.as_deref()),
            });
        }
        if let Some(url) = opt_nonempty(self.url) {
            r.contacts.push(ContactPoint::new(ContactKind::Web, url));
        } else if let Some(web) = opt_nonempty(org.website) {
            r.contacts.push(ContactPoint::new(ContactKind::Web, web));
        }
        if let Some(email) = opt_nonempty(self.email) {
            r.contacts
                .push(ContactPoint::new(ContactKind::Email, email));
        }
        for c in self.haven_contacts {
            let (Some(kind), Some(value)) = (
                c.kind
                    .as_deref()
                    .and_then(|k| ContactKind::from_name(k.trim())),
                opt_nonempty(c.value),
            ) else {
                continue;
            };
            r.contacts.push(ContactPoint {
                kind,
                value,
                keyword: None,
                label: opt_nonempty(c.label),
                confidence: confidence_from(c.confidence.as_deref()),
            });
        }
        for l in self.languages {
            let mut code = opt_nonempty(l.code).unwrap_or_default();
            code.make_ascii_lowercase();
            let name = opt_nonempty(l.name).unwrap_or_else(|| code.clone());
            if !name.is_empty() && !r.languages.iter().any(|x| x.name == name && x.code == code) {
                r.languages.push(Language { code, name });
            }
        }
        r.hours = hours_from(
            &self.schedules,
            self.haven_open_24_7,
            opt_nonempty(self.haven_hours_note),
        );
        r.services = self
            .haven_services
            .into_iter()
            .map(owned)
            .chain(
                self.attributes
                    .into_iter()
                    .filter_map(|a| a.taxonomy_term.and_then(|t| opt_nonempty(t.name))),
            )
            .collect();
        r.services.dedup();
        r.populations = self
            .haven_populations
            .iter()
            .filter_map(|p| Population::from_code(p.trim()))
            .collect();
        r.no_police_contact_required = self.haven_no_police_contact_required;
        let mut area = ServiceArea {
            national: self.haven_national,
            states: self
                .haven_states
                .iter()
                .filter_map(|s| state_code(s.as_ref()))
                .collect(),
            description: None,
        };
        let area_text: Vec<String> = self
            .service_areas
            .into_iter()
            .filter_map(|a| opt_nonempty(a.name).or(opt_nonempty(a.description)))
            .collect();
        if !area_text.is_empty() {
            area.description = Some(area_text.join("; "));
        }
        r.area = area;
        let confidential = self.haven_confidential_location;
        let address = self
            .service_at_locations
            .into_iter()
            .filter_map(|s| s.location)
            .filter(|l| {
                !l.location_type
                    .as_deref()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("virtual"))
            })
            .flat_map(|l| l.addresses)
            .find(|a| {
                !a.address_type
                    .as_deref()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("virtual"))
            });
        if let Some(a) = address {
            // Street lines joined; none at all for a confidential place.
            let address = if confidential {
                None
            } else {
                match (opt_nonempty(a.address_1), opt_nonempty(a.address_2)) {
                    (Some(mut one), Some(two)) => {
                        one.push_str(", ");
                        one.push_str(&two);
                        Some(one)
                    }
                    (one, two) => one.or(two),
                }
            };
            let state = opt_nonempty(a.state_province.map(|s| match state_code(&s) {
                Some(code) => Cow::Owned(code),
                None => s,
            }));
            r.place = Some(Place {
                confidential,
                address,
                city: opt_nonempty(a.city),
                state,
                postal_code: if confidential {
                    None
                } else {
                    opt_nonempty(a.postal_code)
                },
            });
        } else if confidential {
            r.place = Some(Place {
                confidential: true,
                ..Place::default()
            });
        }
        r.provenance = Provenance {
            source: opt_nonempty(self.haven_source),
            verified: self.haven_verified.as_deref().and_then(iso_date::parse),
            confidence: confidence_from(self.haven_confidence.as_deref()),
        };
        r.notes = opt_nonempty(self.haven_notes);
        r.normalize();
        r.validate().map_err(|_| RecordError::Limits)?;
        Ok(r)
    }

    /// The canonical payload form of a resource.
    pub(crate) fn from_resource(r: &'a Resource) -> Service<'a> {
        let mut s = Service {
            id: Some(Cow::Borrowed(&r.id)),
            name: Some(Cow::Borrowed(&r.name)),
            status: Some("active".into()),
            description: (!r.description.is_empty())
                .then_some(Cow::Borrowed(r.description.as_str())),
            organization: r.organization.as_ref().map(|o| Organization {
                name: Some(Cow::Borrowed(o.as_str())),
                website: None,
            }),
            haven_kind: Some(r.kind.name().into()),
            ..Service::default()
        };
        for c in &r.contacts {
            match c.kind {
                ContactKind::Call
                | ContactKind::Text
                | ContactKind::Tty
                | ContactKind::Videophone => s.phones.push(Phone {
                    number: Some(Cow::Borrowed(&c.value)),
                    extension: None,
                    kind: Some(phone_type(c.kind).into()),
                    description: lend(&c.label),
                    haven_keyword: lend(&c.keyword),
                    haven_confidence: confidence_code(c.confidence),
                }),
                ContactKind::Web
                    if s.url.is_none()
                        && c.label.is_none()
                        && c.confidence == Confidence::Official
                        && s.haven_contacts.is_empty() =>
                {
                    s.url = Some(Cow::Borrowed(&c.value))
                }
                ContactKind::Email
                    if s.email.is_none()
                        && c.label.is_none()
                        && c.confidence == Confidence::Official
                        && !s
                            .haven_contacts
                            .iter()
                            .any(|x| x.kind.as_deref() == Some("email")) =>
                {
                    s.email = Some(Cow::Borrowed(&c.value))
                }
                _ => s.haven_contacts.push(ExtraContact {
                    kind: Some(c.kind.name().into()),
                    value: Some(Cow::Borrowed(&c.value)),
                    label: lend(&c.label),
                    confidence: confidence_code(c.confidence),
                }),
            }
        }
        s.languages = r
            .languages
            .iter()
            .map(|l| Lang {
                name: Some(Cow::Borrowed(&l.name)),
                code: (!l.code.is_empty()).then_some(Cow::Borrowed(l.code.as_str())),
            })
            .collect();
        s.haven_open_24_7 = r.hours.always_open;
        s.haven_hours_note = lend(&r.hours.note);
        s.schedules = r
            .hours
            .weekly
            .iter()
            .map(|span| Schedule {
                freq: Some("WEEKLY".into()),
                byday: Some(span.day.ical().into()),
                opens_at: Some(span.opens.to_string().into()),
                closes_at: Some(span.closes.to_string().into()),
                timezone: r.hours.utc_offset_minutes.map(|m| f64::from(m) / 60.0),
                description: None,
            })
            .collect();
        s.haven_services = r
            .services
            .iter()
            .map(|x| Cow::Borrowed(x.as_str()))
            .collect();
        s.haven_populations = r
            .populations
            .iter()
            .map(|p| Cow::Borrowed(p.code()))
            .collect();
        s.haven_no_police_contact_required = r.no_police_contact_required;
        s.haven_national = r.area.national;
        s.haven_states = r
            .area
            .states
            .iter()
            .map(|x| Cow::Borrowed(x.as_str()))
            .collect();
        if let Some(d) = &r.area.description {
            s.service_areas.push(Area {
                name: Some(Cow::Borrowed(d.as_str())),
                description: None,
            });
        }
        if let Some(p) = &r.place {
            s.haven_confidential_location = p.confidential;
            let address = Address {
                address_1: if p.confidential {
                    None
                } else {
                    lend(&p.address)
                },
                city: lend(&p.city),
                state_province: lend(&p.state),
                postal_code: if p.confidential {
                    None
                } else {
                    lend(&p.postal_code)
                },
                country: Some("US".into()),
                address_type: Some("physical".into()),
                ..Address::default()
            };
            s.service_at_locations.push(ServiceAtLocation {
                location: Some(Location {
                    location_type: Some("physical".into()),
                    addresses: vec![address],
                }),
            });
        }
        s.haven_source = lend(&r.provenance.source);
        s.haven_verified = r.provenance.verified.map(|d| iso_date::format(d).into());
        s.haven_confidence = confidence_code(r.provenance.confidence);
        s.haven_notes = lend(&r.notes);
        s
    }
}

// ---------------------------------------------------------------------------------------
// Lenient field deserialisers: a value of the wrong type reads as absent, never an error.

/// A string field read without a copy when the JSON text holds it unescaped.
pub(crate) type Text<'a> = Cow<'a, str>;

struct LenientText<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for LenientText<'a> {
    type Value = Option<Text<'a>>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A string (numbers read as their text); any other JSON value reads as absent. Borrowed
/// from the input when it holds no escapes.
pub(crate) fn lenient_text<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Text<'a>>, D::Error> {
    d.deserialize_any(LenientText(std::marker::PhantomData))
}

/// [`lenient_text`], owned.
pub(crate) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(lenient_text(d)?.map(Cow::into_owned))
}

pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            Ok(matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "yes" | "1" | "y"
            ))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
            Ok(v == 1)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
            Ok(v == 1)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(false)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(false)
        }
    }
    d.deserialize_any(V)
}

pub(crate) fn lenient_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(lenient_text(d)?.and_then(|s| s.trim().parse::<f64>().ok()))
}

/// Skips whatever a lenient field does not use.
fn drain_map<'de, A: de::MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The scalar `visit_*` methods of a lenient visitor that reads every scalar as `$v`.
macro_rules! scalars_read_as {
    ($t:ty, $v:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_none<E: de::Error>(self) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_unit<E: de::Error>(self) -> Result<$t, E> {
            Ok($v)
        }
    };
}

/// One nested HSDS object read leniently: an object decodes as `T` (every field of
/// these types is itself lenient, so only a repeated key can fail it, and that fails its
/// record); any other JSON value reads as absent. Single pass: nothing is scanned twice.
struct Lenient<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lenient<T>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Lenient<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Lenient<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Lenient(Some(t)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lenient<T>, D::Error> {
                d.deserialize_any(self)
            }
            scalars_read_as!(Lenient<T>, Lenient(None));
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A list whose elements that are not objects are dropped; a non-list reads as empty.
pub(crate) fn lenient_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(Lenient(item)) = seq.next_element::<Lenient<T>>()? {
                if out.len() < crate::core::resource::limits::LIST {
                    out.extend(item);
                }
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            drain_map(map)?;
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
            d.deserialize_any(self)
        }
        scalars_read_as!(Vec<T>, Vec::new());
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

/// A nested object; anything else reads as absent.
pub(crate) fn lenient_one<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Lenient::<T>::deserialize(d).map(|l| l.0)
}

/// A list of strings (numbers accepted); a single string reads as a one-element list.
/// Each is trimmed; empty ones are dropped.
pub(crate) fn lenient_strings<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Text<'a>>, D::Error> {
    struct One<'a>(Option<Text<'a>>);
    impl<'de: 'a, 'a> Deserialize<'de> for One<'a> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<One<'a>, D::Error> {
            lenient_text(d).map(One)
        }
    }
    fn clean(s: Option<Text<'_>>) -> Option<Text<'_>> {
        let s = s?;
        let t = s.trim();
        if t.is_empty() {
            None
        } else if t.len() == s.len() {
            Some(s)
        } else {
            Some(match s {
                Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
                Cow::Owned(o) => Cow::Owned(o.trim().to_owned()),
            })
        }
    }
    struct V<'a>(std::marker::PhantomData<&'a ()>);
    impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
        type Value = Vec<Text<'a>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(One(s)) = seq.next_element::<One<'a>>()? {
                if out.len() < crate::core::resource::limits::LIST {
                    out.extend(clean(s));
                }
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            drain_map(map)?;
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(clean(Some(Cow::Borrowed(v))).into_iter().collect())
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(clean(Some(Cow::Owned(v.to_owned()))).into_iter().collect())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(clean(Some(Cow::Owned(v))).into_iter().collect())
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thread_fallback_decodes_the_same() {
        let mut resources = Vec::new();
        for i in 0..700 {
            let mut r = Resource::new(
                format!("id-{i}"),
                format!("Name {i}"),
                ResourceKind::Hotline,
            );
            r.description = "x".repeat(i % 50);
            resources.push(r);
        }
        let bytes = encode_payload_stream(&Payload {
            resources: resources.clone(),
            ..Payload::default()
        })
        .unwrap();
        let (_, a) = both_paths(&bytes);
        assert_eq!(a, resources, "threads keep file order");
    }

    /// Decode a streamed payload on helper threads and on this thread alone; both must
    /// agree, in file order.
    fn both_paths(bytes: &[u8]) -> (PayloadMeta, Vec<Resource>) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let ma = decode_stream(bytes, &mut |r: &Resource| {
            a.push(r.clone());
            true
        })
        .unwrap();
        let mb = decode_stream_here(bytes, &mut |r: &Resource| {
            b.push(r.clone());
            true
        })
        .unwrap();
        assert_eq!(ma, mb);
        assert_eq!(a, b);
        (ma, a)
    }

    /// Gzip of a header line and `lines`, each followed by a newline.
    fn stream_of(lines: &[Vec<u8>]) -> Vec<u8> {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"haven_directory\":2}\n").unwrap();
        for l in lines {
            gz.write_all(l).unwrap();
            gz.write_all(b"\n").unwrap();
        }
        gz.finish().unwrap()
    }

    #[test]
    fn escaped_text_and_bad_utf8_read_the_same_on_every_path() {
        // Chunks of 128 lines: the first holds lines with invalid UTF-8, so it is read line
        // by line; the others are checked once. Escaped strings are decoded (owned),
        // plain ones borrowed; both must come out the same.
        let mut lines = Vec::new();
        for i in 0..400 {
            let line = match i % 100 {
                7 => format!(
                    r#"{{"id":"e{i}","name":"Caf\u00e9 \"Luz\" {i}","description":"tab\there"}}"#
                )
                .into_bytes(),
                13 if i < 100 => {
                    // Invalid UTF-8 in a field nobody reads: the record stays.
                    let mut l = format!(r#"{{"id":"u{i}","name":"Kept {i}","x":""#).into_bytes();
                    l.extend_from_slice(b"\xff\xfe\"}");
                    l
                }
                14 if i < 100 => {
                    // Invalid UTF-8 in the name: the record is skipped.
                    let mut l = format!(r#"{{"id":"v{i}","name":""#).into_bytes();
                    l.extend_from_slice(b"\xc3\"}");
                    l
                }
                15 => "{\"id\":\"w\",\"name\":\"\u{e9}t\u{e9} \u{1f3e0}\"}"
                    .replace('w', &format!("w{i}"))
                    .into_bytes(),
                _ => {
                    format!(r#"{{"id":"n{i}","name":"  Name {i}  ","haven_services":[" a ","b"]}}"#)
                        .into_bytes()
                }
            };
            lines.push(line);
        }
        let bytes = stream_of(&lines);
        let (ma, a) = both_paths(&bytes);
        assert_eq!(ma.count, 399);
        assert_eq!(ma.skipped, 1);
        for i in [7, 107, 207, 307] {
            let esc = a.iter().find(|r| r.id == format!("e{i}")).unwrap();
            assert_eq!(esc.name, format!("Café \"Luz\" {i}"));
            assert_eq!(esc.description, "tab\there");
        }
        assert_eq!(a.iter().find(|r| r.id == "u13").unwrap().name, "Kept 13");
        assert_eq!(a.iter().find(|r| r.id == "w315").unwrap().name, "été 🏠");
        let plain = a.iter().find(|r| r.id == "n1").unwrap();
        assert_eq!(plain.name, "Name 1");
        assert_eq!(plain.services, vec!["a".to_owned(), "b".to_owned()]);
    }

    #[test]
    fn fields_are_trimmed_joined_and_coded() {
        let json = br#"{"haven_directory":1,"services":[
            {"id":"a","name":" A ","description":"d","phones":[{"number":"\"555\"","description":"x"}],
             "languages":[{"code":"ES"}],"haven_services":["k"],"haven_states":["tx"],
             "service_at_locations":[{"location":{"addresses":[{"address_1":"1 St","address_2":"Apt 2","city":"C","state_province":"texas","postal_code":"7"}]}}]},
            {"id":"b","name":"B","organization":{"name":"O"},"haven_notes":"n","haven_source":"s"}
        ]}"#;
        let again = decode_payload(json).unwrap();
        let a = &again.payload.resources[0];
        assert_eq!(a.name, "A");
        assert_eq!(a.contacts[0].value, "555");
        assert_eq!(a.languages[0].code, "es");
        assert_eq!(a.languages[0].name, "es");
        let place = a.place.as_ref().unwrap();
        assert_eq!(place.address.as_deref(), Some("1 St, Apt 2"));
        assert_eq!(place.state.as_deref(), Some("TX"));
        assert_eq!(a.area.states, vec!["TX".to_owned()]);
    }

    #[test]
    fn lenient_types_never_fail_a_record() {
        let json = br#"{"haven_directory":1,"services":[
            {"id": 7, "name": "A", "phones": {"x":1}, "languages": [1, {"name":"Spanish","code":"es"}],
             "haven_populations": "youth", "haven_open_24_7": "yes", "status": null},
            {"id": "b", "name": ["not", "a", "string"]},
            {"id": "c", "name": "C", "status": "inactive"},
            "garbage"
        ]}"#;
        let d = decode_payload(json).unwrap();
        assert_eq!(d.payload.resources.len(), 1);
        assert_eq!(d.skipped, 2);
        assert_eq!(d.inactive, 1);
        let r = &d.payload.resources[0];
        assert_eq!(r.id, "7");
        assert_eq!(r.languages.len(), 1);
        assert_eq!(r.populations, vec![Population::Youth]);
        assert!(r.hours.always_open);
    }

    #[test]
    fn file_level_errors() {
        assert_eq!(decode_payload(b"nope"), Err(PayloadError::Malformed));
        assert_eq!(decode_payload(b"{}"), Err(PayloadError::Malformed));
        assert_eq!(
            decode_payload(br#"{"haven_directory":2,"services":[]}"#),
            Err(PayloadError::UnsupportedVersion)
        );
    }
}
