//! The directory payload: what a signed bundle (or the bundled list) carries inside its
//! envelope, and its two encodings.
//!
//! Payload version 1 ([`PAYLOAD_FORMAT`], `json`): UTF-8 JSON, `{"haven_directory": 1,
//! "hsds_version": "3.0", "services": [...]}` where each service is an HSDS 3.0 `service`
//! object using the subset of fields listed in `assets/directory/FORMAT.md`, plus `haven_*`
//! profile fields (text keywords, chat URLs, populations, "no police contact required",
//! confidential location, verified date…; the model is in [`super::hsds`]). Version 2
//! ([`STREAM_FORMAT`], `stream`): gzip of a header line and one such service per line,
//! decoded one service at a time ([`decode_each`]). Version 3 ([`RECORD_FORMAT`], what
//! `haven-publish sign` writes): gzip of the same header line, then each resource as a
//! length-prefixed binary record (`directory::packed`'s layout, strings inline), which the
//! phone reads without parsing JSON or converting HSDS; every record is still normalised
//! and checked against the limits, as a line is.
//!
//! Decoding is lenient per record and strict per file: unknown fields are ignored, a value
//! of the wrong type is treated as absent, a record without id or name (or over the
//! limits) is skipped and counted; a file that is not such a JSON object is an error.
//! Nothing here panics on any input.
//!
//! Envelope: [`crate::core::trust`] with [`Domain::DIRECTORY`].

mod json;
mod stream;

use time::Date;

use super::hsds::{Service, SkipReason};
use crate::core::resource::Resource;
use crate::core::trust::{self, Delegation, Domain, EnvelopeMeta, SigningKey, TrustError};

/// Version of the payload profile (`haven_directory`).
pub const PAYLOAD_FORMAT: u32 = 1;
/// HSDS version the payload follows.
pub const HSDS_VERSION: &str = "3.0";
/// Largest payload the app accepts (bytes).
pub const MAX_PAYLOAD_BYTES: usize = 96 * 1024 * 1024;
/// Most services in one payload.
pub const MAX_SERVICES: usize = 1_000_000;
/// The first two bytes of a gzip stream (RFC 1952).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Version of the streamed payload (`haven_directory` in its first line).
pub const STREAM_FORMAT: u32 = 2;
/// Version of the streamed payload of binary records (`haven_directory` in its first line).
pub const RECORD_FORMAT: u32 = 3;
/// Most bytes a streamed payload may expand to.
pub const MAX_EXPANDED_BYTES: u64 = 640 * 1024 * 1024;
/// Longest line (one service) or record (one resource) in a streamed payload.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

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
    /// Which encoding it used: [`PAYLOAD_FORMAT`], [`STREAM_FORMAT`] or [`RECORD_FORMAT`].
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
/// then reported [`PayloadError::TooLarge`]). A [`STREAM_FORMAT`] or [`RECORD_FORMAT`]
/// payload is inflated and parsed by helper threads while `each` runs.
///
/// A payload starting with the gzip magic bytes is a [`STREAM_FORMAT`] or [`RECORD_FORMAT`]
/// payload (its header line says which); anything else must be a [`PAYLOAD_FORMAT`] JSON
/// document.
pub fn decode_each(
    bytes: &[u8],
    max_bytes: usize,
    mut each: impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    decode_each_prepared(bytes, max_bytes, &|_: &Resource, _: &mut ()| {}, |r, _| {
        each(r)
    })
}

/// [`decode_each`], with `prep` run on each resource where it was parsed (on the helper
/// threads for a streamed payload) and its result handed to `each` beside the
/// resource. `P` values are reused from one resource to the next.
pub fn decode_each_prepared<P: Default + Send>(
    bytes: &[u8],
    max_bytes: usize,
    prep: &(impl Fn(&Resource, &mut P) + Sync),
    mut each: impl FnMut(&Resource, &P) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    if bytes.len() > max_bytes {
        return Err(PayloadError::TooLarge);
    }
    if bytes.starts_with(&GZIP_MAGIC) {
        return stream::decode(bytes, prep, &mut each);
    }
    let mut p = P::default();
    json::decode(bytes, &mut |r: &Resource| {
        prep(r, &mut p);
        each(r, &p)
    })
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
            Err(SkipReason::Inactive) => self.inactive += 1,
            Err(_) => self.skipped += 1,
        }
        Ok(())
    }
}

/// Encode a payload as pretty JSON ([`PAYLOAD_FORMAT`]; what `import-hsds` writes for
/// people to read). Resources are validated.
pub fn encode_payload(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    json::encode(p, true)
}

/// Encode a payload as compact JSON ([`PAYLOAD_FORMAT`]).
pub fn encode_payload_compact(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    json::encode(p, false)
}

/// Encode a payload as [`STREAM_FORMAT`]: gzip of one JSON header line, then one compact
/// HSDS service per line (`haven-publish sign --payload-format 2`, for apps that predate
/// version 3).
pub fn encode_payload_stream(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    stream::encode(p, STREAM_FORMAT)
}

/// Encode a payload as [`RECORD_FORMAT`]: gzip of one JSON header line, then one binary
/// record per resource. This is what `haven-publish sign` puts in a bundle: smaller than
/// version 2, and the app imports it with about 30 % fewer instructions (`benches/README.md`).
pub fn encode_payload_records(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    stream::encode(p, RECORD_FORMAT)
}

/// A payload's resources, normalised and validated, for an encoder.
fn normalized(p: &Payload) -> Result<Vec<Resource>, PayloadError> {
    let mut normal = Vec::with_capacity(p.resources.len());
    for r in &p.resources {
        let mut r = r.clone();
        r.normalize();
        r.validate().map_err(|_| PayloadError::Encode)?;
        normal.push(r);
    }
    Ok(normal)
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

#[cfg(test)]
mod tests {
    use super::*;

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
