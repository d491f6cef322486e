//! Streamed payloads: gzip of one JSON header line, then either one compact HSDS service
//! per line (version 2, [`STREAM_FORMAT`]) or one binary record per resource (version 3,
//! [`RECORD_FORMAT`]: a varint length, then the record `directory::packed` writes, every
//! string inline). Both are cut, parsed and handed on the same way; only the framing and
//! the parse of one unit differ ([`Framing`]).
//!
//! Decoding runs on scoped threads: one inflates and cuts lines or records into numbered
//! chunks ([`split_units`]), two to four parse them ([`parse_chunks`], one fewer than the cores,
//! at least two; whichever is idle takes the next chunk) and prepare each resource for the
//! index, and the caller's thread puts the chunks back in file order and hands each
//! resource on ([`decode`]); the chunks go round, so at most [`CHUNKS_PER_WORKER`] per
//! worker are in flight. If a thread cannot be started, the same work runs on the caller's
//! thread ([`decode_here`]). The expanded size, the length of a line or record and the
//! service count are capped.

use std::sync::mpsc::{Receiver, Sender};

use serde::{Deserialize, Serialize};

use super::{
    Payload, PayloadError, PayloadMeta, HSDS_VERSION, MAX_EXPANDED_BYTES, MAX_LINE_BYTES,
    MAX_SERVICES, RECORD_FORMAT, STREAM_FORMAT,
};
use crate::core::directory::hsds::{lenient_string, Service, SkipReason};
use crate::core::directory::packed;
use crate::core::resource::{iso_date, Resource};

/// The first line of a streamed payload.
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

/// How the units after the header line are framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// Version 2: one HSDS service per line (blank lines ignored).
    Lines,
    /// Version 3: a varint length, then one binary record.
    Records,
}

impl Framing {
    /// Append the next unit (line or record) to `out`; `Ok(false)` at the end, `Err(None)`
    /// for one over [`MAX_LINE_BYTES`].
    fn append(
        self,
        r: &mut impl std::io::BufRead,
        out: &mut Vec<u8>,
    ) -> Result<bool, Option<std::io::Error>> {
        match self {
            Framing::Lines => append_line(r, out),
            Framing::Records => append_record(r, out),
        }
    }

    /// Parse one unit into `slot` (a used resource is overwritten).
    fn parse(self, unit: Option<&str>, raw: &[u8], slot: &mut Resource) -> Result<(), SkipReason> {
        match self {
            Framing::Lines => {
                let parsed = match unit {
                    Some(line) => Service::from_line(line),
                    None => serde_json::from_slice::<Service>(raw).ok(),
                };
                parsed.ok_or(SkipReason::Limits)?.into_resource_in(slot)
            }
            Framing::Records => {
                if !packed::read_record_into(raw, slot) {
                    return Err(SkipReason::Limits);
                }
                slot.normalize();
                slot.validate().map_err(|_| SkipReason::Limits)
            }
        }
    }

    /// True when a unit is skipped without counting (a blank line).
    fn blank(self, unit: &[u8]) -> bool {
        self == Framing::Lines && unit.iter().all(u8::is_ascii_whitespace)
    }
}

/// Append the next record (without its length) to `out`; `Ok(false)` at the end. A record
/// over [`MAX_LINE_BYTES`] is `Err(None)`; one cut short is an error.
fn append_record(
    r: &mut impl std::io::BufRead,
    out: &mut Vec<u8>,
) -> Result<bool, Option<std::io::Error>> {
    let cut = || Some(std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
    let mut len = 0usize;
    for shift in (0..).step_by(7) {
        let Some(&b) = r.fill_buf().map_err(Some)?.first() else {
            return if shift == 0 { Ok(false) } else { Err(cut()) };
        };
        r.consume(1);
        // Four bytes hold any length up to the cap; a fifth means over it.
        if shift > 21 {
            return Err(None);
        }
        len |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
    }
    if len > MAX_LINE_BYTES {
        return Err(None);
    }
    let mut left = len;
    while left > 0 {
        let buf = r.fill_buf().map_err(Some)?;
        let take = buf.len().min(left);
        if take == 0 {
            return Err(cut());
        }
        out.extend_from_slice(buf.get(..take).unwrap_or(&[]));
        r.consume(take);
        left -= take;
    }
    Ok(true)
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

/// Lines handed to a parse worker at a time. Every batch of parsed resources in flight
/// holds this many (with their prepared tokens), so it sets part of the import's peak
/// heap: 64 instead of 128 took 2.7 MB off it, at the same speed (`benches/README.md`).
const CHUNK_LINES: usize = 64;

/// Chunks in flight at once, per parse worker: being filled, waiting for a worker, being
/// parsed, or parsed and waiting for their turn in file order. A new chunk is dealt only
/// for one the reader has finished with, so this bounds the memory the pipeline holds.
/// With another program busy on the other core, 8 kept the threads fed better than 4
/// (100 000 services: median 1.26 s against 1.46 s with 4) for 3.3 MB more peak heap; 16
/// was within the noise of 8 and went over the 100 MB goal (`benches/README.md`).
const CHUNKS_PER_WORKER: usize = 8;

/// Some lines of a streamed payload, one after another, numbered in file order, with the
/// batch a parse worker fills from them. The same chunks go round (splitter → worker →
/// reader → splitter), keeping their buffers.
struct Chunk<P> {
    seq: usize,
    text: Vec<u8>,
    ends: Vec<usize>,
    batch: Batch<P>,
}

impl<P> Chunk<P> {
    fn new() -> Self {
        Chunk {
            seq: 0,
            text: Vec::with_capacity(CHUNK_LINES * 1536),
            ends: Vec::with_capacity(CHUNK_LINES),
            batch: Vec::new(),
        }
    }
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
fn open_stream(bytes: &[u8]) -> Result<(StreamReader<'_>, PayloadMeta, Framing), PayloadError> {
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
    let (format, framing) = match head.haven_directory {
        Some(STREAM_FORMAT) => (STREAM_FORMAT, Framing::Lines),
        Some(RECORD_FORMAT) => (RECORD_FORMAT, Framing::Records),
        _ => return Err(PayloadError::UnsupportedVersion),
    };
    let meta = PayloadMeta {
        format,
        publisher: head.publisher,
        generated: head.generated.as_deref().and_then(iso_date::parse),
        review_by: head.review_by.as_deref().and_then(iso_date::parse),
        ..PayloadMeta::default()
    };
    Ok((input, meta, framing))
}

/// The same decode on the caller's thread alone (when helper threads cannot be started).
pub(super) fn decode_here(
    bytes: &[u8],
    each: &mut impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    let (mut input, mut meta, framing) = open_stream(bytes)?;
    let mut unit = Vec::with_capacity(4096);
    let mut r = empty_resource();
    loop {
        unit.clear();
        if !framing
            .append(&mut input, &mut unit)
            .map_err(|e| fail(&input, e))?
        {
            break;
        }
        if framing.blank(&unit) {
            continue;
        }
        // Lines are read as text when they are UTF-8; records are binary.
        let text = match framing {
            Framing::Lines => std::str::from_utf8(&unit).ok(),
            Framing::Records => None,
        };
        match framing.parse(text, &unit, &mut r) {
            Ok(()) => {
                if meta.count >= MAX_SERVICES || !each(&r) {
                    return Err(PayloadError::TooLarge);
                }
                meta.count += 1;
            }
            Err(SkipReason::Inactive) => meta.inactive += 1,
            Err(_) => meta.skipped += 1,
        }
        if meta.count + meta.skipped + meta.inactive > MAX_SERVICES {
            return Err(PayloadError::TooLarge);
        }
    }
    Ok(meta)
}

/// An empty resource, to be filled.
fn empty_resource() -> Resource {
    Resource::new(String::new(), String::new(), Default::default())
}

/// A parsed batch: each resource with what `prep` made of it.
type Batch<P> = Vec<(Resource, P)>;

/// Parse workers: one fewer than the cores (the caller's thread indexes), two to four.
fn parse_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().saturating_sub(1).clamp(2, 4))
}

/// Decode a [`STREAM_FORMAT`] payload on helper threads (see the module docs); `prep` runs
/// on the parse workers.
pub(super) fn decode<P: Default + Send>(
    bytes: &[u8],
    prep: &(impl Fn(&Resource, &mut P) + Sync),
    each: &mut impl FnMut(&Resource, &P) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    decode_on(bytes, parse_workers(), prep, each)
}

/// [`decode`] with `workers` parse workers (at least one).
fn decode_on<P: Default + Send>(
    bytes: &[u8],
    workers_n: usize,
    prep: &(impl Fn(&Resource, &mut P) + Sync),
    each: &mut impl FnMut(&Resource, &P) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    use std::sync::mpsc::channel;

    let workers_n = workers_n.max(1);
    let (mut input, mut meta, framing) = open_stream(bytes)?;

    // One thread inflates and cuts units into numbered chunks; any idle parse worker takes
    // the next one (so a worker the system pauses holds up one chunk, not every other
    // one); this thread puts the parsed chunks back in file order, hands each resource to
    // `each`, and returns the chunk to the splitter, which deals a new one only for a
    // chunk returned. The channels need no bound: the chunks in flight are bounded.
    let (chunk_tx, chunk_rx) = channel::<Chunk<P>>();
    let chunk_rx = std::sync::Mutex::new(chunk_rx);
    let outcome = std::thread::scope(|scope| {
        // (The splitter owns `chunk_tx`; if a thread cannot start, it is dropped here and
        // the workers started stop.)
        let chunk_tx = chunk_tx;
        let chunk_rx = &chunk_rx;
        let (done_tx, done_rx) = channel::<Chunk<P>>();
        let (free_tx, free_rx) = channel::<Chunk<P>>();
        let mut workers = Vec::new();
        for _ in 0..workers_n {
            let done_tx = done_tx.clone();
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                parse_chunks(framing, chunk_rx, done_tx, prep)
            });
            // No thread (out of resources): hang up on the ones started, decode here.
            workers.push(spawned.ok()?);
        }
        drop(done_tx);
        let window = workers_n * CHUNKS_PER_WORKER;
        let splitter = std::thread::Builder::new().spawn_scoped(scope, move || {
            split_units(framing, &mut input, chunk_tx, free_rx, window)
        });
        let splitter = splitter.ok()?;
        let mut stopped = false;
        let mut gap = false;
        // Chunks parsed ahead of their turn, by how far ahead (at most `window`).
        let mut ahead: std::collections::VecDeque<Option<Chunk<P>>> = Default::default();
        'chunks: for next in 0usize.. {
            let chunk = loop {
                if let Some(Some(c)) = ahead.front_mut().map(Option::take) {
                    ahead.pop_front();
                    break c;
                }
                let Ok(c) = done_rx.recv() else {
                    // Every worker has finished: nothing may be left waiting.
                    gap = ahead.iter().any(Option::is_some);
                    break 'chunks;
                };
                match c.seq.checked_sub(next) {
                    Some(0) => {
                        ahead.pop_front();
                        break c;
                    }
                    Some(k) if k <= window => {
                        if ahead.len() <= k {
                            ahead.resize_with(k + 1, || None);
                        }
                        if let Some(at) = ahead.get_mut(k) {
                            *at = Some(c);
                        }
                    }
                    // Not a number this reader dealt (cannot happen): stop.
                    _ => {
                        gap = true;
                        break 'chunks;
                    }
                }
            };
            for (r, p) in &chunk.batch {
                if meta.count >= MAX_SERVICES || !each(r, p) {
                    stopped = true;
                    break 'chunks;
                }
                meta.count += 1;
            }
            let _ = free_tx.send(chunk);
        }
        // Hang up: workers and the splitter stop at their next send or wait.
        drop(done_rx);
        drop(free_tx);
        drop(ahead);
        let split = splitter.join().unwrap_or(Err(PayloadError::Malformed));
        let mut counts = Counts::default();
        for w in workers {
            // A worker that panicked (a bug) lost its chunk: the decode is not whole.
            let c = w.join().unwrap_or_else(|_| {
                gap = true;
                Counts::default()
            });
            counts.skipped += c.skipped;
            counts.inactive += c.inactive;
        }
        Some((stopped, split, counts, gap))
    });
    let Some((stopped, split, counts, gap)) = outcome else {
        let mut p = P::default();
        return decode_here(bytes, &mut |r: &Resource| {
            prep(r, &mut p);
            each(r, &p)
        });
    };
    if stopped {
        return Err(PayloadError::TooLarge);
    }
    split?;
    if gap {
        return Err(PayloadError::Malformed);
    }
    meta.skipped = counts.skipped;
    meta.inactive = counts.inactive;
    Ok(meta)
}

/// Held by a parse worker: if the worker panics (a bug; release builds abort instead), it
/// sends the reader a chunk numbered past any window, so the reader stops with an error
/// rather than waiting for the chunk that worker held.
struct Unwinding<P>(Sender<Chunk<P>>);

impl<P> Drop for Unwinding<P> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let poison = Chunk {
                seq: usize::MAX,
                text: Vec::new(),
                ends: Vec::new(),
                batch: Vec::new(),
            };
            let _ = self.0.send(poison);
        }
    }
}

/// A parse worker: takes the next chunk dealt, parses its units into the chunk's batch
/// (filled in place: a batch coming round again keeps its buffers, and the `P` values
/// theirs), runs `prep` on each resource, and hands the chunk to the reader.
fn parse_chunks<P: Default>(
    framing: Framing,
    chunks: &std::sync::Mutex<Receiver<Chunk<P>>>,
    done: Sender<Chunk<P>>,
    prep: &impl Fn(&Resource, &mut P),
) -> Counts {
    let done = Unwinding(done);
    let mut counts = Counts::default();
    loop {
        // The lock is held while waiting: the others would wait for the same chunk.
        let next = match chunks.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => break,
        };
        let Ok(mut chunk) = next else {
            break;
        };
        let Chunk {
            text, ends, batch, ..
        } = &mut chunk;
        let mut n = 0;
        // UTF-8 is checked once for the chunk rather than string by string;
        // a chunk that fails is read line by line, as bytes.
        // (Binary records are not text: they are never checked as a whole.)
        let valid = (framing == Framing::Lines)
            .then(|| std::str::from_utf8(text).ok())
            .flatten();
        let mut start = 0;
        for &end in ends.iter() {
            let unit = valid.and_then(|t| t.get(start..end));
            let raw = text.get(start..end).unwrap_or(&[]);
            start = end;
            // A batch coming round again is filled in place (its buffers kept); a slot
            // left half-filled by a skipped unit is filled again by the next one, or cut
            // off below. (`n` never passes the batch's length, so a push lands at `n`.)
            if batch.len() == n {
                batch.push((empty_resource(), P::default()));
            }
            let Some(slot) = batch.get_mut(n) else {
                break;
            };
            match framing.parse(unit, raw, &mut slot.0) {
                Ok(()) => {
                    prep(&slot.0, &mut slot.1);
                    n += 1;
                }
                Err(SkipReason::Inactive) => counts.inactive += 1,
                Err(_) => counts.skipped += 1,
            }
        }
        batch.truncate(n);
        if done.0.send(chunk).is_err() {
            break;
        }
    }
    counts
}

/// The splitter: inflates, cuts units (lines or records) into chunks of [`CHUNK_LINES`]
/// (blank lines dropped), numbers them and deals them to the parse workers: `window` new
/// chunks, then each chunk the reader returns.
fn split_units<P>(
    framing: Framing,
    input: &mut StreamReader<'_>,
    chunk_tx: Sender<Chunk<P>>,
    free: Receiver<Chunk<P>>,
    window: usize,
) -> Result<(), PayloadError> {
    let mut lines = 0usize;
    for seq in 0usize.. {
        let mut chunk = if seq < window {
            Chunk::new()
        } else {
            match free.recv() {
                Ok(c) => c,
                // The reader stopped; it reports why.
                Err(_) => return Ok(()),
            }
        };
        chunk.seq = seq;
        chunk.text.clear();
        chunk.ends.clear();
        let mut more = true;
        while chunk.ends.len() < CHUNK_LINES {
            let start = chunk.text.len();
            let got = framing.append(input, &mut chunk.text);
            if !got.map_err(|e| fail(input, e))? {
                more = false;
                break;
            }
            if chunk.text.get(start..).is_none_or(|u| framing.blank(u)) {
                chunk.text.truncate(start);
                continue;
            }
            chunk.ends.push(chunk.text.len());
        }
        lines += chunk.ends.len();
        if lines > MAX_SERVICES {
            return Err(PayloadError::TooLarge);
        }
        // Only the last chunk can be empty; it is not dealt (the numbers stay unbroken).
        if !chunk.ends.is_empty() && chunk_tx.send(chunk).is_err() {
            // The workers stopped (the reader did); it reports why.
            return Ok(());
        }
        if !more {
            break;
        }
    }
    Ok(())
}

/// Append `r` to `out` as a version 3 record with its varint length in front; `false`
/// (and `out` unchanged) when the record would be over [`MAX_LINE_BYTES`].
fn frame_record(r: &Resource, out: &mut Vec<u8>) -> bool {
    let mut record = Vec::new();
    packed::write_record(r, &mut record);
    if record.len() > MAX_LINE_BYTES {
        return false;
    }
    let mut len = record.len();
    while len >= 0x80 {
        out.push((len as u8) | 0x80);
        len >>= 7;
    }
    out.push(len as u8);
    out.extend_from_slice(&record);
    true
}

/// Encode as [`STREAM_FORMAT`] (gzip of one JSON header line, then one compact HSDS
/// service per line) or [`RECORD_FORMAT`] (the same header, then one varint-prefixed
/// binary record per resource).
pub(super) fn encode(p: &Payload, format: u32) -> Result<Vec<u8>, PayloadError> {
    use std::io::Write as _;
    #[derive(Serialize)]
    struct HeadOut<'a> {
        haven_directory: u32,
        // Version 3 records are not HSDS objects: no HSDS version is claimed for them.
        #[serde(skip_serializing_if = "Option::is_none")]
        hsds_version: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        publisher: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        generated: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        review_by: Option<String>,
    }
    let head = HeadOut {
        haven_directory: format,
        hsds_version: (format == STREAM_FORMAT).then_some(HSDS_VERSION),
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
        if format == RECORD_FORMAT {
            if !frame_record(&r, &mut line) {
                return Err(PayloadError::Encode);
            }
        } else {
            serde_json::to_writer(&mut line, &Service::from_resource(&r))
                .map_err(|_| PayloadError::Encode)?;
            line.push(b'\n');
        }
        gz.write_all(&line).map_err(|_| PayloadError::Encode)?;
    }
    gz.finish().map_err(|_| PayloadError::Encode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::resource::ResourceKind;

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
        for format in FORMATS {
            let (meta, a) = both_paths(&encoded(&resources, format));
            assert_eq!(meta.format, format);
            assert_eq!(a, resources, "threads keep file order");
        }
    }

    /// Both streamed formats: lines and records.
    const FORMATS: [u32; 2] = [STREAM_FORMAT, RECORD_FORMAT];

    /// `resources` as a streamed payload in `format`.
    fn encoded(resources: &[Resource], format: u32) -> Vec<u8> {
        let p = Payload {
            resources: resources.to_vec(),
            ..Payload::default()
        };
        encode(&p, format).unwrap()
    }

    /// `n` small resources, encoded as a streamed payload in `format`.
    fn numbered(n: usize, format: u32) -> (Vec<Resource>, Vec<u8>) {
        let resources: Vec<Resource> = (0..n)
            .map(|i| {
                Resource::new(
                    format!("id-{i}"),
                    format!("Name {i}"),
                    ResourceKind::Hotline,
                )
            })
            .collect();
        let bytes = encoded(&resources, format);
        (resources, bytes)
    }

    #[test]
    fn a_paused_worker_holds_up_only_its_own_chunk() {
        // The worker that takes chunk 0 is paused on its first resource. The other worker
        // goes on with the next chunks, chunk 2 included (dealt in turn, chunk 2 would
        // have waited for the paused worker), and the order still comes out right.
        const CHUNKS: usize = 2 * CHUNKS_PER_WORKER;
        for format in FORMATS {
            paused_worker(numbered(CHUNKS * CHUNK_LINES, format));
        }
    }

    fn paused_worker((resources, bytes): (Vec<Resource>, Vec<u8>)) {
        let log = std::sync::Mutex::new(Vec::new());
        let prep = |r: &Resource, p: &mut String| {
            if r.id == "id-0" {
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            log.lock().unwrap().push(r.id.clone());
            p.clone_from(&r.id);
        };
        let mut got = Vec::new();
        decode_on(&bytes, 2, &prep, &mut |r: &Resource, p: &String| {
            assert_eq!(*p, r.id);
            got.push(r.clone());
            true
        })
        .unwrap();
        assert_eq!(got, resources, "file order");
        let log = log.into_inner().unwrap();
        let at = |id: &str| log.iter().position(|x| x == id).unwrap();
        let chunk2 = format!("id-{}", 2 * CHUNK_LINES);
        assert!(
            at(&chunk2) < at("id-0"),
            "chunk 2 waited for the paused worker"
        );
    }

    #[test]
    fn chunks_finished_out_of_order_come_out_in_file_order() {
        // The first resource of each chunk waits 0-3 ms (a fixed pseudo-random pattern),
        // so workers finish chunks out of turn, up to a window ahead.
        for format in FORMATS {
            out_of_order(numbered(40 * CHUNK_LINES + 17, format));
        }
    }

    fn out_of_order((resources, bytes): (Vec<Resource>, Vec<u8>)) {
        let prep = |r: &Resource, p: &mut String| {
            let i: usize = r.id.trim_start_matches("id-").parse().unwrap();
            if i % CHUNK_LINES == 0 {
                let ms = (i / CHUNK_LINES * 7 + 3) % 4;
                std::thread::sleep(std::time::Duration::from_millis(ms as u64));
            }
            p.clone_from(&r.id);
        };
        for workers in 2..=4 {
            let mut got = Vec::new();
            decode_on(&bytes, workers, &prep, &mut |r: &Resource, p: &String| {
                assert_eq!(*p, r.id);
                got.push(r.clone());
                true
            })
            .unwrap();
            assert_eq!(got, resources, "{workers} workers");
        }
    }

    #[test]
    fn a_worker_that_panics_ends_the_decode_with_an_error() {
        // Not a path untrusted input has (it is fuzzed); if a bug ever panics a worker in
        // a build that unwinds, the reader must not wait for that worker's chunk forever
        // (more chunks than the window, so the splitter waits for chunks to come back).
        for (format, workers) in FORMATS
            .into_iter()
            .flat_map(|f| (1..=3).map(move |w| (f, w)))
        {
            let (_, bytes) = numbered((3 * CHUNKS_PER_WORKER + 10) * CHUNK_LINES, format);
            let prep = |r: &Resource, _: &mut ()| {
                assert_ne!(r.id, format!("id-{}", 3 * CHUNK_LINES + 5), "deliberate");
            };
            let got = decode_on(&bytes, workers, &prep, &mut |_, _| true);
            assert_eq!(got, Err(PayloadError::Malformed), "{workers} workers");
        }
    }

    #[test]
    fn stopping_early_or_a_broken_stream_ends_every_thread() {
        for (format, workers) in FORMATS
            .into_iter()
            .flat_map(|f| (1..=3).map(move |w| (f, w)))
        {
            let (_, bytes) = numbered(20 * CHUNK_LINES, format);
            let mut seen = 0;
            let got = decode_on(
                &bytes,
                workers,
                &|_: &Resource, _: &mut ()| {},
                &mut |_, _| {
                    seen += 1;
                    seen < 3 * CHUNK_LINES
                },
            );
            assert_eq!(got, Err(PayloadError::TooLarge), "{workers} workers");
            // Cut in the middle: the inflater fails after some chunks have been dealt.
            let cut = &bytes[..bytes.len() / 2];
            let mut count = 0;
            let got = decode_on(cut, workers, &|_: &Resource, _: &mut ()| {}, &mut |_, _| {
                count += 1;
                true
            });
            assert_eq!(got, Err(PayloadError::Malformed), "{workers} workers");
            assert!(count > 0, "chunks before the cut were read");
        }
    }

    /// Decode a streamed payload on helper threads and on this thread alone; both must
    /// agree, in file order.
    fn both_paths(bytes: &[u8]) -> (PayloadMeta, Vec<Resource>) {
        let mut b = Vec::new();
        let mb = decode_here(bytes, &mut |r: &Resource| {
            b.push(r.clone());
            true
        })
        .unwrap();
        // Each resource arrives with what `prep` made of it (on a worker), not another's;
        // with any number of workers, in file order.
        let prep = |r: &Resource, p: &mut String| {
            p.clear();
            p.push_str(&r.id);
        };
        for workers in 1..=4 {
            let mut a = Vec::new();
            let ma = decode_on(bytes, workers, &prep, &mut |r: &Resource, p: &String| {
                assert_eq!(*p, r.id, "prepared value of another resource");
                a.push(r.clone());
                true
            })
            .unwrap();
            assert_eq!(ma, mb, "{workers} workers");
            assert_eq!(a, b, "{workers} workers");
        }
        (mb, b)
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
        // Chunks of CHUNK_LINES lines: the first holds lines 13 and 14 with invalid UTF-8,
        // so it is read line by line; the others are checked once. Escaped strings are
        // decoded (owned), plain ones borrowed; both must come out the same.
        const { assert!(CHUNK_LINES > 14 && 400 > 2 * CHUNK_LINES) };
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

    /// Gzip of a version 3 header line and `units` as they are (framing included).
    fn records_of(units: &[Vec<u8>]) -> Vec<u8> {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"haven_directory\":3}\n").unwrap();
        for u in units {
            gz.write_all(u).unwrap();
        }
        gz.finish().unwrap()
    }

    /// One record with its length in front.
    fn framed(r: &Resource) -> Vec<u8> {
        let mut out = Vec::new();
        assert!(frame_record(r, &mut out));
        out
    }

    #[test]
    fn bad_records_are_skipped_and_bad_framing_is_an_error() {
        let good = Resource::new("a", "A", ResourceKind::Hotline);
        let mut long = Resource::new("b", "B", ResourceKind::Hotline);
        long.name = "x".repeat(10_000);
        let mut messy = Resource::new("c", "C", ResourceKind::Shelter);
        messy.area.states = vec!["mn".into(), "MN".into()];
        let mut garbled = framed(&good);
        let last = garbled.len() - 1;
        garbled[last] = 9;
        let units = [
            framed(&good),
            // Over the limits: skipped, as a line would be.
            framed(&long),
            // Not a record this encoder writes (a bad tail byte; an empty record; random
            // bytes; a reference into a string table the wire does not have).
            garbled,
            vec![0],
            vec![3, 0xff, 0xfe, 0xfd],
            vec![2, 0x03, 0x00],
            // Normalised on the phone too: states upper case, once.
            framed(&messy),
        ];
        let (meta, got) = both_paths(&records_of(&units));
        assert_eq!(meta.format, RECORD_FORMAT);
        assert_eq!((meta.count, meta.skipped, meta.inactive), (2, 5, 0));
        assert_eq!(got[0], good);
        assert_eq!(got[1].area.states, vec!["MN".to_owned()]);

        // Framing errors end the decode: a record cut short, a length cut short, a length
        // over the cap (and one too long to be a length at all).
        let whole = framed(&good);
        let cut = records_of(&[whole.clone(), whole[..whole.len() - 1].to_vec()]);
        let mid_length = records_of(&[whole.clone(), vec![0x85]]);
        let over = MAX_LINE_BYTES + 1;
        let too_long = records_of(&[vec![
            (over as u8) | 0x80,
            ((over >> 7) as u8) | 0x80,
            (over >> 14) as u8,
        ]]);
        let no_end = records_of(&[vec![0x80, 0x80, 0x80, 0x80, 0x80, 0x01]]);
        for (bytes, want) in [
            (cut, PayloadError::Malformed),
            (mid_length, PayloadError::Malformed),
            (too_long, PayloadError::TooLarge),
            (no_end, PayloadError::TooLarge),
        ] {
            assert_eq!(decode_here(&bytes, &mut |_| true), Err(want.clone()));
            for workers in 1..=3 {
                let got = decode_on(
                    &bytes,
                    workers,
                    &|_: &Resource, _: &mut ()| {},
                    &mut |_, _| true,
                );
                assert_eq!(got, Err(want.clone()), "{workers} workers");
            }
        }
    }
}
